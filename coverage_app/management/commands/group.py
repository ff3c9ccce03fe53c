"""`manage.py group FILE_OR_ARTICLE_ID... [--json]`: which inputs cover the same event.

Files are cleaned, parsed (nlp.pipe) and extracted exactly as ingest does, and nothing is
stored; article ids are read from the database. Both go through the rule of
coverage_app.text.grouping with the settings' overrides, the same rule assign_story uses.
JSON: {"stories": [{"title": ..., "articles": [input index, ...]}]}.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coverage_app import stories
from coverage_app.models import Article
from coverage_app.text import cleaning, nlp
from coverage_app.text.extract import extract
from coverage_app.text.grouping import ArticleData, group_articles

KINDS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def _from_extraction(cleaned, result) -> ArticleData:
    return ArticleData(
        title=cleaned.title,
        body=cleaned.body,
        published=cleaned.published,
        outlet=cleaned.outlet,
        speakers=[q["speaker"] for q in result.quotes if q.get("speaker")],
        quotes=[q["text"] for q in result.quotes],
        entities=[e["text"] for e in getattr(result, "entities", None) or []],
        event_dates=[date.fromisoformat(str(e["date"])) for e in result.events if e.get("date")],
        places=[e["place"] for e in result.events if e.get("place")],
    )


def load_inputs(sources: list[str]) -> list[ArticleData]:
    """Each input as grouping data: a file (cleaned and extracted, stored nowhere) or an id."""
    slots: list[ArticleData | None] = [None] * len(sources)
    files: list[tuple[int, object]] = []
    for index, source in enumerate(sources):
        path = Path(source)
        if path.is_file():
            try:
                raw = path.read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                raise CommandError(f"Cannot read {source}: {exc}") from exc
            kind = KINDS.get(path.suffix.lower(), "text")
            files.append((index, cleaning.clean(raw, kind=kind, filename=path.name)))
        elif source.isdigit():
            article = stories._with_features(Article.objects.filter(pk=int(source))).first()
            if article is None:
                raise CommandError(f"No article with id {source}.")
            slots[index] = stories.article_data(article)
        else:
            raise CommandError(f"{source} is neither a file nor an article id.")
    if files:
        pipeline = nlp.load(settings.SPACY_MODEL)
        docs = pipeline.pipe(cleaned.body for _, cleaned in files)
        for (index, cleaned), doc in zip(files, docs, strict=True):
            slots[index] = _from_extraction(cleaned, extract(doc, published=cleaned.published))
    return [slot for slot in slots if slot is not None]


class Command(BaseCommand):
    help = "Group files or stored articles into stories (stores nothing)."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", help="Files or article ids")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args, **options):
        sources = options["sources"]
        articles = load_inputs(sources)
        groups = group_articles(articles, stories.grouping_rule())
        if options["json"]:
            payload = {"stories": [{"title": g.title, "articles": g.articles} for g in groups]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        for number, group in enumerate(groups, 1):
            self.stdout.write(f"Story {number}: {group.title}")
            for index in group.articles:
                article = articles[index]
                when = article.published.isoformat() if article.published else "no date"
                outlet = article.outlet or "unknown outlet"
                self.stdout.write(f"  [{index}] {sources[index]}  ({outlet}, {when})")
