"""Descriptions in one article: "the minister", "the company", "the 31-year-old", "a woman"
resolved to the person or body the article named, and anonymous or generic sources ("a senior
US official", "police", "one witness") made entities of their own by their description."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from coverage_app.text.people import salience
from coverage_app.text.people.entities import Cast, Entity, fold
from coverage_app.text.people.name_words import (
    AGENT_ENDINGS,
    CAMPAIGN_WORDS,
    COMMERCIAL_NOUNS,
    FEMALE_NOUNS,
    GENERIC_PEOPLE,
    MALE_NOUNS,
    NOT_AGENT_NOUNS,
    NOT_SPEAKERS,
    ORG_WORDS,
    PERSON_NOUNS,
    PRONOUNS_PERSON,
    ROLE_KINDS,
    ROLE_NOUNS,
    SHARE_NOUNS,
    SPOKESPEOPLE,
    SPOKESPERSON_GENDER,
)

# The title of a source that is a share or a group of people, not one person or body ("24
# percent", "six in 10", "Republicans"): `text.report_sources` keeps or leaves out their reports
# as it would a source with no name.
COLLECTIVE = "collective"
# Words kept in a speaker's description: "a senior US official", "two witnesses".
DESCRIPTION_DEPS = {
    "det", "amod", "compound", "nummod", "nmod", "npadvmod", "advmod", "quantmod", "poss",
}  # fmt: skip


def _person_noun(lemma: str) -> bool:
    """A common noun for someone who can speak: a docker, a resident, a migrant."""
    if lemma in PERSON_NOUNS:
        return True
    if lemma in NOT_AGENT_NOUNS or lemma.endswith("ment"):
        return False
    return lemma.endswith(AGENT_ENDINGS)


def _described_only(entity: Entity) -> bool:
    """An unnamed source known by its description ("a senior official")."""
    return any(alias.startswith("description:") for alias in entity.aliases)


def speaks_for_possessor(head: Token) -> bool:
    """A spokesperson or office of someone named by a possessive ("the ministry's spokeswoman",
    "Aeroline's office")."""
    return head.lower_ in SPOKESPEOPLE and any(c.dep_ == "poss" for c in head.lefts)


def represented(cast: Cast, head: Token, person: Entity) -> Entity:
    """The spokesperson or office of a person, named after them: "Tomas Varga's spokesman"."""
    name = f"{person.name}'s {head.lemma_.lower() if head.tag_ == 'NNS' else head.lower_}"
    key = "description:" + fold(name)
    if key not in cast.by_alias:
        cast.add_entity(
            Entity(name=name, is_org=False, titles={head.lower_}, aliases={key}, first_at=head.idx)
        )
    return cast.by_alias[key]


def describe(cast: Cast, head: Token) -> Entity | None:
    """An Entity named by its description, for anonymous and generic sources."""
    share = described_share(cast, head)
    if share is not None:
        return share
    lower = head.lower_
    if speaks_for_possessor(head):
        return None  # named through the one it speaks for (`references.resolve`)
    lemma = head.lemma_.lower()
    if head.pos_ not in {"NOUN", "PROPN"} or (cast.quoted[head.i] and head.pos_ != "PROPN"):
        return None
    if lower in NOT_SPEAKERS or lemma in NOT_SPEAKERS:
        return None
    known = lower in GENERIC_PEOPLE or lemma in GENERIC_PEOPLE or lower in ROLE_NOUNS
    known = known or lemma in ROLE_NOUNS or lower in ORG_WORDS or lemma in ORG_WORDS
    body = lower in ORG_WORDS or lemma in ORG_WORDS or lemma in CAMPAIGN_WORDS
    known = known or (lemma in CAMPAIGN_WORDS and head.dep_ in {"nsubj", "pobj"})
    # Any person noun speaks ("a docker said"): common nouns only, not names, and not
    # things ("remarks", "the danger", "world", "an excerpt").
    known = known or (
        head.pos_ == "NOUN" and head.dep_ in {"nsubj", "pobj", "appos"} and _person_noun(lemma)
    )
    # A party or nation in the plural as the subject ("Republicans said", "some Democrats
    # argue", "the Saudis have warned"): the group speaks.
    group = head.tag_ == "NNPS" and head.ent_type_ == "NORP" and head.dep_ == "nsubj"
    known = known or group
    if lower == "people" and not any(t.dep_ in DESCRIPTION_DEPS for t in head.lefts):
        return None  # bare "people said" names no one; "people in Orsby" is a source
    if not known or head.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT"}:
        return None
    if lower in ROLE_NOUNS and head.tag_ == "NN":
        # A headline or lede names the role before the person: "says Kerrin mayor".
        named = [e for e in cast.by_title.get(lower, ()) if not e.is_org
                 and not any(a.startswith("description:") for a in e.aliases)]  # fmt: skip
        if len(named) == 1:
            return named[0]
    words = [
        t for t in head.lefts
        if t.dep_ in DESCRIPTION_DEPS and not t.is_punct and t.pos_ != "PRON"
    ]  # fmt: skip
    words = [t for t in cast.doc[words[0].i : head.i]] if words else []
    words = [t for t in words if not t.is_punct or t.text in "-‑'’"] + [head]
    for child in head.rights:
        # "analysts at Meridor Bank", "a source close to the talks".
        if child.dep_ == "prep" and child.lower_ in {"at", "from", "with", "in", "close"}:
            tail = list(child.subtree)
            if len(tail) <= 5 and not any(cast.quoted[t.i] for t in tail):
                words += tail
            break
    while words and words[0].lower_ in {"the", "this", "that", "these", "those"}:
        words = words[1:]
    if not words:
        return None
    text = "".join(t.text + t.whitespace_ for t in words).strip()
    if words[0].pos_ != "PROPN" and not words[0].ent_type_ and text[:1].isupper():
        text = text[:1].lower() + text[1:]
    key = "description:" + fold(text)
    if key in cast.by_alias:
        return cast.by_alias[key]
    titles = {lower, lemma} | {t.lower_ for t in words[:-1] if t.pos_ in {"ADJ", "NOUN"}}
    if group:
        titles.add(COLLECTIVE)
    entity = Entity(
        name=text,
        is_org=body,
        titles=titles,
        aliases={key},
        gender="p" if group else "",
        first_at=head.idx,
    )
    cast.add_entity(entity)
    return entity


def is_share(head: Token) -> bool:
    """A share of people polled or counted: "24 percent", "a majority of voters", "half of
    them", "six in 10", "most of the candidates"."""
    lower, lemma = head.lower_, head.lemma_.lower()
    of = any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
    if lower in SHARE_NOUNS or lemma in SHARE_NOUNS:
        # "percent" counts people only with its number; "a share of" needs its "of".
        if lower in {"percent", "%"}:
            return any(c.dep_ in {"nummod", "quantmod"} or c.pos_ == "NUM" for c in head.lefts)
        return of or lower not in {"share", "proportion", "fraction", "quarter", "quarters"}
    if lower == "most" and of:
        return True
    if head.pos_ == "NUM":
        # "two in three", "one in four voters"; "six in 10" is parsed with 10 as the head.
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                for pobj in child.children:
                    if pobj.pos_ == "NUM" or any(c.pos_ == "NUM" for c in pobj.children):
                        return True
        lefts = [c.lower_ if c.pos_ != "NUM" else "#" for c in head.lefts]
        return "#" in lefts and "in" in lefts
    return False


def described_share(cast: Cast, head: Token) -> Entity | None:
    """The subject of a speech verb that is a share of people ("24 percent of voters said",
    "six in 10 say", "a majority of Democrats said"): a source of its own, named by the whole
    phrase, as poll reports give it."""
    if head.dep_ != "nsubj" or cast.quoted[head.i] or not is_share(head):
        return None
    cut: set[int] = set()
    for token in head.subtree:
        if token.i != head.i and (
            token.dep_ in {"appos", "parataxis"} or (token.dep_ == "punct" and token.text != "-")
        ):
            cut.update(t.i for t in token.subtree)
    words = [t for t in head.subtree if t.i not in cut]
    if not words or len(words) > 16 or any(cast.quoted[t.i] for t in words):
        return None
    text = "".join(t.text + t.whitespace_ for t in words).strip()
    if words[0].pos_ != "PROPN" and not words[0].text.isupper():
        text = text[:1].lower() + text[1:]
    key = "description:" + fold(text)
    if key in cast.by_alias:
        return cast.by_alias[key]
    entity = Entity(
        name=text, is_org=False, titles={COLLECTIVE}, aliases={key}, gender="p", first_at=head.idx
    )
    cast.add_entity(entity)
    return entity


def back_reference(head: Token) -> bool:
    """A definite description that points back at a person: an age or a nationality."""
    lefts = list(head.lefts)
    if not any(t.lower_ == "the" for t in lefts):
        return False
    if head.ent_type_ == "NORP" or head.lower_.endswith("year-old"):
        return True
    return any("year-old" in t.lower_ or t.lower_ == "old" for t in head.subtree
               if t.i < head.i)  # fmt: skip


def gendered_noun(cast: Cast, pronoun: Token, gender: str) -> Token | None:
    """The nearest unnamed "woman"/"man" (or someone's "spokeswoman"/"spokesman") before a
    pronoun, if no named person of that gender (or unknown gender) stands between them."""
    nouns = FEMALE_NOUNS if gender == "f" else MALE_NOUNS
    doc = cast.doc
    for i in range(pronoun.i - 1, max(-1, pronoun.i - 60), -1):
        token = doc[i]
        entity = cast.by_token.get(i)
        if entity is not None and not entity.is_org and entity.gender in {"", gender}:
            return None
        if token.pos_ == "PRON" and token.lower_ in PRONOUNS_PERSON and token.i != pronoun.i:
            continue
        spoke = speaks_for_possessor(token) and SPOKESPERSON_GENDER.get(token.lower_) == gender
        if (
            token.pos_ == "NOUN"
            and (token.lower_ in nouns or spoke)
            and not cast.quoted[i]
            and token.dep_ not in {"compound", "poss"}
            and not any(c.dep_ == "appos" for c in token.children)
        ):
            return token
    return None


def org_from_phrase(cast: Cast, head: Token) -> Entity:
    left = head.left_edge.i
    tokens = [t for t in cast.doc[left : head.i + 1]]
    while tokens and (tokens[0].pos_ in {"DET", "PRON"} or tokens[0].dep_ in {"poss", "case"}
                      or tokens[0].is_punct):  # fmt: skip
        tokens = tokens[1:]
    name = " ".join(t.text for t in tokens) or head.text
    key = fold(name)
    if key in cast.org_by_name:
        return cast.org_by_name[key]
    entity = Entity(name=name, is_org=True, words={fold(t.text) for t in tokens},
                    first_at=head.idx)  # fmt: skip
    cast.add_entity(entity)
    return entity


def described_org(cast: Cast, head: Token) -> Entity | None:
    lower = head.lower_
    k = bisect_left(cast.salient_pos, head.idx) - 1
    fallback = None
    while k >= 0 and head.idx - cast.salient_pos[k] <= 6000:
        entity = cast.salient[k]
        if entity.is_org:
            if lower in entity.words or lower in entity.titles:
                return entity
            if fallback is None:
                fallback = entity
        k -= 1
    named = {id(e): e for e in cast.by_word.get(lower, []) + cast.by_title.get(lower, [])}
    for entity in sorted(named.values(), key=lambda e: cast.order[id(e)], reverse=True):
        if entity.is_org and entity.first_at < head.idx:
            return entity
    if lower in COMMERCIAL_NOUNS or lower.endswith("maker"):
        # "the company", "the planemaker": the business named most recently, not a
        # council met since.
        return salience.recent_org(cast, head.idx, within=3000, commercial=True) or fallback
    if lower in {"organisation", "organization", "institute"}:
        return fallback
    return None


def described_person(cast: Cast, head: Token, modifiers: list[Token]) -> Entity | None:
    lower = head.lower_
    wanted = {m.lower_ for m in modifiers} | {lower}
    best, best_score = None, 0
    for entity in _titled(cast, lower):
        if entity.is_org or entity.first_at > head.idx:
            continue
        if entity.first_at == head.idx and _described_only(entity):
            continue  # the description this very phrase made
        score = len(wanted & entity.titles) * 10000 + entity.first_at // 1000
        last = _last_position(cast, entity, head.idx)
        score += last / 1e6
        if score > best_score:
            best, best_score = entity, score
    if best is None:
        # A headline or lede gives the role before the name ("US president tells
        # Ukrainians..."): the one person the article later gives that title.
        later = [e for e in cast.by_title.get(lower, ())
                 if not e.is_org and not _described_only(e)]  # fmt: skip
        most = max((len(wanted & e.titles) for e in later), default=0)
        later = [e for e in later if len(wanted & e.titles) == most]
        if len(later) == 1:
            return later[0]
    return best


def _titled(cast: Cast, role: str) -> list[Entity]:
    """People the article gives this role, or a role it covers (ROLE_KINDS: a diplomat is a
    foreign minister, an ambassador or an envoy; a leader a president or a prime minister)."""
    found = {id(e): e for e in cast.by_title.get(role, ())}
    for titles in ROLE_KINDS.get(role, ()):
        anchor = min(titles)
        for entity in cast.by_title.get(anchor, ()):
            if titles <= entity.titles:
                found.setdefault(id(entity), entity)
    return list(found.values())


def _last_position(cast: Cast, entity: Entity, before: int) -> int:
    positions = cast.salient_at.get(id(entity), [])
    k = bisect_left(positions, before) - 1
    return positions[k] if k >= 0 else entity.first_at
