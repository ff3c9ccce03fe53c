"""Word-level diffs of two aligned passages and the flags a journalist cares about (trimmed,
words changed, quote against paraphrase, different speaker, numbers, negation, dates, actor)."""

from __future__ import annotations

import difflib
import os
import re

from coverage_app.text.align.scoring import action_key
from coverage_app.text.align.tokens import (
    content_tokens,
    fold,
    negated_words,
    negation_differs,
    numbers_in,
)
from coverage_app.text.people.name_match import SPEAKER_DIFFERENT_BELOW, distinct_names

# Flags a journalist cares about. Those in CONFLICT_FLAGS make a pair a "conflict".
TRIMMED = "trimmed"
WORDS_CHANGED = "words_changed"
DIFFERENT_SPEAKER = "different_speaker"
QUOTE_VS_PARAPHRASE = "quote_vs_paraphrase"
NUMBERS_DIFFER = "numbers_differ"
NEGATION_DIFFERS = "negation_differs"
DATES_DIFFER = "dates_differ"
ACTOR_DIFFERS = "actor_differs"
STITCHED = "stitched"
OPPOSITE_STANCE = "opposite_stance"
OTHER_WORDS = "other_words"
CONFLICT_FLAGS = frozenset(
    {
        OPPOSITE_STANCE,
        WORDS_CHANGED,
        DIFFERENT_SPEAKER,
        NUMBERS_DIFFER,
        NEGATION_DIFFERS,
        DATES_DIFFER,
        ACTOR_DIFFERS,
    }
)

_DISPLAY_WORD = re.compile(r"\S+")


def _diff_key(word: str) -> str:
    return re.sub(r"[^\w]", "", fold(word).lower())


def word_diff(left: str, right: str) -> list[dict]:
    """Word-level diff: a list of {"op": equal|insert|delete|replace, "a": words, "b": words}."""
    a_words = _DISPLAY_WORD.findall(left or "")
    b_words = _DISPLAY_WORD.findall(right or "")
    matcher = difflib.SequenceMatcher(
        None, [_diff_key(w) for w in a_words], [_diff_key(w) for w in b_words], autojunk=False
    )
    return [
        {"op": op, "a": " ".join(a_words[i1:i2]), "b": " ".join(b_words[j1:j2])}
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _plain_words(text: str) -> str:
    return " ".join(k for k in (_diff_key(w) for w in _DISPLAY_WORD.findall(text or "")) if k)


def is_trimmed(left: str, right: str) -> bool:
    """One quote is the other with words cut off (word-boundary substring, not equal)."""
    a, b = _plain_words(left), _plain_words(right)
    if not a or not b or a == b:
        return False
    short, long = sorted((a, b), key=len)
    return f" {short} " in f" {long} "


def is_quotation(kind: str | None) -> bool:
    return kind in (None, "", "direct", "partial")


def quote_flags(left: dict, right: dict, diff: list[dict], speaker_sim: float) -> list[str]:
    flags = []
    a_text, b_text = left.get("text", ""), right.get("text", "")
    trimmed = is_trimmed(a_text, b_text)
    if trimmed:
        flags.append(TRIMMED)
    a_quoted, b_quoted = is_quotation(left.get("kind")), is_quotation(right.get("kind"))
    if a_quoted != b_quoted:  # one side's own words against the other's paraphrase
        flags.append(QUOTE_VS_PARAPHRASE)
    elif a_quoted and not trimmed and any(op["op"] != "equal" for op in diff):
        flags.append(WORDS_CHANGED)  # two quotations of one remark that differ in their words
    if 0 <= speaker_sim < SPEAKER_DIFFERENT_BELOW and distinct_names(
        left.get("speaker"), right.get("speaker")
    ):
        flags.append(DIFFERENT_SPEAKER)
    a_numbers, b_numbers = numbers_in(a_text), numbers_in(b_text)
    if a_numbers and b_numbers and not trimmed and a_numbers != b_numbers:
        flags.append(NUMBERS_DIFFER)
    if not trimmed and (negation_differs(a_text, b_text) or negated_on_one_side(a_text, b_text)):
        flags.append(NEGATION_DIFFERS)
    if not trimmed and opposite_stance(a_text, b_text):
        flags.append(OPPOSITE_STANCE)
    return flags


def event_flags(left: dict, right: dict, actor_sim: float) -> list[str]:
    flags = []
    if left.get("date") and right.get("date") and str(left["date"]) != str(right["date"]):
        flags.append(DATES_DIFFER)
    a_numbers, b_numbers = numbers_in(left.get("text", "")), numbers_in(right.get("text", ""))
    if a_numbers and b_numbers and a_numbers != b_numbers:
        flags.append(NUMBERS_DIFFER)
    # The same happening negated on one side only: the same action, negated on one side.
    same_action = action_key(left.get("action")) == action_key(right.get("action")) != ""
    a_text, b_text = left.get("text", ""), right.get("text", "")
    if (same_action and bool(left.get("negated")) != bool(right.get("negated"))) or (
        negated_on_one_side(a_text, b_text)
    ):
        flags.append(NEGATION_DIFFERS)
    if opposite_stance(a_text, b_text):
        flags.append(OPPOSITE_STANCE)
    if actors_differ(left, right, actor_sim):
        flags.append(ACTOR_DIFFERS)
    return flags


def actors_differ(left: dict, right: dict, actor_sim: float) -> bool:
    """Two named actors that cannot be one party, unless each sentence also names the other's
    actor: "Russia has received no proposal from the US" ~ "Washington made no proposal" tell
    one happening from either side, not who did it."""
    a, b = left.get("actor"), right.get("actor")
    if not (0 <= actor_sim < SPEAKER_DIFFERENT_BELOW and distinct_names(a, b)):
        return False
    return not (_mentions(left.get("text", ""), b) and _mentions(right.get("text", ""), a))


def _mentions(text: str, name: str | None) -> bool:
    """Every word of the name is in the text, as itself or its adjective ("Russia" in "a
    Russian diplomat", "Ukraine" in "Ukrainian forces")."""
    words = content_tokens(name or "")
    tokens = set(content_tokens(text))
    return bool(words) and all(
        word in tokens or any(_same_stem(word, token) for token in tokens) for word in words
    )


def _same_stem(word: str, token: str) -> bool:
    stem = len(os.path.commonprefix([word, token]))
    return len(word) >= 5 and stem >= len(word) - 1


# A stance toward an offer, talks or a demand, as align's tokens spell it (their synonym groups
# fold "willing", "open to" into "ready", "rejected" into "refuse", "accept" into "agree"):
# +1 for taking it up, -1 for turning it down. A negation within two words turns it round.
STANCE = {
    "ready": 1, "agree": 1, "welcom": 1, "consid": 1,
    "refuse": -1, "unwill": -1, "exclud": -1, "dismiss": -1, "veto": -1, "declin": -1,
}  # fmt: skip


def _stances(tokens: list[str]) -> set[int]:
    out = set()
    for i, token in enumerate(tokens):
        sign = STANCE.get(token)
        if sign is not None:
            out.add(-sign if "not" in tokens[max(0, i - 2) : i] else sign)
    return out


def opposite_stance(left: str, right: str) -> bool:
    """One side takes something up and the other turns it down: opposite polarity on the same
    predicate, a conflict ("willing to listen to any proposal" ~ "had rejected peace
    proposals"; "we never refuse meetings" ~ "will not agree to a meeting"). Each side must
    hold one stance only."""
    a, b = _stances(list(content_tokens(left))), _stances(list(content_tokens(right)))
    return len(a) == 1 and len(b) == 1 and a != b


def _in_negation_scope(tokens: list[str], reach: int = 3) -> set[str]:
    """Every word within `reach` content words after a negation ("no serious US proposal":
    serious, usa, proposal)."""
    out = set()
    for i, token in enumerate(tokens):
        if token == "not":
            out.update(t for t in tokens[i + 1 : i + 1 + reach] if t != "not")
    return out


def negated_on_one_side(left: str, right: str) -> bool:
    """A word one side negates and the other states plainly, outside any negation of its own,
    also when both sides negate something else ("the dykes held, and no one came" ~ "the dykes
    never held")."""
    a_tokens, b_tokens = list(content_tokens(left)), list(content_tokens(right))
    a_scope, b_scope = _in_negation_scope(a_tokens), _in_negation_scope(b_tokens)
    if a_scope & b_scope:  # both negate the same thing ("not handed any offer" ~ "no offer")
        return False
    a_plain = set(a_tokens) - a_scope - {"not"} - set(STANCE)
    b_plain = set(b_tokens) - b_scope - {"not"} - set(STANCE)
    return bool(negated_words(a_tokens) & b_plain) or bool(negated_words(b_tokens) & a_plain)


def other_words(diff: list[dict], *, most: float = 0.5) -> bool:
    """Whether most of two sentences' words differ (more than `most` of the longer side's words
    are outside the diff's equal runs): a pair scored on who did what and when that the two
    outlets tell in other words."""
    same = sum(len(op["a"].split()) for op in diff if op["op"] == "equal")
    longest = max(
        sum(len(op["a"].split()) for op in diff), sum(len(op["b"].split()) for op in diff), 1
    )
    return 1 - same / longest > most
