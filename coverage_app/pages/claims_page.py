"""What the compare page shows of a comparison's claims and wording (stored in its result).

Claims are stored by value (text and offsets), so the page makes `Side`s of them itself: each
claim gets an id unique on the page (pairs first, then A's one-side claims, then B's), shown in
the full texts under the key "c<id>". A wording contrast k marks every use of its terms under
the key "w<k>" in both texts, so "Show in text" highlights all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage_app.comparisons import FLAG_LABELS, Filters, Row, Side

SOURCE_LABELS = {
    "entity": "Named differently",
    "aligned": "Swapped in the same passage",
    "distinctive": "Distinctive of one outlet",
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
    def bands(self) -> list[tuple[str, list[tuple[Side, str]]]]:
        return [
            ("a", [(s, claim_spans(s)) for s in self.only_a]),
            ("b", [(s, claim_spans(s)) for s in self.only_b]),
        ]

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


def _claim_side(claim: dict, claim_id: int, article_id: int) -> Side:
    return Side(
        "claim", claim_id, article_id, claim["start"], claim["end"], claim["text"], "", "Claim"
    )


def claims_view(result: dict, a_id: int, b_id: int, filters: Filters) -> ClaimsView:
    """The claim pairs, one-side claims and wording contrasts under the filters: pairs scoring
    below the claims threshold fall into the one-side bands (in reading order), the "Kind"
    filter shows them for "" and "claims" only, "Conflicts only" keeps conflicting claim pairs
    (and hides the one-side bands, as for quotes), the wording filter picks one source."""
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
    first_a, first_b = len(pairs), len(pairs) + len(only_a)
    all_only_a = [_claim_side(c, first_a + i, a_id) for i, c in enumerate(only_a)]
    all_only_b = [_claim_side(c, first_b + j, b_id) for j, c in enumerate(only_b)]
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
    shown = filters.kind in ("", "claims")
    strong = [r for r in all_rows if r.score >= filters.claims_threshold]
    rows = [r for r in strong if shown and (r.conflict or not filters.conflicts)]
    keep_only = shown and not filters.conflicts
    # A pair below the claims threshold is two claims each stated by one outlet only.
    weak = [r for r in all_rows if r.score < filters.claims_threshold]
    all_only_a = sorted(all_only_a + [r.a for r in weak], key=lambda s: s.start)
    all_only_b = sorted(all_only_b + [r.b for r in weak], key=lambda s: s.start)
    contrasts = [
        c for c in all_contrasts if shown and (not filters.wording or c.source == filters.wording)
    ]
    return ClaimsView(
        rows=rows,
        only_a=all_only_a if keep_only else [],
        only_b=all_only_b if keep_only else [],
        contrasts=contrasts,
        spans=spans,
        article_a_id=a_id,
        article_b_id=b_id,
    )


__all__ = ["FLAG_LABELS", "SOURCE_CHOICES", "ClaimsView", "Contrast", "claims_view"]
