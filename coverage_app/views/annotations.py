"""Annotation pages: the list (all, or one article's, or one comparison's), the small form that
opens in place on the compare page, edits, deletes and exports.

Reading follows reader_required. Every write is checked here and again in
coverage_app.annotations: anonymous people get 403, someone else's annotation 403, a stale edit
409, bad input 400, an unknown article or annotation 404; nothing is stored on any of them.
"""

import json

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from coverage_app import annotations as service
from coverage_app.access import reader_required
from coverage_app.models import Annotation, Article, Comparison, Event, Quote

PER_PAGE = 50
LABEL_GUIDE = [(value, name, service.LABEL_HELP[value]) for value, name in Annotation.Label.choices]
EXPORT_TYPES = {"jsonld": "application/ld+json", "csv": "text/csv; charset=utf-8"}


# --- Helpers ---------------------------------------------------------------------------------


def _filters(request: HttpRequest) -> dict:
    """The list filters from the query string, keeping only values that mean something."""
    get = request.GET
    label = get.get("label", "")
    status = get.get("status", "")
    article = get.get("article", "")
    return {
        "label": label if label in Annotation.Label.values else "",
        "status": status if status in Annotation.State.values else "",
        "author": get.get("author", "")[:150],
        "article": int(article) if article.isdigit() else None,
        "orphaned": get.get("orphaned") == "1",
    }


def _comparison(a: int, b: int) -> Comparison:
    """The stored comparison of two articles; an unsaved one if the compare page has not stored
    it yet (creating it here would look like an alignment already computed)."""
    low, high = sorted((a, b))
    if low == high:
        raise Http404("Compare two different articles.")
    if Article.objects.filter(pk__in=[low, high]).count() != 2:
        raise Http404("No such article.")
    found = Comparison.objects.filter(article_a_id=low, article_b_id=high).first()
    return found or Comparison(article_a_id=low, article_b_id=high, result={})


def _comparison_by_id(raw) -> Comparison | None:
    if raw in (None, ""):
        return None
    try:
        return Comparison.objects.get(pk=int(raw))
    except (Comparison.DoesNotExist, ValueError):
        raise service.NotFound(f"There is no comparison {raw!r}.") from None


def _list_context(
    request: HttpRequest, *, comparison: Comparison | None = None, author: str = ""
) -> dict:
    filters = _filters(request)
    if author:  # one person's page: their annotations whatever the query string says
        filters["author"] = author
    base = service.filter_annotations(Annotation.objects.all(), comparison=comparison, **filters)
    page = Paginator(service.with_targets(base).order_by("-created"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    user = request.user
    items = list(page.object_list)
    authors = (
        get_user_model()
        .objects.filter(annotations__isnull=False)
        .distinct()
        .order_by("username")
        .values_list("username", flat=True)
    )
    query = request.GET.copy()
    query.pop("page", None)
    if author:  # the export links export this person's
        query["author"] = author
    return {
        "nav": "annotations",
        "page": page,
        "items": [_item(a, user, comparison=comparison) for a in items],
        "label_guide": LABEL_GUIDE,
        "filters": filters,
        "labels": Annotation.Label.choices,
        "states": Annotation.State.choices,
        "authors": list(authors),
        "comparison": comparison,
        "compare_url": (
            service.comparison_path(comparison.article_a_id, comparison.article_b_id)
            if comparison
            else ""
        ),
        "query": query.urlencode(),
        "can_write": user.is_authenticated,
    }


def _item(annotation: Annotation, user, *, comparison: Comparison | None = None) -> dict:
    """What one annotation card shows; whether its Edit/Delete appear is decided here."""
    targets = list(annotation.targets.all())
    if comparison is not None:
        sides = ["a" if t.article_id == comparison.article_a_id else "b" for t in targets]
    elif len({t.article_id for t in targets}) == 2:
        sides = ["a" if t.article_id == targets[0].article_id else "b" for t in targets]
    else:
        sides = [""] * len(targets)
    return {
        "annotation": annotation,
        "targets": list(zip(targets, sides, strict=True)),
        "editable": service.can_edit(user, annotation),
        "marks": _marks(annotation),
    }


def _marks(annotation: Annotation) -> str:
    """The spans this annotation marks on the texts, for annotate.js (JSON in an attribute)."""
    return json.dumps(
        [
            {
                "article": t.article_id,
                "start": t.start,
                "end": t.end,
                "exact": t.exact,
                "orphaned": t.orphaned,
            }
            for t in annotation.targets.all()
        ]
    )


def _error(request: HttpRequest, exc: service.AnnotationError, template: str, context: dict):
    context = {**context, "error": exc.message}
    return TemplateResponse(request, template, context, status=exc.status)


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _selections_from(data) -> list[service.Selection]:
    """Spans sent by the form: parallel lists target_article, target_exact, target_start..."""
    articles = data.getlist("target_article")
    exacts = data.getlist("target_exact")
    starts = data.getlist("target_start")
    prefixes = data.getlist("target_prefix")
    suffixes = data.getlist("target_suffix")
    if not (len(articles) == len(exacts) == len(starts)):
        raise service.InvalidAnnotation("The selection is incomplete; select the text again.")

    def at(values, i):
        return values[i] if i < len(values) else ""

    selections = []
    for i, article in enumerate(articles):
        start = starts[i]
        selections.append(
            service.Selection(
                article_id=article,
                exact=exacts[i],
                start=int(start) if start.isdigit() else None,
                prefix=at(prefixes, i),
                suffix=at(suffixes, i),
            )
        )
    return selections


def _span_targets(spans: list[str], allowed: set[int] | None) -> list[dict]:
    """Passages named as "article:start:end" (a claim, or the uses of a wording contrast)."""
    wanted = []
    for span in spans:
        parts = span.split(":")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            raise service.InvalidAnnotation("That passage is not described as article:start:end.")
        wanted.append(tuple(int(p) for p in parts))
    if not wanted:
        return []
    articles = Article.objects.select_related("outlet").in_bulk({a for a, _, _ in wanted})
    targets = []
    for article_id, start, end in wanted:
        article = articles.get(article_id)
        if article is None:
            raise service.NotFound(f"There is no article {article_id}.")
        if allowed is not None and article_id not in allowed:
            raise service.InvalidAnnotation("That passage is not in this comparison.")
        if not start < end <= len(article.body):
            raise service.InvalidAnnotation("That passage is not in the article's text.")
        body = article.body
        targets.append(
            {
                "article": article,
                "exact": body[start:end],
                "start": start,
                "prefix": body[max(0, start - 32) : start],
                "suffix": body[end : end + 32],
            }
        )
    return targets


def _draft_targets(request: HttpRequest, comparison: Comparison | None) -> list[dict]:
    """What the new-annotation form will point at: quotes/events picked on the compare page
    (ways 1 and 2) or the text a person selected (way 3)."""
    targets = []
    allowed = None
    if comparison is not None:
        allowed = {comparison.article_a_id, comparison.article_b_id}
    quote_ids = [q for q in request.GET.getlist("quote") if q.isdigit()]
    event_ids = [e for e in request.GET.getlist("event") if e.isdigit()]
    spans = list(Quote.objects.filter(pk__in=quote_ids).select_related("article__outlet"))
    spans += list(Event.objects.filter(pk__in=event_ids).select_related("article__outlet"))
    if len(spans) != len(quote_ids) + len(event_ids):
        raise service.NotFound("One of those quotes or events does not exist.")
    for span in sorted(spans, key=lambda s: s.article_id):
        if allowed is not None and span.article_id not in allowed:
            raise service.InvalidAnnotation("That passage is not in this comparison.")
        body = span.article.body
        targets.append(
            {
                "article": span.article,
                "exact": body[span.start : span.end],
                "start": span.start,
                "prefix": body[max(0, span.start - 32) : span.start],
                "suffix": body[span.end : span.end + 32],
            }
        )
    targets += _span_targets(request.GET.getlist("span"), allowed)
    for selection in _selections_from(request.GET):
        try:
            article = Article.objects.select_related("outlet").get(pk=int(selection.article_id))
        except (Article.DoesNotExist, ValueError):
            raise service.NotFound(f"There is no article {selection.article_id!r}.") from None
        targets.append(
            {
                "article": article,
                "exact": selection.exact,
                "start": selection.start,
                "prefix": selection.prefix,
                "suffix": selection.suffix,
            }
        )
    return targets


# --- Pages -----------------------------------------------------------------------------------


@reader_required
@require_GET
def annotation_list(request: HttpRequest) -> HttpResponse:
    context = _list_context(request)
    article_id = context["filters"]["article"]
    context["article"] = (
        Article.objects.select_related("outlet").filter(pk=article_id).first()
        if article_id
        else None
    )
    template = "annotations/list.html"
    if request.htmx:
        template += "#annotation-list"
    return TemplateResponse(request, template, context)


@reader_required
@require_GET
def person_detail(request: HttpRequest, username: str) -> HttpResponse:
    """One person's annotations: the page an export's `creator.id` names."""
    person = get_object_or_404(get_user_model(), username=username)
    context = _list_context(request, author=person.get_username())
    context["person"] = person
    template = "annotations/list.html"
    if request.htmx:
        template += "#annotation-list"
    return TemplateResponse(request, template, context)


@reader_required
@require_GET
def comparison_annotations(request: HttpRequest, a: int, b: int) -> HttpResponse:
    """One comparison's annotations: the panel beside the compare page (htmx) or a full page."""
    comparison = _comparison(a, b)
    service.reanchor_stale([comparison.article_a_id, comparison.article_b_id])
    if not request.htmx:  # the page: both texts with their marks, and the panel beside them
        pair = Article.objects.select_related("outlet").in_bulk(
            [comparison.article_a_id, comparison.article_b_id]
        )
        context = {
            "nav": "annotations",
            "comparison": comparison,
            "article_a": pair[comparison.article_a_id],
            "article_b": pair[comparison.article_b_id],
            "articles": [pair[comparison.article_a_id], pair[comparison.article_b_id]],
            "compare_url": service.comparison_path(
                comparison.article_a_id, comparison.article_b_id
            ),
        }
        return TemplateResponse(request, "annotations/comparison.html", context)
    context = _list_context(request, comparison=comparison)
    return TemplateResponse(request, "annotations/list.html#annotation-panel", context)


@reader_required
@require_GET
def annotation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = get_object_or_404(service.with_targets(Annotation.objects.all()), pk=pk)
    return _card(request, annotation)


def _card(request: HttpRequest, annotation: Annotation) -> HttpResponse:
    """One annotation: its own page, or just its card for htmx."""
    template = "annotations/detail.html"
    if request.htmx:
        template += "#annotation-item"
    context = {"nav": "annotations", "item": _item(annotation, request.user)}
    return TemplateResponse(request, template, context)


def _suggested(query) -> dict:
    """A label and a note the page suggests for a new annotation (a wording contrast says which
    terms it is about, so an export shows more than the two words): the person can change both."""
    values = {}
    if query.get("label") in Annotation.Label.values:
        values["label"] = query["label"]
    if query.get("note"):
        values["note"] = query["note"][: service.NOTE_MAX_LENGTH]
    return values


def annotation_new(request: HttpRequest) -> HttpResponse:
    """GET: the small form, for the passages named in the query. POST: store it."""
    template = "annotations/form.html" + ("#annotation-form" if request.htmx else "")
    context = {
        "labels": Annotation.Label.choices,
        "states": Annotation.State.choices,
        "note_max": service.NOTE_MAX_LENGTH,
        "label_guide": LABEL_GUIDE,
        "next": _next_url(request, ""),
        "values": {"label": "", "note": "", "status": Annotation.State.OPEN},
    }
    if not request.user.is_authenticated:
        exc = service.NotAllowed("Log in to write annotations.")
        return _error(request, exc, template, {**context, "targets": []})
    data = request.POST if request.method == "POST" else request.GET
    try:
        comparison = _comparison_by_id(data.get("comparison"))
        context["comparison"] = comparison
        if request.method != "POST":
            context["targets"] = _draft_targets(request, comparison)
            if not context["targets"]:
                raise service.InvalidAnnotation(
                    "The selection is empty: select some text, or pick a quote, first."
                )
            context["values"] |= _suggested(request.GET)
            return TemplateResponse(request, template, context)
        context["values"] = {
            "label": data.get("label", ""),
            "note": data.get("note", ""),
            "status": data.get("status", Annotation.State.OPEN),
        }
        context["targets"] = [
            {
                "article_id": s.article_id,
                "exact": s.exact,
                "start": s.start,
                "prefix": s.prefix,
                "suffix": s.suffix,
            }
            for s in _selections_from(data)
        ]
        annotation = service.annotation_create(
            author=request.user,
            label=data.get("label", ""),
            note=data.get("note", ""),
            status=data.get("status", Annotation.State.OPEN),
            selections=_selections_from(data),
            comparison=comparison,
        )
    except service.AnnotationError as exc:
        context.setdefault("targets", [])
        return _error(request, exc, template, context)
    if request.htmx:
        context = {"saved": annotation}
        response = TemplateResponse(request, "annotations/form.html#annotation-saved", context)
        response["HX-Trigger"] = "annotationsChanged"
        return response
    return redirect(_next_url(request, reverse("annotation_detail", args=[annotation.pk])))


def annotation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = "annotations/edit.html" + ("#annotation-edit" if request.htmx else "")
    context = {
        "labels": Annotation.Label.choices,
        "states": Annotation.State.choices,
        "note_max": service.NOTE_MAX_LENGTH,
        "nav": "annotations",
        "label_guide": LABEL_GUIDE,
    }
    try:
        annotation = service.editable_annotation(request.user, pk)
        context["annotation"] = annotation
        if request.method != "POST":
            context["values"] = {
                "label": annotation.label,
                "note": annotation.note,
                "status": annotation.status,
                "version": annotation.version,
            }
            return TemplateResponse(request, template, context)
        data = request.POST
        context["values"] = {
            "label": data.get("label", ""),
            "note": data.get("note", ""),
            "status": data.get("status", ""),
            "version": data.get("version", ""),
        }
        annotation = service.annotation_update(
            user=request.user,
            annotation_id=pk,
            version=data.get("version"),
            label=data.get("label", ""),
            note=data.get("note", ""),
            status=data.get("status", ""),
        )
    except service.AnnotationError as exc:
        context.setdefault("annotation", Annotation(pk=pk))
        context.setdefault("values", {})
        if isinstance(exc, service.EditConflict):
            context["current"] = Annotation.objects.filter(pk=pk).first()
        return _error(request, exc, template, context)
    if request.htmx:
        annotation = service.with_targets(Annotation.objects.all()).get(pk=annotation.pk)
        response = _card(request, annotation)
        response["HX-Trigger"] = "annotationsChanged"
        return response
    return redirect(_next_url(request, reverse("annotation_detail", args=[annotation.pk])))


@require_POST
def annotation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        service.annotation_delete(
            user=request.user, annotation_id=pk, version=request.POST.get("version")
        )
    except service.AnnotationError as exc:
        if request.htmx:
            return HttpResponse(exc.message, status=exc.status, content_type="text/plain")
        return TemplateResponse(
            request,
            "annotations/detail.html",
            {"error": exc.message, "nav": "annotations", "item": None},
            status=exc.status,
        )
    if request.htmx:
        response = HttpResponse("")
        # annotationDeleted: the annotations list draws itself again, so its count follows.
        response["HX-Trigger"] = "annotationsChanged, annotationDeleted"
        return response
    return redirect(_next_url(request, reverse("annotation_list")))


# --- Exports ---------------------------------------------------------------------------------


def _base_url(request: HttpRequest) -> str:
    return service.site_url(request.build_absolute_uri("/"))


@reader_required
@require_GET
def annotation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """All annotations (or the filtered ones) as W3C JSON-LD or CSV."""
    if fmt not in EXPORT_TYPES:
        raise Http404("Unknown export format.")
    comparison = None
    if request.GET.get("comparison", "").isdigit():
        comparison = get_object_or_404(Comparison, pk=int(request.GET["comparison"]))
    elif request.GET.get("a", "").isdigit() and request.GET.get("b", "").isdigit():
        comparison = _comparison(int(request.GET["a"]), int(request.GET["b"]))
    filtered = service.filter_annotations(
        Annotation.objects.all(), comparison=comparison, **_filters(request)
    )
    annotations = service.with_targets(filtered).order_by("created")
    if fmt == "jsonld":
        body = json.dumps(
            service.to_jsonld(annotations, base_url=_base_url(request)),
            indent=2,
            ensure_ascii=False,
        )
    else:
        body = service.to_csv(annotations, base_url=_base_url(request))
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    extension = "jsonld" if fmt == "jsonld" else "csv"
    response["Content-Disposition"] = f'attachment; filename="parallax-annotations.{extension}"'
    return response


@reader_required
@require_GET
def comparison_export(request: HttpRequest, a: int, b: int) -> JsonResponse:
    """A whole comparison as JSON: both articles, the alignment and the annotations."""
    comparison = _comparison(a, b)
    data = service.comparison_json(comparison, base_url=_base_url(request))
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    name = f"parallax-comparison-{comparison.article_a_id}-{comparison.article_b_id}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
