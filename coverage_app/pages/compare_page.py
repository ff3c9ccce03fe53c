"""What the compare page shows, read lazily so that a cached page costs no work.

The page's template (templates/compare/compare.html) caches its heavy parts with Django's
template-fragment cache (`{% cache %}`): the article heads with the filters form, the results
(summary, ribbon picture, aligned rows, omission bands) and both marked full texts. Every fragment
is keyed on `ComparePage.key`, which is the stored comparison's stamp (`comparisons.stamp`: result
version, alignment code, default threshold, the corpus prior's epoch, both articles' extraction
times) plus both articles' edit times and outlets and a digest of the templates and page code
(`render_digest`), and, for the head and the results, on the filters. A new extraction, a new
prior epoch, an edit or a deploy that changes the page changes the key, so a stale fragment is
simply never read again.

Nothing about the person looking is inside a fragment: the CSRF token and the user name (in
base.html) and the annotation panel and controls (templates/annotations/_compare.html and
annotate.js) are rendered per request, outside them. Everything an article says reaches the page
through the template engine's autoescaping.

A `ComparePage` reads nothing until a fragment that is not cached asks for it: a page whose
fragments are all cached costs the view's one query (both articles' heads). A miss reads the
stored comparison and the quotes and events it refers to (computing it when stale), once per key:
those are cached too, so another filter on the same comparison only renders.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cache as once
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coverage_app import comparisons
from coverage_app.models import Article, Comparison, Event, Quote
from coverage_app.pages import claims_page
from coverage_app.pages.sides import Filters, Row, Side, event_side, quote_side
from coverage_app.text.people.name_match import name_key

CACHE_SECONDS = 60 * 60 * 24
# What renders the page: its templates and the code that builds what they show. Their digest is
# part of every key, so a deploy that changes how the page looks is never served from fragments a
# shared cache (Redis, files) still holds from before it.
RENDERED_BY = (settings.BASE_DIR / "templates", Path(__file__).resolve().parent)
KIND_CHOICES = [
    ("", "Quotes and events"),
    ("quotes", "Quotes only"),
    ("events", "Events only"),
    ("direct", "Direct quotes"),
    ("indirect", "Reported speech"),
    ("partial", "Partial quotes"),
    ("claims", "Claims and wording"),
]
# What the view loads of each article (the page head and the cache key); bodies stay deferred.
ARTICLE_FIELDS = (
    "outlet__name", "title", "author", "published", "status", "extracted_at", "updated",
    "source_name", "body_hash", "url",
)  # fmt: skip


@once
def render_digest() -> str:
    """A digest of every file under `RENDERED_BY`, read once per process."""
    digest = hashlib.sha1()
    for folder in RENDERED_BY:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in {".html", ".py"}):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class PageData:
    """The stored comparison and the quotes and events it refers to, as the page shows them."""

    comparison_id: int
    result: dict
    quote_sides: dict[int, Side]
    event_sides: dict[int, Side]
    length_a: int
    length_b: int


@dataclass
class Band:
    """One side's omission band: its quotes shown, its events folded under a summary."""

    letter: str
    outlet: str
    quotes: list[Side]
    events: list[Side]


class ComparePage:
    """The compare page of articles a and b (a.pk < b.pk, both done) under `filters`."""

    cache_seconds = CACHE_SECONDS

    def __init__(self, a: Article, b: Article, filters: Filters) -> None:
        self.article_a = a
        self.article_b = b
        self.filters = filters

    @cached_property
    def key(self) -> str:
        """What every fragment of this page is keyed on (the cache tag hashes it)."""
        a, b = self.article_a, self.article_b
        heads = [f"{x.pk}:{x.updated.isoformat()}:{x.outlet.name}" for x in (a, b)]
        return "|".join([render_digest(), comparisons.stamp(a, b, self.epoch), *heads])

    @property
    def epoch(self) -> int | None:
        """The corpus prior's epoch, as the view's query annotated it (`prior_epoch`)."""
        return getattr(self.article_a, "prior_epoch", None)

    @property
    def filters_key(self) -> str:
        f = self.filters
        return f"{f.threshold}|{f.speaker}|{self.claims_filters_key}"

    @property
    def claims_filters_key(self) -> str:
        """The filters the claims and wording sections read (their own threshold, not the quotes'
        or the speaker, so moving the quotes' slider re-renders only the quote and event rows)."""
        f = self.filters
        return f"{f.kind}|{int(f.conflicts)}|{f.wording}|{f.claims_threshold}"

    def _cache_key(self, name: str) -> str:
        return f"compare-{name}:" + hashlib.sha1(self.key.encode()).hexdigest()

    @cached_property
    def data(self) -> PageData:
        data = cache.get(self._cache_key("data"))
        if data is None:
            data = page_data(self.article_a, self.article_b, epoch=self.epoch)
            cache.set_many(
                {self._cache_key("data"): data, self._cache_key("id"): data.comparison_id},
                CACHE_SECONDS,
            )
        return data

    @cached_property
    def aligned(self) -> bool:
        """Whether the worker has stored a current comparison of the two (the page shows it
        only then; alignment never runs in a request)."""
        if cache.get(self._cache_key("id")) is not None:
            return True
        try:
            return self.data is not None  # read now: the page shows it next
        except Comparison.DoesNotExist:
            return False

    @cached_property
    def comparison_id(self) -> int:
        """The stored comparison's id (annotations refer to it), without reading the rest."""
        if "data" in self.__dict__:
            return self.data.comparison_id
        found = cache.get(self._cache_key("id"))
        return found if found is not None else self.data.comparison_id

    @property
    def comparison(self) -> Comparison:
        """The stored comparison as the annotation panel needs it (its id), unsaved here."""
        return Comparison(pk=self.comparison_id, article_a=self.article_a, article_b=self.article_b)

    @cached_property
    def _shown(self) -> tuple[list[Row], list[Side], list[Side]]:
        d = self.data
        return page_rows(d.result, d.quote_sides, d.event_sides, self.filters)

    @property
    def rows(self) -> list[Row]:
        return self._shown[0]

    @property
    def only_a(self) -> list[Side]:
        return self._shown[1]

    @property
    def only_b(self) -> list[Side]:
        return self._shown[2]

    @cached_property
    def bands(self) -> list[Band]:
        return [
            Band(
                letter,
                article.outlet.name,
                [s for s in items if s.kind == "quote"],
                [s for s in items if s.kind == "event"],
            )
            for letter, article, items in (
                ("a", self.article_a, self.only_a),
                ("b", self.article_b, self.only_b),
            )
        ]

    @cached_property
    def ribbons(self) -> list[Ribbon]:
        return self._picture[0]

    @cached_property
    def ticks(self) -> list[Tick]:
        return self._picture[1]

    @cached_property
    def _picture(self) -> tuple[list[Ribbon], list[Tick]]:
        rows, only_a, only_b = self._shown
        return ribbons(rows, only_a, only_b, self.data.length_a, self.data.length_b)

    @cached_property
    def speakers(self) -> list[tuple[str, str]]:
        """(name key, name) of every quoted speaker, for the speaker filter."""
        names = sorted({s.label for s in self.data.quote_sides.values() if s.label})
        return [(name_key(n), n) for n in names]

    kind_choices = KIND_CHOICES
    wording_choices = claims_page.SOURCE_CHOICES

    @cached_property
    def claim_parts(self) -> claims_page.ClaimParts:
        """The stored claims and wording as the page shows them, built once per page (the
        Claims section filters them, the full texts mark every span of them)."""
        a, b = self.article_a.pk, self.article_b.pk
        return claims_page.claim_parts(self.data.result, a, b)

    @cached_property
    def claims(self) -> claims_page.ClaimsView:
        """Claim pairs, one-side claims and wording contrasts (templates/compare/_claims.html,
        _wording.html)."""
        return claims_page.claims_view(self.claim_parts, self.filters)

    def _marked(self, article: Article, side: str):
        _load_bodies(self.article_a, self.article_b)
        d = self.data
        sides = [*d.quote_sides.values(), *d.event_sides.values(), *self.claim_parts.spans]
        spans = [s for s in sides if s.article_id == article.pk]
        return marked_body(article.body, spans, side=side)

    @property
    def body_a(self):
        return self._marked(self.article_a, "a")

    @property
    def body_b(self):
        return self._marked(self.article_b, "b")


def _load_bodies(*articles: Article) -> None:
    """Fill in deferred bodies, all in one query."""
    missing = [x for x in articles if "body" not in x.__dict__]
    if missing:
        bodies = dict(
            Article.objects.filter(pk__in=[x.pk for x in missing]).values_list("pk", "body")
        )
        for article in missing:
            article.body = bodies[article.pk]


def page_data(a: Article, b: Article, *, epoch: int | None = None) -> PageData:
    """The stored comparison's result and the quotes and events it refers to, as the page shows
    them. The view renders this only once the worker has stored a current comparison."""
    comparison = comparisons.fresh_comparison(a, b, epoch=epoch)
    if comparison is None:
        raise Comparison.DoesNotExist(f"No current comparison of {a.pk} and {b.pk}")
    _load_bodies(a, b)
    quotes = list(
        Quote.objects.filter(article__in=[a, b]).select_related("speaker").order_by("start")
    )
    events = list(Event.objects.filter(article__in=[a, b]).order_by("start"))
    return PageData(
        comparison_id=comparison.pk,
        result=comparison.result,
        quote_sides={q.pk: quote_side(q) for q in quotes},
        event_sides={e.pk: event_side(e) for e in events},
        length_a=len(a.body),
        length_b=len(b.body),
    )


# --- The rows: pairs above the threshold, the rest only in one side -------------------------


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
