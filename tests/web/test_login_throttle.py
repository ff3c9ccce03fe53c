"""Failed logins are throttled per account and per address (django-axes)."""

from datetime import timedelta

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def quick_hashing(settings):
    """Dozens of logins: a fast hasher keeps the test short (the throttle is what is tested)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def is_logged_in(client) -> bool:
    return client.get(reverse("annotation_list")).status_code == 200


def test_a_burst_of_wrong_passwords_locks_the_account_and_the_right_one_no_longer_works(
    client, author
):
    for _ in range(25):
        log_in(client, "ana", "guess")
    response = log_in(client, "ana", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many failed log-ins" in body and "15 minutes" in body
    assert not is_logged_in(client)


def test_the_lock_is_per_account_whatever_the_address(client, author):
    for number in range(5):
        log_in(client, "ana", "guess", address=f"198.51.100.{number + 1}")
    assert log_in(client, "ana", PASSWORD, address="198.51.100.99").status_code == 429
    assert not is_logged_in(client)


def test_the_lock_is_per_address_whatever_the_account(client, author, other):
    for number in range(5):
        log_in(client, f"nobody{number}", "guess")
    assert log_in(client, "otto", PASSWORD).status_code == 429
    assert not is_logged_in(client)
    assert log_in(client, "otto", PASSWORD, address="192.0.2.50").status_code == 302


def test_a_few_mistakes_are_forgiven_and_a_login_clears_them(client, author):
    for _ in range(4):
        assert log_in(client, "ana", "guess").status_code == 200
    assert log_in(client, "ana", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        log_in(client, "ana", "guess")
    assert log_in(client, "ana", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, author, settings):
    from axes.models import AccessAttempt

    for _ in range(5):
        log_in(client, "ana", "guess")
    assert log_in(client, "ana", PASSWORD).status_code == 429
    earlier = AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(attempt_time=earlier - timedelta(seconds=1))
    assert log_in(client, "ana", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_the_admin_login_is_throttled_too(client, author):
    for _ in range(5):
        client.post(
            reverse("admin:login"), {"username": "ana", "password": "guess"}, REMOTE_ADDR="::1"
        )
    response = client.post(
        reverse("admin:login"), {"username": "ana", "password": PASSWORD}, REMOTE_ADDR="::1"
    )
    assert response.status_code == 429


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, author, other, settings):
    settings.PARALLAX_TRUSTED_PROXIES = 1
    for number in range(5):
        client.post(
            reverse("login"),
            {"username": f"nobody{number}", "password": "guess"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9",
        )
    locked = client.post(
        reverse("login"),
        {"username": "otto", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        reverse("login"),
        {"username": "otto", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.4",
    )
    assert elsewhere.status_code == 302
