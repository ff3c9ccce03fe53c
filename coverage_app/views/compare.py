"""The compare page: two articles' quotes and events aligned side by side, filtered by GET
parameters (shareable URLs, no JavaScript needed; htmx swaps only the results partial)."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from coverage_app import comparisons
from coverage_app.access import reader_required
from coverage_app.models import Article, Event, Quote
from coverage_app.text.align import name_key


class CompareFilterForm(forms.Form):
    min = forms.IntegerField(required=False, min_value=0, max_value=100, label="Threshold")
    speaker = forms.CharField(required=False, max_length=300)
    kind = forms.ChoiceField(required=False, choices=comparisons.KIND_CHOICES)
    conflicts = forms.BooleanField(required=False, label="Conflicts only")


def _filters(form: CompareFilterForm) -> comparisons.Filters:
    data = form.cleaned_data if form.is_valid() else {}
    threshold = data.get("min")
    return comparisons.Filters(
        threshold=comparisons.min_score() if threshold is None else threshold,
        speaker=name_key(data.get("speaker") or ""),
        kind=data.get("kind") or "",
        conflicts=bool(data.get("conflicts")),
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
    pair = Article.objects.select_related("outlet").in_bulk([a, b])
    if len(pair) != 2:
        raise Http404("There is no such article.")
    article_a, article_b = pair[a], pair[b]
    form = CompareFilterForm(request.GET)
    filters = _filters(form)
    context = {
        "article_a": article_a,
        "article_b": article_b,
        "form": form,
        "filters": filters,
        "floor": comparisons.store_floor(),
        "ready": article_a.status == Article.Status.DONE
        and article_b.status == Article.Status.DONE,
    }
    if context["ready"]:
        quotes = list(
            Quote.objects.filter(article__in=[a, b]).select_related("speaker").order_by("start")
        )
        events = list(Event.objects.filter(article__in=[a, b]).order_by("start"))
        comparison = comparisons.stored_comparison(article_a, article_b, quotes, events)
        quote_sides = {q.pk: comparisons.quote_side(q) for q in quotes}
        event_sides = {e.pk: comparisons.event_side(e) for e in events}
        rows, only_a, only_b = comparisons.page_rows(
            comparison.result, quote_sides, event_sides, filters
        )
        lines, ticks = comparisons.ribbons(
            rows, only_a, only_b, len(article_a.body), len(article_b.body)
        )
        spans_a = [s for s in [*quote_sides.values(), *event_sides.values()] if s.article_id == a]
        spans_b = [s for s in [*quote_sides.values(), *event_sides.values()] if s.article_id == b]
        speakers = sorted({s.label for s in quote_sides.values() if s.label})
        context |= {
            "comparison": comparison,
            "rows": rows,
            "only_a": only_a,
            "only_b": only_b,
            "only_sides": [("a", article_a.outlet, only_a), ("b", article_b.outlet, only_b)],
            "ribbons": lines,
            "ticks": ticks,
            "speakers": [(name_key(s), s) for s in speakers],
            "body_a": comparisons.marked_body(article_a.body, spans_a, side="a"),
            "body_b": comparisons.marked_body(article_b.body, spans_b, side="b"),
        }
    status = 200 if form.is_valid() else 400
    template = "compare/compare.html#results" if request.htmx else "compare/compare.html"
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
