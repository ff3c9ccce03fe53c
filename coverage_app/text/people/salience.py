"""Salience in one article: who was a subject or a speaker where, so that a pronoun or "the
company" finds the person or body just in view. The positions live on the article's `Cast`
(`salient_pos`, `salient`, `org_mentions`); these functions read and add to them. Seeding them
from the subjects of verbs resolves names, so it lives with resolving (`references`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from coverage_app.text.people.entities import Cast, Entity, fold
from coverage_app.text.people.name_words import (
    COMMERCIAL_NOUNS,
    ORG_WORDS,
    PUBLIC_BODY_WORDS,
)

OPENING_MARKS = {'"', "“", "'", "‘", "«", "„"}


def mark_salient(cast: Cast, char: int, entity: Entity | None) -> None:
    """Remember that `entity` was a subject or speaker at `char` (for pronouns later)."""
    if entity is None:
        return
    k = bisect_right(cast.salient_pos, char)
    cast.salient_pos.insert(k, char)
    cast.salient.insert(k, entity)
    positions = cast.salient_at.setdefault(id(entity), [])
    positions.insert(bisect_right(positions, char), char)


def last_salient(
    cast: Cast, char: int, *, org: bool | None = None, gender: str = "", within: int = 4000
) -> Entity | None:
    k = bisect_left(cast.salient_pos, char) - 1
    if gender:
        # "she" is first the nearest person known to be a woman (and "he" a man) within a
        # few paragraphs, before anyone whose gender the article does not show; but a person
        # of unknown gender named in the pronoun's own paragraph outranks someone known from
        # an earlier paragraph ("Brenner, a spokesman, said ... \n According to Stanek, ...
        # He stated" is Stanek).
        paragraph = cast.text.rfind("\n", 0, char) + 1
        if cast.text[paragraph : paragraph + 1] in OPENING_MARKS:
            # A paragraph that opens with a quote goes on from the one before ("Ida Vell, a
            # union head, said... \n "We will be there," she said"): that one counts too.
            previous_end = len(cast.text[:paragraph].rstrip())
            paragraph = cast.text.rfind("\n", 0, previous_end) + 1
        nearest = cast.salient[k] if k >= 0 else None
        # Positions ascend: those in the pronoun's paragraph are the run from `first` to k.
        first = bisect_left(cast.salient_pos, paragraph, 0, k + 1)
        if (
            nearest is not None
            and cast.salient_pos[k] >= paragraph
            and not nearest.is_org
            and not nearest.gender
            and not any(not e.is_org and e.gender == gender for e in cast.salient[first : k + 1])
        ):
            return nearest
        j = k
        while j >= 0 and char - cast.salient_pos[j] <= min(within, 1500):
            entity = cast.salient[j]
            if not entity.is_org and entity.gender == gender:
                return entity
            j -= 1
    while k >= 0 and char - cast.salient_pos[k] <= within:
        entity = cast.salient[k]
        if (org is None or entity.is_org == org) and not (
            gender and entity.gender and entity.gender != gender
        ):
            return entity
        k -= 1
    return None


def recent_org(
    cast: Cast, char: int, *, within: int = 1500, commercial: bool = False, word: str = ""
) -> Entity | None:
    """The organisation named or speaking most recently before `char`: "the company",
    "a spokesperson" with no body named. With `word`, only one whose name or
    description holds it ("a ministry spokesperson" -> the defence ministry)."""

    def labels(entity: Entity) -> set[str]:
        return entity.words | entity.titles | {fold(w) for w in entity.name.split()}

    def fits(entity: Entity) -> bool:
        if not entity.is_org or entity.is_place:
            return False
        if word and word not in labels(entity):
            return False
        return not (commercial and labels(entity) & PUBLIC_BODY_WORDS)

    def preferred(entity: Entity) -> bool:
        # Named or described as a body of that kind ("the battery maker Polarcell").
        kinds = COMMERCIAL_NOUNS if commercial else ORG_WORDS
        return bool(labels(entity) & kinds)

    # Candidates newest first: organisations that spoke or acted, and those named.
    candidates = []
    k = bisect_left(cast.salient_pos, char) - 1
    while k >= 0 and char - cast.salient_pos[k] <= within:
        candidates.append((cast.salient_pos[k], True, cast.salient[k]))
        k -= 1
    k = bisect_left(cast.org_mentions, char, key=lambda mention: mention[0]) - 1
    while k >= 0 and char - cast.org_mentions[k][0] <= within:
        candidates.append((cast.org_mentions[k][0], False, cast.org_mentions[k][1]))
        k -= 1
    candidates = [c for c in sorted(candidates, key=lambda c: -c[0]) if fits(c[2])]
    for test in (preferred, lambda e: True):
        for _, spoke, entity in candidates:
            if spoke and test(entity):
                return entity
        for _, _, entity in candidates:
            if test(entity):
                return entity
    return None
