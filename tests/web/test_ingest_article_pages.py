"""The article pages after ingest: retry, extract again, metadata corrections, query counts."""

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coverage_app.access import make_editor
from coverage_app.ingest import pipeline, queueing, uploads
from coverage_app.models import Article, Event, Outlet, Quote, Speaker, Story

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cleaning"

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, django_user_model):
    """An editor: corrections, retries and "Extract again" are curation."""
    corrector = django_user_model.objects.create(username="corrector")  # no hashing
    make_editor(corrector)
    client.force_login(corrector)
    return client


def queued_article(name: str = "wire_copy.txt") -> Article:
    upload = uploads.Upload(raw=(FIXTURES / name).read_text(encoding="utf-8"), source_name=name)
    return queueing.create_articles([upload], enqueue=False)[0].article


def run_enqueued_ingest() -> None:
    """Run the ingest tasks that were enqueued, in this process, as the worker would."""
    for task in DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"):
        pipeline.ingest_batch(task.args_kwargs["args"][0])
        task.delete()


@pytest.fixture
def done_article(nlp):
    article = pipeline.extract_article(queued_article())
    assert article.status == Article.Status.DONE
    return article


# --- Retry and "Extract again" --------------------------------------------------------------


def test_retry_queues_a_failed_article_again_and_it_ends_done(
    reader, nlp, django_capture_on_commit_callbacks
):
    article = queued_article()
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.FAILED, error="RuntimeError: the worker ran out of memory"
    )
    page = reader.get(article.get_absolute_url())
    assert "the worker ran out of memory" in page.content.decode()
    assert ">Retry</button>" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = reader.post(reverse("article_retry", args=[article.pk]))
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
    assert article.error == ""
    assert DBTaskResult.objects.get().args_kwargs["args"] == [[article.pk]]

    run_enqueued_ingest()
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.quotes.exists()


def test_retry_through_htmx_redirects_the_client_to_the_article(reader):
    article = queued_article()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error="x")
    response = reader.post(reverse("article_retry", args=[article.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == article.get_absolute_url()


def test_retry_is_refused_to_someone_not_logged_in(client, django_capture_on_commit_callbacks):
    article = queued_article()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error="x")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("article_retry", args=[article.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert not DBTaskResult.objects.exists()


def test_retry_of_an_article_being_processed_changes_nothing(reader):
    article = queued_article()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.EXTRACTING)
    response = reader.post(reverse("article_retry", args=[article.pk]), follow=True)
    assert "already being processed" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTING
    assert not DBTaskResult.objects.exists()


def test_an_article_not_yet_extracted_counts_no_events(reader):
    article = queued_article()
    page = reader.get(reverse("article_detail", args=[article.pk])).content.decode()
    assert "Events appear when extraction is done." in page
    assert "(0)" not in page  # not "Events (0)" before anything was looked for


def test_extract_again_replaces_the_quotes_without_duplicating_them(
    reader, done_article, django_capture_on_commit_callbacks
):
    before = list(done_article.quotes.values_list("pk", "start", "end", "text"))
    events_before = list(done_article.events.values_list("start", "end"))
    assert before
    assert ">Extract again</button>" in reader.get(done_article.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        reader.post(reverse("article_retry", args=[done_article.pk]))
    assert Article.objects.get(pk=done_article.pk).status == Article.Status.QUEUED
    run_enqueued_ingest()

    after = list(done_article.quotes.values_list("pk", "start", "end", "text"))
    assert [row[1:] for row in after] == [row[1:] for row in before]
    assert not {row[0] for row in after} & {row[0] for row in before}, "rows were not replaced"
    assert list(done_article.events.values_list("start", "end")) == events_before
    assert Article.objects.get(pk=done_article.pk).status == Article.Status.DONE


# --- Correcting the metadata ----------------------------------------------------------------


def metadata(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "outlet_name": article.outlet.name,
        "author": article.author,
        "published": article.published.isoformat() if article.published else "",
        "url": article.url,
    }
    return {**data, **changes}


def test_corrected_title_outlet_and_author_are_saved_and_shown(reader):
    article = queued_article()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DONE)
    response = reader.post(
        reverse("article_metadata", args=[article.pk]),
        metadata(
            article,
            title="Velmar harbour agrees to Friday talks",
            outlet_name="Harbourline Weekly",
            author="Mira Castellan-Ode",
        ),
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == article.get_absolute_url()
    assert "<h1>Velmar harbour agrees to Friday talks</h1>" in page
    assert "Harbourline Weekly" in page
    assert "Mira Castellan-Ode" in page
    article.refresh_from_db()
    assert article.title == "Velmar harbour agrees to Friday talks"
    assert article.outlet.name == "Harbourline Weekly"
    assert article.author == "Mira Castellan-Ode"
    assert article.metadata_edited
    assert article.status == Article.Status.DONE, "no new date: nothing to extract again"
    assert not DBTaskResult.objects.exists()


def test_a_corrected_outlet_joins_the_outlet_of_that_name(reader):
    article = queued_article()
    other = Outlet.objects.create(name="The Harbour Gazette", key="harbourgazette")
    reader.post(
        reverse("article_metadata", args=[article.pk]),
        metadata(article, outlet_name="harbour gazette"),
    )
    article.refresh_from_db()
    assert article.outlet == other


def test_a_changed_date_is_shown_and_queues_extraction_again(
    reader, django_capture_on_commit_callbacks
):
    article = queued_article()
    assert article.published == date(2023, 3, 15)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        response = reader.post(
            reverse("article_metadata", args=[article.pk]),
            metadata(article, published="2023-03-16"),
            follow=True,
        )
    assert "16 March 2023" in response.content.decode()
    assert "dated again" in response.content.decode()
    article.refresh_from_db()
    assert article.published == date(2023, 3, 16)
    assert article.status == Article.Status.QUEUED
    assert DBTaskResult.objects.get().args_kwargs["args"] == [[article.pk]]


def test_an_invalid_date_gets_a_clear_message_and_changes_nothing(reader):
    article = queued_article()
    response = reader.post(
        reverse("article_metadata", args=[article.pk]),
        metadata(article, title="Not saved", published="2023-02-30"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a real date as YYYY-MM-DD" in page
    assert 'value="Not saved"' in page, "the person's input is kept in the form"
    assert "<h1>Not saved</h1>" not in page, "the heading shows what is stored"
    article.refresh_from_db()
    assert article.title == ""
    assert article.published == date(2023, 3, 15)
    assert not article.metadata_edited


def test_metadata_edits_are_refused_to_someone_not_logged_in(client):
    article = queued_article()
    response = client.post(
        reverse("article_metadata", args=[article.pk]), metadata(article, title="Vandalised")
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    article.refresh_from_db()
    assert article.title == ""
    assert not article.metadata_edited


def test_anonymous_readers_of_a_public_site_see_no_edit_form(client, settings):
    settings.PARALLAX_PUBLIC_READ = True
    article = queued_article()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error="x")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Correct the metadata" not in page
    assert ">Retry</button>" not in page


# --- Articles without a headline -----------------------------------------------------------


def test_an_article_without_a_headline_is_shown_by_its_opening_sentence_not_its_file_name(
    reader,
):
    article = queued_article("wire_copy.txt")
    assert article.title == "", "the stored title reports what the text says: nothing"
    opening = "The harbour authority of Velmar on Tuesday said that it would meet union leaders on…"
    for url in (article.get_absolute_url(), reverse("article_list"), "/"):
        page = reader.get(url).content.decode()
        assert opening in page, url
        assert "wire_copy.txt" not in page, url
    assert f"<title>{opening}" in reader.get(article.get_absolute_url()).content.decode()


def test_a_title_given_by_a_person_wins_over_the_opening_sentence(reader):
    article = queued_article("wire_copy.txt")
    Article.objects.filter(pk=article.pk).update(title="Velmar talks on Friday")
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "<h1>Velmar talks on Friday</h1>" in page
    assert "The harbour authority of Velmar on Tuesday said" not in page.split("<h1>")[1][:200]


# --- What cleaning removed, and events -------------------------------------------------------


def test_what_cleaning_removed_is_grouped_by_kind(reader):
    article = queued_article("blog_with_comments.txt")
    assert {"text": "Leave a Reply", "kind": "after"} in article.removed
    page = reader.get(article.get_absolute_url()).content.decode()
    removed = page.split('<details class="removed">')[1].split("</details>")[0]
    header = removed.index("<h3>Header")
    after = removed.index("<h3>After the article")
    assert header < removed.index("By Ilse Varga | March 14, 2023") < after
    assert after < removed.index("Comment by harbourwatcher") < removed.index("Leave a Reply")
    assert f"What cleaning removed ({len(article.removed)})" in removed


def test_articles_cleaned_before_cuts_had_kinds_still_list_them(reader):
    article = queued_article()
    Article.objects.filter(pk=article.pk).update(removed=["Share this story", "Comment by x"])
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "<h3>Other" in page
    assert "<li>Share this story</li>" in page
    assert "What cleaning removed (2)" in page


def test_events_from_one_sentence_show_it_once_and_long_lists_fold(reader):
    article = make_articles(1, quotes=1, events=0)[0]
    sentences = [f"The dockers walked out at gate {n}." for n in range(9)]
    Event.objects.bulk_create(
        Event(article=article, text=text, actor=actor, action=action, start=n, end=n + 1)
        for n, text in enumerate(sentences)
        for actor, action in (("dockers", "walk out"), ("police", "close"))
    )
    page = reader.get(article.get_absolute_url()).content.decode()
    assert 'Events <span class="muted small">(18)</span>' in page
    for text in sentences:
        assert page.count(text) == 1, text
    shown, folded = page.split('<details class="more-events">')
    assert "gate 5." in shown and "gate 6." not in shown
    assert "Show 3 more sentences with events" in folded
    assert folded.count("<em>close</em>") == 3


# --- Query counts ---------------------------------------------------------------------------


def make_articles(count: int, *, quotes: int, events: int) -> list[Article]:
    """Done articles with stories, speakers, quotes and events, written straight to the rows."""
    story = Story.objects.create(title="Velmar port strike")
    outlets = [
        Outlet.objects.create(name="Harbourline", key="harbourline"),
        Outlet.objects.create(name="Lantern Dispatch", key="lanterndispatch"),
    ]
    speakers = [
        Speaker.objects.create(name="Jonas Pereira", key="jonas pereira"),
        Speaker.objects.create(name="Teodor Brask", key="teodor brask"),
    ]
    articles = []
    for number in range(count):
        body = " ".join(
            f'"We will talk on day {number}.{n}," the director said.' for n in range(quotes)
        )
        article = Article.objects.create(
            outlet=outlets[number % 2],
            story=story,
            title="" if number % 3 == 0 else f"Strike day {number}",
            source_name=f"story-{number}.txt",
            raw=body,
            body=body,
            body_hash=f"hash-{number}",
            published=date(2023, 3, 1 + number),
            status=Article.Status.DONE,
        )
        position = 0
        for n in range(quotes):
            sentence = f'"We will talk on day {number}.{n}," the director said.'
            start = body.index(sentence, position) + 1
            end = start + len(f"We will talk on day {number}.{n},")
            position = end
            Quote.objects.create(
                article=article,
                speaker=speakers[n % 2] if n % 3 else None,
                speaker_name="the director" if n % 3 == 0 else speakers[n % 2].name,
                text=body[start:end],
                kind=Quote.Kind.DIRECT,
                start=start,
                end=end,
            )
        Event.objects.bulk_create(
            Event(
                article=article,
                text="The dockers walked out.",
                actor="dockers",
                action="walk out",
                participants=["harbour"],
                place="Velmar",
                date=date(2023, 3, 1),
                start=0,
                end=10,
            )
            for _ in range(events)
        )
        articles.append(article)
    return articles


@pytest.mark.parametrize("count", [2, 9])
def test_the_article_list_takes_the_same_queries_for_many_articles(
    reader, count, django_assert_num_queries
):
    make_articles(count, quotes=2, events=2)
    # session, user, the articles (with outlet and story), the status counts
    with django_assert_num_queries(4):
        page = reader.get(reverse("article_list"))
    assert page.content.decode().count('id="article-row-') == count
    # Untitled ones are named by their opening sentence (annotated: the body stays deferred).
    assert "&quot;We will talk on day 0.0,&quot; the director said</a>" in page.content.decode()
    assert "story-0.txt" not in page.content.decode()


@pytest.mark.parametrize("quotes", [2, 12])
def test_the_article_page_takes_the_same_queries_for_many_quotes_and_events(
    reader, quotes, django_assert_num_queries
):
    article = make_articles(3, quotes=quotes, events=quotes)[1]
    # session, user, the account's permissions (its own and its groups': may it curate?),
    # the article (with outlet and story), its quotes (with speakers), its events
    with django_assert_num_queries(7):
        page = reader.get(article.get_absolute_url())
    assert page.content.decode().count('<mark class="quote') == quotes
    assert page.content.decode().count("<em>walk out</em>") == quotes


def test_an_event_with_no_actor_is_unattributed_as_everywhere_else(reader):
    article = make_articles(1, quotes=1, events=0)[0]
    Event.objects.create(
        article=article, text="The gate was closed.", actor="", action="close", start=0, end=1
    )
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Unattributed <em>close</em>" in page
    assert "Someone" not in page
