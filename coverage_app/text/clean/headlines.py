"""A readable name for an article whose text has no headline: its first sentence (a wire
dateline left out, abbreviations such as "Mr." or "U.S." not taken for its end), cut to a
headline's length.

Pure: no Django. Pages and search results call `headline_from_body` on a stored body.
"""

from __future__ import annotations

import re

from coverage_app.text.clean.cleaning_words import ABBREVIATIONS
from coverage_app.text.shorten import shorten

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
# "LONDON (Reuters) -", "LISK, Kestria —": a dateline, not part of the sentence.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,40}(?:\([^)]{1,40}\))?\s*[-–—]+\s+")


def first_sentence(body: str) -> str:
    """The first sentence of the body's first paragraph (abbreviations and initials such as
    "Mr." or "U.S." do not end it), without a leading wire dateline."""
    paragraph = next((p for p in re.split(r"\n\s*\n", body or "") if p.strip()), "")
    paragraph = " ".join(paragraph.split())
    paragraph = _DATELINE.sub("", paragraph, count=1)
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[: match.start()].rsplit(" ", 1)[-1]
        word = before.strip("\"'“‘(").lower()
        if match.group()[0] == "." and (
            word in ABBREVIATIONS
            or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word)  # an initial, "U.S", "a.m"
        ):
            continue
        return paragraph[: match.end()]
    return paragraph


def headline_from_body(body: str, *, limit: int = 90) -> str:
    """A stand-in headline for an article whose text has none: its first sentence, shortened
    to about `limit` characters by `text.shorten` (between words, outside brackets, never
    without its negation or modal, an ellipsis marking the cut)."""
    sentence = first_sentence(body).rstrip()
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    return shorten(sentence, limit)
