"""Every upload reaches a result: its job commits with it, recovery finds articles no task
holds, and a failed story assignment is retried or reported (issue 21, items 1 and 2)."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coverage_app.ingest import pipeline, queueing, tasks
from coverage_app.models import Article
from tests.web.test_ingest_worker import invented_article, start_worker, stop, wait_for
from tests.web.test_serve import database_url

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)

# A web process that dies the moment an upload's transaction commits: the first thing run on
# commit kills it (SIGKILL), before anything the upload itself asked to run on commit.
KILLED_RIGHT_AFTER_COMMIT = """
import os, signal
from django.db import transaction
from coverage_app.ingest import queueing
from tests.web.test_ingest_worker import invented_article
with transaction.atomic():
    transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
    queueing.create_articles([invented_article(n, paragraphs=1) for n in range(5)])
"""


def held_by_tasks(ids) -> set[int]:
    """Which of these articles a waiting or running ingest task will take."""
    held: set[int] = set()
    for row in DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]):
        held.update((row.args_kwargs.get("args") or [[]])[0])
    return held & set(ids)


def test_an_upload_committed_by_a_process_killed_at_once_still_has_its_jobs():
    run = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", KILLED_RIGHT_AFTER_COMMIT],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == -9, run.stdout + run.stderr
    ids = list(Article.objects.values_list("pk", flat=True))
    assert len(ids) == 5, "the upload did not commit"
    assert held_by_tasks(ids) == set(ids)


def test_articles_are_enqueued_in_the_uploads_transaction():
    from django.db import transaction

    with transaction.atomic():
        outcomes = queueing.create_articles([invented_article(1, paragraphs=1)])
        # Not yet committed: the task row is written by the same transaction.
        assert held_by_tasks([outcomes[0].article.pk]) == {outcomes[0].article.pk}


def backdate(ids, seconds: int = 120) -> None:
    Article.objects.filter(pk__in=ids).update(updated=timezone.now() - timedelta(seconds=seconds))


def test_a_worker_finds_and_finishes_articles_queued_with_no_task():
    outcomes = queueing.create_articles(
        [invented_article(n, paragraphs=1) for n in range(3)], enqueue=False
    )
    ids = [o.article.pk for o in outcomes]
    backdate(ids)
    assert not DBTaskResult.objects.exists()
    worker = start_worker()
    try:
        wait_for(
            lambda: Article.objects.filter(pk__in=ids, status=Article.Status.DONE).count() == 3,
            timeout=60,
        )
    finally:
        log = stop(worker)
    assert "enqueued again articles queued with no task" in log


def test_recovery_leaves_a_queued_article_alone_while_its_task_waits_or_it_is_fresh():
    queued = queueing.create_articles([invented_article(1, paragraphs=1)])[0].article
    backdate([queued.pk])
    fresh = queueing.create_articles([invented_article(2, paragraphs=1)], enqueue=False)[0]
    assert tasks.recover_abandoned() == []
    assert DBTaskResult.objects.count() == 1
    assert fresh.article.status == Article.Status.QUEUED


def test_retry_gives_a_queued_article_with_no_task_its_job_back():
    article = queueing.create_articles([invented_article(1, paragraphs=1)], enqueue=False)[0]
    pk = article.article.pk
    assert held_by_tasks([pk]) == set()
    assert queueing.requeue(article.article) is True
    assert held_by_tasks([pk]) == {pk}
    # Held by a waiting task now: Retry says it is being processed.
    assert queueing.requeue(article.article) is False
    assert DBTaskResult.objects.count() == 1


@pytest.fixture
def story_table_refusing_rows():
    """PostgreSQL refuses new stories (as a database cut mid-step would make them fail)."""
    from coverage_app.models import Story

    table = Story._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_story() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'story table unavailable'; END $$"
        )
        cursor.execute(
            f"CREATE TRIGGER refuse_story BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_story()"
        )

    def allow():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER IF EXISTS refuse_story ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS refuse_story()")

    yield allow
    allow()


def test_a_story_assignment_that_keeps_failing_is_reported_and_retry_finishes_it(
    story_table_refusing_rows,
):
    article = queueing.create_articles([invented_article(1, paragraphs=2)], enqueue=False)[0]
    article = pipeline.extract_article(article.article)
    assert article.status == Article.Status.FAILED
    assert article.error == pipeline.STORY_FAILED_MESSAGE
    assert article.quotes.exists()  # what was extracted is kept
    assert article.story_id is None

    story_table_refusing_rows()  # the database is whole again
    assert queueing.requeue(article)  # the editor's Retry
    article = pipeline.extract_article(article)
    assert article.status == Article.Status.DONE
    assert article.story_id is not None


def test_recovery_groups_a_done_article_left_without_a_story_without_extracting_again():
    article = queueing.create_articles([invented_article(1, paragraphs=2)], enqueue=False)[0]
    article = pipeline.extract_article(article.article)
    assert article.story_id is not None
    # As a database cut (or a worker killed at that moment) leaves it: done, and the step that
    # groups it and the one that would have said so both failed.
    Article.objects.filter(pk=article.pk).update(story=None)
    extracted_at = Article.objects.get(pk=article.pk).extracted_at
    assert article.pk in tasks.recover_abandoned()
    article.refresh_from_db()
    assert article.status == Article.Status.DONE and article.story_id is not None
    assert article.extracted_at == extracted_at
