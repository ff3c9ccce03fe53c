from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from coverage_app.models import Article, Story


def home(request: HttpRequest) -> HttpResponse:
    stories = (
        Story.objects.annotate(article_count=Count("articles"))
        .filter(article_count__gt=0)
        .prefetch_related("articles__outlet")[:6]
    )
    context = {
        "articles": Article.objects.select_related("outlet", "story")[:8],
        "stories": stories,
        "article_count": Article.objects.count(),
    }
    return TemplateResponse(request, "pages/home.html", context)
