"""Ingest 1,000 generated articles through the real worker; print throughput and peak memory
(the worker with the child process it cleans and extracts in).

Uses its own database (`parallax_bench`, created and dropped here), never the user's data:
`import_articles` stores and enqueues the files, then one `db_worker --batch` process does all
the work while this process samples its resident memory from /proc.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = int(os.environ.get("BENCH_INGEST_ARTICLES", 1000))
# Its own database; BENCH_INGEST_DB names another (engineers sharing one PostgreSQL).
BENCH_DB = os.environ.get("BENCH_INGEST_DB", "parallax_bench")

PEOPLE = ["Teodor Brask", "Jonas Pereira", "Ines Calloway", "Milan Dusek", "Petra Holm"]
PLACES = ["Velmar", "Oskava", "Lindau", "Kerrin", "Port Elvin"]
OUTLETS = ["Tidewater Post", "Harbour Ledger", "Meridian Wire", "Northgate Observer"]


def generated_article(number: int) -> str:
    person, other = PEOPLE[number % 5], PEOPLE[(number + 2) % 5]
    place = PLACES[number % 5]
    return "\n\n".join(
        [
            f"date 2024-0{number % 9 + 1}-{number % 27 + 1:02d} Authored by Ana Pell via "
            f"{OUTLETS[number % 4]},",
            f"{person} said on Tuesday that talks in {place} would resume on Friday, the "
            f"{number}th round since the dispute over the river dams began.",
            f'"We are ready to sign a fair deal, and we will not walk away," {person} told '
            f'reporters in {place}. "If they bring a serious offer, we will study it."',
            f'{other} said the proposal was not serious and called it "a stunt." The '
            f"council will meet on Thursday to discuss the {number % 40 + 2} percent offer.",
            f"According to {other}, the dams have cut water flow by {number % 50 + 10} percent "
            "this year, and farmers downstream have asked for compensation.",
        ]
    )


def bench_url(name: str) -> str:
    db = connection.settings_dict
    host = db["HOST"] or "127.0.0.1"
    if host.startswith("/"):
        return f"postgres://{db['USER']}@/{name}?host={host}&port={db['PORT']}"
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{name}"


def admin_connection() -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    )


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def tree_rss_mb(pid: int) -> float:
    """RSS of a process and its descendants (the worker and the child it cleans and extracts
    in, which holds the spaCy model). One pass over /proc: the sampling itself takes CPU from
    the worker it measures (a pass per descendant tripled it)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        total += rss_mb(current)
        todo.extend(children.get(current, []))
    return total


def done_count(url: str) -> int:
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(
            "SELECT count(*) FROM coverage_app_article WHERE status IN ('done', 'failed')"
        ).fetchone()[0]


def main() -> None:
    with admin_connection() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BENCH_DB}")
    url = bench_url(BENCH_DB)
    env = {**os.environ, "DATABASE_URL": url, "PARALLAX_RECOVERY_INTERVAL": "60"}
    manage = [sys.executable, "manage.py"]
    try:
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        with tempfile.TemporaryDirectory() as folder:
            for number in range(ARTICLES):
                Path(folder, f"article-{number:04d}.txt").write_text(generated_article(number))
            subprocess.run(
                [*manage, "import_articles", folder],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        started = time.perf_counter()
        worker = subprocess.Popen(
            [*manage, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        peak = 0.0
        rss_at_10 = rss_at_90 = 0.0
        first_done_at = None
        last_check = 0.0
        finished = 0
        while worker.poll() is None:
            peak = max(peak, tree_rss_mb(worker.pid))
            now = time.perf_counter()
            if now - last_check > 1:
                last_check = now
                finished = done_count(url)
                if finished and first_done_at is None:
                    first_done_at = now
                if not rss_at_10 and finished >= ARTICLES * 0.1:
                    rss_at_10 = tree_rss_mb(worker.pid)
                if not rss_at_90 and finished >= ARTICLES * 0.9:
                    rss_at_90 = tree_rss_mb(worker.pid)
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
        finished = done_count(url)
        steady = elapsed - ((first_done_at or started) - started)
        print(f"articles ingested: {finished} of {ARTICLES}")
        print(
            f"ingest throughput (worker start to last article): {finished / elapsed:.1f} articles/s"
        )
        print(f"ingest throughput (after the first article): {finished / steady:.1f} articles/s")
        print(f"worker peak memory: {peak:.0f} MB RSS")
        print(f"worker memory at 10% done: {rss_at_10:.0f} MB RSS")
        print(f"worker memory at 90% done: {rss_at_90:.0f} MB RSS")
        if rss_at_10:
            print(f"memory growth 10%->90% done: {rss_at_90 / rss_at_10:.2f} ratio")
    finally:
        with admin_connection() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
