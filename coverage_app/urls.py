from django.contrib import admin
from django.urls import include, path

from coverage_app.views import accounts, articles, outlets, pages, search, speakers, stories
from coverage_app.views import annotations as annotation_views
from coverage_app.views import compare as compare_views

urlpatterns = [
    path("", pages.home, name="home"),
    path("favicon.ico", pages.favicon, name="favicon"),
    path("accounts/login/", accounts.login_page, name="login"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    # Articles: list, upload, one article, live status, retry, metadata
    path("articles/", articles.article_list, name="article_list"),
    path("articles/upload/", articles.article_upload, name="article_upload"),
    path("articles/<int:pk>/", articles.article_detail, name="article_detail"),
    path("articles/<int:pk>/status/", articles.article_status, name="article_status"),
    path("articles/<int:pk>/retry/", articles.article_retry, name="article_retry"),
    path("articles/<int:pk>/remove/", articles.article_remove, name="article_remove"),
    path("articles/<int:pk>/metadata/", articles.article_metadata, name="article_metadata"),
    # Annotations
    path("annotations/", annotation_views.annotation_list, name="annotation_list"),
    path("people/<str:username>/", annotation_views.person_detail, name="person_detail"),
    path("annotations/new/", annotation_views.annotation_new, name="annotation_new"),
    path("annotations/<int:pk>/", annotation_views.annotation_detail, name="annotation_detail"),
    path("annotations/<int:pk>/edit/", annotation_views.annotation_edit, name="annotation_edit"),
    path(
        "annotations/<int:pk>/delete/",
        annotation_views.annotation_delete,
        name="annotation_delete",
    ),
    path(
        "annotations/export.<str:fmt>",
        annotation_views.annotation_export,
        name="annotation_export",
    ),
    path(
        "annotations/compare/<int:a>/<int:b>/",
        annotation_views.comparison_annotations,
        name="comparison_annotations",
    ),
    path(
        "annotations/compare/<int:a>/<int:b>/export.json",
        annotation_views.comparison_export,
        name="comparison_export",
    ),
    # Compare
    path("compare/<int:a>/<int:b>/", compare_views.compare, name="compare"),
    path(
        "compare/candidates/<int:pk>/",
        compare_views.compare_candidates,
        name="compare_candidates",
    ),
    # Stories, search, speakers and outlets
    path("stories/", stories.story_list, name="story_list"),
    path("stories/<int:pk>/", stories.story_detail, name="story_detail"),
    path("stories/<int:pk>/compare/", stories.story_compare, name="story_compare"),
    path("stories/<int:pk>/merge/", stories.story_merge, name="story_merge"),
    path("stories/<int:pk>/split/", stories.story_split, name="story_split"),
    path("stories/<int:pk>/rename/", stories.story_rename, name="story_rename"),
    path("stories/move/", stories.article_move, name="article_move"),
    path("stories/regroup/", stories.story_regroup, name="story_regroup"),
    path("search/", search.search, name="search"),
    path("speakers/", speakers.speaker_list, name="speaker_list"),
    path("speakers/<int:pk>/", speakers.speaker_detail, name="speaker_detail"),
    path("speakers/<int:pk>/merge/", speakers.speaker_merge, name="speaker_merge"),
    path("speakers/<int:pk>/split/", speakers.speaker_split, name="speaker_split"),
    path("outlets/", outlets.outlet_list, name="outlet_list"),
    path("outlets/<int:pk>/", outlets.outlet_detail, name="outlet_detail"),
]
