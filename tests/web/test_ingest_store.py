"""Storing an extraction: speakers resolved once per article, earlier rows replaced."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage_app.ingest import pipeline
from coverage_app.models import Article, Outlet, Speaker
from coverage_app.text.extract import Extraction

pytestmark = pytest.mark.django_db

SENTENCE = '"We will talk on Friday," {name} said. '


def extraction(body: str, names: list[str]) -> Extraction:
    quotes = []
    position = 0
    for name in names:
        start = body.index("We will", position)
        end = start + len("We will talk on Friday,")
        position = end
        quotes.append(
            {"text": body[start:end], "start": start, "end": end, "speaker": name, "kind": "direct"}
        )
    return Extraction(quotes=quotes)


def running_article(body: str, number: int) -> Article:
    outlet, _ = Outlet.objects.get_or_create(key="harbourline", defaults={"name": "Harbourline"})
    return Article.objects.create(
        outlet=outlet,
        raw=body,
        body=body,
        body_hash=f"hash-{number}",
        status=Article.Status.EXTRACTING,
    )


def queries_to_store(names: list[str], number: int) -> int:
    body = "".join(SENTENCE.format(name=name) for name in names)
    article = running_article(body, number)
    with CaptureQueriesContext(connection) as queries:
        assert pipeline._store(article, extraction(body, names))
    return len(queries)


def test_each_speaker_is_looked_up_once_however_often_they_are_quoted():
    # Both speakers exist already, so every lookup costs the same.
    Speaker.objects.create(name="Jonas Pereira", key="jonas pereira")
    Speaker.objects.create(name="Teodor Brask", key="teodor brask")
    few = queries_to_store(["Jonas Pereira", "Teodor Brask"], 1)
    many = queries_to_store(["Jonas Pereira", "Teodor Brask"] * 10, 2)
    assert many == few


def test_a_speaker_quoted_many_times_gets_one_row_and_every_quote_points_at_it():
    body = "".join(SENTENCE.format(name="Ines Calloway") for _ in range(5))
    article = running_article(body, 3)
    assert pipeline._store(article, extraction(body, ["Ines Calloway"] * 5))
    speaker = Speaker.objects.get()
    assert speaker.name == "Ines Calloway"
    assert set(article.quotes.values_list("speaker", flat=True)) == {speaker.pk}
    assert article.quotes.count() == 5


def test_storing_again_replaces_the_quotes_instead_of_adding_to_them():
    body = "".join(SENTENCE.format(name="Ines Calloway") for _ in range(3))
    article = running_article(body, 4)
    assert pipeline._store(article, extraction(body, ["Ines Calloway"] * 3))
    Article.objects.filter(pk=article.pk).update(status=Article.Status.EXTRACTING)
    assert pipeline._store(article, extraction(body, ["Ines Calloway"] * 3))
    assert article.quotes.count() == 3
    assert Speaker.objects.count() == 1


def test_nothing_is_stored_by_a_worker_that_no_longer_holds_the_article():
    body = SENTENCE.format(name="Ines Calloway") * 3
    article = running_article(body, 5)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.QUEUED)
    assert not pipeline._store(article, extraction(body, ["Ines Calloway"] * 3))
    assert not article.quotes.exists()
    assert not Speaker.objects.exists()
