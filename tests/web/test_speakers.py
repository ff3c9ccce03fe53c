"""Speaker pages: quotes grouped by utterance across outlets; merging and splitting speakers."""

from datetime import date

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coverage_app.ingest.tasks import refresh_comparisons
from coverage_app.models import Comparison, Outlet, Quote, Speaker
from tests.web.test_stories import make_article


@pytest.fixture
def orsova(db):
    make_article(
        "Sarn Courier",
        "Orsova walks out",
        "Orsova left.",
        date(2024, 5, 13),
        [("I did not come to Vellin to be handed a new border at sea", "Lena Orsova")],
    )
    make_article(
        "Vellin Daily",
        "Walkout",
        "She left.",
        date(2024, 5, 13),
        [
            ("I did not come to Vellin to be handed a new border at sea.", "Orsova"),
            ("We will come back when Kestria is ready", "Orsova"),
        ],
    )
    speaker = Speaker.objects.get(name="Lena Orsova")
    Quote.objects.filter(speaker_name="Orsova").update(speaker=speaker)
    Speaker.objects.filter(name="Orsova").delete()
    return speaker  # fmt: skip


def test_speaker_page_groups_one_utterance_across_outlets(
    client, demo_user, orsova, django_capture_on_commit_callbacks
):
    client.force_login(demo_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(orsova.get_absolute_url())
    # The one pair of articles is not aligned in the request: the worker is asked to, once.
    assert Comparison.objects.count() == 0
    assert "Aligning 1 pair of articles in the background" in response.content.decode()
    assert [row["count"] for row in response.context["rows"]] == [1, 1, 1]
    (asked,) = DBTaskResult.objects.filter(task_path__endswith=".refresh_comparisons")
    assert refresh_comparisons.call(*asked.args_kwargs["args"]) == 1  # what the worker runs
    response = client.get(orsova.get_absolute_url())
    assert "Aligning" not in response.content.decode()
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["count"] for row in rows] == [2, 1]
    outlets = {v["article"].outlet.name for v in rows[0]["versions"]}
    assert outlets == {"Sarn Courier", "Vellin Daily"}


def test_splitting_a_spelling_moves_its_quotes_to_a_new_speaker(client, editor_user, orsova):
    client.force_login(editor_user)
    url = reverse("speaker_split", args=[orsova.pk])
    response = client.post(url, {"name": ["Orsova"]})
    assert response.status_code == 302
    new = Speaker.objects.get(name="Orsova")
    assert new.quotes.count() == 2 and orsova.quotes.count() == 1


def test_splitting_every_quote_off_is_refused(client, editor_user, orsova):
    client.force_login(editor_user)
    url = reverse("speaker_split", args=[orsova.pk])
    response = client.post(url, {"name": ["Orsova", "Lena Orsova"]})
    assert response.status_code == 400
    assert orsova.quotes.count() == 3


def test_merging_gives_all_quotes_to_one_speaker_and_keeps_the_name(client, editor_user, orsova):
    other = Speaker.objects.create(name="L. Orsova", key="l. orsova")
    Quote.objects.filter(speaker_name="Orsova").update(speaker=other)
    client.force_login(editor_user)
    response = client.post(reverse("speaker_merge", args=[orsova.pk]), {"other": other.pk})
    assert response.status_code == 302
    orsova.refresh_from_db()
    assert orsova.quotes.count() == 3
    assert "L. Orsova" in orsova.aliases
    assert not Speaker.objects.filter(pk=other.pk).exists()


def test_merge_and_split_need_an_editors_post(client, editor_user, orsova):
    url = reverse("speaker_merge", args=[orsova.pk])
    assert client.post(url, {"other": orsova.pk}).status_code == 302  # to login
    client.force_login(editor_user)
    assert client.get(url).status_code == 405
    assert client.post(url, {"other": orsova.pk}).status_code == 400


def test_speaker_and_outlet_lists_render(client, demo_user, orsova, django_assert_num_queries):
    client.force_login(demo_user)
    with django_assert_num_queries(4):
        assert client.get(reverse("speaker_list")).status_code == 200
    response = client.get(reverse("outlet_list"))
    assert "Sarn Courier" in response.content.decode()


def test_outlet_notes_show_under_the_outlet_name(client, demo_user, orsova):
    Outlet.objects.filter(name="Sarn Courier").update(notes="State-owned since 2019.")
    client.force_login(demo_user)
    body = client.get(reverse("outlet_list")).content.decode()
    assert "State-owned since 2019." in body
    assert '<th scope="col">Notes</th>' not in body


def test_empty_speaker_and_story_lists_point_to_the_upload(client, demo_user):
    client.force_login(demo_user)
    for name in ("speaker_list", "story_list"):
        body = client.get(reverse(name)).content.decode()
        assert f'href="{reverse("article_upload")}"' in body.split("</nav>", 1)[1]
