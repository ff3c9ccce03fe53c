"""Pages that never say more than the text does, read as a journalist would on two invented
outlets covering the invented Selm dam dispute (tests/fixtures/pages): negations kept wherever a
text is shortened, quotation marks only around someone's own words, one alignment on every
page, claims that are the writer's own, and flags that hold."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coverage_app.ingest import pipeline, queueing, uploads
from coverage_app.models import Speaker
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


@pytest.fixture
def selm(db):
    """The Marrow Gazette and the Lisk Courier on the dam talks, stored and extracted."""
    a = upload("marrow_gazette.txt", "Marrow Gazette")
    b = upload("lisk_courier.txt", "Lisk Courier")
    return (a, b) if a.pk < b.pk else (b, a)


def upload(name: str, outlet: str):
    """An invented article uploaded with its outlet typed in, stored and extracted as the
    worker does."""
    raw = (FIXTURES / name).read_text(encoding="utf-8")
    item = uploads.Upload(raw=raw, source_name=name, outlet=outlet)
    return pipeline.extract_article(queueing.create_articles([item], enqueue=False)[0].article)


def by_outlet(pair, name):
    return next(x for x in pair if x.outlet.name == name)


def test_negation_and_modality_are_never_dropped(logged_in_page, live_server, selm):
    a, b = selm
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    # The event both tell: "has not received" and "no serious proposal was made", each side
    # with its "not" (the two sayings of these sentences are events too and may pair apart).
    told = page.locator("article.pair[data-kind=event]", has_text="serious offer")
    expect(told.filter(has_text="Dovan not receive").first).to_be_visible()
    expect(told.filter(has_text="Kestria not make").first).to_be_visible()
    # A one-side event: "won't hold talks".
    events = page.locator("details.only-events", has_text="Mara Solvik")
    events.locator("summary").click()
    # (her saying is an event of its own too: the item told is the one with what she said)
    solvik = events.locator(".only-item .who", has_text="Mara Solvik").filter(has_text="hold")
    expect(solvik).to_contain_text("will not hold")

    page.goto(f"{live_server.url}/search/?q=serious+proposal")
    snippets = page.locator("#search-results .snippet").all_inner_texts()
    proposal = [s for s in snippets if "proposal was made by Kestria" in s]
    assert proposal and all("no serious proposal was made" in s for s in proposal)


def test_quotation_marks_only_around_someones_own_words(logged_in_page, live_server, selm):
    a, _ = selm
    page = logged_in_page
    page.goto(f"{live_server.url}{a.story.get_absolute_url()}")
    matrix = page.locator("table.quote-matrix")
    cabinet = matrix.locator("td.matrix-cell", has_text="Tova Ansel")
    # The cabinet's reported clause and its one-word partial quote: two items, not one quote.
    expect(cabinet.locator(".reported")).to_contain_text("Premier Tova Ansel will meet")
    expect(cabinet.locator("q")).to_have_text("possible")
    assert not [t for t in matrix.locator("q").all_inner_texts() if "will meet" in t]
    # Reported speech is never between quotation marks: not in <q>, no marks in its text.
    for text in matrix.locator(".reported").all_inner_texts():
        assert not any(mark in text for mark in '“”"')
    style = cabinet.locator(".reported").evaluate("e => getComputedStyle(e).fontStyle")
    assert style == "italic"

    page.goto(f"{live_server.url}/search/?q=serious+proposal")
    reported = page.locator("#search-results .snippet .reported", has_text="proposal was made")
    expect(reported.first).to_be_visible()
    expect(page.locator("#search-results q", has_text="proposal was made")).to_have_count(0)


def test_story_matrix_and_speaker_page_say_what_the_compare_page_says(
    logged_in_page, live_server, selm
):
    a, b = selm
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    quote_pair = page.locator("article.pair[data-kind=quote]", has_text="serious offer")
    expect(quote_pair).to_contain_text("no serious proposal was made by Kestria")

    page.goto(f"{live_server.url}{a.story.get_absolute_url()}")
    row = page.locator("table.quote-matrix tbody tr", has_text="serious offer")
    expect(row).to_contain_text("no serious proposal was made by Kestria")
    expect(row.locator("td.not-reported")).to_have_count(0)

    brenn = Speaker.objects.get(quotes__text__contains="serious offer")
    page.goto(f"{live_server.url}/speakers/{brenn.pk}/")
    card = page.locator("article.utterance", has_text="serious offer from Kestria")
    expect(card).to_contain_text("Reported by 2 outlets")
    expect(card).to_contain_text("no serious proposal was made by Kestria")


def test_claims_are_the_writers_own_facts_first(logged_in_page, live_server, selm):
    a, b = selm
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    gazette = "a" if a.outlet.name == "Marrow Gazette" else "b"
    column = page.locator(f"#claims .claim-col.side-{gazette}")
    # Attributed sentences are reported speech, shown with the quotes, not claims.
    for attributed in ("Brenn claimed that", "Brenn said that Dovan", "Kestria said last week"):
        expect(page.locator("#claims")).not_to_contain_text(attributed)
    # The fact-carrying claim is shown; the one with fewer facts waits behind a count.
    expect(column.locator(".claim-only", has_text="Engineers from the Orvale")).to_be_visible()
    folded = column.locator("details.claim-more")
    expect(column.locator(".claim-only", has_text="Talks broke down in January")).to_be_visible()
    expect(folded.locator("summary")).to_contain_text("1 more sentence")
    talks = folded.locator(".claim-only", has_text="The quarrel has soured relations")
    expect(talks).to_be_hidden()
    folded.locator("summary").click()
    expect(talks).to_be_visible()


def test_flags_name_what_they_saw(logged_in_page, live_server, selm):
    a, b = selm
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/?min=40")
    # "willing to listen to any proposal" ~ "had rejected every proposal": opposite stance.
    # Both the reported clauses and the events told in them say so.
    for kind in ("quote", "event"):
        stance = page.locator(f"article.pair[data-kind={kind}]", has_text="willing to listen")
        expect(stance.locator(".flag-opposite_stance")).to_have_text("Opposite stance")
        expect(stance).to_have_class(re.compile(r"\bpair-conflict\b"))
    # Both sides reported speech: no "Quote vs paraphrase".
    both_reported = page.locator("article.pair[data-kind=quote]", has_text="serious offer")
    expect(both_reported.locator(".flag-quote_vs_paraphrase")).to_have_count(0)
    # An event pair scored on who did what, told in other sentences, says so.
    told = page.locator("article.pair[data-kind=event]", has_text="serious offer")
    expect(told.locator(".flag-other_words").first).to_have_text("Told in other words")


def test_the_rest_a_picky_reader_noticed(logged_in_page, live_server, selm):
    from coverage_app import stories
    from coverage_app.models import Article

    a, b = selm
    gazette, courier = by_outlet(selm, "Marrow Gazette"), by_outlet(selm, "Lisk Courier")
    # A text with no headline of its own does not name the story when another has one.
    Article.objects.filter(pk=gazette.pk).update(title="")
    story = gazette.story
    stories.retitle(story)
    story.save()
    page = logged_in_page
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(courier.title)

    # htmx applies every filter change: no "Apply" button that does nothing more.
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    expect(page.locator("#compare-filters button[type=submit]")).to_be_hidden()
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/?kind=claims")
    expect(page.locator("#id_claims_min")).to_be_visible()
    expect(page.locator(".claims-apply")).to_have_count(1)  # there, for readers without scripts
    expect(page.locator(".claims-apply")).to_be_hidden()
    # Without scripts both Apply buttons are what sends the filters.
    plain = page.context.browser.new_context(java_script_enabled=False)
    try:
        reader = plain.new_page()
        log_in(reader, live_server, "reader", "a-long-test-password")
        reader.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/?kind=claims")
        expect(reader.locator("#compare-filters button[type=submit]")).to_be_visible()
        expect(reader.locator(".claims-apply")).to_be_visible()
    finally:
        plain.close()

    # One speaker, one colour on every article page; no encoding note for plain UTF-8.
    colours = []
    for article in (gazette, courier):
        page.goto(f"{live_server.url}/articles/{article.pk}/")
        legend = page.locator(".legend-item", has_text="Aldo Brenn").first
        colours.append(legend.get_attribute("class").split()[1])
        expect(page.locator("main")).not_to_contain_text("read as UTF-8")
    assert colours[0] == colours[1]
