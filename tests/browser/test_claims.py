"""Claims and wording journey: on the compare page, "Show" on a wording contrast highlights its
term in both full texts, and the Kind filter swaps in only the claims (invented coverage)."""

import pytest
from playwright.sync_api import expect

from tests.web.test_claims_page import ingested

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_wording_show_highlights_both_terms_and_the_claims_filter_swaps_in_place(
    logged_in_page, live_server
):
    a, b = ingested("harbour_ledger.txt"), ingested("valley_courier.txt")
    a, b = (a, b) if a.pk < b.pk else (b, a)
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    row = page.locator(".wording-row", has_text="rioters").first
    expect(row).to_be_visible()
    row.locator(".show-in-text").click()
    lit_a = " ".join(page.locator("#text-a .seg.is-highlighted").all_inner_texts())
    lit_b = " ".join(page.locator("#text-b .seg.is-highlighted").all_inner_texts())
    terms = {lit_a.strip().lower(), lit_b.strip().lower()}
    assert any("protesters" in t for t in terms) and any("rioters" in t for t in terms)

    page.evaluate("window.__same_page = true")
    page.select_option("#id_kind", value="claims")
    expect(page.locator("#compare-results .claims-subtitle").first).to_be_visible()
    expect(page.locator("#compare-results")).not_to_contain_text("Both outlets report")
    assert page.evaluate("window.__same_page") is True
