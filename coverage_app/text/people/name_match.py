"""Whether two names are one party: the one name matcher.

Folded keys, fuzzy similarity (surnames, initials, acronyms), and what counts as a proper name
or a body rather than a description. Two person names are one person when their surnames
agree and their given names do not contradict (`same_surname`, `given_names_agree`), under a
`NameRule` of named thresholds. The three places that match names each use a named rule:
- `WITHIN_ARTICLE`: `NameBook` (one article: "Tarnov" is the Aleksei Tarnov met before);
- `ACROSS_ARTICLES`: `coverage_app.speakers` (one Speaker row across articles);
- `ALIGNED_SPEAKERS`: `name_similarity` (is a quote pair's speaker one person, `text.align`).
They differ only where the numbers say so (a rule's thresholds were each tuned where it is used).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from coverage_app.text.align.tokens import fold
from coverage_app.text.people.name_words import BODY_WORDS, GENERIC_ACTORS, NAME_PARTICLES

SPEAKER_SAME_AT = 85  # name similarity at which two names are one speaker
SPEAKER_DIFFERENT_BELOW = 60  # and below which they are two different speakers
ORG_SAME_AT = 92  # two organisations' whole folded names are one body (across articles)


@dataclass(frozen=True)
class NameRule:
    """When two person names are one person. Thresholds are rapidfuzz ratios (0-100)."""

    surname_at: float  # two surnames (last words) spelled this alike are one
    given_at: float  # two given names spelled this alike are one
    fuzzy_surname_length: int = 0  # shorter surnames must be spelled the same
    given_word: int = 0  # the given name compared: the first (0) or the one before the surname (-1)
    same_initial_agrees: bool = True  # given names with one first letter agree ("Ana" ~ "Anna")
    given_anywhere: bool = False  # or the compared given name is any of the other's given names


WITHIN_ARTICLE = NameRule(surname_at=88, given_at=70, fuzzy_surname_length=5)
ACROSS_ARTICLES = NameRule(surname_at=88, given_at=75)
# Keys here may keep a title before the name ("interior minister petra holm"): the given name
# is the word before the surname, and a first letter alone agrees only for an initial.
ALIGNED_SPEAKERS = NameRule(
    surname_at=85, given_at=70, given_word=-1, same_initial_agrees=False, given_anywhere=True
)


def same_surname(left: str, right: str, rule: NameRule) -> bool:
    """Two (folded) surnames are one under `rule`."""
    if left == right:
        return True
    if min(len(left), len(right)) < rule.fuzzy_surname_length:
        return False
    return fuzz.ratio(left, right) >= rule.surname_at


def first_same_surname(key: str, known: Sequence[str], rule: NameRule) -> str | None:
    """The first of the (folded) surnames `known` that is one with `key` under `rule`
    (`same_surname` for many at once: one vectorised pass), or None."""
    if not known:
        return None
    if len(key) < rule.fuzzy_surname_length:
        return key if key in known else None
    scores = process.cdist([key], known, scorer=fuzz.ratio, score_cutoff=rule.surname_at)
    for i in np.flatnonzero(scores[0] >= rule.surname_at):
        if same_surname(key, known[i], rule):
            return known[i]
    return None


def given_names_agree(left: list[str], right: list[str], rule: NameRule) -> bool:
    """Two (folded) lists of given names do not contradict under `rule`: one is missing, an
    initial stands for the name, or the compared names are spelled alike."""
    if not left or not right:
        return True
    a, b = left[rule.given_word], right[rule.given_word]
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[:1] == b[:1]
    if rule.same_initial_agrees and a[:1] == b[:1]:
        return True
    if fuzz.ratio(a, b) >= rule.given_at:
        return True
    return rule.given_anywhere and (a in right or b in left)


def same_person(left: list[str], right: list[str], rule: NameRule) -> bool:
    """Two names' (folded) words, surname last, are one person under `rule`."""
    if not left or not right:
        return False
    return same_surname(left[-1], right[-1], rule) and given_names_agree(
        left[:-1], right[:-1], rule
    )


@lru_cache(maxsize=20_000)
def is_named(name: str | None) -> bool:
    """A proper name ("Bank of Kessmark", "Petra Holm"), not a description ("the central
    bank", "Police", "a senior official")."""
    words = re.findall(r"[^\W_][\w'’.-]*", fold(name or ""))
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    content = [w for w in words if w.lower() not in NAME_PARTICLES]
    if not content or not all(w[0].isupper() or w[0].isdigit() for w in content):
        return False
    return not (len(content) == 1 and content[0].lower() in GENERIC_ACTORS)


def distinct_names(left: str | None, right: str | None) -> bool:
    """True only when both are proper names that cannot be one party: they don't fuzzy-match,
    neither contains the other, and they share no word ("Central Bank" ~ "Bank of Kessmark" may
    be one bank; "Varga" ~ "Tomas Varga" is one man)."""
    if not (is_named(left) and is_named(right)):
        return False
    a, b = name_key(left), name_key(right)
    if not a or not b or a in b or b in a:
        return False
    if (set(a.split()) - NAME_PARTICLES) & (set(b.split()) - NAME_PARTICLES):
        return False
    if name_similarity(a, b) >= SPEAKER_DIFFERENT_BELOW or fuzz.partial_ratio(a, b) >= 80:
        return False
    return True


@lru_cache(maxsize=20_000)
def is_organisation(name: str | None) -> bool:
    """A body rather than a person: an acronym ("WHO", "F.B.I.") or a name holding a word for
    an institution ("Ministry of Water", "Kessmark Press Agency")."""
    raw = fold(name or "").strip()
    letters = re.sub(r"[^\w]", "", raw)
    if len(letters) >= 2 and letters.isupper() and letters.isalpha():
        return True
    return bool(set(name_key(raw).split()) & BODY_WORDS)


def initials(key: str) -> str:
    """'world health organization' -> 'who' (small words skipped)."""
    return "".join(w[0] for w in key.split() if w not in NAME_PARTICLES)


def name_key(name: str | None) -> str:
    """A person or organisation name folded for matching ("Ana Tarnov's" -> "ana tarnov")."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", fold(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"'s\b", "", text)
    words = re.findall(r"[^\W_]+", text)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_similarity(left: str, right: str, **_kwargs) -> float:
    """0-100: how likely two (already keyed) names are one speaker. Surname matches count."""
    if not left or not right:
        return 0.0
    if left == right:
        return 100.0
    # An acronym and its full name are one body ("who" ~ "world health organization").
    for short, long in ((left, right), (right, left)):
        if " " not in short and len(short) >= 2 and " " in long and short == initials(long):
            return 95.0
    score = fuzz.token_set_ratio(left, right)
    lw, rw = left.split(), right.split()
    if same_surname(lw[-1], rw[-1], ALIGNED_SPEAKERS):
        # Same surname: one person unless both give a first name and they differ.
        return 95.0 if given_names_agree(lw[:-1], rw[:-1], ALIGNED_SPEAKERS) else 40.0
    return float(score)


def speaker_similarity(left: Sequence[str | None], right: Sequence[str | None]) -> np.ndarray:
    """Name similarity of every left speaker against every right one; -1 where one is unknown."""
    left_keys = [name_key(s) for s in left]
    right_keys = [name_key(s) for s in right]
    names_a = sorted({k for k in left_keys if k})
    names_b = sorted({k for k in right_keys if k})
    out = np.full((len(left), len(right)), -1.0, dtype=np.float32)
    if not names_a or not names_b:
        return out
    table = process.cdist(names_a, names_b, scorer=name_similarity, dtype=np.float32)
    ia = np.array([names_a.index(k) if k else -1 for k in left_keys])
    ib = np.array([names_b.index(k) if k else -1 for k in right_keys])
    known = (ia[:, None] >= 0) & (ib[None, :] >= 0)
    values = table[np.clip(ia, 0, None)][:, np.clip(ib, 0, None)]
    return np.where(known, values, out)
