import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_opens_with_navigation_and_htmx(page, live_server):
    page.goto(live_server.url + "/")
    assert page.title().endswith("Parallax")
    nav = page.get_by_role("navigation", name="Main")
    for item in ["Articles", "Stories", "Upload", "Annotations", "Search"]:
        assert nav.get_by_role("link", name=item).count() == 1
    assert page.evaluate("typeof htmx") == "object"


def test_login_page_signs_a_person_in(logged_in_page):
    assert logged_in_page.get_by_text("reader").first.is_visible()


def test_phone_menu_opens_from_the_keyboard(phone_page, live_server, django_user_model):
    django_user_model.objects.create_user("reader", password="a-long-test-password")
    page = phone_page
    log_in(page, live_server, "reader", "a-long-test-password")
    upload = page.get_by_role("navigation", name="Main").get_by_role("link", name="Upload")
    assert not upload.is_visible()
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    page.keyboard.press("Tab")  # the menu toggle
    page.keyboard.press("Space")
    assert upload.is_visible()
