"""Claims and wording: their cost against the compare computation of today, in one run.

Articles of about 1,500 words are built from the invented test articles (tests/fixtures/
extraction and extraction_floor, shuffled paragraphs, so each article is different), parsed
once with the real spaCy pipeline (not timed: ingest does it once). Then, timed:
- today's compare computation of a pair: `align_quotes` + `align_events`;
- claims and wording of the same pair: `narration.compare_pair` less the above (claims aligned,
  events raised by them, the three sources of wording contrasts);
- a story of 10 such articles: every pair (45) both ways, plus the story's outlet x term table.
"""

from __future__ import annotations

import random
import statistics
from itertools import combinations
from pathlib import Path

from django.conf import settings

from benchmarks.timing import best_of
from coverage_app import comparisons
from coverage_app.plain_data import event_dict, quote_dict
from coverage_app.text import nlp
from coverage_app.text.align import aligner
from coverage_app.text.claims import narration, wording
from coverage_app.text.extract import extract

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
WORDS = 1500
STORY = 10
REPEAT = 5


def _paragraphs() -> list[str]:
    out = []
    for folder in ("extraction", "extraction_floor"):
        for path in sorted((FIXTURES / folder).glob("*.txt")):
            out += [p.strip() for p in path.read_text().split("\n\n") if len(p.split()) > 8]
    return out


def _bodies(rng: random.Random, count: int) -> list[str]:
    paragraphs = _paragraphs()
    bodies = []
    for _ in range(count):
        rng.shuffle(paragraphs)
        picked, words = [], 0
        for paragraph in paragraphs:
            picked.append(paragraph)
            words += len(paragraph.split())
            if words >= WORDS:
                break
        bodies.append("\n\n".join(picked))
    return bodies


def _article(doc) -> dict:
    result = extract(doc)
    return {
        "body": doc.text,
        "quotes": [quote_dict(q) for q in result.quotes],
        "events": [event_dict(e) for e in result.events],
        "sentences": result.sentences,
        "terms": result.terms,
    }


def _compare(a: dict, b: dict) -> dict:
    return {
        "quotes": aligner.align_quotes(a["quotes"], b["quotes"]).as_dict(),
        "events": aligner.align_events(a["events"], b["events"]).as_dict(),
    }


def main() -> None:
    rng = random.Random(11)
    pipeline = nlp.load(settings.SPACY_MODEL)
    articles = [_article(doc) for doc in pipeline.pipe(_bodies(rng, STORY))]
    words = statistics.mean(len(a["body"].split()) for a in articles)
    print(f"articles: {len(articles)} of {words:.0f} words on average")
    a, b = articles[0], articles[1]
    compare_pair = best_of(lambda: _compare(a, b), REPEAT)
    # As the worker stores them: claim pairs kept down to the Claims slider's floor. The whole
    # comparison less the quote and event alignment alone is what claims and wording cost.
    floor = comparisons.CLAIMS_STORE_FLOOR
    claims_pair = best_of(lambda: narration.compare_pair(a, b, claims_floor=floor), REPEAT)
    claims_pair = max(claims_pair - compare_pair, 0.0)
    told = narration.compare_pair(a, b, claims_floor=floor)
    print(
        f"two articles: {len(told['claims']['pairs'])} claim pairs, "
        f"{len(told['wording'])} wording contrasts"
    )
    print(f"compare computation of two articles (quotes + events): {compare_pair * 1000:.1f} ms")
    print(f"claims and wording of two articles: {claims_pair * 1000:.1f} ms")
    print(
        f"claims and wording / compare computation, two articles: {claims_pair / compare_pair:.2f}"
    )

    pairs = list(combinations(articles, 2))

    def story_compare():
        for x, y in pairs:
            _compare(x, y)

    def story_claims():
        prior = sum((wording.term_counts(x["terms"]) for x in articles), wording.Counter())
        for x, y in pairs:
            narration.compare_pair(x, y, prior=prior, claims_floor=floor)
        wording.outlet_terms({f"outlet {k}": x["terms"] for k, x in enumerate(articles)})

    compare_story = best_of(story_compare, REPEAT)
    claims_story = max(best_of(story_claims, REPEAT) - compare_story, 0.0)
    print(f"compare computation of a story of {STORY} ({len(pairs)} pairs): {compare_story:.2f} s")
    print(f"claims and wording of a story of {STORY} (pairs + outlet table): {claims_story:.2f} s")
    print(
        f"claims and wording / compare computation, story of {STORY}: "
        f"{claims_story / compare_story:.2f}"
    )
