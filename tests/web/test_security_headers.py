"""Every response carries a strict Content-Security-Policy, and no template needs inline code."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE_STYLE = re.compile(r"""\sstyle\s*=""", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["login", "signup", "home"])
def test_pages_send_a_policy_allowing_only_our_own_scripts_and_styles(client, name):
    policy = directives(client.get(reverse(name)))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_a_logged_in_page_and_a_missing_page_send_the_policy_too(client, demo_user):
    client.force_login(demo_user)
    assert "script-src 'self'" in client.get(reverse("article_list"))["Content-Security-Policy"]
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and "Content-Security-Policy" in missing


def test_no_template_has_an_inline_style_handler_or_script():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_STYLE, INLINE_HANDLER, INLINE_SCRIPT):
            found += [
                f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in pattern.finditer(text)
            ]
    assert found == []
