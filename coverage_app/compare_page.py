"""The compare page's heavy parts, rendered once and kept in Django's cache.

The aligned rows, the omission bands, the ribbon picture and both marked full texts depend only
on the stored comparison and the filters, never on who is looking. They are rendered to HTML once
and kept in the cache (`settings.CACHES["default"]`) under keys made of:
- the comparison's stamp (`comparisons.stamp`: result version, alignment-code fingerprint,
  default threshold and both articles' extraction times),
- both outlets' names and a fingerprint of the page's template and of this module,
- and, for the results, the normalised filters (threshold, speaker key, kind, conflicts).
A new extraction changes the stamp and a code change the fingerprint, so a stale entry is simply
never read again; entries age out after `CACHE_SECONDS`. Per-user bits (CSRF token, user name,
the annotation panel, which htmx loads by itself) stay in the page template, outside these parts.

A cache hit costs one query (both articles, read by the view) and no alignment or NLP work; a
miss loads quotes and events, reads the stored comparison (computing it when stale) and renders
the parts. The HTML of rows, bands and the SVG is built here in Python rather than in template
loops: the page is mostly these repeated snippets, and the template engine costs ~20x more per
snippet than an f-string.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from coverage_app import comparisons
from coverage_app.comparisons import Filters, Row, Side
from coverage_app.models import Article, Event, Quote
from coverage_app.text.align import name_key

CACHE_SECONDS = 60 * 60 * 24
# What the view loads of each article (the page head and the cache key); bodies stay deferred.
ARTICLE_FIELDS = (
    "outlet__name", "title", "author", "published", "status", "extracted_at", "source_name",
    "body_hash", "url",
)  # fmt: skip
TEMPLATE = "compare/compare.html"
_HERE = Path(__file__).resolve()
_TEMPLATES = _HERE.parent.parent / "templates"
# base.html and the annotation panel are in the whole-page cache (not in the parts).
BASE_FINGERPRINT = hashlib.sha1(
    (_TEMPLATES / "base.html").read_bytes()
    + (_TEMPLATES / "annotations" / "_compare.html").read_bytes()
).hexdigest()[:10]
PAGE_FINGERPRINT = hashlib.sha1(
    _HERE.read_bytes()
    + Path(comparisons.__file__).read_bytes()
    + (_HERE.parent.parent / "templates" / "compare" / "compare.html").read_bytes()
).hexdigest()[:10]


@dataclass
class CommonParts:
    """What the page needs whatever the filters."""

    comparison_id: int
    speakers: list[tuple[str, str]]  # (name key, name) for the speaker filter
    texts_html: str


@dataclass
class PageParts:
    comparison_id: int
    top_html: SafeString  # both article heads and the filters form
    results_html: SafeString  # summary, ribbon picture, rows, omission bands
    texts_html: SafeString  # both full texts, marked


def _base_key(a: Article, b: Article) -> str:
    raw = "|".join(
        [PAGE_FINGERPRINT, comparisons.stamp(a, b), a.outlet.name, b.outlet.name, str(a.pk)]
        + [str(b.pk)]
    )
    return "compare:" + hashlib.sha1(raw.encode()).hexdigest()


def _filters_key(filters: Filters) -> str:
    raw = f"{filters.threshold}|{filters.speaker}|{filters.kind}|{int(filters.conflicts)}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def _head_key(a: Article, b: Article) -> str:
    raw = "|".join(
        f"{x.display_title}|{x.author}|{x.published}|{x.get_absolute_url()}" for x in (a, b)
    )
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def page_parts(
    a: Article, b: Article, filters: Filters, *, form: forms.Form, floor: int
) -> PageParts:
    """The page's parts for articles a and b (a.pk < b.pk, both done), from the cache when
    there. A form with errors is rendered (with its messages) and never cached."""
    base = _base_key(a, b)
    results_key = f"{base}:r:{_filters_key(filters)}"
    top_key = f"{base}:t:{_filters_key(filters)}:{_head_key(a, b)}"
    found = cache.get_many([base, results_key, top_key])
    common, results, top = found.get(base), found.get(results_key), found.get(top_key)
    if common is None or results is None:
        common, results = _render_missing(a, b, filters, base, results_key, common, results)
    if top is None or form.errors:
        top = render_to_string(
            f"{TEMPLATE}#page-top",
            {
                "article_a": a,
                "article_b": b,
                "comparison": {"pk": common.comparison_id},
                "form": form,
                "filters": filters,
                "floor": floor,
                "speaker_options": mark_safe(speaker_options_html(common.speakers, filters)),
                "kind_options": mark_safe(kind_options_html(filters)),
            },
        )
        if not form.errors:
            cache.set(top_key, str(top), CACHE_SECONDS)
    return PageParts(
        common.comparison_id, mark_safe(top), mark_safe(results), mark_safe(common.texts_html)
    )


def _render_missing(a, b, filters, base, results_key, common, results):
    fresh: dict = {}
    _load_bodies(a, b)
    # Another filter on a comparison already shown: its sides and result are cached too.
    data_key = f"{base}:data"
    data = cache.get(data_key) if common is not None else None
    if data is None:
        data = _page_data(a, b)
        fresh[data_key] = data
    result, quote_sides, event_sides = data
    if common is None:
        sides = [*quote_sides.values(), *event_sides.values()]
        common = CommonParts(
            comparison_id=result["comparison_id"],
            speakers=speaker_choices(quote_sides.values()),
            texts_html=full_texts_html(a, b, sides),
        )
        fresh[base] = common
    if results is None:
        results = str(results_html(a, b, result, quote_sides, event_sides, filters))
        fresh[results_key] = results
    cache.set_many(fresh, CACHE_SECONDS)
    return common, results


def speaker_choices(sides) -> list[tuple[str, str]]:
    names = sorted({s.label for s in sides if s.kind == "quote" and s.label})
    return [(name_key(n), n) for n in names]


def _options(choices, selected: str) -> str:
    return "".join(
        f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
        f"{escape(label)}</option>"
        for value, label in choices
    )


def speaker_options_html(speakers: list[tuple[str, str]], filters: Filters) -> str:
    return _options([("", "Everyone"), *speakers], filters.speaker)


def kind_options_html(filters: Filters) -> str:
    return _options(comparisons.KIND_CHOICES, filters.kind)


def _load_bodies(*articles: Article) -> None:
    """Fill in deferred bodies, all in one query."""
    missing = [x for x in articles if "body" not in x.__dict__]
    if missing:
        bodies = dict(
            Article.objects.filter(pk__in=[x.pk for x in missing]).values_list("pk", "body")
        )
        for article in missing:
            article.body = bodies[article.pk]


def _page_data(a: Article, b: Article) -> tuple[dict, dict[int, Side], dict[int, Side]]:
    """The stored comparison's result (computed now when stale) and the quotes and events it
    refers to, as the page shows them."""
    quotes = list(
        Quote.objects.filter(article__in=[a, b]).select_related("speaker").order_by("start")
    )
    events = list(Event.objects.filter(article__in=[a, b]).order_by("start"))
    comparison = comparisons.stored_comparison(a, b, quotes, events)
    quote_sides = {q.pk: comparisons.quote_side(q) for q in quotes}
    event_sides = {e.pk: comparisons.event_side(e) for e in events}
    return comparison.result | {"comparison_id": comparison.pk}, quote_sides, event_sides


# --- Rendering --------------------------------------------------------------------------------


def full_texts_html(a: Article, b: Article, spans: list[Side]) -> SafeString:
    return render_to_string(
        f"{TEMPLATE}#full-texts",
        {
            "article_a": a,
            "article_b": b,
            "body_a": comparisons.marked_body(
                a.body, [s for s in spans if s.article_id == a.pk], side="a"
            ),
            "body_b": comparisons.marked_body(
                b.body, [s for s in spans if s.article_id == b.pk], side="b"
            ),
        },
    )


def results_html(
    a: Article,
    b: Article,
    result: dict,
    quote_sides: dict[int, Side],
    event_sides: dict[int, Side],
    filters: Filters,
) -> SafeString:
    rows, only_a, only_b = comparisons.page_rows(result, quote_sides, event_sides, filters)
    lines, ticks = comparisons.ribbons(rows, only_a, only_b, len(a.body), len(b.body))
    return render_to_string(
        f"{TEMPLATE}#results",
        {
            "article_a": a,
            "article_b": b,
            "filters": filters,
            "n_rows": len(rows),
            "n_only_a": len(only_a),
            "n_only_b": len(only_b),
            "ribbons_svg": mark_safe(ribbons_svg(lines, ticks, len(rows))),
            "rows_html": mark_safe("".join(row_html(r) for r in rows)),
            "only_html": mark_safe(
                only_column_html("a", a.outlet.name, only_a)
                + only_column_html("b", b.outlet.name, only_b)
            ),
        },
    )


def ribbons_svg(lines: list, ticks: list, n_rows: int) -> str:
    parts = [
        f'<svg class="ribbons" viewBox="0 0 1000 140" preserveAspectRatio="none" role="img" '
        f'aria-label="{n_rows} aligned passages">'
        '<rect class="bar bar-a" x="0" y="8" width="1000" height="14" rx="3"></rect>'
        '<rect class="bar bar-b" x="0" y="118" width="1000" height="14" rx="3"></rect>'
    ]
    for r in lines:
        conflict = " ribbon-conflict" if r.conflict else ""
        parts.append(
            f'<a href="#{r.dom_id}" class="ribbon-link" data-pair="{r.dom_id}">'
            f'<path class="ribbon{conflict}" d="{r.path}" fill-opacity="{r.opacity}">'
            f"<title>{escape(r.title)}</title></path></a>"
        )
    for t in ticks:
        parts.append(
            f'<a href="#{t.dom_id}" class="tick-link"><rect class="tick" x="{t.x}" y="{t.y}" '
            f'width="{t.width}" height="14"><title>{escape(t.title)}</title></rect></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _side_attrs(prefix: str, side: Side) -> str:
    return (
        f'data-{prefix}-key="{side.keys}" data-{prefix}-id="{side.ids}" '
        f'data-{prefix}-article="{side.article_id}" data-{prefix}-start="{side.start}" '
        f'data-{prefix}-end="{side.end}"'
    )


def _pair_side(letter: str, side: Side, diff_html: str) -> str:
    label = escape(side.label) if side.label else "—"
    return (
        f'<div class="pair-side side-{letter}"><p class="who small"><strong>{label}</strong> '
        f'<span class="muted">{escape(side.detail)}</span></p>'
        f'<p class="pair-text">{diff_html}</p></div>'
    )


def row_html(row: Row) -> str:
    score_class = " ok" if row.score >= 85 else (" warn" if row.score < 60 else "")
    flags = "".join(
        f'<span class="badge flag flag-{flag}">{escape(label)}</span>'
        for flag, label in row.labelled_flags
    )
    conflict = " pair-conflict" if row.conflict else ""
    return (
        f'<article class="pair card{conflict}" id="{row.dom_id}" tabindex="0" '
        f'data-kind="{row.kind}" data-score="{row.score}" '
        f"{_side_attrs('a', row.a)} {_side_attrs('b', row.b)}>"
        f'<div class="pair-meta"><span class="score badge{score_class}" '
        f'title="Alignment score out of 100">{row.score}</span>'
        f'<span class="pair-kind muted small">{row.kind.capitalize()}</span>{flags}'
        f'<a class="show-in-text small" href="#text-a-{row.a.key}" data-a="{row.a.keys}" '
        f'data-b="{row.b.keys}">Show in text</a></div>'
        f'<div class="pair-sides">{_pair_side("a", row.a, row.diff_a)}'
        f"{_pair_side('b', row.b, row.diff_b)}</div>"
        f'<div class="annotate-slot" data-annotate-for="{row.dom_id}"></div></article>'
    )


def _only_item_html(letter: str, item: Side) -> str:
    dom_id = f"only-{letter}-{item.kind[0]}-{item.id}"
    label = escape(item.label) if item.label else "—"
    return (
        f'<div class="only-item card" id="{dom_id}" data-side="{letter}" data-kind="{item.kind}" '
        f'data-key="{item.key}" data-id="{item.id}" data-article="{item.article_id}" '
        f'data-start="{item.start}" data-end="{item.end}">'
        f'<p class="who small"><strong>{label}</strong> <span class="muted">'
        f"{item.kind.capitalize()} · {escape(item.detail)}</span> "
        f'<a class="show-in-text" href="#text-{letter}-{item.key}" data-{letter}="{item.key}">'
        f"Show in text</a></p>"
        f'<p class="pair-text">{escape(item.text)}</p>'
        f'<div class="annotate-slot" data-annotate-for="{dom_id}"></div></div>'
    )


def only_column_html(letter: str, outlet: str, items: list[Side]) -> str:
    """One side's omission band: its quotes shown, its events folded under a summary (they are
    many and mostly background), opened by the reader or by a tick in the ribbon picture."""
    outlet = escape(outlet)
    quotes = [i for i in items if i.kind == "quote"]
    events = [i for i in items if i.kind == "event"]
    parts = [
        f'<section class="only-col side-{letter}" aria-label="Only in {outlet}">'
        f"<h3>Only in {letter.upper()} · {outlet}</h3>"
    ]
    parts += [_only_item_html(letter, q) for q in quotes]
    if not quotes:
        parts.append('<p class="muted small">No quotes.</p>')
    if events:
        n = len(events)
        parts.append(
            f'<details class="only-events"><summary>Show {n} event{"s" if n != 1 else ""} '
            f"only in {letter.upper()}</summary>"
            + "".join(_only_item_html(letter, e) for e in events)
            + "</details>"
        )
    parts.append("</section>")
    return "".join(parts)


# --- The whole page, with the person's bits put in per request --------------------------------
#
# A cached page is rendered with stand-ins for what differs between people (the CSRF token and
# the user name in base.html); each request swaps in its own. Whether someone is logged in or
# staff changes what base.html and the annotation panel show, so it is part of the key. A
# request with pending messages is rendered normally and not cached.

CSRF_SLOT = "pxslotcsrf7d1e"
USER_SLOT = "pxslotuser7d1e"


class StandInUser:
    """Renders like a logged-in user whose name is USER_SLOT (or like an anonymous one)."""

    def __init__(self, user) -> None:
        self.is_authenticated = user.is_authenticated
        self.is_anonymous = not user.is_authenticated
        self.is_staff = getattr(user, "is_staff", False)
        self.is_superuser = getattr(user, "is_superuser", False)
        self.pk = self.id = 0 if user.is_authenticated else None

    def get_username(self) -> str:
        return USER_SLOT if self.is_authenticated else ""

    def __str__(self) -> str:
        return self.get_username()


def page_key(request, a: int, b: int, filters: Filters, form: forms.Form) -> str | None:
    """The whole page's cache key from one small query (both articles' state and heads), or
    None when this page must not come from the cache."""
    from django.contrib.messages import get_messages

    if form.errors or len(get_messages(request)):
        return None
    rows = article_state(a, b)
    if len(rows) != 2 or any(row[1] != Article.Status.DONE for row in rows):
        return None
    user = request.user
    audience = "staff" if user.is_staff else ("user" if user.is_authenticated else "anon")
    raw = "|".join(
        [PAGE_FINGERPRINT, BASE_FINGERPRINT, comparisons.stamp_parts(), audience, request.path]
        + [_filters_key(filters)]
        + [repr(row) for row in rows]
    )
    return "compare-page:" + hashlib.sha1(raw.encode()).hexdigest()


def article_state(a: int, b: int) -> list[tuple]:
    """Both articles' state (status, extraction and edit times, outlet), read from the database
    at most once every PARALLAX_COMPARE_RECHECK_SECONDS per cache (0: on every request). A
    re-extracted or edited article therefore shows on its compare pages that long afterwards at
    the latest, and a page served from the cache costs no query for anonymous readers."""
    recheck = settings.PARALLAX_COMPARE_RECHECK_SECONDS
    key = f"compare-state:{a}:{b}"
    rows = cache.get(key) if recheck > 0 else None
    if rows is None:
        rows = sorted(
            Article.objects.filter(pk__in=[a, b]).values_list(
                "pk", "status", "extracted_at", "updated", "outlet__name"
            )
        )
        if recheck > 0:
            cache.set(key, rows, recheck)
    return rows


def stand_in_context(request) -> dict:
    return {"csrf_token": CSRF_SLOT, "user": StandInUser(request.user)}


def personalise(html: str, request) -> str:
    from django.middleware.csrf import get_token

    html = html.replace(CSRF_SLOT, get_token(request))
    if request.user.is_authenticated:
        html = html.replace(USER_SLOT, escape(request.user.get_username()))
    return html
