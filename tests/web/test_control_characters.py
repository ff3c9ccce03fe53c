"""NUL and other control characters wherever text comes in: uploaded files (past their first
64 KiB, UTF-16), addresses, cookies, the import command, search snippets (issue 21, item 5);
and the import command refusing symbolic links (item 7)."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from coverage_app import search
from coverage_app.models import Article
from tests.web.test_ingest_worker import invented_article
from tests.web.test_stories import make_article

pytestmark = pytest.mark.django_db

# An invented article long enough that a NUL can sit past the first 64 KiB.
LONG_TEXT = invented_article(7, paragraphs=260).raw
assert len(LONG_TEXT) > 70_000


@pytest.fixture
def member(client, django_user_model):
    user = django_user_model.objects.create_user("uploader", password="a-long-test-password")
    client.force_login(user)
    return user


def upload_file(client, name: str, data: bytes):
    return client.post("/articles/upload/", {"files": [SimpleUploadedFile(name, data)]})


def test_a_file_with_a_nul_after_its_first_64_kib_is_stored_without_it(client, member):
    text = LONG_TEXT[:66_000] + "\x00" + LONG_TEXT[66_000:]
    response = upload_file(client, "late-nul.txt", text.encode())
    assert response.status_code == 302
    article = Article.objects.get()
    assert "\x00" not in article.raw and "\x00" not in article.body
    assert "Teodor Brask" in article.body


def test_a_utf16_file_holding_u0000_and_other_controls_is_stored_without_them(client, member):
    text = LONG_TEXT[:3000].replace("Monday", "Mon\x00day\x02\x03")
    response = upload_file(client, "wide.txt", text.encode("utf-16"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.source_encoding == "UTF-16"
    assert "on Monday to discuss" in article.body


def test_an_address_holding_nul_is_not_found(client, member):
    assert client.get("/people/%00/").status_code == 404
    assert client.get("/articles/%00/").status_code == 404


def test_a_session_cookie_holding_nul_is_ignored(client):
    response = client.get(
        "/", HTTP_COOKIE="sessionid=abcdefghij\x00klmnopqrstuvwxyz; csrftoken=x\x00y"
    )
    assert response.status_code in (200, 302)


def test_search_snippets_mark_only_matches_even_in_text_holding_the_markers(db):
    make_article(
        "Sarn Courier",
        "Ferry fares",
        "The council \x02argued\x03 about ferry fares; the \x02harbour\x03 board said nothing.",
        date(2024, 5, 13),
    )
    (hit,) = search.search("ferry").articles
    assert hit.snippet.count("<mark>") == hit.snippet.count("</mark>") == 1
    assert "<mark>ferry</mark>" in hit.snippet


def write(folder, name, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


def test_import_articles_reads_a_file_with_a_late_nul_and_queues_every_file(tmp_path):
    write(tmp_path, "a-first.txt", invented_article(1, paragraphs=2).raw.encode())
    late = LONG_TEXT[:66_000] + "\x00" + LONG_TEXT[66_000:]
    write(tmp_path, "b-late-nul.txt", late.encode())
    out = io.StringIO()
    call_command("import_articles", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert "2 created" in out.getvalue(), out.getvalue()
    ids = set(Article.objects.values_list("pk", flat=True))
    queued = set()
    for row in DBTaskResult.objects.filter(status="READY"):
        queued.update(row.args_kwargs["args"][0])
    assert queued == ids


def test_import_articles_refuses_symbolic_links_unless_asked(tmp_path):
    target = write(tmp_path, "outside.txt", invented_article(2, paragraphs=2).raw.encode())
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "link.txt").symlink_to(target)
    out = io.StringIO()
    call_command("import_articles", str(folder), stdout=out, stderr=io.StringIO())
    assert "a symbolic link" in out.getvalue()
    assert not Article.objects.exists()
    call_command(
        "import_articles", str(folder), "--follow-links", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Article.objects.count() == 1


def test_a_shift_jis_file_is_refused_saying_its_encoding_could_not_be_read(client, member):
    text = "港湾局は月曜日、組合と金曜日に会合を開くと発表した。船は防波堤の外で待機している。" * 8
    response = upload_file(client, "harbour.txt", text.encode("shift_jis"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "encoding could not be read" in page and "Shift JIS (Japanese)" in page
    assert "does not look like an article" not in page
    assert not Article.objects.exists()
