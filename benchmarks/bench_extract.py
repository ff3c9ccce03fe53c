"""Extraction throughput against plain spaCy on the same texts, in the same run.

Texts: the labelled extraction set and the story fixtures (invented articles), repeated to
about 12,000 words. Prints words/s for `nlp.pipe` alone, for `nlp.pipe` + `extract` (what
batch ingest does), and their ratio (1.0 = extraction costs nothing beyond
spaCy).
"""

import time
from pathlib import Path

from django.conf import settings

from coverage_app.text import nlp as nlp_module
from coverage_app.text.extract import extract

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
TARGET_WORDS = 12_000


def _texts() -> list[str]:
    paths = sorted((FIXTURES / "extraction").glob("*.txt")) + sorted(
        (FIXTURES / "stories").glob("*.txt")
    )
    base = [p.read_text(encoding="utf-8") for p in paths]
    texts, words = [], 0
    while words < TARGET_WORDS and base:
        for text in base:
            texts.append(text)
            words += len(text.split())
    return texts


def main() -> None:
    nlp = nlp_module.load(settings.SPACY_MODEL)
    texts = _texts()
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:4]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    plain = time.perf_counter() - started
    started = time.perf_counter()
    quotes = 0
    for doc in docs:
        quotes += len(extract(doc, published=None).quotes)
    extra = time.perf_counter() - started
    print(f"texts: {len(texts)} ({words} words, {quotes} quotes found)")
    print(f"nlp.pipe alone: {words / plain:.0f} words/s")
    print(f"nlp.pipe + extract: {words / (plain + extra):.0f} words/s")
    print(f"extract alone: {words / extra:.0f} words/s")
    print(f"ratio to plain nlp.pipe: {plain / (plain + extra):.2f}")
