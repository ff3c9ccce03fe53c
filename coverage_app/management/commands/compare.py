"""`manage.py compare FILE_OR_ARTICLE_ID FILE_OR_ARTICLE_ID... [--json]`: align pairs of inputs.

Inputs are read through `coverage_app.plain_data.article_dicts` (the same cleaning and extraction as
ingest; files are stored nowhere). JSON, one comparison for every pair i < j:
{"articles": [{"source", "title"}], "comparisons": [{"a": i, "b": j,
  "quotes": {"pairs": [{"a": <quote>, "b": <quote>, "score", "flags", "diff"}], "only_a": [<quote>],
  (a pair flagged "stitched" adds "a_parts" or "b_parts": every span of the split utterance)
             "only_b": [<quote>]},
  "events": {"pairs": [...], "only_a": [...], "only_b": [...]},
  "claims": {"pairs": [{"a": {"text", "start", "end"}, "b": {...}, "score", "flags", "diff"}],
             "only_a": [{"text", "start", "end"}], "only_b": [...]},
  "wording": [{"a": term, "b": term, "source": "aligned"|"entity"|"distinctive", "count_a",
               "count_b", "z": number or null, "spans_a": [[start, end]...], "spans_b": [...]}]}]}
Claims are the writer's own sentences aligned across the two inputs; wording contrasts are
the terms each uses for the same thing (a distinctive term has the other side null). The prior
of distinctive terms is every input's terms together.
"""

import json
from collections import Counter
from itertools import combinations

from django.core.management.base import BaseCommand, CommandError

from coverage_app import comparisons
from coverage_app.plain_data import article_dicts, by_index
from coverage_app.text.claims.narration import compare_pair
from coverage_app.text.claims.wording import term_counts

PAIR_KEYS = ("a", "b", "score", "flags", "diff", "a_parts", "b_parts")


def _public(section: dict, left: list[dict], right: list[dict]) -> dict:
    """An alignment section by index with the quote or event dicts in place (a stitched pair
    also lists every span of the utterance on that side: "a_parts"/"b_parts")."""
    section = by_index(section, left, right)
    pairs = [{k: p[k] for k in PAIR_KEYS if k in p} for p in section["pairs"]]
    return section | {"pairs": pairs}


def compare_inputs(articles: list[dict]) -> dict:
    """The command's JSON for already-loaded article dicts."""
    out = []
    prior = sum((term_counts(a.get("terms") or []) for a in articles), Counter())
    for i, j in combinations(range(len(articles)), 2):
        a, b = articles[i], articles[j]
        told = compare_pair(a, b, prior=prior, min_score=comparisons.min_score())
        out.append(
            {
                "a": i,
                "b": j,
                "quotes": _public(told["quotes"], a["quotes"], b["quotes"]),
                "events": _public(told["events"], a["events"], b["events"]),
                "claims": {
                    "pairs": [
                        {k: p[k] for k in ("a", "b", "score", "flags", "diff")}
                        for p in told["claims"]["pairs"]
                    ],
                    "only_a": told["claims"]["only_a"],
                    "only_b": told["claims"]["only_b"],
                },
                "wording": told["wording"],
            }
        )
    return {
        "articles": [{"source": a["source"], "title": a["title"]} for a in articles],
        "comparisons": out,
    }


class Command(BaseCommand):
    help = "Align the quotes and events of every pair of inputs (files or article ids)."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="FILE_OR_ARTICLE_ID")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, **options):
        sources = options["sources"]
        if len(sources) < 2:
            raise CommandError("Give at least two files or article ids to compare.")
        data = compare_inputs(article_dicts(sources))
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        for comp in data["comparisons"]:
            a = data["articles"][comp["a"]]
            b = data["articles"][comp["b"]]
            self.stdout.write(f"\n{a['title'] or a['source']}  ↔  {b['title'] or b['source']}")
            for kind in ("quotes", "events", "claims"):
                section = comp[kind]
                self.stdout.write(
                    f"  {kind}: {len(section['pairs'])} aligned, {len(section['only_a'])} only in"
                    f" A, {len(section['only_b'])} only in B"
                )
                for pair in section["pairs"]:
                    flags = ", ".join(pair["flags"]) or "-"
                    self.stdout.write(
                        f"    {pair['score']:>3}  {pair['a']['text'][:50]!r} ~ "
                        f"{pair['b']['text'][:50]!r}  [{flags}]"
                    )
            for item in comp["wording"]:
                z = f" z={item['z']}" if item["z"] is not None else ""
                self.stdout.write(
                    f"  wording ({item['source']}): {item['a'] or '-'} ({item['count_a']}) / "
                    f"{item['b'] or '-'} ({item['count_b']}){z}"
                )
