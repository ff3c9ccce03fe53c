"""Search: full-text ranking with snippets, trigram matching of misspelt speaker names."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from coverage_app import search
from tests.web.test_stories import make_article


@pytest.fixture
def corpus(db):
    return {
        "title_hit": make_article(
            "Sarn Courier", "Grey Bay trawlers banned", "The ministry said little else.",
            date(2024, 5, 13),
        ),
        "body_hit": make_article(
            "Vellin Daily", "Talks collapse",
            "Orsova left the meeting. Later the ministry mentioned trawlers once.",
            date(2024, 5, 13),
            [("I did not come to Vellin to be handed a new border at sea", "Lena Orsova")],
        ),
        "miss": make_article(
            "Coastline Times", "Rates rise", "The central bank raised rates to 5.25 percent.",
            date(2024, 5, 14),
            [("We are not done yet", "Sofia Renner"), ("Prices & wages rose 5 < 6", "Karl Weiss")],
        ),
    }  # fmt: skip


def test_a_title_match_ranks_above_a_single_body_mention(corpus):
    hits = search.search("trawlers").articles
    assert [h.id for h in hits] == [corpus["title_hit"].pk, corpus["body_hit"].pk]
    assert hits[0].rank > hits[1].rank


def test_snippets_highlight_the_matched_words_and_escape_the_rest(corpus):
    body_hit = [h for h in search.search("trawlers").articles if h.id == corpus["body_hit"].pk]
    assert "<mark>trawlers</mark>" in body_hit[0].snippet
    quote = search.search("prices").quotes[0]
    assert "&amp;" in quote.snippet and " & " not in quote.snippet


def test_quotes_are_found_by_their_words_with_their_speaker(corpus):
    hits = search.search("border at sea").quotes
    assert hits and hits[0].speaker == "Lena Orsova"


def test_a_misspelt_speaker_name_finds_the_person(corpus):
    names = [h.name for h in search.search("Orsva").speakers]
    assert names == ["Lena Orsova"]
    assert [h.name for h in search.search("sofia rener").speakers] == ["Sofia Renner"]


def test_search_page_groups_results_by_kind(client, demo_user, corpus):
    client.force_login(demo_user)
    response = client.get(reverse("search"), {"q": "Orsova"})
    html = response.content.decode()
    assert response.status_code == 200
    results = html[html.index('id="search-results"') :]
    assert "<h2>Speakers" in results and "<h2>Articles" in results
    assert results.index("<h2>Speakers") < results.index("<h2>Articles")
    assert "Lena Orsova" in results


def test_htmx_requests_get_only_the_results(client, demo_user, corpus):
    client.force_login(demo_user)
    response = client.get(reverse("search"), {"q": "trawlers"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<mark>trawlers</mark>" in html and "<html" not in html


def test_an_overlong_query_gets_a_clear_400(client, demo_user, db):
    client.force_login(demo_user)
    response = client.get(reverse("search"), {"q": "x" * 500})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_empty_query_and_punctuation_only_find_nothing_without_error(client, demo_user, corpus):
    client.force_login(demo_user)
    for query in ("", "   ", "&|!():*"):
        assert client.get(reverse("search"), {"q": query}).status_code == 200


def test_article_search_uses_the_full_text_index(corpus):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT id FROM coverage_app_article "
            f"WHERE {search.ARTICLE_VECTOR} @@ websearch_to_tsquery('english', 'trawlers')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "article_search_idx" in plan


def test_a_search_with_no_results_says_what_to_try(client, demo_user, corpus):
    client.force_login(demo_user)
    response = client.get(reverse("search"), {"q": "zzqqxx"})
    assert "Nothing matches" in response.content.decode()
    assert reverse("speaker_list") in response.content.decode()


def test_a_query_naming_a_speaker_and_words_finds_that_speakers_quotes(corpus):
    results = search.search("Orsova border at sea")
    assert [h.speaker for h in results.quotes] == ["Lena Orsova"]
    assert "<mark>border</mark>" in results.quotes[0].snippet
    assert results.speaker_in_query.names == ["Lena Orsova"]
    assert results.speaker_in_query.words == "border at sea"
    assert [(h.name, h.quote_count) for h in results.speakers][:1] == [("Lena Orsova", 1)]


def test_a_full_name_or_a_possessive_names_the_speaker_too(corpus):
    for query in ("lena orsova new border", "Orsova's new border"):
        assert [h.speaker for h in search.search(query).quotes] == ["Lena Orsova"], query


def test_a_speakers_name_with_words_they_never_said_finds_none_of_their_quotes(corpus):
    results = search.search("Renner border at sea")
    assert results.speaker_in_query.names == ["Sofia Renner"]
    assert [h.speaker for h in results.quotes] == []


def test_words_naming_no_speaker_search_quotes_as_before(corpus):
    results = search.search("new border")
    assert results.speaker_in_query is None
    assert [h.speaker for h in results.quotes] == ["Lena Orsova"]
    assert search.search("Orsova").speaker_in_query is None  # a name alone: the speaker list


def test_the_search_page_says_whose_quotes_it_shows(client, demo_user, corpus):
    client.force_login(demo_user)
    html = client.get(reverse("search"), {"q": "Orsova border"}).content.decode()
    results = html[html.index('id="search-results"') :]
    assert "Quotes by Lena Orsova with “border” first." in results
    assert "<mark>border</mark>" in results
