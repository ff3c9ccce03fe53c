"""HTML is not parsed in the web request: the upload is stored raw and returns at once; the
worker cleans it within a time limit, and finds duplicates and empty pages there."""

import time

import pytest

from coverage_app.ingest import pipeline
from coverage_app.models import Article, Outlet

pytestmark = pytest.mark.django_db

UPLOAD = "/articles/upload/"
STORY = (
    "<html><head><title>Lock gates close for repairs</title>"
    '<meta property="og:site_name" content="The Canal Courier"></head><body><article>'
    + "<p>The lock keepers closed the upper gates on Monday for a month of repairs, and "
    "narrowboats will moor below the flight until the work is done, the trust said.</p>"
    * 4
    + "</article></body></html>"
)
# Megabytes of empty tags: linear to store, very slow for an HTML parser to make sense of.
EMPTY_TAGS = "<html><body>" + "<b></b>" * 700_000 + "</body></html>"


@pytest.fixture
def uploader(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="canal"))
    return client


def upload_html(client, name: str, html: str, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        UPLOAD, {"files": [SimpleUploadedFile(name, html.encode(), "text/html")], **extra}
    )


def test_a_page_of_megabytes_of_empty_tags_is_stored_raw_without_parsing_in_the_request(
    uploader,
):
    started = time.monotonic()
    response = upload_html(uploader, "tags.html", EMPTY_TAGS)
    took = time.monotonic() - started
    assert response.status_code == 302
    assert took < 2, f"the request took {took:.1f} s"
    article = Article.objects.get()
    assert article.status == Article.Status.QUEUED
    assert article.raw == EMPTY_TAGS and article.body == ""


def test_the_worker_stops_cleaning_that_takes_too_long_and_says_why(uploader, settings):
    settings.PARALLAX_CLEAN_TIMEOUT = 1
    upload_html(uploader, "tags.html", EMPTY_TAGS)
    started = time.monotonic()
    article = pipeline.extract_article(Article.objects.get())
    assert time.monotonic() - started < 10
    assert article.status == Article.Status.FAILED
    assert "took longer than 1 s and was stopped" in article.error


def test_the_worker_cleans_html_and_reads_its_metadata(uploader):
    upload_html(uploader, "locks.html", STORY)
    article = pipeline.extract_article(Article.objects.get())
    assert article.status == Article.Status.DONE, article.error
    assert article.title == "Lock gates close for repairs"
    assert article.outlet.name == "The Canal Courier"
    assert "upper gates on Monday" in article.body
    assert not Outlet.objects.filter(name="Unknown outlet").exists()


def test_a_duplicate_found_by_the_worker_is_reported_on_the_article_with_a_link(uploader):
    upload_html(uploader, "locks.html", STORY)
    original = pipeline.extract_article(Article.objects.get())
    upload_html(uploader, "locks-again.html", STORY.replace("<html>", "<html lang=en>"))
    again = pipeline.extract_article(Article.objects.exclude(pk=original.pk).get())
    assert again.status == Article.Status.FAILED
    assert again.duplicate_of == original
    assert "already here" in again.error and again.body == ""
    page = uploader.get(again.get_absolute_url()).content.decode()
    assert "this text is already here" in page
    assert original.get_absolute_url() in page


def test_an_editor_removes_a_duplicate_copy_instead_of_retrying_it(client, editor_user):
    client.force_login(editor_user)
    upload_html(client, "locks.html", STORY)
    original = pipeline.extract_article(Article.objects.get())
    upload_html(client, "locks-again.html", STORY.replace("<html>", "<html lang=en>"))
    again = pipeline.extract_article(Article.objects.exclude(pk=original.pk).get())
    page = client.get(again.get_absolute_url()).content.decode()
    assert "Remove this copy" in page and "Retry" not in page
    response = client.post(f"/articles/{again.pk}/remove/", follow=True)
    assert response.redirect_chain[-1][0] == original.get_absolute_url()
    assert "Removed" in response.content.decode()
    assert list(Article.objects.all()) == [original]


def test_an_article_that_did_not_fail_cannot_be_removed(client, editor_user):
    client.force_login(editor_user)
    upload_html(client, "locks.html", STORY)
    done = pipeline.extract_article(Article.objects.get())
    assert "Remove" not in client.get(done.get_absolute_url()).content.decode()
    response = client.post(f"/articles/{done.pk}/remove/", follow=True)
    assert "can be removed" in response.content.decode()
    assert Article.objects.filter(pk=done.pk).exists()


def test_a_member_may_not_remove_a_failed_article(uploader, client, django_user_model):
    upload_html(uploader, "locks.html", STORY)
    original = pipeline.extract_article(Article.objects.get())
    upload_html(uploader, "locks-again.html", STORY.replace("<html>", "<html lang=en>"))
    again = pipeline.extract_article(Article.objects.exclude(pk=original.pk).get())
    assert "Remove" not in uploader.get(again.get_absolute_url()).content.decode()
    assert uploader.post(f"/articles/{again.pk}/remove/").status_code == 403
    assert Article.objects.filter(pk=again.pk).exists()


# Markdown built to be slow to convert: 120 KB of unclosed link openers took 10.8 s to clean.
SLOW_MARKDOWN = "[a](" * 30_000
STORY_MARKDOWN = "# Lock gates close for repairs\n\n" + (
    "The lock keepers closed the *upper gates* on Monday for a month of repairs, and "
    "narrowboats will moor below the flight until the work is done, the trust said.\n\n" * 4
)


def test_markdown_is_stored_raw_and_converted_by_the_worker(uploader):
    from django.core.files.uploadedfile import SimpleUploadedFile

    started = time.monotonic()
    response = uploader.post(
        UPLOAD, {"files": [SimpleUploadedFile("slow.md", SLOW_MARKDOWN.encode(), "text/markdown")]}
    )
    took = time.monotonic() - started
    assert response.status_code == 302
    assert took < 2, f"the request took {took:.1f} s"
    slow = Article.objects.get()
    assert slow.status == Article.Status.QUEUED and slow.body == ""

    uploader.post(UPLOAD, {"files": [SimpleUploadedFile("locks.md", STORY_MARKDOWN.encode())]})
    article = Article.objects.exclude(pk=slow.pk).get()
    assert article.body == ""  # nothing converted in the request
    article = pipeline.extract_article(article)
    assert article.status == Article.Status.DONE, article.error
    assert "upper gates on Monday" in article.body and "*" not in article.body
