"""Roles: members read and write their own annotations; editors also curate the shared data
(article metadata, retry, remove, speakers, stories, regroup). Refused on the server, hidden on
pages."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from coverage_app.models import Article, Quote, Speaker, Story
from tests.web.test_stories import make_article

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = {
    "username": "newsroom",
    "password1": "harbour-strike-42",
    "password2": "harbour-strike-42",
}


@pytest.fixture
def shared(db):
    """Two stories of invented articles and two speakers who may be one person."""
    first = make_article(
        "Sarn Courier",
        "Ferry service resumes",
        "The Tallin ferry sailed again on Friday.",
        date(2024, 5, 6),
        [("We sail again", "Mira Kovel")],
    )
    second = make_article(
        "Vellin Daily",
        "Ferry back",
        "Ferries run again.",
        date(2024, 5, 6),
        [("We sail again", "Kovel")],
    )
    story = Story.objects.create(title="Ferry returns")
    other = Story.objects.create(title="Harbour fees")
    Article.objects.filter(pk=first.pk).update(story=story)
    Article.objects.filter(pk=second.pk).update(story=other)
    return {
        "article": first,
        "story": story,
        "other": other,
        "speaker": Speaker.objects.get(name="Mira Kovel"),
        "alias": Speaker.objects.get(name="Kovel"),
    }


def can_curate(user) -> bool:
    """What coverage_app.access.can_curate decides, asked of Django's permission system."""
    return user.has_perm("coverage_app.curate")


def curation_posts(shared) -> list[tuple[str, dict]]:
    """Every curating action, as (url, form data) that would change something."""
    article, story, other = shared["article"], shared["story"], shared["other"]
    speaker, alias = shared["speaker"], shared["alias"]
    return [
        (
            reverse("article_metadata", args=[article.pk]),
            {"title": "Vandalised", "outlet_name": "Elsewhere", "author": "", "published": "",
             "url": ""},
        ),
        (reverse("article_retry", args=[article.pk]), {}),
        (reverse("article_remove", args=[article.pk]), {}),
        (reverse("speaker_merge", args=[speaker.pk]), {"other": alias.pk}),
        (reverse("speaker_split", args=[speaker.pk]), {"name": ["Mira Kovel"]}),
        (reverse("story_rename", args=[story.pk]), {"title": "Vandalised"}),
        (reverse("story_merge", args=[story.pk]), {"other": other.pk}),
        (reverse("story_split", args=[story.pk]), {"article": [article.pk]}),
        (reverse("article_move"), {"article": article.pk, "story": "new"}),
        (reverse("story_regroup"), {}),
    ]  # fmt: skip


def snapshot() -> tuple:
    return (
        list(Article.objects.order_by("pk").values_list("title", "story_id", "status", "outlet")),
        list(Story.objects.order_by("pk").values_list("pk", "title")),
        list(Speaker.objects.order_by("pk").values_list("pk", "name")),
        list(Quote.objects.order_by("pk").values_list("speaker_id", flat=True)),
    )


def test_a_member_is_refused_every_curating_action_and_nothing_changes(client, demo_user, shared):
    client.force_login(demo_user)
    before = snapshot()
    for url, data in curation_posts(shared):
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "Only editors can do this" in response.content.decode()
    assert snapshot() == before


def test_someone_not_logged_in_is_sent_to_log_in_for_every_curating_action(client, shared):
    before = snapshot()
    for url, data in curation_posts(shared):
        response = client.post(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert snapshot() == before


def test_staff_status_alone_does_not_make_an_editor(client, django_user_model, shared):
    staff = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(staff)
    response = client.post(reverse("story_rename", args=[shared["story"].pk]), {"title": "X"})
    assert response.status_code == 403


def test_an_editor_may_curate(client, editor_user, shared):
    client.force_login(editor_user)
    story = shared["story"]
    response = client.post(reverse("story_rename", args=[story.pk]), {"title": "Ferry is back"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Ferry is back"
    response = client.post(
        reverse("speaker_merge", args=[shared["speaker"].pk]), {"other": shared["alias"].pk}
    )
    assert response.status_code == 302
    assert not Speaker.objects.filter(pk=shared["alias"].pk).exists()


def test_a_member_sees_no_curating_controls(client, demo_user, shared):
    client.force_login(demo_user)
    pages = {
        shared["article"].get_absolute_url(): ["Correct the metadata", "Extract again"],
        shared["story"].get_absolute_url(): ["Correct the grouping", "Rename this story"],
        shared["speaker"].get_absolute_url(): ["Same person, or not?", "Merge"],
        reverse("story_list"): ["Regroup unpinned articles"],
    }
    for url, controls in pages.items():
        body = client.get(url).content.decode()
        for control in controls:
            assert control not in body, (url, control)


def test_an_editor_sees_the_curating_controls(client, editor_user, shared):
    client.force_login(editor_user)
    pages = {
        shared["article"].get_absolute_url(): ["Correct the metadata", "Extract again"],
        shared["story"].get_absolute_url(): ["Correct the grouping", "Rename this story"],
        shared["speaker"].get_absolute_url(): ["Same person, or not?", "Merge"],
        reverse("story_list"): ["Regroup unpinned articles"],
    }
    for url, controls in pages.items():
        body = client.get(url).content.decode()
        for control in controls:
            assert control in body, (url, control)


def test_the_editors_group_exists_with_the_curate_permission(django_user_model):
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="curate").exists()
    user = django_user_model.objects.create_user("assigned", password="x")
    assert not can_curate(user)
    user.groups.add(editors)
    assert can_curate(django_user_model.objects.get(pk=user.pk))


def test_the_demo_user_is_an_editor(django_user_model):
    call_command("load_demo")
    assert can_curate(django_user_model.objects.get(username="demo"))


def test_sign_up_is_closed_by_default(client, django_user_model):
    assert client.get(reverse("signup")).status_code == 403
    assert client.post(reverse("signup"), NEW_ACCOUNT).status_code == 403
    assert not django_user_model.objects.exists()
    assert "Create an account" not in client.get(reverse("login")).content.decode()


def test_a_new_sign_up_is_a_member_not_an_editor(client, settings, django_user_model):
    settings.PARALLAX_SIGNUP_OPEN = True
    assert client.post(reverse("signup"), NEW_ACCOUNT).status_code == 302
    assert not can_curate(django_user_model.objects.get(username="newsroom"))
