"""What a person gave, as uploads: files, pasted text and fetched pages, with the metadata they
typed; cleaning an upload in the request and refusing one with no article in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

from coverage_app.ingest import fetch
from coverage_app.models import text_hash
from coverage_app.text.clean import cleaning, decoding

MIN_ARTICLE_WORDS = 20
# Uploads longer than this (in characters) are cleaned in the worker, as HTML always is.
DEFER_CHARS = 300_000


class IngestRefused(ValueError):
    """An upload we will not store, with the reason to show the person."""


@dataclass
class Upload:
    """One document as a person gave it, with the metadata they typed (which wins)."""

    raw: str
    kind: str = "text"
    source_name: str = ""
    url: str = ""
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: date | None = None
    encoding: str = ""  # how a file's bytes were read; empty for pasted text

    def __post_init__(self):
        # However it came (pasted, a file, a page, a command), no control characters go on.
        for name in ("raw", "source_name", "url", "title", "outlet", "author"):
            setattr(self, name, decoding.without_control_characters(getattr(self, name) or ""))


@dataclass
class Prepared:
    upload: Upload
    cleaned: cleaning.CleanedArticle
    body_hash: str


def kind_for_filename(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in cleaning.KINDS:
        allowed = ", ".join(sorted({".txt", ".html", ".htm", ".md"}))
        raise IngestRefused(
            f"{filename}: {suffix or 'files without an extension'} cannot be read; "
            f"upload {allowed} files."
        )
    return cleaning.KINDS[suffix]


def _size_limit_text() -> str:
    limit = settings.PARALLAX_MAX_UPLOAD_BYTES
    return f"{limit / 1024 / 1024:.1f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def upload_from_bytes(filename: str, data: bytes) -> Upload:
    """An uploaded file as an Upload, or IngestRefused saying what is wrong with it."""
    kind = kind_for_filename(filename)
    if len(data) > settings.PARALLAX_MAX_UPLOAD_BYTES:
        raise IngestRefused(f"{filename}: the file is larger than the {_size_limit_text()} limit.")
    try:
        decoded = decoding.decode_with_encoding(data)
    except decoding.UnreadableInput as exc:
        raise IngestRefused(f"{filename}: {exc}") from exc
    return Upload(raw=decoded.text, kind=kind, source_name=filename, encoding=decoded.encoding)


def upload_from_text(raw: str, **metadata) -> Upload:
    if len(raw.encode("utf-8")) > settings.PARALLAX_MAX_UPLOAD_BYTES:
        raise IngestRefused(f"The text is larger than the {_size_limit_text()} limit.")
    if not raw.strip():
        raise IngestRefused("The text is empty.")
    return Upload(raw=raw, kind="text", source_name="pasted text", **metadata)


def upload_from_url(url: str, *, timeout: float = 10.0) -> Upload:
    """Fetch a page (HTML or plain text) through the guarded fetcher, with the upload size cap."""
    limit = settings.PARALLAX_MAX_UPLOAD_BYTES
    try:
        page = fetch.fetch(url, max_bytes=limit, timeout=timeout)
    except fetch.FetchFailed as exc:
        raise IngestRefused(str(exc)) from exc
    except fetch.TooLarge as exc:
        raise IngestRefused(
            f"{url}: the page is larger than the {_size_limit_text()} limit."
        ) from exc
    content_type = page.content_type
    if content_type not in {"text/html", "application/xhtml+xml", "text/plain", "text/markdown"}:
        raise IngestRefused(f"{url}: this is {content_type}, not an article page.")
    try:
        decoded = decoding.decode_with_encoding(page.data)
    except decoding.UnreadableInput as exc:
        raise IngestRefused(f"{url}: {exc}") from exc
    kind = (
        "text"
        if content_type == "text/plain"
        else "markdown"
        if "markdown" in content_type
        else "html"
    )
    return Upload(
        raw=decoded.text, kind=kind, source_name=page.url, url=page.url, encoding=decoded.encoding
    )


# Kinds converted to text by the worker, never in a request: HTML and Markdown parsing can take
# seconds (a 120 KB Markdown file took 30 s) on markup built to be slow.
WORKER_KINDS = ("html", "markdown")


def cleans_in_worker(upload: Upload) -> bool:
    """HTML, Markdown and very long texts are stored raw and cleaned by the worker, within
    PARALLAX_CLEAN_TIMEOUT; the request only stores."""
    return upload.kind in WORKER_KINDS or len(upload.raw) > DEFER_CHARS


def typed_metadata(upload: Upload) -> dict:
    """What the person typed for this upload (JSON-ready), to apply over what cleaning finds."""
    typed = {
        name: " ".join(str(getattr(upload, name) or "").split())
        for name in ("title", "outlet", "author", "url")
    }
    typed["published"] = upload.published.isoformat() if upload.published else ""
    return {name: value for name, value in typed.items() if value}


def apply_typed(cleaned: cleaning.CleanedArticle, typed: dict) -> None:
    """The person's metadata wins over what cleaning found; a URL gives the outlet a name."""
    for name in ("title", "outlet", "author", "url"):
        if typed.get(name):
            setattr(cleaned, name, typed[name])
    if typed.get("published"):
        cleaned.published = as_date(typed["published"])
    if not cleaned.outlet and cleaned.url:
        cleaned.outlet = cleaning.domain_of(cleaned.url)


def check_body(body: str, label: str, encoding: str = "") -> None:
    """Refuse a cleaned body with no article in it (saying so when its letters are mostly not
    Latin ones: a text in another script, or one whose encoding was read wrongly)."""
    if not body.strip():
        raise IngestRefused(f"{label}: no article text was found in it.")
    words = len(body.split())
    if words < MIN_ARTICLE_WORDS:
        letters = [c for c in body if c.isalpha()]
        if sum(c < "\u0250" for c in letters) < len(letters) / 2:  # Latin letters: < U+0250
            read_as = f" as {encoding}" if encoding else ""
            raise IngestRefused(
                f"{label}: its encoding could not be read as English text (it was read{read_as} "
                "and few of its letters are Latin ones; Parallax reads articles in English). "
                "If it is an English article, save it as UTF-8 and upload it again."
            )
        raise IngestRefused(
            f"{label}: only {words} words of article text were found; "
            "this does not look like an article."
        )


def prepare(upload: Upload) -> Prepared:
    """Clean an upload and apply the metadata the person typed; refuse when no article is left."""
    cleaned = cleaning.clean(
        upload.raw, kind=upload.kind, url=upload.url, filename=upload.source_name
    )
    apply_typed(cleaned, typed_metadata(upload))
    check_body(cleaned.body, upload.source_name or "The text", upload.encoding)
    return Prepared(upload=upload, cleaned=cleaned, body_hash=text_hash(cleaned.body))


def stored_cuts(cuts: list[cleaning.Cut]) -> list[dict]:
    """What cleaning cut, as stored on Article.removed: [{"text", "kind"}, ...]."""
    return [{"text": cut.text, "kind": cut.kind} for cut in cuts]


def as_date(value) -> date | None:
    """A date from a date or an ISO string (typed, stored or extracted); None when there is none."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
