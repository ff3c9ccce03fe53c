"""Negation stays part of an event wherever it is shown: the extraction, the stored row, the
article page, the compare page, the compare command and the row's own name. Two invented
outlets on the invented Velmar port dispute, ingested as the worker does."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from coverage_app.ingest import pipeline, queueing, uploads
from coverage_app.models import Event

pytestmark = pytest.mark.django_db

HARBOURLINE = (
    "Harbour Minister Ilka Varo said on Monday that Kestria would not reopen the Velmar port "
    "this month.\n\nVaro did not say when talks with the dockers would resume."
)
LANTERN = (
    "Kestria will not reopen the Velmar port this month, Harbour Minister Ilka Varo said on "
    "Monday.\n\nThe dockers' union did not call off its strike."
)


def ingested(body: str, outlet: str):
    item = uploads.Upload(raw=body, source_name=f"{outlet}.txt", outlet=outlet)
    return pipeline.extract_article(queueing.create_articles([item], enqueue=False)[0].article)


@pytest.fixture
def port(nlp):
    return ingested(HARBOURLINE, "Harbourline"), ingested(LANTERN, "Lantern Dispatch")


@pytest.fixture
def reader(client, demo_user):
    client.force_login(demo_user)
    return client


def _heads(article) -> dict[str, Event]:
    return {e.action: e for e in article.events.all()}


def test_negated_happenings_and_sayings_are_stored_negated(port):
    harbourline, lantern = port
    ours, theirs = _heads(harbourline), _heads(lantern)
    # "would not reopen", "did not say" (a named speaker's saying), "did not call off"
    assert ours["reopen"].negated and ours["reopen"].modality == "would"
    assert theirs["reopen"].negated and theirs["reopen"].modality == "will"
    assert theirs["call off"].negated
    sayings = [e for e in harbourline.events.all() if e.action == "say"]
    assert sorted(e.negated for e in sayings) == [False, True]
    assert str(ours["reopen"]) == "Kestria would not reopen"


def test_the_article_page_shows_every_negated_event_with_its_not(reader, port):
    for article in port:
        page = reader.get(article.get_absolute_url()).content.decode()
        heads = re.findall(r'<div class="event-head">\s*<span>(.*?)</em>', page, re.S)
        shown = sorted(
            (head.rsplit("<em>", 1)[1], '<span class="badge bad">not</span>' in head)
            for head in heads
        )
        assert shown == sorted((e.action, e.negated) for e in article.events.all())
        assert any(negated for _, negated in shown)


def test_the_compare_page_and_command_keep_the_negation_of_an_event_pair(reader, port):
    harbourline, lantern = port
    page = reader.get(reverse("compare", args=[harbourline.pk, lantern.pk])).content.decode()
    assert "would not reopen" in page and "will not reopen" in page
    assert "not call off" in page
    out = io.StringIO()
    call_command("compare", str(harbourline.pk), str(lantern.pk), "--json", stdout=out)
    events = json.loads(out.getvalue())["comparisons"][0]["events"]
    reopen = [p for p in events["pairs"] if p["a"]["action"] == "reopen"]
    assert reopen and reopen[0]["b"]["action"] == "reopen"
    assert reopen[0]["a"]["negated"] and reopen[0]["b"]["negated"]
    alone = [e for e in events["only_a"] + events["only_b"] if e["negated"]]
    for pair in events["pairs"]:
        alone += [side for side in (pair["a"], pair["b"]) if side["negated"]]
    assert {e["action"] for e in alone} >= {"reopen", "call off", "say"}
