"""Playwright against Django's live_server, driving Debian's Chromium."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same
# test would otherwise refuse to run (microsoft/playwright-pytest#29).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test: `make test-fast` leaves them out."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)


FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


# Recorded in every page before its own scripts run (an init script is not subject to the
# page's Content-Security-Policy): each violation the browser reports, with where it happened.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} on ${document.location.pathname}`
  );
});
"""


def is_csp_message(message) -> bool:
    return "Content Security Policy" in message.text or "Content-Security-Policy" in message.text


def csp_violations(page) -> list[str]:
    """The violations this page reported since it loaded (the console keeps the rest)."""
    return page.evaluate("window.__cspViolations || []")


def checked_page(browser, **context_options):
    """A page in a new browser context; on leaving, it fails the test on any JavaScript error or
    Content-Security-Policy violation the page logged."""
    context = browser.new_context(**context_options)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    errors = []
    csp = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: csp.append(msg.text) if is_csp_message(msg) else None)
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not csp, f"Content-Security-Policy violations: {csp}"


def log_in(page, live_server, username: str, password: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def page(browser):
    yield from checked_page(browser, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone_page(browser):
    """A page 390 px wide, a phone's width."""
    yield from checked_page(browser, viewport={"width": 390, "height": 800})


@pytest.fixture
def logged_in_page(page, live_server, django_user_model):
    django_user_model.objects.create_user("reader", password="a-long-test-password")
    log_in(page, live_server, "reader", "a-long-test-password")
    return page
