"""Search speed with 10,000 articles: seeds a dedicated bench database, prints p50/p95.

The database is `<configured name>_bench_search`, created and migrated here (so the real
indexes are in place) and dropped at the end; the configured database is never touched.
"""

import random
import statistics
import time
from datetime import date, timedelta

from django.conf import settings
from django.db import connection

ARTICLES = 10_000
QUOTES_PER_ARTICLE = 3
SPEAKERS = 1_500
WORDS_PER_BODY = 250
QUERIES = 200
SYLLABLES = "ka lo mi ran te vos dor el an ik sur bel tam pre nov gar ul os win fer".split()


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _zipf_sampler(rng: random.Random, words: list[str]):
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return lambda k: rng.choices(words, weights=weights, k=k)


def seed(rng: random.Random) -> tuple[list[str], list[str]]:
    from coverage_app.models import Article, Outlet, Quote, Speaker

    words = _vocabulary(rng, 4_000)
    sample = _zipf_sampler(rng, words)
    first = [w.capitalize() for w in _vocabulary(rng, 300)]
    last = [w.capitalize() + "ova" for w in _vocabulary(rng, 800)]
    names = sorted({f"{rng.choice(first)} {rng.choice(last)}" for _ in range(SPEAKERS * 2)})
    names = names[:SPEAKERS]
    outlets = Outlet.objects.bulk_create(
        Outlet(name=f"Outlet {i}", key=f"outlet {i}") for i in range(40)
    )
    speakers = Speaker.objects.bulk_create(Speaker(name=n, key=n.lower()) for n in names)
    start = date(2024, 1, 1)
    batch = []
    for i in range(ARTICLES):
        speaker = rng.choice(speakers)
        body = " ".join(sample(WORDS_PER_BODY)) + f" {speaker.name} said."
        batch.append(
            Article(
                outlet=rng.choice(outlets),
                title=" ".join(sample(8)).capitalize(),
                body=body,
                raw=body,
                body_hash=f"bench{i}",
                published=start + timedelta(days=rng.randint(0, 365)),
                status=Article.Status.DONE,
            )
        )
    articles = Article.objects.bulk_create(batch, batch_size=1_000)
    Quote.objects.bulk_create(
        (
            Quote(
                article=article,
                speaker=speaker,
                speaker_name=speaker.name,
                text=" ".join(sample(rng.randint(6, 25))),
                kind=Quote.Kind.DIRECT,
                start=0,
                end=10,
                utterance=n,
            )
            for article in articles
            for n, speaker in enumerate(rng.sample(speakers, QUOTES_PER_ARTICLE))
        ),
        batch_size=2_000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return words, names


def _misspell(rng: random.Random, name: str) -> str:
    surname = name.split()[-1]
    position = rng.randrange(1, len(surname) - 1)
    return surname[:position] + surname[position + 1 :]


def queries(rng: random.Random, words: list[str], names: list[str]) -> list[str]:
    common, rare = words[:200], words[1_000:]
    result = []
    for i in range(QUERIES):
        kind = i % 4
        if kind == 0:
            result.append(rng.choice(common))
        elif kind == 1:
            result.append(f"{rng.choice(rare)} {rng.choice(common)}")
        elif kind == 2:
            result.append(_misspell(rng, rng.choice(names)))
        else:
            result.append(f'"{rng.choice(common)} {rng.choice(common)}"')
    return result


def main() -> None:
    from coverage_app import search

    rng = random.Random(8)
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    original_test_name = test_settings.get("NAME")
    original_name = settings.DATABASES["default"]["NAME"]
    test_settings["NAME"] = f"{original_name}_bench_search"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        words, names = seed(rng)
        print(f"seeded articles: {ARTICLES}")
        print(f"seed time: {time.perf_counter() - started:.1f} s")
        timings = []
        for query in queries(rng, words, names):
            t0 = time.perf_counter()
            results = search.search(query)
            timings.append((time.perf_counter() - t0) * 1000)
            assert results.query
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"search queries: {len(timings)}")
        print(f"search p50: {statistics.median(timings):.1f} ms")
        print(f"search p95: {p95:.1f} ms")
        misspelt = _misspell(rng, names[0])
        found = [s.name for s in search.search(misspelt).speakers]
        print(f"misspelt name found: {names[0] in found} ({misspelt!r} -> {found[:1]})")
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
        if original_test_name is None:
            test_settings.pop("NAME", None)
        else:
            test_settings["NAME"] = original_test_name
