"""Speakers across articles: one Speaker row per person (or organisation), matched by name.

Within an article the extractor already gives each person one canonical name (Aleksey Tarnov
for Tarnov, Aleksei Tarnov and "the Dalmoran foreign minister"). Across articles outlets spell
names differently, so `speaker_for(name)` matches on a folded key and then with rapidfuzz:

* the key folds case, accents, punctuation and common transliteration variants
  (Aleksey/Aleksei, Yuri/Yury, Kovalensky/Kovalenskyy/Kovalenskiy, Aleksandr/Alexander);
* a person matches an existing person when the surnames agree and the first names do not
  contradict (same initial, or one is missing): `text.people.name_match.same_person` under its
  `ACROSS_ARTICLES` rule; a surname alone joins only when exactly one known person carries it;
* organisations match on the whole folded name (ratio >= `name_match.ORG_SAME_AT`, "the" dropped).

Each spelling met is kept in `Speaker.aliases`, and a name matches a speaker through any of
its aliases too: after a person merges two speakers (`coverage_app.speaker_edits`), the old
spelling names the merged speaker and never comes back as a row of its own.

A person's canonical name carries no job title: "Kestrian Prime Minister Daniel Brecht" is
stored, matched and keyed as "Daniel Brecht" (`canonical_name`).
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from coverage_app.models import Speaker
from coverage_app.text.people.name_match import ACROSS_ARTICLES, ORG_SAME_AT, same_person
from coverage_app.text.people.name_words import HONORIFICS, PERSON_ROLES

# Spelling variants that transliteration produces, applied to each folded word in order.
VARIANTS = [
    (re.compile(r"iy$|yy$|yi$|ii$"), "y"),
    (re.compile(r"ey$|ei$"), "ei"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"([aeiou])y([aeiou])"), r"\1i\2"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(.)\1"), r"\1"),
]
PARTICLES = {"de", "van", "von", "der", "da", "al", "bin", "la", "le", "di", "du", "del"}
TITLES = {"mr", "mrs", "ms", "dr", "prof", "sir", "president", "minister", "the"}


def canonical_name(name: str, *, is_organisation: bool = False) -> str:
    """A person's name without the titles in front of it (and the words before those):
    'Kestrian Prime Minister Daniel Brecht' -> 'Daniel Brecht', 'Mr. Varga' -> 'Varga'."""
    name = " ".join(name.split())
    if is_organisation:
        return name
    words = name.split()
    cut = 0
    for index, word in enumerate(words[:-1]):
        lower = word.lower().strip(",")
        if lower in PERSON_ROLES or lower in HONORIFICS or lower.rstrip(".") in HONORIFICS:
            cut = index + 1
    return " ".join(words[cut:])


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^\w\s-]", "", text).replace("-", " ")


def _variant(word: str) -> str:
    for pattern, replacement in VARIANTS:
        word = pattern.sub(replacement, word)
    return word[:-1] + "y" if word.endswith("i") else word


def name_words(name: str) -> list[str]:
    """The folded, transliteration-normalised words of a name, without titles."""
    words = [_variant(w) for w in _fold(name).split() if w not in TITLES]
    return words


def speaker_key(name: str) -> str:
    """The normalised key stored on Speaker.key: 'Aleksei Tarnov' and 'Aleksey Tarnov' agree."""
    return " ".join(name_words(name)) or " ".join(name.lower().split())


def _same_person(a: list[str], b: list[str]) -> bool:
    core_a = [w for w in a if w not in PARTICLES]
    core_b = [w for w in b if w not in PARTICLES]
    return same_person(core_a, core_b, ACROSS_ARTICLES)


def _by_alias(name: str, key: str, *, is_organisation: bool) -> Speaker | None:
    """A speaker that already carries `name` (or a spelling with the same key) as an alias."""
    rows = Speaker.objects.filter(is_organisation=is_organisation)
    exact = rows.filter(aliases__contains=[name]).order_by("pk").first()
    if exact is not None:
        return exact
    last = key.split()[-1]
    for speaker in rows.filter(aliases__icontains=last[:4]).order_by("pk"):
        if any(speaker_key(alias) == key for alias in speaker.aliases or []):
            return speaker
    return None


def find_speaker(name: str, *, is_organisation: bool = False) -> Speaker | None:
    """The existing Speaker `name` refers to (by key, alias or fuzzy name), or None."""
    name = canonical_name(name, is_organisation=is_organisation)
    key = speaker_key(name)
    if not key:
        return None
    exact = Speaker.objects.filter(key=key, is_organisation=is_organisation).first()
    if exact is not None:
        return exact
    aliased = _by_alias(name, key, is_organisation=is_organisation)
    if aliased is not None:
        return aliased
    words = key.split()
    if is_organisation:
        candidates = Speaker.objects.filter(is_organisation=True, key__icontains=words[-1][:4])
        best = max(candidates, key=lambda s: fuzz.ratio(s.key, key), default=None)
        if best is not None and fuzz.ratio(best.key, key) >= ORG_SAME_AT:
            return best
        return None
    surname = [w for w in words if w not in PARTICLES][-1]
    candidates = [
        s
        for s in Speaker.objects.filter(is_organisation=False, key__icontains=surname[:3])
        if _same_person(words, name_words(canonical_name(s.name)))
    ]
    if not candidates:
        return None
    if len(words) == 1:
        full = {s.pk for s in candidates}
        return candidates[0] if len(full) == 1 else None
    # Prefer a full-name match over a surname-only row.
    candidates.sort(key=lambda s: (-len(s.key.split()), -fuzz.ratio(s.key, key), s.pk))
    return candidates[0]


def is_description(name: str, *, is_organisation: bool = False) -> bool:
    """An anonymous or generic source ("a senior US official", "police", "witnesses"):
    its head noun is not a name. Such a source in one article is no one in particular
    across articles, so it gets no Speaker row (the quote keeps the description)."""
    words = name.split()
    if not words or not words[-1][:1].islower():
        return False
    # "Dravian energy ministry" names one body; "the company" or "police" do not.
    return not (is_organisation and any(w[:1].isupper() for w in words))


def speaker_for(name: str | None, *, is_organisation: bool = False) -> Speaker | None:
    """The Speaker for a canonical name from one article, created when no one matches;
    None for no name or for a description that names no one in particular."""
    if not name or not name.strip() or is_description(name, is_organisation=is_organisation):
        return None
    name = canonical_name(name, is_organisation=is_organisation)[:300]
    speaker = find_speaker(name, is_organisation=is_organisation)
    if speaker is None:
        return Speaker.objects.create(
            name=name, key=speaker_key(name)[:300], is_organisation=is_organisation
        )
    if name != speaker.name and name not in (speaker.aliases or []):
        speaker.aliases = [*(speaker.aliases or []), name]
        if len(speaker.name.split()) == 1 and len(name.split()) > 1:
            # A fuller form than the one stored ("Tarnov" first, "Aleksey Tarnov" later).
            speaker.aliases = [a for a in speaker.aliases if a != name] + [speaker.name]
            speaker.name = name
            speaker.key = speaker_key(name)[:300]
        speaker.save(update_fields=["aliases", "name", "key"])
    return speaker
