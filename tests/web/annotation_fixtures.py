"""Shared rows for the annotation tests: two invented outlets' accounts of one harbour strike."""

import pytest

from coverage_app.models import Article, Comparison, Outlet, text_hash

BODY_A = (
    "Harbour Ledger staff, 4 March 2025\n"
    "Dock workers in Port Vell walked out on Monday after talks collapsed. "
    '"We are ready for talks, but not at any price," said union leader Mara Okonkwo. '
    "The port authority said 40 ships were delayed."
)
BODY_B = (
    "By Ilse Marten, Meridian Wire\n"
    "About 400 dockers stopped work in Port Vell. Union chief Mara Okonkwo said they were "
    "prepared to negotiate. Officials put the number of delayed ships at 25."
)


def make_article(body: str, outlet: str, title: str) -> Article:
    return Article.objects.create(
        outlet=Outlet.objects.get_or_create(key=outlet.lower(), defaults={"name": outlet})[0],
        title=title,
        raw=body,
        body=body,
        body_hash=text_hash(body),
        status=Article.Status.DONE,
    )


@pytest.fixture
def articles(db):
    a = make_article(BODY_A, "Harbour Ledger", "Dockers strike in Port Vell")
    b = make_article(BODY_B, "Meridian Wire", "Port Vell dockers stop work")
    return a, b


@pytest.fixture
def comparison(articles):
    a, b = articles
    return Comparison.objects.create(
        article_a=a, article_b=b, result={"quotes": {"pairs": [], "only_a": [], "only_b": []}}
    )


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user("ana", password="a-long-test-password")


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user("otto", password="a-long-test-password")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "eddie", password="a-long-test-password", is_staff=True
    )
