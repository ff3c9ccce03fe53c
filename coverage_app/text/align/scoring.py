"""Scoring every quote (or event) of one article against every one of the other, as a matrix.

Token-set measures (IDF-weighted containment, which tolerates trimming, and Dice, which
tolerates rewording) come from one sparse matrix product, and the token-order similarity from
`rapidfuzz.process.cdist` (each token is mapped to one character, so `fuzz.ratio` over those
strings is a word-level ratio and the whole matrix costs milliseconds). Speakers, figures, the
sentence around a reported clause or a short partial quote then move a quote pair's score;
agreeing actor, action, participants, place and date move an event pair's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from coverage_app.text.align.tokens import content_tokens
from coverage_app.text.people.name_match import (
    SPEAKER_DIFFERENT_BELOW,
    SPEAKER_SAME_AT,
    is_named,
    is_organisation,
    name_key,
    speaker_similarity,
)

# Speaker agreement moves the text score by this much.
SAME_SPEAKER_BONUS = 8
SPEAKER_BONUS_DECAY = 1.0  # the bonus is divided by (same-speaker candidates) ** (this / 2)
CONTAINMENT_POWER = 1.5  # how sharply partial containment is discounted (see text_similarity)
DIFFERENT_SPEAKER_PENALTY = 20
# Two partial quotes of at most this many content words pair only as far as their sentences
# agree: the score is capped at BASE + SLOPE × the sentences' similarity (0-100).
SHORT_PARTIAL = 2
SHORT_PARTIAL_CAP_BASE = 10
SHORT_PARTIAL_CAP_SLOPE = 2.0
NUMBER_BONUS = 8  # per figure both sides give (at most two)
NUMBER_PENALTY = 8  # both sides give figures, none the same
EVENT_BONUS = {"action": 8, "actor": 6, "participants": 4, "place": 5, "date": 5}


class Vocabulary:
    """Maps tokens to ids (and to one character each, for word-level rapidfuzz ratios)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def encode(self, tokens: Sequence[str]) -> list[int]:
        return [self.ids.setdefault(t, len(self.ids)) for t in tokens]

    @staticmethod
    def as_chars(ids: Sequence[int]) -> str:
        # Private-use and supplementary planes: one code point per token, never whitespace.
        return "".join(chr(0xF0000 + i) if i < 0xFFFD else chr(0x100000 + i % 0xFFFD) for i in ids)


def incidence(rows: list[list[int]], size: int) -> sparse.csr_matrix:
    indptr, indices = [0], []
    for ids in rows:
        unique = sorted(set(ids))
        indices.extend(unique)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), size))


def text_similarity(
    left: list[list[str]],
    right: list[list[str]],
    *,
    containment_power: float = CONTAINMENT_POWER,
) -> np.ndarray:
    """0-100 similarity of every left token list against every right one (a len(left)×len(right)
    matrix): the best of trimmed-tolerant containment, Dice overlap and word-order ratio."""
    n, m = len(left), len(right)
    if not n or not m:
        return np.zeros((n, m), dtype=np.float32)
    vocab = Vocabulary()
    left_ids = [vocab.encode(t) for t in left]
    right_ids = [vocab.encode(t) for t in right]
    size = max(len(vocab.ids), 1)
    a = incidence(left_ids, size)
    b = incidence(right_ids, size)
    # IDF over both sides: words in every quote ("russia", "peace") weigh less than rare ones.
    df = np.asarray(a.sum(axis=0)).ravel() + np.asarray(b.sum(axis=0)).ravel()
    # Smoothed (ten empty pseudo-quotes) so that tiny comparisons weigh every word alike.
    idf = (1.0 + np.log((n + m + 10.0) / (df + 10.0))).astype(np.float32)
    shared_weight = (a.multiply(idf).tocsr() @ b.T).toarray()
    shared_count = (a @ b.T).toarray()
    weight_a = np.asarray(a @ idf).ravel()[:, None]
    weight_b = np.asarray(b @ idf).ravel()[None, :]
    len_a = np.asarray(a.sum(axis=1)).ravel()[:, None]
    len_b = np.asarray(b.sum(axis=1)).ravel()[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        containment = np.nan_to_num(shared_weight / np.minimum(weight_a, weight_b))
        dice = np.nan_to_num(2.0 * shared_weight / (weight_a + weight_b))
    # Containment is only trusted once the shorter side has a few words: a one-word partial
    # quote is contained in many long quotes.
    shorter = np.minimum(len_a, len_b)
    trust = np.where(shorter >= 3, 1.0, np.where(shorter == 2, 0.9, 0.7))
    # Raised to a power: a trimmed quote keeps (nearly) all its words inside the longer one,
    # while another remark on the same topic shares a few ("budget", "pipeline"); 2/3 of the
    # words then counts as 0.54, not 0.67.
    contained = (0.95 * containment**containment_power * trust + 0.05 * dice) * 100.0
    # Word-order similarity over the whole matrix with rapidfuzz.
    order = process.cdist(
        [vocab.as_chars(ids) for ids in left_ids],
        [vocab.as_chars(ids) for ids in right_ids],
        scorer=fuzz.ratio,
        dtype=np.float32,
        workers=-1,
    )
    best = np.maximum(np.maximum(contained, dice * 100.0), order)
    best[shared_count == 0] = np.minimum(best[shared_count == 0], order[shared_count == 0])
    return best.astype(np.float32)


def _speaker_adjustment(
    similarity: np.ndarray, kinds: tuple[tuple[np.ndarray, np.ndarray], ...] | None = None
) -> np.ndarray:
    """Same speaker raises the score, a different known one lowers it. The raise is worth less
    the more candidates share it: when one person gives most of the quotes on both sides
    (a story about one minister), being that person says little about which remark is which,
    so the bonus is divided by the square root of the number of same-speaker candidates."""
    adjust = np.zeros_like(similarity)
    same = similarity >= SPEAKER_SAME_AT
    if same.any():
        per_row = same.sum(axis=1, keepdims=True)
        per_col = same.sum(axis=0, keepdims=True)
        shared = np.sqrt(np.maximum(np.maximum(per_row, per_col), 1))
        adjust = np.where(same, SAME_SPEAKER_BONUS / shared**SPEAKER_BONUS_DECAY, adjust)
    # Two different speakers count against a pair only when each article quotes both of them:
    # then the outlets tell the two voices apart. A speaker the other article never quotes is
    # more likely the same voice under another label (a ministry and its minister, a misread
    # attribution) than a second person.
    heard_in_right = (similarity >= SPEAKER_SAME_AT).any(axis=1)[:, None]
    heard_in_left = (similarity >= SPEAKER_SAME_AT).any(axis=0)[None, :]
    different = (similarity >= 0) & (similarity < SPEAKER_DIFFERENT_BELOW)
    if kinds is not None:
        # An organisation speaks through its people: a body against a person is no conflict;
        # nor is a description ("the agency's head", "a senior official") against a name.
        (named_a, body_a), (named_b, body_b) = kinds
        different &= named_a[:, None] & named_b[None, :]
        different &= body_a[:, None] == body_b[None, :]
    adjust[different & heard_in_right & heard_in_left] = -DIFFERENT_SPEAKER_PENALTY
    return adjust


def own_sentence(quotes: Sequence[dict], index: int) -> str:
    """A reported clause's sentence without the other quotes it holds: '"A," he said, adding
    that B' gives B's sentence less A, which is a remark of its own and is paired on its own."""
    quote = quotes[index]
    sentence = quote.get("sentence") or ""
    own = quote.get("text") or ""
    for k, other in enumerate(quotes):
        text = (other.get("text") or "").strip()
        if k == index or len(text) < 3 or text in own or own in text:
            continue
        sentence = sentence.replace(text, " ")
    return sentence if own in sentence else f"{own} {sentence}"


def raw_quote_scores(left: Sequence[dict], right: Sequence[dict]) -> np.ndarray:
    """The quote scores before they are clipped to 0-100: two candidates that both reach 100
    (a clause and a tighter clause both holding the other side's words) stay ordered."""
    left_tokens = [content_tokens(q.get("text", "")) for q in left]
    right_tokens = [content_tokens(q.get("text", "")) for q in right]
    scores = text_similarity(left_tokens, right_tokens)
    # Reported speech: its sentence may carry the words the clause boundary cut off.
    left_ind = [i for i, q in enumerate(left) if q.get("kind") == "indirect" and q.get("sentence")]
    right_ind = [
        j for j, q in enumerate(right) if q.get("kind") == "indirect" and q.get("sentence")
    ]
    if left_ind:
        via = text_similarity(
            [content_tokens(own_sentence(left, i)) for i in left_ind], right_tokens
        )
        scores[left_ind] = np.maximum(scores[left_ind], via * 0.95)
    if right_ind:
        via = text_similarity(
            left_tokens, [content_tokens(own_sentence(right, j)) for j in right_ind]
        )
        scores[:, right_ind] = np.maximum(scores[:, right_ind], via * 0.95)
    _cap_short_partials(scores, left, right, left_tokens, right_tokens)
    names_a = [q.get("speaker") for q in left]
    names_b = [q.get("speaker") for q in right]
    kinds = tuple(
        (
            np.array([is_named(n) for n in names], dtype=bool),
            np.array([is_organisation(n) for n in names], dtype=bool),
        )
        for names in (names_a, names_b)
    )
    adjust = _speaker_adjustment(speaker_similarity(names_a, names_b), kinds)
    adjust = adjust + _number_adjustment(left_tokens, right_tokens)
    return scores + adjust


def quote_scores(left: Sequence[dict], right: Sequence[dict]) -> np.ndarray:
    """0-100 score of every quote of A against every quote of B."""
    return np.clip(raw_quote_scores(left, right), 0, 100)


def _short_partials(quotes: Sequence[dict], tokens: list[Sequence[str]]) -> list[int]:
    return [
        i
        for i, q in enumerate(quotes)
        if q.get("kind") == "partial" and q.get("sentence") and len(tokens[i]) <= SHORT_PARTIAL
    ]


def _without_speaker(quote: dict, tokens: list[str]) -> list[str]:
    """A sentence's words less the speaker's name ("Halder said ..." shares "halder" with
    every sentence about Halder: it says nothing about which remark it is)."""
    name = set(content_tokens(quote.get("speaker") or ""))
    return [t for t in tokens if t not in name]


def _cap_short_partials(
    scores: np.ndarray,
    left: Sequence[dict],
    right: Sequence[dict],
    left_tokens: list[Sequence[str]],
    right_tokens: list[Sequence[str]],
) -> None:
    """A word or two in quotation marks ("callous", "a strategic failure") is often a phrase
    the speaker used in several remarks: two such partial quotes pair only when the writers'
    sentences around them also agree. Caps `scores` in place."""
    rows = _short_partials(left, left_tokens)
    cols = _short_partials(right, right_tokens)
    if not rows and not cols:
        return

    def around(q: dict) -> list[str]:
        return _without_speaker(q, content_tokens(q["sentence"].replace(q.get("text") or "", " ")))

    context = text_similarity([around(left[i]) for i in rows], [around(right[j]) for j in cols])
    cap = SHORT_PARTIAL_CAP_BASE + SHORT_PARTIAL_CAP_SLOPE * context
    block = np.ix_(rows, cols)
    scores[block] = np.minimum(scores[block], cap)
    # One quoted word ("callous") found inside a whole clause of the other outlet: likewise,
    # the sentence around the word must agree with that clause's sentence. A figure is
    # specific enough on its own.
    for one, quotes, tokens, other, other_tokens, flip in (
        (rows, left, left_tokens, right, right_tokens, False),
        (cols, right, right_tokens, left, left_tokens, True),
    ):
        words = [i for i in one if len(tokens[i]) == 1 and not tokens[i][0][0].isdigit()]
        wholes = [k for k, q in enumerate(other) if q.get("kind") != "partial"]
        if not words or not wholes:
            continue
        whole_context = [
            _without_speaker(other[k], content_tokens(own_sentence(other, k)))
            if other[k].get("kind") == "indirect" else list(other_tokens[k])
            for k in wholes
        ]  # fmt: skip
        context = text_similarity([around(quotes[i]) for i in words], whole_context)
        cap = SHORT_PARTIAL_CAP_BASE + SHORT_PARTIAL_CAP_SLOPE * context
        if flip:
            block, cap = np.ix_(wholes, words), cap.T
        else:
            block = np.ix_(words, wholes)
        scores[block] = np.minimum(scores[block], cap)


def _number_adjustment(left: list[Sequence[str]], right: list[Sequence[str]]) -> np.ndarray:
    """Figures tell remarks apart: each figure both sides give (up to two) raises a pair, and
    two sides that both give figures but share none are lowered."""
    vocab = Vocabulary()
    rows = [vocab.encode([t for t in tokens if t[0].isdigit()]) for tokens in left]
    cols = [vocab.encode([t for t in tokens if t[0].isdigit()]) for tokens in right]
    if not vocab.ids:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    a, b = incidence(rows, len(vocab.ids)), incidence(cols, len(vocab.ids))
    shared = (a @ b.T).toarray()
    both = (np.asarray(a.sum(axis=1)) > 0) & (np.asarray(b.sum(axis=1)) > 0).T
    out = np.where(shared > 0, NUMBER_BONUS * np.minimum(shared, 2), 0.0)
    return np.where(both & (shared == 0), -NUMBER_PENALTY, out).astype(np.float32)


def action_key(action: str | None) -> str:
    tokens = content_tokens(action or "")
    return tokens[0] if tokens else ""


def _event_tokens(event: dict) -> list[str]:
    return content_tokens(
        " ".join(
            [
                event.get("text") or "",
                event.get("action") or "",
                " ".join(event.get("participants") or []),
            ]
        )
    )


def event_scores(left: Sequence[dict], right: Sequence[dict]) -> np.ndarray:
    """0-100 score of every event of A against every event of B."""
    n, m = len(left), len(right)
    if not n or not m:
        return np.zeros((n, m), dtype=np.float32)
    # Events are whole sentences, where partial containment is the norm: no extra discount.
    text = text_similarity(
        [_event_tokens(e) for e in left], [_event_tokens(e) for e in right], containment_power=1.0
    )
    actions_a = [action_key(e.get("action")) for e in left]
    actions_b = [action_key(e.get("action")) for e in right]
    action = np.array(
        [[100.0 if x and x == y else 0.0 for y in actions_b] for x in actions_a], dtype=np.float32
    )
    actor = speaker_similarity([e.get("actor") for e in left], [e.get("actor") for e in right])
    participants = text_similarity(
        [content_tokens(" ".join(e.get("participants") or [])) for e in left],
        [content_tokens(" ".join(e.get("participants") or [])) for e in right],
    )
    place = _equal_when_known([e.get("place") for e in left], [e.get("place") for e in right])
    when = _equal_when_known([e.get("date") for e in left], [e.get("date") for e in right])
    # The sentence carries most of the evidence (extractors pick different verbs and actors for
    # one happening); agreeing fields add to it. Disagreeing dates or actors do not subtract:
    # such pairs are exactly the conflicts a journalist wants to see.
    bonus = EVENT_BONUS["action"] * (action == 100)
    bonus = bonus + EVENT_BONUS["actor"] * (actor >= SPEAKER_SAME_AT)
    bonus = bonus + EVENT_BONUS["participants"] * (participants >= 50)
    bonus = bonus + EVENT_BONUS["place"] * (place == 100) + EVENT_BONUS["date"] * (when == 100)
    return np.clip(0.85 * text + bonus, 0, 100)


def _equal_when_known(left: Sequence, right: Sequence) -> np.ndarray:
    keys_a = [name_key(str(x)) if x else "" for x in left]
    keys_b = [name_key(str(x)) if x else "" for x in right]
    return np.array(
        [[(100.0 if x == y else 0.0) if x and y else math.nan for y in keys_b] for x in keys_a],
        dtype=np.float32,
    )
