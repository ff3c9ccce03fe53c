"""A body longer than spaCy's 1,000,000-character limit is extracted in paragraph chunks, with
every offset pointing into the whole body; failures never show a library's own error text."""

import pytest

from coverage_app.ingest import pipeline
from coverage_app.models import Article, Outlet, text_hash

pytestmark = pytest.mark.django_db

OPENING = (
    'The Oskava ferry board met on Monday. "We will keep the night crossing," chair '
    "Lene Varga said after the vote.\n\n"
)
CLOSING = (
    '\n\nLate on Tuesday the harbour master spoke again. "The quay reopens on Friday," '
    "harbour master Tomas Keel said."
)
# Paragraphs of ordinary reporting between them, past 1,000,000 characters in all.
MIDDLE_PARAGRAPH = (
    "Ticket prices stay the same this winter, and the timetable is printed at the terminal. "
)


def long_article() -> Article:
    filler = (MIDDLE_PARAGRAPH * 3 + "\n\n") * 60 + "\n" * 1_000_000
    body = OPENING + filler + CLOSING
    assert len(body) > 1_000_000
    return Article.objects.create(
        outlet=Outlet.objects.create(name="Oskava Post", key="oskavapost"),
        raw=body,
        body=body,
        body_hash=text_hash(body),
        status=Article.Status.QUEUED,
    )


def test_a_body_over_a_million_characters_is_extracted_with_offsets_into_the_whole_body():
    article = pipeline.extract_article(long_article())
    assert article.status == Article.Status.DONE, article.error
    quotes = {q.text: q for q in article.quotes.all()}
    assert set(quotes) >= {"We will keep the night crossing", "The quay reopens on Friday"}
    for quote in quotes.values():
        assert article.body[quote.start : quote.end] == quote.text
    late = quotes["The quay reopens on Friday"]
    assert late.start > 1_000_000
    assert "Keel" in late.speaker_name
    assert len({q.utterance for q in quotes.values()}) == len(quotes)


def test_a_failure_inside_a_library_shows_our_words_not_its_error_text(settings):
    settings.SPACY_MODEL = "no_such_spacy_model_parallax"
    article = Article.objects.create(
        outlet=Outlet.objects.create(name="Oskava Post", key="oskavapost"),
        raw=OPENING,
        body=OPENING,
        body_hash=text_hash(OPENING),
        status=Article.Status.QUEUED,
    )
    article = pipeline.extract_article(article)
    assert article.status == Article.Status.FAILED
    assert article.error == pipeline.FAILED_MESSAGE
    assert "E050" not in article.error and "spacy" not in article.error.lower()
