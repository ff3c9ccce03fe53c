"""Stories on the Django side: assignment after ingest, pinning, manual edits, the story page."""

import json
import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coverage_app import stories
from coverage_app.ingest.outlets import outlet_for
from coverage_app.ingest.tasks import refresh_story_comparisons
from coverage_app.models import Article, Comparison, Quote, Speaker, Story

PILE = Path(__file__).resolve().parents[1] / "fixtures" / "stories"

CROSSING = (
    "Valdorian Foreign Minister Lena Orsova and Kestrian Prime Minister Daniel Brecht agreed "
    "on Monday to reopen the Dremmen border crossing to freight from June 1, ending an "
    "eight-month closure that left 1,200 lorries stranded by the Ober river. A joint customs "
    "office will check cargo."
)
WALKOUT = (
    "Valdorian Foreign Minister Lena Orsova walked out of fishing talks in Vellin on Monday, "
    "accusing Kestria of redrawing the Grey Bay boundary agreed in 1998. Prime Minister Daniel "
    "Brecht called it theatre. About 300 trawlers fish the bay."
)
STRIKE = (
    "Container traffic at Port Sarn stopped as 2,400 dock workers began a 72-hour strike over "
    "pay and night shifts. Union leader Mara Quint said no box would move; eighteen ships "
    "waited at anchor while the port authority offered 4 percent."
)


def make_article(outlet, title, body, published, quotes=()):
    article = Article.objects.create(
        outlet=outlet_for(outlet),
        title=title,
        body=body,
        raw=body,
        published=published,
        status=Article.Status.DONE,
    )
    for number, (text, speaker_name) in enumerate(quotes):
        speaker, _ = Speaker.objects.get_or_create(
            key=speaker_name.lower(), defaults={"name": speaker_name}
        )
        start = body.find(text) if text in body else 0
        Quote.objects.create(
            article=article,
            speaker=speaker,
            speaker_name=speaker_name,
            text=text,
            kind=Quote.Kind.DIRECT,
            start=start,
            end=start + len(text),
            utterance=number,
        )
    return article


@pytest.fixture
def pile(db):
    """Three outlets on the crossing, two on the walkout a week later, one on a strike."""
    day = date(2024, 5, 6)
    later = date(2024, 5, 13)
    return {
        "crossing": [
            make_article(
                "Sarn Courier", "Dremmen crossing to reopen", CROSSING, day,
                [("Today we open the gate again.", "Lena Orsova")],
            ),
            make_article(
                "Vellin Daily", "Brecht secures border deal", CROSSING.replace("Monday", "Mon"),
                day, [("We open the gate again today", "Lena Orsova")],
            ),
            make_article(
                "Coastline Times", "Neighbours end lorry ban", CROSSING + " Analysts cheered.",
                date(2024, 5, 7),
            ),
        ],
        "walkout": [
            make_article(
                "Sarn Courier", "Orsova walks out", WALKOUT, later,
                [("I did not come to Vellin to be handed a new border at sea", "Lena Orsova")],
            ),
            make_article("Harbourline Radio", "Fisheries talks collapse", WALKOUT, later),
        ],
        "strike": [make_article("Sarn Courier", "Dockers walk out", STRIKE, date(2024, 5, 7))],
    }  # fmt: skip


def assign_all(articles):
    for article in articles:
        stories.assign_story(article)
        article.refresh_from_db()


def test_articles_on_one_event_share_a_story_and_other_events_get_their_own(pile):
    assign_all([a for group in pile.values() for a in group])
    crossing = {a.story_id for a in pile["crossing"]}
    walkout = {a.story_id for a in pile["walkout"]}
    strike = {a.story_id for a in pile["strike"]}
    assert len(crossing) == len(walkout) == len(strike) == 1
    assert len(crossing | walkout | strike) == 3
    assert Story.objects.count() == 3


def test_a_moved_article_stays_where_a_person_put_it_after_reingest(pile):
    assign_all([a for group in pile.values() for a in group])
    article = pile["crossing"][0]
    strike_story = pile["strike"][0].story
    stories.move_article(article, strike_story)
    stories.assign_story(article)  # what re-ingest does after extraction
    article.refresh_from_db()
    assert article.story == strike_story
    assert article.story_pinned


def test_reassigning_an_unpinned_article_keeps_it_in_its_story(pile):
    assign_all(pile["crossing"])
    before = pile["crossing"][1].story_id
    stories.assign_story(pile["crossing"][1])
    pile["crossing"][1].refresh_from_db()
    assert pile["crossing"][1].story_id == before
    assert Story.objects.count() == 1


def test_merging_and_splitting_pin_every_article_involved(pile):
    assign_all([a for group in pile.values() for a in group])
    crossing = pile["crossing"][0].story
    walkout = pile["walkout"][0].story
    stories.merge_stories(crossing, [walkout])
    assert not Story.objects.filter(pk=walkout.pk).exists()
    assert crossing.articles.count() == 5
    assert not crossing.articles.filter(story_pinned=False).exists()
    new = stories.split_story(crossing, [a.pk for a in pile["walkout"]], title="Walkout")
    assert set(new.articles.values_list("pk", flat=True)) == {a.pk for a in pile["walkout"]}
    for article in pile["walkout"]:
        stories.assign_story(article)
        article.refresh_from_db()
        assert article.story == new


def test_splitting_off_every_article_is_refused(pile):
    assign_all(pile["crossing"])
    story = pile["crossing"][0].story
    with pytest.raises(ValueError, match="at least one"):
        stories.split_story(story, [a.pk for a in pile["crossing"]])


def test_story_page_shows_outlets_and_a_quote_matrix_with_gaps(
    client, demo_user, pile, django_assert_max_num_queries
):
    assign_all(pile["crossing"])
    client.force_login(demo_user)
    story = pile["crossing"][0].story
    refresh_story_comparisons.call(story.pk)  # the worker stores the story's pairs
    assert Comparison.objects.count() == 3  # one per pair of the story's three articles
    client.get(story.get_absolute_url())  # the first view stores the story's wording
    with django_assert_max_num_queries(12):  # then the matrix only reads them
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for outlet in ("Sarn Courier", "Vellin Daily", "Coastline Times"):
        assert outlet in html
    matrix = response.context["matrix"]
    assert len(matrix) == 1  # the two wordings of one utterance share a row
    assert [bool(cell) for cell in matrix[0]["cells"]] == [True, True, False]
    assert "not reported" in html
    # Every cell names its outlet, so a phone can show a row as a card of named wordings.
    outlets = [a.outlet.name for a in stories.story_articles(story)]
    cells = re.findall(r'<td class="matrix-cell[^"]*" data-outlet="([^"]+)"', html)
    assert cells == outlets


def test_the_story_page_never_aligns_in_the_request_but_asks_the_worker_once(
    client, demo_user, pile, django_capture_on_commit_callbacks
):
    # Issue 19 item 3: the matrix reads the stored pairwise alignments, computed in the worker.
    assign_all(pile["crossing"])
    client.force_login(demo_user)
    story = pile["crossing"][0].story
    url = story.get_absolute_url()
    assert Comparison.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert Comparison.objects.count() == 0, "nothing aligned in the request"
    html = response.content.decode()
    assert "Aligning 3 pairs of articles in the background" in html
    # Not aligned yet: each outlet's wording of the one utterance stands in its own row.
    assert [[bool(c) for c in row["cells"]] for row in response.context["matrix"]] == [
        [True, False, False],
        [False, True, False],
    ]
    asked = DBTaskResult.objects.filter(task_path__endswith="refresh_story_comparisons")
    assert asked.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)  # the same stale state: not asked again
    assert asked.count() == 1
    assert Comparison.objects.count() == 0

    assert refresh_story_comparisons.call(story.pk) == 3  # what the worker runs
    assert Comparison.objects.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    html = response.content.decode()
    assert "Aligning" not in html
    matrix = response.context["matrix"]
    assert [[bool(c) for c in row["cells"]] for row in matrix] == [[True, True, False]]
    assert asked.count() == 1
    assert refresh_story_comparisons.call(story.pk) == 0  # nothing left to align


def test_two_ticked_columns_open_the_compare_view(client, demo_user, pile):
    assign_all(pile["crossing"])
    client.force_login(demo_user)
    a, b = pile["crossing"][2], pile["crossing"][0]
    url = reverse("story_compare", args=[a.story_id])
    response = client.get(url, {"article": [a.pk, b.pk]})
    assert response.status_code == 302
    assert response["Location"].rstrip("/").endswith(f"/compare/{b.pk}/{a.pk}")
    response = client.get(url, {"article": [a.pk]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "exactly two" in html
    # the one ticked stays ticked, the others not
    assert f'name="article" value="{a.pk}" checked>' in html
    assert f'name="article" value="{b.pk}">' in html


def test_move_through_the_page_requires_an_editor_and_pins(client, editor_user, pile):
    assign_all([*pile["crossing"], *pile["strike"]])
    article = pile["crossing"][0]
    url = reverse("article_move")
    response = client.post(url, {"article": article.pk, "story": "new"})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(editor_user)
    assert client.get(url).status_code == 405
    response = client.post(url, {"article": article.pk, "story": "999999"})
    assert response.status_code == 400
    assert client.post(url, {"article": "x", "story": "new"}).status_code == 404
    response = client.post(url, {"article": article.pk, "story": pile["strike"][0].story_id})
    article.refresh_from_db()
    assert response.status_code == 302
    assert article.story_id == pile["strike"][0].story_id and article.story_pinned


def test_merge_and_split_views_change_the_stories(client, editor_user, pile):
    assign_all([a for group in pile.values() for a in group])
    client.force_login(editor_user)
    crossing = pile["crossing"][0].story
    walkout = pile["walkout"][0].story
    response = client.post(reverse("story_merge", args=[crossing.pk]), {"other": walkout.pk})
    assert response.status_code == 302
    assert crossing.articles.count() == 5
    response = client.post(reverse("story_split", args=[crossing.pk]), {"article": []})
    assert response.status_code == 400
    response = client.post(
        reverse("story_split", args=[crossing.pk]), {"article": [pile["walkout"][0].pk]}
    )
    assert response.status_code == 302
    assert crossing.articles.count() == 4


def test_story_list_needs_login_unless_reading_is_public(client, settings, pile):
    assign_all(pile["crossing"])
    assert client.get(reverse("story_list")).status_code == 302
    settings.PARALLAX_PUBLIC_READ = True
    response = client.get(reverse("story_list"))
    assert response.status_code == 200
    assert "Dremmen" in response.content.decode() or "Brecht" in response.content.decode()


def test_group_command_prints_every_input_in_exactly_one_story(nlp):
    files = sorted(str(p) for p in PILE.glob("*.txt"))
    out = StringIO()
    call_command("group", *files, "--json", stdout=out)
    payload = json.loads(out.getvalue())
    indexes = sorted(i for s in payload["stories"] for i in s["articles"])
    assert indexes == list(range(len(files)))
    assert all(s["title"] for s in payload["stories"])
    assert 4 <= len(payload["stories"]) <= 6


def test_group_command_reads_article_ids_and_stores_nothing(pile):
    ids = [str(a.pk) for a in pile["crossing"] + pile["strike"]]
    out = StringIO()
    call_command("group", *ids, "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert sorted(map(sorted, (s["articles"] for s in payload["stories"]))) == [[0, 1, 2], [3]]
    assert Story.objects.count() == 0


def test_matrix_gives_one_row_to_an_utterance_an_outlet_split_or_quoted_inside_itself(pile):
    assign_all(pile["crossing"][:2])
    a, b = pile["crossing"][:2]
    Quote.objects.filter(article__in=[a, b]).delete()
    speaker = Speaker.objects.create(key="lena orsova", name="Lena Orsova")
    whole = "the crossing will reopen on June 1 and a joint customs office will check cargo"

    def add(article, text, start, utterance, kind=Quote.Kind.INDIRECT, sentence="s"):
        Quote.objects.create(
            article=article,
            speaker=speaker,
            text=text,
            kind=kind,
            start=start,
            end=start + len(text),
            utterance=utterance,
            sentence=sentence,
        )

    add(a, whole, 0, 0)
    add(a, "joint customs office", 43, 1, kind=Quote.Kind.PARTIAL)  # inside the one above
    add(b, "the crossing will reopen on June 1", 0, 0, sentence="one")
    add(b, "a joint customs office will check cargo", 200, 1, sentence="two")
    quotes = Quote.objects.filter(article__in=[a, b]).select_related("speaker")
    refresh_story_comparisons.call(a.story_id)
    matrix = stories.quote_matrix([a, b], quotes)
    assert len(matrix) == 1
    left, right = matrix[0]["cells"]
    assert [p["text"] for p in left["parts"]] == [whole]
    # Two spans of one utterance stay two items: never stitched into one quoted string.
    assert [p["text"] for p in right["parts"]] == [
        "the crossing will reopen on June 1",
        "a joint customs office will check cargo",
    ]


def test_a_story_is_named_after_the_headline_most_like_its_articles(pile):
    # Each has the crossing's text; only the first headline is in the words all three use.
    crossing = pile["crossing"]
    Article.objects.filter(pk=crossing[2].pk).update(title="Kestria caves in to Valdorian bullying")
    Article.objects.filter(pk=crossing[0].pk).update(title="Dremmen crossing to reopen in June")
    crossing[0].refresh_from_db(), crossing[2].refresh_from_db()
    assign_all([crossing[2]])
    assert crossing[2].story.title == "Kestria caves in to Valdorian bullying"  # alone so far
    assign_all([crossing[0], crossing[1]])
    story = Story.objects.get(pk=crossing[2].story_id)
    assert story.title == "Dremmen crossing to reopen in June"


def test_a_real_headline_names_a_story_over_an_untitled_pages_opening(pile):
    # Issue 19: an opening sentence standing in for a headline never names the story when
    # another article has a headline of its own (an editor can rename a loaded one).
    untitled, titled, _third = pile["crossing"]
    Article.objects.filter(pk=untitled.pk).update(title="")
    Article.objects.filter(pk=titled.pk).update(title="Orsova's shameful surrender to Brecht")
    untitled.refresh_from_db(), titled.refresh_from_db()
    assign_all([titled, untitled])
    assert titled.story.title == "Orsova's shameful surrender to Brecht"
    assign_all([untitled])
    untitled.refresh_from_db()
    assert untitled.story.title == "Orsova's shameful surrender to Brecht"


def test_a_renamed_story_keeps_its_name_through_joins_moves_and_regroups(pile):
    first, second, third = pile["crossing"]
    assign_all([first, second])
    stories.rename_story(first.story, "Border deal")
    assign_all([third])
    assert third.story.title == "Border deal" and third.story.title_by_hand
    stories.move_article(pile["walkout"][0], third.story)
    stories.regroup_stories()
    assert Story.objects.get(pk=third.story_id).title == "Border deal"


def test_a_split_off_story_without_a_title_is_named_after_its_central_headline(pile):
    assign_all(pile["crossing"])
    story = pile["crossing"][0].story
    new = stories.split_story(story, [pile["crossing"][2].pk])
    assert new.title == "Neighbours end lorry ban" and not new.title_by_hand
    named = stories.split_story(story, [pile["crossing"][1].pk], title="  The  deal ")
    assert named.title == "The deal" and named.title_by_hand
