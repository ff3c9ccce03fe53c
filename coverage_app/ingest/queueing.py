"""Uploads become queued articles (all or none, duplicates pointing at the article that has
the text), ingest tasks are enqueued for them, and an upload batch's progress is read back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from coverage_app.ingest.outlets import outlet_for
from coverage_app.ingest.tasks import enqueue_ingest, ids_with_live_task
from coverage_app.ingest.uploads import (
    Prepared,
    Upload,
    as_date,
    cleans_in_worker,
    prepare,
    stored_cuts,
    typed_metadata,
)
from coverage_app.models import Article
from coverage_app.text.clean import cleaning


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


def new_batch_id() -> str:
    return timezone.now().strftime("%Y%m%d%H%M%S%f")


def create_articles(
    uploads: Sequence[Upload], *, user=None, batch: str = "", enqueue: bool = True
) -> list[Outcome]:
    """Store the uploads as queued articles (all or none) and enqueue their ingest.

    The same cleaned text uploaded again is not stored twice: its Outcome points at the
    article that already has it. Raises IngestRefused (storing nothing) if any upload is bad.
    """
    prepared = [upload if cleans_in_worker(upload) else prepare(upload) for upload in uploads]
    batch = batch or (new_batch_id() if len(prepared) > 1 else "")
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
            # In the same transaction (the task table is in this database): an upload that
            # commits has its job, whatever happens to this process right after.
            enqueue_ingest(new_ids)
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
        published=as_date(typed.get("published")),
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


def requeue(article: Article) -> bool:
    """Queue a failed or finished article again (retry / re-extract), or give a queued article
    that no task holds its task back; False when it is being processed."""
    with transaction.atomic():
        changed = Article.objects.filter(
            pk=article.pk, status__in=[Article.Status.FAILED, Article.Status.DONE]
        ).update(status=Article.Status.QUEUED, error="", updated=timezone.now())
        if not changed:
            changed = (
                Article.objects.filter(pk=article.pk, status=Article.Status.QUEUED).exists()
                and article.pk not in ids_with_live_task()
            )
        if changed:
            enqueue_ingest([article.pk])  # committed with the status, or not at all
    return bool(changed)


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
