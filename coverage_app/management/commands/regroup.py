"""`manage.py regroup [--since YYYY-MM-DD]`: cluster the unpinned articles into stories again.

Ingest assigns one article at a time, so an early wrong merge stays; this re-runs the grouping
rule over all ready articles at once (coverage_app.stories.regroup_stories): pinned articles
never move, stories keep their ids where they keep most of their articles.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from coverage_app import stories


class Command(BaseCommand):
    help = "Regroup unpinned articles into stories by the grouping rule (pinned ones stay)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since", help="Only articles published from this day (YYYY-MM-DD)", default=None
        )

    def handle(self, *args, **options):
        since = None
        if options["since"]:
            try:
                since = date.fromisoformat(options["since"])
            except ValueError as exc:
                raise CommandError(f"--since wants a date like 2024-05-01: {exc}") from exc
        try:
            report = stories.regroup_stories(since=since)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Regrouped {report.articles} articles: {report.moved} moved, "
            f"{report.created} new stories, {report.deleted} emptied stories removed."
        )
