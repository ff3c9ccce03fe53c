"""Name runs: the runs of proper nouns in one article that name someone or something, with
the job titles in front cut off and kept as titles, and the tagger's evidence for a person, an
organisation or a place. `NameBook` (`text.names`) builds its entities from them."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from coverage_app.text.people.entities import fold
from coverage_app.text.people.name_words import (
    HONORIFICS,
    ORG_CONNECTORS,
    ORG_DESCRIPTIONS,
    ORG_FIRST_WORDS,
    ORG_WORDS,
    PARTICLES,
    PERSON_ROLES,
    PLACE_NOUNS,
    ROLE_NOUNS,
    SPEAKING,
)


@dataclass
class NameRun:
    """A run of proper nouns naming someone or something: token indexes [start, end)."""

    start: int
    end: int
    words: list[str]
    titles: list[str]
    person_evidence: bool
    org_evidence: bool
    place: bool
    char: int
    gender: str = ""  # "m" or "f" when the clause it leads refers back to it by pronoun


def _is_name_token(token: Token) -> bool:
    first = token.text[:1]
    if not first.isupper():
        return False
    # The tagger sometimes calls a capitalised name word ADJ or NOUN ("Elder Voice"); inside a
    # named entity it is still part of the name.
    return (
        token.pos_ == "PROPN"
        or (
            token.ent_type_ in {"PERSON", "ORG"}
            and token.is_alpha
            and token.pos_ in {"ADJ", "NOUN", "VERB", "X"}
        )
        or _speaking_capital(token)
    )


def _speaking_capital(token: Token) -> bool:
    """A capitalised noun inside a sentence as the subject of a speech verb (`," Quarrie
    said`): the tagger calls a surname it does not know NOUN, but no common noun is written
    with a capital there and speaks alone."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "nsubj"
        and token.head.lemma_ in SPEAKING
        and not token.text.isupper()
        and token.i > token.sent.start
        and not any(
            c.dep_ in {"det", "poss", "amod"}
            or (c.dep_ == "compound" and not (c.pos_ == "PROPN" and c.text[:1].isupper()))
            for c in token.children
        )
        and all(ch.isalpha() or ch in "'’-" for ch in token.text)
    )


# Entity types a name with its own "his" or "her" is still not a person of.
NOT_PEOPLE_TYPES = {"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "NORP", "WORK_OF_ART", "LAW"}
OWN_PRONOUNS = {"his": "m", "himself": "m", "her": "f", "herself": "f"}
# Clauses of their own inside a verb's clause: a pronoun there may point at their subject.
OWN_CLAUSE_DEPS = {"ccomp", "xcomp", "relcl", "advcl", "acl", "conj", "parataxis"}


def _own_pronoun(head: Token) -> str:
    """The gender a subject's own clause gives it: "Varn opened by talking about her work",
    "Varn defended himself". Only a possessive or reflexive pronoun that comes before any
    other name or person in the clause counts ("Varn attacked Olsen over her record" says
    nothing of Varn), and none inside a clause of its own or a quotation."""
    if head.dep_ != "nsubj" or head.head.pos_ not in {"VERB", "AUX"}:
        return ""
    verb = head.head
    found = ""

    def walk(token: Token) -> bool:
        """Visit the clause in text order; False once something stops the search."""
        nonlocal found
        for child in sorted(token.children, key=lambda c: c.i):
            if child.i < head.i and child.dep_ != "prep":
                continue  # before the subject, only a fronted phrase ("After the vote, ...")
            if child.i == head.i or child.dep_ in OWN_CLAUSE_DEPS or child.is_quote:
                continue
            lower = child.lower_
            if lower in OWN_PRONOUNS and (child.dep_ == "poss" or lower.endswith("self")):
                found = OWN_PRONOUNS[lower]
                return False
            if child.pos_ in {"PROPN", "PRON"} or child.ent_type_ in {"PERSON", "ORG", "NORP"}:
                return False
            if not walk(child):
                return False
        return True

    walk(verb)
    return found


def _plural_possessive(token: Token) -> bool:
    """The mark of "Workers' Union": after a plural with no space, before a space."""
    doc = token.doc
    return (
        token.text in {"'", "’"}
        and token.i > 0
        and doc[token.i - 1].text[-1:] in {"s", "S"}
        and not doc[token.i - 1].whitespace_
        and bool(token.whitespace_)
    )


def _org_connector(doc: Doc, start: int, j: int) -> int:
    """Where an organisation's name goes on after a connector at j ("of", "and", a plural
    possessive mark), or j when the name stops there. The connector must sit inside one ORG
    entity, or follow a name that already ends in an organisation word (Department of...)."""
    t = doc[j]
    n = len(doc)
    if j + 1 >= n or not _is_name_token(doc[j + 1]):
        return j
    if t.text in {"'", "’"} and doc[j - 1].text[-1:] == "s" and not doc[j - 1].whitespace_:
        # "Workers' Union": a plural possessive inside the name.
        if t.ent_type_ == "ORG" and doc[j + 1].ent_type_ == "ORG":
            return j + 1
        return j
    if t.lower_ not in ORG_CONNECTORS:
        return j
    inside_org = t.ent_type_ == "ORG" and t.ent_iob_ == "I" and doc[j + 1].ent_iob_ == "I"
    if inside_org and t.lower_ in {"and", "&"}:
        # "Carnmouth and Porthavel" is two places; "Bakery and Food Workers' Union" is one name.
        end = j + 1
        while end + 1 < n and doc[end + 1].ent_iob_ == "I":
            end += 1
        inside_org = doc[end].lower_ in ORG_WORDS
    if inside_org or (t.lower_ in {"of", "for"} and doc[j - 1].lower_ in ORG_WORDS):
        return j + 1
    return j


def name_runs(doc: Doc, quoted: list[bool], nicknames: list[tuple[int, int]]) -> list[NameRun]:
    """The article's name runs in text order; `nicknames` are (token before, token after)
    around a quoted nickname inside a name."""
    runs = []
    n = len(doc)
    i = 0
    nick_after = {a: b for a, b in nicknames}  # token index before nick -> after nick
    while i < n:
        if not _is_name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = doc[j]
            if _is_name_token(t) and not t.text.endswith("'s"):
                j += 1
            elif j - 1 in nick_after and nick_after[j - 1] < n:
                j = nick_after[j - 1]
            elif t.lower_ in PARTICLES and j + 1 < n and _is_name_token(doc[j + 1]):
                j += 1
            elif _org_connector(doc, i, j) > j:
                j = _org_connector(doc, i, j)
            elif (
                t.text in "-‑"
                and not t.whitespace_
                and not doc[j - 1].whitespace_
                and j + 1 < n
                and _is_name_token(doc[j + 1])
            ):
                j += 1
            else:
                break
        end = j
        # "Veltra CEO acknowledges...": a role after a name is no part of it (the name
        # is the company's, the role the person's, resolved as a description).
        while (
            end - 1 > i
            and doc[end - 1].lower_ in ROLE_NOUNS
            and (doc[end - 1].ent_type_ != "PERSON")
        ):
            end -= 1
        runs.append(make_run(doc, quoted, i, end))
        i = j
    return [r for r in runs if r.words]


def make_run(doc: Doc, quoted: list[bool], i: int, j: int) -> NameRun:
    tokens = [t for t in doc[i:j]]
    has_person = any(t.ent_type_ == "PERSON" for t in tokens)
    # Cut job titles (and the places inside them) in front: "U.S. District Judge Harriet
    # Oduya". Everything up to the last title word goes, when a name is left after it.
    k = 0
    for index, t in enumerate(tokens[:-1]):
        lower = t.lower_
        if (
            has_person
            and t.ent_type_ == "PERSON"
            and lower not in PERSON_ROLES
            and t.pos_ != "ADJ"  # "Kestrian Foreign Minister": a demonym tagged PERSON
        ):
            break
        if lower in PERSON_ROLES or lower in HONORIFICS:
            k = index + 1
        elif t.ent_type_ == "NORP" and index + 2 < len(tokens) and has_person:
            k = index + 1  # a demonym in front: "Texan Luis Ortega"
    if any(t.lower_ in ORG_WORDS for t in tokens[k:]) and tokens[-1].lower_ in ORG_WORDS:
        k = 0  # "World Health Organization" names an organisation, not Mr Organization
    titles = [t.lower_ for t in tokens[:k]]
    # The head noun of each title phrase decides what the name is: "a former top press
    # official" is a person however organisational its modifiers; "the shipping group" is not.
    heads = titles[-1:]
    # Marks, hyphens and a nickname between first name and surname are not name words.
    name_tokens = [
        t for t in tokens[k:]
        if not (t.is_quote or quoted[t.i]) or _plural_possessive(t)
    ]  # fmt: skip
    joined = "".join(
        t.text
        + (t.whitespace_ if k2 + 1 < len(name_tokens) and name_tokens[k2 + 1].i == t.i + 1 else " ")
        for k2, t in enumerate(name_tokens)
    )
    words = [w for w in joined.split() if any(ch.isalnum() for ch in w)]
    name_tokens = [t for t in name_tokens if not t.is_punct]
    # Nouns in front of the run belong to the titles: "State Department spokesman".
    head = doc[j - 1]
    for left in reversed(list(doc[max(0, i - 4) : i])):
        if left.dep_ in {"compound", "amod", "nmod"} and left.pos_ in {"NOUN", "ADJ", "PROPN"}:
            if not titles:
                heads.append(left.lower_)
            titles.append(left.lower_)
        elif left.dep_ == "poss" or left.is_punct or left.pos_ == "DET":
            break
        else:
            break
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            titles.append(child.lower_)
            heads.append(child.lower_)
            titles.extend(c.lower_ for c in child.lefts if c.dep_ in {"compound", "amod"})
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        titles.append(head.head.lower_)
        heads.append(head.head.lower_)
        titles.extend(c.lower_ for c in head.head.lefts if c.dep_ in {"compound", "amod"})
    lower_words = {w.lower() for w in words}
    role = any(t in ROLE_NOUNS for t in titles)
    described_org = any(t in ORG_DESCRIPTIONS for t in heads) and not role
    org = bool(lower_words & ORG_WORDS) or described_org
    # A two- or three-word name that speaks is a person, whatever the tagger thought.
    speaks = (
        head.dep_ == "nsubj"
        and head.head.lemma_ in SPEAKING
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() or fold(w) in PARTICLES for w in words)
    )
    # "Porthavel's harbour master, Ewan Rowe": a name in apposition to a common noun that
    # is no organisation or place is a person's, whatever the tagger thought.
    appositive = (
        head.dep_ == "appos"
        and head.head.tag_ == "NN"
        and head.head.lower_ not in ORG_WORDS | PLACE_NOUNS
        and 2 <= len(words) <= 3
    )
    if words and fold(words[0]) in ORG_FIRST_WORDS:
        speaks = appositive = False
    # Only a name nothing else vouches for takes its person and gender from its own clause:
    # gender known for some people and not others would tip "he" away from the nearer one.
    gender = ""
    if (
        not (has_person or role or speaks or appositive or org)
        and 1 <= len(words) <= 3
        and not (words and fold(words[0]) in ORG_FIRST_WORDS)
        and not any(t.ent_type_ in NOT_PEOPLE_TYPES for t in name_tokens)
    ):
        gender = _own_pronoun(head)
    person = (has_person or role or speaks or appositive or bool(gender)) and not org
    place = not person and any(t.ent_type_ in {"GPE", "LOC", "FAC"} for t in name_tokens)
    if not person and not place and any(t.ent_type_ == "ORG" for t in name_tokens):
        org = True
    return NameRun(
        start=i + k,
        end=j,
        words=words,
        titles=titles,
        person_evidence=person and not org,
        org_evidence=org,
        place=place,
        char=doc[i].idx,
        gender=gender,
    )
