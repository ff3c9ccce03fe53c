"""`manage.py db_worker`: django-tasks-db's worker, made to ride out a database outage.

The stock worker exits on the first OperationalError (a restarted PostgreSQL, a network cut).
This one logs it, drops the broken connection and tries again with backoff (0.5 s doubling to
PARALLAX_WORKER_MAX_BACKOFF, 5 s by default), so queued work is picked up within seconds of the
database's return. A task that was running when the connection went is left RUNNING with its
session gone; ingest recovery (`ingest.tasks.recover_abandoned`) queues its articles again.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker

from coverage_app.ingest import pipeline

logger = logging.getLogger("coverage_app.worker")

FIRST_BACKOFF = 0.5


class ResilientWorker(db_worker.Worker):
    def run(self) -> None:
        # The child that cleans and extracts loads spaCy while this process starts working
        # (here, not in handle(): with --reload only the process that runs tasks gets here).
        pipeline.start_child()
        backoff = FIRST_BACKOFF
        ceiling = float(getattr(settings, "PARALLAX_WORKER_MAX_BACKOFF", 5))
        while self.running:
            started = time.monotonic()
            try:
                super().run()
                return  # --batch or --max-tasks reached
            except (OperationalError, InterfaceError) as exc:
                if not self.running:
                    return
                if time.monotonic() - started > 30:  # it had been working: start over
                    backoff = FIRST_BACKOFF
                logger.warning(
                    "database unreachable (%s); worker %s retries in %.1f s",
                    str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
                    self.worker_id,
                    backoff,
                )
                connections.close_all()
                time.sleep(backoff)
                backoff = min(backoff * 2, ceiling)
            finally:
                self.running_task = False


class Command(db_worker.Command):
    help = db_worker.Command.help + " (reconnecting with backoff when the database goes away)"

    def handle(self, *args, **options) -> None:
        # The stock handle() builds its module's `Worker`: ours, for the length of this call.
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
