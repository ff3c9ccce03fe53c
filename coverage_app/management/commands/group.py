"""`manage.py group FILE_OR_ARTICLE_ID... [--json]`: which inputs cover the same event.

Inputs are loaded by coverage_app.plain_data.article_dicts (shared with extract and compare):
files are cleaned, parsed (nlp.pipe) and extracted exactly as ingest does, and nothing is
stored; article ids are read from the database. Both go through the rule of
coverage_app.text.stories.grouping with the settings' overrides, the same rule assign_story uses.
JSON: {"stories": [{"title": ..., "articles": [input index, ...], "families": [[input index,
...], ...], "reuse": [{"a", "b", "share_a", "share_b", "dropped_a", "added_b", "reworded",
...}]}]}: families and reuse from coverage_app.text.stories.provenance, over the story's
articles (every article of the story in exactly one family; "a" and "b" input indexes).
"""

import json

from django.core.management.base import BaseCommand

from coverage_app import stories
from coverage_app.plain_data import article_data, article_dicts
from coverage_app.text.stories.grouping import group_articles
from coverage_app.text.stories.provenance import provenance


def story_provenance(members: list[int], dicts: list[dict]) -> dict:
    """Families and reuse of one story's articles, with input indexes."""
    found = provenance([dicts[i] for i in members])
    reuse = [{**pair, "a": members[pair["a"]], "b": members[pair["b"]]} for pair in found["reuse"]]
    return {
        "families": [[members[k] for k in family] for family in found["families"]],
        "reuse": reuse,
        "originals": [{**o, "article": members[o["article"]]} for o in found["originals"]],
    }


class Command(BaseCommand):
    help = "Group files or stored articles into stories (stores nothing)."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", help="Files or article ids")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args, **options):
        sources = options["sources"]
        dicts = article_dicts(sources)
        articles = [article_data(article) for article in dicts]
        groups = group_articles(articles, stories.grouping_rule())
        if options["json"]:
            payload = {
                "stories": [
                    {"title": g.title, "articles": g.articles} | story_provenance(g.articles, dicts)
                    for g in groups
                ]
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        for number, group in enumerate(groups, 1):
            self.stdout.write(f"Story {number}: {group.title}")
            for index in group.articles:
                article = articles[index]
                when = article.published.isoformat() if article.published else "no date"
                outlet = article.outlet or "unknown outlet"
                self.stdout.write(f"  [{index}] {sources[index]}  ({outlet}, {when})")
