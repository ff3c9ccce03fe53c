"""Who is who in one article: the people and organisations it names, one canonical name each.

`NameBook.build(doc, quoted)` reads the article once. A *name* is a run of proper nouns
(allowing particles such as "de" or "van", hyphens and a quoted nickname inside:
Mateo "El Toro" Ruvalcaba). Job titles in front are cut off and remembered as the person's
titles ("Dalmoran Foreign Minister Ilse Marrow": titles dalmoran, foreign, minister); so are
appositions ("Osvaldo Pinheiro, the club's president"). A name is a person when the
statistical tagger says PERSON anywhere, when a person title stands next to it, or when its
last word is the surname of someone the article already knows as a person. The small model
often calls a lone surname ORG or GPE ("Marrow said"), so surnames decide, not one tag.

Every mention of one person (Aleksei Tarnov, Aleksey Tarnov, Tarnov, the Dalmoran foreign
minister, he) resolves to one `Entity` whose name is the first full form the article used.

`NameBook.resolve(token)` turns the head of a noun phrase into an Entity (or None for
generic or unknown speakers such as "analysts" or "a senior official"): names, organisations
("the Turkish Defense Ministry"), descriptions ("the minister", "the company") and pronouns
("he", "she", "it") through a salience list of recent subjects and speakers.

`NameBook.speaker(token)` is what attribution asks: the entity, or else for anonymous and
generic sources the most specific description the article gives ("a senior US official",
"police", "residents in Orsby", "one witness"), itself an Entity so that "the official told"
later finds the same source.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

from coverage_app.text.name_words import (
    ACRONYM_SKIPPED,
    AGENT_ENDINGS,
    COMMERCIAL_NOUNS,
    FEMALE_NOUNS,
    FEMALE_WORDS,
    GENERIC_PEOPLE,
    HONORIFICS,
    LEADER_NOUNS,
    MALE_A_NAMES,
    MALE_NOUNS,
    MALE_WORDS,
    MEDIA_WORDS,
    NOT_AGENT_NOUNS,
    NOT_SPEAKERS,
    ORG_CONNECTORS,
    ORG_DESCRIPTIONS,
    ORG_FIRST_WORDS,
    ORG_WORDS,
    PARTICLES,
    PERSON_NOUNS,
    PERSON_ROLES,
    PLACE_NOUNS,
    PRONOUNS_ORG,
    PRONOUNS_PERSON,
    PUBLIC_BODY_WORDS,
    ROLE_NOUNS,
    SPEAKING,
)

# Words kept in a speaker's description: "a senior US official", "two witnesses".
DESCRIPTION_DEPS = {
    "det", "amod", "compound", "nummod", "nmod", "npadvmod", "advmod", "quantmod", "poss",
}  # fmt: skip
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NAME_DEPS = {"compound", "flat", "nmod", "appos", "amod", "punct"}


def fold(text: str) -> str:
    """Lower case without accents: 'Kovalenskýy' -> 'kovalenskyy'."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower().strip(".'’")


@dataclass
class Entity:
    """A person or organisation in one article."""

    name: str
    is_org: bool
    surname: str = ""
    words: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    gender: str = ""  # "m", "f" or "" when unknown
    first_at: int = 0
    is_place: bool = False  # a place the tagger named (kept with the organisations)


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


def _is_name_token(token: Token) -> bool:
    first = token.text[:1]
    if not first.isupper():
        return False
    # The tagger sometimes calls a capitalised name word ADJ or NOUN ("Elder Voice"); inside a
    # named entity it is still part of the name.
    return token.pos_ == "PROPN" or (
        token.ent_type_ in {"PERSON", "ORG"}
        and token.is_alpha
        and token.pos_ in {"ADJ", "NOUN", "VERB", "X"}
    )


def _given_name_gender(name: str) -> str:
    """'f' for a given name ending in -a (Anna, Lena, Olga), else unknown."""
    parts = name.split()
    if len(parts) < 2 or len(parts[0]) < 3 or not parts[0].isalpha():
        return ""
    first = fold(parts[0])
    return "f" if first.endswith("a") and first not in MALE_A_NAMES else ""


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


def is_medium(entity: Entity) -> bool:
    """A newspaper, broadcaster or news service: the channel of someone's words."""
    return entity.is_org and bool(entity.words & MEDIA_WORDS or entity.titles & MEDIA_WORDS)


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


class NameBook:
    """The entities of one article and the salience order used to resolve pronouns."""

    def __init__(self, doc: Doc, quoted: list[bool], nickname_spans: list[tuple[int, int]]):
        self.doc = doc
        self.quoted = quoted  # per token: inside quotation marks
        self.entities: list[Entity] = []
        self.by_token: dict[int, Entity] = {}  # token index of a name's last word -> entity
        self.salient_pos: list[int] = []  # char positions, ascending
        self.salient: list[Entity] = []
        self._nicknames = nickname_spans
        self._runs: list[NameRun] = []
        self.org_mentions: list[tuple[int, Entity]] = []  # (char, organisation), ascending
        self._build()

    # --- building ------------------------------------------------------------------------

    @classmethod
    def build(cls, doc: Doc, quoted: list[bool], nicknames=()) -> NameBook:
        return cls(doc, quoted, list(nicknames))

    def _name_runs(self) -> list[NameRun]:
        doc = self.doc
        runs = []
        n = len(doc)
        i = 0
        nick_after = {a: b for a, b in self._nicknames}  # token index before nick -> after nick
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
            runs.append(self._make_run(i, end))
            i = j
        return [r for r in runs if r.words]

    def _make_run(self, i: int, j: int) -> NameRun:
        doc = self.doc
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
        # Marks, hyphens and a nickname between first name and surname are not name words.
        name_tokens = [
            t for t in tokens[k:]
            if not (t.is_quote or self.quoted[t.i]) or _plural_possessive(t)
        ]  # fmt: skip
        joined = "".join(
            t.text
            + (
                t.whitespace_
                if k2 + 1 < len(name_tokens) and name_tokens[k2 + 1].i == t.i + 1
                else " "
            )
            for k2, t in enumerate(name_tokens)
        )
        words = [w for w in joined.split() if any(ch.isalnum() for ch in w)]
        name_tokens = [t for t in name_tokens if not t.is_punct]
        # Nouns in front of the run belong to the titles: "State Department spokesman".
        head = doc[j - 1]
        for left in reversed(list(doc[max(0, i - 4) : i])):
            if left.dep_ in {"compound", "amod", "nmod"} and left.pos_ in {"NOUN", "ADJ", "PROPN"}:
                titles.append(left.lower_)
            elif left.dep_ == "poss" or left.is_punct or left.pos_ == "DET":
                break
            else:
                break
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                titles.append(child.lower_)
                titles.extend(c.lower_ for c in child.lefts if c.dep_ in {"compound", "amod"})
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            titles.append(head.head.lower_)
            titles.extend(c.lower_ for c in head.head.lefts if c.dep_ in {"compound", "amod"})
        lower_words = {w.lower() for w in words}
        role = any(t in ROLE_NOUNS for t in titles)
        described_org = any(t in ORG_DESCRIPTIONS for t in titles) and not role
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
        person = (has_person or role or speaks or appositive) and not org
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
        )

    def _build(self) -> None:
        runs = self._name_runs()
        self._runs = runs
        people: dict[str, Entity] = {}  # folded surname -> entity
        orgs: dict[str, Entity] = {}
        surname_list: list[str] = []
        # A name described as an organisation once ("the shipping group Nordline") stays one.
        org_names = {fold(" ".join(r.words)) for r in runs if r.org_evidence}
        for run in runs:
            if fold(" ".join(run.words)) in org_names:
                run.person_evidence, run.org_evidence = False, True
        # Pass 1: people the tagger or a title vouches for.
        for run in runs:
            if run.person_evidence and not run.org_evidence:
                self._add_person(run, people, surname_list)
        # Pass 2: the rest; a known surname makes a person of an ORG/GPE-tagged word.
        for run in runs:
            if run.person_evidence and not run.org_evidence:
                continue
            key = fold(run.words[-1])
            match = self._surname_match(key, surname_list)
            if match and len(run.words) <= 3:
                entity = people[match]
                self._note(run, entity)
                continue
            if run.org_evidence or run.place:
                name = " ".join(run.words)
                okey = fold(name)
                entity = orgs.get(okey)
                if entity is None:
                    entity = Entity(
                        name=name, is_org=True, words={fold(w) for w in run.words},
                        first_at=run.char, is_place=run.place and not run.org_evidence,
                    )  # fmt: skip
                    orgs[okey] = entity
                    self.entities.append(entity)
                entity.titles.update(run.titles)
                self._note(run, entity)
                continue
            # Unlabelled proper nouns: two or three words read as a person's name.
            if 2 <= len(run.words) <= 3 and all(w[:1].isupper() for w in run.words):
                self._add_person(run, people, surname_list)
        for run in runs:
            if run.end - 1 in self.by_token:
                continue
            entity = self._surname_entity(fold(run.words[-1]), people, surname_list)
            if entity:
                self._note(run, entity)
        self._merge_short_org_names()
        self._merge_acronyms()
        self._first_names(runs, people)
        for entity in self.entities:
            if not entity.is_org and not entity.gender:
                entity.gender = _given_name_gender(entity.name)
        self.org_mentions = [
            (self.doc[i].idx, e) for i, e in sorted(self.by_token.items()) if e.is_org
        ]  # fmt: skip

    def _surname_match(self, key: str, surname_list: list[str]) -> str | None:
        if key in surname_list:
            return key
        if len(key) >= 5:
            for known in surname_list:
                if len(known) >= 5 and fuzz.ratio(key, known) >= 88:
                    return known
        return None

    def _surname_entity(self, key, people, surname_list):
        match = self._surname_match(key, surname_list)
        return people[match] if match else None

    def _add_person(self, run: NameRun, people, surname_list) -> None:
        words = [w for w in run.words if fold(w) not in HONORIFICS]
        if not words:
            return
        key = fold(words[-1])
        match = self._surname_match(key, surname_list)
        entity = people.get(match) if match else None
        given = [w for w in words[:-1] if fold(w) not in PARTICLES]
        known_given = (
            [w for w in entity.name.split()[:-1] if fold(w) not in PARTICLES] if entity else []
        )
        if entity is not None and given and known_given:
            first_known = fold(known_given[0])
            first_new = fold(given[0])
            if first_known[:1] != first_new[:1] and fuzz.ratio(first_known, first_new) < 70:
                entity = None  # another person with the same surname
        if entity is None:
            entity = Entity(name=" ".join(words), is_org=False, surname=key,
                            words={fold(w) for w in words}, first_at=run.char)  # fmt: skip
            people[key] = entity
            surname_list.append(key)
            self.entities.append(entity)
        elif given and not known_given:
            entity.name = " ".join(words)  # a surname first, the full name later
        entity.aliases.add(" ".join(words))
        entity.words.update(fold(w) for w in words)
        entity.titles.update(run.titles)
        for title in run.titles:
            if title in FEMALE_WORDS:
                entity.gender = entity.gender or "f"
            elif title in MALE_WORDS:
                entity.gender = entity.gender or "m"
        self._note(run, entity)

    def _note(self, run: NameRun, entity: Entity) -> None:
        for index in range(run.start, run.end):
            self.by_token[index] = entity
        entity.aliases.add(" ".join(run.words))

    def _first_names(self, runs: list[NameRun], people: dict) -> None:
        """A lone first name ("Lena said") after the full name is that person, when no one
        else has that first name or that word as a surname (two Kovacs: Lena and Marko)."""
        given: dict[str, list[Entity]] = {}
        for entity in self.entities:
            parts = entity.name.split()
            if not entity.is_org and len(parts) >= 2:
                given.setdefault(fold(parts[0]), []).append(entity)
        surnames = {
            fold(e.name.split()[-1]) for e in self.entities
            if not e.is_org and len(e.name.split()) >= 2
        }  # fmt: skip
        for run in runs:
            if len(run.words) != 1 or fold(run.words[0]) in surnames:
                continue
            current = self.by_token.get(run.end - 1)
            if current is not None and (current.is_org and current.is_place or len(
                current.name.split()) > 1):  # fmt: skip
                continue
            owners = given.get(fold(run.words[0]), [])
            if len(owners) == 1 and owners[0].first_at <= run.char:
                self._note(run, owners[0])
        used = {id(e) for e in self.by_token.values()}
        self.entities = [e for e in self.entities if id(e) in used or len(e.name.split()) > 1]

    def _merge_acronyms(self) -> None:
        """An acronym and the full name it stands for are one organisation ("the Kestrian
        Rail Authority (KRA)", then "KRA said")."""
        full = {}
        for entity in self.entities:
            words = [w for w in entity.name.split() if w.lower() not in ACRONYM_SKIPPED]
            if entity.is_org and len(words) >= 2:
                full.setdefault("".join(w[0] for w in words).lower(), []).append(entity)
        merged = {}
        for entity in self.entities:
            name = entity.name.replace(".", "")
            if entity.is_org and 2 <= len(name) <= 6 and name.isupper() and name.isalpha():
                longer = full.get(name.lower(), [])
                if len(longer) == 1 and longer[0] is not entity:
                    merged[id(entity)] = longer[0]
                    longer[0].aliases.add(entity.name)
        if not merged:
            return
        for index, entity in list(self.by_token.items()):
            if id(entity) in merged:
                self.by_token[index] = merged[id(entity)]
        self.entities = [e for e in self.entities if id(e) not in merged]

    def _merge_short_org_names(self) -> None:
        """An organisation named by its first word after its full name ("Harwick" for
        Harwick Foods) is the same organisation; places are left alone (Leeds is not Leeds
        City Council)."""
        full = {}
        for entity in self.entities:
            parts = entity.name.split()
            if entity.is_org and not entity.is_place and len(parts) >= 2:
                full.setdefault(fold(parts[0]), []).append(entity)
        if not full:
            return
        for index, entity in list(self.by_token.items()):
            if entity.is_place or len(entity.name.split()) != 1:
                continue
            if not entity.is_org and (entity.titles or entity.gender):
                continue  # a person known only by surname ("Mr Harwick") stays a person
            longer = full.get(fold(entity.name), [])
            if len(longer) == 1:
                self.by_token[index] = longer[0]
                longer[0].aliases.add(entity.name)
        used = {id(e) for e in self.by_token.values()}
        self.entities = [
            e for e in self.entities if id(e) in used or not (e.is_org or len(e.name.split()) == 1)
        ]  # fmt: skip

    def recent_org(self, char: int, *, within: int = 1500, commercial: bool = False,
                   word: str = "") -> Entity | None:  # fmt: skip
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
        k = bisect_left(self.salient_pos, char) - 1
        while k >= 0 and char - self.salient_pos[k] <= within:
            candidates.append((self.salient_pos[k], True, self.salient[k]))
            k -= 1
        k = bisect_left([at for at, _ in self.org_mentions], char) - 1
        while k >= 0 and char - self.org_mentions[k][0] <= within:
            candidates.append((self.org_mentions[k][0], False, self.org_mentions[k][1]))
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

    # --- salience ------------------------------------------------------------------------

    def mark_salient(self, char: int, entity: Entity | None) -> None:
        """Remember that `entity` was a subject or speaker at `char` (for pronouns later)."""
        if entity is None:
            return
        k = bisect_right(self.salient_pos, char)
        self.salient_pos.insert(k, char)
        self.salient.insert(k, entity)

    def seed_salience(self) -> None:
        """Subjects of verbs outside quotes are salient where they stand."""
        for token in self.doc:
            if token.dep_ in SUBJECT_DEPS and not self.quoted[token.i]:
                entity = self.resolve(token, salience=False)
                if entity is None and token.head.lemma_ in SPEAKING:
                    # "a senior official said": described now, so "the official" finds it.
                    if not (token.tag_ == "NN" and any(c.lower_ == "the" for c in token.lefts)):
                        entity = self.describe(token)
                if entity is not None:
                    self.mark_salient(token.idx, entity)

    def last_salient(self, char: int, *, org: bool | None = None, gender: str = "",
                     within: int = 4000) -> Entity | None:  # fmt: skip
        k = bisect_left(self.salient_pos, char) - 1
        if gender:
            # "she" is first the nearest person known to be a woman (and "he" a man) within a
            # few paragraphs, before anyone whose gender the article does not show; but a person
            # of unknown gender named in the pronoun's own paragraph outranks someone known from
            # an earlier paragraph ("Brenner, a spokesman, said ... \n According to Stanek, ...
            # He stated" is Stanek).
            paragraph = self.doc.text.rfind("\n", 0, char) + 1
            nearest = self.salient[k] if k >= 0 else None
            if (
                nearest is not None
                and self.salient_pos[k] >= paragraph
                and not nearest.is_org
                and not nearest.gender
                and not any(
                    not e.is_org and e.gender == gender and pos >= paragraph
                    for pos, e in zip(self.salient_pos[: k + 1], self.salient[: k + 1], strict=True)
                )
            ):
                return nearest
            j = k
            while j >= 0 and char - self.salient_pos[j] <= min(within, 1500):
                entity = self.salient[j]
                if not entity.is_org and entity.gender == gender:
                    return entity
                j -= 1
        while k >= 0 and char - self.salient_pos[k] <= within:
            entity = self.salient[k]
            if (org is None or entity.is_org == org) and not (
                gender and entity.gender and entity.gender != gender
            ):
                return entity
            k -= 1
        return None

    # --- speakers that name no one --------------------------------------------------------

    def speaker(self, head: Token) -> Entity | None:
        """The speaker a noun phrase stands for: an entity, or else the most specific
        description the article gives ("a senior US official", "police", "witnesses")."""
        entity = self.resolve(head)
        if entity is not None:
            return entity
        return self.describe(head)

    def describe(self, head: Token) -> Entity | None:
        """An Entity named by its description, for anonymous and generic sources."""
        lower = head.lower_
        lemma = head.lemma_.lower()
        if head.pos_ not in {"NOUN", "PROPN"} or (self.quoted[head.i] and head.pos_ != "PROPN"):
            return None
        if lower in NOT_SPEAKERS or lemma in NOT_SPEAKERS:
            return None
        known = lower in GENERIC_PEOPLE or lemma in GENERIC_PEOPLE or lower in ROLE_NOUNS
        known = known or lemma in ROLE_NOUNS or lower in ORG_WORDS or lemma in ORG_WORDS
        # Any person noun speaks ("a docker said"): common nouns only, not names, and not
        # things ("remarks", "the danger", "world", "an excerpt").
        known = known or (
            head.pos_ == "NOUN" and head.dep_ in {"nsubj", "pobj", "appos"} and _person_noun(lemma)
        )
        if lower == "people" and not any(t.dep_ in DESCRIPTION_DEPS for t in head.lefts):
            return None  # bare "people said" names no one; "people in Orsby" is a source
        if not known or head.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT"}:
            return None
        if lower in ROLE_NOUNS and head.tag_ == "NN":
            # A headline or lede names the role before the person: "says Kerrin mayor".
            named = [e for e in self.entities if not e.is_org and lower in e.titles
                     and not any(a.startswith("description:") for a in e.aliases)]  # fmt: skip
            if len(named) == 1:
                return named[0]
        words = [
            t for t in head.lefts
            if t.dep_ in DESCRIPTION_DEPS and not t.is_punct and t.pos_ != "PRON"
        ]  # fmt: skip
        words = [t for t in self.doc[words[0].i : head.i]] if words else []
        words = [t for t in words if not t.is_punct or t.text in "-‑'’"] + [head]
        for child in head.rights:
            # "analysts at Meridor Bank", "a source close to the talks".
            if child.dep_ == "prep" and child.lower_ in {"at", "from", "with", "in", "close"}:
                tail = list(child.subtree)
                if len(tail) <= 5 and not any(self.quoted[t.i] for t in tail):
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
        for entity in self.entities:
            if key in entity.aliases:
                return entity
        titles = {lower, lemma} | {t.lower_ for t in words[:-1] if t.pos_ in {"ADJ", "NOUN"}}
        entity = Entity(
            name=text,
            is_org=lower in ORG_WORDS or lemma in ORG_WORDS,
            titles=titles,
            aliases={key},
            first_at=head.idx,
        )
        self.entities.append(entity)
        return entity

    # --- resolving a noun phrase -----------------------------------------------------------

    def entity_at(self, token: Token) -> Entity | None:
        return self.by_token.get(token.i)

    def resolve(self, head: Token, *, salience: bool = True) -> Entity | None:
        """The entity a noun phrase headed by `head` refers to, or None."""
        if self.quoted[head.i] and head.pos_ != "PROPN":
            return None
        lower = head.lower_
        if head.pos_ == "PRON" or (head.text.islower() and lower in PRONOUNS_PERSON | PRONOUNS_ORG):
            if not salience:
                return None
            if lower in {"he", "him", "his", "she", "her", "hers"}:
                gender = "m" if lower in {"he", "him", "his"} else "f"
                # "a woman in her eighties ... she said": an unnamed person met after the
                # last named one.
                described = self._gendered_description(head, gender)
                if described is not None:
                    return described
                return self.last_salient(head.idx, org=False, gender=gender)
            if lower in {"it", "its"}:
                return self.last_salient(head.idx, org=True, within=1500)
            return None
        entity = self.entity_at(head)
        if entity is not None:
            return entity
        # A name inside the phrase: "the club's president, Osvaldo Pinheiro".
        for child in head.children:
            if child.dep_ == "appos":
                found = self.entity_at(child)
                if found is not None:
                    return found
        doc = self.doc
        if (
            lower in ROLE_NOUNS
            and head.i + 2 < len(doc)
            and doc[head.i + 1].text == ","
            and doc[head.i + 2].pos_ == "PROPN"
        ):
            found = self.entity_at(doc[head.i + 2])
            if found is not None and not found.is_org:
                return found  # the parser missed the apposition
        if head.pos_ == "PROPN" and lower not in ROLE_NOUNS:
            return None  # a role tagged as a name ("CEO said") is still a role
        if (
            salience
            and lower in GENERIC_PEOPLE
            and head.tag_ == "NN"
            and any(c.lower_ == "the" for c in head.lefts)
        ):
            # "the official told": the official described before.
            found = self._described_person(head, [])
            if found is not None:
                return found
        if lower in GENERIC_PEOPLE or head.tag_ in {"NNS", "NNPS"} and lower not in ORG_WORDS:
            # "Analysts at Ceska Capital": the organisation they speak for.
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in {"at", "from", "of", "with"}:
                    for pobj in child.children:
                        found = self.entity_at(pobj)
                        if found is not None and found.is_org:
                            return found
            return None
        modifiers = [c for c in head.lefts if c.dep_ in {"compound", "amod", "nmod"}]
        # Spokespeople and officials of a named organisation speak for it.
        if lower in {"spokesman", "spokeswoman", "spokesperson", "representative",
                     "statement", "official", "source"}:  # fmt: skip
            for mod in modifiers + [c for c in head.lefts if c.dep_ == "poss"]:
                found = self.entity_at(mod)
                if found is not None:
                    return found if found.is_org else None
            if lower not in {"official", "source"}:
                # "a spokesperson for the ministry": the ministry speaks.
                for child in head.rights:
                    if child.dep_ == "prep" and child.lower_ in {"for", "of", "at"}:
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                found = self.resolve(pobj, salience=salience)
                                if found is not None and found.is_org:
                                    return found
                if salience and not any(c.dep_ == "prep" for c in head.rights):
                    # "a ministry spokesperson said", "A spokesperson said": the body named
                    # just before speaks ("a council spokeswoman" -> the council).
                    nouns = [m.lower_ for m in modifiers if m.pos_ == "NOUN"]
                    if nouns or not modifiers:
                        found = self.recent_org(
                            head.idx, within=1500 if not nouns else 3000,
                            word=nouns[-1] if nouns else "",
                        )  # fmt: skip
                        if found is not None:
                            return found
        if (lower in ORG_DESCRIPTIONS or lower.endswith("maker")) and lower not in ROLE_NOUNS:
            phrase = self.doc[head.left_edge.i : head.i]
            # "the Manchester-based maker" describes a company named before; "the Turkish
            # Defense Ministry" names one.
            located = any(t.lower_ in {"based", "headquartered", "listed"} for t in phrase)
            if (
                modifiers
                and not located
                and any(m.pos_ in {"PROPN", "ADJ"} or m.ent_type_ for m in phrase)
            ):
                return self._org_from_phrase(head)
            if not salience:
                return None
            return self._described_org(head)
        if lower in ROLE_NOUNS:
            if not salience:
                return None
            found = self._described_person(head, modifiers)
            if found is not None:
                return found
            if lower in LEADER_NOUNS and any(c.lower_ == "the" for c in head.lefts):
                # "the head of the agency", "the chief": the person just in view leads it.
                return self.last_salient(head.idx, org=False, within=1500)
        if salience and head.tag_ == "NN" and self._back_reference(head):
            # "The 31-year-old heavyweight", "the Texan": the person just named.
            return self.last_salient(head.idx, org=False, within=1500)
        return None

    def named(self, label: str) -> Entity | None:
        """The person a bare name or surname stands for ("Aalto" -> Henrik Aalto)."""
        words = [fold(w) for w in label.split() if fold(w) not in HONORIFICS]
        if not words:
            return None
        people = [e for e in self.entities if not e.is_org and words[-1] in e.words]
        if len(people) > 1 and len(words) > 1:
            people = [e for e in people if words[0] in e.words]
        return people[0] if len(people) == 1 else None

    def person_titled(self, head: Token) -> Entity | None:
        """The one person whose titles hold this noun and its compounds ("Harbour master"
        for Porthavel's harbour master, Ewan Rowe), wherever the article names them."""
        wanted = {head.lower_} | {c.lower_ for c in head.lefts if c.dep_ == "compound"}
        found = [
            e for e in self.entities
            if not e.is_org and not any(a.startswith("description:") for a in e.aliases)
            and wanted <= e.titles
        ]  # fmt: skip
        return found[0] if len(found) == 1 else None

    def _back_reference(self, head: Token) -> bool:
        """A definite description that points back at a person: an age or a nationality."""
        lefts = list(head.lefts)
        if not any(t.lower_ == "the" for t in lefts):
            return False
        if head.ent_type_ == "NORP" or head.lower_.endswith("year-old"):
            return True
        return any("year-old" in t.lower_ or t.lower_ == "old" for t in head.subtree
                   if t.i < head.i)  # fmt: skip

    def _gendered_description(self, pronoun: Token, gender: str) -> Entity | None:
        """The nearest unnamed "woman"/"man" before a pronoun, if no named person of that
        gender (or unknown gender) stands between them."""
        nouns = FEMALE_NOUNS if gender == "f" else MALE_NOUNS
        doc = self.doc
        for i in range(pronoun.i - 1, max(-1, pronoun.i - 60), -1):
            token = doc[i]
            entity = self.by_token.get(i)
            if entity is not None and not entity.is_org and entity.gender in {"", gender}:
                return None
            if token.pos_ == "PRON" and token.lower_ in PRONOUNS_PERSON and token.i != pronoun.i:
                continue
            if (
                token.pos_ == "NOUN"
                and token.lower_ in nouns
                and not self.quoted[i]
                and token.dep_ not in {"compound", "poss"}
                and not any(c.dep_ == "appos" for c in token.children)
            ):
                return self.describe(token)
        return None

    def _org_from_phrase(self, head: Token) -> Entity:
        left = head.left_edge.i
        tokens = [t for t in self.doc[left : head.i + 1]]
        while tokens and (tokens[0].pos_ in {"DET", "PRON"} or tokens[0].dep_ in {"poss", "case"}
                          or tokens[0].is_punct):  # fmt: skip
            tokens = tokens[1:]
        name = " ".join(t.text for t in tokens) or head.text
        key = fold(name)
        for entity in self.entities:
            if entity.is_org and fold(entity.name) == key:
                return entity
        entity = Entity(name=name, is_org=True, words={fold(t.text) for t in tokens},
                        first_at=head.idx)  # fmt: skip
        self.entities.append(entity)
        return entity

    def _described_org(self, head: Token) -> Entity | None:
        lower = head.lower_
        k = bisect_left(self.salient_pos, head.idx) - 1
        fallback = None
        while k >= 0 and head.idx - self.salient_pos[k] <= 6000:
            entity = self.salient[k]
            if entity.is_org:
                if lower in entity.words or lower in entity.titles:
                    return entity
                if fallback is None:
                    fallback = entity
            k -= 1
        for entity in reversed(self.entities):
            if (
                entity.is_org
                and entity.first_at < head.idx
                and (lower in entity.words or lower in entity.titles)
            ):
                return entity
        if lower in COMMERCIAL_NOUNS or lower.endswith("maker"):
            # "the company", "the planemaker": the business named most recently, not a
            # council met since.
            return self.recent_org(head.idx, within=3000, commercial=True) or fallback
        if lower in {"organisation", "organization", "institute"}:
            return fallback
        return None

    def _described_person(self, head: Token, modifiers: list[Token]) -> Entity | None:
        lower = head.lower_
        wanted = {m.lower_ for m in modifiers} | {lower}
        best, best_score = None, 0
        for entity in self.entities:
            if entity.is_org or entity.first_at > head.idx or lower not in entity.titles:
                continue
            if entity.first_at == head.idx and _described_only(entity):
                continue  # the description this very phrase made
            score = len(wanted & entity.titles) * 10000 + entity.first_at // 1000
            last = self._last_position(entity, head.idx)
            score += last / 1e6
            if score > best_score:
                best, best_score = entity, score
        if best is None:
            # A headline or lede gives the role before the name ("US president tells
            # Ukrainians..."): the one person the article later gives that title.
            later = [e for e in self.entities
                     if not e.is_org and lower in e.titles and not _described_only(e)]  # fmt: skip
            most = max((len(wanted & e.titles) for e in later), default=0)
            later = [e for e in later if len(wanted & e.titles) == most]
            if len(later) == 1:
                return later[0]
        return best

    def _last_position(self, entity: Entity, before: int) -> int:
        k = bisect_left(self.salient_pos, before) - 1
        while k >= 0:
            if self.salient[k] is entity:
                return self.salient_pos[k]
            k -= 1
        return entity.first_at
