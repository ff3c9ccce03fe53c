"""Speaker pages: one person's quotes across outlets, and merging or splitting speakers."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from coverage_app import speaker_edits
from coverage_app.access import can_curate, editor_required, reader_required
from coverage_app.ingest import tasks
from coverage_app.models import Article, Quote, Speaker
from coverage_app.stories import quote_matrix, stored_links
from coverage_app.text.stories.trails import FLAG_LABELS, remark_trail
from coverage_app.views.stories import article_url


@reader_required
def speaker_list(request: HttpRequest) -> HttpResponse:
    speakers = Speaker.objects.annotate(
        quote_count=Count("quotes"), article_count=Count("quotes__article", distinct=True)
    ).order_by("-quote_count", "name")
    page = Paginator(speakers, 100).get_page(request.GET.get("page"))
    return TemplateResponse(request, "speakers/list.html", {"page": page, "nav": "speakers"})


def _speaker_context(request: HttpRequest, speaker: Speaker) -> dict:
    quotes = list(
        Quote.objects.filter(speaker=speaker).select_related("speaker").order_by("article", "start")
    )
    article_ids = {q.article_id for q in quotes}
    articles = list(
        Article.objects.filter(pk__in=article_ids)
        .select_related("outlet", "story")
        .order_by("published", "pk")
    )
    by_id = {a.pk: a for a in articles}
    stored = stored_links(articles)  # the stored alignments only: never computed here
    if stored.missing:
        tasks.request_comparisons(stored.missing)
    rows = []
    for row in quote_matrix(articles, quotes, stored):
        # The remark's trail: fullest first, each with its word diff and flags against it.
        trail = remark_trail([cell for cell in row["cells"] if cell])
        versions = [
            {
                "article": by_id[entry["article_id"]],
                "quote": entry,
                "url": article_url(entry["article_id"]),
                "flags": [FLAG_LABELS[f] for f in entry["flags"]],
            }
            for entry in trail
        ]
        rows.append({"versions": versions, "count": len(versions)})
    spellings = (
        Quote.objects.filter(speaker=speaker)
        .values("speaker_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker_name")
    )
    context = {
        "speaker": speaker,
        "rows": rows,
        "outlet_count": len({a.outlet_id for a in articles}),
        "quote_count": len(quotes),
        "aligning": len(stored.missing),
        "spellings": [s for s in spellings if s["speaker_name"]],
        "nav": "speakers",
        "can_edit": can_curate(request.user),
    }
    if context["can_edit"]:
        context["merge_candidates"] = (
            Speaker.objects.exclude(pk=speaker.pk)
            .annotate(quote_count=Count("quotes"))
            .order_by("name")[:500]
        )
    return context


@reader_required
def speaker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    speaker = get_object_or_404(Speaker, pk=pk)
    return TemplateResponse(request, "speakers/detail.html", _speaker_context(request, speaker))


@editor_required
@require_POST
def speaker_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge another speaker into this one (its quotes move here, its names become aliases)."""
    speaker = get_object_or_404(Speaker, pk=pk)
    other_id = request.POST.get("other", "")
    other = Speaker.objects.filter(pk=other_id if other_id.isdigit() else 0).first()
    if other is None or other.pk == speaker.pk:
        messages.error(request, "Choose another speaker to merge into this one.")
        context = _speaker_context(request, speaker)
        return TemplateResponse(request, "speakers/detail.html", context, status=400)
    name = other.name
    speaker_edits.merge_speakers(speaker, other)
    messages.success(request, f"Merged “{name}” into {speaker.name}.")
    return redirect(speaker)


@editor_required
@require_POST
def speaker_split(request: HttpRequest, pk: int) -> HttpResponse:
    """Split the quotes named with the chosen spellings off into a new speaker."""
    speaker = get_object_or_404(Speaker, pk=pk)
    try:
        new_speaker = speaker_edits.split_speaker(speaker, request.POST.getlist("name"))
    except ValueError as exc:
        messages.error(request, str(exc))
        context = _speaker_context(request, speaker)
        return TemplateResponse(request, "speakers/detail.html", context, status=400)
    messages.success(request, f"Split “{new_speaker.name}” off into a speaker of its own.")
    return redirect(new_speaker)
