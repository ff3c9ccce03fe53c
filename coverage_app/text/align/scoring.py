"""Scoring every quote (or event) of one article against every one of the other, as a matrix.

Token-set measures (IDF-weighted containment, which tolerates trimming, and Dice, which
tolerates rewording) come from one sparse matrix product, and the token-order similarity from
`rapidfuzz.process.cdist` (each token is mapped to one character, so `fuzz.ratio` over those
strings is a word-level ratio and the whole matrix costs milliseconds).

A quote pair's score is a fitted classifier's (`pair_model.json`, a logistic regression over
`quote_features`: the word measures, the sentence around a reported clause, a short partial
quote's sentence, speaker disagreement, figures, negation, kinds and lengths), trained on
labelled links and non-links by `manage.py train_models --only pairs`, its threshold chosen by
leave-one-event-out cross-validation. Agreeing actor, action, participants, place and date move
an event pair's score (hand-set: events are not refitted yet).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from coverage_app.text import fitted
from coverage_app.text.align.tokens import content_tokens
from coverage_app.text.fitted import LinearModel
from coverage_app.text.people.name_match import (
    SPEAKER_DIFFERENT_BELOW,
    SPEAKER_SAME_AT,
    is_named,
    is_organisation,
    name_key,
    speaker_similarity,
)

CONTAINMENT_POWER = 1.5  # how sharply partial containment is discounted (see text_similarity)
# A partial quote of at most this many content words says little by its own words: the pair
# classifier also reads how far the sentences around it agree.
SHORT_PARTIAL = 2
EVENT_BONUS = {"action": 8, "actor": 6, "participants": 4, "place": 5, "date": 5, "parties": 10}


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


def similarity_parts(
    left: list[list[str]],
    right: list[list[str]],
    *,
    containment_power: float = CONTAINMENT_POWER,
) -> dict[str, np.ndarray]:
    """The parts of `text_similarity` (each a len(left)×len(right) matrix, 0-100):
    "contained" (trimmed-tolerant IDF containment), "dice" (IDF Dice overlap), "order"
    (word-order ratio), "best" (the text similarity) and "shared" (shared token count)."""
    n, m = len(left), len(right)
    if not n or not m:
        empty = np.zeros((n, m), dtype=np.float32)
        return {k: empty for k in ("contained", "dice", "order", "best", "shared")}
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
    return {
        "contained": contained.astype(np.float32),
        "dice": (dice * 100.0).astype(np.float32),
        "order": order.astype(np.float32),
        "best": best.astype(np.float32),
        "shared": shared_count.astype(np.float32),
    }


def text_similarity(
    left: list[list[str]],
    right: list[list[str]],
    *,
    containment_power: float = CONTAINMENT_POWER,
) -> np.ndarray:
    """0-100 similarity of every left token list against every right one (a len(left)×len(right)
    matrix): the best of trimmed-tolerant containment, Dice overlap and word-order ratio."""
    return similarity_parts(left, right, containment_power=containment_power)["best"]


def _speaker_features(
    similarity: np.ndarray, kinds: tuple[tuple[np.ndarray, np.ndarray], ...]
) -> dict[str, np.ndarray]:
    """ "different_speaker": two known speakers differ, each article quotes both, and both are
    named people or both bodies (an organisation speaks through its people, a description is
    no name, and a speaker the other article never quotes is more likely the same voice under
    another label). Agreement is no feature: one person gives most quotes of a story on both
    sides, so being that person says little about which remark is which (it helped neither the
    cross-validated devset nor the check set)."""
    same = similarity >= SPEAKER_SAME_AT
    heard_in_right = same.any(axis=1)[:, None]
    heard_in_left = same.any(axis=0)[None, :]
    different = (similarity >= 0) & (similarity < SPEAKER_DIFFERENT_BELOW)
    (named_a, body_a), (named_b, body_b) = kinds
    different &= named_a[:, None] & named_b[None, :]
    different &= body_a[:, None] == body_b[None, :]
    return {"different_speaker": (different & heard_in_right & heard_in_left).astype(np.float32)}


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


QUOTE_FEATURES = (
    "text",  # best of containment, Dice and word order (0-1)
    "contained",
    "dice",
    "order",
    "short_partial",  # a short partial quote against another quote (its words alone say little)
    "short_partial_context",  # and how far the writers' sentences around them agree (0-1)
    "different_speaker",
    "shared_numbers",  # figures both sides give (at most two)
    "numbers_clash",  # both give figures, none the same
    "both_indirect",
    "one_indirect",
    "any_partial",
)


def quote_features(left: Sequence[dict], right: Sequence[dict]) -> dict[str, np.ndarray]:
    """Every quote of A against every quote of B, as named len(left)×len(right) feature
    matrices (QUOTE_FEATURES): what the pair classifier (`pair_model.json`) weighs."""
    n, m = len(left), len(right)
    left_tokens = [content_tokens(q.get("text", "")) for q in left]
    right_tokens = [content_tokens(q.get("text", "")) for q in right]
    parts = similarity_parts(left_tokens, right_tokens)
    # Reported speech: its sentence may carry the words the clause boundary cut off.
    via = np.zeros((n, m), dtype=np.float32)
    left_ind = [i for i, q in enumerate(left) if q.get("kind") == "indirect" and q.get("sentence")]
    right_ind = [
        j for j, q in enumerate(right) if q.get("kind") == "indirect" and q.get("sentence")
    ]
    if left_ind and m:
        via[left_ind] = text_similarity(
            [content_tokens(own_sentence(left, i)) for i in left_ind], right_tokens
        )
    if right_ind and n:
        via[:, right_ind] = np.maximum(
            via[:, right_ind],
            text_similarity(
                left_tokens, [content_tokens(own_sentence(right, j)) for j in right_ind]
            ),
        )
    short, context = _short_partial_context(left, right, left_tokens, right_tokens)
    names_a = [q.get("speaker") for q in left]
    names_b = [q.get("speaker") for q in right]
    kinds = tuple(
        (
            np.array([is_named(x) for x in names], dtype=bool),
            np.array([is_organisation(x) for x in names], dtype=bool),
        )
        for names in (names_a, names_b)
    )
    shared_numbers, numbers_clash = _number_features(left_tokens, right_tokens)
    ind_a = np.array([q.get("kind") == "indirect" for q in left], dtype=bool)[:, None]
    ind_b = np.array([q.get("kind") == "indirect" for q in right], dtype=bool)[None, :]
    par_a = np.array([q.get("kind") == "partial" for q in left], dtype=bool)[:, None]
    par_b = np.array([q.get("kind") == "partial" for q in right], dtype=bool)[None, :]
    # A short partial quote's own words say little: for such a pair the word measures give way
    # to the sentences around it.
    words = np.where(short, 0.0, 1.0) / 100.0
    out = {
        "text": np.maximum(parts["best"], via) * words,
        "contained": parts["contained"] * words,
        "dice": parts["dice"] * words,
        "order": parts["order"] * words,
        "short_partial": short.astype(np.float32),
        "short_partial_context": np.where(short, context, 0.0) / 100.0,
        **_speaker_features(speaker_similarity(names_a, names_b), kinds),
        "shared_numbers": shared_numbers,
        "numbers_clash": numbers_clash,
        "both_indirect": np.broadcast_to(ind_a & ind_b, (n, m)),
        "one_indirect": np.broadcast_to(ind_a != ind_b, (n, m)),
        "any_partial": np.broadcast_to(par_a | par_b, (n, m)),
    }
    return {k: np.asarray(v, dtype=np.float32) for k, v in out.items()}


PAIR_MODEL = Path(__file__).with_name("pair_model.json")


def pair_model() -> LinearModel:
    """The fitted quote-pair classifier (`manage.py train_models --only pairs`)."""
    return fitted.load(PAIR_MODEL)


# Where the classifier's threshold (chosen by cross-validation) lands on the 0-100 scale: the
# pages' default threshold (`aligner.DEFAULT_MIN_SCORE`), which events share.
SCORE_AT_THRESHOLD = 60


def quote_scores(left: Sequence[dict], right: Sequence[dict]) -> np.ndarray:
    """0-100 score of every quote of A against every quote of B: the pair classifier's
    probability that the two are one remark, mapped monotonically so that its threshold is
    SCORE_AT_THRESHOLD (`fitted.LinearModel.scores`)."""
    if not len(left) or not len(right):
        return np.zeros((len(left), len(right)), dtype=np.float64)
    return pair_model().scores(quote_features(left, right), SCORE_AT_THRESHOLD)


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


def _short_partial_context(
    left: Sequence[dict],
    right: Sequence[dict],
    left_tokens: list[Sequence[str]],
    right_tokens: list[Sequence[str]],
) -> tuple[np.ndarray, np.ndarray]:
    """A word or two in quotation marks ("callous", "a strategic failure") is often a phrase
    the speaker used in several remarks: such a pair is only as good as the writers' sentences
    around them agree. (mask of such pairs, 0-100 similarity of those sentences): two short
    partial quotes, or one quoted word (not a figure) against a whole clause of the other
    outlet (then that clause's sentence)."""
    n, m = len(left), len(right)
    mask = np.zeros((n, m), dtype=bool)
    context = np.zeros((n, m), dtype=np.float32)
    rows = _short_partials(left, left_tokens)
    cols = _short_partials(right, right_tokens)
    if not rows and not cols:
        return mask, context

    def around(q: dict) -> list[str]:
        return _without_speaker(q, content_tokens(q["sentence"].replace(q.get("text") or "", " ")))

    if rows and cols:
        block = np.ix_(rows, cols)
        mask[block] = True
        context[block] = text_similarity(
            [around(left[i]) for i in rows], [around(right[j]) for j in cols]
        )
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
        sim = text_similarity([around(quotes[i]) for i in words], whole_context)
        if flip:
            block, sim = np.ix_(wholes, words), sim.T
        else:
            block = np.ix_(words, wholes)
        mask[block] = True
        context[block] = sim
    return mask, context


def _number_features(
    left: list[Sequence[str]], right: list[Sequence[str]]
) -> tuple[np.ndarray, np.ndarray]:
    """Figures tell remarks apart: (figures both sides give, at most two; 1 where both sides
    give figures but share none)."""
    n, m = len(left), len(right)
    vocab = Vocabulary()
    rows = [vocab.encode([t for t in tokens if t[0].isdigit()]) for tokens in left]
    cols = [vocab.encode([t for t in tokens if t[0].isdigit()]) for tokens in right]
    if not vocab.ids:
        zero = np.zeros((n, m), dtype=np.float32)
        return zero, zero
    a, b = incidence(rows, len(vocab.ids)), incidence(cols, len(vocab.ids))
    shared = (a @ b.T).toarray()
    both = (np.asarray(a.sum(axis=1)) > 0) & (np.asarray(b.sum(axis=1)) > 0).T
    return (
        np.minimum(shared, 2).astype(np.float32),
        (both & (shared == 0)).astype(np.float32),
    )


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
    parties = _same_parties(left, right, action == 100)
    place = _equal_when_known([e.get("place") for e in left], [e.get("place") for e in right])
    when = _equal_when_known([e.get("date") for e in left], [e.get("date") for e in right])
    # The sentence carries most of the evidence (extractors pick different verbs and actors for
    # one happening); agreeing fields add to it. Disagreeing dates or actors do not subtract:
    # such pairs are exactly the conflicts a journalist wants to see.
    bonus = EVENT_BONUS["action"] * (action == 100)
    bonus = bonus + EVENT_BONUS["actor"] * (actor >= SPEAKER_SAME_AT)
    bonus = bonus + EVENT_BONUS["participants"] * (participants >= 50)
    bonus = bonus + EVENT_BONUS["place"] * (place == 100) + EVENT_BONUS["date"] * (when == 100)
    bonus = bonus + EVENT_BONUS["parties"] * parties
    return np.clip(0.85 * text + bonus, 0, 100)


def _parties(event: dict) -> list[str]:
    """The named people and bodies an event is between: its actor and named participants."""
    names = [event.get("actor"), *(event.get("participants") or [])]
    return list(dict.fromkeys(n for n in names if n and is_named(n)))


def _same_parties(left: Sequence[dict], right: Sequence[dict], same_action: np.ndarray):
    """1 where two events of one action are between the same two or more named parties (each
    named on one side is named on the other, whoever is the actor): one outlet's "A will meet
    B" and another's "the meeting between A and B" are one happening in other words."""
    out = np.zeros(same_action.shape, dtype=np.float32)
    for i, j in zip(*np.nonzero(same_action), strict=True):
        a, b = _parties(left[i]), _parties(right[j])
        if len(a) < 2 or len(b) < 2:
            continue
        similar = speaker_similarity(a, b) >= SPEAKER_SAME_AT
        if similar.any(axis=1).all() and similar.any(axis=0).all():
            out[i, j] = 1.0
    return out


EVENT_MODEL = Path(__file__).with_name("event_model.json")


def event_model() -> LinearModel:
    """The fitted event-pair calibration (`manage.py train_models --only events`): a logistic
    over the rule's score (`event_scores` raised by the claim pairs, `aligner.linked_scores`)."""
    return fitted.load(EVENT_MODEL)


def calibrated_event_scores(rule: np.ndarray) -> np.ndarray:
    """The rule's 0-100 event-pair scores mapped monotonically so that the threshold chosen
    for them by leave-one-event-out cross-validation lands on SCORE_AT_THRESHOLD, the pages'
    default threshold, which quote pairs share."""
    if not rule.size:
        return rule.astype(np.float64)
    return event_model().scores({"rule": rule / 100.0}, SCORE_AT_THRESHOLD)


def _equal_when_known(left: Sequence, right: Sequence) -> np.ndarray:
    keys_a = [name_key(str(x)) if x else "" for x in left]
    keys_b = [name_key(str(x)) if x else "" for x in right]
    return np.array(
        [[(100.0 if x == y else 0.0) if x and y else math.nan for y in keys_b] for x in keys_a],
        dtype=np.float32,
    )
