"""Content tokens: a remark reduced to the words that carry its meaning, so that the same remark
translated or reworded by two outlets lands on the same tokens.

Lower-cased, stop words and pronouns dropped (reported speech turns "we" into "the company"),
negations folded into "not", figures and number words made one token ("6.9 million" ~
"6,900,000"), a light stemmer, and a small synonym table for the vocabulary of politics and
diplomacy news (ready/prepared, talks/negotiate, proposal/offer...). The word lists are in
`text.token_words`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from coverage_app.text.align.token_words import (
    IRREGULAR,
    IRREGULAR_FORMS,
    NEGATIONS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PHRASES,
    SCALE_WORDS,
    STOP_WORDS,
    SYNONYM_GROUPS,
)

_PHRASE_WORDS = list(PHRASES.values())
_PHRASES = re.compile(
    "|".join(f"(?P<p{i}>{pattern})" for i, pattern in enumerate(PHRASES)), re.IGNORECASE
)


def _phrase_word(match: re.Match) -> str:
    return _PHRASE_WORDS[int(match.lastgroup[1:])]


_WORD = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?\b|[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# One name, two spellings: "COVID-19" ~ "#COVID19"; "U.S." ~ "United States" ~ "US".
_LETTERS_DASH_DIGITS = re.compile(r"\b([^\W\d_]+)-(\d+)\b")
_USA = re.compile(r"\bU\.\s?S\.(?:\s?A\.)?|\bUnited States(?: of America)?\b|\bUSA?\b")


def _number_value(raw: str) -> str:
    """'6,900,000' -> '6900000'; '6.9' -> '6.9'; '15th' -> '15'."""
    digits = _NUMBER.match(raw).group(0)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
        digits = digits.replace(",", "")
    return digits.replace(",", ".")


def _scaled(number: str, scale: int) -> str:
    value = Decimal(number) * scale
    return str(int(value)) if value == value.to_integral_value() else str(value)


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    """A deliberately light stemmer: plurals, -ed, -ing, final -e."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ives") and len(word) <= 6:
        return word[:-3] + "f"  # lives -> lif (as life), knives -> knif
    for suffix in (
        "ively",
        "ingly",
        "ness",
        "ly",
        "ing",
        "ion",
        "ive",
        "est",
        "ed",
        "es",
        "s",
        "e",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            stem = word[: -len(suffix)]
            if suffix in ("ing", "ed") and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]  # running -> run, stopped -> stop
            return stem
    return word


def _inflections(word: str) -> set[str]:
    base = word[:-1] if word.endswith("e") else word
    return {word, word + "s", word + "es", base + "ed", word + "d", base + "ing"}


def _build_synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        words = group.split()
        canonical = words[0]
        for word in words:
            for form in _inflections(word):
                table.setdefault(form, canonical)
                table.setdefault(_stem(form), canonical)
    return table


SYNONYMS = _build_synonyms()


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return text


def content_tokens(text: str) -> list[str]:
    """The words that carry meaning, in order, normalised for comparison across outlets."""
    return list(_content_tokens(text or ""))


@lru_cache(maxsize=20_000)
def _content_tokens(text: str) -> tuple[str, ...]:
    text = fold(text)
    text = _USA.sub(" usa ", text)
    text = _LETTERS_DASH_DIGITS.sub(r"\1\2", text)
    text = _PHRASES.sub(_phrase_word, text)
    out: list[str] = []
    number_last = False  # the previous word was a number (a scale word multiplies it)
    for match in _WORD.finditer(text):
        raw = match.group(0)
        word = raw.lower()
        if number_last and word in SCALE_WORDS:
            out[-1] = _scaled(out[-1], SCALE_WORDS[word])
            number_last = False
            continue
        number_last = False
        if raw[0].isdigit():
            if raw[-2:].lower() in ("st", "nd", "rd", "th"):
                out.append("ord" + _number_value(raw))  # a rank, not a figure
                continue
            out.append(_number_value(raw))
            number_last = True
            continue
        if word in ORDINAL_WORDS:
            out.append("ord" + ORDINAL_WORDS[word])
            continue
        if word in NUMBER_WORDS and word not in STOP_WORDS:
            out.append(NUMBER_WORDS[word])
            number_last = True
            continue
        word = IRREGULAR.get(word, word)
        if " " in word:  # won't -> will not
            out.extend(w for w in word.split() if w not in STOP_WORDS)
            continue
        if word.endswith("n't"):
            word = word[:-3]
            if word not in STOP_WORDS:
                out.append(_stem(word))
            out.append("not")
            continue
        if word.endswith("'s"):
            word = word[:-2]
        if word in NEGATIONS:
            out.append("not")
            continue
        if word in STOP_WORDS:
            continue
        out.append(_normal_word(word))
    return tuple(out)


@lru_cache(maxsize=100_000)
def _normal_word(word: str) -> str:
    return SYNONYMS.get(word) or SYNONYMS.get(_stem(word)) or _stem(word)


def numbers_in(text: str) -> set[str]:
    return {t for t in content_tokens(text) if t[0].isdigit()}


def negated_words(tokens: Sequence[str]) -> set[str]:
    """The words a negation governs: the first content word after each "not" (within two)."""
    out = set()
    for i, token in enumerate(tokens):
        if token != "not":
            continue
        following = [t for t in tokens[i + 1 : i + 3] if t != "not"]
        if following:
            out.add(following[0])
    return out


def negation_differs(left: str, right: str) -> bool:
    """True only when one side negates a word the other side states plainly, with no negation
    of its own: "the dykes held" ~ "the dykes never held". Paraphrases that say one thing as
    the negation of its opposite ("open to dialogue" ~ "will not close the door") share no
    negated word and are not flagged; nor is a pair where both sides negate something."""
    a_tokens, b_tokens = content_tokens(left), content_tokens(right)
    a_neg, b_neg = negated_words(a_tokens), negated_words(b_tokens)
    if a_neg and b_neg:
        return False
    if a_neg:
        return bool(a_neg & set(b_tokens))
    if b_neg:
        return bool(b_neg & set(a_tokens))
    return False
