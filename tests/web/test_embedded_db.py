"""The embedded PostgreSQL: found running or started, and never blocked by a crashed run."""

import os
import signal
import time

import psycopg
import pytest

from coverage_app import embedded_db


def query_one(data_dir):
    info = embedded_db.server(data_dir).get_postmaster_info()
    with psycopg.connect(host=str(info.socket_dir), port=info.port, user="postgres") as conn:
        return conn.execute("select 1").fetchone()[0]


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "pg" / "data"
    yield path
    embedded_db.stop(path)
    embedded_db.server.cache_clear()


def test_a_killed_server_leaves_no_lock_that_blocks_the_next_start(data_dir):
    assert query_one(data_dir) == 1
    pid = embedded_db.server(data_dir).get_pid()
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    embedded_db.server.cache_clear()
    assert query_one(data_dir) == 1
    assert embedded_db.server(data_dir).get_pid() != pid


def test_a_pidfile_naming_another_program_is_treated_as_stale(data_dir):
    assert query_one(data_dir) == 1
    pidfile = (data_dir / "postmaster.pid").read_text().splitlines()
    embedded_db.stop(data_dir)
    (data_dir / "postmaster.pid").write_text("\n".join([str(os.getpid()), *pidfile[1:]]) + "\n")
    assert query_one(data_dir) == 1


def test_a_second_caller_finds_the_running_server_instead_of_starting_another(data_dir):
    first = embedded_db.server(data_dir).get_pid()
    embedded_db.server.cache_clear()
    assert embedded_db.server(data_dir).get_pid() == first
