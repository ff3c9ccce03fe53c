"""The upload page: every way in; bad input refused with a clear message, nothing half-stored."""

import http.server
import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coverage_app.ingest import pipeline
from coverage_app.models import Article, Outlet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cleaning"
UPLOAD = "/articles/upload/"
ARTICLE_TEXT = (
    "The Velmar harbour authority will meet the dockers' union on Friday, two days into a "
    'strike that has left ships waiting outside the breakwater. "Friday is the earliest we '
    'could all be in one room," authority director Jonas Pereira said on Wednesday.'
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="uploader"))  # no hashing
    return client


def fixture_file(name: str, content_type: str = "text/plain") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), content_type=content_type)


def test_uploading_needs_a_logged_in_user(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.post(UPLOAD, {"text": ARTICLE_TEXT})
    assert not Article.objects.exists()


def test_pasted_text_with_metadata_becomes_a_queued_article_and_a_task(
    reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reader.post(
            UPLOAD,
            {
                "text": ARTICLE_TEXT,
                "title": "Talks on Friday",
                "outlet": "The Harbour Gazette",
                "url": "https://www.harbourgazette.example/talks",
                "published": "2023-03-15",
            },
        )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert article.status == Article.Status.QUEUED
    assert article.title == "Talks on Friday"
    assert article.outlet.name == "The Harbour Gazette"
    assert article.outlet.domain == "harbourgazette.example"
    assert str(article.published) == "2023-03-15"
    assert article.raw == ARTICLE_TEXT
    task = DBTaskResult.objects.get()
    assert task.task_path == "coverage_app.ingest.tasks.ingest_articles"
    assert task.args_kwargs["args"] == [[article.pk]]


def test_several_files_become_one_batch_shown_with_a_progress_bar(reader):
    response = reader.post(
        UPLOAD,
        {
            "files": [
                fixture_file("blog_with_comments.txt"),
                fixture_file("article.html", "text/html"),
                fixture_file("article.md", "text/markdown"),
            ]
        },
    )
    articles = Article.objects.order_by("pk")
    assert [a.source_kind for a in articles] == ["text", "html", "markdown"]
    batch = articles[0].batch
    assert batch and all(a.batch == batch for a in articles)
    assert response["Location"] == f"{reverse('article_list')}?batch={batch}"
    page = reader.get(response["Location"])
    assert b"<progress" in page.content
    assert b"0 of 3 finished" in page.content
    assert b'hx-trigger="every 2s"' in page.content
    assert "3 articles uploaded; they are being processed…" in page.content.decode()


def test_a_finished_batch_says_so_and_its_filter_counts_only_its_articles(reader):
    reader.post(UPLOAD, {"files": [fixture_file("wire_copy.txt")]})  # an earlier upload
    response = reader.post(
        UPLOAD, {"files": [fixture_file("blog_with_comments.txt"), fixture_file("article.md")]}
    )
    Article.objects.exclude(batch="").update(status=Article.Status.DONE)
    Article.objects.filter(source_kind="markdown").update(status=Article.Status.FAILED)
    page = reader.get(response["Location"]).content.decode()
    assert "2 articles uploaded and processed (1 failed)." in page
    assert "being processed" not in page
    assert "All (2)</option>" in page
    assert Article.objects.count() == 3


def test_the_same_text_uploaded_again_is_not_duplicated_and_leads_to_the_original(reader):
    reader.post(UPLOAD, {"files": [fixture_file("wire_copy.txt")]})
    original = Article.objects.get()
    response = reader.post(UPLOAD, {"files": [fixture_file("wire_copy.txt")]}, follow=True)
    assert Article.objects.count() == 1
    assert response.redirect_chain[-1][0] == original.get_absolute_url()
    assert "already here" in response.content.decode()


def test_outlets_merge_by_normalised_name(reader):
    reader.post(UPLOAD, {"text": ARTICLE_TEXT, "outlet": "The Harbour Gazette"})
    reader.post(UPLOAD, {"text": ARTICLE_TEXT + " More.", "outlet": "harbour gazette"})
    assert Outlet.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": "   \n  "}, "empty"),
        ({}, "Paste some text"),
        ({"text": "Too short to be news."}, "does not look like an article"),
        (
            {"files": [SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(300))]},
            "PNG image",
        ),
        ({"files": [SimpleUploadedFile("data.txt", bytes(range(256)) * 8)]}, "binary"),
        ({"files": [SimpleUploadedFile("notes.docx", b"PK\x03\x04...")]}, ".docx cannot be read"),
        ({"files": [SimpleUploadedFile("empty.txt", b"")]}, "empty"),
        ({"text": ARTICLE_TEXT, "published": "2023-13-01"}, "YYYY-MM-DD"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(reader, data, message):
    response = reader.post(UPLOAD, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Article.objects.exists()
    assert not Outlet.objects.exists()


def test_one_bad_file_among_good_ones_stores_none_of_them(reader):
    response = reader.post(
        UPLOAD,
        {"files": [fixture_file("wire_copy.txt"), SimpleUploadedFile("x.txt", b"\x00\x01\x02")]},
    )
    assert response.status_code == 400
    assert "Nothing was stored" in response.content.decode()
    assert not Article.objects.exists()


def test_a_file_over_the_size_limit_is_refused(reader, settings):
    settings.PARALLAX_MAX_UPLOAD_BYTES = 1000
    response = reader.post(UPLOAD, {"files": [fixture_file("blog_with_comments.txt")]})
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not Article.objects.exists()


def test_latin1_text_is_decoded_not_refused(reader):
    text = ARTICLE_TEXT.replace("Pereira", "Pereíra") + " Le ministre a déclaré: « Ça suffit. »"
    reader.post(UPLOAD, {"files": [SimpleUploadedFile("cp.txt", text.encode("cp1252"))]})
    assert "Pereíra" in Article.objects.get().body


def test_scripts_in_html_are_never_rendered_raw(reader):
    reader.post(UPLOAD, {"files": [fixture_file("article.html", "text/html")]})
    article = pipeline.extract_article(Article.objects.get())
    assert article.body
    assert "<script>" in article.raw  # the upload is kept as it came
    assert "alert" not in article.body
    page = reader.get(article.get_absolute_url())
    assert b"<script>alert" not in page.content
    assert b"steal(document.cookie)" not in page.content


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        pages = {
            "/article": ("text/html; charset=utf-8", (FIXTURES / "article.html").read_bytes()),
            "/image": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
            "/empty": ("text/html", b"<html><body><nav>Home</nav></body></html>"),
        }
        if self.path == "/slow":
            threading.Event().wait(3)
        if self.path not in pages:
            self.send_error(404)
            return
        content_type, body = pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site(settings):
    settings.PARALLAX_FETCH_ALLOW_PRIVATE = True  # the test's own server is on loopback
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_a_fetched_page_becomes_an_article_with_its_metadata(reader, site):
    reader.post(UPLOAD, {"fetch_url": f"{site}/article"})
    article = pipeline.extract_article(Article.objects.get())  # HTML is cleaned by the worker
    assert article.title == "Oskava terminal braces for diverted cargo"
    assert article.outlet.name == "The Riverside Ledger"
    assert article.url == f"{site}/article"
    assert article.source_kind == "html"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/missing", "could not be fetched"),
        ("/image", "not an article page"),
    ],
)
def test_a_url_that_is_not_an_article_is_refused(reader, site, path, message):
    response = reader.post(UPLOAD, {"fetch_url": f"{site}{path}"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_a_fetched_page_without_article_text_fails_in_the_worker_saying_so(reader, site):
    response = reader.post(UPLOAD, {"fetch_url": f"{site}/empty"})
    assert response.status_code == 302  # stored raw: HTML is cleaned by the worker
    article = pipeline.extract_article(Article.objects.get())
    assert article.status == Article.Status.FAILED
    assert "this does not look like an article" in article.error
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "this does not look like an article" in page


def test_a_url_that_does_not_answer_is_refused(reader):
    response = reader.post(UPLOAD, {"fetch_url": "http://127.0.0.1:9/nothing"})
    assert response.status_code == 400
    assert "could not be fetched" in response.content.decode()
    assert not Article.objects.exists()


def test_a_pasted_duplicate_is_named_as_this_text_at_the_start_of_the_message(reader):
    reader.post(UPLOAD, {"text": ARTICLE_TEXT})
    response = reader.post(UPLOAD, {"text": ARTICLE_TEXT}, follow=True)
    assert Article.objects.count() == 1
    assert "This text is already here as" in response.content.decode()


def test_a_windows_1252_file_with_curly_quotes_and_euro_reads_right_and_says_so(reader):
    text = ARTICLE_TEXT + " Café owners “welcomed” the €5m plan for the quay, he added."
    response = reader.post(
        UPLOAD, {"files": [SimpleUploadedFile("quay.txt", text.encode("cp1252"))]}, follow=True
    )
    article = Article.objects.get()
    assert "Café owners “welcomed” the €5m plan" in article.body
    assert article.source_encoding == "Windows-1252 (Western European)"
    page = response.content.decode()
    assert "quay.txt was not UTF-8; it was read as Windows-1252" in page
    assert "read as Windows-1252 (Western European)" in page  # on the article page itself


def test_latin1_french_reads_right(reader):
    text = ARTICLE_TEXT + " Les élèves de l'école ont défilé jusqu'à la préfecture à midi."
    reader.post(UPLOAD, {"files": [SimpleUploadedFile("eleves.txt", text.encode("latin-1"))]})
    assert "Les élèves de l'école ont défilé jusqu'à la préfecture" in Article.objects.get().body


def test_a_utf8_file_is_read_as_utf8_without_a_notice(reader):
    text = ARTICLE_TEXT + " Café owners “welcomed” the €5m plan."
    response = reader.post(
        UPLOAD, {"files": [SimpleUploadedFile("u.txt", text.encode("utf-8"))]}, follow=True
    )
    assert Article.objects.get().source_encoding == "UTF-8"
    assert "was not UTF-8" not in response.content.decode()


def test_metadata_typed_for_one_file_wins_over_what_the_page_says(reader):
    reader.post(
        UPLOAD,
        {
            "files": [fixture_file("article.html", "text/html")],
            "title": "Typed title",
            "outlet": "The Typed Tribune",
            "published": "2023-03-15",
        },
    )
    article = Article.objects.get()
    pipeline.ingest_batch([article.pk])  # what the worker does: clean the page, then extract
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.title == "Typed title"
    assert article.outlet.name == "The Typed Tribune"
    assert str(article.published) == "2023-03-15"


def test_outlet_typed_for_several_files_applies_to_each(reader):
    reader.post(
        UPLOAD,
        {
            "files": [fixture_file("wire_copy.txt"), fixture_file("article.md", "text/markdown")],
            "outlet": "The Typed Tribune",
        },
    )
    assert [a.outlet.name for a in Article.objects.order_by("pk")] == ["The Typed Tribune"] * 2


def test_a_title_typed_for_several_files_is_refused_and_nothing_is_stored(reader):
    response = reader.post(
        UPLOAD,
        {
            "files": [fixture_file("wire_copy.txt"), fixture_file("article.md", "text/markdown")],
            "title": "One title for two articles",
        },
    )
    assert response.status_code == 400
    assert "belongs to one article" in response.content.decode()
    assert not Article.objects.exists()
