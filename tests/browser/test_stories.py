"""A person opens a story found in a pile, reads its quote matrix and searches a misspelt name."""

from datetime import date

import pytest

from coverage_app import stories
from coverage_app.ingest.tasks import refresh_story_comparisons
from tests.browser.conftest import log_in
from tests.web.test_stories import CROSSING, STRIKE, make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def crossing_pile() -> list:
    """Three outlets on the Dremmen crossing (Lena Orsova quoted by two) and a strike story,
    each assigned its story."""
    pile = [
        make_article(
            "Sarn Courier", "Dremmen crossing to reopen", CROSSING, date(2024, 5, 6),
            [("Today we open the gate again.", "Lena Orsova")],
        ),
        make_article(
            "Vellin Daily", "Brecht secures border deal", CROSSING, date(2024, 5, 6),
            [("We open the gate again today", "Lena Orsova"),
             ("It is common sense", "Daniel Brecht")],
        ),
        make_article(
            "Coastline Times", "Neighbours end lorry ban", CROSSING + " Analysts cheered.",
            date(2024, 5, 7), [("This is common sense, nothing more", "Daniel Brecht")],
        ),
        make_article("Sarn Courier", "Dockers walk out", STRIKE, date(2024, 5, 7)),
    ]  # fmt: skip
    for article in pile:
        stories.assign_story(article)
    return pile


def test_story_matrix_and_misspelt_speaker_search(logged_in_page, live_server):
    pile = crossing_pile()
    page = logged_in_page
    page.goto(f"{live_server.url}/stories/")
    page.get_by_role("link", name="Dremmen crossing to reopen").click()
    # Nothing aligned yet: the page says so and asks the worker, which runs here.
    status = page.get_by_role("status").filter(has_text="Aligning")
    assert "Aligning 3 pairs of articles in the background" in status.inner_text()
    pile[0].refresh_from_db()
    refresh_story_comparisons.call(pile[0].story_id)
    page.reload()
    assert page.get_by_role("status").filter(has_text="Aligning").count() == 0
    matrix = page.locator("table.quote-matrix")
    headers = matrix.locator("thead th").all_inner_texts()
    assert [h.split("\n")[0].strip() for h in headers[1:]] == [
        "Sarn Courier",
        "Vellin Daily",
        "Coastline Times",
    ]
    orsova_row = matrix.locator("tbody tr", has_text="Lena Orsova")
    assert orsova_row.locator("td").nth(0).inner_text().strip('“”"') == (
        "Today we open the gate again."
    )
    assert orsova_row.locator("td").nth(2).inner_text() == "not reported"
    brecht_row = matrix.locator("tbody tr", has_text="Daniel Brecht")
    assert brecht_row.locator("td.not-reported").count() == 1

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.fill("input[name=q]", "Orsva")
    page.keyboard.press("Enter")
    results = page.locator("#search-results")
    results.get_by_role("link", name="Lena Orsova").click()
    page.wait_for_url("**/speakers/*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Lena Orsova")
    assert page.get_by_text("Reported by 2 outlets").count() == 1


def test_on_a_phone_each_utterance_is_a_card_naming_each_outlet(
    phone_page, live_server, django_user_model
):
    pile = crossing_pile()
    pile[0].refresh_from_db()
    refresh_story_comparisons.call(pile[0].story_id)
    django_user_model.objects.create_user("reader", password="a-long-test-password")
    log_in(phone_page, live_server, "reader", "a-long-test-password")
    phone_page.goto(f"{live_server.url}{pile[0].story.get_absolute_url()}")
    matrix = phone_page.locator("table.quote-matrix")
    # Nothing runs off the side of the screen: the card fits the phone's width.
    assert matrix.bounding_box()["width"] <= 390
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    orsova = matrix.locator("tbody tr", has_text="Lena Orsova")
    cells = orsova.locator("td")
    # Each wording sits under its outlet's name, one below the other.
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1
    labels = [
        cells.nth(k).evaluate("td => getComputedStyle(td, '::before').content") for k in range(3)
    ]
    assert labels == ['"Sarn Courier"', '"Vellin Daily"', '"Coastline Times"']
