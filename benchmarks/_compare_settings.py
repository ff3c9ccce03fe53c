"""Settings for bench_compare's gunicorn run: the app's settings plus a trivial baseline view."""

from coverage_app.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks._compare_urls"
PARALLAX_PUBLIC_READ = True
