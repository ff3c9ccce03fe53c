"""`manage.py extract FILE_OR_ARTICLE_ID... [--json]`: clean and extract without storing anything.

Inputs are read by `coverage_app.plain_data.article_dicts` (shared with compare and group) with
`fresh`: files are decoded and cleaned as ingest does, article ids are read from their stored
body and metadata and extracted again. All bodies go through one `nlp.pipe`. Nothing is stored.
Output (issue 5): {"articles": [{"source", "title", "outlet", "author", "published", "body",
"quotes": [...], "events": [...]}]} in input order.
"""

import json

from django.core.management.base import BaseCommand

from coverage_app.plain_data import article_dicts, extract_article


class Command(BaseCommand):
    help = "Clean and extract files or stored articles and print the result; stores nothing."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", help="Files, or ids of stored articles")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args, sources, **options):
        articles = [extract_article(a) for a in article_dicts(sources, fresh=True)]
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
