"""The skeleton: settings, the database, the demo, the compose file."""

from pathlib import Path

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection

from coverage_app.models import Article, Outlet

ROOT = Path(__file__).resolve().parents[2]


def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_home_page_sends_anonymous_visitors_to_log_in_while_reading_is_closed(client):
    Article.objects.create(
        outlet=Outlet.objects.create(name="Quillmoor Beacon", key="quillmoor beacon"),
        title="Lantern festival moved to the quay",
        body="The lantern festival moves to the quay.",
        status=Article.Status.DONE,
    )
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"
    body = client.get("/", follow=True).content.decode()
    assert "Lantern festival" not in body and "Quillmoor Beacon" not in body


@pytest.mark.django_db
def test_home_page_renders_for_anonymous_visitors_when_reading_is_public(client, settings):
    settings.PARALLAX_PUBLIC_READ = True
    Article.objects.create(
        outlet=Outlet.objects.create(name="Quillmoor Beacon", key="quillmoor beacon"),
        title="Lantern festival moved to the quay",
        body="The lantern festival moves to the quay.",
        status=Article.Status.DONE,
    )
    response = client.get("/")
    assert response.status_code == 200
    assert "Lantern festival" in response.content.decode()


def test_favicon_ico_leads_to_the_icon_that_exists(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert finders.find("img/favicon.svg")


@pytest.mark.django_db
def test_load_demo_is_idempotent(django_user_model):
    call_command("load_demo")
    counts = (Article.objects.count(), Outlet.objects.count(), django_user_model.objects.count())
    call_command("load_demo")
    assert (
        Article.objects.count(),
        Outlet.objects.count(),
        django_user_model.objects.count(),
    ) == counts
    assert counts[0] >= 2 and counts[1] >= 2
    assert django_user_model.objects.get(username="demo").check_password("parallax-demo")


def test_compose_services_run_commands_the_project_has():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "web", "worker"} <= set(services)
    assert "healthcheck" in services["db"]
    for name in ["web", "worker"]:
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "gunicorn coverage_app.wsgi" in services["web"]["command"]
    assert (ROOT / "coverage_app" / "wsgi.py").exists()
    worker = services["worker"]["command"]
    assert "manage.py db_worker" in worker
    assert (ROOT / "Dockerfile").exists()
    assert any(v for v in compose.get("volumes", {})), "the database needs a volume"


def test_compose_requires_a_secret_key_from_the_environment():
    """With DEBUG off, a key written in the file would be the same on every deployment."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for name in ["web", "worker"]:
        secret = str(compose["services"][name]["environment"]["SECRET_KEY"])
        assert secret.startswith("${SECRET_KEY:?"), secret


@pytest.mark.django_db
def test_load_demo_adds_nothing_when_a_stored_demo_body_differs_from_todays_cleaning():
    """Cleaning improves over time; a demo loaded by an older version must not be doubled."""
    call_command("load_demo")
    count = Article.objects.count()
    article = Article.objects.get(source_name="harbour_ledger.txt")
    Article.objects.filter(pk=article.pk).update(
        body=article.body + "\nA line an older cleaner kept.", body_hash="0" * 64
    )
    call_command("load_demo")
    assert Article.objects.count() == count


@pytest.mark.django_db
def test_a_missing_page_gets_the_site_layout_and_the_reason(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    response = client.get("/compare/1/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "There is no such article." in body
    assert 'href="/articles/"' in body
    assert client.get("/no-such-page/").status_code == 404
