from django.contrib import admin
from django.urls import include, path

from coverage_app.views import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
