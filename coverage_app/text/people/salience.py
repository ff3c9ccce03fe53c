"""Salience in one article: who was a subject or a speaker where, so that a pronoun or "the
company" finds the person or body just in view. The positions live on the `NameBook`
(`salient_pos`, `salient`, `org_mentions`); these functions read and add to them, and reach
the book's other parts (resolving, describing) through its methods."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from coverage_app.text.people.entities import Entity, fold
from coverage_app.text.people.name_words import (
    COMMERCIAL_NOUNS,
    ORG_WORDS,
    PUBLIC_BODY_WORDS,
    SPEAKING,
)

if TYPE_CHECKING:
    from coverage_app.text.people.names import NameBook

SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def mark_salient(book: NameBook, char: int, entity: Entity | None) -> None:
    """Remember that `entity` was a subject or speaker at `char` (for pronouns later)."""
    if entity is None:
        return
    k = bisect_right(book.salient_pos, char)
    book.salient_pos.insert(k, char)
    book.salient.insert(k, entity)
    positions = book.salient_at.setdefault(id(entity), [])
    positions.insert(bisect_right(positions, char), char)


def seed_salience(book: NameBook) -> None:
    """Subjects of verbs outside quotes are salient where they stand."""
    for token in book.doc:
        if token.dep_ in SUBJECT_DEPS and not book.quoted[token.i]:
            entity = book.resolve(token, salience=False)
            if entity is None and token.head.lemma_ in SPEAKING:
                # "a senior official said": described now, so "the official" finds it.
                if not (token.tag_ == "NN" and any(c.lower_ == "the" for c in token.lefts)):
                    entity = book.describe(token)
            if entity is not None:
                mark_salient(book, token.idx, entity)


def last_salient(
    book: NameBook, char: int, *, org: bool | None = None, gender: str = "", within: int = 4000
) -> Entity | None:
    k = bisect_left(book.salient_pos, char) - 1
    if gender:
        # "she" is first the nearest person known to be a woman (and "he" a man) within a
        # few paragraphs, before anyone whose gender the article does not show; but a person
        # of unknown gender named in the pronoun's own paragraph outranks someone known from
        # an earlier paragraph ("Brenner, a spokesman, said ... \n According to Stanek, ...
        # He stated" is Stanek).
        paragraph = book.text.rfind("\n", 0, char) + 1
        nearest = book.salient[k] if k >= 0 else None
        # Positions ascend: those in the pronoun's paragraph are the run from `first` to k.
        first = bisect_left(book.salient_pos, paragraph, 0, k + 1)
        if (
            nearest is not None
            and book.salient_pos[k] >= paragraph
            and not nearest.is_org
            and not nearest.gender
            and not any(not e.is_org and e.gender == gender for e in book.salient[first : k + 1])
        ):
            return nearest
        j = k
        while j >= 0 and char - book.salient_pos[j] <= min(within, 1500):
            entity = book.salient[j]
            if not entity.is_org and entity.gender == gender:
                return entity
            j -= 1
    while k >= 0 and char - book.salient_pos[k] <= within:
        entity = book.salient[k]
        if (org is None or entity.is_org == org) and not (
            gender and entity.gender and entity.gender != gender
        ):
            return entity
        k -= 1
    return None


def recent_org(
    book: NameBook, char: int, *, within: int = 1500, commercial: bool = False, word: str = ""
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
    k = bisect_left(book.salient_pos, char) - 1
    while k >= 0 and char - book.salient_pos[k] <= within:
        candidates.append((book.salient_pos[k], True, book.salient[k]))
        k -= 1
    k = bisect_left(book.org_mentions, char, key=lambda mention: mention[0]) - 1
    while k >= 0 and char - book.org_mentions[k][0] <= within:
        candidates.append((book.org_mentions[k][0], False, book.org_mentions[k][1]))
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
