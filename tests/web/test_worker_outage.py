"""A real `manage.py db_worker` whose database connection is cut for 8 s keeps running and
picks up work queued after the database is back within seconds."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from coverage_app.ingest import queueing, tasks
from coverage_app.models import Article
from tests.web.test_ingest_worker import invented_article, wait_for

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


class CuttableProxy:
    """A TCP proxy on loopback in front of the test database; `cut()` drops every connection
    and refuses new ones until `restore()`."""

    def __init__(self, target):
        self.target = target  # ("host", port) or a Unix socket path
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _connect_upstream(self) -> socket.socket:
        if isinstance(self.target, str):
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(self.target)
            return upstream
        return socket.create_connection(self.target)

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            upstream = self._connect_upstream()
            with self.lock:
                self.pairs.append((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        # One side went away (a worker killed without saying goodbye): end both connections.
        # Shut down before closing: a bare close() would not wake the other direction's
        # thread from its recv(), so the socket would stay open and PostgreSQL would keep
        # that session until this process exits (the test database then cannot be dropped).
        _hang_up(source)
        _hang_up(sink)

    def cut(self):
        self.open = False
        with self.lock:
            for pair in self.pairs:
                for end in pair:
                    _hang_up(end)
            self.pairs.clear()

    def restore(self):
        self.open = True

    def close(self):
        self.cut()
        _hang_up(self.listener)  # shutdown() also wakes the accept() waiting on it


def _hang_up(sock: socket.socket) -> None:
    """Shut a socket down both ways (waking any thread blocked on it), then close it."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed or never connected
    sock.close()


@pytest.fixture
def proxy():
    db = connection.settings_dict
    host, port = db["HOST"], int(db["PORT"] or 5432)
    target = f"{host}/.s.PGSQL.{port}" if host.startswith("/") else (host, port)
    proxy = CuttableProxy(target)
    yield proxy
    proxy.close()


def start_worker_through(proxy, log) -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}"
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"]
        + ["--interval", "0.2"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": url,
            "PARALLAX_RECOVERY_INTERVAL": "1",
            "PARALLAX_WORKER_MAX_BACKOFF": "1",
            "PGAPPNAME": WORKER_APP,  # libpq names the worker's sessions, for worker_sessions()
        },
        stdout=log,  # a file, not a pipe: a full pipe would block the worker, not the outage
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_group(worker: subprocess.Popen) -> None:
    """SIGTERM to the worker's process group, SIGKILL if it is still there after 30 s."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if worker.poll() is not None:
            return
        try:
            os.killpg(worker.pid, sig)
        except ProcessLookupError:
            pass
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass


WORKER_APP = "parallax-outage-worker"


def worker_sessions() -> int:
    """The worker's sessions still open on the test database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s",
            [WORKER_APP],
        )
        return cursor.fetchone()[0]


def queue(number: int) -> int:
    article = queueing.create_articles([invented_article(number, paragraphs=1)], enqueue=False)[0]
    tasks.enqueue_ingest([article.article.pk])
    return article.article.pk


def is_done(pk: int) -> bool:
    return Article.objects.filter(pk=pk, status=Article.Status.DONE).exists()


def test_the_worker_rides_out_an_eight_second_database_cut_and_picks_up_new_work(proxy, tmp_path):
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = start_worker_through(proxy, log)
    try:
        first = queue(1)
        wait_for(lambda: is_done(first), timeout=120)  # working, spaCy loaded
        assert worker_sessions() >= 1  # its sessions carry its name: the last check can fail

        proxy.cut()
        time.sleep(8)
        assert worker.poll() is None, "the worker exited during the outage"
        proxy.restore()

        second = queue(2)
        queued_at = time.monotonic()
        wait_for(lambda: is_done(second), timeout=30)
        assert time.monotonic() - queued_at < 15
        assert worker.poll() is None
    finally:
        stop_group(worker)
    log = log_path.read_text()
    assert "database unreachable" in log
    # The stopped worker leaves no session behind (one left open would keep the test
    # database from being dropped at the end of the run).
    deadline = time.monotonic() + 10
    while worker_sessions() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert worker_sessions() == 0, "the stopped worker's database sessions are still open"
