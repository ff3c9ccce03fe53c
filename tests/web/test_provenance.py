"""Where a story's text comes from, stored: the worker works it out when a story changes, the
pages read it and never compute it (tests/fixtures/provenance: invented coverage of one flood)."""

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coverage_app import provenance, stories
from coverage_app.ingest import pipeline, queueing, uploads
from coverage_app.ingest.tasks import refresh_story_comparisons, refresh_story_provenance
from coverage_app.models import Article, Story

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "provenance"

pytestmark = pytest.mark.django_db


def ingested(name: str, outlet: str) -> Article:
    upload = uploads.Upload(
        raw=(FIXTURES / name).read_text(encoding="utf-8"),
        source_name=name,
        outlet=outlet,
        published=date(2026, 3, 12),
    )
    article = queueing.create_articles([upload], enqueue=False)[0].article
    return pipeline.extract_article(article)


@pytest.fixture
def flood(nlp):
    wire = ingested("kestral_wire.txt", "Kestral Wire")
    trimmed = ingested("ostlander_post.txt", "Ostlander Post")
    own = ingested("daily_brannock.txt", "Daily Brannock")
    return wire, trimmed, own


def test_the_worker_stores_families_and_reuse_when_an_article_joins_a_story(flood):
    wire, trimmed, own = flood
    assert wire.story_id == trimmed.story_id == own.story_id
    stored = Story.objects.get(pk=wire.story_id).provenance
    assert sorted(map(sorted, stored["families"])) == sorted(
        [sorted([wire.pk, trimmed.pk]), [own.pk]]
    )
    (pair,) = stored["reuse"]
    assert (pair["a"], pair["b"]) == (wire.pk, trimmed.pk)
    assert pair["share_b"] == 1.0 and pair["dropped_a"] == 3 and pair["added_b"] == 0
    original = next(o for o in stored["originals"] if wire.pk in stored["families"][o["family"]])
    assert original["article"] == wire.pk


def test_the_story_page_shows_the_stored_families_with_links_to_compare(client, demo_user, flood):
    wire, trimmed, own = flood
    client.force_login(demo_user)
    html = client.get(reverse("story_detail", args=[wire.story_id])).content.decode()
    assert "Where the text comes from" in html
    assert "likely original" in html and "100% reused" in html and "3 dropped" in html
    assert reverse("compare", args=[wire.pk, trimmed.pk]) in html
    assert "Independent reports" in html


def test_a_stale_story_is_not_worked_out_in_the_request_but_queued_for_the_worker(
    client, demo_user, flood, django_capture_on_commit_callbacks
):
    wire, trimmed, own = flood
    other = Story.objects.create(title="Elsewhere")
    stories.move_article(trimmed, other)  # an editor's change: the story's members changed
    before = Story.objects.get(pk=wire.story_id).provenance
    client.force_login(demo_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("story_detail", args=[wire.story_id]))
    html = response.content.decode()
    assert "Being worked out" in html
    stored = Story.objects.get(pk=wire.story_id).provenance
    assert stored["families"] == before["families"], "nothing computed in the request"
    tasks = DBTaskResult.objects.filter(task_path__endswith="refresh_story_provenance")
    assert tasks.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("story_detail", args=[wire.story_id]))
    assert tasks.count() == 1, "asked once per stale state"

    refresh_story_provenance.call(wire.story_id)  # what the worker runs
    stored = Story.objects.get(pk=wire.story_id).provenance
    assert sorted(map(sorted, stored["families"])) == [[wire.pk], [own.pk]]
    html = client.get(reverse("story_detail", args=[wire.story_id])).content.decode()
    assert "Being worked out" not in html and "its own report" in html


def test_the_compare_page_of_two_family_members_says_so_and_labels_the_lists(
    client, demo_user, flood
):
    wire, trimmed, own = flood
    client.force_login(demo_user)
    html = client.get(reverse("compare", args=[wire.pk, trimmed.pk])).content.decode()
    assert "One report, retold." in html
    assert "Dropped by B" in html
    rows = provenance.with_families(Article.objects.all()).in_bulk([wire.pk, own.pk])
    assert provenance.pair(rows[wire.pk], rows[own.pk]) is None
    html = client.get(reverse("compare", args=[wire.pk, own.pk])).content.decode()
    assert "One report, retold." not in html and "Dropped by" not in html


def test_a_remark_s_trail_is_on_its_speaker_page_and_linked_from_the_story_matrix(
    client, demo_user
):
    from tests.web.test_stories import CROSSING, make_article

    full = "We open the gate again today, and every lorry will cross by Friday."
    pile = [
        make_article("Sarn Courier", "Crossing reopens", CROSSING + " " + full, date(2024, 5, 6),
                     [(full, "Lena Orsova")]),
        make_article("Vellin Daily", "Border deal", CROSSING + " We open the gate again today.",
                     date(2024, 5, 6), [("We open the gate again today.", "Lena Orsova")]),
        make_article("Coastline Times", "Lorry ban ends", CROSSING, date(2024, 5, 7),
                     [("Today we open the gate again, and each lorry will cross by Friday.",
                       "Lena Orsova")]),
    ]  # fmt: skip
    for article in pile:
        stories.assign_story(article)
        article.refresh_from_db()
    assert pile[0].story_id == pile[2].story_id
    refresh_story_comparisons.call(pile[0].story_id)  # the worker aligns the story's pairs
    client.force_login(demo_user)
    story_html = client.get(reverse("story_detail", args=[pile[0].story_id])).content.decode()
    speaker = pile[0].quotes.get().speaker
    assert f"{reverse('speaker_detail', args=[speaker.pk])}#q-" in story_html
    html = client.get(reverse("speaker_detail", args=[speaker.pk])).content.decode()
    fullest = html.index("fullest")
    assert html.index("every lorry will cross") < fullest < html.index(">trimmed<")
    assert ">reworded<" in html and 'class="diff-changed"' in html
