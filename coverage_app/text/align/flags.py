"""Word-level diffs of two aligned passages and the flags a journalist cares about (trimmed,
words changed, quote against paraphrase, different speaker, numbers, negation, dates, actor)."""

from __future__ import annotations

import difflib
import os
import re

from coverage_app.text.align.scoring import action_key
from coverage_app.text.align.tokens import content_tokens, fold, negation_differs, numbers_in
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
CONFLICT_FLAGS = frozenset(
    {
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
    both_quotes = is_quotation(left.get("kind")) and is_quotation(right.get("kind"))
    if not both_quotes:
        flags.append(QUOTE_VS_PARAPHRASE)
    elif not trimmed and any(op["op"] != "equal" for op in diff):
        flags.append(WORDS_CHANGED)
    if 0 <= speaker_sim < SPEAKER_DIFFERENT_BELOW and distinct_names(
        left.get("speaker"), right.get("speaker")
    ):
        flags.append(DIFFERENT_SPEAKER)
    a_numbers, b_numbers = numbers_in(a_text), numbers_in(b_text)
    if a_numbers and b_numbers and not trimmed and a_numbers != b_numbers:
        flags.append(NUMBERS_DIFFER)
    if not trimmed and negation_differs(a_text, b_text):
        flags.append(NEGATION_DIFFERS)
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
    if same_action and bool(left.get("negated")) != bool(right.get("negated")):
        flags.append(NEGATION_DIFFERS)
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
