"""Ingest through real `manage.py db_worker` processes: killed mid-batch, and two at once."""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from coverage_app.ingest import queueing, tasks, uploads
from coverage_app.ingest.tasks import ingest_articles
from coverage_app.models import Article
from tests.web.test_serve import database_url

ROOT = Path(__file__).resolve().parents[2]
INGESTED = re.compile(r"ingested article (\d+)")

pytestmark = pytest.mark.django_db(transaction=True)


def invented_article(number: int, paragraphs: int) -> uploads.Upload:
    """A small invented wire story; every one differs so none is a duplicate."""
    body = [
        f"date 2023-03-{number % 27 + 1:02d} Authored by Ines Calloway via Tidewater Post,",
        f"The port council of Velmar met for the {number}th time on Monday to discuss the strike.",
    ]
    for p in range(paragraphs):
        body.append(
            f'"We will not sign anything that cuts night pay," union chair Teodor Brask said '
            f"after session {number}.{p}. Harbour director Jonas Pereira said the authority "
            f"had offered a {p + 2} percent rise and would meet the union again on Friday, "
            f"while ships waited outside the breakwater for the {p + 1}th day."
        )
    return uploads.Upload(raw="\n\n".join(body), source_name=f"story-{number}.txt")


def start_worker(**extra_env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0.2",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url(),
            "PARALLAX_RECOVERY_INTERVAL": "1",
            **extra_env,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def stop(worker: subprocess.Popen, sig=signal.SIGTERM) -> str:
    """Stop the worker's process group with `sig` (SIGKILL if it is still there after 30 s)
    and return its output."""
    for signum in (sig, signal.SIGKILL):
        if worker.poll() is None:
            try:
                os.killpg(worker.pid, signum)
            except ProcessLookupError:
                pass
        try:
            out, _ = worker.communicate(timeout=30)
            return out
        except subprocess.TimeoutExpired:
            continue
    out, _ = worker.communicate()
    return out


def wait_for(condition, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the worker"
        time.sleep(0.05)


def statuses(ids) -> Counter:
    return Counter(Article.objects.filter(pk__in=ids).values_list("status", flat=True))


def assert_no_duplicated_quotes(ids) -> None:
    for article in Article.objects.filter(pk__in=ids):
        spans = list(article.quotes.values_list("start", "end"))
        assert len(spans) == len(set(spans)), f"article {article.pk} has duplicated quotes"
        assert spans, f"article {article.pk} has no quotes"


def test_a_worker_killed_mid_batch_loses_nothing_and_each_article_is_done_once(settings):
    settings.PARALLAX_INGEST_BATCH = 8
    outcomes = queueing.create_articles(
        [invented_article(n, paragraphs=30) for n in range(6)], enqueue=False
    )
    ids = [o.article.pk for o in outcomes]
    tasks.enqueue_ingest(ids)  # one task for the whole batch

    first = start_worker()
    try:
        wait_for(lambda: statuses(ids)[Article.Status.DONE] >= 1)
    finally:
        first_log = stop(first, signal.SIGKILL)
    left = statuses(ids)
    assert left[Article.Status.DONE] < len(ids), "the batch finished before the kill"
    assert left[Article.Status.CLEANING] + left[Article.Status.EXTRACTING] >= 1
    # Stored before the kill: the killed worker may not have logged it yet, so these are
    # proved done once by their extraction time, which a second extraction would move.
    stored_before = dict(
        Article.objects.filter(pk__in=ids, status=Article.Status.DONE).values_list(
            "pk", "extracted_at"
        )
    )

    second = start_worker()
    try:
        wait_for(lambda: statuses(ids)[Article.Status.DONE] == len(ids))
    finally:
        second_log = stop(second)

    log = first_log + second_log
    done_by = Counter(int(pk) for pk in INGESTED.findall(log))
    for pk in ids:
        if pk in stored_before:
            assert done_by[pk] <= 1, log[-3000:]
            assert Article.objects.get(pk=pk).extracted_at == stored_before[pk], log[-3000:]
        else:
            assert done_by[pk] == 1, log[-3000:]
    assert_no_duplicated_quotes(ids)
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()


def test_two_workers_at_once_process_each_article_exactly_once(settings):
    settings.PARALLAX_INGEST_BATCH = 3
    outcomes = queueing.create_articles(
        [invented_article(n, paragraphs=2) for n in range(10)], enqueue=False
    )
    ids = [o.article.pk for o in outcomes]
    tasks.enqueue_ingest(ids)
    ingest_articles.enqueue(list(reversed(ids)))  # every article offered twice

    workers = [start_worker(), start_worker()]
    try:
        wait_for(
            lambda: (
                statuses(ids)[Article.Status.DONE] == len(ids)
                and not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
            )
        )
    finally:
        logs = [stop(worker) for worker in workers]

    done_by = Counter(int(pk) for pk in INGESTED.findall("".join(logs)))
    assert done_by == Counter(dict.fromkeys(ids, 1)), "".join(logs)[-3000:]
    assert_no_duplicated_quotes(ids)
