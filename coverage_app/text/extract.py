"""Quotes, speakers, reported speech and events from an article body.
PLACEHOLDER: the extraction work replaces this with the real extractor.

Quote dicts:  {"text", "speaker", "kind", "start", "end", "utterance", "sentence"}
Event dicts:  {"text", "actor", "action", "participants", "place", "date", "negated",
               "modality", "start", "end"}   ("date" is an ISO string or None)
Entity dicts: {"text", "label", "count"}
"""

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc


@dataclass
class Extraction:
    quotes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)


QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]")


def extract(doc: Doc, *, published: date | None = None) -> Extraction:
    quotes = [
        {
            "text": m.group(1),
            "speaker": None,
            "kind": "direct",
            "start": m.start(1),
            "end": m.end(1),
            "utterance": i,
            "sentence": "",
        }
        for i, m in enumerate(QUOTED.finditer(doc.text))
    ]
    return Extraction(quotes=quotes)
