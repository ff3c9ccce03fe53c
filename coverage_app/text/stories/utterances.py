"""Utterances across several articles (the story matrix, the speaker pages): which quotes of
several articles are one remark, lined up in rows with one cell per article, an outlet that split
what another quoted whole kept in one row. Which quotes are one remark is not decided here: the
pairs come from the stored pairwise comparisons (`coverage_app.comparisons`), the one alignment
every page reads."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class UtteranceRow:
    """One utterance as several articles carry it: article key -> quote key."""

    cells: dict[Hashable, Hashable] = field(default_factory=dict)
    speaker: str = ""
    # Further quotes of one article that are parts of the same utterance (an outlet that
    # split what another quoted whole): article key -> quote keys, in no particular order.
    parts: dict[Hashable, list[Hashable]] = field(default_factory=dict)


def utterance_rows(
    entries_by_article: Mapping[Hashable, Sequence[dict]],
    links: Iterable[tuple[Hashable, Hashable]],
) -> list[UtteranceRow]:
    """Line up several articles' utterances into rows from the pairs the pairwise alignment
    made (`links`: two entry keys each, from the stored comparisons, so the matrix, the speaker
    pages and the compare pages say the same). Linked entries share a row; an article's first
    entry in it (in reading order) is its cell, its further linked entries are `parts` (an
    outlet that split what another quoted whole). Rows come back most-reported first, then in
    the first article's reading order.

    `entries_by_article` maps an article key to entry dicts with "key", "speaker" and "start"."""
    parent: dict[Hashable, Hashable] = {}
    article_of: dict[Hashable, Hashable] = {}
    for article_key, entries in entries_by_article.items():
        for entry in entries:
            parent[entry["key"]] = entry["key"]
            article_of[entry["key"]] = article_key

    def root(key: Hashable) -> Hashable:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for left, right in links:
        if left in parent and right in parent:
            parent[root(left)] = root(right)
    groups: dict[Hashable, list[dict]] = {}
    order: list[Hashable] = []
    for entries in entries_by_article.values():
        for entry in sorted(entries, key=lambda e: e.get("start", 0)):
            top = root(entry["key"])
            if top not in groups:
                groups[top] = []
                order.append(top)
            groups[top].append(entry)
    rows = []
    for top in order:
        row = UtteranceRow()
        for entry in groups[top]:
            article = article_of[entry["key"]]
            if article in row.cells:
                row.parts.setdefault(article, []).append(entry["key"])
            else:
                row.cells[article] = entry["key"]
            row.speaker = row.speaker or entry.get("speaker") or ""
        rows.append(row)
    ranked = sorted(range(len(rows)), key=lambda r: -len(rows[r].cells))
    return [rows[r] for r in ranked]
