"""Compare journey: open a comparison, move the threshold, filter by speaker, click a pair and
see both passages highlighted in the full texts."""

import re

import pytest
from playwright.sync_api import expect

from tests.web.test_compare import ATTEND, BODY_A, BODY_B, PREPARED, READY, _article

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
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    pairs = page.locator("#compare-results .pair")
    expect(pairs).to_have_count(2)

    # Threshold to the top: the weaker pair drops into the only-in bands (htmx swap, no reload).
    page.evaluate("window.__same_page = true")
    slider = page.locator("#id_min")
    slider.focus()
    slider.press("End")
    expect(page.locator("#min-output")).to_have_text("100")
    expect(pairs).to_have_count(1)
    expect(page.locator(".only-col.side-b")).to_contain_text("sign nothing there")
    expect(page).to_have_url(re.compile(r"min=100"))
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
