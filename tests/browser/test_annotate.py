"""Annotating in the browser: select text in A and in B, label it, see it marked on both texts,
edit it, export it."""

import json

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from coverage_app import annotations as service
from coverage_app.models import Annotation
from tests.web.annotation_fixtures import BODY_A, BODY_B, make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SELECT = """([articleId, needle]) => {
  const el = document.querySelector(`[data-annotate-article="${articleId}"]`);
  const node = Array.from(el.childNodes).find((n) => n.nodeType === 3 && n.data.includes(needle));
  const at = node.data.indexOf(needle);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + needle.length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  el.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


def test_select_in_a_and_b_label_see_marks_edit_and_export(logged_in_page, live_server):
    page = logged_in_page
    a = make_article(BODY_A, "Harbour Ledger", "Dockers strike in Port Vell")
    b = make_article(BODY_B, "Meridian Wire", "Port Vell dockers stop work")
    page.goto(f"{live_server.url}/annotations/compare/{a.pk}/{b.pk}/")
    page.wait_for_selector("#annotation-panel h2")

    page.evaluate(SELECT, [a.pk, "ready for talks, but not at any price"])
    page.evaluate(SELECT, [b.pk, "prepared to negotiate"])
    bar = page.locator(".annotate-bar")
    assert "A: “ready for talks" in bar.inner_text() and "B: “prepared" in bar.inner_text()
    bar.get_by_role("button", name="Annotate selection").click()

    form = page.locator("form.annotation-form")
    form.get_by_text("Misquote or altered quote").click()
    form.locator("textarea[name=note]").fill("B drops the condition.")
    form.get_by_role("button", name="Save annotation").click()
    page.wait_for_selector(".annotation-saved")

    marks_a = page.locator(f'[data-annotate-article="{a.pk}"] mark.annotation-mark.label-misquote')
    marks_b = page.locator(f'[data-annotate-article="{b.pk}"] mark.annotation-mark.label-misquote')
    marks_a.first.wait_for()
    assert marks_a.all_inner_texts() == ["ready for talks, but not at any price"]
    assert marks_b.all_inner_texts() == ["prepared to negotiate"]
    annotation = Annotation.objects.get()
    assert annotation.targets.count() == 2 and annotation.note == "B drops the condition."

    card = page.locator(f"#annotation-{annotation.pk}")
    card.get_by_role("link", name="Edit").click()
    edit = page.locator(f"form#annotation-{annotation.pk}")
    edit.locator("select[name=status]").select_option("confirmed")
    edit.get_by_role("button", name="Save changes").click()
    page.locator(f"article#annotation-{annotation.pk} .state-confirmed").wait_for()
    annotation.refresh_from_db()
    assert (annotation.status, annotation.version) == ("confirmed", 2)

    # The save swaps parts of the page by htmx: click the export link once they have settled,
    # not a link that is being replaced (on a loaded machine the click could miss).
    page.wait_for_load_state("networkidle")
    with page.expect_download() as download:
        page.locator("#annotation-panel").get_by_role("link", name="JSON-LD").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    (item,) = data["items"]
    assert item["motivation"] == "linking" and item["parallax:status"] == "confirmed"
    assert {t["selector"][0]["exact"] for t in item["target"]} == {
        "ready for talks, but not at any price",
        "prepared to negotiate",
    }


def test_a_selection_across_both_articles_is_refused_in_place(logged_in_page, live_server):
    page = logged_in_page
    a = make_article(BODY_A, "Harbour Ledger", "Dockers strike in Port Vell")
    b = make_article(BODY_B, "Meridian Wire", "Port Vell dockers stop work")
    page.goto(f"{live_server.url}/annotations/compare/{a.pk}/{b.pk}/")
    page.wait_for_selector("#annotation-panel h2")
    page.evaluate(
        """([a, b]) => {
          const first = document.querySelector(`[data-annotate-article="${a}"]`).firstChild;
          const last = document.querySelector(`[data-annotate-article="${b}"]`).firstChild;
          const range = document.createRange();
          range.setStart(first, 10);
          range.setEnd(last, 10);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          document.body.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        [a.pk, b.pk],
    )
    assert "must stay inside one article" in page.locator(".annotate-bar").inner_text()
    assert not Annotation.objects.exists()


def test_on_a_touch_phone_a_selection_alone_offers_annotate_selection(
    browser, live_server, django_user_model
):
    django_user_model.objects.create_user("phone", password="a-long-test-password")
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", "phone")
        page.fill("input[name=password]", "a-long-test-password")
        page.click("form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        a = make_article(BODY_A, "Harbour Ledger", "Dockers strike in Port Vell")
        b = make_article(BODY_B, "Meridian Wire", "Port Vell dockers stop work")
        page.goto(f"{live_server.url}/annotations/compare/{a.pk}/{b.pk}/")
        page.wait_for_selector("#annotation-panel h2")
        # A long press selects without any mouseup: only the selection changes.
        page.evaluate(SELECT.replace("el.dispatchEvent", "// el.dispatchEvent"), [a.pk, "ready"])
        bar = page.locator(".annotate-bar")
        bar.get_by_role("button", name="Annotate selection").wait_for(timeout=3000)
        assert "A: “ready”" in bar.inner_text()
    finally:
        context.close()


def test_deleting_on_the_annotations_list_updates_its_count(logged_in_page, live_server):
    page = logged_in_page
    a = make_article(BODY_A, "Harbour Ledger", "Dockers strike in Port Vell")
    reader = get_user_model().objects.get(username="reader")
    phrase = "walked out on Monday"
    created = [
        service.annotation_create(
            author=reader,
            label=label,
            selections=[service.Selection(a.pk, phrase, BODY_A.index(phrase))],
        )
        for label in ("omission", "framing", "other")
    ]
    page.goto(f"{live_server.url}/annotations/")
    count = page.locator("#annotation-list > p.muted").first
    assert count.inner_text() == "3 annotations"

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#annotation-{created[1].pk}").get_by_role("button", name="Delete").click()
    page.locator(f"#annotation-{created[1].pk}").wait_for(state="detached")
    # (expect, not wait_for_function: a string to evaluate is eval, which the page's CSP blocks)
    expect(page.locator("#annotation-list > p.muted").first).to_have_text("2 annotations")
    assert page.locator("#annotation-list .annotation-card").count() == 2
    assert Annotation.objects.count() == 2
