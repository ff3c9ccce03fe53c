"""Request input checks that hold for every page, before any view runs.

- `request_limits`: a POST over Django's limits (DATA_UPLOAD_MAX_MEMORY_SIZE,
  DATA_UPLOAD_MAX_NUMBER_FILES, DATA_UPLOAD_MAX_NUMBER_FIELDS) or over
  PARALLAX_MAX_UPLOAD_TOTAL_BYTES for the whole request (refused by its Content-Length before
  its files are read) gets its page back with a message saying the limit, not Django's bare
  "Bad Request (400)".
- `strip_nul_bytes`: NUL characters in the query string or a form are removed. PostgreSQL
  cannot store or compare text holding them (a query, a note, a title or a name with one was a
  500), and no person types one on purpose.
- `nul_free_address` (first, before sessions are read): an address holding NUL is not found
  (404), and a cookie holding NUL is dropped (a `sessionid` with one was a 500).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse


class UploadTooLarge(Exception):
    """One request's files (and form) over PARALLAX_MAX_UPLOAD_TOTAL_BYTES together."""


LIMIT_ERRORS = (RequestDataTooBig, TooManyFilesSent, TooManyFieldsSent, UploadTooLarge)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"


def limit_message(exc: Exception) -> str:
    """What the person is told when a request is over one of Django's limits."""
    if isinstance(exc, TooManyFilesSent):
        return (
            f"At most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files can be uploaded at once; "
            "nothing was stored. Upload them in smaller groups."
        )
    if isinstance(exc, UploadTooLarge):
        return (
            "The files sent together were larger than the "
            f"{_megabytes(settings.PARALLAX_MAX_UPLOAD_TOTAL_BYTES)} limit for one upload; "
            "nothing was stored. Upload them in smaller groups."
        )
    if isinstance(exc, TooManyFieldsSent):
        return (
            f"The form sent more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} fields; "
            "nothing was stored."
        )
    return (
        f"The text sent was larger than the {_megabytes(settings.PARALLAX_MAX_UPLOAD_BYTES)} "
        "limit; nothing was stored. Upload a long article as a file, or split it."
    )


def request_limits(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            try:
                check_total_size(request)
                request.POST  # noqa: B018 - parse now, where the limits can be answered
                request.FILES  # noqa: B018
                check_total_size(request, parsed=True)
            except LIMIT_ERRORS as exc:
                return over_limit_response(request, exc)
        return get_response(request)

    return middleware


def check_total_size(request: HttpRequest, *, parsed: bool = False) -> None:
    """UploadTooLarge when one request is over PARALLAX_MAX_UPLOAD_TOTAL_BYTES: told by its
    Content-Length before anything is read, or by its files' sizes once parsed (a body sent
    without a length)."""
    limit = settings.PARALLAX_MAX_UPLOAD_TOTAL_BYTES
    if parsed:
        size = sum(f.size for _name, files in request.FILES.lists() for f in files)
    else:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
    if size > limit:
        raise UploadTooLarge()


def over_limit_response(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = limit_message(exc)
    if request.path == reverse("article_upload"):
        from coverage_app.views.articles import upload_page

        response = upload_page(request, error=message, status=400)
    else:
        response = TemplateResponse(request, "400.html", {"message": message}, status=400)
    return response.render()  # answered by a middleware: no view will render it


def _without_nul(data: QueryDict) -> QueryDict:
    if not any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists()):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
    cleaned._mutable = False
    return cleaned


def strip_nul_bytes(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        request.GET = _without_nul(request.GET)
        if request.method == "POST":
            request.POST = _without_nul(request.POST)
        return get_response(request)

    return middleware


def nul_free_address(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            raise Http404("No page has this address.")
        if any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items()):
            request.COOKIES = {
                key: value
                for key, value in request.COOKIES.items()
                if "\x00" not in key and "\x00" not in value
            }
        return get_response(request)

    return middleware
