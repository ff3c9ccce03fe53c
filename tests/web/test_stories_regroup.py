"""Regrouping: the whole rule again over unpinned articles, undoing early wrong merges."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from coverage_app import stories
from coverage_app.access import make_editor
from coverage_app.models import Article, Story

from .test_stories import assign_all, pile  # noqa: F401  (the fixture)


def wrong_merge(pile):  # noqa: F811
    """What one-at-a-time assignment can leave: the strike sits in the crossing story."""
    assign_all(pile["crossing"] + pile["walkout"])
    crossing_story = pile["crossing"][0].story
    Article.objects.filter(pk=pile["strike"][0].pk).update(story=crossing_story)
    return crossing_story


def story_of(article):
    article.refresh_from_db()
    return article.story_id


def test_regroup_undoes_a_wrong_merge_and_keeps_the_story_that_kept_most(pile):  # noqa: F811
    crossing_story = wrong_merge(pile)
    walkout_story = pile["walkout"][0].story_id
    report = stories.regroup_stories()
    assert {story_of(a) for a in pile["crossing"]} == {crossing_story.pk}
    assert {story_of(a) for a in pile["walkout"]} == {walkout_story}
    strike_story = story_of(pile["strike"][0])
    assert strike_story not in (crossing_story.pk, walkout_story)
    assert (report.articles, report.moved, report.created, report.deleted) == (6, 1, 1, 0)
    assert Story.objects.count() == 3


def test_regroup_never_moves_pinned_articles(pile):  # noqa: F811
    assign_all([a for group in pile.values() for a in group])
    strike_story = pile["strike"][0].story
    misplaced = pile["crossing"][0]
    stories.move_article(misplaced, strike_story)  # a person decided, even if the rule disagrees
    stories.regroup_stories()
    assert story_of(misplaced) == strike_story.pk
    assert Article.objects.get(pk=misplaced.pk).story_pinned
    assert len({story_of(a) for a in pile["crossing"][1:]}) == 1


def test_unpinned_articles_like_a_pinned_story_join_it(pile):  # noqa: F811
    assign_all(pile["walkout"])
    story = pile["walkout"][0].story
    stories.merge_stories(story, [])  # pins both walkout articles
    late = pile["crossing"][0]
    Article.objects.filter(pk__in=[a.pk for a in pile["walkout"]]).update(story_pinned=False)
    Article.objects.filter(pk=pile["walkout"][0].pk).update(story_pinned=True)
    stories.regroup_stories()
    assert story_of(pile["walkout"][1]) == story.pk
    assert story_of(late) != story.pk


def test_regroup_command_reports_and_checks_its_date(pile):  # noqa: F811
    wrong_merge(pile)
    out = StringIO()
    call_command("regroup", stdout=out)
    assert "Regrouped 6 articles: 1 moved, 1 new stories" in out.getvalue()
    out = StringIO()
    call_command("regroup", "--since", "2024-05-13", stdout=out)
    assert "Regrouped 2 articles: 0 moved" in out.getvalue()
    with pytest.raises(CommandError, match="date like"):
        call_command("regroup", "--since", "last week")


def test_regroup_button_is_for_editors_only(client, demo_user, pile):  # noqa: F811
    wrong_merge(pile)
    url = reverse("story_regroup")
    response = client.post(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(demo_user)
    assert "Regroup unpinned" not in client.get(reverse("story_list")).content.decode()
    assert client.post(url).status_code == 403
    assert story_of(pile["strike"][0]) == pile["crossing"][0].story_id
    make_editor(demo_user)
    assert "Regroup unpinned" in client.get(reverse("story_list")).content.decode()
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "1 moved" in response.content.decode()
    assert story_of(pile["strike"][0]) != story_of(pile["crossing"][0])
