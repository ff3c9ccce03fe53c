"""A person reads where a story's text comes from, on a desktop and on a phone, and follows a
retelling to its compare page (invented coverage: tests/fixtures/provenance)."""

import pytest

from tests.web.test_provenance import ingested

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def flood(nlp):
    return (
        ingested("kestral_wire.txt", "Kestral Wire"),
        ingested("tellmark_courier.txt", "Tellmark Courier"),
        ingested("daily_brannock.txt", "Daily Brannock"),
    )


def test_the_story_page_groups_a_wire_and_its_rewrite_and_links_to_their_comparison(
    logged_in_page, live_server, flood
):
    wire, rewrite, own = flood
    page = logged_in_page
    page.goto(f"{live_server.url}/stories/{wire.story_id}/")
    section = page.get_by_role("region", name="Where the text comes from")
    family = section.locator(".family")
    assert family.count() == 1
    members = family.locator(".family-member")
    assert members.count() == 2
    assert "likely original" in members.nth(0).inner_text()
    assert "Kestral Wire" in members.nth(0).inner_text()
    figures = members.nth(1).inner_text()
    assert "tellmark courier" in figures.lower() and "reused" in figures and "1 added" in figures
    assert "daily brannock" in section.locator(".independents").inner_text().lower()

    members.nth(1).get_by_role("link").click()
    page.wait_for_url(f"**/compare/{wire.pk}/{rewrite.pk}/")
    assert page.get_by_role("note").filter(has_text="One report, retold.").count() == 1
    assert page.get_by_role("heading", name="Added by B · Tellmark Courier").count() == 1


def test_the_section_fits_a_phone(phone_page, live_server, django_user_model, flood):
    from tests.browser.conftest import log_in

    wire, _rewrite, _own = flood
    django_user_model.objects.create_user("reader", password="pw-reader-1")
    log_in(phone_page, live_server, "reader", "pw-reader-1")
    phone_page.goto(f"{live_server.url}/stories/{wire.story_id}/")
    section = phone_page.get_by_role("region", name="Where the text comes from")
    section.scroll_into_view_if_needed()
    box = section.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    for badge in section.locator(".badge").all():
        edge = badge.bounding_box()
        assert edge["x"] + edge["width"] <= 390, badge.inner_text()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 390
