"""The one search box: articles, quotes and speakers, grouped by kind."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from coverage_app import search as search_module
from coverage_app.access import reader_required


@reader_required
def search(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    context = {"query": raw.strip(), "nav": "search", "results": None, "error": ""}
    status = 200
    try:
        context["results"] = search_module.search(raw)
    except ValueError as exc:
        context["error"] = str(exc)
        status = 400
    template = "search/search.html#results" if request.htmx else "search/search.html"
    return TemplateResponse(request, template, context, status=status)
