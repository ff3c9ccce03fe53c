"""What a noun phrase in one article refers to: `resolve` turns the head of a noun phrase into
the `Entity` it names or describes (names, organisations, roles, spokespeople, pronouns through
salience), or None for generic or unknown speakers; `speaker` adds the described sources."""

from __future__ import annotations

from spacy.tokens import Token

from coverage_app.text.people.descriptions import (
    back_reference,
    describe,
    described_org,
    described_person,
    gendered_noun,
    org_from_phrase,
    represented,
    speaks_for_possessor,
)
from coverage_app.text.people.entities import Cast, Entity
from coverage_app.text.people.name_words import (
    GENERIC_PEOPLE,
    LEADER_NOUNS,
    ORG_DESCRIPTIONS,
    ORG_WORDS,
    PRONOUNS_ORG,
    PRONOUNS_PERSON,
    ROLE_NOUNS,
    SPEAKING,
)
from coverage_app.text.people.salience import last_salient, mark_salient, recent_org

SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def resolve(cast: Cast, head: Token, *, salience: bool = True) -> Entity | None:
    """The entity a noun phrase headed by `head` refers to, or None."""
    if cast.quoted[head.i] and head.pos_ != "PROPN":
        return None
    lower = head.lower_
    if head.pos_ == "PRON" or (head.text.islower() and lower in PRONOUNS_PERSON | PRONOUNS_ORG):
        if not salience:
            return None
        if lower in {"he", "him", "his", "she", "her", "hers"}:
            gender = "m" if lower in {"he", "him", "his"} else "f"
            # "a woman in her eighties ... she said": an unnamed person met after the
            # last named one.
            noun = gendered_noun(cast, head, gender)
            if noun is not None:
                described = resolve(cast, noun) if speaks_for_possessor(noun) else None
                described = described or describe(cast, noun)
                if described is not None:
                    return described
            return last_salient(cast, head.idx, org=False, gender=gender)
        if lower in {"it", "its"}:
            return last_salient(cast, head.idx, org=True, within=1500)
        return None
    entity = cast.entity_at(head)
    if entity is not None:
        return entity
    # A name inside the phrase: "the club's president, Osvaldo Pinheiro".
    for child in head.children:
        if child.dep_ == "appos":
            found = cast.entity_at(child)
            if found is not None:
                return found
    if lower in ROLE_NOUNS:
        # "the head of Aeroline, Dan Korr": the parser hangs the name on the organisation
        # the role belongs to; a person beside it holds the role.
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ != "of":
                continue
            for pobj in child.children:
                body = cast.entity_at(pobj)
                if not ((body is not None and body.is_org) or pobj.lower_ in ORG_WORDS):
                    continue
                for appos in pobj.children:
                    found = cast.entity_at(appos) if appos.dep_ == "appos" else None
                    if found is not None and not found.is_org:
                        return found
    doc = cast.doc
    if (
        lower in ROLE_NOUNS
        and head.i + 2 < len(doc)
        and doc[head.i + 1].text == ","
        and doc[head.i + 2].pos_ == "PROPN"
    ):
        found = cast.entity_at(doc[head.i + 2])
        if found is not None and not found.is_org:
            return found  # the parser missed the apposition
    if speaks_for_possessor(head):
        # "the ministry's spokeswoman" speaks for the ministry; "his office" is the office of
        # the person he is, named so ("Tomas Varga's office").
        for poss in (c for c in head.lefts if c.dep_ == "poss"):
            found = resolve(cast, poss, salience=salience)
            if found is None and poss.lower_ in ORG_WORDS:
                found = org_from_phrase(cast, poss)  # "the Lisk transport ministry's"
            if found is not None:
                return found if found.is_org else represented(cast, head, found)
        return None
    if head.pos_ == "PROPN" and lower not in ROLE_NOUNS:
        if salience and head.tag_ == "NNP" and back_reference(head):
            # "the Texan said", "the Republican told": one person of that nationality or
            # party, the one just in view (the plural names the party or the people).
            return last_salient(cast, head.idx, org=False, within=1500)
        return None  # a role tagged as a name ("CEO said") is still a role
    if (
        salience
        and lower in GENERIC_PEOPLE
        and head.tag_ == "NN"
        and any(c.lower_ == "the" for c in head.lefts)
    ):
        # "the official told": the official described before.
        found = described_person(cast, head, [])
        if found is not None:
            return found
    if lower in GENERIC_PEOPLE or head.tag_ in {"NNS", "NNPS"} and lower not in ORG_WORDS:
        # "Analysts at Ceska Capital": the organisation they speak for.
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"at", "from", "of", "with"}:
                for pobj in child.children:
                    found = cast.entity_at(pobj)
                    if found is not None and found.is_org:
                        return found
        return None
    modifiers = [c for c in head.lefts if c.dep_ in {"compound", "amod", "nmod"}]
    # Spokespeople and officials of a named organisation speak for it.
    if lower in {"spokesman", "spokeswoman", "spokesperson", "representative",
                 "statement", "official", "source"}:  # fmt: skip
        for mod in modifiers + [c for c in head.lefts if c.dep_ == "poss"]:
            found = cast.entity_at(mod)
            if found is not None:
                return found if found.is_org else None
        if lower not in {"official", "source"}:
            # "a spokesperson for the ministry": the ministry speaks.
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ in {"for", "of", "at"}:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = resolve(cast, pobj, salience=salience)
                            if found is not None and found.is_org:
                                return found
            if salience and not any(c.dep_ == "prep" for c in head.rights):
                # "a ministry spokesperson said", "A spokesperson said": the body named
                # just before speaks ("a council spokeswoman" -> the council).
                nouns = [m.lower_ for m in modifiers if m.pos_ == "NOUN"]
                if nouns or not modifiers:
                    found = recent_org(cast, 
                        head.idx, within=1500 if not nouns else 3000,
                        word=nouns[-1] if nouns else "",
                    )  # fmt: skip
                    if found is not None:
                        return found
    if (lower in ORG_DESCRIPTIONS or lower.endswith("maker")) and lower not in ROLE_NOUNS:
        phrase = cast.doc[head.left_edge.i : head.i]
        # "the Manchester-based maker" describes a company named before; "the Turkish
        # Defense Ministry" names one.
        located = any(t.lower_ in {"based", "headquartered", "listed"} for t in phrase)
        if (
            modifiers
            and not located
            and any(m.pos_ in {"PROPN", "ADJ"} or m.ent_type_ for m in phrase)
        ):
            return org_from_phrase(cast, head)
        if not salience:
            return None
        return described_org(cast, head)
    if lower in ROLE_NOUNS:
        if not salience:
            return None
        found = described_person(cast, head, modifiers)
        if found is not None:
            return found
        if lower in LEADER_NOUNS and any(c.lower_ == "the" for c in head.lefts):
            # "the head of the agency", "the chief": the person just in view leads it.
            return last_salient(cast, head.idx, org=False, within=1500)
    if salience and head.tag_ == "NN" and back_reference(head):
        # "The 31-year-old heavyweight", "the Texan": the person just named.
        return last_salient(cast, head.idx, org=False, within=1500)
    return None


def speaker(cast: Cast, head: Token) -> Entity | None:
    """The speaker a noun phrase stands for: an entity, or else the most specific
    description the article gives ("a senior US official", "police", "witnesses")."""
    entity = resolve(cast, head)
    if entity is not None:
        return entity
    return describe(cast, head)


def seed_salience(cast: Cast) -> None:
    """Subjects of verbs outside quotes are salient where they stand."""
    for token in cast.doc:
        if token.dep_ in SUBJECT_DEPS and not cast.quoted[token.i]:
            entity = resolve(cast, token, salience=False)
            if entity is None and token.head.lemma_ in SPEAKING:
                # "a senior official said": described now, so "the official" finds it.
                if not (token.tag_ == "NN" and any(c.lower_ == "the" for c in token.lefts)):
                    entity = describe(cast, token)
            if entity is not None:
                mark_salient(cast, token.idx, entity)
