from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from coverage_app.models import Article, Story


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "articles": Article.objects.select_related("outlet")[:8],
        "stories": Story.objects.all()[:6],
        "article_count": Article.objects.count(),
    }
    return TemplateResponse(request, "pages/home.html", context)
