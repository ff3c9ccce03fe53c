"""`manage.py extract FILE_OR_ARTICLE_ID... --json`: clean and extract, store nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from coverage_app.models import Article, Outlet, Quote, Speaker

pytestmark = pytest.mark.django_db

STORY = """Meridian Wire

Belmora rejects Arvenian offer

By Amina Sayed | March 5, 2025

Belmora's government on Tuesday dismissed an offer of talks from Arvenia.

"This is a public relations exercise, not a peace plan," Interior Minister Petra Holm told BTV.

Holm said that Belmora would attend the meeting in Kerrin on Thursday.
"""


def run(*args) -> dict:
    out = StringIO()
    call_command("extract", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_has_the_issue_shape_and_offsets_into_the_body(tmp_path):
    path = tmp_path / "meridian.txt"
    path.write_text(STORY, encoding="utf-8")
    (article,) = run(str(path))["articles"]
    assert set(article) >= {"source", "title", "outlet", "author", "published", "body",
                            "quotes", "events"}  # fmt: skip
    body = article["body"]
    quote = next(q for q in article["quotes"] if q["kind"] == "direct")
    assert set(quote) == {"text", "speaker", "kind", "start", "end"}
    assert quote["text"] == "This is a public relations exercise, not a peace plan"
    assert quote["speaker"] == "Petra Holm"
    assert body[quote["start"] : quote["end"]] == quote["text"]
    indirect = [q for q in article["quotes"] if q["kind"] == "indirect"]
    assert indirect and indirect[0]["speaker"] == "Petra Holm"
    for event in article["events"]:
        assert body[event["start"] : event["end"]] == event["text"]
        assert set(event) >= {"text", "actor", "action", "participants", "place", "date",
                              "negated", "start", "end"}  # fmt: skip


def test_files_store_nothing(tmp_path):
    path = tmp_path / "meridian.txt"
    path.write_text(STORY, encoding="utf-8")
    run(str(path))
    assert Article.objects.count() == 0
    assert Quote.objects.count() == 0
    assert Speaker.objects.count() == 0


def test_stored_article_is_read_by_id_in_input_order(tmp_path):
    body = '"We are ready for talks," Foreign Minister Tomas Varga said on Monday.'
    article = Article.objects.create(
        outlet=Outlet.objects.create(name="Harbour Ledger", key="harbour ledger"),
        title="Varga ready", raw=body, body=body,
    )  # fmt: skip
    path = tmp_path / "meridian.txt"
    path.write_text(STORY, encoding="utf-8")
    articles = run(str(article.pk), str(path))["articles"]
    assert [a["source"] for a in articles] == [str(article.pk), str(path)]
    assert articles[0]["quotes"][0]["speaker"] == "Tomas Varga"
    assert Quote.objects.count() == 0
