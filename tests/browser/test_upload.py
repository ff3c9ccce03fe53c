"""A person uploads two files in the browser and watches both get done (a real db_worker runs
beside the live server, so the statuses on the page change through htmx polling)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from coverage_app.models import Article
from tests.web.test_serve import database_url

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "cleaning"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(live_server):
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url()},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    yield process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def test_two_uploaded_files_show_progress_and_end_done(logged_in_page, live_server, worker):
    page = logged_in_page
    page.goto(f"{live_server.url}/articles/upload/")
    page.set_input_files(
        "input[name=files]",
        [str(FIXTURES / "blog_with_comments.txt"), str(FIXTURES / "wire_copy.txt")],
    )
    page.click("form.upload-form button[type=submit]")
    page.wait_for_url("**/articles/?batch=*")
    assert page.locator("progress").count() == 1
    assert page.locator("#article-rows tbody tr").count() == 2

    # The page itself polls; nothing reloads it.
    done = page.locator('#article-rows [data-status="done"]')
    done.nth(1).wait_for(timeout=60_000)
    assert done.count() == 2
    assert "2 of 2 finished" in page.locator(".batch-progress").inner_text()
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}

    page.locator("#article-rows td > a", has_text="Velmar dockers walk out").click()
    assert page.locator(".article-body").inner_text().startswith("Dock workers at the port")
    assert "Leave a Reply" not in page.locator(".article-body").inner_text()
    page.get_by_text("What cleaning removed").click()
    assert page.get_by_text("Comment by harbourwatcher").first.is_visible()
