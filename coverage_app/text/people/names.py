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

The parts: `text.name_runs` finds the runs of proper nouns, this module builds the entities
from them, `text.references` resolves noun phrases, `text.descriptions` matches descriptions
and makes the described sources, and `text.salience` keeps who was in view where. `Entity`,
`fold` and `is_medium` live in `text.entities`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from coverage_app.text.people import descriptions, references, salience
from coverage_app.text.people.entities import Cast, Entity, fold, is_medium
from coverage_app.text.people.name_match import (
    WITHIN_ARTICLE,
    first_same_surname,
    given_names_agree,
)
from coverage_app.text.people.name_runs import NameRun, name_runs
from coverage_app.text.people.name_words import (
    ACRONYM_SKIPPED,
    FEMALE_WORDS,
    HONORIFICS,
    MALE_A_NAMES,
    MALE_WORDS,
    NATIONAL_ENDINGS,
    ORG_WORDS,
    PARTICLES,
    SPEAKING,
)

# Entity, fold and is_medium were defined here first; they stay importable from here.
__all__ = ["Entity", "NameBook", "fold", "is_medium"]


def _given_name_gender(name: str) -> str:
    """'f' for a given name ending in -a (Anna, Lena, Olga), else unknown."""
    parts = name.split()
    if len(parts) < 2 or len(parts[0]) < 3 or not parts[0].isalpha():
        return ""
    first = fold(parts[0])
    return "f" if first.endswith("a") and first not in MALE_A_NAMES else ""


# A surname spelt another way is looked for among the last this many surnames long enough for a
# fuzzy match (`WITHIN_ARTICLE.fuzzy_surname_length`) that the article gave, not all of them: a
# look-up costs the same on the last page of a 1,000,000-character text as on the first (an
# article names far fewer people than this).
SURNAME_FUZZY_WINDOW = 256


def _given_names(words: list[str]) -> list[str]:
    """The folded given names of a name's words (particles such as "van" left out)."""
    return [fold(w) for w in words[:-1] if fold(w) not in PARTICLES]


class Surnames:
    """The surnames an article has given, in order. `match(key)` is the key itself when known
    (any number of pages back), else the first of the last SURNAME_FUZZY_WINDOW surnames that
    is one with it under the name matcher's `WITHIN_ARTICLE` rule, else None."""

    def __init__(self) -> None:
        self._known: set[str] = set()
        self.long: list[str] = []  # long enough for a fuzzy match, in order

    def append(self, key: str) -> None:
        self._known.add(key)
        if len(key) >= WITHIN_ARTICLE.fuzzy_surname_length:
            self.long.append(key)

    def window(self) -> list[str]:
        return self.long[-SURNAME_FUZZY_WINDOW:]

    def match(self, key: str) -> str | None:
        if key in self._known:
            return key
        return first_same_surname(key, self.window(), WITHIN_ARTICLE)


class NameBook(Cast):
    """The entities of one article and the salience order used to resolve pronouns: the
    article's `Cast`, built from its names, with the ways to ask it who someone is."""

    def __init__(self, doc: Doc, quoted: list[bool], nickname_spans: list[tuple[int, int]]):
        super().__init__(doc, quoted)
        self._nicknames = nickname_spans
        self._runs: list[NameRun] = []
        # Every person of a surname, in order met ("Ana Lenk", then her husband "Ivo Lenk").
        self._namesakes: dict[str, list[Entity]] = {}
        self._build()
        for entity in self.entities:
            self.index(entity)

    # --- building ------------------------------------------------------------------------

    @classmethod
    def build(cls, doc: Doc, quoted: list[bool], nicknames=()) -> NameBook:
        return cls(doc, quoted, list(nicknames))

    def _build(self) -> None:
        runs = name_runs(self.doc, self.quoted, self._nicknames)
        self._runs = runs
        people: dict[str, Entity] = {}  # folded surname -> entity
        orgs: dict[str, Entity] = {}
        surname_list = Surnames()
        # A name described as an organisation once ("the shipping group Nordline") stays one.
        org_names = {fold(" ".join(r.words)) for r in runs if r.org_evidence}
        for run in runs:
            if fold(" ".join(run.words)) in org_names:
                run.person_evidence, run.org_evidence = False, True
        self._speaking_surnames(runs)
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
        self._counterparts(runs)
        for entity in self.entities:
            if not entity.is_org and not entity.gender:
                entity.gender = _given_name_gender(entity.name)
        self.org_mentions = [
            (self.doc[i].idx, e) for i, e in sorted(self.by_token.items()) if e.is_org
        ]  # fmt: skip

    def _counterparts(self, runs: list[NameRun]) -> None:
        """ "Foreign Minister A met his Kestrian counterpart B": B holds A's role in another
        country, so "the Kestrian minister" finds B. B takes A's titles but A's nationality
        (a word the tagger marks as a nationality, or a capitalised -an/-ish/-ese adjective)."""
        for run in runs:
            if "counterpart" not in run.titles:
                continue
            entity = self.by_token.get(run.end - 1)
            root = self.doc[run.start].sent.root
            subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
            holder = self.by_token.get(subject.i) if subject is not None else None
            if entity is None or holder is None or holder is entity or holder.is_org:
                continue
            entity.titles.update(t for t in holder.titles if not self._nationality(t))

    def _nationality(self, word: str) -> bool:
        return any(
            t.lower_ == word
            and (
                t.ent_type_ == "NORP"
                or (t.pos_ in {"ADJ", "PROPN"} and t.is_title and word.endswith(NATIONAL_ENDINGS))
            )
            for t in self.doc
        )

    def _speaking_surnames(self, runs: list[NameRun]) -> None:
        """A full name the tagger took for a place or a body ("Ilsa Vorn, Kestria's Secretary
        of Trade, ...") is a person's when its last word alone later speaks ("Vorn said"): no
        place or body is named by its last word."""
        speaking = {
            fold(run.words[0]) for run in runs
            if len(run.words) == 1
            and self.doc[run.end - 1].dep_ == "nsubj"
            and self.doc[run.end - 1].head.lemma_ in SPEAKING
        }  # fmt: skip
        for run in runs:
            if (
                not run.person_evidence
                and 2 <= len(run.words) <= 3
                and fold(run.words[-1]) in speaking
                and all(w[:1].isupper() for w in run.words)
                and not {fold(w) for w in run.words} & ORG_WORDS
            ):
                run.person_evidence, run.org_evidence, run.place = True, False, False

    def _surname_match(self, key: str, surname_list: Surnames) -> str | None:
        return surname_list.match(key)

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
        given = _given_names(words)
        known_given = _given_names(entity.name.split()) if entity else []
        if entity is not None and not given_names_agree(known_given, given, WITHIN_ARTICLE):
            # Another person with the same surname: the one of these given names met before,
            # or a new one. The bare surname stays with the first met (the article's own
            # "Lenk"; a namesake is named in full or by first name).
            namesakes = self._namesakes[match]
            entity = next(
                (e for e in namesakes
                 if given_names_agree(_given_names(e.name.split()), given, WITHIN_ARTICLE)),
                None,
            )  # fmt: skip
            if entity is None:
                entity = self._new_person(words, key, run.char)
                namesakes.append(entity)
        elif entity is None:
            entity = self._new_person(words, key, run.char)
            people[key] = entity
            self._namesakes[key] = [entity]
            surname_list.append(key)
        elif given and not known_given:
            entity.name = " ".join(words)  # a surname first, the full name later
        entity.aliases.add(" ".join(words))
        entity.words.update(fold(w) for w in words)
        entity.titles.update(run.titles)
        if run.gender and not entity.gender:
            entity.gender = run.gender
        for title in run.titles:
            if title in FEMALE_WORDS:
                entity.gender = entity.gender or "f"
            elif title in MALE_WORDS:
                entity.gender = entity.gender or "m"
        self._note(run, entity)

    def _new_person(self, words: list[str], surname: str, char: int) -> Entity:
        entity = Entity(name=" ".join(words), is_org=False, surname=surname,
                        words={fold(w) for w in words}, first_at=char)  # fmt: skip
        self.entities.append(entity)
        return entity

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

    # --- looking up ---------------------------------------------------------------------

    def named(self, label: str) -> Entity | None:
        """The person a bare name or surname stands for ("Aalto" -> Henrik Aalto)."""
        words = [fold(w) for w in label.split() if fold(w) not in HONORIFICS]
        if not words:
            return None
        people = [e for e in self.by_word.get(words[-1], ()) if not e.is_org]
        if len(people) > 1 and len(words) > 1:
            people = [e for e in people if words[0] in e.words]
        return people[0] if len(people) == 1 else None

    def person_titled(self, head: Token) -> Entity | None:
        """The one person whose titles hold this noun and its compounds ("Harbour master"
        for Porthavel's harbour master, Ewan Rowe), wherever the article names them."""
        wanted = {head.lower_} | {c.lower_ for c in head.lefts if c.dep_ == "compound"}
        found = [
            e for e in self.by_title.get(head.lower_, ())
            if not e.is_org and not any(a.startswith("description:") for a in e.aliases)
            and wanted <= e.titles
        ]  # fmt: skip
        return found[0] if len(found) == 1 else None

    # --- resolving and salience: text.references, text.descriptions, text.salience ---------

    def resolve(self, head: Token, *, salience: bool = True) -> Entity | None:
        """The entity a noun phrase headed by `head` refers to, or None."""
        return references.resolve(self, head, salience=salience)

    def speaker(self, head: Token) -> Entity | None:
        """The speaker a noun phrase stands for: an entity, or else the most specific
        description the article gives ("a senior US official", "police", "witnesses")."""
        return references.speaker(self, head)

    def describe(self, head: Token) -> Entity | None:
        """An Entity named by its description, for anonymous and generic sources."""
        return descriptions.describe(self, head)

    def mark_salient(self, char: int, entity: Entity | None) -> None:
        """Remember that `entity` was a subject or speaker at `char` (for pronouns later)."""
        salience.mark_salient(self, char, entity)

    def seed_salience(self) -> None:
        """Subjects of verbs outside quotes are salient where they stand."""
        references.seed_salience(self)

    def last_salient(
        self, char: int, *, org: bool | None = None, gender: str = "", within: int = 4000
    ) -> Entity | None:
        """The subject or speaker most recently in view before `char`."""
        return salience.last_salient(self, char, org=org, gender=gender, within=within)

    def recent_org(
        self, char: int, *, within: int = 1500, commercial: bool = False, word: str = ""
    ) -> Entity | None:
        """The organisation named or speaking most recently before `char`."""
        return salience.recent_org(self, char, within=within, commercial=commercial, word=word)
