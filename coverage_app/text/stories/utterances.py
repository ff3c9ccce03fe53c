"""Utterances across several articles (the story matrix): which quotes of a story's articles
are one remark, lined up in rows with at most one quote per article, an outlet that split what
another quoted whole kept in one row."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, utils

from coverage_app.text.stories.article_similarity import surname


@dataclass
class UtteranceRow:
    """One utterance as several articles carry it: article key -> quote key."""

    cells: dict[Hashable, Hashable] = field(default_factory=dict)
    speaker: str = ""
    # Further quotes of one article that are parts of the same utterance (an outlet that
    # split what another quoted whole): article key -> quote keys, in no particular order.
    parts: dict[Hashable, list[Hashable]] = field(default_factory=dict)


def quote_score(a_text: str, b_text: str, a_speaker: str = "", b_speaker: str = "") -> float:
    """0-100: how likely two quotes are one utterance (fallback when align.py is absent)."""
    a = utils.default_process(a_text)
    b = utils.default_process(b_text)
    if not a or not b:
        return 0.0
    score = max(fuzz.token_set_ratio(a, b) * 0.9, fuzz.token_sort_ratio(a, b), fuzz.ratio(a, b))
    if len(a.split()) < 3 or len(b.split()) < 3:
        score = min(score, fuzz.ratio(a, b))
    if a_speaker and b_speaker:
        same = surname(a_speaker) == surname(b_speaker)
        score = score + 5 if same else score - 15
    return max(0.0, min(100.0, score))


def pairwise_quote_scores(left: Sequence[dict], right: Sequence[dict]) -> np.ndarray:
    """0-100 scores of quote dicts ({"text", "speaker"}) of A against B, with quote_score."""
    scores = np.zeros((len(left), len(right)))
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            scores[i, j] = quote_score(
                a.get("text", ""), b.get("text", ""), a.get("speaker") or "", b.get("speaker") or ""
            )
    return scores


def align_utterances(
    quotes_by_article: Mapping[Hashable, Sequence[dict]],
    *,
    min_score: float = 65,
    scores: Callable[[Sequence[dict], Sequence[dict]], np.ndarray] = pairwise_quote_scores,
) -> list[UtteranceRow]:
    """Line up quotes of several articles into rows, at most one quote per article per row.

    `quotes_by_article` maps an article key to quote dicts with "key", "text", "speaker" (and
    "kind", "sentence" when known). `scores(left, right)` gives a 0-100 matrix
    (`scoring.quote_scores` fits). Articles are taken in order; a quote joins the row whose best
    member scores highest (>= min_score) and has no quote of its article yet, else starts a row.
    Rows come back with the most-reported first.
    """
    rows: list[UtteranceRow] = []
    members: list[dict] = []  # every quote placed so far
    member_row: list[int] = []
    for article_key, quotes in quotes_by_article.items():
        quotes = list(quotes)
        placed: set[int] = set()
        if quotes and members:
            matrix = scores(quotes, members)
            candidates = []
            for q in range(len(quotes)):
                best_by_row: dict[int, float] = {}
                for m, row in enumerate(member_row):
                    value = float(matrix[q, m])
                    if value >= min_score and value > best_by_row.get(row, -1):
                        best_by_row[row] = value
                candidates.extend((value, q, row) for row, value in best_by_row.items())
            candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
            taken: set[int] = set()
            for _value, q, row in candidates:
                if row in taken or q in placed:
                    continue
                rows[row].cells[article_key] = quotes[q]["key"]
                taken.add(row)
                placed.add(q)
                members.append(quotes[q])
                member_row.append(row)
        for q, quote in enumerate(quotes):
            if q in placed:
                continue
            rows.append(
                UtteranceRow(cells={article_key: quote["key"]}, speaker=quote.get("speaker") or "")
            )
            members.append(quote)
            member_row.append(len(rows) - 1)
    texts = {q["key"]: q.get("text", "") for quotes in quotes_by_article.values() for q in quotes}
    rows = _join_split_utterances(rows, texts)
    order = sorted(range(len(rows)), key=lambda r: -len(rows[r].cells))
    return [rows[r] for r in order]


def _is_part_of(part: str, whole: str, *, min_score: float = 90, min_words: int = 4) -> bool:
    part, whole = utils.default_process(part), utils.default_process(whole)
    if len(part.split()) < min_words or len(part) >= len(whole):
        return False
    return fuzz.partial_ratio(part, whole) >= min_score


def _join_split_utterances(
    rows: list[UtteranceRow], texts: Mapping[Hashable, str]
) -> list[UtteranceRow]:
    """A row holding one article's quote alone joins the row where that article's other quote
    sits, when both are parts of one quote another article carries whole: one outlet split
    an utterance that another quoted in one piece."""
    merged: set[int] = set()
    for r, row in enumerate(rows):
        if len(row.cells) != 1:
            continue
        ((article, key),) = row.cells.items()
        for s, other in enumerate(rows):
            if s == r or s in merged or article not in other.cells or len(other.cells) < 2:
                continue
            own = texts[other.cells[article]]
            wholes = [texts[k] for a, k in other.cells.items() if a != article]
            if any(_is_part_of(texts[key], whole) and _is_part_of(own, whole) for whole in wholes):
                other.parts.setdefault(article, []).append(key)
                merged.add(r)
                break
    return [row for r, row in enumerate(rows) if r not in merged]
