"""The compare page, its filters, the stored comparison, candidates and the compare command."""

import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coverage_app import comparisons
from coverage_app.ingest.tasks import refresh_comparisons
from coverage_app.models import Article, Comparison, Entity, Event, Outlet, Quote, Speaker
from coverage_app.pages import compare_page

pytestmark = pytest.mark.django_db

BODY_A = (
    'Foreign Minister Tomas Varga said on Monday: "We are ready for talks, and we will study any '
    'serious proposal." Interior Minister Petra Holm said Belmora would attend the meeting in '
    'Kerrin but would not sign anything. "The dam has cut the river by a third," Holm said.'
)
BODY_B = (
    '"This is a public relations exercise," Holm told BTV. Varga told reporters: "We are prepared '
    'to negotiate and will consider any serious offer." Holm said: "We will go to Kerrin, but we '
    'will sign nothing there."'
)

READY = "We are ready for talks, and we will study any serious proposal."
ATTEND = "Belmora would attend the meeting in Kerrin but would not sign anything"
PREPARED = "We are prepared to negotiate and will consider any serious offer."


def worker_aligns(*articles: Article) -> None:
    """What the worker runs once articles are extracted: their comparisons, stored."""
    refresh_comparisons.call([a.pk for a in articles])


# What the page used to swap per request in cached HTML (the CSRF token, the user name).
OLD_PLACEHOLDERS = ("pxslotcsrf7d1e", "pxslotuser7d1e")


def _speaker(name):
    return Speaker.objects.get_or_create(key=name.lower(), defaults={"name": name})[0]


def _article(outlet, title, body, quotes, events=(), published=date(2025, 3, 5)):
    article = Article.objects.create(
        outlet=Outlet.objects.get_or_create(key=outlet.lower(), defaults={"name": outlet})[0],
        title=title,
        author="A. Writer",
        published=published,
        raw=body,
        body=body,
        body_hash=str(hash(body)),
        status=Article.Status.DONE,
        extracted_at=timezone.now(),
    )
    for words, speaker, kind in quotes:
        start = body.index(words)
        Quote.objects.create(
            article=article,
            speaker=_speaker(speaker),
            speaker_name=speaker,
            text=words,
            kind=kind,
            start=start,
            end=start + len(words),
            sentence=words,
        )
    for sentence, actor, action, when in events:
        start = body.index(sentence)
        Event.objects.create(
            article=article, text=sentence, actor=actor, action=action, date=when,
            start=start, end=start + len(sentence),
        )  # fmt: skip
    return article


@pytest.fixture
def pair():
    a = _article(
        "Meridian Wire",
        "Arvenia ready for talks",
        BODY_A,
        [
            (READY, "Tomas Varga", "direct"),
            (ATTEND, "Petra Holm", "indirect"),
            ("The dam has cut the river by a third,", "Petra Holm", "direct"),
        ],
        [("Belmora would attend the meeting in Kerrin", "Belmora", "attend", date(2025, 3, 6))],
    )  # fmt: skip
    b = _article(
        "Harbour Ledger",
        "Belmora calls offer a stunt",
        BODY_B,
        [
            ("This is a public relations exercise,", "Petra Holm", "direct"),
            (PREPARED, "Tomas Varga", "direct"),
            ("We will go to Kerrin, but we will sign nothing there.", "Petra Holm", "direct"),
        ],
    )  # fmt: skip
    worker_aligns(a, b)
    return a, b


PAIR_ROW = re.compile(
    r'<article class="pair card[^"]*" id="pair-(\w)-(\d+)-(\d+)"[^>]*data-score="(\d+)"'
)


def _rows(html: str) -> list[tuple[str, int, int, int]]:
    """(kind letter, id in A, id in B, score) of every aligned row on the page."""
    return [(k, int(a), int(b), int(score)) for k, a, b, score in PAIR_ROW.findall(html)]


def _only(html: str, side: str) -> list[tuple[str, int]]:
    """(kind letter, id) of every item in one side's only-in band."""
    return [
        (k, int(i))
        for k, i in re.findall(rf'class="only-item card" id="only-{side}-(\w)-(\d+)"', html)
    ]


def _texts(model, ids) -> list[str]:
    found = model.objects.in_bulk(list(ids))
    return [found[i].text for i in ids]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def reader(client, demo_user):
    client.force_login(demo_user)
    return client


def test_compare_requires_login_when_reading_is_not_public(client, pair, settings):
    settings.PARALLAX_PUBLIC_READ = False
    a, b = pair
    response = client.get(reverse("compare", args=[a.pk, b.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_compare_shows_both_heads_aligned_pairs_and_what_only_one_side_carries(reader, pair):
    a, b = pair
    response = reader.get(reverse("compare", args=[a.pk, b.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Meridian Wire" in html and "Harbour Ledger" in html and "A. Writer" in html
    rows = _rows(html)
    quote_rows = [(a_id, b_id) for kind, a_id, b_id, _ in rows if kind == "q"]
    texts = {
        (x[:12], y[:12])
        for x, y in zip(
            _texts(Quote, [a_id for a_id, _ in quote_rows]),
            _texts(Quote, [b_id for _, b_id in quote_rows]),
            strict=True,
        )
    }
    assert ("We are ready", "We are prepa") in texts
    assert ("Belmora woul", "We will go t") in texts
    only_a_quotes = [i for kind, i in _only(html, "a") if kind == "q"]
    assert _texts(Quote, only_a_quotes) == ["The dam has cut the river by a third,"]
    only_b_quotes = [i for kind, i in _only(html, "b") if kind == "q"]
    assert "This is a public relations exercise," in _texts(Quote, only_b_quotes)
    assert '<span class="diff diff-changed">prepared to negotiate</span>' in html
    assert 'id="text-a"' in html and 'data-ids="q' in html
    assert "<svg" in html and 'class="ribbon' in html


def test_pair_rows_carry_article_ids_and_offsets_for_annotations(reader, pair):
    a, b = pair
    html = reader.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    quote = Quote.objects.get(article=a, kind="indirect")
    assert f'data-a-article="{a.pk}" data-a-start="{quote.start}" data-a-end="{quote.end}"' in html
    only = Quote.objects.get(article=a, text__startswith="The dam")
    assert f'id="only-a-q-{only.pk}"' in html


def test_full_text_pane_holds_the_body_unchanged(reader, pair):
    a, b = pair
    response = reader.get(reverse("compare", args=[a.pk, b.pk]))
    from html import unescape

    html = response.content.decode()
    pane = html[html.index('id="text-a"') :]
    pane = pane[pane.index(">") + 1 : pane.index('<div class="text-col side-b"')]
    pane = pane[: pane.rindex("</div>")]
    pane = pane[: pane.rindex("</div>")]
    assert unescape(re.sub(r"<[^>]+>", "", pane)) == a.body


def test_the_page_shows_the_stored_comparison_and_never_computes_one(reader, pair):
    a, b = pair
    stored = Comparison.objects.get(article_a=a, article_b=b)
    reader.get(reverse("compare", args=[a.pk, b.pk]))
    reader.get(reverse("compare", args=[a.pk, b.pk]))
    assert Comparison.objects.get().computed == stored.computed
    assert {p["a"] for p in stored.result["quotes"]["pairs"]} <= set(
        Quote.objects.filter(article=a).values_list("pk", flat=True)
    )


def test_page_loads_in_a_fixed_number_of_queries(reader, pair, django_assert_num_queries):
    from django.core.cache import cache

    a, b = pair
    url = reverse("compare", args=[a.pk, b.pk])
    reader.get(url)
    cache.clear()
    # session, user, the articles' heads, their bodies, quotes with speakers, events, the
    # stored comparison
    with django_assert_num_queries(7):
        first = reader.get(url).content.decode()
    # then its parts come from the cache: session, user, the articles' heads
    with django_assert_num_queries(3):
        again = reader.get(url).content.decode()
    assert _rows(again) == _rows(first) and 'id="text-b"' in again
    for i in range(10):
        Quote.objects.create(article=b, text=f"extra quote {i}", kind="direct", start=0, end=5)
    cache.clear()
    with django_assert_num_queries(7):
        reader.get(url)
    with django_assert_num_queries(3):
        reader.get(url)


def test_a_new_extraction_shows_at_once_though_the_old_page_is_cached(reader, pair):
    a, b = pair
    url = reverse("compare", args=[a.pk, b.pk])
    before = _rows(reader.get(url).content.decode())
    gone = Quote.objects.get(article=b, text__startswith="We will go")
    assert gone.pk in {b_id for _, _, b_id, _ in before}
    gone.delete()
    Article.objects.filter(pk=b.pk).update(extracted_at=timezone.now())
    waiting = reader.get(url).content.decode()  # the stored comparison is stale now
    assert "The worker is lining up the two accounts" in waiting and not _rows(waiting)
    worker_aligns(a, b)
    after = _rows(reader.get(url).content.decode())
    assert gone.pk not in {b_id for _, _, b_id, _ in after}
    assert len(after) == len(before) - 1


def test_cached_parts_carry_nothing_about_the_person_looking(client, pair, demo_user, settings):
    settings.PARALLAX_PUBLIC_READ = True
    a, b = pair
    url = reverse("compare", args=[a.pk, b.pk])
    anonymous = client.get(url).content.decode()
    assert demo_user.username not in anonymous
    client.force_login(demo_user)
    logged_in = client.get(url).content.decode()
    assert demo_user.username in logged_in
    assert _rows(logged_in) == _rows(anonymous)
    for html in (anonymous, logged_in):
        assert not any(placeholder in html for placeholder in OLD_PLACEHOLDERS)
    token = re.search(r'"x-csrftoken": "([^"]+)"', logged_in).group(1)
    assert re.fullmatch(r"[A-Za-z0-9]{64}", token)  # a real (masked) CSRF token


def test_threshold_moves_weak_pairs_into_the_only_bands(reader, pair):
    a, b = pair
    url = reverse("compare", args=[a.pk, b.pk])
    all_rows = _rows(reader.get(url).content.decode())
    kind, weak_a, weak_b, weakest = min(all_rows, key=lambda r: r[3])
    response = reader.get(url, {"min": weakest + 1})
    html = response.content.decode()
    assert len(_rows(html)) == len(all_rows) - 1
    assert (kind, weak_a) in _only(html, "a") and (kind, weak_b) in _only(html, "b")
    assert f'data-threshold="{weakest + 1}"' in html


def test_htmx_request_gets_only_the_results_partial(reader, pair):
    a, b = pair
    response = reader.get(
        reverse("compare", args=[a.pk, b.pk]), {"min": 90}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="compare-results"')
    assert "<html" not in html and 'id="text-a"' not in html


def test_speaker_kind_and_conflict_filters(reader, pair):
    a, b = pair
    url = reverse("compare", args=[a.pk, b.pk])
    varga = reader.get(url, {"speaker": "tomas varga"}).content.decode()
    speakers = Quote.objects.in_bulk([a_id for _, a_id, _, _ in _rows(varga)])
    assert {q.speaker_name for q in speakers.values()} == {"Tomas Varga"}
    assert _only(varga, "a") == [] and _only(varga, "b") == []
    events = reader.get(url, {"kind": "events"}).content.decode()
    event = Event.objects.get(article=a)
    assert _rows(events) == [] and _only(events, "a") == [("e", event.pk)]
    assert _only(events, "b") == [] and 'id="pair-q-' not in events
    conflicts = reader.get(url, {"conflicts": "on"}).content.decode()
    assert _rows(conflicts) and len(_rows(conflicts)) == conflicts.count("pair card pair-conflict")


def test_bad_filter_values_get_a_clear_400(reader, pair):
    a, b = pair
    response = reader.get(reverse("compare", args=[a.pk, b.pk]), {"min": "lots"})
    assert response.status_code == 400
    assert "Enter a whole number" in response.content.decode()


def test_reversed_ids_redirect_and_same_or_missing_articles_fail_cleanly(reader, pair):
    a, b = pair
    Comparison.objects.all().delete()
    response = reader.get(reverse("compare", args=[b.pk, a.pk]) + "?min=70")
    assert response.status_code == 302
    assert response["Location"] == reverse("compare", args=[a.pk, b.pk]) + "?min=70"
    assert reader.get(reverse("compare", args=[a.pk, a.pk])).status_code == 400
    assert reader.get(reverse("compare", args=[a.pk, 999999])).status_code == 404
    assert not Comparison.objects.exists()


def test_unfinished_article_shows_a_wait_message_and_stores_nothing(reader, pair):
    a, b = pair
    Comparison.objects.all().delete()
    Article.objects.filter(pk=b.pk).update(status=Article.Status.EXTRACTING)
    response = reader.get(reverse("compare", args=[a.pk, b.pk]))
    assert response.status_code == 200
    assert "must finish extraction" in response.content.decode()
    assert not Comparison.objects.exists()
    assert not DBTaskResult.objects.exists()  # nothing asked of the worker either


def test_refresh_for_recomputes_stale_comparisons_after_reextraction(pair):
    a, b = pair
    comparisons.compare_articles(a, b)
    Quote.objects.filter(article=b, text__startswith="We will go").delete()
    Article.objects.filter(pk=b.pk).update(extracted_at=timezone.now())
    b.refresh_from_db()
    refreshed = comparisons.refresh_for(b)
    assert [c.article_a_id for c in refreshed] == [a.pk]
    stored = Comparison.objects.get()
    assert len(stored.result["quotes"]["pairs"]) == 1
    assert stored.result["stamp"] == comparisons.stamp(a, b)


def test_candidates_rank_articles_sharing_speakers_and_names_first(reader, pair):
    a, b = pair
    unrelated = _article(
        "Coastline Times", "Cup final", "The cup final ended 2-1.", [], published=date(2024, 1, 1)
    )
    Entity.objects.create(article=a, text="Kerrin", label="GPE")
    Entity.objects.create(article=b, text="Kerrin", label="GPE")
    found = comparisons.candidates_for(a)
    assert [c.article for c in found] == [b]
    assert found[0].shared_speakers == ["Petra Holm", "Tomas Varga"]
    assert found[0].shared_entities == 1
    html = reader.get(reverse("compare_candidates", args=[a.pk])).content.decode()
    assert reverse("compare", args=[a.pk, b.pk]) in html and unrelated.title not in html


def test_compare_command_prints_the_issue_json_for_stored_articles(pair, capsys):
    a, b = pair
    Comparison.objects.all().delete()
    call_command("compare", str(a.pk), str(b.pk), "--json")
    data = json.loads(capsys.readouterr().out)
    assert [x["title"] for x in data["articles"]] == [a.title, b.title]
    comp = data["comparisons"][0]
    assert (comp["a"], comp["b"]) == (0, 1)
    pair0 = comp["quotes"]["pairs"][0]
    assert set(pair0) == {"a", "b", "score", "flags", "diff"}
    assert {"text", "speaker", "kind", "start", "end"} <= set(pair0["a"])
    assert set(comp["events"]) == {"pairs", "only_a", "only_b"}
    assert not Comparison.objects.exists()


def test_a_stitched_quote_row_shows_both_spans_of_the_other_outlets_utterance(reader):
    ledger_body = (
        '"We are ready for talks. We have never closed the door to dialogue," Varga told '
        'reporters. "If Belmora sends a serious proposal, we will study it carefully."'
    )
    span_1 = "We are ready for talks. We have never closed the door to dialogue,"
    span_2 = "If Belmora sends a serious proposal, we will study it carefully."
    ledger = _article(
        "Harbour Ledger", "Varga ready", ledger_body,
        [(span_1, "Tomas Varga", "direct"), (span_2, "Tomas Varga", "direct")],
    )  # fmt: skip
    Quote.objects.filter(article=ledger).update(utterance=5)
    stitched = "We are ready for talks, and we will study any serious proposal."
    wire = _article(
        "Meridian Wire", "Varga offer", f'Varga said: "{stitched}"',
        [(stitched, "Tomas Varga", "direct")],
    )  # fmt: skip
    first, second = Quote.objects.filter(article=ledger).order_by("start")
    worker_aligns(ledger, wire)
    html = reader.get(reverse("compare", args=[ledger.pk, wire.pk])).content.decode()
    assert len(_rows(html)) == 1 and _only(html, "a") == [] and _only(html, "b") == []
    assert f'data-a-key="q{first.pk} q{second.pk}"' in html
    assert f'data-a-id="{first.pk},{second.pk}"' in html
    assert "Stitched from two spans" in html
    stored = Comparison.objects.get().result["quotes"]["pairs"][0]
    assert stored["a_parts"] == [first.pk, second.pk] and "stitched" in stored["flags"]


def test_placeholder_strings_and_html_in_an_article_come_out_as_text(reader, demo_user):
    """An article may say anything: the old per-user placeholder strings and HTML-looking text
    reach the reader as the same text, in the rows and the full texts, for every viewer."""
    said = 'Kell said: "Type pxslotcsrf7d1e or pxslotuser7d1e, then <script>alert(1)</script>."'
    quote = "Type pxslotcsrf7d1e or pxslotuser7d1e, then <script>alert(1)</script>."
    tail = " The <b>harbour</b> board met."
    a = _article("Meridian Wire", "Codes", said + tail, [(quote, "Anna Kell", "direct")])
    b = _article("Harbour Ledger", "Codes", said, [(quote, "Anna Kell", "direct")])
    worker_aligns(a, b)
    url = reverse("compare", args=[a.pk, b.pk])
    for _ in range(2):  # rendered, then from the cache
        html = reader.get(url).content.decode()
        token = re.search(r'"x-csrftoken": "([^"]+)"', html).group(1)
        # only where the page itself puts it: its htmx header and its forms (log out)
        assert html.count(token) == 1 + html.count('name="csrfmiddlewaretoken"')
        for placeholder in OLD_PLACEHOLDERS:
            # once in each side of the pair row, once in each full text
            assert html.count(placeholder) == 4
        assert "<script>alert(1)" not in html and "<b>harbour</b>" not in html
        assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 4
        assert "The &lt;b&gt;harbour&lt;/b&gt; board met." in html


def test_word_diff_marks_changed_and_one_sided_words_and_strikes_nothing(reader, pair):
    a, b = pair
    html = reader.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    assert "<del" not in html and "<ins" not in html
    assert '<span class="diff diff-changed">ready for talks,</span>' in html  # A's side
    assert '<span class="diff diff-changed">prepared to negotiate</span>' in html  # B's
    assert '<span class="diff diff-only">we</span>' in html  # "and we will" / "and will"
    legend = html[html.index('class="diff-legend') :]
    legend = legend[: legend.index("</p>")]
    for key in ("diff-changed", "only in A", "only in B"):
        assert key in legend


def test_quotation_marks_only_around_quoted_words_in_pairs_and_bands(reader, pair):
    a, b = pair
    html = reader.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    attend = Quote.objects.get(text=ATTEND)
    row = html[html.index(f'id="pair-q-{attend.pk}-') :]
    row = row[: row.index("</article>")]
    side_a, side_b = row.split('<div class="pair-side side-b">')
    assert '<span class="reported"' in side_a and "<q" not in side_a  # reported speech
    assert '<q class="spoken">' in side_b  # the other outlet quotes the words
    dam = html[html.index('<div class="only-item card" id="only-a-q-') :]
    dam = dam[: dam.index("</div>")]
    assert '<q class="spoken">The dam has cut the river by a third,</q>' in dam


def test_the_candidates_page_names_a_headline_less_article_by_its_opening_not_its_file(
    reader, pair
):
    a, _ = pair
    Article.objects.filter(pk=a.pk).update(title="", source_name="upload_0042.txt")
    html = reader.get(reverse("compare_candidates", args=[a.pk])).content.decode()
    assert "upload_0042.txt" not in html
    assert "<title>Compare Foreign Minister Tomas Varga said on Monday" in html


def test_a_trimmed_quote_marks_the_words_only_one_side_has(reader):
    long = "We will build the dam, and we will build it this year."
    short = "We will build the dam."
    a = _article("Meridian Wire", "Dam", f'Ora said: "{long}"', [(long, "Lina Ora", "direct")])
    b = _article("Harbour Ledger", "Dam", f'Ora said: "{short}"', [(short, "Lina Ora", "direct")])
    worker_aligns(a, b)
    html = reader.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    side_a = html[html.index('<div class="pair-side side-a">') :]
    side_a = side_a[: side_a.index("</div>")]
    assert '<span class="diff diff-only">' in side_a and "this year" in side_a


def test_the_ribbon_picture_draws_only_what_its_legend_names(reader, pair):
    a, b = pair
    html = reader.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    drawn = set(re.findall(r'class="(?:ribbon|tick) ((?:ribbon|tick)-\w+)"', svg))
    named = set(re.findall(r'data-legend="([\w-]+)"', html))
    assert {"tick-quote", "tick-event"} <= drawn and any(d.startswith("ribbon-") for d in drawn)
    assert drawn <= named
    assert "fill-opacity" not in svg  # no shading the legend does not explain


def test_a_quote_or_event_without_a_speaker_is_called_unattributed(reader):
    said = '"The bridge stays shut," a statement read. The ferry was cancelled on Monday.'
    a = _article(
        "Meridian Wire", "Bridge", said, [("The bridge stays shut,", "", "direct")],
        [("The ferry was cancelled on Monday.", "", "cancel", date(2025, 3, 3))],
    )  # fmt: skip
    b = _article("Harbour Ledger", "Cup", "The cup final ended 2-1.", [])
    Quote.objects.filter(article=a).update(speaker=None)
    worker_aligns(a, b)
    html = reader.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    assert html.count("<strong>Unattributed</strong>") == 2  # the quote and the event
    assert "Unknown speaker" not in html and "<strong>—</strong>" not in html


def test_the_compare_page_has_no_inline_scripts_styles_or_event_handlers(reader, pair):
    """What a strict Content-Security-Policy (our own origin only) would refuse."""
    a, b = pair
    for params in ({}, {"min": 90}):
        html = reader.get(reverse("compare", args=[a.pk, b.pk]), params).content.decode()
        assert " style=" not in html and "<style" not in html
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
        assert not re.search(r"\son[a-z]+=", html)


def test_a_pair_never_aligned_is_asked_of_the_worker_once_and_shown_when_done(
    reader, pair, django_capture_on_commit_callbacks
):
    a, b = pair
    Comparison.objects.all().delete()
    url = reverse("compare", args=[a.pk, b.pk])
    with django_capture_on_commit_callbacks(execute=True):
        waiting = reader.get(url).content.decode()
        reader.get(url)  # asked once, not once per reload
    assert "The worker is lining up the two accounts" in waiting and not _rows(waiting)
    assert '<meta http-equiv="refresh"' in waiting
    assert not Comparison.objects.exists()
    (asked,) = DBTaskResult.objects.filter(task_path__endswith=".refresh_comparisons")
    assert refresh_comparisons.call(*asked.args_kwargs["args"]) == 1  # what the worker runs
    shown = reader.get(url).content.decode()
    assert _rows(shown) and '<meta http-equiv="refresh"' not in shown


def test_a_changed_template_gets_new_cache_keys(tmp_path, monkeypatch):
    """A deploy that changes how the page renders is never served from a shared cache's
    fragments of before: the templates' digest is part of every key."""
    page = tmp_path / "compare.html"
    page.write_text("<p>{{ a }}</p>")
    monkeypatch.setattr(compare_page, "RENDERED_BY", (tmp_path,))
    compare_page.render_digest.cache_clear()
    before = compare_page.render_digest()
    page.write_text("<p>{{ a }} and {{ b }}</p>")
    compare_page.render_digest.cache_clear()
    try:
        assert compare_page.render_digest() != before
    finally:
        compare_page.render_digest.cache_clear()
