"""Background tasks, run by `manage.py db_worker`. Each takes ids and calls a plain function."""

from django_tasks import task

from coverage_app import ingest
from coverage_app.models import Article


@task()
def ingest_article(article_id: int) -> None:
    ingest.extract_article(Article.objects.get(pk=article_id))
