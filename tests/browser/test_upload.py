"""A person uploads two files in the browser and watches both get done (a real db_worker runs
beside the live server, so the statuses on the page change through htmx polling)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from coverage_app.models import Article
from tests.browser.conftest import log_in
from tests.web.annotation_fixtures import make_article
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
    for n in range(3):  # articles from before: the upload's list counts only its own two
        make_article(f"An earlier report number {n} on the ferry timetable.", "Quay Post", "")
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
    progress = page.locator(".batch-progress")
    progress.get_by_text("2 articles uploaded and processed.").wait_for()
    assert "2 of 2 finished" in progress.inner_text()
    assert "being processed" not in page.locator("main").inner_text()
    assert page.locator("#status-filter option").first.inner_text() == "All (2)"
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}

    page.locator("#article-rows td > a", has_text="Velmar dockers walk out").click()
    assert page.locator(".article-body").inner_text().startswith("Dock workers at the port")
    assert "Leave a Reply" not in page.locator(".article-body").inner_text()
    page.get_by_text("What cleaning removed").click()
    assert page.get_by_text("Comment by harbourwatcher").first.is_visible()


def test_an_editor_removes_a_failed_duplicate_copy_from_its_page(page, live_server, editor_user):
    original = make_article("Dockers at the port of Velmar walked out on Friday.", "Quay Post",
                            "Velmar dockers walk out")  # fmt: skip
    copy = make_article("", "Quay Post", "Velmar dockers walk out (again)")
    Article.objects.filter(pk=copy.pk).update(
        status=Article.Status.FAILED,
        duplicate_of=original,
        error="This text is already here as another article: nothing new was stored.",
    )
    log_in(page, live_server, "redactor", "a-long-test-password")
    page.goto(f"{live_server.url}{copy.get_absolute_url()}")
    assert page.get_by_role("button", name="Retry").count() == 0  # it would only fail again
    page.get_by_role("button", name="Remove this copy").click()
    page.wait_for_url(f"{live_server.url}{original.get_absolute_url()}")
    assert "Removed" in page.inner_text("body")
    assert not Article.objects.filter(pk=copy.pk).exists()
