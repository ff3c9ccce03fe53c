"""Aligning what two articles report: their quotes and their events, one-to-one.

Pure: takes plain dicts (the shape `extract` returns) and gives plain data back.

Quotes are compared over the whole A×B matrix at once:
- each quote becomes a list of *content tokens*: lower-cased, stop words and pronouns dropped
  (reported speech turns "we" into "Russia"), negations folded into "not", a light stemmer, and
  a small synonym table for the vocabulary of politics and diplomacy news (ready/prepared,
  talks/negotiate, proposal/offer, said/stated...), so that the same remark translated or
  reworded by two outlets lands on the same tokens;
- token-set measures (IDF-weighted containment, which tolerates trimming, and Dice, which
  tolerates rewording) come from one sparse matrix product, and the token-order similarity
  from `rapidfuzz.process.cdist` (each token is mapped to one character, so `fuzz.ratio` over
  those strings is a word-level ratio and the whole matrix costs milliseconds);
- indirect quotes are also scored through their sentence; speakers (names matched with
  rapidfuzz: "Ana Tarnov" ~ "Tarnov"), figures, negation, the sentence around a quoted word or
  two, the kinds and lengths of the two sides are further features;
- a fitted pair classifier (`scoring.pair_model`, logistic regression trained on labelled links
  by `manage.py train_models --only pairs`) weighs them into the probability that the two are
  one remark, shown as a 0-100 score whose DEFAULT_MIN_SCORE is the classifier's
  cross-validated threshold;
- `scipy.optimize.linear_sum_assignment` then picks the best one-to-one pairs above the
  threshold; a long quote then also takes a second passage of
  the other outlet that it covers (two paraphrases of its parts, or a restatement), and an
  outlet's quote of a remark joins the pair its own paraphrase of it made.
  Paragraph order never matters.

Events are aligned the same way on their sentence plus actor, action, participants, place and
date; an aligned event pair whose dates, numbers, negation or actor differ is a conflict.

Every pair carries a 0-100 score, a word-level diff (difflib over words) and flags.

This module is the entry point (`align_quotes`, `align_events`, `Pair`, `Alignment`, `assign`);
the parts live in modules named for what they do:
- `tokens` (content tokens, numbers, negation) with its word lists in `token_words`;
- `name_match` (is this one speaker?) with its word lists in `name_words`;
- `scoring` (the quote and event score matrices);
- `flags` (word diffs and the flags of a pair);
- `stitching` (an utterance quoted in spans by one outlet, whole by the other).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from coverage_app.text.align.flags import (
    CONFLICT_FLAGS,
    OTHER_WORDS,
    STITCHED,
    event_flags,
    is_quotation,
    other_words,
    quote_flags,
    word_diff,
)
from coverage_app.text.align.scoring import (
    SCORE_AT_THRESHOLD,
    calibrated_event_scores,
    event_scores,
    quote_scores,
)
from coverage_app.text.align.stitching import STITCH, stitched_matches
from coverage_app.text.align.tokens import content_tokens
from coverage_app.text.events.event_words import REPORTING
from coverage_app.text.people.name_match import name_key, speaker_similarity

DEFAULT_MIN_SCORE = SCORE_AT_THRESHOLD  # quote pairs: the pair classifier's CV threshold
SENTENCE_LINK_BONUS = 50  # an event pair inside an aligned claim pair (at its full score)


@dataclass(frozen=True)
class Pair:
    """One aligned pair: indexes into the left and right lists."""

    a: int
    b: int
    score: int
    flags: list[str] = field(default_factory=list)
    diff: list[dict] = field(default_factory=list)
    # A stitched pair: every span of the utterance on that side (a == a_parts[0]); else empty.
    a_parts: list[int] = field(default_factory=list)
    b_parts: list[int] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return any(flag in CONFLICT_FLAGS for flag in self.flags)

    def as_dict(self) -> dict:
        out = asdict(self) | {"conflict": self.conflict}
        for key in ("a_parts", "b_parts"):
            if not out[key]:
                del out[key]
        return out


@dataclass(frozen=True)
class Alignment:
    pairs: list[Pair]
    only_a: list[int]
    only_b: list[int]

    def as_dict(self) -> dict:
        return {
            "pairs": [p.as_dict() for p in self.pairs],
            "only_a": self.only_a,
            "only_b": self.only_b,
        }


def shown_score(score: float) -> int:
    """A pair's score as stored and shown: rounded down, so that a pair the alignment left
    under a threshold (59.6 < 60) never passes that threshold on a page that filters stored
    pairs by their shown score."""
    return int(math.floor(float(score)))


def assign(
    scores: np.ndarray,
    *,
    min_score: float,
    floor: float | None = None,
) -> list[tuple]:
    """One-to-one pairs (i, j) maximising the total score among cells ≥ min_score; then, when
    `floor` is lower, the leftovers are paired among cells in [floor, min_score). Strong pairs
    are therefore the same whatever floor is used."""
    chosen: list[tuple[int, int]] = []
    free_rows = np.arange(scores.shape[0])
    free_cols = np.arange(scores.shape[1])
    for threshold in [min_score] + ([floor] if floor is not None and floor < min_score else []):
        if not len(free_rows) or not len(free_cols):
            break
        sub = scores[np.ix_(free_rows, free_cols)]
        # Cubing makes one strong pair worth more than two middling ones.
        weights = np.where(sub >= threshold, (sub / 100.0) ** 3, 0.0)
        rows, cols = linear_sum_assignment(weights, maximize=True)
        keep = [(r, c) for r, c in zip(rows, cols, strict=True) if sub[r, c] >= threshold]
        chosen.extend((int(free_rows[r]), int(free_cols[c])) for r, c in keep)
        used_rows = {r for r, _ in keep}
        used_cols = {c for _, c in keep}
        free_rows = np.array([x for k, x in enumerate(free_rows) if k not in used_rows], dtype=int)
        free_cols = np.array([x for k, x in enumerate(free_cols) if k not in used_cols], dtype=int)
    return sorted(chosen)


def align_quotes(
    left: Sequence[dict],
    right: Sequence[dict],
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    floor: float | None = None,
) -> Alignment:
    """Align quote dicts ({"text", "speaker", "kind", "sentence"?}) of two articles one-to-one.

    Pairs score at least `min_score`; with `floor`, weaker leftovers down to `floor` are paired
    too (so a stored result can be re-filtered at any threshold between the two)."""
    scores = quote_scores(left, right)
    speakers = speaker_similarity(
        [q.get("speaker") for q in left], [q.get("speaker") for q in right]
    )
    pairs = []
    # One outlet's two spans of an utterance against the other's stitched quote: paired first,
    # and their spans leave the one-to-one assignment.
    for parts_a, parts_b, score in stitched_matches(left, right, scores, min_score=min_score):
        a_text = STITCH.join(left[i].get("text", "") for i in parts_a)
        b_text = STITCH.join(right[j].get("text", "") for j in parts_b)
        i, j = parts_a[0], parts_b[0]
        joined_a = dict(left[i], text=a_text)
        joined_b = dict(right[j], text=b_text)
        diff = word_diff(a_text, b_text)
        flags = [STITCHED, *quote_flags(joined_a, joined_b, diff, float(speakers[i, j]))]
        pairs.append(
            Pair(i, j, int(round(score)), flags, diff,
                 parts_a if len(parts_a) > 1 else [], parts_b if len(parts_b) > 1 else [])
        )  # fmt: skip
        scores[parts_a, :] = 0
        scores[:, parts_b] = 0
    chosen = assign(scores, min_score=min_score, floor=floor)
    extra = covered_pairs(left, right, scores, chosen, min_score=min_score)
    extra += restated_pairs(left, right, scores, chosen, min_score=min_score)
    chosen += extra
    for i, j in chosen:
        diff = word_diff(left[i].get("text", ""), right[j].get("text", ""))
        flags = quote_flags(left[i], right[j], diff, float(speakers[i, j]))
        pairs.append(Pair(i, j, shown_score(scores[i, j]), flags, diff))
    return _alignment(pairs, len(left), len(right))


COVER_LENGTH = 1.5  # a long quote holds a second passage when it has this many times its words
COVER_SHARE = 0.75  # or when it holds this share of the passage's words and has more words


def covered_pairs(
    left: Sequence[dict],
    right: Sequence[dict],
    scores: np.ndarray,
    chosen: list[tuple[int, int]],
    *,
    min_score: float,
) -> list[tuple[int, int]]:
    """One long quote in one outlet, two renderings of its parts in the other (two
    paraphrases, or a quote and the reported clause that repeats its point): after the
    one-to-one pairs, a passage left unpaired whose best match (at least `min_score`) is an
    already paired quote that covers it pairs with that quote too. Covering: COVER_LENGTH
    times its words, or COVER_SHARE of them and more words (a copy never pairs twice)."""
    if not len(left) or not len(right):
        return []
    used_a = {i for i, _ in chosen}
    used_b = {j for _, j in chosen}
    tokens_a = [content_tokens(q.get("text", "")) for q in left]
    tokens_b = [content_tokens(q.get("text", "")) for q in right]

    def covers(whole: list[str], part: list[str]) -> bool:
        if not part or len(whole) <= len(part):
            return False
        words = set(whole)
        held = sum(t in words for t in part) / len(part)
        return len(whole) >= COVER_LENGTH * len(part) or held >= COVER_SHARE

    extra = []
    for j in range(len(right)):
        i = int(np.argmax(scores[:, j]))
        if j not in used_b and i in used_a and scores[i, j] >= min_score:
            if covers(tokens_a[i], tokens_b[j]):
                extra.append((i, j))
    for i in range(len(left)):
        j = int(np.argmax(scores[i]))
        if i not in used_a and j in used_b and scores[i, j] >= min_score:
            if covers(tokens_b[j], tokens_a[i]):
                extra.append((i, j))
    return extra


def restated_pairs(
    left: Sequence[dict],
    right: Sequence[dict],
    scores: np.ndarray,
    chosen: list[tuple[int, int]],
    *,
    min_score: float,
) -> list[tuple[int, int]]:
    """One remark given twice by one outlet, in quotation marks and, elsewhere in the article,
    as reported speech: when the one-to-one assignment gave the other outlet's rendering the
    paraphrase, the quote joins that pair too (the link is to the remark, quoted and
    reported). After the one-to-one pairs, a quote left unpaired joins the pair of the other
    side's item when it is that item's best match and runner-up to its partner (at least
    `min_score`), and the partner is the same speaker's reported clause in a separate passage
    (a partial quote inside its own reported clause is one rendering, not two)."""
    if not len(left) or not len(right):
        return []
    extra = [(i, j) for j, i in _restated(right, scores.T, [(j, i) for i, j in chosen], min_score)]
    return extra + _restated(left, scores, chosen, min_score)


def _restated(
    quotes: Sequence[dict], scores: np.ndarray, chosen: list[tuple[int, int]], min_score: float
) -> list[tuple[int, int]]:
    """`restated_pairs` for the quotes of one side (the rows of `scores`)."""
    partner = {j: i for i, j in chosen}  # other side's item -> its row
    extra = []
    for i in set(range(len(quotes))) - set(partner.values()):
        j = int(np.argmax(scores[i]))
        if j not in partner or scores[i, j] < min_score:
            continue
        if _runner_up(scores[:, j], partner[j]) == i and _restates(quotes[i], quotes[partner[j]]):
            extra.append((i, j))
    return sorted(extra)


def _runner_up(row: np.ndarray, best: int) -> int:
    """The index of the highest score in `row` other than `best`'s."""
    rest = row.astype(float).copy()
    rest[best] = -np.inf
    return int(np.argmax(rest))


def _restates(one: dict, other: dict) -> bool:
    """`one` is in quotation marks, `other` the same speaker's reported clause, neither inside
    the other's passage."""
    speaker = name_key(one.get("speaker"))
    apart = (one.get("end") or 0) <= (other.get("start") or 0) or (other.get("end") or 0) <= (
        one.get("start") or 0
    )
    return (
        speaker != ""
        and speaker == name_key(other.get("speaker"))
        and is_quotation(one.get("kind"))
        and not is_quotation(other.get("kind"))
        and apart
    )


def _alignment(pairs: list[Pair], n: int, m: int) -> Alignment:
    used_a = {i for p in pairs for i in (p.a, *p.a_parts)}
    used_b = {j for p in pairs for j in (p.b, *p.b_parts)}
    return Alignment(
        pairs=sorted(pairs, key=lambda p: (p.a, p.b)),
        only_a=[i for i in range(n) if i not in used_a],
        only_b=[j for j in range(m) if j not in used_b],
    )


def linked_scores(
    scores: np.ndarray, sentence_links: Sequence[tuple[int, int, float]]
) -> np.ndarray:
    """Event-pair scores raised by up to SENTENCE_LINK_BONUS where the two sentences are an
    aligned claim pair (in proportion to that pair's score); `scores` is left unchanged."""
    out = scores.astype(np.float64, copy=True)
    for i, j, score in sentence_links:
        out[i, j] = min(100.0, out[i, j] + SENTENCE_LINK_BONUS * score / 100.0)
    return out


def _without_framing_sayings(
    left: Sequence[dict], right: Sequence[dict], chosen: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Drop a pair of two sayings ("Brenn said ...") whose two sentences another pair already
    links through what was said ("... Dovan has not received any offer"): the happening pair
    tells the reader what both sentences report, and the sayings' pair would show the same
    two sentences again as a second row."""

    def saying(event: dict) -> bool:
        return (event.get("action") or "").lower() in REPORTING

    def sentences(i: int, j: int) -> tuple[str, str]:
        return left[i].get("text", ""), right[j].get("text", "")

    told = {sentences(i, j) for i, j in chosen if not (saying(left[i]) and saying(right[j]))}
    return [
        (i, j)
        for i, j in chosen
        if not (saying(left[i]) and saying(right[j]) and sentences(i, j) in told)
    ]


def align_events(
    left: Sequence[dict],
    right: Sequence[dict],
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    floor: float | None = None,
    sentence_links: Sequence[tuple[int, int, float]] = (),
    scores: np.ndarray | None = None,
) -> Alignment:
    """Align event dicts ({"text", "actor", "action", "participants", "place", "date",
    "negated"}) one-to-one; flags conflicts in dates, numbers, negation and actor.

    `sentence_links` ((event of A, event of B, score), `claim_align.event_links`): events whose two
    sentences are an aligned claim pair gain up to SENTENCE_LINK_BONUS, in proportion to that
    pair's score. Extractors pick different verbs and actors for one happening; two sentences
    stating the same thing are the better evidence that their events are one.
    `scores`: the pair's `event_scores`, when the caller has them already (left unchanged).
    The linked scores are then calibrated (`scoring.calibrated_event_scores`): the threshold
    fitted for event pairs lands on the pages' default threshold."""
    scores = event_scores(left, right) if scores is None else scores
    scores = calibrated_event_scores(linked_scores(scores, sentence_links))
    chosen = _without_framing_sayings(left, right, assign(scores, min_score=min_score, floor=floor))
    actors = speaker_similarity([e.get("actor") for e in left], [e.get("actor") for e in right])
    pairs = []
    for i, j in chosen:
        diff = word_diff(left[i].get("text", ""), right[j].get("text", ""))
        flags = event_flags(left[i], right[j], float(actors[i, j]))
        if other_words(diff):  # scored on who did what and when; the sentences differ
            flags.append(OTHER_WORDS)
        pairs.append(Pair(i, j, shown_score(scores[i, j]), flags, diff))
    return _alignment(pairs, len(left), len(right))
