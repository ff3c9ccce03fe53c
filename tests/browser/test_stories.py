"""A person opens a story found in a pile, reads its quote matrix and searches a misspelt name."""

from datetime import date

import pytest

from coverage_app import stories
from coverage_app.ingest.tasks import refresh_story_comparisons
from tests.web.test_stories import CROSSING, STRIKE, make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_story_matrix_and_misspelt_speaker_search(logged_in_page, live_server):
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
