"""After ingest: stored comparisons follow the article's new extraction, and never undo it."""

from pathlib import Path

import pytest

from coverage_app import comparisons
from coverage_app.ingest import pipeline, queueing, uploads
from coverage_app.models import Article, Comparison

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cleaning"

pytestmark = pytest.mark.django_db


def ingested(name: str) -> Article:
    upload = uploads.Upload(raw=(FIXTURES / name).read_text(encoding="utf-8"), source_name=name)
    article = queueing.create_articles([upload], enqueue=False)[0].article
    return pipeline.extract_article(article)


def test_a_new_article_joins_its_story_and_the_batch_aligns_the_storys_pairs(nlp):
    first = ingested("wire_copy.txt")
    assert not Comparison.objects.exists()  # alone in its story: nothing to align
    second = ingested("news_page_widgets.txt")  # the same harbour talks, another outlet
    assert second.story_id == first.story_id
    # The worker aligned the story's new pair after the batch: the story page only reads it.
    stored = Comparison.objects.get()
    a, b = comparisons.ordered(first, second)
    assert (stored.article_a_id, stored.article_b_id) == (a.pk, b.pk)
    assert stored.result["stamp"] == comparisons.stamp(a, b)


def test_extracting_again_refreshes_the_stored_comparison(nlp):
    first = ingested("wire_copy.txt")
    other = ingested("blog_with_comments.txt")
    comparisons.compare_articles(first, other)
    before = Comparison.objects.get()

    queueing.requeue(other)
    other = pipeline.extract_article(other)
    after = Comparison.objects.get(pk=before.pk)
    assert after.result["stamp"] != before.result["stamp"]
    a, b = comparisons.ordered(first, other)
    assert after.result["stamp"] == comparisons.stamp(a, b)


def test_a_failing_comparison_refresh_leaves_the_ingest_done(nlp, settings, caplog):
    first = ingested("wire_copy.txt")
    other = ingested("news_page_widgets.txt")
    before = comparisons.compare_articles(first, other).result["stamp"]
    settings.PARALLAX_ALIGN_MIN_SCORE = "not a number"  # alignment cannot run

    queueing.requeue(other)
    other = pipeline.extract_article(other)
    assert other.status == Article.Status.DONE
    assert other.quotes.exists()
    assert "refreshing comparisons for article" in caplog.text
    assert Comparison.objects.get().result["stamp"] == before
