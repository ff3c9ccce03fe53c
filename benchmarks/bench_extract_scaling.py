"""Extraction against the length of one article: seconds per 10,000 words at 10,000, 100,000
and 1,000,000 characters, and the ratio to plain spaCy on the same text in the same run.

The text is one invented article of distinct paragraphs (`invented_text`), its cast growing
with its length. Each size is parsed once with `nlp.pipe` (plain spaCy) and that Doc is
extracted (`extract`, as `manage.py extract` does); the ratio is (parse + extract) / parse,
1.0 meaning extraction costs nothing beyond spaCy. A linear extraction keeps "extract alone"
per 10,000 words flat across the sizes.

Not run by a bare `make bench` (1,000,000 characters take several minutes to parse on a shared
machine): `make bench-scaling`, or `python -m benchmarks extract_scaling`.
BENCH_SCALING_SIZES=10000,100000 picks other sizes.
"""

import gc
import os
import time

from django.conf import settings

from benchmarks.invented_text import invented_article
from coverage_app.text import nlp as nlp_module
from coverage_app.text.extract import extract

DEFAULT = False  # named only: see the docstring
SIZES = [
    int(size) for size in os.environ.get("BENCH_SCALING_SIZES", "10000,100000,1000000").split(",")
]


def main() -> None:
    nlp = nlp_module.load(settings.SPACY_MODEL)
    nlp.max_length = max(nlp.max_length, max(SIZES))
    list(nlp.pipe([invented_article(3_000, seed=1)]))  # warm up
    for size in SIZES:
        text = invented_article(size)
        words = len(text.split())
        gc.collect()
        started = time.perf_counter()
        doc = next(iter(nlp.pipe([text])))
        plain = time.perf_counter() - started
        started = time.perf_counter()
        result = extract(doc)
        extra = time.perf_counter() - started
        per = 10_000 / words
        print(
            f"{len(text):>9,} chars, {words:,} words: nlp.pipe {plain * per:.2f} s/10k words, "
            f"nlp.pipe + extract {(plain + extra) * per:.2f} s/10k words, "
            f"extract alone {extra * per:.2f} s/10k words, "
            f"ratio to plain nlp.pipe {(plain + extra) / plain:.2f} "
            f"({len(result.quotes)} quotes, {len(result.events)} events)",
            flush=True,
        )
        del doc, result
