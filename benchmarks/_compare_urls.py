"""The app's URLs plus `/bench/trivial/`, the baseline bench_compare measures against."""

from django.http import HttpResponse
from django.urls import path

from coverage_app.urls import urlpatterns as app_urlpatterns


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/trivial/", trivial), *app_urlpatterns]
