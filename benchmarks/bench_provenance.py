"""Provenance of a story (families and reuse) against grouping the same story, in one run.

A story of 50 articles of about 800 words is built from the invented test articles (tests/
fixtures/extraction and extraction_heldout): five "original reports" of shuffled paragraphs,
and 45 retellings, each one original with some paragraphs dropped and a few of another's added,
so the story holds families as real coverage does. Parsed once with the real spaCy pipeline
(not timed: ingest does it once). Timed, best of a few runs:
- grouping the 50 (`text.stories.grouping.group_articles` with the settings' rule, what the
  `group` command runs);
- their provenance (`text.stories.provenance.provenance`: every pair's reused sentences,
  families, the reuse of each family pair with word diffs), what the worker stores.
"""

from __future__ import annotations

import random
import statistics
from pathlib import Path

from django.conf import settings

from benchmarks.timing import best_of
from coverage_app import stories
from coverage_app.plain_data import article_data, event_dict, quote_dict
from coverage_app.text import nlp
from coverage_app.text.extract import extract
from coverage_app.text.stories.grouping import group_articles
from coverage_app.text.stories.provenance import provenance

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
WORDS = 800
ORIGINALS = 5
STORY = 50
REPEAT = 3


def _paragraphs() -> list[str]:
    out = []
    for folder in ("extraction", "extraction_heldout"):
        for path in sorted((FIXTURES / folder).glob("*.txt")):
            out += [p.strip() for p in path.read_text().split("\n\n") if len(p.split()) > 8]
    return out


def _take(paragraphs: list[str], words: int) -> list[str]:
    picked, count = [], 0
    for paragraph in paragraphs:
        picked.append(paragraph)
        count += len(paragraph.split())
        if count >= words:
            break
    return picked


def _bodies(rng: random.Random) -> list[str]:
    paragraphs = _paragraphs()
    originals = []
    for _ in range(ORIGINALS):
        rng.shuffle(paragraphs)
        originals.append(_take(paragraphs, WORDS))
    bodies = ["\n\n".join(o) for o in originals]
    while len(bodies) < STORY:
        source = rng.choice(originals)
        kept = [p for p in source if rng.random() > 0.25]
        other = rng.choice(originals)
        for paragraph in rng.sample(other, 3):
            kept.insert(rng.randrange(len(kept) + 1), paragraph)
        bodies.append("\n\n".join(_take(kept, WORDS)))
    return bodies


def _article(doc) -> dict:
    result = extract(doc)
    return {
        "body": doc.text,
        "title": doc.text[:60],
        "quotes": [quote_dict(q) for q in result.quotes],
        "events": [event_dict(e) for e in result.events],
        "sentences": result.sentences,
        "published": None,
        "outlet": "",
    }


def main() -> None:
    rng = random.Random(22)
    pipeline = nlp.load(settings.SPACY_MODEL)
    articles = [_article(doc) for doc in pipeline.pipe(_bodies(rng))]
    words = statistics.mean(len(a["body"].split()) for a in articles)
    print(f"articles: {len(articles)} of {words:.0f} words on average")
    data = [article_data(a) for a in articles]
    rule = stories.grouping_rule()
    grouping = best_of(lambda: group_articles(data, rule), REPEAT)
    found = provenance(articles)
    timed = best_of(lambda: provenance(articles), REPEAT)
    sizes = sorted((len(f) for f in found["families"]), reverse=True)
    print(f"families: {len(sizes)} (sizes {sizes[:8]}), {len(found['reuse'])} family pairs")
    print(f"grouping a story of {STORY}: {grouping * 1000:.0f} ms")
    print(f"families and reuse of a story of {STORY}: {timed * 1000:.0f} ms")
    print(f"families and reuse / grouping, story of {STORY}: {timed / grouping:.2f}")
