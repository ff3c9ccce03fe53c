"""Stitched quotes: one outlet quotes an utterance in two spans around "X told reporters", the
other runs them together as one quote. Finds the spans of one utterance and matches them, as a
whole, with the other side's single quote."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from coverage_app.text.align.flags import is_quotation
from coverage_app.text.align.scoring import Vocabulary, incidence, quote_scores
from coverage_app.text.align.tokens import content_tokens
from coverage_app.text.people.name_match import name_key

STITCH = " … "
STITCH_MAX_GAP = 300  # characters between two spans of one utterance
STITCH_ADJACENT_GAP = 80  # same speaker's quotes this close are one utterance whatever numbered
STITCH_COVER = 0.8  # share of the stitched quote's words the joined spans must hold
STITCH_COVER_GAIN = 0.25  # and how much more than the best single span holds


def utterance_groups(quotes: Sequence[dict]) -> list[list[int]]:
    """Quotes that are spans of one utterance: the same `utterance` number and speaker, direct
    or partial, two or three of them, each starting close after the previous one ends."""
    by_utterance: dict[tuple, list[int]] = {}
    for i, q in enumerate(quotes):
        if q.get("utterance") is None or not is_quotation(q.get("kind")):
            continue
        by_utterance.setdefault((q["utterance"], name_key(q.get("speaker"))), []).append(i)
    # Numbering aside, a direct quote that follows the same speaker's quote after only a short
    # attribution ('," Varga told reporters. "') continues it.
    ordered = sorted(
        (i for i, q in enumerate(quotes) if is_quotation(q.get("kind")) and q.get("end")),
        key=lambda i: quotes[i].get("start") or 0,
    )
    for i, k in zip(ordered, ordered[1:], strict=False):
        gap = (quotes[k].get("start") or 0) - (quotes[i].get("end") or 0)
        same = name_key(quotes[i].get("speaker")) == name_key(quotes[k].get("speaker")) != ""
        if not (same and 0 <= gap <= STITCH_ADJACENT_GAP):
            continue
        holding = [key for key, m in by_utterance.items() if i in m or k in m]
        merged = sorted({i, k} | {x for key in holding for x in by_utterance.pop(key)})
        by_utterance[("adjacent", i)] = merged
    groups = []
    for members in by_utterance.values():
        members.sort(key=lambda i: quotes[i].get("start") or 0)
        close = all(
            0 <= (quotes[k].get("start") or 0) - (quotes[i].get("end") or 0) <= STITCH_MAX_GAP
            for i, k in zip(members, members[1:], strict=False)
        )
        if 2 <= len(members) <= 3 and close:
            groups.append(members)
    return groups


def token_coverage(left: list[list[str]], right: list[list[str]]) -> np.ndarray:
    """Share (0-1) of each right token set found in each left one."""
    if not left or not right:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    vocab = Vocabulary()
    a = [vocab.encode(t) for t in left]
    b = [vocab.encode(t) for t in right]
    size = max(len(vocab.ids), 1)
    ma, mb = incidence(a, size), incidence(b, size)
    shared = (ma @ mb.T).toarray()
    sizes_b = np.asarray(mb.sum(axis=1)).ravel()[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(shared / sizes_b).astype(np.float32)


def _stitch_candidates(
    groups: list[list[int]], spans: Sequence[dict], others: Sequence[dict], min_score: float
) -> list[tuple[float, list[int], int]]:
    """(score, group, other index) where the joined spans match one quote of the other side
    clearly better than any single span does (that quote is the stitched one)."""
    if not groups or not others:
        return []
    joined = [
        {**spans[g[0]], "text": " ".join(spans[i].get("text", "") for i in g)} for g in groups
    ]
    joined_scores = quote_scores(joined, others)
    other_tokens = [content_tokens(o.get("text", "")) for o in others]
    joined_cover = token_coverage([content_tokens(j["text"]) for j in joined], other_tokens)
    members = sorted({i for g in groups for i in g})
    member_cover = token_coverage(
        [content_tokens(spans[i].get("text", "")) for i in members], other_tokens
    )
    row_of = {i: r for r, i in enumerate(members)}
    out = []
    for gi, group in enumerate(groups):
        best_single = member_cover[[row_of[i] for i in group]].max(axis=0)
        for j in range(len(others)):
            # The other quote draws its words from several spans: together they cover it
            # (nearly) whole, each alone clearly less.
            if (
                joined_scores[gi, j] >= min_score
                and joined_cover[gi, j] >= STITCH_COVER
                and joined_cover[gi, j] >= best_single[j] + STITCH_COVER_GAIN
            ):
                out.append((float(joined_scores[gi, j]), group, j))
    return out


def stitched_matches(
    left: Sequence[dict], right: Sequence[dict], scores: np.ndarray, *, min_score: float
) -> list[tuple[list[int], list[int], float]]:
    """Spans of one utterance in one article matched, as a whole, with a single quote of the
    other article: ([left indexes], [right indexes], score), strongest first, each quote used
    once. The joined spans must cover the quote clearly better than any one span does."""
    found = [
        (score, group, [j])
        for score, group, j in _stitch_candidates(utterance_groups(left), left, right, min_score)
    ] + [
        (score, [i], group)
        for score, group, i in _stitch_candidates(utterance_groups(right), right, left, min_score)
    ]
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for score, parts_a, parts_b in sorted(found, key=lambda f: -f[0]):
        if used_a & set(parts_a) or used_b & set(parts_b):
            continue
        used_a.update(parts_a)
        used_b.update(parts_b)
        out.append((parts_a, parts_b, score))
    return out
