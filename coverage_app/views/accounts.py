"""Sign-up. Log in and log out are Django's own views with our templates.

Sign-up is open only while both switches say so: settings.PARALLAX_SIGNUP_OPEN (the
environment, off by default) and SiteSettings.signup_open (flipped by an admin in the admin).
New accounts are members; an admin makes editors (coverage_app.access).

Failed logins are throttled by django-axes (settings: AXES_*); `locked_out` is its page."""

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from coverage_app.models import SiteSettings

LOCKED_OUT_STATUS = 429  # Too Many Requests


def signup_is_open() -> bool:
    return settings.PARALLAX_SIGNUP_OPEN and SiteSettings.current().signup_open


def signup(request: HttpRequest) -> HttpResponse:
    if not signup_is_open():
        return TemplateResponse(request, "registration/signup_closed.html", status=403)
    if request.user.is_authenticated:
        return redirect("home")
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(settings.LOGIN_REDIRECT_URL)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "registration/signup.html", {"form": form}, status=status)


def login_page(request: HttpRequest) -> HttpResponse:
    """Django's LoginView, told whether to offer sign-up (the switch is read per request)."""
    view = LoginView.as_view(
        redirect_authenticated_user=True, extra_context={"signup_open": signup_is_open()}
    )
    return view(request)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What django-axes shows instead of the login page once an account or address is locked."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)),
    }
    return TemplateResponse(
        request, "registration/locked_out.html", context, status=LOCKED_OUT_STATUS
    ).render()
