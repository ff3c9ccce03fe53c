"""Compare speed: the compare view's server time, alignment of 1,000 × 1,000 quotes, and the
compare page under load from gunicorn with 2 workers; each against a baseline in the same run.

Works in a dedicated database `<configured name>_bench_compare`, created, migrated and dropped
here; the configured database is never touched.
"""

import difflib
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote as urlquote

from django.conf import settings
from django.db import connection
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
VIEW_REQUESTS = 300
LOAD_REQUESTS = 600
LOAD_THREADS = 8
WORDS = "ka lo mi ran te vos dor el an ik sur bel tam pre nov gar ul os win fer".split()
SPEAKERS = [f"{f} {s}" for f in ("Anna", "Boris", "Cora", "Dmitri", "Elin") for s in
            ("Varga", "Holm", "Orsk", "Fenn", "Quell", "Millen")]  # fmt: skip


def _vocabulary(rng, size):
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def synthetic_quotes(rng, vocab, n):
    """n quotes for side A and n for side B: half of B reword (drop, swap, replace words) A's."""
    left = []
    for _ in range(n):
        words = rng.choices(vocab, k=rng.randint(8, 35))
        left.append({"text": " ".join(words), "speaker": rng.choice(SPEAKERS), "kind": "direct"})
    right = []
    for q in left:
        if rng.random() < 0.5:
            words = q["text"].split()
            words = words[rng.randint(0, 3) : len(words) - rng.randint(0, 3)]
            words = [w if rng.random() > 0.15 else rng.choice(vocab) for w in words]
            right.append({"text": " ".join(words), "speaker": q["speaker"], "kind": "indirect"})
        else:
            words = rng.choices(vocab, k=rng.randint(8, 35))
            right.append(
                {"text": " ".join(words), "speaker": rng.choice(SPEAKERS), "kind": "direct"}
            )
    rng.shuffle(right)
    return left, right


def naive_difflib_alignment(left, right):
    """The baseline: a Python double loop of difflib ratios, then greedy best-first pairing."""
    scored = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            ratio = difflib.SequenceMatcher(None, a["text"].split(), b["text"].split()).ratio()
            scored.append((ratio, i, j))
    scored.sort(reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for ratio, i, j in scored:
        if ratio >= 0.6 and i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


def _article(rng, vocab, outlet, quotes, events, index):
    from coverage_app.models import Article, Event, Outlet, Quote, Speaker

    parts, spans = [], []
    position = 0
    words_total = 0
    for q in quotes:
        filler = " ".join(rng.choices(vocab, k=30)) + ". "
        sentence = f'{q["speaker"]} said: "'
        parts += [filler, sentence]
        position += len(filler) + len(sentence)
        spans.append((position, position + len(q["text"])))
        parts += [q["text"], '". ']
        position += len(q["text"]) + 3
        words_total += 30 + len(q["text"].split()) + 2
    while words_total < 1500:
        filler = " ".join(rng.choices(vocab, k=40)) + ". "
        parts.append(filler)
        words_total += 40
    body = "".join(parts)
    article = Article.objects.create(
        outlet=Outlet.objects.get_or_create(key=outlet.lower(), defaults={"name": outlet})[0],
        title=f"Bench article {index}",
        author="Bench",
        published=date(2025, 3, 5),
        raw=body,
        body=body,
        body_hash=f"bench-compare-{index}",
        status=Article.Status.DONE,
        extracted_at=timezone.now(),
    )
    speakers = {
        n: Speaker.objects.get_or_create(key=n.lower(), defaults={"name": n})[0] for n in SPEAKERS
    }
    Quote.objects.bulk_create(
        Quote(article=article, speaker=speakers[q["speaker"]], speaker_name=q["speaker"],
              text=q["text"], kind=q["kind"], start=s, end=e, sentence=q["text"])
        for q, (s, e) in zip(quotes, spans, strict=True)
    )  # fmt: skip
    Event.objects.bulk_create(
        Event(article=article, text=" ".join(rng.choices(vocab, k=12)), actor=rng.choice(SPEAKERS),
              action=rng.choice(["meet", "say", "attack", "sign"]),
              date=date(2025, 3, 1) + timedelta(days=rng.randint(0, 6)), start=s, end=e)
        for s, e in spans[:events]
    )  # fmt: skip
    return article, body


def _percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def bench_alignment(rng):
    from coverage_app.text.align.aligner import align_quotes

    vocab = _vocabulary(rng, 5000)
    left, right = synthetic_quotes(rng, vocab, 1000)
    align_quotes(left[:50], right[:50])  # warm up
    started = time.perf_counter()
    result = align_quotes(left, right)
    ours = time.perf_counter() - started
    sample = 100
    started = time.perf_counter()
    naive_difflib_alignment(left[:sample], right[:sample])
    naive = (time.perf_counter() - started) * (len(left) * len(right)) / (sample * sample)
    print(f"alignment 1000x1000 quotes: {ours:.3f} s ({len(result.pairs)} pairs)")
    print(
        f"naive difflib pairwise baseline: {naive:.1f} s (timed on {sample}x{sample}, "
        f"extrapolated to 1000x1000)"
    )
    print(f"alignment speed-up over naive difflib: {naive / ours:.0f}x")


def bench_view(rng):
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    vocab = _vocabulary(rng, 3000)
    left, right = synthetic_quotes(rng, vocab, 30)
    a, _ = _article(rng, vocab, "Bench Wire", left, 30, 1)
    b, _ = _article(rng, vocab, "Bench Ledger", right, 30, 2)
    user = get_user_model().objects.create_user("bench", password="bench-password-123")
    client = Client()
    client.force_login(user)
    url = f"/compare/{a.pk}/{b.pk}/"
    assert client.get(url).status_code == 200  # first view computes and stores
    times, first_times, cached_times = [], [], []
    for i in range(VIEW_REQUESTS):
        # 30 thresholds: the first request at each renders the results (the stored comparison's
        # sides are cached after the first one), later ones read the rendered parts.
        params = {"min": 60 + (i % 30)}
        started = time.perf_counter()
        response = client.get(url, params)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        (first_times if i < 30 else cached_times).append(elapsed)
        assert response.status_code == 200
    p50, p95 = _percentile(times, 0.5) * 1000, _percentile(times, 0.95) * 1000
    cache.clear()
    cold = []
    for _ in range(10):  # nothing cached: alignment read from the database, everything rendered
        cache.clear()
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        cold.append(time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(5):
        naive_difflib_alignment(left, right)
    naive = (time.perf_counter() - started) / 5 * 1000
    words = len(a.body.split()), len(b.body.split())
    print(f"compare view ({words[0]} + {words[1]} words, 30 quotes each): "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms over {VIEW_REQUESTS} requests")  # fmt: skip
    print(f"  first request at a threshold: p50 {_percentile(first_times, 0.5) * 1000:.1f} ms, "
          f"p95 {_percentile(first_times, 0.95) * 1000:.1f} ms; cached: p50 "
          f"{_percentile(cached_times, 0.5) * 1000:.1f} ms, "
          f"p95 {_percentile(cached_times, 0.95) * 1000:.1f} ms")  # fmt: skip
    print(f"  with an empty cache (stored comparison read, whole page rendered): "
          f"p50 {_percentile(cold, 0.5) * 1000:.1f} ms over {len(cold)} requests")  # fmt: skip
    print(f"naive difflib alignment of the same quotes per request: {naive:.1f} ms")
    print(f"compare view p95 / naive per-request difflib alignment: {p95 / naive:.2f}")
    claims_times = []
    for i in range(60):  # the Claims section's slider: 30 claims thresholds, each twice (htmx)
        started = time.perf_counter()
        response = client.get(url, {"claims_min": 25 + (i % 30)}, HTTP_HX_REQUEST="true")
        claims_times.append(time.perf_counter() - started)
        assert response.status_code == 200
    c50, c95 = _percentile(claims_times, 0.5) * 1000, _percentile(claims_times, 0.95) * 1000
    print(f"  claims threshold moved (htmx results): p50 {c50:.1f} ms, p95 {c95:.1f} ms "
          f"over {len(claims_times)} requests")  # fmt: skip
    return a, b


# Loopback only: never through a proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url():
    db = settings.DATABASES["default"]
    user = urlquote(db.get("USER") or "")
    password = f":{urlquote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = urlquote(db.get("HOST") or "127.0.0.1", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


def _load(url, count, threads):
    errors = []
    done = []
    lock = threading.Lock()
    per_thread = count // threads

    def worker():
        for _ in range(per_thread):
            try:
                with _OPENER.open(url, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except (urllib.error.URLError, OSError) as exc:
                ok = False
                errors.append(str(exc))
                if len(errors) == 1:
                    print(f"  first error from {url}: {exc}", flush=True)
            with lock:
                done.append(ok)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    failures = sum(not ok for ok in done)
    return len(done) / elapsed, failures


def bench_gunicorn(a, b):
    trivial_rps, compare_rps = _gunicorn_run(a, b)
    print(f"  compare page / trivial view requests per second: {compare_rps / trivial_rps:.2f}")


def _gunicorn_run(a, b):
    port = _free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "benchmarks._compare_settings",
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
        "SECRET_KEY": "bench-compare-not-secret",
    }
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "coverage_app.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 30
        while True:
            try:
                _OPENER.open(base + "/bench/trivial/", timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                if time.time() > deadline or server.poll() is not None:
                    server.kill()
                    log.seek(0)
                    err = log.read().decode()[-1500:]
                    raise RuntimeError(f"gunicorn did not start: {err}") from None
                time.sleep(0.3)
        compare_url = f"{base}/compare/{a.pk}/{b.pk}/"
        _load(compare_url, 40, 2)  # warm both workers
        trivial_rps, trivial_errors = _load(base + "/bench/trivial/", LOAD_REQUESTS, LOAD_THREADS)
        compare_rps, compare_errors = _load(compare_url, LOAD_REQUESTS, LOAD_THREADS)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    print(f"gunicorn 2 workers, {LOAD_REQUESTS} requests, {LOAD_THREADS} client threads, "
          "anonymous reader:")  # fmt: skip
    print(f"  trivial view: {trivial_rps:.0f} requests/s, {trivial_errors} errors")
    print(f"  compare page: {compare_rps:.0f} requests/s, {compare_errors} errors")
    return trivial_rps, compare_rps


def main() -> None:
    rng = random.Random(7)
    bench_alignment(rng)
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    original_test_name = test_settings.get("NAME")
    original_name = settings.DATABASES["default"]["NAME"]
    test_settings["NAME"] = f"{original_name}_bench_compare"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        a, b = bench_view(rng)
        bench_gunicorn(a, b)
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
        if original_test_name is None:
            test_settings.pop("NAME", None)
        else:
            test_settings["NAME"] = original_test_name
