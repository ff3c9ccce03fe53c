"""Input that reaches every page before a view: NUL characters and requests over Django's
limits get a clear answer, never a 500 from PostgreSQL or a bare "Bad Request (400)"."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coverage_app.models import Annotation, Article, Quote, Speaker, Story
from tests.web.annotation_fixtures import BODY_A, BODY_B

pytestmark = pytest.mark.django_db

QUOTE_A = "We are ready for talks, but not at any price"
PARAPHRASE_B = "they were prepared to negotiate"
ARTICLE_TEXT = (
    "The Velmar harbour authority will meet the dockers' union on Friday, two days into a "
    'strike that has left ships waiting outside the breakwater. "Friday is the earliest we '
    'could all be in one room," authority director Jonas Pereira said on Wednesday.'
)


@pytest.fixture
def curator(client, django_user_model):
    """A superuser, so the test holds whatever role a page asks for."""
    user = django_user_model.objects.create(username="curator", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_a_search_for_a_nul_character_is_answered_not_a_server_error(client, curator):
    response = client.get("/search/", {"q": "harbour\x00strike"})
    assert response.status_code == 200
    assert client.get("/search/?q=%00").status_code == 200


def test_an_annotation_note_with_a_nul_character_is_stored_without_it(
    client, curator, articles, comparison
):
    a, b = articles
    data = {
        "target_article": [a.pk, b.pk],
        "target_exact": [QUOTE_A, PARAPHRASE_B],
        "target_start": [BODY_A.index(QUOTE_A), BODY_B.index(PARAPHRASE_B)],
        "target_prefix": ["", ""],
        "target_suffix": ["", ""],
        "label": "misquote",
        "note": "The condition\x00 is dropped.",
        "status": "open",
        "comparison": comparison.pk,
    }
    response = client.post(reverse("annotation_new"), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert Annotation.objects.get().note == "The condition is dropped."


def test_a_story_title_with_a_nul_character_is_saved_without_it(client, curator, articles):
    story = Story.objects.create(title="Port Vell strike")
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(story=story)
    response = client.post(reverse("story_rename", args=[story.pk]), {"title": "Dock\x00 strike"})
    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.title == "Dock strike"


def test_a_speaker_name_with_a_nul_character_is_answered_not_a_server_error(
    client, curator, articles
):
    a, _ = articles
    speaker = Speaker.objects.create(name="Mara Okonkwo", key="mara okonkwo")
    for name in ("Mara Okonkwo", "M. Okonkwo"):
        Quote.objects.create(
            article=a, speaker=speaker, speaker_name=name, text=QUOTE_A, start=0, end=10
        )
    response = client.post(reverse("speaker_split", args=[speaker.pk]), {"name": "M.\x00 Okonkwo"})
    assert response.status_code == 302
    assert Speaker.objects.filter(name="M. Okonkwo").exists()


def test_pasted_text_and_title_with_nul_characters_are_stored_without_them(client, curator):
    response = client.post(
        "/articles/upload/",
        {"text": ARTICLE_TEXT.replace("Friday", "Fri\x00day"), "title": "A\x00B"},
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert "\x00" not in article.raw and "Friday is the earliest" in article.body
    assert article.title == "AB"


def test_a_paste_over_the_request_limit_gets_the_upload_page_saying_the_limit(client, curator):
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024 * 1024
    response = client.post("/articles/upload/", {"text": "word " * (size // 5)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Upload articles" in page  # the upload page, not "Bad Request (400)"
    limit = f"{settings.PARALLAX_MAX_UPLOAD_BYTES / 1024 / 1024:g} MB"
    assert f"larger than the {limit} limit" in page
    assert not Article.objects.exists()


def test_more_files_than_django_accepts_get_the_upload_page_saying_how_many(client, curator):
    count = settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1
    files = [
        SimpleUploadedFile(f"story-{n}.txt", f"{ARTICLE_TEXT} Number {n}.".encode())
        for n in range(count)
    ]
    response = client.post("/articles/upload/", {"files": files})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Upload articles" in page
    assert f"At most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files can be uploaded at once" in page
    assert not Article.objects.exists()


def test_an_oversized_post_elsewhere_gets_a_page_saying_why(client, curator, articles):
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024
    story = Story.objects.create(title="Port Vell strike")
    response = client.post(reverse("story_rename", args=[story.pk]), {"title": "x" * size})
    assert response.status_code == 400
    assert "limit; nothing was stored" in response.content.decode()


def test_an_upload_over_the_total_size_limit_is_refused_before_its_files_are_stored(
    client, curator, settings
):
    settings.PARALLAX_MAX_UPLOAD_TOTAL_BYTES = 3 * len(ARTICLE_TEXT)
    files = [SimpleUploadedFile(f"part-{n}.txt", f"{n} {ARTICLE_TEXT}".encode()) for n in range(4)]
    response = client.post("/articles/upload/", {"files": files})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Upload articles" in page
    assert "limit for one upload; nothing was stored" in page
    assert not Article.objects.exists()
