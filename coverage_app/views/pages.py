from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static

from coverage_app.access import reader_required
from coverage_app.models import Article, Story


@reader_required  # it lists stories, articles and outlets: the same rule as their own pages
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


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and the admin (which has no icon link) ask for /favicon.ico: send them ours."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
