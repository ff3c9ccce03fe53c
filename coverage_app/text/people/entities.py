"""The people and organisations of one article as the NameBook (`text.names`) knows them:
`Entity`, the `fold` that keys their names, and `is_medium` for the channels of words."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from coverage_app.text.people.name_words import MEDIA_WORDS


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


def is_medium(entity: Entity) -> bool:
    """A newspaper, broadcaster or news service: the channel of someone's words."""
    return entity.is_org and bool(entity.words & MEDIA_WORDS or entity.titles & MEDIA_WORDS)
