"""Cleaning and extraction run in a child process that dies with its worker and is stopped at
its time limit, the worker going on with the next article (issue 21 items 3 and 6, issue 20
item 7)."""

import os
import signal
import time

import pytest

from coverage_app.ingest import pipeline, queueing, uploads
from coverage_app.ingest.advisory_locks import ARTICLE_LOCKS, try_lock, unlock
from coverage_app.ingest.child import Child
from coverage_app.models import Article
from tests.web.test_ingest_html_in_worker import EMPTY_TAGS
from tests.web.test_ingest_worker import invented_article, start_worker, stop, wait_for
from tests.web.test_serve import children_of

pytestmark = pytest.mark.django_db(transaction=True)


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    for child in children_of(pid):
        found |= {child} | descendants(child)
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (dead, not yet reaped by init) counts as gone.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


def test_a_worker_killed_while_cleaning_leaves_no_child_holding_its_session():
    """Reproduces the report: `kill -9` on db_worker mid-clean left the cleaning child alive,
    holding the worker's database session (and the article's advisory lock) until it ended."""
    upload = uploads.Upload(raw=EMPTY_TAGS, kind="html", source_name="tags.html")
    article = queueing.create_articles([upload])[0].article
    worker = start_worker(PARALLAX_CLEAN_TIMEOUT="120")
    try:
        wait_for(
            lambda: (
                Article.objects.get(pk=article.pk).status == Article.Status.CLEANING
                and descendants(worker.pid)
            ),
            timeout=60,
        )
        time.sleep(1)  # the child is cleaning now
        below = descendants(worker.pid)
        os.kill(worker.pid, signal.SIGKILL)  # the worker alone, as `kill -9 PID` does
        worker.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in below) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in below if alive(pid)]
        assert not left, f"processes left by the killed worker: {left}"
        # Nobody holds the article any more: its session ended with the worker.
        wait_for(lambda: try_lock(ARTICLE_LOCKS, article.pk), timeout=5)
        unlock(ARTICLE_LOCKS, article.pk)
    finally:
        for pid in descendants(worker.pid) | {worker.pid}:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        stop(worker)


def test_an_article_over_the_extraction_time_limit_fails_saying_why_and_the_next_is_done(
    settings,
):
    settings.PARALLAX_EXTRACT_TIMEOUT = 3
    long, short = (
        o.article
        for o in queueing.create_articles(
            [invented_article(1, paragraphs=1200), invented_article(2, paragraphs=1)],
            enqueue=False,
        )
    )
    pipeline.CHILD.call("load", settings.SPACY_MODEL, timeout=600)  # model loading not counted
    started = time.monotonic()
    counts = pipeline.ingest_batch([long.pk, short.pk])
    took = time.monotonic() - started
    long.refresh_from_db()
    short.refresh_from_db()
    assert counts == {"done": 1, "failed": 1, "skipped": 0}
    assert long.status == Article.Status.FAILED
    assert "took longer than the 3 s limit and was stopped" in long.error
    assert short.status == Article.Status.DONE and short.quotes.exists()
    assert took < 120


def test_the_child_is_a_fresh_interpreter_without_the_workers_database_connection():
    """Spawned, not forked from a worker that runs threads and holds a connection."""
    from django.db import connection

    connection.ensure_connection()  # this process holds a database connection
    database_socket = os.readlink(f"/proc/self/fd/{connection.connection.fileno()}")
    pipeline.CHILD.stop()  # a child started now, while the connection is open
    assert pipeline.CHILD.call("sleep", 0, timeout=60) == 0
    pid = pipeline.CHILD.pid
    with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
        assert b"spawn_main" in cmdline.read()
    held = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
    assert database_socket.startswith("socket:") and database_socket not in held


def test_a_child_started_with_preload_loads_the_model_before_its_first_call(settings):
    """The model loads while the worker starts up, not when the first article waits for it
    (issue 21 item 6 cost half of bench_ingest's throughput in start-up, spaCy loaded only
    when the first task asked)."""
    child = Child()
    try:
        child.start(preload=settings.SPACY_MODEL)
        assert child.call("warm", timeout=600) == [settings.SPACY_MODEL]
        child.stop()  # a child started again (after a time-out) preloads too
        assert child.call("warm", timeout=600) == [settings.SPACY_MODEL]
        assert Child().call("warm", timeout=60) == []  # and one not asked to does not
    finally:
        child.stop()


def test_a_worker_starts_its_spawned_child_before_any_task():
    def spawned() -> list[int]:
        found = []
        for pid in descendants(worker.pid):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    if b"spawn_main" in cmdline.read():
                        found.append(pid)
            except FileNotFoundError:
                pass
        return found

    worker = start_worker()
    try:
        wait_for(spawned, timeout=30)  # no article queued: started with the worker
    finally:
        stop(worker)
