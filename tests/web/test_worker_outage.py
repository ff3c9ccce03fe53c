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

from coverage_app import ingest
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
        for end in (source, sink):
            try:
                end.close()
            except OSError:
                pass

    def cut(self):
        self.open = False
        with self.lock:
            for pair in self.pairs:
                for end in pair:
                    try:
                        end.shutdown(socket.SHUT_RDWR)
                        end.close()
                    except OSError:
                        pass
            self.pairs.clear()

    def restore(self):
        self.open = True

    def close(self):
        self.cut()
        self.listener.close()


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
        },
        stdout=log,  # a file, not a pipe: a full pipe would block the worker, not the outage
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def queue(number: int) -> int:
    article = ingest.create_articles([invented_article(number, paragraphs=1)], enqueue=False)[0]
    ingest.enqueue_ingest([article.article.pk])
    return article.article.pk


def is_done(pk: int) -> bool:
    return Article.objects.filter(pk=pk, status=Article.Status.DONE).exists()


def test_the_worker_rides_out_an_eight_second_database_cut_and_picks_up_new_work(proxy, tmp_path):
    log_path = tmp_path / "worker.log"
    worker = start_worker_through(proxy, log_path.open("w"))
    try:
        first = queue(1)
        wait_for(lambda: is_done(first), timeout=120)  # working, spaCy loaded

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
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    log = log_path.read_text()
    assert "database unreachable" in log
