"""What the compare page shows, read lazily so that a cached page costs no work.

The page's template (templates/compare/compare.html) caches its heavy parts with Django's
template-fragment cache (`{% cache %}`): the article heads with the filters form, the results
(summary, ribbon picture, aligned rows, omission bands) and both marked full texts. Every fragment
is keyed on `ComparePage.key`, which is the stored comparison's stamp (`comparisons.stamp`: result
version, alignment code, default threshold, the corpus prior's epoch, both articles' extraction
times) plus both articles' edit times and outlets, and, for the head and the results, on the
filters. A new extraction, a new prior epoch or an edit changes the key, so a stale fragment is
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
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache

from coverage_app import comparisons
from coverage_app.comparisons import Filters, Row, Side
from coverage_app.models import Article, Comparison, Event, Quote
from coverage_app.pages import claims_page
from coverage_app.text.people.name_match import name_key

CACHE_SECONDS = 60 * 60 * 24
# Part of every key: raise it when a change to the page's templates must not be served from
# fragments a running shared cache still holds (the default local-memory cache empties itself
# on every restart).
# 3: the Claims section and the Wording band; 4: its help names aliases; 5: claims threshold
RENDER_VERSION = 5
# What the view loads of each article (the page head and the cache key); bodies stay deferred.
ARTICLE_FIELDS = (
    "outlet__name", "title", "author", "published", "status", "extracted_at", "updated",
    "source_name", "body_hash", "url",
)  # fmt: skip


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
        return "|".join([f"r{RENDER_VERSION}", comparisons.stamp(a, b, self.epoch), *heads])

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
        return comparisons.page_rows(d.result, d.quote_sides, d.event_sides, self.filters)

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
    def ribbons(self) -> list[comparisons.Ribbon]:
        return self._picture[0]

    @cached_property
    def ticks(self) -> list[comparisons.Tick]:
        return self._picture[1]

    @cached_property
    def _picture(self) -> tuple[list[comparisons.Ribbon], list[comparisons.Tick]]:
        rows, only_a, only_b = self._shown
        return comparisons.ribbons(rows, only_a, only_b, self.data.length_a, self.data.length_b)

    @cached_property
    def speakers(self) -> list[tuple[str, str]]:
        """(name key, name) of every quoted speaker, for the speaker filter."""
        names = sorted({s.label for s in self.data.quote_sides.values() if s.label})
        return [(name_key(n), n) for n in names]

    kind_choices = comparisons.KIND_CHOICES
    wording_choices = claims_page.SOURCE_CHOICES

    @cached_property
    def claims(self) -> claims_page.ClaimsView:
        """Claim pairs, one-side claims and wording contrasts (templates/compare/_claims.html,
        _wording.html)."""
        a, b = self.article_a.pk, self.article_b.pk
        return claims_page.claims_view(self.data.result, a, b, self.filters)

    def _marked(self, article: Article, side: str):
        _load_bodies(self.article_a, self.article_b)
        d = self.data
        everything = claims_page.claims_view(
            d.result, self.article_a.pk, self.article_b.pk, Filters(threshold=0)
        )
        sides = [*d.quote_sides.values(), *d.event_sides.values(), *everything.spans]
        spans = [s for s in sides if s.article_id == article.pk]
        return comparisons.marked_body(article.body, spans, side=side)

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
    """The stored comparison's result (computed now when stale) and the quotes and events it
    refers to, as the page shows them."""
    _load_bodies(a, b)
    quotes = list(
        Quote.objects.filter(article__in=[a, b]).select_related("speaker").order_by("start")
    )
    events = list(Event.objects.filter(article__in=[a, b]).order_by("start"))
    comparison = comparisons.stored_comparison(a, b, quotes, events, epoch=epoch)
    return PageData(
        comparison_id=comparison.pk,
        result=comparison.result,
        quote_sides={q.pk: comparisons.quote_side(q) for q in quotes},
        event_sides={e.pk: comparisons.event_side(e) for e in events},
        length_a=len(a.body),
        length_b=len(b.body),
    )
