"""Create the database DATABASE_URL names when its server has no such database yet.

`make run` calls this before `migrate`, so `DATABASE_URL=postgres://.../parallax make run`
works on a server that has never seen `parallax`. It connects to the server's `postgres`
maintenance database and runs CREATE DATABASE when the name is missing; when the role may not
create databases (or the server does not answer) it says so and how to do it by hand.

    python -m coverage_app.database ensure   no-op when DATABASE_URL is unset (embedded server)
"""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql


class DatabaseSetupError(Exception):
    """The database is missing and could not be created; the message says what to do."""


def _connect_kwargs(config: dict, dbname: str) -> dict:
    kwargs = {
        "dbname": dbname,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "connect_timeout": 5,
    }
    return {key: value for key, value in kwargs.items() if value is not None}


def _by_hand(config: dict) -> str:
    name = config["NAME"]
    options = [f"-h {config['HOST']}"] if config.get("HOST") else []
    if config.get("PORT"):
        options.append(f"-p {config['PORT']}")
    if config.get("USER"):
        options.append(f"-U {config['USER']}")
    return f"createdb {' '.join([*options, name])}"


def ensure_database(url: str) -> str:
    """Create the database `url` names if it does not exist; what happened, as a sentence.

    Raises DatabaseSetupError with a message for a person when it is missing and cannot be
    created (no server answering, no right to create databases).
    """
    config = dj_database_url.parse(url)
    name = config.get("NAME")
    if not name:
        raise DatabaseSetupError("DATABASE_URL names no database (postgres://HOST:PORT/NAME).")
    try:
        with psycopg.connect(**_connect_kwargs(config, name)):
            return f"database {name!r} exists"
    except psycopg.OperationalError as exc:
        if f'database "{name}" does not exist' not in str(exc):
            raise DatabaseSetupError(
                f"Could not connect to the PostgreSQL in DATABASE_URL: {exc}".strip()
            ) from exc
    try:
        with psycopg.connect(**_connect_kwargs(config, "postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        raise DatabaseSetupError(
            f"Database {name!r} does not exist and could not be created ({exc}). "
            f"Create it by hand, e.g. `{_by_hand(config)}`, or use a role allowed to."
        ) from exc
    return f"created database {name!r}"


def main(argv: list[str]) -> int:
    if argv[1:] != ["ensure"]:
        print(__doc__)
        return 2
    url = os.environ.get("DATABASE_URL")
    if not url:
        return 0  # the embedded server: its `postgres` database always exists
    try:
        print(ensure_database(url))
    except DatabaseSetupError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
