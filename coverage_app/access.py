"""Who may read: everyone when settings.PARALLAX_PUBLIC_READ, otherwise logged-in people."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required


def reader_required(view):
    """Let anyone through when PARALLAX_PUBLIC_READ is on; otherwise act like login_required."""
    protected = login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.PARALLAX_PUBLIC_READ:
            return view(request, *args, **kwargs)
        return protected(request, *args, **kwargs)

    return wrapper
