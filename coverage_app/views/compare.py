"""The compare page: two articles' quotes and events aligned side by side, filtered by GET
parameters (shareable URLs, no JavaScript needed; htmx swaps only the results partial)."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from coverage_app import comparisons, corpus, provenance
from coverage_app.access import reader_required
from coverage_app.ingest import tasks
from coverage_app.models import Article
from coverage_app.pages import claims_page, compare_page
from coverage_app.pages.sides import Filters
from coverage_app.text.people.name_match import name_key


class CompareFilterForm(forms.Form):
    min = forms.IntegerField(required=False, min_value=0, max_value=100, label="Threshold")
    speaker = forms.CharField(required=False, max_length=300)
    kind = forms.ChoiceField(required=False, choices=compare_page.KIND_CHOICES)
    conflicts = forms.BooleanField(required=False, label="Conflicts only")
    wording = forms.ChoiceField(required=False, choices=claims_page.SOURCE_CHOICES)
    claims_min = forms.IntegerField(
        required=False, min_value=0, max_value=100, label="Claims threshold"
    )


def _filters(form: CompareFilterForm) -> Filters:
    data = form.cleaned_data if form.is_valid() else {}
    threshold = data.get("min")
    claims_threshold = data.get("claims_min")
    return Filters(
        threshold=comparisons.min_score() if threshold is None else threshold,
        speaker=name_key(data.get("speaker") or ""),
        kind=data.get("kind") or "",
        conflicts=bool(data.get("conflicts")),
        wording=data.get("wording") or "",
        claims_threshold=(
            comparisons.claims_min_score() if claims_threshold is None else claims_threshold
        ),
    )


@reader_required
def compare(request: HttpRequest, a: int, b: int) -> HttpResponse:
    if a == b:
        return TemplateResponse(
            request,
            "compare/error.html",
            {"message": "Choose two different articles to compare."},
            status=400,
        )
    if a > b:
        url = reverse("compare", args=[b, a])
        query = request.META.get("QUERY_STRING")
        return redirect(f"{url}?{query}" if query else url)
    form = CompareFilterForm(request.GET)
    # Only what the head and the cache keys need: the bodies are read when a part is rendered.
    pair = provenance.with_families(  # whether the two are one report retold
        Article.objects.with_opening()
        .select_related("outlet")
        .only(*compare_page.ARTICLE_FIELDS)
        .annotate(prior_epoch=corpus.epoch_subquery())  # part of the cache key
    ).in_bulk([a, b])
    if len(pair) != 2:
        raise Http404("There is no such article.")
    article_a, article_b = pair[a], pair[b]
    filters = _filters(form)
    extracted = article_a.status == Article.Status.DONE and article_b.status == Article.Status.DONE
    page = compare_page.ComparePage(article_a, article_b, filters)
    ready = extracted and page.aligned
    if extracted and not ready:
        tasks.request_comparisons([(article_a, article_b)])  # the worker aligns; the page waits
    context = {
        "article_a": article_a,
        "article_b": article_b,
        "form": form,
        "filters": filters,
        "floor": comparisons.store_floor(),
        "claims_floor": comparisons.claims_floor(),
        "claims_default": comparisons.claims_min_score(),
        "ready": ready,
        "extracted": extracted,
        # When the two are one report retold: a banner, and "added by" / "dropped by" lists.
        "family": provenance.pair(article_a, article_b),
        # Read lazily: the template's cached fragments ask it only for what is not cached.
        "page": page,
    }
    status = 200 if form.is_valid() else 400
    template = "compare/compare.html#results" if request.htmx and ready else "compare/compare.html"
    return TemplateResponse(request, template, context, status=status)


@reader_required
def compare_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """Articles most likely to cover the same event as this one, to compare it with."""
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    candidates = comparisons.candidates_for(article)
    template = (
        "compare/candidates.html#candidate-list" if request.htmx else "compare/candidates.html"
    )
    return TemplateResponse(request, template, {"article": article, "candidates": candidates})
