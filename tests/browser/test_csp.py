"""Every page is sent with a strict Content-Security-Policy and breaks none of it: no inline
script or style, nothing from another origin. The browser reports each violation to the
console and as a `securitypolicyviolation` event; tests/browser/conftest.py fails any browser
test whose page logged one, and these tests open every page."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from coverage_app.models import Annotation, Article, Comparison, Outlet, Speaker, Story

from .conftest import csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/")


def visit(page, url: str) -> list[str]:
    """Open the page, let htmx finish what it loads at once, and return its violations."""
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
    return csp_violations(page)


@pytest.fixture
def demo(live_server):
    """The demo data (real extraction of invented articles, stories, speakers, annotations)."""
    call_command("load_demo")
    comparison = Comparison.objects.order_by("pk").first()
    if comparison is None:
        a, b = Article.objects.order_by("pk")[:2]
        comparison = Comparison(article_a=a, article_b=b)
    return {
        "article": Article.objects.order_by("pk").first(),
        "comparison": comparison,
        "story": Story.objects.filter(articles__isnull=False).order_by("pk").first(),
        "speaker": Speaker.objects.filter(quotes__isnull=False).order_by("pk").first(),
        "outlet": Outlet.objects.order_by("pk").first(),
        "annotation": Annotation.objects.order_by("pk").first(),
    }


def test_no_page_an_editor_opens_violates_the_policy(page, live_server, demo):
    base = live_server.url
    log_in(page, base, "demo", "parallax-demo")
    article, story, speaker = demo["article"], demo["story"], demo["speaker"]
    a, b = demo["comparison"].article_a_id, demo["comparison"].article_b_id
    annotation = demo["annotation"]
    urls = [
        "/",
        "/articles/",
        "/articles/?status=done",
        "/articles/upload/",
        f"/articles/{article.pk}/",
        f"/articles/{article.pk}/?speaker=x",
        "/annotations/",
        f"/annotations/{annotation.pk}/",
        f"/annotations/{annotation.pk}/edit/",
        f"/annotations/compare/{a}/{b}/",
        "/stories/",
        f"/stories/{story.pk}/",
        f"/stories/{story.pk}/compare/",  # the "tick two" error on the story page
        "/speakers/",
        f"/speakers/{speaker.pk}/",
        "/outlets/",
        f"/outlets/{demo['outlet'].pk}/",
        "/search/",
        "/search/?q=harbour",
        "/no-such-page/",
        "/admin/",
        "/admin/coverage_app/article/",
        f"/admin/coverage_app/article/{article.pk}/change/",
        "/admin/auth/group/",
        "/accounts/password_change/",
    ]
    violations = {url: found for url in urls if (found := visit(page, base + url))}
    assert violations == {}


def test_the_status_filter_still_sends_its_form_without_an_inline_handler(page, live_server, demo):
    base = live_server.url
    log_in(page, base, "demo", "parallax-demo")
    page.goto(f"{base}/articles/")
    page.select_option("#status-filter", "done")
    page.wait_for_url(f"{base}/articles/?status=done")
    assert csp_violations(page) == []


def test_no_page_an_anonymous_visitor_or_a_member_sees_violates_the_policy(
    page, live_server, demo, django_user_model
):
    base = live_server.url
    anonymous = ["/accounts/login/", "/accounts/signup/", "/", "/admin/login/"]
    violations = {url: found for url in anonymous if (found := visit(page, base + url))}
    django_user_model.objects.create_user("member", password="a-long-test-password")
    log_in(page, base, "member", "a-long-test-password")
    # A member trying a curating action gets the editors-only page.
    page.goto(f"{base}/stories/{demo['story'].pk}/")
    page.evaluate(
        """(url) => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = url;
            const token = document.createElement("input");
            token.name = "csrfmiddlewaretoken";
            token.value = document.cookie.match(/csrftoken=([^;]+)/)[1];
            form.append(token);
            document.body.append(form);
            form.submit();
        }""",
        f"/stories/{demo['story'].pk}/rename/",
    )
    expect(page.get_by_role("heading", name="Only editors can do this")).to_be_visible()
    if found := csp_violations(page):
        violations["editors-only page"] = found
    assert violations == {}


def test_the_locked_out_page_violates_nothing(page, live_server, demo):
    base = live_server.url
    for _ in range(5):
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", "demo")
        page.fill("input[name=password]", "a-wrong-guess")
        page.click("form button[type=submit]")
        page.wait_for_load_state()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "demo")
    page.fill("input[name=password]", "parallax-demo")
    page.click("form button[type=submit]")
    expect(page.get_by_role("heading", name="Too many failed log-ins")).to_be_visible()
    assert csp_violations(page) == []


def test_the_compare_page_violates_nothing(page, live_server, demo):
    base = live_server.url
    log_in(page, base, "demo", "parallax-demo")
    comparison = demo["comparison"]
    url = f"{base}/compare/{comparison.article_a_id}/{comparison.article_b_id}/"
    assert visit(page, url) == []
    page.locator("#id_min").focus()
    page.locator("#id_min").press("End")  # re-renders the results through htmx
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []
