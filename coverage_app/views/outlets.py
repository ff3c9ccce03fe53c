"""Outlet pages: every outlet, and one outlet's articles with the notes an admin set."""

from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from coverage_app.access import reader_required
from coverage_app.models import Outlet


@reader_required
def outlet_list(request: HttpRequest) -> HttpResponse:
    outlets = Outlet.objects.annotate(
        article_count=Count("articles"), latest=Max("articles__published")
    ).order_by("-article_count", "name")
    return TemplateResponse(request, "outlets/list.html", {"outlets": outlets, "nav": "outlets"})


@reader_required
def outlet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = get_object_or_404(Outlet, pk=pk)
    articles = outlet.articles.select_related("story").order_by("-published", "-created")[:200]
    context = {
        "outlet": outlet,
        "articles": articles,
        "article_count": outlet.articles.count(),
        "nav": "outlets",
    }
    return TemplateResponse(request, "outlets/detail.html", context)
