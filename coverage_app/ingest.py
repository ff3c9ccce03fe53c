"""Bringing articles in: uploads become Articles, then a background task cleans and extracts.

The life of an article: created `queued` (raw kept, body cleaned once and never changed after,
so offsets stay valid) -> a task claims it (`cleaning`) -> spaCy + extraction (`extracting`)
-> its quotes, events and entities are stored in one transaction (`done`), or the error is kept
(`failed`, retry re-queues it).

Exactly once, even with several workers and workers that die:
- A task claims articles with `SELECT ... FOR UPDATE SKIP LOCKED` and a status compare-and-set
  (queued -> cleaning), so two workers never take the same article.
- While a worker holds an article in a running state it also holds a PostgreSQL session-level
  advisory lock on it. If the worker dies, PostgreSQL drops its session and the lock with it.
- `recover_abandoned()` finds running articles whose lock nobody holds (and ingest tasks left
  RUNNING by a dead worker, which django-tasks-db never retries), puts them back to `queued`
  and enqueues them again. It runs at the start of every ingest task and, in every
  `db_worker` process, at start-up and then periodically (see `coverage_app.tasks`).
- Storing re-checks the claim under a row lock and replaces earlier extraction data, so a
  re-ingest never duplicates anything.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from coverage_app import annotations, comparisons, corpus, fetch, speakers, stories
from coverage_app.models import Article, Entity, Event, Outlet, Quote, Speaker, text_hash
from coverage_app.text import cleaning, decoding, nlp
from coverage_app.text.extract import CHUNK_CHARS, extract, extract_long

logger = logging.getLogger("coverage_app.ingest")

RUNNING = (Article.Status.CLEANING, Article.Status.EXTRACTING)
SUPPORTED_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}
# Advisory-lock keys: (namespace << 32) | id, so ours never collide with anyone else's.
_ARTICLE_LOCKS = 0x5041_0001
_TASK_LOCKS = 0x5041_0002
MIN_ARTICLE_WORDS = 20
# Uploads longer than this (in characters) are cleaned in the worker, as HTML always is.
DEFER_CHARS = 300_000
# spaCy batch inside one task: small enough that articles are stored as they finish.
PIPE_BATCH = 4


class IngestRefused(ValueError):
    """An upload we will not store, with the reason to show the person."""


def batch_size() -> int:
    return getattr(settings, "PARALLAX_INGEST_BATCH", 8)


# --- outlets --------------------------------------------------------------------------------

_TLD = re.compile(r"\.(?:com|org|net|news|info|co\.uk|co|io|ru|de|fr|uk|us|eu|example)$", re.I)


def outlet_key(name: str) -> str:
    """`The Quillpost.com` -> `quillpost`: lower case, no leading "the", no TLD, no punctuation."""
    key = name.strip().lower()
    key = re.sub(r"^the\s+", "", key)
    key = _TLD.sub("", key)
    key = "".join(ch for ch in key if ch.isalnum())
    return key or "unknown"


def outlet_for(name: str, domain: str = "") -> Outlet:
    """The outlet with this normalised name or domain, created on the fly when none has it."""
    name = " ".join((name or "").split()) or domain or "Unknown outlet"
    key = outlet_key(name)
    outlet = None
    if domain:
        outlet = Outlet.objects.filter(domain=domain).order_by("pk").first()
    if outlet is None:
        outlet = Outlet.objects.filter(key=key).first()
    if outlet is None:
        try:
            with transaction.atomic():
                return Outlet.objects.create(name=name[:200], key=key, domain=domain)
        except IntegrityError:  # created by someone else a moment ago
            outlet = Outlet.objects.get(key=key)
    if domain and not outlet.domain:
        Outlet.objects.filter(pk=outlet.pk, domain="").update(domain=domain)
        outlet.domain = domain
    return outlet


# --- uploads --------------------------------------------------------------------------------


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


@dataclass
class Prepared:
    upload: Upload
    cleaned: cleaning.CleanedArticle
    body_hash: str


@dataclass
class Outcome:
    """What happened to one upload: a new article, or the one that already had this text."""

    article: Article
    created: bool
    source_name: str = ""
    encoding: str = ""

    @property
    def duplicate(self) -> bool:
        return not self.created


@dataclass
class Refusal:
    source_name: str
    reason: str


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    batch: str = ""


def kind_for_filename(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_KINDS:
        allowed = ", ".join(sorted({".txt", ".html", ".htm", ".md"}))
        raise IngestRefused(
            f"{filename}: {suffix or 'files without an extension'} cannot be read; "
            f"upload {allowed} files."
        )
    return SUPPORTED_KINDS[suffix]


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


def cleans_in_worker(upload: Upload) -> bool:
    """HTML (whose parsing can take seconds on hostile markup) and very long texts are stored
    raw and cleaned by the worker, within PARALLAX_CLEAN_TIMEOUT; the request only stores."""
    return upload.kind == "html" or len(upload.raw) > DEFER_CHARS


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
        cleaned.published = _as_date(typed["published"])
    if not cleaned.outlet and cleaned.url:
        cleaned.outlet = cleaning.domain_of(cleaned.url)


def check_body(body: str, label: str) -> None:
    """Refuse a cleaned body with no article in it."""
    if not body.strip():
        raise IngestRefused(f"{label}: no article text was found in it.")
    words = len(body.split())
    if words < MIN_ARTICLE_WORDS:
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
    check_body(cleaned.body, upload.source_name or "The text")
    return Prepared(upload=upload, cleaned=cleaned, body_hash=text_hash(cleaned.body))


def stored_cuts(cuts: list[cleaning.Cut]) -> list[dict]:
    """What cleaning cut, as stored on Article.removed: [{"text", "kind"}, ...]."""
    return [{"text": cut.text, "kind": cut.kind} for cut in cuts]


def _new_batch_id() -> str:
    return timezone.now().strftime("%Y%m%d%H%M%S%f")


def create_articles(
    uploads: Sequence[Upload], *, user=None, batch: str = "", enqueue: bool = True
) -> list[Outcome]:
    """Store the uploads as queued articles (all or none) and enqueue their ingest.

    The same cleaned text uploaded again is not stored twice: its Outcome points at the
    article that already has it. Raises IngestRefused (storing nothing) if any upload is bad.
    """
    prepared = [upload if cleans_in_worker(upload) else prepare(upload) for upload in uploads]
    batch = batch or (_new_batch_id() if len(prepared) > 1 else "")
    outcomes: list[Outcome] = []
    new_ids: list[int] = []
    with transaction.atomic():
        for item in prepared:
            if isinstance(item, Upload):  # cleaned (and checked for duplicates) by the worker
                article = _raw_article_from(item, user=user, batch=batch)
                outcomes.append(Outcome(article, True, item.source_name, item.encoding))
                new_ids.append(article.pk)
                continue
            existing = Article.objects.filter(body_hash=item.body_hash).first()
            if existing is None:
                try:
                    with transaction.atomic():
                        article = _article_from(item, user=user, batch=batch)
                except IntegrityError:  # the same text stored by another request just now
                    existing = Article.objects.get(body_hash=item.body_hash)
            if existing is not None:
                outcomes.append(
                    Outcome(existing, False, item.upload.source_name, item.upload.encoding)
                )
                continue
            outcomes.append(Outcome(article, True, item.upload.source_name, item.upload.encoding))
            new_ids.append(article.pk)
        if enqueue and new_ids:
            transaction.on_commit(lambda: enqueue_ingest(new_ids))
    return outcomes


def _article_from(item: Prepared, *, user, batch: str) -> Article:
    cleaned = item.cleaned
    domain = cleaning.domain_of(cleaned.url)
    return Article.objects.create(
        outlet=outlet_for(cleaned.outlet, domain),
        title=cleaned.title[:500],
        author=cleaned.author[:300],
        published=cleaned.published,
        url=cleaned.url[:2000],
        source_name=item.upload.source_name[:500],
        raw=item.upload.raw,
        source_kind=item.upload.kind,
        source_encoding=item.upload.encoding,
        body=cleaned.body,
        body_hash=item.body_hash,
        removed=stored_cuts(cleaned.removed),
        batch=batch,
        created_by=user,
        status=Article.Status.QUEUED,
    )


def _raw_article_from(upload: Upload, *, user, batch: str) -> Article:
    typed = typed_metadata(upload)
    return Article.objects.create(
        # Until the worker reads the page's own outlet: the typed one, or "Unknown outlet"
        # (never the URL's domain, which would then claim that domain for the placeholder).
        outlet=outlet_for(typed.get("outlet", "")),
        title=typed.get("title", "")[:500],
        author=typed.get("author", "")[:300],
        published=_as_date(typed.get("published")),
        url=upload.url[:2000],
        source_name=upload.source_name[:500],
        raw=upload.raw,
        source_kind=upload.kind,
        source_encoding=upload.encoding,
        typed_metadata=typed,
        batch=batch,
        created_by=user,
        status=Article.Status.QUEUED,
    )


def create_article(raw: str, *, kind: str = "text", filename: str = "", user=None) -> Article:
    """One article from raw text (duplicates give the existing one), queued for ingest."""
    upload = Upload(raw=raw, kind=kind, source_name=filename)
    return create_articles([upload], user=user)[0].article


def article_from_demo(path, *, user=None) -> tuple[Article, bool]:
    """A demo article (not enqueued: load_demo extracts it in-process).

    A demo article is known by its file name and the demo user, so loading the demo again after
    the cleaner changed (which changes the cleaned text and its hash) creates nothing new."""
    existing = Article.objects.filter(source_name=path.name, created_by=user).first()
    if existing is not None:
        return existing, False
    upload = Upload(raw=path.read_text(encoding="utf-8"), source_name=path.name)
    outcome = create_articles([upload], user=user, enqueue=False)[0]
    return outcome.article, outcome.created


def enqueue_ingest(article_ids: Iterable[int]) -> None:
    """Enqueue ingest tasks for these articles, a few per task so spaCy can batch them."""
    from coverage_app.tasks import ingest_articles

    ids = list(article_ids)
    size = batch_size()
    for start in range(0, len(ids), size):
        ingest_articles.enqueue(ids[start : start + size])


def requeue(article: Article) -> bool:
    """Queue a failed or finished article again (retry / re-extract); False when it is busy."""
    with transaction.atomic():
        changed = Article.objects.filter(
            pk=article.pk, status__in=[Article.Status.FAILED, Article.Status.DONE]
        ).update(status=Article.Status.QUEUED, error="", updated=timezone.now())
        if changed:
            transaction.on_commit(lambda: enqueue_ingest([article.pk]))
    return bool(changed)


# --- advisory locks -------------------------------------------------------------------------


def _try_lock(namespace: int, number: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [(namespace << 32) | number])
        return cursor.fetchone()[0]


def _unlock(namespace: int, number: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [(namespace << 32) | number])


def task_lock_number(task_result_id: str) -> int:
    """A 32-bit number for a task result id (a UUID string)."""
    return int(str(task_result_id).replace("-", "")[-8:], 16) & 0x7FFF_FFFF


def hold_task_lock(task_result_id: str) -> None:
    """Mark a task run as alive for as long as this database session lives."""
    _try_lock(_TASK_LOCKS, task_lock_number(task_result_id))


def release_task_lock(task_result_id: str) -> None:
    _unlock(_TASK_LOCKS, task_lock_number(task_result_id))


# --- the pipeline ---------------------------------------------------------------------------


def claim(article_ids: Iterable[int]) -> list[Article]:
    """Take the queued articles among these ids for this worker (others skip them)."""
    ids = sorted(set(article_ids))
    claimed: list[Article] = []
    with transaction.atomic():
        rows = (
            Article.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("outlet")
            .filter(pk__in=ids, status=Article.Status.QUEUED)
            .order_by("pk")
        )
        for article in rows:
            if _try_lock(_ARTICLE_LOCKS, article.pk):
                claimed.append(article)
        Article.objects.filter(pk__in=[a.pk for a in claimed]).update(
            status=Article.Status.CLEANING, error="", updated=timezone.now()
        )
    for article in claimed:
        article.status = Article.Status.CLEANING
    return claimed


def ingest_batch(article_ids: Sequence[int]) -> dict[str, int]:
    """Claim, clean and extract these articles (those still queued); spaCy runs as one batch.

    Returns counts of what this call did: {"done", "failed", "skipped"}.
    """
    claimed = claim(article_ids)
    counts = {"done": 0, "failed": 0, "skipped": len(set(article_ids)) - len(claimed)}
    if not claimed:
        return counts
    try:
        ready = []
        for article in claimed:
            try:
                _ensure_cleaned(article)
                ready.append(article)
            except Exception as exc:  # noqa: BLE001 - any failure is kept on the article
                _fail(article, exc)
                counts["failed"] += 1
        Article.objects.filter(pk__in=[a.pk for a in ready]).update(
            status=Article.Status.EXTRACTING, updated=timezone.now()
        )
        for article, outcome in _extract_all(ready):
            if isinstance(outcome, Exception):
                _fail(article, outcome)
                counts["failed"] += 1
            elif _store(article, outcome):
                counts["done"] += 1
                _after_store(article)
            else:
                counts["skipped"] += 1
    finally:
        for article in claimed:
            _unlock(_ARTICLE_LOCKS, article.pk)
    return counts


class Duplicate(IngestRefused):
    """Cleaning in the worker found text that another article already has."""

    def __init__(self, label: str, existing: Article):
        super().__init__(
            f"{label}: this text is already here as “{existing.display_title}”; "
            "nothing new was stored."
        )
        self.existing = existing


def _ensure_cleaned(article: Article) -> None:
    """Clean an upload stored raw (HTML, very long text), within the time limit, applying what
    the person typed; refuse it when no article is left or another article has its text."""
    if article.body:
        return
    label = article.source_name or "The upload"
    cleaned = clean_within_time_limit(article.raw, kind=article.source_kind, url=article.url)
    apply_typed(cleaned, article.typed_metadata or {})
    check_body(cleaned.body, label)
    body_hash = text_hash(cleaned.body)
    existing = Article.objects.filter(body_hash=body_hash).exclude(pk=article.pk).first()
    if existing is not None:
        raise Duplicate(label, existing)
    placeholder = article.outlet
    article.outlet = outlet_for(cleaned.outlet, cleaning.domain_of(cleaned.url))
    article.title = cleaned.title[:500]
    article.author = cleaned.author[:300]
    article.published = cleaned.published
    article.url = cleaned.url[:2000]
    article.body = cleaned.body
    article.body_hash = body_hash
    article.removed = stored_cuts(cleaned.removed)
    article.duplicate_of = None
    fields = ["outlet", "title", "author", "published", "url", "body", "body_hash", "removed"]
    fields.append("duplicate_of")
    try:
        with transaction.atomic():
            article.save(update_fields=[*fields, "updated"])
    except IntegrityError:  # the same text stored by another worker a moment ago
        article.body = ""
        raise Duplicate(label, Article.objects.get(body_hash=body_hash)) from None
    if placeholder.pk != article.outlet_id and placeholder.key == outlet_key("Unknown outlet"):
        Outlet.objects.filter(pk=placeholder.pk, articles__isnull=True).delete()


def clean_within_time_limit(raw: str, *, kind: str, url: str) -> cleaning.CleanedArticle:
    """`cleaning.clean` in a forked child process, stopped after PARALLAX_CLEAN_TIMEOUT seconds
    (markup built to be slow, such as megabytes of empty tags, cannot hold a worker)."""
    seconds = settings.PARALLAX_CLEAN_TIMEOUT
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_clean_in_child, args=(sender, raw, kind, url), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            child.kill()
            raise IngestRefused(
                f"Cleaning this upload took longer than {seconds:g} s and was stopped: the file "
                "does not look like an article page. Save the article's text and upload that."
            )
        outcome, value = receiver.recv()
    except EOFError:
        outcome, value = "error", "the cleaning process ended without an answer"
    finally:
        receiver.close()
        child.join(timeout=5)
    if outcome != "ok":
        raise RuntimeError(f"cleaning failed: {value}")
    return value


def _clean_in_child(sender, raw: str, kind: str, url: str) -> None:
    try:
        sender.send(("ok", cleaning.clean(raw, kind=kind, url=url)))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the article
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()


def _extract_all(articles: list[Article]):
    """(article, Extraction or the exception) for each, running spaCy with nlp.pipe."""
    if not articles:
        return
    try:
        pipeline = nlp.load(settings.SPACY_MODEL)
    except Exception as exc:  # noqa: BLE001 - a missing or broken model fails each article
        for article in articles:
            yield article, exc
        return
    long_bodies = [a for a in articles if len(a.body) > CHUNK_CHARS]
    articles = [a for a in articles if len(a.body) <= CHUNK_CHARS]
    for article in long_bodies:  # parsed in paragraph chunks, offsets kept (extract_long)
        with pipeline.memory_zone():
            try:
                yield article, extract_long(pipeline, article.body, published=article.published)
            except Exception as exc:  # noqa: BLE001
                yield article, exc
    if not articles:
        return
    with pipeline.memory_zone():
        docs = pipeline.pipe((a.body for a in articles), batch_size=PIPE_BATCH)
        done = 0
        try:
            for article, doc in zip(articles, docs, strict=False):
                done += 1
                try:
                    yield article, extract(doc, published=article.published)
                except Exception as exc:  # noqa: BLE001
                    yield article, exc
        except Exception:  # noqa: BLE001 - spaCy itself failed mid-batch: go one by one
            logger.exception("nlp.pipe failed; extracting the rest one at a time")
            for article in articles[done:]:
                try:
                    yield article, extract(pipeline(article.body), published=article.published)
                except Exception as exc:  # noqa: BLE001
                    yield article, exc


def _as_date(value) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _speaker_ref(quote: dict) -> tuple[str, bool]:
    """(name, is_organisation): what `speakers.speaker_for` resolves a quote's speaker from."""
    is_organisation = bool(quote.get("speaker_is_org") or quote.get("is_organisation"))
    return (quote.get("speaker") or "", is_organisation)


def _speakers_for(quotes: list[dict]) -> dict[tuple[str, bool], Speaker | None]:
    """The Speaker row of each distinct speaker in one article's quotes, resolved once each
    (a person quoted twenty times costs one lookup, not twenty)."""
    rows: dict[tuple[str, bool], Speaker | None] = {}
    for quote in quotes:
        ref = _speaker_ref(quote)
        if ref not in rows:
            rows[ref] = speakers.speaker_for(ref[0], is_organisation=ref[1])
    return rows


def _store(article: Article, result) -> bool:
    """Replace the article's extraction data and mark it done, in one transaction.

    Returns False (storing nothing) when this worker no longer holds the article.
    """
    with transaction.atomic():
        held = (
            Article.objects.select_for_update()
            .filter(pk=article.pk, status__in=RUNNING)
            .values_list("terms", flat=True)
            .first()
        )
        if held is None:
            return False
        corpus.record_terms(held or [], result.terms)  # the prior of distinctive terms
        article.quotes.all().delete()
        article.events.all().delete()
        article.entities.all().delete()
        speaker_rows = _speakers_for(result.quotes)
        Quote.objects.bulk_create(
            Quote(
                article=article,
                speaker=speaker_rows[_speaker_ref(q)],
                speaker_name=(q.get("speaker") or "")[:300],
                text=q["text"],
                kind=q.get("kind") or Quote.Kind.DIRECT,
                start=q["start"],
                end=q["end"],
                utterance=q.get("utterance") or 0,
                sentence=q.get("sentence") or "",
            )
            for q in result.quotes
        )
        Event.objects.bulk_create(
            Event(
                article=article,
                text=e.get("text") or "",
                actor=(e.get("actor") or "")[:300],
                action=(e.get("action") or "")[:100],
                participants=list(e.get("participants") or []),
                place=(e.get("place") or "")[:300],
                date=_as_date(e.get("date")),
                negated=bool(e.get("negated")),
                modality=(e.get("modality") or "")[:40],
                start=e["start"],
                end=e["end"],
            )
            for e in result.events
        )
        Entity.objects.bulk_create(
            Entity(
                article=article,
                text=(e.get("text") or "")[:300],
                label=(e.get("label") or "")[:20],
                count=e.get("count") or 1,
            )
            for e in result.entities
        )
        now = timezone.now()
        Article.objects.filter(pk=article.pk).update(
            status=Article.Status.DONE,
            error="",
            extracted_at=now,
            updated=now,
            sentences=result.sentences,
            terms=result.terms,
        )
    article.status = Article.Status.DONE
    article.extracted_at = now
    logger.info("ingested article %s", article.pk)
    return True


def _after_store(article: Article) -> None:
    """Re-anchor annotations to the stored body, group the article into a story and refresh
    stored comparisons; a failure here never undoes the ingest."""
    try:
        annotations.reanchor_article(article)
    except Exception:  # noqa: BLE001
        logger.exception("re-anchoring annotations on article %s failed", article.pk)
    try:
        # The article's own story_id is left as it was loaded, on purpose: a new article's
        # comparisons with its story mates are computed when someone opens them. Comparing
        # eagerly with up to REFRESH_LIMIT mates here cut bench_ingest from 15 to 6 articles/s.
        stories.assign_story(article)
    except Exception:  # noqa: BLE001
        logger.exception("assigning article %s to a story failed", article.pk)
    refresh_comparisons(article)


def refresh_comparisons(article: Article) -> None:
    """Recompute the stored comparisons this re-extraction touches (and, for an article that
    was already in a story, those with its story mates: `comparisons.refresh_for`); a failure
    is logged and the ingest stays done."""
    try:
        comparisons.refresh_for(article)
    except Exception:  # noqa: BLE001
        logger.exception("refreshing comparisons for article %s failed", article.pk)


FAILED_MESSAGE = (
    "Extraction failed on the server (the details are in its log). Retry, and if it fails "
    "again, tell whoever runs this Parallax."
)


def _fail(article: Article, exc: BaseException) -> None:
    """Mark the article failed. The person reads our own words: an IngestRefused's reason, or
    a plain sentence for anything else (a library's error text goes to the log only)."""
    duplicate_of = exc.existing if isinstance(exc, Duplicate) else None
    if isinstance(exc, IngestRefused):
        message = str(exc)
        logger.warning("ingest of article %s refused: %s", article.pk, message)
    else:
        message = FAILED_MESSAGE
        logger.error(
            "ingest of article %s failed: %s: %s",
            article.pk,
            type(exc).__name__,
            exc,
            exc_info=(type(exc), exc, exc.__traceback__),
        )
    Article.objects.filter(pk=article.pk, status__in=RUNNING).update(
        status=Article.Status.FAILED,
        error=message[:4000],
        duplicate_of=duplicate_of,
        updated=timezone.now(),
    )
    article.duplicate_of = duplicate_of
    article.status = Article.Status.FAILED
    article.error = message


def extract_article(article: Article) -> Article:
    """Ingest one article now, in this process (demo loading, the command line, tests)."""
    if article.status not in (Article.Status.QUEUED, *RUNNING):
        Article.objects.filter(pk=article.pk).update(status=Article.Status.QUEUED)
    ingest_batch([article.pk])
    article.refresh_from_db()
    return article


# --- recovery -------------------------------------------------------------------------------


def recover_abandoned(*, running_task_id: str = "") -> list[int]:
    """Put back to `queued` (and enqueue again) the work of workers that died.

    An article in a running state whose advisory lock nobody holds was left by a dead worker.
    An ingest task left RUNNING whose task lock nobody holds is marked failed, and its articles
    that are still queued are enqueued again. Safe to run any time, from any process, as long
    as this database session holds no article locks (`running_task_id`: the task calling it,
    whose own lock this session holds).
    """
    from django_tasks_db.models import DBTaskResult

    from coverage_app.tasks import ingest_articles

    orphaned: list[int] = []
    with transaction.atomic():
        running = Article.objects.select_for_update(skip_locked=True).filter(status__in=RUNNING)
        locked_now = [
            pk for pk in running.values_list("pk", flat=True) if _try_lock(_ARTICLE_LOCKS, pk)
        ]
        if locked_now:
            Article.objects.filter(pk__in=locked_now).update(
                status=Article.Status.QUEUED, updated=timezone.now()
            )
    for pk in locked_now:
        _unlock(_ARTICLE_LOCKS, pk)
    orphaned.extend(locked_now)

    task_path = ingest_articles.module_path
    dead_tasks = []
    tasks = DBTaskResult.objects.filter(status="RUNNING", task_path=task_path)
    for row in tasks.exclude(pk=running_task_id or None):
        number = task_lock_number(str(row.id))
        if _try_lock(_TASK_LOCKS, number):
            _unlock(_TASK_LOCKS, number)
            dead_tasks.append(row)
    for row in dead_tasks:
        ids = (row.args_kwargs.get("args") or [[]])[0]
        orphaned.extend(
            Article.objects.filter(pk__in=ids, status=Article.Status.QUEUED).values_list(
                "pk", flat=True
            )
        )
        row.set_failed(
            RuntimeError("The worker running this task stopped; its articles were queued again.")
        )
    orphaned = sorted(set(orphaned))
    if orphaned:
        logger.warning("re-queued articles left by a stopped worker: %s", orphaned)
        enqueue_ingest(orphaned)
    return orphaned


# --- reading progress -----------------------------------------------------------------------


def batch_progress(batch: str) -> dict | None:
    """How far one upload batch is: counts per status and the percentage finished."""
    if not batch:
        return None
    counts = dict(
        Article.objects.filter(batch=batch)
        .values_list("status")
        .annotate(n=models.Count("pk"))
        .values_list("status", "n")
    )
    total = sum(counts.values())
    if not total:
        return None
    finished = counts.get(Article.Status.DONE, 0) + counts.get(Article.Status.FAILED, 0)
    return {
        "total": total,
        "done": counts.get(Article.Status.DONE, 0),
        "failed": counts.get(Article.Status.FAILED, 0),
        "finished": finished,
        "percent": round(100 * finished / total),
        "complete": finished == total,
    }
