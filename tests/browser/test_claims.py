"""Claims and wording journey: on the compare page, "Show" on a wording contrast highlights its
term in both full texts, and the Kind filter swaps in only the claims (invented coverage)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
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


def test_moving_the_claims_threshold_pairs_a_weak_claim_in_place(logged_in_page, live_server):
    from tests.web import test_claims_threshold as weak

    a = ingested("dovra_morning_post.txt", weak.FIXTURES)
    b = ingested("coastline_herald.txt", weak.FIXTURES)
    a, b = (a, b) if a.pk < b.pk else (b, a)
    page = logged_in_page
    page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    bands = page.locator("#claims .claim-band")
    pairs = page.locator("#claims .claim-pair")
    expect(bands).to_contain_text(weak.WEAK_A)
    expect(pairs).to_have_count(2)
    page.evaluate("window.__same_page = true")

    slider = page.locator("#id_claims_min")
    slider.focus()
    page.keyboard.press("Home")  # to the lowest stored score
    expect(page.locator("#claims-min-output")).to_have_text("25")
    expect(pairs).to_have_count(3)
    expect(pairs.filter(has_text=weak.WEAK_A)).to_contain_text(weak.WEAK_B)
    expect(bands).not_to_contain_text(weak.WEAK_A)
    assert "claims_min=25" in page.url
    assert page.evaluate("window.__same_page") is True
    expect(page.locator("#id_claims_min")).to_be_focused()  # swapped, still in the person's hand

    page.select_option("#id_kind", value="claims")  # another filter keeps the claims threshold
    expect(page.locator("#compare-results .claim-pair")).to_have_count(3)
    assert "claims_min=25" in page.url


def open_compare_on_a_phone(phone_page, live_server, django_user_model, username: str):
    """The invented pair's compare page on a phone, logged in as a new member."""
    a, b = ingested("harbour_ledger.txt"), ingested("valley_courier.txt")
    a, b = (a, b) if a.pk < b.pk else (b, a)
    django_user_model.objects.create_user(username, password="a-long-test-password")
    log_in(phone_page, live_server, username, "a-long-test-password")
    phone_page.goto(f"{live_server.url}/compare/{a.pk}/{b.pk}/")
    return phone_page


def test_on_a_phone_a_contrast_opens_each_use_in_place(phone_page, live_server, django_user_model):
    page = open_compare_on_a_phone(phone_page, live_server, django_user_model, "phone-reader")
    row = page.locator(".wording-row.wording-distinctive", has_text="regime")  # 9 uses in A
    row.locator(".show-in-text").click()
    boxes = row.locator(".in-place")
    expect(boxes).to_have_count(3)  # the first three, each with the text around it
    expect(boxes.first).to_contain_text("use 1 of 9")
    for text in boxes.locator("mark").all_inner_texts():
        assert len(text.split()) <= 2, text  # one use ("regime", "government") per box, not the
        # whole stretch from the first use to the last
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_on_a_phone_the_jump_bar_names_only_the_sections_the_filters_leave(
    phone_page, live_server, django_user_model
):
    page = open_compare_on_a_phone(phone_page, live_server, django_user_model, "jump-reader")
    jump = page.locator(".compare-jump")
    expect(jump.get_by_role("link", name="Pairs")).to_be_visible()
    page.locator(".filter-fold summary").click()
    page.select_option("#id_kind", value="claims")
    expect(page.locator("#compare-results .claims-subtitle").first).to_be_visible()
    expect(jump.get_by_role("link", name="Pairs")).to_be_hidden()
    expect(jump.get_by_role("link", name="Only in one")).to_be_hidden()
    expect(jump.get_by_role("link", name="Claims")).to_be_visible()
