"""Rebuild the fitted models from labelled data.

`manage.py train_models [--only NAME] [--data DIR]`
"""

import importlib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coverage_app.training import TRAINERS


class Command(BaseCommand):
    help = "Fit the shipped models (speaker ranker, pair classifiers) and print their CV figures."

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=sorted(TRAINERS), action="append")
        parser.add_argument(
            "--data",
            default=str(Path(settings.BASE_DIR).parent / "shared"),
            help="folder holding devset/ and polnear/ (default: ../shared)",
        )

    def handle(self, *args, only=None, data, **options):
        data_dir = Path(data)
        if not data_dir.is_dir():
            raise CommandError(f"No labelled data at {data_dir}: pass --data DIR.")
        for name in only or sorted(TRAINERS):
            self.stdout.write(f"== {name}")
            module = importlib.import_module(TRAINERS[name])
            module.train(data_dir, self.stdout)
