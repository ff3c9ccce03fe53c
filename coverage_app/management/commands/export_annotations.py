"""python manage.py export_annotations --format jsonld|csv [--output FILE] [--base-url URL]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from coverage_app import annotations
from coverage_app.models import Annotation


class Command(BaseCommand):
    help = (
        "Export every annotation as W3C Web Annotation JSON-LD or CSV (standard output by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonld", "csv"], default="jsonld")
        parser.add_argument("--output", help="Write to this file instead of standard output")
        parser.add_argument(
            "--base-url",
            default="",
            help=(
                "Prefix for ids and article sources, e.g. https://parallax.example.org "
                "(default: PARALLAX_SITE_URL, else http://127.0.0.1:8000)"
            ),
        )

    def handle(self, *args, **options):
        items = annotations.with_targets(Annotation.objects.all()).order_by("created", "pk")
        base_url = options["base_url"].rstrip("/") or annotations.site_url()
        if options["format"] == "jsonld":
            data = annotations.to_jsonld(items, base_url=base_url)
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        else:
            text = annotations.to_csv(items, base_url=base_url)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(text, ending="")
