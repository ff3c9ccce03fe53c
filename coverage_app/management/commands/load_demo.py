"""Load the demo: a demo user (an editor) and invented outlets covering one invented event.
Idempotent: running it twice creates nothing new."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from coverage_app import annotations
from coverage_app.access import make_editor
from coverage_app.ingest import pipeline, queueing
from coverage_app.models import Article

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_USER = "demo"
DEMO_PASSWORD = "parallax-demo"


class Command(BaseCommand):
    help = "Load the demo user and demo articles (safe to run again)."

    def handle(self, *args, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=DEMO_USER)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        make_editor(user)  # the demo shows every control, curation included
        new = 0
        for path in sorted(DEMO_DIR.glob("*.txt")):
            article, was_new = queueing.article_from_demo(path, user=user)
            new += was_new
            if article.status != Article.Status.DONE:
                pipeline.extract_article(article)
        # A few annotations (one linking two articles) so a new user sees what they look like.
        notes = annotations.load_demo_annotations(user)
        self.stdout.write(
            f"Demo ready: user {DEMO_USER!r} (password {DEMO_PASSWORD!r}), "
            f"{new} new article(s), {Article.objects.count()} in all."
        )
        self.stdout.write(f"{notes} new demo annotation(s).")
