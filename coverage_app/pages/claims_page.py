"""What the compare page shows of a comparison's claims and wording (stored in its result).

Claims are stored by value (text and offsets), so the page makes `Side`s of them itself: each
claim gets an id unique on the page (pairs first, then A's one-side claims, then B's), shown in
the full texts under the key "c<id>". A wording contrast k marks every use of its terms under
the key "w<k>" in both texts, so "Show in text" highlights all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage_app.pages.sides import FLAG_LABELS, Filters, Row, Side
from coverage_app.text.claims.claim_sentences import fact_weight

SOURCE_LABELS = {
    "entity": "Named differently",
    "aligned": "Swapped in the same passage",
    "distinctive": "Distinctive of one outlet",
    "attribution": "How speech is attributed",
}
SOURCE_CHOICES = [("", "All wording"), *SOURCE_LABELS.items()]
# Uses of a term per side an annotation on a contrast points at: the first one, since an
# annotation links at most two spans (annotations.MAX_TARGETS), one in each article.
ANNOTATED_USES = 1


@dataclass
class Contrast:
    """One wording contrast as the page shows it."""

    index: int
    a: str | None
    b: str | None
    source: str
    count_a: int
    count_b: int
    z: float | None
    spans_a: list[list[int]]
    spans_b: list[list[int]]

    @property
    def key(self) -> str:
        return f"w{self.index}"

    @property
    def dom_id(self) -> str:
        return f"wording-{self.index}"

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)

    def spans_for(self, article_id: int, side: str) -> str:
        """The first uses as "article:start:end" words (what the annotation button sends)."""
        spans = (self.spans_a if side == "a" else self.spans_b)[:ANNOTATED_USES]
        return " ".join(f"{article_id}:{s}:{e}" for s, e in spans)


def claim_spans(row_or_side) -> str:
    """ "article:start:end" of a claim pair's two sides, or of one claim."""
    sides = [row_or_side.a, row_or_side.b] if isinstance(row_or_side, Row) else [row_or_side]
    return " ".join(f"{s.article_id}:{s.start}:{s.end}" for s in sides)


# The one-side claims a band shows at once: those carrying most facts (names, numbers,
# dates), at least FACT_MIN of them; the rest fold behind a count.
SHOWN_CLAIMS = 5
FACT_MIN = 1


@dataclass
class ClaimBand:
    """One outlet's one-side claims: the fact-carrying ones shown, the rest folded (each list
    in reading order, as (side, spans) for the template)."""

    letter: str
    shown: list[tuple[Side, str]]
    folded: list[tuple[Side, str]]

    @classmethod
    def of(cls, letter: str, sides: list[Side]) -> ClaimBand:
        weights = {s.key: fact_weight(s.text) for s in sides}
        ranked = sorted(
            (s for s in sides if weights[s.key] >= FACT_MIN),
            key=lambda s: (-weights[s.key], s.start),
        )
        first = {s.key for s in ranked[:SHOWN_CLAIMS]}
        return cls(
            letter,
            [(s, claim_spans(s)) for s in sides if s.key in first],
            [(s, claim_spans(s)) for s in sides if s.key not in first],
        )

    @property
    def count(self) -> int:
        return len(self.shown) + len(self.folded)


@dataclass
class ClaimsView:
    rows: list[Row]
    only_a: list[Side]
    only_b: list[Side]
    contrasts: list[Contrast]
    spans: list[Side]  # every claim and every use of a contrasted term, for the full texts
    article_a_id: int = 0
    article_b_id: int = 0

    @property
    def pairs(self) -> list[tuple[Row, str]]:
        return [(row, claim_spans(row)) for row in self.rows]

    @property
    def bands(self) -> list[ClaimBand]:
        return [ClaimBand.of("a", self.only_a), ClaimBand.of("b", self.only_b)]

    @property
    def wording(self) -> list[tuple[Contrast, str]]:
        return [
            (
                c,
                " ".join(
                    x
                    for x in (
                        c.spans_for(self.article_a_id, "a"),
                        c.spans_for(self.article_b_id, "b"),
                    )
                    if x
                ),
            )
            for c in self.contrasts
        ]


ATTRIBUTED = "Attributed"  # a Side's detail for a sentence that reports what someone said


def _claim_side(claim: dict, claim_id: int, article_id: int) -> Side:
    detail = ATTRIBUTED if claim.get("attributed") else "Claim"
    return Side(
        "claim", claim_id, article_id, claim["start"], claim["end"], claim["text"], "", detail
    )


def _stated(side: Side) -> bool:
    """Whether a claim side is the writer's own statement, not reported speech with its tag
    (which the quotes section shows)."""
    return side.detail != ATTRIBUTED


@dataclass
class ClaimParts:
    """Everything a stored result holds of claims and wording, as the page shows it, before any
    filter: built once per page (`claim_parts`), filtered per request (`claims_view`)."""

    rows: list[Row]
    only_a: list[Side]
    only_b: list[Side]
    contrasts: list[Contrast]
    spans: list[Side]  # every claim and every use of a contrasted term, for the full texts
    article_a_id: int
    article_b_id: int


def claim_parts(result: dict, a_id: int, b_id: int) -> ClaimParts:
    """A stored result's claim pairs, one-side claims and wording contrasts as `Row`s, `Side`s
    and `Contrast`s, and every span they mark in the full texts."""
    stored = result.get("claims") or {"pairs": [], "only_a": [], "only_b": []}
    pairs, only_a, only_b = stored["pairs"], stored["only_a"], stored["only_b"]
    all_rows = [
        Row(
            "claim",
            _claim_side(p["a"], k, a_id),
            _claim_side(p["b"], k, b_id),
            p["score"],
            p["flags"],
            p.get("conflict", False),
            p["diff"],
        )
        for k, p in enumerate(pairs)
    ]
    # Two sentences that both report what someone said are a pair of the quotes section's.
    all_rows = [r for r in all_rows if _stated(r.a) or _stated(r.b)]
    first_a, first_b = len(pairs), len(pairs) + len(only_a)
    all_only_a = [_claim_side(c, first_a + i, a_id) for i, c in enumerate(only_a)]
    all_only_b = [_claim_side(c, first_b + j, b_id) for j, c in enumerate(only_b)]
    all_only_a, all_only_b = (
        [s for s in all_only_a if _stated(s)],
        [s for s in all_only_b if _stated(s)],
    )
    all_contrasts = [
        Contrast(
            k,
            c["a"],
            c["b"],
            c["source"],
            c["count_a"],
            c["count_b"],
            c["z"],
            c["spans_a"],
            c["spans_b"],
        )
        for k, c in enumerate(result.get("wording") or [])
    ]
    spans = [s for row in all_rows for s in (row.a, row.b)] + all_only_a + all_only_b
    for c in all_contrasts:
        spans += [Side("wording", c.index, a_id, s, e, "", "", "") for s, e in c.spans_a]
        spans += [Side("wording", c.index, b_id, s, e, "", "", "") for s, e in c.spans_b]
    return ClaimParts(all_rows, all_only_a, all_only_b, all_contrasts, spans, a_id, b_id)


def claims_view(parts: ClaimParts, filters: Filters) -> ClaimsView:
    """The claim pairs, one-side claims and wording contrasts under the filters: pairs scoring
    below the claims threshold fall into the one-side bands (in reading order), the "Kind"
    filter shows them for "" and "claims" only, "Conflicts only" keeps conflicting claim pairs
    (and hides the one-side bands, as for quotes), the wording filter picks one source."""
    all_rows, all_contrasts = parts.rows, parts.contrasts
    shown = filters.kind in ("", "claims")
    strong = [r for r in all_rows if r.score >= filters.claims_threshold]
    rows = [r for r in strong if shown and (r.conflict or not filters.conflicts)]
    keep_only = shown and not filters.conflicts
    # A pair below the claims threshold is two claims each stated by one outlet only.
    weak = [r for r in all_rows if r.score < filters.claims_threshold]
    all_only_a = sorted(parts.only_a + [r.a for r in weak if _stated(r.a)], key=lambda s: s.start)
    all_only_b = sorted(parts.only_b + [r.b for r in weak if _stated(r.b)], key=lambda s: s.start)
    contrasts = [
        c for c in all_contrasts if shown and (not filters.wording or c.source == filters.wording)
    ]
    return ClaimsView(
        rows=rows,
        only_a=all_only_a if keep_only else [],
        only_b=all_only_b if keep_only else [],
        contrasts=contrasts,
        spans=parts.spans,
        article_a_id=parts.article_a_id,
        article_b_id=parts.article_b_id,
    )


__all__ = [
    "FLAG_LABELS", "SOURCE_CHOICES", "ClaimParts", "ClaimsView", "Contrast", "claim_parts",
    "claims_view",
]  # fmt: skip
