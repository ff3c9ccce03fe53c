"""After ingest: stored comparisons follow the article's new extraction, and never undo it."""

from pathlib import Path

import pytest

from coverage_app import comparisons, ingest
from coverage_app.models import Article, Comparison

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cleaning"

pytestmark = pytest.mark.django_db


def ingested(name: str) -> Article:
    upload = ingest.Upload(raw=(FIXTURES / name).read_text(encoding="utf-8"), source_name=name)
    article = ingest.create_articles([upload], enqueue=False)[0].article
    return ingest.extract_article(article)


def test_a_new_article_is_compared_with_the_story_it_joins(nlp):
    first = ingested("wire_copy.txt")
    second = ingested("news_page_widgets.txt")  # the same harbour talks, another outlet
    assert second.story_id == first.story_id
    stored = Comparison.objects.get()
    assert {stored.article_a_id, stored.article_b_id} == {first.pk, second.pk}
    assert stored.result["stamp"] == comparisons.stamp(first, second)


def test_extracting_again_refreshes_the_stored_comparison(nlp):
    first = ingested("wire_copy.txt")
    other = ingested("blog_with_comments.txt")
    comparisons.compare_articles(first, other)
    before = Comparison.objects.get()

    ingest.requeue(other)
    other = ingest.extract_article(other)
    after = Comparison.objects.get(pk=before.pk)
    assert after.result["stamp"] != before.result["stamp"]
    a, b = comparisons.ordered(first, other)
    assert after.result["stamp"] == comparisons.stamp(a, b)


def test_a_failing_comparison_refresh_leaves_the_ingest_done(nlp, settings, caplog):
    first = ingested("wire_copy.txt")
    settings.PARALLAX_ALIGN_MIN_SCORE = "not a number"  # alignment cannot run
    second = ingested("news_page_widgets.txt")
    assert second.status == Article.Status.DONE
    assert second.quotes.exists()
    assert second.story_id == first.story_id
    assert not Comparison.objects.exists()
    assert "refreshing comparisons for article" in caplog.text
