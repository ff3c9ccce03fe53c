"""Compare journey: open a comparison, move the threshold, filter by speaker, click a pair and
see both passages highlighted in the full texts."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import csp_violations, log_in
from tests.web.test_compare import ATTEND, BODY_A, BODY_B, PREPARED, READY, _article, worker_aligns

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_threshold_speaker_filter_and_pair_click_highlight_both_texts(logged_in_page, live_server):
    a = _article(
        "Meridian Wire",
        "Arvenia ready for talks",
        BODY_A,
        [(READY, "Tomas Varga", "direct"), (ATTEND, "Petra Holm", "indirect")],
    )
    b = _article(
        "Harbour Ledger",
        "Belmora calls offer a stunt",
        BODY_B,
        [
            (PREPARED, "Tomas Varga", "direct"),
            ("We will go to Kerrin, but we will sign nothing there.", "Petra Holm", "direct"),
        ],
    )
    worker_aligns(a, b)
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    pairs = page.locator("#compare-results .pair")
    expect(pairs).to_have_count(2)

    # Threshold up to the stronger pair's score: the weaker pair drops into the only-in bands
    # (htmx swap, no reload).
    weaker, stronger = sorted(
        int(s) for s in pairs.evaluate_all("els => els.map(e => e.dataset.score)")
    )
    assert weaker < stronger
    page.evaluate("window.__same_page = true")
    slider = page.locator("#id_min")
    slider.focus()
    slider.press("End")
    for _ in range(100 - stronger):
        slider.press("ArrowLeft")
    expect(page.locator("#min-output")).to_have_text(str(stronger))
    expect(pairs).to_have_count(1)
    # (the claims section has an "only-col side-b" band too: name the quotes' band)
    only_in_b = page.get_by_role("region", name="Only in Harbour Ledger")
    expect(only_in_b).to_contain_text("sign nothing there")
    expect(page).to_have_url(re.compile(rf"min={stronger}"))
    assert page.evaluate("window.__same_page") is True
    slider.press("Home")
    expect(pairs).to_have_count(2)

    page.select_option("#id_speaker", label="Tomas Varga")
    expect(pairs).to_have_count(1)
    expect(pairs.first).to_contain_text("prepared to negotiate")
    assert page.evaluate("window.__same_page") is True

    pairs.first.locator(".pair-text").first.click()
    highlighted_a = page.locator("#text-a .seg.is-highlighted")
    highlighted_b = page.locator("#text-b .seg.is-highlighted")
    expect(highlighted_a.first).to_be_visible()
    expect(highlighted_b.first).to_be_visible()
    assert "ready for talks" in " ".join(highlighted_a.all_inner_texts())
    assert "prepared to negotiate" in " ".join(highlighted_b.all_inner_texts())


def _pair_of_articles():
    a = _article(
        "Meridian Wire",
        "Arvenia ready for talks",
        BODY_A,
        [(READY, "Tomas Varga", "direct"), (ATTEND, "Petra Holm", "indirect")],
    )
    b = _article(
        "Harbour Ledger",
        "Belmora calls offer a stunt",
        BODY_B,
        [
            (PREPARED, "Tomas Varga", "direct"),
            ("We will go to Kerrin, but we will sign nothing there.", "Petra Holm", "direct"),
            ("This is a public relations exercise,", "Petra Holm", "direct"),
        ],
    )
    worker_aligns(a, b)
    return a, b


@pytest.fixture
def phone(phone_page, live_server, django_user_model):
    """A logged-in page 390 px wide, a phone's width."""
    django_user_model.objects.create_user("reader", password="a-long-test-password")
    log_in(phone_page, live_server, "reader", "a-long-test-password")
    return phone_page


# Elements that scroll on their own (a scroll box inside the page's scroll).
SCROLL_BOXES = """() => Array.from(document.querySelectorAll("main *")).filter((el) => {
  const overflow = getComputedStyle(el).overflowY;
  return (overflow === "auto" || overflow === "scroll") && el.scrollHeight > el.clientHeight + 1;
}).map((el) => el.id || el.className)"""


def test_on_a_phone_show_in_text_opens_the_passage_in_place_and_texts_are_one_tap_away(
    phone, live_server
):
    a, b = _pair_of_articles()
    page = phone
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    # The filters are folded, so the pairs come first.
    expect(page.locator("#compare-filters")).to_be_hidden()
    first = page.locator("#compare-results .pair").first
    first.locator(".show-in-text").click()
    in_place = first.locator(".in-place")
    expect(in_place).to_have_count(2)
    expect(in_place.first.locator("mark")).to_have_text(READY)
    expect(in_place.nth(1).locator("mark")).to_have_text(PREPARED)
    box = first.bounding_box()
    assert box["y"] < 800 and box["y"] + box["height"] > 0  # the pair stayed in view
    assert page.evaluate(SCROLL_BOXES) == []

    # Full texts: one at a time, one tap on the bar that stays at the top.
    page.locator(".compare-jump").get_by_role("link", name="Text B").click()
    expect(page.locator("#text-b")).to_be_visible()
    expect(page.locator("#text-a")).to_be_hidden()
    page.locator(".text-tab", has_text="A ·").click()
    expect(page.locator("#text-a")).to_be_visible()
    expect(page.locator("#text-b")).to_be_hidden()
    # "Full text A" in a passage opened in place goes to it, highlighted.
    in_place.first.get_by_role("link", name="Full text A").click()
    expect(page.locator("#text-a .seg.is-highlighted").first).to_be_in_viewport()


@pytest.mark.parametrize("width", [1280, 390])
def test_show_in_text_stays_on_the_line_of_the_pairs_score(browser, live_server, settings, width):
    settings.PARALLAX_PUBLIC_READ = True
    a, b = _pair_of_articles()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/?min=40")
    holders = page.locator(".pair").all()
    assert len(holders) >= 2
    for holder in holders:
        score = holder.locator(".score").bounding_box()
        link = holder.locator(".show-in-text").bounding_box()
        assert abs(link["y"] - score["y"]) < score["height"], (width, score, link)
        assert link["height"] < 2 * score["height"]  # one line
    context.close()


def test_diff_words_are_marked_not_struck_through(logged_in_page, live_server):
    a, b = _pair_of_articles()
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    marked = page.locator(".pair-text .diff")
    expect(marked.first).to_be_visible()
    lines = marked.evaluate_all("els => els.map(e => getComputedStyle(e).textDecorationLine)")
    assert lines and "line-through" not in " ".join(lines)
    expect(page.locator(".diff-legend")).to_contain_text("changed words")


def test_after_saving_an_annotation_no_empty_bar_is_left_and_save_was_in_view(phone, live_server):
    a, b = _pair_of_articles()
    page = phone
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    page.locator("#compare-results .pair").first.get_by_role("button", name="Annotate pair").click()
    form = page.locator("form.annotation-form")
    save = form.get_by_role("button", name="Save annotation")
    expect(save).to_be_in_viewport()
    form.get_by_text("Misquote or altered quote").click()
    save.click()
    page.wait_for_selector(".annotation-saved")
    expect(page.locator(".annotate-bar")).to_be_hidden()


def test_export_links_and_the_panels_bottom_edge_show_at_the_end_of_the_side_column(
    logged_in_page, live_server
):
    a, b = _pair_of_articles()
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    expect(page.locator("#annotation-panel .export-links")).to_be_visible()
    page.evaluate("document.querySelector('.compare-aside').scrollTop = 1e6")
    edges = page.evaluate(
        """() => ({
          aside: document.querySelector(".compare-aside").getBoundingClientRect().bottom,
          panel: document.querySelector("#annotation-panel").getBoundingClientRect().bottom,
          links: document.querySelector("#annotation-panel .export-links")
            .getBoundingClientRect().bottom,
        })"""
    )
    assert edges["panel"] - edges["links"] >= 12  # room under the links, inside the panel
    assert edges["aside"] - edges["panel"] >= 6  # and the panel's edge is not cut off


def test_the_compare_page_raises_no_content_security_policy_violation(logged_in_page, live_server):
    """Scripts and styles from our own origin only: filtering, "Show in text" and opening an
    annotation form raise no violation."""
    a, b = _pair_of_articles()
    page = logged_in_page
    response = page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator("#id_speaker").select_option(label="Tomas Varga")
    expect(page.locator("#compare-results .pair")).to_have_count(1)
    page.locator("#compare-results .pair .show-in-text").first.click()
    expect(page.locator("#text-a .seg.is-highlighted").first).to_be_visible()
    page.locator("#compare-results .pair").first.get_by_role("button", name="Annotate pair").click()
    expect(page.locator("form.annotation-form")).to_be_visible()
    assert csp_violations(page) == []


# Select in the full text on show (B beside A on a wide screen; A on a phone, where the texts
# take turns), mid-window, where a reader's eye would find it.
SELECT_IN_TEXT = """(needles) => {
  const pane = ["#text-b", "#text-a"].map((s) => document.querySelector(s))
    .find((el) => el.offsetParent !== null);
  const needle = needles[pane.id];
  const range = document.createRange();
  range.selectNodeContents(pane); // no needle: the whole text
  const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
  while (needle && walker.nextNode()) {
    const node = walker.currentNode;
    const at = node.data.indexOf(needle);
    if (at !== -1) { range.setStart(node, at); range.setEnd(node, at + needle.length); break; }
  }
  pane.scrollIntoView({ block: "center" });
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  pane.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
}"""
# The form as shown: its box cut to the dock's scroll box it may be scrolled in.
COVER_BOXES = """() => {
  const box = (r) => [r.left, r.top, r.right, r.bottom];
  const form = document.querySelector("form.annotation-form");
  const [f, s] = [form, form.closest(".annotate-form-slot")].map((e) => e.getBoundingClientRect());
  return { selection: box(getSelection().getRangeAt(0).getBoundingClientRect()),
           form: [Math.max(f.left, s.left), Math.max(f.top, s.top),
                  Math.min(f.right, s.right), Math.min(f.bottom, s.bottom)],
           bar: box(document.querySelector(".annotate-bar").getBoundingClientRect()),
           height: innerHeight };
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_annotation_form_does_not_cover_the_text_just_selected(
    browser, live_server, django_user_model, width
):
    django_user_model.objects.create_user("reader", password="a-long-test-password")
    a, b = _pair_of_articles()
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        log_in(page, live_server, "reader", "a-long-test-password")
        page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
        page.evaluate(SELECT_IN_TEXT, {"text-a": "ready for talks", "text-b": None})
        page.locator(".annotate-bar").get_by_role("button", name="Annotate selection").click()
        form = page.locator("form.annotation-form")
        expect(form.get_by_role("button", name="Save annotation")).to_be_in_viewport()
        page.wait_for_timeout(300)  # any scrolling done
        boxes = page.evaluate(COVER_BOXES)
        sl, st, sr, sb = boxes["selection"]
        assert sr > sl and 0 <= st and sb <= boxes["height"], boxes  # the selection is on screen
        for name in ("form", "bar"):  # and neither the form nor the bar under it covers it
            fl, ft, fr, fb = boxes[name]
            assert fr <= sl or sr <= fl or fb <= st or sb <= ft, (name, boxes)
    finally:
        context.close()
