"""Claim alignment: the claims of two articles (`claims.extract_claims`) scored and aligned
like quotes.

Pure: claim dicts in, an `align.Alignment` out.

Claims of A are aligned with claims of B over the whole matrix at once (`align.assign`, one to
one, a threshold) on content tokens (`tokens.content_tokens`: stop words out, negation, numbers
and a synonym table folded), with the names, numbers and dates two sentences share raising the
score and a clash of numbers lowering it. A pair carries the word diff and the conflict flags
of events (numbers, dates, negation, actor differ); unaligned claims are what only one side
states. `claim_links` and `event_links` carry aligned quote and event pairs over to claims
and claim pairs back to events.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from coverage_app.text.align.aligner import Alignment, Pair, assign, shown_score
from coverage_app.text.align.flags import (
    ACTOR_DIFFERS,
    DATES_DIFFER,
    NEGATION_DIFFERS,
    NUMBERS_DIFFER,
    OPPOSITE_STANCE,
    actors_differ,
    opposite_stance,
    word_diff,
)
from coverage_app.text.align.scoring import text_similarity
from coverage_app.text.align.token_words import STOP_WORDS
from coverage_app.text.align.tokens import content_tokens, negation_differs, numbers_in
from coverage_app.text.people.name_match import name_key, speaker_similarity

DEFAULT_MIN_SCORE = 40

_WITHOUT = re.compile(r"\bwithout\b", re.IGNORECASE)


_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")


def _names(text: str) -> set[str]:
    """Capitalised words not at the sentence start, folded ("Kessmark", "petra holm")."""
    out = set()
    for match in _CAPITAL.finditer(text):
        for word in match.group(1).split():
            key = name_key(word)
            if key and key not in STOP_WORDS:
                out.add(key)
    return out


def _claim_tokens(text: str) -> list[str]:
    """Content tokens, long words cut to their first letters (grounded ~ grounding), plus the
    acronyms a text spells out or uses ("World Health Organization", "WHO" -> "#who")."""
    tokens = [
        t[:TRUNCATE] if len(t) > TRUNCATE and not t[0].isdigit() else t
        for t in content_tokens(text)
    ]
    tokens += ["#" + a.lower() for a in _ACRONYM.findall(text)]
    for match in _MULTIWORD_NAME.finditer(text):
        words = [w for w in match.group(0).split() if w.lower() not in ("of", "the", "and", "for")]
        if len(words) >= 2:
            tokens.append("#" + "".join(w[0] for w in words).lower())
    return tokens


TRUNCATE = 5
LEAD_BONUS = 20  # both articles' first claims: the inverted pyramid puts the news there
LINK_BONUS = 25  # an aligned quote or event pair inside both claims (at its full score)
CALENDAR_DATE_BONUS = 15  # both name one day or month of the calendar ("30 January 2020")
SHARED_FIGURE_BONUS = 15  # both give one figure ("212 ferries"); ages and model numbers aside
MUTUAL_BEST_BONUS = 7  # each other's best match, by MUTUAL_BEST_MARGIN over any other candidate
MUTUAL_BEST_MARGIN = 8
MUTUAL_BEST_CANDIDATES = 3
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_CALENDAR = re.compile(
    r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    r"Nov|Dec)[a-z]*\.?)(?:\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?\b)?,?(?:\s+(?P<year>\d{4})\b)?"
)


def _calendar_dates(text: str) -> set[tuple[int, str]]:
    """(month, "d<day>" or "y<year>") of every date a sentence writes out with its month
    ("January 30, 2020", "30 Jan", "January 2020"); a bare month or weekday is none."""
    out = set()
    for match in _CALENDAR.finditer(text):
        word = match.group("month").rstrip(".").lower()
        if word[:3] not in _MONTHS or (len(word) > 3 and not _MONTH_NAME.match(word)):
            continue
        month = _MONTHS.index(word[:3]) + 1
        day, year = match.group("day") or match.group("day2"), match.group("year")
        if day:
            out.add((month, f"d{int(day)}"))
        if year:
            out.add((month, f"y{year}"))
    return out


_MONTH_NAME = re.compile(
    r"^(?:january|february|march|april|may|june|july|august|sept?|sept?ember|october|november|"
    r"december)$"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_MULTIWORD_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|the|and|for)?\s*[A-Z][a-z]+)+")


def _cosine(tokens_a: list[list[str]], tokens_b: list[list[str]]) -> np.ndarray:
    """0-100 IDF-weighted cosine of every token set of A against every one of B (IDF over the
    sentences of both articles, so a name every sentence repeats weighs little)."""
    vocabulary: dict[str, int] = {}
    rows = [[vocabulary.setdefault(t, len(vocabulary)) for t in set(ts)] for ts in tokens_a]
    cols = [[vocabulary.setdefault(t, len(vocabulary)) for t in set(ts)] for ts in tokens_b]
    size = max(len(vocabulary), 1)

    def incidence(lists: list[list[int]]) -> sparse.csr_matrix:
        indptr = np.cumsum([0] + [len(ids) for ids in lists])
        indices = np.array([i for ids in lists for i in ids], dtype=int)
        data = np.ones(len(indices), dtype=np.float32)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(lists), size))

    a, b = incidence(rows), incidence(cols)
    df = np.asarray(a.sum(axis=0)).ravel() + np.asarray(b.sum(axis=0)).ravel()
    idf = np.log((len(rows) + len(cols) + 1) / (df + 0.5)).astype(np.float32)
    wa, wb = a.multiply(idf).tocsr(), b.multiply(idf).tocsr()
    shared = (wa @ wb.T).toarray()
    norm_a = np.sqrt(np.asarray(wa.multiply(wa).sum(axis=1)).ravel())[:, None]
    norm_b = np.sqrt(np.asarray(wb.multiply(wb).sum(axis=1)).ravel())[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(100.0 * shared / (norm_a * norm_b)).astype(np.float32)


_AFTER_NAME = re.compile(
    r"(?<=\w )(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))([A-Z][\w]*[ -])\d+\b"
)
_BEFORE_CAPITALS = re.compile(r"\b\d+([ -][A-Z]{2,}\b)")


def _without_designations(text: str) -> str:
    """The sentence without the numbers that are part of a name ("the Orca 300 ferry", "a 420
    XL engine", "Route 9"): two sentences naming one model do not share a figure."""
    return _BEFORE_CAPITALS.sub(r"\1", _AFTER_NAME.sub(r"\1", text))


_AGE = re.compile(
    r"(?<=[A-Za-z]),\s*\d{1,3}(?=\s*[,)]|\s+(?:and|or|was|were|is|are|had|has)\b)"
    r"|\b\d{1,3}-year-old\b|\baged \d{1,3}\b|\b\d{1,3} years old\b"
)


def _without_ages(text: str) -> str:
    """The sentence without the ages that describe people ("Vera Holm, 52,", "the 19-year-old",
    "aged 40", "was 25 years old"): an age says who someone is, not what happened, and two
    sentences naming one person at one age state different things."""
    return _AGE.sub(" ", text)


def claim_scores(left: Sequence[dict], right: Sequence[dict]) -> np.ndarray:
    """0-100 score of every claim of A against every claim of B: word overlap two ways (align's
    trimmed-tolerant text similarity, and an IDF cosine), shared names, numbers and dates, the
    two leads, and a claim pair that is each other's clear best (`_mutual_best`)."""
    n, m = len(left), len(right)
    if not n or not m:
        return np.zeros((n, m), dtype=np.float32)
    texts_a = [_without_ages(c["text"]) for c in left]
    texts_b = [_without_ages(c["text"]) for c in right]
    tokens_a = [content_tokens(t) for t in texts_a]
    tokens_b = [content_tokens(t) for t in texts_b]
    text = text_similarity(tokens_a, tokens_b, containment_power=1.0)
    cosine = _cosine([_claim_tokens(t) for t in texts_a], [_claim_tokens(t) for t in texts_b])
    names_a = [_names(t) for t in texts_a]
    names_b = [_names(t) for t in texts_b]
    numbers_a = [numbers_in(_without_designations(t)) for t in texts_a]
    numbers_b = [numbers_in(_without_designations(t)) for t in texts_b]
    dates_a = [_calendar_dates(t) for t in texts_a]
    dates_b = [_calendar_dates(t) for t in texts_b]
    bonus = np.zeros((n, m), dtype=np.float32)
    for i in range(n):
        for j in range(m):
            if dates_a[i] & dates_b[j]:
                bonus[i, j] += CALENDAR_DATE_BONUS
            shared_names = len(names_a[i] & names_b[j])
            bonus[i, j] += min(shared_names, 3) * 3.0
            if numbers_a[i] and numbers_b[j]:
                bonus[i, j] += SHARED_FIGURE_BONUS if numbers_a[i] & numbers_b[j] else -5.0
            if left[i].get("date") and left[i].get("date") == right[j].get("date"):
                bonus[i, j] += 3.0
    scores = 0.5 * (0.9 * text + bonus) + 0.75 * cosine
    scores[0, 0] += LEAD_BONUS
    return np.clip(scores, 0, 100)


def _mutual_best(scores: np.ndarray) -> np.ndarray:
    """Competitive linking: a claim of A and a claim of B that are each other's best match,
    clearly ahead of every other candidate in their row and column, gain MUTUAL_BEST_BONUS. A
    background fact each outlet words its own way shares few words, but no other sentence of
    either article comes close to it. Between short articles being the best of few candidates
    says little, so both need MUTUAL_BEST_CANDIDATES claims."""
    n, m = scores.shape
    out = scores.copy()
    if min(n, m) < MUTUAL_BEST_CANDIDATES:
        return out
    best_in_row, best_in_col = scores.argmax(axis=1), scores.argmax(axis=0)
    for i, j in enumerate(best_in_row):
        if best_in_col[j] != i:
            continue
        others = np.concatenate([np.delete(scores[i], j), np.delete(scores[:, j], i)])
        runner_up = float(others.max()) if len(others) else 0.0
        if scores[i, j] - runner_up >= MUTUAL_BEST_MARGIN:
            out[i, j] += MUTUAL_BEST_BONUS
    return np.clip(out, 0, 100)


def claim_flags(left: dict, right: dict, actor_sim: float) -> list[str]:
    flags = []
    if left.get("date") and right.get("date") and left["date"] != right["date"]:
        flags.append(DATES_DIFFER)
    a_numbers, b_numbers = numbers_in(left["text"]), numbers_in(right["text"])
    if a_numbers and b_numbers and a_numbers != b_numbers:
        flags.append(NUMBERS_DIFFER)
    # "without" reads as a negation to align's tokens; in narration it rarely denies anything.
    if negation_differs(_WITHOUT.sub("minus", left["text"]), _WITHOUT.sub("minus", right["text"])):
        flags.append(NEGATION_DIFFERS)
    if opposite_stance(left["text"], right["text"]):
        flags.append(OPPOSITE_STANCE)
    if actors_differ(left, right, actor_sim):
        flags.append(ACTOR_DIFFERS)
    return flags


def _claim_at(claims: Sequence[dict], position: int) -> int | None:
    for k, claim in enumerate(claims):
        if claim["start"] <= position < claim["end"]:
            return k
    return None


def claim_links(
    claims_a: Sequence[dict],
    claims_b: Sequence[dict],
    items_a: Sequence[dict],
    items_b: Sequence[dict],
    pairs: Sequence[dict],
) -> list[tuple[int, int, float]]:
    """(claim of A, claim of B, score) for every aligned quote or event pair ({"a", "b",
    "score"}, indexes into items_a / items_b) whose two items sit in those two claims: two
    sentences carrying the same remark or the same happening likely state the same thing."""
    links = []
    for pair in pairs:
        i = _claim_at(claims_a, items_a[pair["a"]].get("start", -1))
        j = _claim_at(claims_b, items_b[pair["b"]].get("start", -1))
        if i is not None and j is not None:
            links.append((i, j, float(pair["score"])))
    return links


def event_links(
    sentences_a: Sequence[Sequence[int]],
    sentences_b: Sequence[Sequence[int]],
    events_a: Sequence[dict],
    events_b: Sequence[dict],
    places: Sequence[tuple[int, int, float]],
) -> list[tuple[int, int, float]]:
    """(event of A, event of B, score) for every two events in the two sentences at each
    (position in A, position in B, score) of `places` (where an aligned claim pair sits): the
    other way round from `claim_links`, for `align.align_events`."""

    def by_sentence(sentences, events) -> tuple[list[int], dict[int, list[int]]]:
        starts = [s[0] for s in sentences]
        inside: dict[int, list[int]] = {}
        for k, event in enumerate(events):
            index = bisect_right(starts, event.get("start", -1)) - 1
            if index >= 0:
                inside.setdefault(index, []).append(k)
        return starts, inside

    starts_a, inside_a = by_sentence(sentences_a, events_a)
    starts_b, inside_b = by_sentence(sentences_b, events_b)
    links = []
    for pos_a, pos_b, score in places:
        sa, sb = bisect_right(starts_a, pos_a) - 1, bisect_right(starts_b, pos_b) - 1
        links += [(i, j, score) for i in inside_a.get(sa, []) for j in inside_b.get(sb, [])]
    return links


# --- The measures as features (`training.claims`) ---------------------------------------------

CLAIM_FEATURES = (
    "text",  # align's trimmed-tolerant text similarity (0-1)
    "cosine",  # IDF cosine over claim tokens (acronyms, word stems) (0-1)
    "calendar_date",  # both name one day or month of the calendar
    "shared_names",  # capitalised names both give (at most three, /3)
    "shared_figure",  # both give one figure; ages and model numbers aside
    "figures_clash",  # both give figures, none the same
    "same_date",  # the sentences' resolved dates agree
    "leads",  # both articles' first claims
    "link",  # an aligned quote or event pair inside both claims (its score, 0-1)
    "mutual_best",  # each other's best match by cosine: the lead over the runner-up (0-1)
    "position_gap",  # how far apart the two sit in their articles (share of the article)
    "min_words",  # log(1 + content words of the shorter claim)
)


def claim_features(
    left: Sequence[dict], right: Sequence[dict], *, links: Sequence[tuple[int, int, float]] = ()
) -> dict[str, np.ndarray]:
    """The measures `claim_scores` adds up by hand, as named feature matrices (one row per claim
    of A, one column per claim of B), on which `manage.py train_models --only claims` fits and
    cross-validates a claim-pair classifier against the hand-set score."""
    n, m = len(left), len(right)
    out = {name: np.zeros((n, m), dtype=np.float32) for name in CLAIM_FEATURES}
    if not n or not m:
        return out
    texts_a = [_without_ages(c["text"]) for c in left]
    texts_b = [_without_ages(c["text"]) for c in right]
    tokens_a = [content_tokens(t) for t in texts_a]
    tokens_b = [content_tokens(t) for t in texts_b]
    cosine = _cosine([_claim_tokens(t) for t in texts_a], [_claim_tokens(t) for t in texts_b])
    names_a, names_b = [_names(t) for t in texts_a], [_names(t) for t in texts_b]
    numbers_a = [numbers_in(_without_designations(t)) for t in texts_a]
    numbers_b = [numbers_in(_without_designations(t)) for t in texts_b]
    dates_a = [_calendar_dates(t) for t in texts_a]
    dates_b = [_calendar_dates(t) for t in texts_b]
    for i in range(n):
        for j in range(m):
            out["calendar_date"][i, j] = bool(dates_a[i] & dates_b[j])
            out["shared_names"][i, j] = min(len(names_a[i] & names_b[j]), 3) / 3.0
            if numbers_a[i] and numbers_b[j]:
                shared = bool(numbers_a[i] & numbers_b[j])
                out["shared_figure"][i, j] = shared
                out["figures_clash"][i, j] = not shared
            date = left[i].get("date")
            out["same_date"][i, j] = bool(date) and date == right[j].get("date")
    out["text"] = text_similarity(tokens_a, tokens_b, containment_power=1.0) / 100.0
    out["cosine"] = cosine / 100.0
    out["leads"][0, 0] = 1.0
    for i, j, score in links:
        out["link"][i, j] = max(out["link"][i, j], score / 100.0)
    best_in_row, best_in_col = cosine.argmax(axis=1), cosine.argmax(axis=0)
    for i, j in enumerate(best_in_row):
        if best_in_col[j] == i:
            others = np.concatenate([np.delete(cosine[i], j), np.delete(cosine[:, j], i)])
            runner_up = float(others.max()) if len(others) else 0.0
            out["mutual_best"][i, j] = max(0.0, float(cosine[i, j]) - runner_up) / 100.0
    pos_a = (np.arange(n, dtype=np.float32) / max(n - 1, 1))[:, None]
    pos_b = (np.arange(m, dtype=np.float32) / max(m - 1, 1))[None, :]
    out["position_gap"] = np.abs(pos_a - pos_b)
    len_a = np.array([len(t) for t in tokens_a], dtype=np.float32)[:, None]
    len_b = np.array([len(t) for t in tokens_b], dtype=np.float32)[None, :]
    out["min_words"] = np.log1p(np.minimum(len_a, len_b))
    return out


def align_claims(
    left: Sequence[dict],
    right: Sequence[dict],
    *,
    links: Sequence[tuple[int, int, float]] = (),
    min_score: float = DEFAULT_MIN_SCORE,
    floor: float | None = None,
) -> Alignment:
    """Align two articles' claims one-to-one; pairs carry a word diff and conflict flags.
    `links` (`claim_links`) raise the score of claims whose quotes or events are aligned."""
    scores = claim_scores(left, right)
    for i, j, score in links:
        scores[i, j] = min(100.0, scores[i, j] + LINK_BONUS * score / 100.0)
    scores = _mutual_best(scores)
    actors = speaker_similarity([c.get("actor") for c in left], [c.get("actor") for c in right])
    pairs = [
        Pair(
            i,
            j,
            shown_score(scores[i, j]),
            claim_flags(left[i], right[j], float(actors[i, j])),
            word_diff(left[i]["text"], right[j]["text"]),
        )
        for i, j in assign(scores, min_score=min_score, floor=floor)
    ]
    used_a = {p.a for p in pairs}
    used_b = {p.b for p in pairs}
    return Alignment(
        pairs=sorted(pairs, key=lambda p: (p.a, p.b)),
        only_a=[i for i in range(len(left)) if i not in used_a],
        only_b=[j for j in range(len(right)) if j not in used_b],
    )
