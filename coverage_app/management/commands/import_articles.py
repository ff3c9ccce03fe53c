"""`manage.py import_articles PATH...`: files and folders in, as the upload page does.

Each file is refused, skipped as a duplicate, or created and queued for the worker. Prints one
line per file and a summary; a progress bar goes to stderr.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from coverage_app.ingest import pipeline, queueing, tasks, uploads


def files_under(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{name}: no such file or folder")
    return found


class Command(BaseCommand):
    help = "Import article files (.txt, .html, .htm, .md) and folders of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument(
            "--now",
            action="store_true",
            help="Clean and extract in this process instead of queueing for the worker",
        )

    def handle(self, *args, paths, now, **options):
        files = files_under(paths)
        created, duplicates, refused = [], [], []
        batch = queueing.new_batch_id()
        for path in tqdm(files, desc="Importing", unit="file", file=self.stderr._out):
            try:
                upload = uploads.upload_from_bytes(path.name, path.read_bytes())
                upload.source_name = path.name
                outcome = queueing.create_articles([upload], batch=batch, enqueue=False)[0]
            except uploads.IngestRefused as exc:
                refused.append(path)
                reason = str(exc).removeprefix(f"{path.name}: ")
                self.stdout.write(f"refused    {path}: {reason}")
                continue
            if outcome.created:
                created.append(outcome.article)
                self.stdout.write(f"created    {path} -> article {outcome.article.pk}")
            else:
                duplicates.append(outcome.article)
                self.stdout.write(
                    f"duplicate  {path}: same text as article {outcome.article.pk} "
                    f"({outcome.article})"
                )
        ids = [article.pk for article in created]
        if now:
            for start in range(0, len(ids), tasks.batch_size()):
                pipeline.ingest_batch(ids[start : start + tasks.batch_size()])
        else:
            tasks.enqueue_ingest(ids)  # a few articles per task, so spaCy batches them
        self.stdout.write(
            f"{len(created)} created, {len(duplicates)} skipped as duplicates, "
            f"{len(refused)} refused" + ("" if now or not created else "; queued for the worker.")
        )
