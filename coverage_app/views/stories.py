"""Story pages: the list, one story with its quote matrix, and the grouping edits."""

from django.contrib import messages
from django.db.models import Count, Max, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from coverage_app import provenance, stories
from coverage_app.access import can_curate, editor_required, reader_required
from coverage_app.ingest import tasks
from coverage_app.models import Article, Quote, Story


def compare_url(a: int, b: int) -> str:
    a, b = sorted((a, b))
    try:
        return reverse("compare", args=[a, b])
    except NoReverseMatch:
        return f"/compare/{a}/{b}/"


def article_url(article_id: int) -> str:
    try:
        return reverse("article_detail", args=[article_id])
    except NoReverseMatch:
        return f"/articles/{article_id}/"


@reader_required
def story_list(request: HttpRequest) -> HttpResponse:
    story_rows = (
        Story.objects.annotate(
            article_count=Count("articles", distinct=True),
            outlet_count=Count("articles__outlet", distinct=True),
            first=Min("articles__published"),
            last=Max("articles__published"),
        )
        .filter(article_count__gt=0)
        .order_by("-outlet_count", "-last", "-pk")
    )
    context = {
        "stories": story_rows,
        "nav": "stories",
        "can_regroup": can_curate(request.user),
    }
    return TemplateResponse(request, "stories/list.html", context)


@editor_required
@require_POST
def story_regroup(request: HttpRequest) -> HttpResponse:
    """Cluster every unpinned article again (undoes early wrong merges)."""
    try:
        report = stories.regroup_stories()
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("story_list")
    messages.success(
        request,
        f"Regrouped {report.articles} articles: {report.moved} moved, "
        f"{report.created} new stories, {report.deleted} emptied stories removed. "
        "Articles a person placed did not move.",
    )
    return redirect("story_list")


def _story_context(request: HttpRequest, story: Story) -> dict:
    articles = stories.story_articles(story)
    quotes = Quote.objects.filter(article__story=story).select_related("speaker")
    stored = stories.stored_links(articles)  # the stored alignments only: never computed here
    if stored.missing:
        tasks.request_comparisons(stored.missing, story=story)
    matrix = stories.quote_matrix(articles, quotes, stored)
    columns = [{"article": a, "url": article_url(a.pk)} for a in articles]
    for row in matrix:
        # Where the row's remark trail is on its speaker's page.
        row["trail_key"] = next((cell["key"] for cell in row["cells"] if cell), None)
        # Each cell with its column: a phone shows a row as a card naming each outlet.
        row["columns"] = list(zip(columns, row["cells"], strict=True))
    pairs = [
        {"a": a, "b": b, "url": compare_url(a.pk, b.pk)}
        for i, a in enumerate(articles)
        for b in articles[i + 1 :]
    ]
    context = {
        "story": story,
        "columns": columns,
        # The matrix's width class (app.css has matrix-cols-1 to -12; wider ones scroll as 12).
        "matrix_columns": max(1, min(len(columns), 12)),
        "matrix": matrix,
        "aligning": len(stored.missing),
        "wording": stories.story_wording(story, articles),
        "provenance": _provenance_section(story, articles),
        # Every pair as a link while that stays short; beyond, the ticked columns do it.
        "pairs": pairs if len(pairs) <= 6 else [],
        "nav": "stories",
        "can_edit": can_curate(request.user),
    }
    if context["can_edit"]:
        context["other_stories"] = (
            Story.objects.exclude(pk=story.pk)
            .annotate(article_count=Count("articles"))
            .filter(article_count__gt=0)
            .order_by("-updated")[:50]
        )
    return context


def _provenance_section(story: Story, articles: list) -> dict:
    """The stored "Where the text comes from"; when stale, the worker is asked to redo it."""
    found = provenance.section(story, articles)
    if not found["ready"]:
        tasks.request_provenance_refresh(story, articles)
    for member in [m for f in found["families"] for m in f["members"]] + found["independents"]:
        if member.get("original_id"):
            member["url"] = compare_url(member["original_id"], member["article"].pk)
        else:
            member["url"] = article_url(member["article"].pk)
    return found


@reader_required
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    return TemplateResponse(request, "stories/detail.html", _story_context(request, story))


@reader_required
def story_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two ticked columns of the matrix open the two-article compare view."""
    story = get_object_or_404(Story, pk=pk)
    chosen = set(request.GET.getlist("article"))
    ids = set(story.articles.values_list("pk", flat=True))
    try:
        picked = sorted({int(x) for x in chosen})
    except ValueError:
        picked = []
    if len(picked) != 2 or not set(picked) <= ids:
        context = _story_context(request, story)
        context["compare_error"] = "Tick exactly two outlets of this story to compare them."
        context["ticked"] = picked  # kept ticked, to add or drop one
        return TemplateResponse(request, "stories/detail.html", context, status=400)
    return redirect(compare_url(*picked))


@editor_required
@require_POST
def story_merge(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    other = Story.objects.filter(pk=request.POST.get("other") or 0).exclude(pk=pk).first()
    if other is None:
        messages.error(request, "Choose another story to merge into this one.")
        return _back(story, 400, request)
    stories.merge_stories(story, [other])
    messages.success(request, f"Merged “{other.title}” into this story.")
    return redirect(story)


@editor_required
@require_POST
def story_split(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    try:
        ids = [int(x) for x in request.POST.getlist("article")]
        new_story = stories.split_story(story, ids, title=request.POST.get("title", ""))
    except ValueError as exc:
        message = str(exc) if "invalid literal" not in str(exc) else "Unknown article."
        messages.error(request, message)
        return _back(story, 400, request)
    messages.success(request, "Split the chosen articles into a new story.")
    return redirect(new_story)


@editor_required
@require_POST
def story_rename(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    try:
        stories.rename_story(story, request.POST.get("title", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
        return _back(story, 400, request)
    messages.success(request, "Renamed the story.")
    return redirect(story)


@editor_required
@require_POST
def article_move(request: HttpRequest) -> HttpResponse:
    """Move one article (POST article=<id>) to story=<id>, or to a new story ("new")."""
    article_id = request.POST.get("article", "")
    article = get_object_or_404(Article, pk=article_id if article_id.isdigit() else 0)
    target = request.POST.get("story", "")
    story = None
    if target != "new":
        story = Story.objects.filter(pk=target if target.isdigit() else 0).first()
        if story is None:
            messages.error(request, "Choose the story to move the article to.")
            if article.story:
                return _back(article.story, 400, request)
            return HttpResponse("Choose the story to move the article to.", status=400)
    story = stories.move_article(article, story)
    messages.success(request, f"Moved “{article}” and pinned it there.")
    return redirect(story)


def _back(story: Story, status: int, request: HttpRequest) -> HttpResponse:
    """The story page again, with the error message, and the given status."""
    return TemplateResponse(
        request, "stories/detail.html", _story_context(request, story), status=status
    )
