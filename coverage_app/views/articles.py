"""Articles: the list, one article, uploading, live ingest status, retry and metadata edits."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseStopPolling

from coverage_app.access import can_curate, editor_required, reader_required
from coverage_app.forms import MetadataForm, UploadForm
from coverage_app.ingest import queueing
from coverage_app.ingest.outlets import outlet_for
from coverage_app.ingest.uploads import (
    IngestRefused,
    Upload,
    upload_from_bytes,
    upload_from_text,
    upload_from_url,
)
from coverage_app.models import Article
from coverage_app.pages.article_page import article_page_context
from coverage_app.text.clean import cleaning

LIST_LIMIT = 200


@reader_required
def article_list(request: HttpRequest) -> HttpResponse:
    scope = Article.objects.all()
    batch = request.GET.get("batch", "")
    if batch:  # one upload's articles: the filter's counts are the batch's too
        scope = scope.filter(batch=batch)
    articles = scope.select_related("outlet", "story").defer("raw", "body").with_opening()
    status = request.GET.get("status", "")
    if status in Article.Status.values:
        articles = articles.filter(status=status)
    articles = list(articles.order_by("-created")[:LIST_LIMIT])
    progress = queueing.batch_progress(batch) if batch else None
    unfinished = any(not a.is_finished for a in articles)
    context = {
        "nav": "articles",
        "articles": articles,
        "status": status,
        "statuses": Article.Status.choices,
        "batch": batch,
        "progress": progress,
        "polling": unfinished,
        "counts": scope.aggregate(
            total=Count("pk"),
            failed=Count("pk", filter=Q(status=Article.Status.FAILED)),
        ),
        "list_limit": LIST_LIMIT,
    }
    if request.htmx:
        response = TemplateResponse(request, "articles/list.html#article-rows", context)
        if not unfinished:
            response.status_code = HttpResponseStopPolling.status_code
        return response
    return TemplateResponse(request, "articles/list.html", context)


@reader_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet", "story"), pk=pk)
    context = article_page_context(article, speaker=request.GET.get("speaker", ""))
    context["nav"] = "articles"
    if can_curate(request.user):
        context["metadata_form"] = MetadataForm(instance=article)
        context["can_edit"] = True
    return TemplateResponse(request, "articles/detail.html", context)


@reader_required
def article_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status badge, polled by htmx; stops polling (and reloads the page) once finished."""
    article = get_object_or_404(
        Article.objects.only("pk", "status", "error", "duplicate_of"), pk=pk
    )
    context = {"article": article, "can_edit": can_curate(request.user)}
    response = TemplateResponse(request, "articles/detail.html#article-status", context)
    if article.is_finished:
        response.status_code = HttpResponseStopPolling.status_code
        if request.GET.get("reload"):
            response["HX-Refresh"] = "true"
    return response


@login_required
def article_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcomes = queueing.create_articles(_uploads_from(form), user=request.user)
        except IngestRefused as exc:
            form.add_error(None, str(exc))
        else:
            return _after_upload(request, outcomes)
    return upload_page(request, form=form, status=400 if request.method == "POST" else 200)


def upload_page(
    request: HttpRequest, *, form: UploadForm | None = None, error: str = "", status: int = 200
) -> HttpResponse:
    """The upload page, with the form as given (or empty) and an error above it if any."""
    context = {
        "form": form or UploadForm(),
        "page_error": error,
        "nav": "upload",
        "max_upload_mb": f"{settings.PARALLAX_MAX_UPLOAD_BYTES / 1024 / 1024:g} MB",
    }
    return TemplateResponse(request, "articles/upload.html", context, status=status)


_ONE_ARTICLE_FIELDS = ("title", "url")  # typed for one article, never for a batch of files


def _uploads_from(form: UploadForm) -> list[Upload]:
    """What the form gave, as uploads carrying the metadata the person typed (which wins over
    what cleaning reads off each document)."""
    data = form.cleaned_data
    metadata = {name: data[name] for name in ("title", "outlet", "author", "url", "published")}
    if data["files"]:
        uploads = _file_uploads(data["files"])
        if len(uploads) > 1 and any(metadata[name] for name in _ONE_ARTICLE_FIELDS):
            raise IngestRefused(
                "A typed title or article URL belongs to one article, and you chose "
                f"{len(uploads)} files: choose one file, or leave the title and URL empty and "
                "each file keeps its own. Nothing was stored."
            )
    elif data["fetch_url"]:
        uploads = [upload_from_url(data["fetch_url"])]
    else:
        return [upload_from_text(data["text"], **metadata)]
    for upload in uploads:
        for name, value in metadata.items():
            if value:
                setattr(upload, name, value)
    return uploads


def _file_uploads(files) -> list[Upload]:
    uploads = []
    errors = []
    for upload in files:
        if upload.size > settings.PARALLAX_MAX_UPLOAD_BYTES:
            errors.append(f"{upload.name}: the file is larger than the upload limit.")
            continue
        try:
            uploads.append(upload_from_bytes(upload.name, upload.read()))
        except IngestRefused as exc:
            errors.append(str(exc))
    if errors:
        raise IngestRefused(" ".join(errors) + " Nothing was stored.")
    return uploads


def _after_upload(request: HttpRequest, outcomes: list[queueing.Outcome]) -> HttpResponse:
    created = [o for o in outcomes if o.created]
    duplicates = [o for o in outcomes if o.duplicate]
    for outcome in duplicates:
        name = outcome.source_name or "pasted text"
        if name == "pasted text":  # what ingest calls a paste: starts a sentence here
            name = "This text"
        messages.info(
            request,
            f"{name} is already here as “{outcome.article.display_title}”: nothing new was stored.",
        )
    for outcome in outcomes:
        if outcome.encoding and outcome.encoding not in ("UTF-8", "UTF-16"):
            messages.info(
                request,
                f"{outcome.source_name} was not UTF-8; it was read as {outcome.encoding}.",
            )
    if len(outcomes) == 1:
        article = outcomes[0].article
        if created:
            messages.success(request, "Uploaded. Cleaning and extraction run in the background.")
        return redirect(article)
    if created:  # the list's progress card says how many were uploaded, live
        return redirect(f"{reverse('article_list')}?batch={created[0].article.batch}")
    return redirect("article_list")


@editor_required
@require_POST
def article_retry(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    if queueing.requeue(article):
        messages.success(request, "Queued again.")
    else:
        messages.info(request, "This article is already being processed.")
    if request.htmx:
        return HttpResponseClientRedirect(article.get_absolute_url())
    return redirect(article)


@editor_required
@require_POST
def article_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an article whose ingest failed (a duplicate, an empty page, an unreadable file).
    Only such an article: nothing was extracted from it, and none of its spans is annotated."""
    article = get_object_or_404(Article, pk=pk)
    if article.status != Article.Status.FAILED or article.annotation_targets.exists():
        messages.error(
            request,
            "Only an article whose processing failed, with no annotations, can be removed.",
        )
        return redirect(article)
    target = article.duplicate_of or None
    name = article.display_title
    article.delete()
    messages.success(request, f"Removed “{name}”.")
    return redirect(target) if target else redirect("article_list")


@editor_required
@require_POST
def article_metadata(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    old_published = article.published
    form = MetadataForm(request.POST, instance=article)
    if not form.is_valid():
        # The form wrote the rejected values onto `article`; the page shows the stored ones.
        article.refresh_from_db()
        context = article_page_context(article, speaker="")
        context.update({"metadata_form": form, "can_edit": True, "nav": "articles"})
        return TemplateResponse(request, "articles/detail.html", context, status=400)
    with transaction.atomic():
        article = form.save(commit=False)
        article.outlet = outlet_for(
            form.cleaned_data["outlet_name"], cleaning.domain_of(article.url)
        )
        article.metadata_edited = True
        article.save()
    if article.published != old_published and article.status == Article.Status.DONE:
        # Event dates are resolved against the publication date: extract again.
        queueing.requeue(article)
        messages.success(request, "Saved. Events are being dated again from the new date.")
    else:
        messages.success(request, "Saved.")
    return redirect(article)
