"""`make run` with DATABASE_URL creates a missing database, or says how to create it."""

import uuid
from urllib.parse import quote

import psycopg
import pytest

from coverage_app import embedded_db
from coverage_app.database import DatabaseSetupError, ensure_database


@pytest.fixture
def server():
    """The embedded server's socket folder and port, and a connection to its `postgres`."""
    info = embedded_db.server().get_postmaster_info()
    host, port = str(info.socket_dir), info.port or 5432
    with psycopg.connect(host=host, port=port, user="postgres", autocommit=True) as conn:
        yield host, port, conn


def url(host: str, port: int, name: str, user: str = "postgres") -> str:
    return f"postgres://{user}@{quote(host, safe='')}:{port}/{name}"


def exists(conn, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def test_a_missing_database_is_created_and_a_second_run_finds_it(server):
    host, port, conn = server
    name = f"newcomer_{uuid.uuid4().hex[:10]}"
    try:
        assert ensure_database(url(host, port, name)) == f"created database {name!r}"
        assert exists(conn, name)
        assert ensure_database(url(host, port, name)) == f"database {name!r} exists"
    finally:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_a_role_that_may_not_create_databases_is_told_to_run_createdb(server):
    host, port, conn = server
    role, name = f"reader_{uuid.uuid4().hex[:8]}", f"newcomer_{uuid.uuid4().hex[:10]}"
    conn.execute(f'CREATE ROLE "{role}" LOGIN NOCREATEDB')
    try:
        with pytest.raises(DatabaseSetupError) as error:
            ensure_database(url(host, port, name, user=role))
        assert f"Database {name!r} does not exist and could not be created" in str(error.value)
        assert f"createdb -h {host} -p {port} -U {role} {name}" in str(error.value)
        assert not exists(conn, name)
    finally:
        conn.execute(f'DROP ROLE "{role}"')


def test_a_server_that_does_not_answer_is_reported_as_such():
    with pytest.raises(DatabaseSetupError, match="Could not connect to the PostgreSQL"):
        ensure_database("postgres://postgres@127.0.0.1:1/parallax")
