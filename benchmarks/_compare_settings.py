"""Settings for bench_compare's gunicorn run: the app's settings plus a trivial baseline view."""

from coverage_app.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks._compare_urls"
PARALLAX_PUBLIC_READ = True
# Served over plain HTTP on loopback: no redirect to HTTPS.
SECURE_SSL_REDIRECT = False
# No collectstatic in a bench run: plain static storage (the page's asset URLs only).
STORAGES = STORAGES | {  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
}
