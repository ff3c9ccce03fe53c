"""The people and organisations of one article as the NameBook (`text.names`) knows them:
`Entity`, the `fold` that keys their names, `is_medium` for the channels of words, and `Cast`,
the plain data that `salience`, `descriptions` and `references` read and extend."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coverage_app.text.people.name_words import MEDIA_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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
    gender: str = ""  # "m", "f", "p" for a group ("they", never "he"/"she") or "" when unknown
    first_at: int = 0
    is_place: bool = False  # a place the tagger named (kept with the organisations)


def is_medium(entity: Entity) -> bool:
    """A newspaper, broadcaster or news service: the channel of someone's words."""
    return entity.is_org and bool(entity.words & MEDIA_WORDS or entity.titles & MEDIA_WORDS)


@dataclass(eq=False)
class Cast:
    """Who is in one article, as plain data: its parse, which tokens are quoted, its entities,
    where each name ends and who was in view where. `NameBook` builds it (a NameBook is one);
    `salience`, `descriptions` and `references` take a Cast, never the book, so they stand
    below it.

    Look-ups that would otherwise read every entity or every salient mention go through
    indexes: entities by title, by word, by alias and (organisations) by folded name, each list
    in the order of `entities`; an entity's salient positions, ascending. Names, titles, words
    and aliases are fixed once the NameBook has built them and indexed each (`index`); an entity
    met later comes in through `add_entity`, a salient mention through `salience.mark_salient`."""

    doc: Doc
    quoted: list[bool]  # per token: inside quotation marks
    entities: list[Entity] = field(default_factory=list)
    by_token: dict[int, Entity] = field(default_factory=dict)  # a name's last token -> entity
    salient_pos: list[int] = field(default_factory=list)  # char positions, ascending
    salient: list[Entity] = field(default_factory=list)
    org_mentions: list[tuple[int, Entity]] = field(default_factory=list)  # (char, org), ascending
    order: dict[int, int] = field(default_factory=dict)  # id(entity) -> its place in `entities`
    by_title: dict[str, list[Entity]] = field(default_factory=dict)
    by_word: dict[str, list[Entity]] = field(default_factory=dict)
    by_alias: dict[str, Entity] = field(default_factory=dict)
    org_by_name: dict[str, Entity] = field(default_factory=dict)
    salient_at: dict[int, list[int]] = field(default_factory=dict)  # id(entity) -> char positions
    # spaCy joins the tokens on every read of doc.text: read once.
    text: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.text = self.doc.text

    def entity_at(self, token: Token) -> Entity | None:
        return self.by_token.get(token.i)

    def add_entity(self, entity: Entity) -> None:
        """An entity met after the names: a described source or a body named by a phrase."""
        self.entities.append(entity)
        self.index(entity)

    def index(self, entity: Entity) -> None:
        self.order[id(entity)] = len(self.order)
        for title in entity.titles:
            self.by_title.setdefault(title, []).append(entity)
        for word in entity.words:
            self.by_word.setdefault(word, []).append(entity)
        for alias in entity.aliases:
            self.by_alias.setdefault(alias, entity)
        if entity.is_org:
            self.org_by_name.setdefault(fold(entity.name), entity)
