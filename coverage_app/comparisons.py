"""Comparisons of two articles: computed once, stored in `Comparison.result`, filtered per request.

`result` (version 4) holds the alignment of the two articles' quotes and events by row id:
    {"version": 4, "stamp": "...", "min_score": 60, "floor": 40,
     "claims_min_score": 40, "claims_floor": 25,
     "quotes": {"pairs": [{"a": quote_id, "b": quote_id, "score": 0-100, "flags": [...],
                           "diff": [{"op", "a", "b"}...], "conflict": bool,
                           "a_parts"?: [quote_id...], "b_parts"?: [...]}],
                "only_a": [quote_id...], "only_b": [quote_id...]},
     "events": {... the same with event ids},
     "claims": {"pairs": [{"a": <claim>, "b": <claim>, "score", "flags", "diff", "conflict"}],
                "only_a": [<claim>], "only_b": [<claim>]},
     "wording": [<contrast>],
     "prior": {"epoch": n, "total": n}}
Claims (`text.claims`: {"text", "start", "end", "actor", "date", "negated"}) are stored by value,
not as rows; wording contrasts are `text.wording`'s dicts, offsets into the two bodies.
Pairs down to `floor` are stored (strong pairs are assigned first, see `aligner.assign`), so the
page's threshold slider only filters stored scores. Claim pairs are kept the same way down to
`CLAIMS_STORE_FLOOR` (their scores run lower than quotes': `text.claim_align.DEFAULT_MIN_SCORE` is
the page's default claims threshold), for the Claims section's own slider. A result whose
`stamp` no longer matches the articles' extraction times (or an algorithm version,
`text.versions`, or the corpus prior's epoch: distinctive terms are scored against every
stored article's terms, `coverage_app.corpus`)
is recomputed on the next view; `refresh_for(article)` (called by ingest after extraction)
recomputes eagerly the comparisons a new extraction makes stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from coverage_app import corpus
from coverage_app.models import Article, Comparison, Entity, Event, Quote
from coverage_app.plain_data import by_index, event_dict, quote_dict
from coverage_app.text import versions
from coverage_app.text.claims import claim_align, claim_sentences, narration, wording

# 2: stitched pairs carry "a_parts"/"b_parts" (all spans of the utterance)
# 3: "claims" (narration sentences aligned) and "wording" (term contrasts)
# 4: claim pairs kept down to CLAIMS_STORE_FLOOR ("claims_floor", "claims_min_score")
RESULT_VERSION = 4
# Stored results are recomputed when an algorithm version changes (`text.versions`).
STORE_FLOOR = 40  # weakest pair kept, so the slider can show weaker candidates than the default
CLAIMS_STORE_FLOOR = 25  # weakest claim pair kept, for the Claims section's threshold slider
REFRESH_LIMIT = 12  # how many other articles an ingest refreshes eagerly


def min_score() -> int:
    return int(settings.PARALLAX_ALIGN_MIN_SCORE)


def store_floor() -> int:
    return min(STORE_FLOOR, min_score())


def claims_min_score() -> int:
    """Where the Claims section's threshold starts: the claims alignment's own default."""
    return int(claim_align.DEFAULT_MIN_SCORE)


def claims_floor() -> int:
    return min(CLAIMS_STORE_FLOOR, claims_min_score())


# --- Computing and storing ------------------------------------------------------------------


def ordered(a: Article, b: Article) -> tuple[Article, Article]:
    return (a, b) if a.pk < b.pk else (b, a)


def stamp_parts() -> str:
    """What every stored result's stamp shares: result version, alignment code, threshold."""
    return f"v{RESULT_VERSION}|{versions.stamp()}|{min_score()}"


def stamp(a: Article, b: Article, epoch: int | None = None) -> str:
    """What a stored result was computed from; `epoch`: the corpus prior's (read when None)."""

    def one(article: Article) -> str:
        return article.extracted_at.isoformat() if article.extracted_at else "-"

    epoch = corpus.epoch() if epoch is None else epoch
    return f"{stamp_parts()}|p{epoch}|{one(a)}|{one(b)}"


def _narration_dict(article: Article, quotes: list[dict], events: list[dict]) -> dict:
    return {
        "body": article.body,
        "sentences": article.sentences or claim_sentences.fallback_sentences(article.body),
        "quotes": quotes,
        "events": events,
        "terms": article.terms or [],
    }


def compute_result(a: Article, b: Article, quotes: list[Quote], events: list[Event]) -> dict:
    """Align two stored articles (a.pk < b.pk) given their already-loaded quotes and events."""
    qa = [q for q in quotes if q.article_id == a.pk]
    qb = [q for q in quotes if q.article_id == b.pk]
    ea = [e for e in events if e.article_id == a.pk]
    eb = [e for e in events if e.article_id == b.pk]
    dicts_qa, dicts_qb = [quote_dict(q) for q in qa], [quote_dict(q) for q in qb]
    dicts_ea, dicts_eb = [event_dict(e) for e in ea], [event_dict(e) for e in eb]
    # The prior of distinctive terms: the corpus's counts of the two articles' terms.
    prior = corpus.prior_for(
        wording.term_counts(a.terms or []).keys() | wording.term_counts(b.terms or []).keys()
    )
    counts, total, epoch = prior if prior else (None, None, corpus.epoch())
    told = narration.compare_pair(
        _narration_dict(a, dicts_qa, dicts_ea),
        _narration_dict(b, dicts_qb, dicts_eb),
        prior=counts,
        prior_total=total,
        min_score=min_score(),
        floor=store_floor(),
        claims_floor=claims_floor(),
    )
    return {
        "version": RESULT_VERSION,
        "stamp": stamp(a, b, epoch),
        "min_score": min_score(),
        "floor": store_floor(),
        "claims_min_score": claims_min_score(),
        "claims_floor": claims_floor(),
        "quotes": by_index(told["quotes"], [q.pk for q in qa], [q.pk for q in qb]),
        "events": by_index(told["events"], [e.pk for e in ea], [e.pk for e in eb]),
        "claims": told["claims"],
        "wording": told["wording"],
        "prior": {"epoch": epoch, "total": total},
    }


def _store(a: Article, b: Article, result: dict) -> Comparison:
    try:
        with transaction.atomic():
            comparison, _ = Comparison.objects.update_or_create(
                article_a=a, article_b=b, defaults={"result": result}
            )
    except IntegrityError:  # someone stored it at the same moment: theirs is as good
        comparison = Comparison.objects.get(article_a=a, article_b=b)
    return comparison


def fresh_comparison(a: Article, b: Article, *, epoch: int | None = None) -> Comparison | None:
    """The stored comparison of a and b (a.pk < b.pk) when its stamp is current, else None.
    Reads only: a page that finds none asks the worker (`ingest.tasks.request_comparisons`)."""
    comparison = Comparison.objects.filter(article_a=a, article_b=b).first()
    if comparison is not None and comparison.result.get("stamp") == stamp(a, b, epoch):
        return comparison
    return None


def _load_pair(a: Article, b: Article) -> tuple[list[Quote], list[Event]]:
    quotes = list(Quote.objects.filter(article__in=[a, b]).select_related("speaker"))
    events = list(Event.objects.filter(article__in=[a, b]))
    return quotes, events


def compare_articles(first: Article, second: Article) -> Comparison:
    """Compute and store the comparison of two articles now."""
    a, b = ordered(first, second)
    return _store(a, b, compute_result(a, b, *_load_pair(a, b)))


def stored_among(articles: Iterable[Article]) -> tuple[list[Comparison], list[tuple]]:
    """The stored comparisons between these articles' finished ones whose stamp is current, and
    the pairs (a, b), a.pk < b.pk, not stored yet or stale. Reads only: never computes."""
    ready = sorted((a for a in articles if a.status == Article.Status.DONE), key=lambda a: a.pk)
    if len(ready) < 2:
        return [], []
    ids = [a.pk for a in ready]
    stored = {
        (c.article_a_id, c.article_b_id): c
        for c in Comparison.objects.filter(article_a__in=ids, article_b__in=ids)
    }
    epoch = corpus.epoch()
    fresh, missing = [], []
    for i, a in enumerate(ready):
        for b in ready[i + 1 :]:
            comparison = stored.get((a.pk, b.pk))
            if comparison is not None and comparison.result.get("stamp") == stamp(a, b, epoch):
                fresh.append(comparison)
            else:
                missing.append((a, b))
    return fresh, missing


def refresh_among(articles: Iterable[Article]) -> int:
    """Worker side: compute and store every missing or stale comparison between these articles'
    finished ones (a story's, a speaker's); returns how many it computed."""
    _, missing = stored_among(articles)
    for a, b in missing:
        compare_articles(a, b)
    return len(missing)


def refresh_for(article: Article) -> list[Comparison]:
    """Recompute the comparisons a (re-)extraction of `article` touches: those already stored
    with it, and its story's other articles (at most REFRESH_LIMIT, newest first). Cheap:
    alignment is milliseconds; no NLP work."""
    if article.status != Article.Status.DONE:
        return []
    partner_ids = set(
        Comparison.objects.filter(article_a=article).values_list("article_b", flat=True)
    ) | set(Comparison.objects.filter(article_b=article).values_list("article_a", flat=True))
    if article.story_id:
        partner_ids |= set(
            Article.objects.ready()
            .filter(story_id=article.story_id)
            .exclude(pk=article.pk)
            .order_by("-created")
            .values_list("pk", flat=True)[:REFRESH_LIMIT]
        )
    partners = Article.objects.ready().filter(pk__in=partner_ids).order_by("-created")
    return [compare_articles(article, other) for other in partners[: REFRESH_LIMIT * 2]]


# --- Choosing what to compare ----------------------------------------------------------------


@dataclass
class Candidate:
    article: Article
    score: float
    shared_speakers: list[str] = field(default_factory=list)
    shared_entities: int = 0
    same_story: bool = False
    days_apart: int | None = None


def candidates_for(article: Article, *, limit: int = 6) -> list[Candidate]:
    """Other finished articles most likely to cover the same event, best first: shared speakers
    weigh most, then shared named entities, the same story and publication dates close together.
    Three queries whatever the number of articles."""
    speaker_ids = set(
        Quote.objects.filter(article=article, speaker__isnull=False).values_list(
            "speaker", flat=True
        )
    )
    entity_texts = set(Entity.objects.filter(article=article).values_list("text", flat=True))
    near = Q()
    if article.published:
        near = Q(
            published__range=(
                article.published - timedelta(days=3),
                article.published + timedelta(days=3),
            )
        )
    related = Q(quotes__speaker__in=speaker_ids) | Q(entities__text__in=entity_texts)
    if article.story_id:
        related |= Q(story_id=article.story_id)
    others = (
        Article.objects.ready()
        .exclude(pk=article.pk)
        .filter(related | near if article.published else related)
        .select_related("outlet")
        .annotate(
            n_speakers=Count(
                "quotes__speaker", filter=Q(quotes__speaker__in=speaker_ids), distinct=True
            ),
            n_entities=Count(
                "entities__text", filter=Q(entities__text__in=entity_texts), distinct=True
            ),
        )
        .distinct()[:200]
    )
    others = list(others)
    names = dict(
        Quote.objects.filter(article__in=others, speaker__in=speaker_ids)
        .values_list("speaker", "speaker__name")
        .distinct()
    )
    shared_names: dict[int, set[str]] = {}
    for article_id, speaker_id in (
        Quote.objects.filter(article__in=others, speaker__in=speaker_ids)
        .values_list("article", "speaker")
        .distinct()
    ):
        shared_names.setdefault(article_id, set()).add(names.get(speaker_id, ""))
    ranked = []
    for other in others:
        days = (
            abs((other.published - article.published).days)
            if other.published and article.published
            else None
        )
        same_story = bool(article.story_id and other.story_id == article.story_id)
        score = 3.0 * other.n_speakers + 1.0 * min(other.n_entities, 10) + 4.0 * same_story
        if days is not None:
            score += max(0.0, 2.0 - days / 2)
        if score <= 0:
            continue
        ranked.append(
            Candidate(
                article=other,
                score=score,
                shared_speakers=sorted(shared_names.get(other.pk, set())),
                shared_entities=other.n_entities,
                same_story=same_story,
                days_apart=days,
            )
        )
    ranked.sort(key=lambda c: (-c.score, -(c.article.pk)))
    return ranked[:limit]
