"""`manage.py extract FILE_OR_ARTICLE_ID... [--json]`: clean and extract without storing anything.

Owned by the extraction work (first written by the ingest work). Files are cleaned with
`coverage_app.text.clean.cleaning.clean`; article ids are read from their stored body and metadata
and extracted again. All bodies go through one `nlp.pipe`. Nothing is stored.
Output (issue 5): {"articles": [{"source", "title", "outlet", "author", "published", "body",
"quotes": [...], "events": [...]}]} in input order.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coverage_app.ingest.uploads import SUPPORTED_KINDS
from coverage_app.models import Article
from coverage_app.text import nlp
from coverage_app.text.clean import cleaning, decoding
from coverage_app.text.extract import extract


def _quote(q: dict) -> dict:
    keys = ("text", "speaker", "kind", "start", "end")
    return {key: q.get(key) for key in keys} | {"kind": q.get("kind") or "direct"}


def _event(e: dict) -> dict:
    keys = ("text", "actor", "action", "participants", "place", "date", "negated", "modality",
            "start", "end")  # fmt: skip
    return {key: e.get(key) for key in keys}


class Command(BaseCommand):
    help = "Clean and extract files or stored articles and print the result; stores nothing."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", help="Files, or ids of stored articles")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args, sources, **options):
        items = [self._read(source) for source in sources]
        pipeline = nlp.load(settings.SPACY_MODEL)
        articles = []
        for item, doc in zip(items, pipeline.pipe(i["body"] for i in items), strict=True):
            result = extract(doc, published=item["published"])
            articles.append(
                item
                | {
                    "published": item["published"].isoformat() if item["published"] else None,
                    "quotes": [_quote(q) for q in result.quotes],
                    "events": [_event(e) for e in result.events],
                }
            )
        if options["json"]:
            self.stdout.write(json.dumps({"articles": articles}, ensure_ascii=False))
            return
        for article in articles:
            self.stdout.write(
                f"{article['source']}: {article['title'] or '(no title)'} | {article['outlet']} | "
                f"{article['author']} | {article['published']}"
            )
            for q in article["quotes"]:
                self.stdout.write(f"  [{q['kind']}] {q['speaker'] or '?'}: {q['text'][:90]}")
            for e in article["events"]:
                self.stdout.write(f"  event {e['date'] or '-'} {e['actor']} {e['action']}")

    def _read(self, source: str) -> dict:
        if source.isdigit() and not Path(source).exists():
            article = Article.objects.select_related("outlet").filter(pk=int(source)).first()
            if article is None:
                raise CommandError(f"No article with id {source}")
            return {
                "source": source,
                "title": article.title,
                "outlet": article.outlet.name,
                "author": article.author,
                "published": article.published,
                "body": article.body,
            }
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"{source}: no such file")
        try:
            raw = decoding.decode(path.read_bytes())
        except decoding.UnreadableInput as exc:
            raise CommandError(f"{source}: {exc}") from exc
        kind = SUPPORTED_KINDS.get(path.suffix.lower(), "text")
        cleaned = cleaning.clean(raw, kind=kind, filename=path.name)
        return {
            "source": source,
            "title": cleaned.title,
            "outlet": cleaned.outlet,
            "author": cleaned.author,
            "published": cleaned.published,
            "body": cleaned.body,
        }
