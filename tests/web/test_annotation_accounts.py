"""Accounts: log in and out in the app's look, and a sign-up an admin can close."""

import pytest
from django.urls import reverse

from coverage_app.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def signup_open(settings):
    settings.PARALLAX_SIGNUP_OPEN = True


NEW_ACCOUNT = {
    "username": "newsroom",
    "password1": "harbour-strike-42",
    "password2": "harbour-strike-42",
}


def test_sign_up_creates_an_account_and_logs_it_in(client, django_user_model, signup_open):
    response = client.post(reverse("signup"), NEW_ACCOUNT)
    assert response.status_code == 302
    assert django_user_model.objects.filter(username="newsroom").exists()
    assert client.get(reverse("annotation_list")).status_code == 200


def test_sign_up_with_mismatched_passwords_says_so_and_creates_nothing(
    client, django_user_model, signup_open
):
    response = client.post(reverse("signup"), {**NEW_ACCOUNT, "password2": "something-else-1"})
    assert response.status_code == 400
    assert "didn’t match" in response.content.decode()
    assert not django_user_model.objects.exists()


def test_setting_closes_sign_up(client, settings, django_user_model):
    settings.PARALLAX_SIGNUP_OPEN = False
    assert client.get(reverse("signup")).status_code == 403
    assert client.post(reverse("signup"), NEW_ACCOUNT).status_code == 403
    assert not django_user_model.objects.exists()
    assert "Create an account" not in client.get(reverse("login")).content.decode()


def test_admin_switch_closes_sign_up(client, django_user_model, signup_open):
    assert "Create an account" in client.get(reverse("login")).content.decode()
    switch = SiteSettings.current()
    switch.signup_open = False
    switch.save()
    response = client.post(reverse("signup"), NEW_ACCOUNT)
    assert response.status_code == 403 and "Sign-up is closed" in response.content.decode()
    assert not django_user_model.objects.exists()
    assert "made by an administrator" in client.get(reverse("login")).content.decode()


def test_wrong_password_is_explained_on_the_login_page(client, author):
    response = client.post(reverse("login"), {"username": "ana", "password": "nope"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


def test_log_out_shows_the_apps_page(client, author):
    client.force_login(author)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("annotation_list")).status_code == 302  # logged out: login first
