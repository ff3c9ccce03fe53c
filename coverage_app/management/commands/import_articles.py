"""`manage.py import_articles PATH...`: files and folders in, as the upload page does.

Each file is refused, skipped as a duplicate, or created and queued for the worker. Prints one
line per file and a summary; a progress bar goes to stderr. Articles are enqueued a few at a
time as the import goes, so an import stopped half-way leaves nothing queued without its job.
Symbolic links are refused unless `--follow-links` is given.
"""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from coverage_app.ingest import pipeline, queueing, tasks, uploads

logger = logging.getLogger("coverage_app.import_articles")


def files_under(paths: list[str], *, follow_links: bool = False) -> tuple[list[Path], list[Path]]:
    """(files to import, symbolic links left out): folders are walked; a link (to a file or a
    folder, named or met inside a folder) is only followed with `follow_links`."""
    found: list[Path] = []
    links: list[Path] = []

    def visit(path: Path, named: str = "") -> None:
        if path.is_symlink() and not follow_links:
            links.append(path)
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                visit(child)
        elif path.is_file():
            found.append(path)
        elif named:
            raise CommandError(f"{named}: no such file or folder")

    for name in paths:
        visit(Path(name), name)
    return found, links


class Command(BaseCommand):
    help = "Import article files (.txt, .html, .htm, .md) and folders of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument(
            "--now",
            action="store_true",
            help="Clean and extract in this process instead of queueing for the worker",
        )
        parser.add_argument(
            "--follow-links",
            action="store_true",
            help="Import what symbolic links point at (refused by default)",
        )

    def handle(self, *args, paths, now, follow_links, **options):
        files, links = files_under(paths, follow_links=follow_links)
        created, duplicates, refused = [], [], list(links)
        for path in links:
            self.stdout.write(
                f"refused    {path}: a symbolic link (give --follow-links to import its target)"
            )
        batch = queueing.new_batch_id()
        pending: list[int] = []

        def send(ids: list[int]) -> None:
            if now:
                pipeline.ingest_batch(ids)
            else:
                tasks.enqueue_ingest(ids)  # a few articles per task, so spaCy batches them

        try:
            for path in tqdm(files, desc="Importing", unit="file", file=self.stderr._out):
                outcome = self._import_one(path, batch, refused)
                if outcome is None:
                    continue
                if outcome.created:
                    created.append(outcome.article)
                    pending.append(outcome.article.pk)
                    self.stdout.write(f"created    {path} -> article {outcome.article.pk}")
                else:
                    duplicates.append(outcome.article)
                    self.stdout.write(
                        f"duplicate  {path}: same text as article {outcome.article.pk} "
                        f"({outcome.article})"
                    )
                if len(pending) >= tasks.batch_size():
                    send(pending)
                    pending = []
        finally:
            if pending:  # even when the import stops on an error: nothing is left unqueued
                send(pending)
        self.stdout.write(
            f"{len(created)} created, {len(duplicates)} skipped as duplicates, "
            f"{len(refused)} refused" + ("" if now or not created else "; queued for the worker.")
        )

    def _import_one(self, path: Path, batch: str, refused: list[Path]):
        """The file's Outcome, or None when it is refused (said on a line of its own)."""
        try:
            upload = uploads.upload_from_bytes(path.name, path.read_bytes())
            upload.source_name = path.name
            return queueing.create_articles([upload], batch=batch, enqueue=False)[0]
        except uploads.IngestRefused as exc:
            reason = str(exc).removeprefix(f"{path.name}: ")
        except OSError as exc:
            reason = f"it could not be read ({exc.strerror or exc})"
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the others
            logger.exception("importing %s failed", path)
            reason = f"it could not be stored ({type(exc).__name__}; details in the log)"
        refused.append(path)
        self.stdout.write(f"refused    {path}: {reason}")
        return None
