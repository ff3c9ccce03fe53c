"""`manage.py recount_terms`: rebuild the corpus prior of distinctive terms from the articles.

Ingest keeps the counts as it stores each article's terms (coverage_app.corpus); this rebuilds
them from every stored article in one SQL aggregate, should they ever drift from the articles
(rows changed by hand, a restore). Stored wording is recomputed against the new counts.
"""

from django.core.management.base import BaseCommand

from coverage_app import corpus


class Command(BaseCommand):
    help = "Recount the corpus term counts (the prior of distinctive terms) from every article."

    def handle(self, *args, **options):
        counted = corpus.recount()
        self.stdout.write(
            f"{counted.articles} articles, {counted.total} term uses counted "
            f"(epoch {counted.epoch})."
        )
