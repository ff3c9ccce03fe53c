"""Background tasks, run by `manage.py db_worker`. Each takes ids and calls a plain function.

django-tasks-db never retries a task whose worker was killed (it stays RUNNING). Ingest does
not rely on it: `start_recovery_thread()` (started in every db_worker process by
`ParallaxConfig.ready`) runs `recover_abandoned()` at start-up and every
PARALLAX_RECOVERY_INTERVAL seconds, and every ingest task runs it first too. Articles are
queued for ingest here too (`enqueue_ingest`, a few per task), so the task and its queue are
one module: `queueing` (the web side) imports it, and it imports only `pipeline` (the work).
"""

import hashlib
import logging
import os
import sys
import threading
import time
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from coverage_app import comparisons, provenance
from coverage_app.ingest import advisory_locks, pipeline
from coverage_app.ingest.advisory_locks import (
    ARTICLE_LOCKS,
    TASK_LOCKS,
    task_lock_number,
    try_lock,
    unlock,
)
from coverage_app.models import Article, Story

logger = logging.getLogger("coverage_app.ingest.tasks")


# Seconds an article may sit `queued` with no task before recovery enqueues it again: longer
# than any caller that stores first and enqueues later (import_articles, load_demo) takes.
ORPHAN_GRACE = 30


@task(takes_context=True)
def ingest_articles(context, article_ids: list[int]) -> dict:
    """Clean and extract a batch of articles (those still queued), each in the worker's child
    process (spaCy loaded there once), within the time limits."""
    task_id = str(context.task_result.id)
    recover_abandoned(running_task_id=task_id)
    advisory_locks.hold_task_lock(task_id)
    try:
        return pipeline.ingest_batch(article_ids)
    finally:
        advisory_locks.release_task_lock(task_id)


def batch_size() -> int:
    return getattr(settings, "PARALLAX_INGEST_BATCH", 8)


def enqueue_ingest(article_ids: Iterable[int]) -> None:
    """Enqueue ingest tasks for these articles, a few per task so spaCy can batch them."""
    ids = list(article_ids)
    size = batch_size()
    for start in range(0, len(ids), size):
        ingest_articles.enqueue(ids[start : start + size])


# --- recovery of the work of workers that died ---------------------------------------------


def recover_abandoned(*, running_task_id: str = "") -> list[int]:
    """Put back to `queued` (and enqueue again) the work of workers that died.

    An article in a running state whose advisory lock nobody holds was left by a dead worker.
    An ingest task left RUNNING whose task lock nobody holds is marked failed, and its articles
    that are still queued are enqueued again. Safe to run any time, from any process, as long
    as this database session holds no article locks (`running_task_id`: the task calling it,
    whose own lock this session holds).
    """
    orphaned: list[int] = []
    with transaction.atomic():
        running = Article.objects.select_for_update(skip_locked=True).filter(
            status__in=pipeline.RUNNING
        )
        locked_now = [
            pk for pk in running.values_list("pk", flat=True) if try_lock(ARTICLE_LOCKS, pk)
        ]
        if locked_now:
            Article.objects.filter(pk__in=locked_now).update(
                status=Article.Status.QUEUED, updated=timezone.now()
            )
    for pk in locked_now:
        unlock(ARTICLE_LOCKS, pk)
    orphaned.extend(locked_now)

    task_path = ingest_articles.module_path
    dead_tasks = []
    tasks = DBTaskResult.objects.filter(status="RUNNING", task_path=task_path)
    for row in tasks.exclude(pk=running_task_id or None):
        number = task_lock_number(str(row.id))
        if try_lock(TASK_LOCKS, number):
            unlock(TASK_LOCKS, number)
            dead_tasks.append(row)
    for row in dead_tasks:
        ids = (row.args_kwargs.get("args") or [[]])[0]
        orphaned.extend(
            Article.objects.filter(pk__in=ids, status=Article.Status.QUEUED).values_list(
                "pk", flat=True
            )
        )
        row.set_failed(
            RuntimeError("The worker running this task stopped; its articles were queued again.")
        )
    orphaned = sorted(set(orphaned))
    if orphaned:
        logger.warning("re-queued articles left by a stopped worker: %s", orphaned)
        enqueue_ingest(orphaned)
    return sorted(set(orphaned) | set(recover_unfinished()))


def recover_unfinished() -> list[int]:
    """Finish what no task will: enqueue again articles `queued` for over ORPHAN_GRACE seconds
    that no waiting or running task holds (a process killed between storing an article and
    enqueueing its job, before both were one transaction; an import stopped half-way), and put
    into a story the `done` articles that have none and that no worker holds (one killed, or a
    database that went away, between storing the article and grouping it)."""
    stale = timezone.now() - timedelta(seconds=ORPHAN_GRACE)
    with transaction.atomic():
        live = ids_with_live_task()
        queued = [
            pk
            for pk in Article.objects.select_for_update(skip_locked=True)
            .filter(status=Article.Status.QUEUED, updated__lt=stale)
            .values_list("pk", flat=True)
            if pk not in live
        ]
        if queued:
            Article.objects.filter(pk__in=queued).update(updated=timezone.now())
            enqueue_ingest(queued)
    if queued:
        logger.warning("enqueued again articles queued with no task: %s", queued)
    ungrouped = Article.objects.filter(
        status=Article.Status.DONE, story__isnull=True, story_pinned=False
    ).values_list("pk", flat=True)
    grouped = [pk for pk in ungrouped if pipeline.group_ungrouped(pk)]
    return sorted(queued + grouped)


def ids_with_live_task() -> set[int]:
    """The ids of articles some ingest task not yet finished (waiting or running) will take."""
    ids: set[int] = set()
    rows = DBTaskResult.objects.filter(
        task_path=ingest_articles.module_path, status__in=["READY", "RUNNING"]
    ).values_list("args_kwargs", flat=True)
    for args_kwargs in rows:
        args = (args_kwargs or {}).get("args") or [[]]
        ids.update(int(pk) for pk in (args[0] or []))
    return ids


@task()
def refresh_story_provenance(story_id: int) -> bool:
    """Work out again where a story's text comes from (after an editor changed the story)."""
    return provenance.refresh(story_id) is not None


def request_provenance_refresh(story: Story, articles: list[Article]) -> None:
    """Web side: ask the worker to work the story out again, once per stale state."""
    wanted = provenance.stamp(a for a in articles if a.status == Article.Status.DONE)
    if story.provenance.get("pending") == wanted:
        return
    story.provenance = {**story.provenance, "pending": wanted}
    Story.objects.filter(pk=story.pk).update(provenance=story.provenance)
    transaction.on_commit(lambda: refresh_story_provenance.enqueue(story.pk))


@task()
def refresh_story_comparisons(story_id: int) -> int:
    """Align every pair of a story's finished articles not stored yet or stale."""
    return pipeline.refresh_story_comparisons(story_id)


@task()
def refresh_comparisons(article_ids: list[int]) -> int:
    """Align every pair of these finished articles not stored yet or stale (a speaker's)."""
    return comparisons.refresh_among(Article.objects.filter(pk__in=article_ids))


ALIGN_ASKED_SECONDS = 300  # after this a page that still finds the pairs missing asks again


def request_comparisons(missing: list[tuple[Article, Article]], story: Story | None = None) -> bool:
    """Web side: ask the worker to align the pairs a page found missing (`stories.stored_links`),
    the story's when given, else these articles', once per stale state (Django's cache keeps
    what was asked). Returns whether it asked now."""
    state = comparisons.stamp_parts() + ",".join(
        f"{a.pk}:{a.extracted_at}|{b.pk}:{b.extracted_at}"
        for a, b in sorted(missing, key=lambda p: (p[0].pk, p[1].pk))
    )
    digest = hashlib.sha256(state.encode()).hexdigest()[:32]
    key = f"parallax:align:{story.pk if story else '-'}:{digest}"
    if not missing or not cache.add(key, True, timeout=ALIGN_ASKED_SECONDS):
        return False
    if story is not None:
        transaction.on_commit(lambda: refresh_story_comparisons.enqueue(story.pk))
    else:
        ids = sorted({a.pk for pair in missing for a in pair})
        transaction.on_commit(lambda: refresh_comparisons.enqueue(ids))
    return True


def _recovery_loop(first_delay: float, interval: float) -> None:
    time.sleep(first_delay)
    while True:
        try:
            close_old_connections()
            recover_abandoned()
        except OperationalError as exc:  # the database is away: the worker says so once a try
            logger.warning("ingest recovery skipped, database unreachable: %s", exc)
        except Exception:  # noqa: BLE001 - keep the loop alive (e.g. database not migrated yet)
            logger.exception("ingest recovery failed; trying again later")
        finally:
            connection.close()
        time.sleep(interval)


def start_recovery_thread() -> threading.Thread:
    """Run ingest recovery in the background of this process (a db_worker)."""
    interval = float(
        os.environ.get("PARALLAX_RECOVERY_INTERVAL")
        or getattr(settings, "PARALLAX_RECOVERY_INTERVAL", 30)
    )
    thread = threading.Thread(
        target=_recovery_loop, args=(0.5, interval), name="ingest-recovery", daemon=True
    )
    thread.start()
    return thread


def is_worker_process(argv: list[str] | None = None) -> bool:
    argv = sys.argv if argv is None else argv
    return len(argv) > 1 and argv[1] == "db_worker"
