"""python manage.py import_annotations FILE [--as USERNAME]: restore a JSON-LD export."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from coverage_app import annotations


class Command(BaseCommand):
    help = (
        "Import annotations from a JSON-LD export. Articles are matched by their text hash or "
        "original URL; annotations already present are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--as", dest="username", help="Author for items that name no creator")

    def handle(self, *args, **options):
        try:
            data = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        default_author = None
        if options["username"]:
            default_author = get_user_model().objects.filter(username=options["username"]).first()
            if default_author is None:
                raise CommandError(f"No user {options['username']!r}")
        try:
            report = annotations.import_jsonld(data, default_author=default_author)
        except annotations.AnnotationError as exc:
            raise CommandError(exc.message) from exc
        for problem in report.problems:
            self.stderr.write(f"skipped {problem}")
        self.stdout.write(f"Imported {report.created} annotation(s), skipped {report.skipped}.")
