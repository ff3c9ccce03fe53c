"""A failed background task is stored with its error and shown in the admin."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from tests.web.tasks_for_tests import always_fails
from tests.web.test_serve import database_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_is_stored_with_its_error_and_listed_in_the_admin(admin_client):
    result = always_fails.enqueue("the feed was empty")
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr[-2000:]
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED"
    assert row.exception_class_path == "builtins.ValueError"
    assert "the feed was empty" in row.traceback

    listing = admin_client.get("/admin/django_tasks_database/dbtaskresult/")
    assert listing.status_code == 200
    assert b"always_fails" in listing.content
    detail = admin_client.get(f"/admin/django_tasks_database/dbtaskresult/{row.pk}/change/")
    assert b"the feed was empty" in detail.content
