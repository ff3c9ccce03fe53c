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

from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coverage_app import corpus
from coverage_app.models import Article, Comparison, Entity, Event, Quote
from coverage_app.plain_data import by_index, event_dict, quote_dict
from coverage_app.text import versions
from coverage_app.text.claims import claim_align, claim_sentences, narration, wording
from coverage_app.text.people.name_match import name_key

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


def stored_comparison(
    a: Article, b: Article, quotes: list[Quote], events: list[Event], *, epoch: int | None = None
) -> Comparison:
    """The stored comparison of a and b (a.pk < b.pk), computed now if missing or stale.

    One query when it is fresh and the corpus prior's `epoch` is given; quotes and events are
    the rows the page already loaded."""
    comparison = Comparison.objects.filter(article_a=a, article_b=b).first()
    if comparison is not None and comparison.result.get("stamp") == stamp(a, b, epoch):
        return comparison
    return _store(a, b, compute_result(a, b, quotes, events))


def _load_pair(a: Article, b: Article) -> tuple[list[Quote], list[Event]]:
    quotes = list(Quote.objects.filter(article__in=[a, b]).select_related("speaker"))
    events = list(Event.objects.filter(article__in=[a, b]))
    return quotes, events


def compare_articles(first: Article, second: Article) -> Comparison:
    """Compute and store the comparison of two articles now."""
    a, b = ordered(first, second)
    return _store(a, b, compute_result(a, b, *_load_pair(a, b)))


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


# --- What the page shows ----------------------------------------------------------------------

KIND_CHOICES = [
    ("", "Quotes and events"),
    ("quotes", "Quotes only"),
    ("events", "Events only"),
    ("direct", "Direct quotes"),
    ("indirect", "Reported speech"),
    ("partial", "Partial quotes"),
    ("claims", "Claims and wording"),
]


@dataclass
class Side:
    """One quote or event as the page shows it."""

    kind: str  # "quote" | "event"
    id: int
    article_id: int
    start: int
    end: int
    text: str
    label: str  # the speaker (quotes) or actor (events)
    detail: str  # quote kind, or the event's action and date
    quote_kind: str = ""
    # Further spans of the same utterance shown as one side (a quote one outlet splits around
    # its attribution, aligned with the other outlet's stitched quote).
    more_ids: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.kind[0]}{self.id}"

    @property
    def keys(self) -> str:
        """Every span's key, space-separated (what the page highlights in the full text)."""
        return " ".join(f"{self.kind[0]}{i}" for i in (self.id, *self.more_ids))

    @property
    def ids(self) -> str:
        return ",".join(str(i) for i in (self.id, *self.more_ids))


@dataclass
class Row:
    kind: str
    a: Side
    b: Side
    score: int
    flags: list[str]
    conflict: bool
    diff: list[dict]  # the stored word diff: [{"op", "a", "b"}...]

    @property
    def dom_id(self) -> str:
        return f"pair-{self.kind[0]}-{self.a.id}-{self.b.id}"

    @property
    def diff_a(self) -> list[tuple[str, str]]:
        return diff_side(self.diff, "a")

    @property
    def diff_b(self) -> list[tuple[str, str]]:
        return diff_side(self.diff, "b")

    @property
    def labelled_flags(self) -> list[tuple[str, str]]:
        return [(flag, FLAG_LABELS.get(flag, flag)) for flag in self.flags]


FLAG_LABELS = {
    "trimmed": "Trimmed",
    "words_changed": "Words changed",
    "different_speaker": "Different speaker",
    "quote_vs_paraphrase": "Quote vs paraphrase",
    "numbers_differ": "Numbers differ",
    "negation_differs": "Negation differs",
    "dates_differ": "Dates differ",
    "actor_differs": "Actor differs",
    "stitched": "Stitched from two spans",
}


UNATTRIBUTED = "Unattributed"  # what every page calls a quote's (or event's) missing speaker


def quote_side(q: Quote) -> Side:
    speaker = q.speaker.name if q.speaker_id else (q.speaker_name or UNATTRIBUTED)
    return Side(
        "quote", q.pk, q.article_id, q.start, q.end, q.text, speaker, q.get_kind_display(), q.kind
    )


def event_side(e: Event) -> Side:
    detail = e.action + (f" · {e.date:%-d %b %Y}" if e.date else "")
    return Side(
        "event", e.pk, e.article_id, e.start, e.end, e.text, e.actor or UNATTRIBUTED, detail
    )


def diff_side(diff: list[dict], side: str) -> list[tuple[str, str]]:
    """One side of a word diff as (how, words) runs: "same" words both sides have, "changed"
    words the other side puts other words in place of, "only" words the other side lacks."""
    how = {"equal": "same", "replace": "changed", "delete": "only", "insert": "only"}
    return [(how[op["op"]], op[side]) for op in diff if op[side]]


@dataclass
class Filters:
    threshold: int
    speaker: str = ""
    kind: str = ""
    conflicts: bool = False
    wording: str = ""  # one source of wording contrasts ("entity", "aligned", "distinctive")
    # Claim pairs scoring below it move to the "stated only by" bands (claims score lower).
    claims_threshold: int = claim_align.DEFAULT_MIN_SCORE


def _side_matches(side: Side, filters: Filters) -> bool:
    if filters.kind in ("direct", "indirect", "partial") and side.quote_kind != filters.kind:
        return False
    return not filters.speaker or name_key(side.label) == filters.speaker


def _joined(lookup: dict[int, Side], ids: list[int]) -> Side | None:
    """One side of a pair: a quote, or every span of an utterance shown as one."""
    sides = [lookup.get(i) for i in ids]
    if not sides or any(s is None for s in sides):
        return None
    if len(sides) == 1:
        return sides[0]
    first = sides[0]
    return replace(
        first,
        text=" … ".join(s.text for s in sides),
        end=max(s.end for s in sides),
        more_ids=tuple(s.id for s in sides[1:]),
    )


def page_rows(
    result: dict, quotes: dict[int, Side], events: dict[int, Side], filters: Filters
) -> tuple[list[Row], list[Side], list[Side]]:
    """The pairs, only-in-A and only-in-B items the page shows under the filters; pairs below
    the threshold fall back into the only-in bands."""
    rows: list[Row] = []
    only_a: list[Side] = []
    only_b: list[Side] = []
    sections = []
    if filters.kind == "claims":  # claims and wording are shown by `claims_page`
        return rows, only_a, only_b
    if filters.kind != "events":
        sections.append(("quote", result.get("quotes", {}), quotes))
    if filters.kind in ("", "events"):
        sections.append(("event", result.get("events", {}), events))
    for kind, section, lookup in sections:
        weak_a, weak_b = [], []
        for pair in section.get("pairs", []):
            a = _joined(lookup, pair.get("a_parts") or [pair["a"]])
            b = _joined(lookup, pair.get("b_parts") or [pair["b"]])
            if a is None or b is None:
                continue
            if pair["score"] < filters.threshold:
                weak_a.append(a)
                weak_b.append(b)
                continue
            if not (_side_matches(a, filters) or _side_matches(b, filters)):
                continue
            if filters.conflicts and not pair.get("conflict"):
                continue
            rows.append(
                Row(
                    kind,
                    a,
                    b,
                    pair["score"],
                    pair["flags"],
                    pair.get("conflict", False),
                    pair["diff"],
                )
            )
        if filters.conflicts:
            continue
        only_a += [s for s in [lookup.get(i) for i in section.get("only_a", [])] + weak_a if s]
        only_b += [s for s in [lookup.get(j) for j in section.get("only_b", [])] + weak_b if s]

    def reading_order(side: Side) -> tuple:
        return (side.kind != "quote", side.start)  # quotes first, then events

    # A long quote may pair with two passages of the other outlet; when one of those pairs is
    # below the threshold, the quote still has its row and is not also "only in" its outlet.
    shown = {r.a.key for r in rows} | {r.b.key for r in rows}
    only_a = list({s.key: s for s in only_a if s.key not in shown}.values())
    only_b = list({s.key: s for s in only_b if s.key not in shown}.values())
    only_a = sorted((s for s in only_a if _side_matches(s, filters)), key=reading_order)
    only_b = sorted((s for s in only_b if _side_matches(s, filters)), key=reading_order)
    rows.sort(key=lambda r: (r.a.start, r.b.start))
    return rows, only_a, only_b


# --- The ribbon picture -----------------------------------------------------------------------

SVG_WIDTH = 1000
BAR_A = (8, 22)  # y of the top bar (article A): top, bottom
BAR_B = (118, 132)


@dataclass
class Ribbon:
    path: str
    dom_id: str
    title: str
    conflict: bool
    kind: str  # "quote" | "event"


@dataclass
class Tick:
    x: float
    y: float
    width: float
    title: str
    dom_id: str
    kind: str  # "quote" | "event"


def _span_x(side: Side, length: int) -> tuple[float, float]:
    length = max(length, 1)
    x0 = side.start / length * SVG_WIDTH
    x1 = max(side.end / length * SVG_WIDTH, x0 + 3)
    return round(x0, 1), round(min(x1, SVG_WIDTH), 1)


def ribbons(
    rows: list[Row], only_a: list[Side], only_b: list[Side], len_a: int, len_b: int
) -> tuple[list[Ribbon], list[Tick]]:
    """Ribbons joining aligned passages at their positions in each article, and ticks for
    passages only one side carries (an omission map at a glance)."""
    top, bottom = BAR_A[1], BAR_B[0]
    middle = (top + bottom) / 2
    out = []
    for row in rows:
        a0, a1 = _span_x(row.a, len_a)
        b0, b1 = _span_x(row.b, len_b)
        path = (
            f"M{a0},{top} C{a0},{middle} {b0},{middle} {b0},{bottom} "
            f"L{b1},{bottom} C{b1},{middle} {a1},{middle} {a1},{top} Z"
        )
        out.append(
            Ribbon(
                path,
                row.dom_id,
                f"{row.kind.capitalize()} pair, {row.a.label}: score {row.score}",
                row.conflict,
                row.kind,
            )
        )
    ticks = []
    for sides, (y0, _bottom), prefix, length in (
        (only_a, BAR_A, "only-a", len_a),
        (only_b, BAR_B, "only-b", len_b),
    ):
        for side in sides:
            x0, x1 = _span_x(side, length)
            ticks.append(
                Tick(
                    x0,
                    y0,
                    round(x1 - x0, 1),
                    f"{side.kind.capitalize()} only here: {side.label}",
                    f"{prefix}-{side.kind[0]}-{side.id}",
                    side.kind,
                )  # fmt: skip
            )
    return out, ticks


# --- Full text with its quotes and events marked -----------------------------------------------


def marked_body(body: str, spans: list[Side], *, side: str) -> SafeString:
    """The body as HTML whose text content is exactly `body`, with every quote and event wrapped
    in segments carrying `data-ids` ("q12 e4": overlapping spans share segments) and
    `data-start`/`data-end` code-point offsets, so the page can highlight a passage and
    annotations can anchor to it."""
    bounds = {0, len(body)}
    for span in spans:
        bounds.add(max(0, min(span.start, len(body))))
        bounds.add(max(0, min(span.end, len(body))))
    points = sorted(bounds)
    first_at = {}
    for span in sorted(spans, key=lambda s: s.start):
        first_at.setdefault(span.start, []).append(span.key)
    parts = []
    for start, end in zip(points, points[1:], strict=False):
        if start == end:
            continue
        covering = [s for s in spans if s.start <= start and end <= s.end]
        text = escape(body[start:end])
        if not covering:
            parts.append(text)
            continue
        keys = " ".join(s.key for s in covering)
        classes = "seg" + (" seg-q" if any(s.kind == "quote" for s in covering) else "")
        classes += " seg-e" if any(s.kind == "event" for s in covering) else ""
        classes += " seg-w" if any(s.kind == "wording" for s in covering) else ""
        anchors = "".join(
            f'<span class="anchor" id="text-{side}-{key}"></span>'
            for key in first_at.pop(start, [])
        )
        parts.append(
            f'{anchors}<span class="{classes}" data-ids="{keys}" data-start="{start}" '
            f'data-end="{end}">{text}</span>'
        )
    return mark_safe("".join(parts))
