"""The corpus prior of distinctive terms: how often each term occurs over every stored article.

Wording's weighted log-odds (`text.wording.log_odds_z`) draws its informative Dirichlet prior
from the whole corpus (Monroe, Colaresi and Quinn 2008), not from the articles compared. The
counts are an aggregate kept in `CorpusTerm` (term -> count) with its totals in the one `Corpus`
row, so nothing reads every article to compute wording:

- ingest's `_store` calls `record_terms(old, new)` in the transaction that replaces an
  article's terms (a first extraction adds them, a re-extraction adds the difference);
- deleting an article takes its terms away (`forget_deleted_article`, a post_delete receiver,
  so the admin's bulk delete counts too);
- `recount()` (`manage.py recount_terms`, and the migration that made the tables) rebuilds the
  counts from the stored articles, should they ever drift from them.

Invariant: CorpusTerm.count == the sum over every Article row of `wording.term_counts(terms)`
(terms up to MAX_TERM_CHARS long). Every change takes the `Corpus` row's lock first, so
concurrent workers apply theirs one after the other.

Stored results record the prior's epoch in their stamps (`comparisons.stamp`, the story's
wording stamp). The epoch moves on once the counts have changed by more than PRIOR_DRIFT of
their total (summing what was added and taken away), so a stored result's prior is never
further than that from the current one, and a large corpus does not make every stored result
stale with each new article. In a small corpus every article is more than that: the epoch moves
on each time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Subquery
from django.db.models.functions import Coalesce

from coverage_app.models import Article, Corpus, CorpusTerm
from coverage_app.text.claims.wording import term_counts

PRIOR_DRIFT = 0.05
MAX_TERM_CHARS = 200  # longer noun chunks are left out of the counts (and get the floor prior)


def counted(terms: Sequence[dict]) -> Counter:
    """The counts one article's terms add to the corpus."""
    return Counter({t: n for t, n in term_counts(terms or []).items() if len(t) <= MAX_TERM_CHARS})


def _corpus_for_update() -> Corpus:
    corpus, _ = Corpus.objects.select_for_update().get_or_create(pk=1)
    return corpus


def _add_counts(delta: Counter) -> None:
    """Add `delta` (negative counts take away) to CorpusTerm, dropping terms that reach 0."""
    items = sorted((t, n) for t, n in delta.items() if n)
    if not items:
        return
    table = CorpusTerm._meta.db_table
    terms = [t for t, _ in items]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (term, count) SELECT * FROM unnest(%s::text[], %s::bigint[]) "
            f"ON CONFLICT (term) DO UPDATE SET count = {table}.count + EXCLUDED.count",
            [terms, [n for _, n in items]],
        )
        fewer = [t for t, n in items if n < 0]
        if fewer:
            cursor.execute(f"DELETE FROM {table} WHERE count <= 0 AND term = ANY(%s)", [fewer])


def _moved(corpus: Corpus, change: int) -> None:
    """Count `change` (terms added plus terms taken away) towards the epoch's drift."""
    corpus.drift += change
    if corpus.drift > PRIOR_DRIFT * max(corpus.total, 1):
        corpus.epoch += 1
        corpus.drift = 0


@transaction.atomic
def record_terms(old_terms: Sequence[dict], new_terms: Sequence[dict]) -> None:
    """An article's stored terms change from `old_terms` to `new_terms` (either may be empty):
    update the counts. Call it in the transaction that stores the new terms."""
    old, new = counted(old_terms), counted(new_terms)
    delta = Counter(new)
    delta.subtract(old)
    delta = Counter({t: n for t, n in delta.items() if n})
    had, has = bool(old), bool(new)
    if not delta and had == has:
        return
    corpus = _corpus_for_update()
    _add_counts(delta)
    corpus.total += sum(delta.values())
    corpus.articles = max(corpus.articles + int(has) - int(had), 0)
    _moved(corpus, sum(abs(n) for n in delta.values()))
    corpus.save()


def forget_deleted_article(sender, instance: Article, **kwargs) -> None:
    """post_delete receiver: a deleted article's terms leave the counts."""
    if instance.terms:
        record_terms(instance.terms, [])


@transaction.atomic
def recount() -> Corpus:
    """Rebuild the counts from every stored article's terms (one SQL aggregate) and move the
    epoch on, so every stored wording is recomputed against them."""
    corpus = _corpus_for_update()
    table, articles = CorpusTerm._meta.db_table, Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"INSERT INTO {table} (term, count) "
            f"SELECT t->>'term', count(*) FROM {articles} a "
            "CROSS JOIN LATERAL jsonb_array_elements("
            "  CASE WHEN jsonb_typeof(a.terms) = 'array' THEN a.terms ELSE '[]'::jsonb END) t "
            "WHERE t->>'kind' IN ('lemma', 'chunk') AND length(t->>'term') <= %s "
            "GROUP BY 1",
            [MAX_TERM_CHARS],
        )
        cursor.execute(f"SELECT coalesce(sum(count), 0) FROM {table}")
        corpus.total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT count(*) FROM {articles} WHERE jsonb_typeof(terms) = 'array' "
            "AND jsonb_array_length(terms) > 0"
        )
        corpus.articles = cursor.fetchone()[0]
    corpus.epoch += 1
    corpus.drift = 0
    corpus.save()
    return corpus


# --- reading the prior ------------------------------------------------------------------------


def epoch() -> int:
    return Corpus.objects.filter(pk=1).values_list("epoch", flat=True).first() or 0


def epoch_subquery() -> Coalesce:
    """The epoch as an annotation, for a query a page makes anyway (the compare page's heads)."""
    return Coalesce(Subquery(Corpus.objects.filter(pk=1).values("epoch")[:1]), 0)


def prior_for(terms: Iterable[str]) -> tuple[dict[str, int], int, int] | None:
    """(the corpus counts of these terms, the counts' total, the epoch), or None while
    nothing is counted (callers then take the compared articles' own terms)."""
    row = Corpus.objects.filter(pk=1).values_list("total", "epoch").first()
    if not row or row[0] <= 0:
        return None
    wanted = sorted({t for t in terms if len(t) <= MAX_TERM_CHARS})
    counts = dict(CorpusTerm.objects.filter(term__in=wanted).values_list("term", "count"))
    return counts, row[0], row[1]
