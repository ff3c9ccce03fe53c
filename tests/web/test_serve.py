"""`manage.py serve` (what `make run` ends with) runs the web server and the worker together."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    host = db["HOST"]
    if host.startswith("/"):
        return f"postgres://{db['USER']}@/{db['NAME']}?host={host}&port={db['PORT']}"
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def children_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def stop_serve(serve: subprocess.Popen) -> None:
    """Stop `manage.py serve` and the web server and worker it started, however the test
    ended. serve stops its children on SIGTERM; each child leads its own process group
    (with the process Django's autoreloader forks under it), so a group left running after
    that, or after serve itself had to be killed, is killed whole."""
    if serve.poll() is not None:
        return
    groups = children_of(serve.pid)
    serve.terminate()
    try:
        serve.communicate(timeout=40)
    except subprocess.TimeoutExpired:
        serve.kill()
        serve.communicate()
    for group in groups:
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass  # stopped already


@pytest.fixture
def serve(transactional_db):
    """`manage.py serve` on a free port, against the test database; stopped after the test
    whether it passed or not."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url()},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        yield process, port
    finally:
        stop_serve(process)


def test_serve_answers_on_its_port_and_ctrl_c_stops_server_and_worker(serve):
    serve, port = serve
    deadline = time.monotonic() + 90  # a loaded machine starts slowly
    status = None
    while time.monotonic() < deadline and status is None:
        try:
            status = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status
        except OSError:
            time.sleep(0.3)
    assert status == 200
    children = children_of(serve.pid)
    assert len(children) == 2, "the web server and the worker"
    commands = [Path(f"/proc/{pid}/cmdline").read_text() for pid in children]
    assert any("db_worker" in c for c in commands) and any("runserver" in c for c in commands)
    serve.send_signal(signal.SIGINT)
    output, _ = serve.communicate(timeout=40)
    assert serve.returncode == 0
    assert "Stopped the web server and the worker." in output
    for pid in children:
        assert (
            not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
        )
