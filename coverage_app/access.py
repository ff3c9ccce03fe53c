"""Who may do what, decided here and nowhere else.

- Reading: everyone when settings.PARALLAX_PUBLIC_READ, otherwise logged-in people.
- Members (every account): read, upload, and write their own annotations.
- Editors (the "Editors" group, or any account an admin gives the `coverage_app.curate`
  permission): curate the shared data too: correct an article's metadata, retry or extract it
  again, merge and split speakers, rename, merge and split stories, move articles between
  stories, regroup, and change or delete anyone's annotation (`can_change_annotation`).
  Superusers have every permission; staff accounts may change any annotation too.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group, Permission
from django.template.response import TemplateResponse

EDITORS_GROUP = "Editors"
CURATE_PERMISSION = "coverage_app.curate"


def reader_required(view):
    """Let anyone through when PARALLAX_PUBLIC_READ is on; otherwise act like login_required."""
    protected = login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.PARALLAX_PUBLIC_READ:
            return view(request, *args, **kwargs)
        return protected(request, *args, **kwargs)

    return wrapper


def can_curate(user) -> bool:
    """Whether this person may change shared data (see the module docstring)."""
    return bool(user.is_authenticated and user.has_perm(CURATE_PERMISSION))


def can_change_annotation(user, author_id: int | None) -> bool:
    """Whether this person may change or delete an annotation written by `author_id`: its
    author, an editor, or staff (the message refusing it says so: see annotations.py)."""
    if not user.is_authenticated:
        return False
    return user.pk == author_id or user.is_staff or can_curate(user)


def editor_required(view):
    """Anonymous people go to the login page; logged-in members get 403 with a page saying why."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_curate(request.user):
            return TemplateResponse(request, "registration/editors_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def editors_group() -> Group:
    """The "Editors" group with the curate permission (made by migration 0005; made again here
    if someone deleted it, or a test database was flushed)."""
    app_label, codename = CURATE_PERMISSION.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(permission)
    return group


def make_editor(user) -> None:
    """Put this account in the Editors group."""
    user.groups.add(editors_group())


def client_address(request) -> str:
    """The visitor's address, for counting failed logins: REMOTE_ADDR, or with
    PARALLAX_TRUSTED_PROXIES = n, the address the n-th proxy from us saw (X-Forwarded-For
    entries before it can be forged by the client)."""
    proxies = settings.PARALLAX_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies > 0 and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")
