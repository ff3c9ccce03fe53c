"""Background tasks, run by `manage.py db_worker`. Each takes ids and calls a plain function.

django-tasks-db never retries a task whose worker was killed (it stays RUNNING). Ingest does
not rely on it: `start_recovery_thread()` (started in every db_worker process by
`ParallaxConfig.ready`) runs `pipeline.recover_abandoned()` at start-up and every
PARALLAX_RECOVERY_INTERVAL seconds, and every ingest task runs it first too.
"""

import logging
import os
import sys
import threading
import time

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django_tasks import task

from coverage_app.ingest import advisory_locks, pipeline

logger = logging.getLogger("coverage_app.ingest.tasks")


@task(takes_context=True)
def ingest_articles(context, article_ids: list[int]) -> dict:
    """Clean and extract a batch of articles (those still queued), each in the worker's child
    process (spaCy loaded there once), within the time limits."""
    task_id = str(context.task_result.id)
    pipeline.recover_abandoned(running_task_id=task_id)
    advisory_locks.hold_task_lock(task_id)
    try:
        return pipeline.ingest_batch(article_ids)
    finally:
        advisory_locks.release_task_lock(task_id)


@task()
def ingest_article(article_id: int) -> dict:
    """One article (kept for callers that enqueue a single id)."""
    return pipeline.ingest_batch([article_id])


def _recovery_loop(first_delay: float, interval: float) -> None:
    time.sleep(first_delay)
    while True:
        try:
            close_old_connections()
            pipeline.recover_abandoned()
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
