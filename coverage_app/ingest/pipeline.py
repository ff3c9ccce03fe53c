"""The worker side of bringing articles in: a task claims queued articles, cleans and extracts
them, and stores the results (uploads.py and queueing.py make the queued articles).

The life of an article: created `queued` (raw kept, body cleaned once and never changed after,
so offsets stay valid) -> a task claims it (`cleaning`) -> spaCy + extraction (`extracting`)
-> its quotes, events and entities are stored in one transaction (`done`), or the error is kept
(`failed`, retry re-queues it). Cleaning and extraction run in the worker's child process
(`child.py`), each within its time limit (PARALLAX_CLEAN_TIMEOUT, PARALLAX_EXTRACT_TIMEOUT).

Exactly once, even with several workers and workers that die:
- A task claims articles with `SELECT ... FOR UPDATE SKIP LOCKED` and a status compare-and-set
  (queued -> cleaning), so two workers never take the same article.
- While a worker holds an article in a running state it also holds a PostgreSQL session-level
  advisory lock on it. If the worker dies, PostgreSQL drops its session and the lock with it.
- `tasks.recover_abandoned()` finds running articles whose lock nobody holds (and ingest tasks
  left RUNNING by a dead worker, which django-tasks-db never retries), puts them back to
  `queued` and enqueues them again. It runs at the start of every ingest task and, in every
  `db_worker` process, at start-up and then periodically (see `coverage_app.ingest.tasks`).
- It also enqueues articles left `queued` with no task, and groups `done` articles left with
  no story (`recover_unfinished`).
- Storing re-checks the claim under a row lock and replaces earlier extraction data, so a
  re-ingest never duplicates anything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone

from coverage_app import annotations, comparisons, corpus, provenance, speakers, stories
from coverage_app.ingest.advisory_locks import ARTICLE_LOCKS, try_lock, unlock
from coverage_app.ingest.child import LOAD_TIMEOUT, Child, ChildFailed, ChildTimeout
from coverage_app.ingest.outlets import outlet_for, outlet_key
from coverage_app.ingest.uploads import IngestRefused, apply_typed, as_date, check_body, stored_cuts
from coverage_app.models import Article, Entity, Event, Outlet, Quote, Speaker, text_hash
from coverage_app.text.clean import cleaning
from coverage_app.text.extract import CHUNK_CHARS

logger = logging.getLogger("coverage_app.ingest.pipeline")

RUNNING = (Article.Status.CLEANING, Article.Status.EXTRACTING)


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
            if try_lock(ARTICLE_LOCKS, article.pk):
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
        touched, stored_ids = set(), []
        for article, outcome in _extract_all(ready):
            if isinstance(outcome, Exception):
                _fail(article, outcome)
                counts["failed"] += 1
            elif _store(article, outcome):
                counts["done"] += 1
                touched.add(article.story_id)  # the story it leaves, if it moves
                _after_store(article)
                stored_ids.append(article.pk)
            else:
                counts["skipped"] += 1
        # Where each touched story's text comes from, once per batch (never in a request).
        touched.update(Article.objects.filter(pk__in=stored_ids).values_list("story_id", flat=True))
        provenance.refresh_stories(touched)
        for story_id in sorted({s for s in touched if s}):  # so a story page finds them all
            refresh_story_comparisons(story_id)
    finally:
        for article in claimed:
            unlock(ARTICLE_LOCKS, article.pk)
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
    check_body(cleaned.body, label, article.source_encoding)
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


# The child process cleaning and extraction run in (one per worker process; see child.py).
CHILD = Child()


def start_child() -> None:
    """Start the worker's child now, loading the spaCy model while the worker starts up (the
    db_worker command calls this once, in the process that runs tasks)."""
    CHILD.start(preload=settings.SPACY_MODEL)


def clean_within_time_limit(raw: str, *, kind: str, url: str) -> cleaning.CleanedArticle:
    """`cleaning.clean` in the worker's child process, stopped after PARALLAX_CLEAN_TIMEOUT
    seconds (markup built to be slow, such as megabytes of empty tags, cannot hold a worker)."""
    seconds = settings.PARALLAX_CLEAN_TIMEOUT
    try:
        return CHILD.call("clean", raw, kind, url, timeout=seconds)
    except ChildTimeout:
        raise IngestRefused(
            f"Cleaning this upload took longer than {seconds:g} s and was stopped: the file "
            "does not look like an article page. Save the article's text and upload that."
        ) from None
    except ChildFailed as exc:
        raise RuntimeError(f"cleaning failed: {exc}") from None


def _load_model() -> str:
    """Load the spaCy model in the child (not counted in the extraction time limit)."""
    model = settings.SPACY_MODEL
    try:
        CHILD.call("load", model, timeout=LOAD_TIMEOUT)
    except (ChildTimeout, ChildFailed) as exc:
        raise RuntimeError(f"loading the spaCy model {model!r} failed: {exc!r}") from None
    return model


def _over_time(article: Article) -> IngestRefused:
    seconds = settings.PARALLAX_EXTRACT_TIMEOUT
    return IngestRefused(
        f"Extracting quotes and events from this article took longer than the {seconds:g} s "
        f"limit and was stopped (its text is {len(article.body):,} characters long). Split "
        "a text this long into its articles, or ask whoever runs this Parallax to raise "
        "PARALLAX_EXTRACT_TIMEOUT."
    )


def extract_within_time_limit(article: Article):
    """The article's Extraction, computed in the worker's child process and stopped after
    PARALLAX_EXTRACT_TIMEOUT seconds (loading the spaCy model there is not counted)."""
    model = _load_model()
    seconds = settings.PARALLAX_EXTRACT_TIMEOUT
    try:
        return CHILD.call("extract", article.body, article.published, model, timeout=seconds)
    except ChildTimeout:
        raise _over_time(article) from None
    except ChildFailed as exc:
        raise RuntimeError(f"extraction failed: {exc}") from None


def _extract_all(articles: list[Article]):
    """(article, Extraction or the exception) for each, in the worker's child process: short
    bodies as one spaCy batch (`extract_many`), each answer due within the time limit; long
    ones (parsed in chunks) one by one. After a time-out or a failure of the batch, the rest
    go one by one, so the article over the limit is the one that fails, and the worker goes on
    with the next."""
    if not articles:
        return
    try:
        model = _load_model()
    except RuntimeError as exc:  # a missing or broken model fails each article
        for article in articles:
            yield article, exc
        return
    short = [a for a in articles if len(a.body) <= CHUNK_CHARS]
    one_by_one = [a for a in articles if len(a.body) > CHUNK_CHARS]
    if short:
        # Answers first in the zip: after the last one it reads the child's end of stream.
        answers = CHILD.stream(
            "extract_many",
            [(a.body, a.published) for a in short],
            model,
            timeout=settings.PARALLAX_EXTRACT_TIMEOUT,
        )
        done = 0
        try:
            for (outcome, value), article in zip(answers, short, strict=False):
                done += 1
                if outcome == "ok":
                    yield article, value
                else:
                    yield article, RuntimeError(f"extraction failed: {value}")
        except (ChildTimeout, ChildFailed) as exc:
            # spaCy parses a batch at once: the slow article may be any of it, so the rest
            # (the one that was awaited too) are tried alone.
            logger.warning("batch extraction stopped (%s); going on one article at a time", exc)
            one_by_one = short[done:] + one_by_one
        finally:
            answers.close()
    for article in one_by_one:
        try:
            yield article, extract_within_time_limit(article)
        except Exception as exc:  # noqa: BLE001 - kept on the article
            yield article, exc


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
                date=as_date(e.get("date")),
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
    # The article's own story_id is left as it was loaded, on purpose: a new article's
    # comparisons with its story mates are computed once per batch, for every story it
    # touched (`refresh_story_comparisons`, after the whole batch is done), not here.
    if not _group_into_story(article):
        return
    refresh_comparisons(article)


# Pauses before each new try at putting an article into its story (a database that went away
# for a moment is back by then, usually).
STORY_RETRY_DELAYS = (0.5, 2.0)
STORY_FAILED_MESSAGE = (
    "Its quotes and events were stored, but putting it into a story failed (the details are in "
    "the server's log). Retry; if it fails again, tell whoever runs this Parallax."
)


def _group_into_story(article: Article) -> bool:
    """Put the article into its story: part of the job's outcome, so tried again after a pause,
    and when every try fails the article is marked failed with the reason (Retry offered). When
    even that cannot be written, recovery finds the done article with no story later."""
    for delay in (*STORY_RETRY_DELAYS, None):
        try:
            stories.assign_story(article)
            return True
        except Exception:  # noqa: BLE001
            logger.exception("assigning article %s to a story failed", article.pk)
            if delay is None:
                break
            if not connection.in_atomic_block:
                close_old_connections()  # a connection the database dropped is opened anew
            time.sleep(delay)
    try:
        Article.objects.filter(pk=article.pk, status=Article.Status.DONE).update(
            status=Article.Status.FAILED, error=STORY_FAILED_MESSAGE, updated=timezone.now()
        )
        article.status, article.error = Article.Status.FAILED, STORY_FAILED_MESSAGE
    except Exception:  # noqa: BLE001
        logger.exception("marking article %s as not grouped failed", article.pk)
    return False


def refresh_comparisons(article: Article) -> None:
    """Recompute the stored comparisons this re-extraction touches (and, for an article that
    was already in a story, those with its story mates: `comparisons.refresh_for`); a failure
    is logged and the ingest stays done."""
    try:
        comparisons.refresh_for(article)
    except Exception:  # noqa: BLE001
        logger.exception("refreshing comparisons for article %s failed", article.pk)


def refresh_story_comparisons(story_id: int) -> int:
    """Align every pair of the story's finished articles not stored yet or stale (the story
    and speaker pages only read them); a failure is logged and the ingest stays done."""
    try:
        return comparisons.refresh_among(Article.objects.ready().filter(story_id=story_id))
    except Exception:  # noqa: BLE001
        logger.exception("aligning the pairs of story %s failed", story_id)
        return 0


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


def group_ungrouped(pk: int) -> bool:
    """Put into a story a `done` article that has none, unless a worker holds it right now (it
    is storing or grouping it). True when this call grouped it."""
    if not try_lock(ARTICLE_LOCKS, pk):
        return False
    try:
        article = Article.objects.filter(
            pk=pk, status=Article.Status.DONE, story__isnull=True
        ).first()
        if article is None:
            return False
        logger.warning("grouping done article %s, which has no story", pk)
        if _group_into_story(article):
            refresh_comparisons(article)
        return True
    finally:
        unlock(ARTICLE_LOCKS, pk)
