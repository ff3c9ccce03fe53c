"""Claims: which sentences of an article are the writer's own statements.

Pure: works on the stored body, its sentence spans (read off the one spaCy parse at extraction,
`sentence_spans`) and the quotes and events extraction found; returns plain dicts. Aligning
the claims of two articles is `claim_align`.

A *claim* is a sentence of the narration: every sentence of the body except those that are
wholly someone's quoted words (a quote paragraph, or a quote plus "she said"), which the quote
alignment already handles. A sentence whose content is attributed to someone (reported speech
with only its attribution around it: "the minister claimed that...", "According to her, ...")
is marked "attributed": it still links the two articles' events and claims (two outlets often
tell one happening as "X, police said" and as a plain statement), but the pages do not list it
as the writer's claim, since the quotes section shows that reported speech. A sentence that
wraps a partial quote in the writer's own statement is a claim. Headlines, subheads, photo
captions and datelines are not claims at all.

Claim dict: {"text", "start", "end", "actor", "date", "negated", "attributed"};
body[start:end] == text; actor, date and negated come from an event extraction found in that
sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from coverage_app.text.align.tokens import content_tokens
from coverage_app.text.clean.dates import MONTHS, WEEKDAYS
from coverage_app.text.people.name_match import name_key
from coverage_app.text.quotes.attribution_words import SPEECH_LEMMAS
from coverage_app.text.quotes.marks import paragraphs

MIN_CLAIM_TOKENS = 3  # content words a sentence needs to be a claim (a dateline is not one)
MIN_OWN_TOKENS = 2  # content words outside quotation marks a sentence needs to be the writer's

_QUOTATION_KINDS = ("direct", "partial")
_WORD = re.compile(r"\w")
_PARENTHESES = re.compile(r"\([^)]*\)")


def sentence_spans(doc) -> list[tuple[int, int]]:
    """(start, end) of every sentence of a parsed body (a spaCy Doc), whitespace trimmed."""
    text = doc.text
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end and _WORD.search(text[start:end]):
            out.append((start, end))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'”’»)]*)\s+(?=[\"'“‘«(]?[A-Z0-9])")


def fallback_sentences(body: str) -> list[list[int]]:
    """Sentence spans without a parse (articles extracted before sentences were stored):
    paragraphs split after a full stop, question or exclamation mark before a capital."""
    out = []
    for lo, hi in paragraphs(body):
        start = lo
        for match in _SENTENCE_END.finditer(body, lo, hi):
            end = match.start() + len(match.group(1))
            if _WORD.search(body[start:end]):
                out.append([start, end])
            start = match.end()
        if _WORD.search(body[start:hi]):
            out.append([start, hi])
    return out


@dataclass(frozen=True, order=True)
class _Region:
    start: int
    end: int


def _quoted_regions(quotes: Sequence[dict]) -> list[_Region]:
    return sorted(
        _Region(q["start"], q["end"])
        for q in quotes
        if (q.get("kind") or "direct") in _QUOTATION_KINDS and q.get("end", 0) > q.get("start", 0)
    )


def _reported_regions(quotes: Sequence[dict]) -> list[_Region]:
    return sorted(
        _Region(q["start"], q["end"])
        for q in quotes
        if q.get("kind") == "indirect" and q.get("end", 0) > q.get("start", 0)
    )


# Words of an attribution tag besides the speech verb: "according to", "in his words", and when
# it was said ("said last week that", "told reporters on Tuesday").
_ATTRIBUTION_WORDS = frozenset(
    {"accord", "according", "word", "words", "view", "opinion", "reporter", "reporters"}
    | {"last", "week", "month", "year", "yesterday", "today", "earlier", "later", "ago"}
)
# A sentence that opens on whose view it gives: "According to him, ...", "For Brandvik, ...".
_ATTRIBUTED_OPENING = re.compile(
    r"^(?:According to|In the (?:words|view) of|For)\s+"
    r"(?:him|her|them|(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),",
)


def _attributed(
    text: str,
    start: int,
    end: int,
    inside: list[_Region],
    reported: list[_Region],
    speakers: set[str],
) -> bool:
    """Whether a sentence's content is someone's, not the writer's: it opens on whose view it
    gives ("According to him, ..."), or it holds reported speech and what comes before that
    is only its attribution ("The minister stated that ...", "Brandvik said ..."): the speaker,
    a title or name, the speech verb, "that"."""
    if _ATTRIBUTED_OPENING.match(text.lstrip()):
        return True
    held = [r for r in reported if r.start < end and r.end > start]
    if not held:
        return False
    lead_end = max(held[0].start - start, 0)
    lead = _CAPITALISED_WORD.sub(" ", _outside(text[:lead_end], start, inside))
    own = [
        t
        for t in content_tokens(lead)
        if t not in _SPEECH_TOKENS
        and t not in _ATTRIBUTION_WORDS
        and not any(t in key.split() for key in speakers)
    ]
    return len(own) < MIN_OWN_TOKENS


def _outside(text: str, start: int, regions: list[_Region]) -> str:
    """The sentence with the quoted words blanked out."""
    chars = list(text)
    for region in regions:
        lo, hi = max(region.start - start, 0), min(region.end - start, len(text))
        for k in range(lo, hi):
            chars[k] = " "
    return "".join(chars)


def extract_claims(
    body: str,
    sentences: Sequence[Sequence[int]],
    quotes: Sequence[dict] = (),
    events: Sequence[dict] = (),
) -> list[dict]:
    """The narration sentences of one article as claim dicts, in reading order."""
    regions = _quoted_regions(quotes)
    reported = _reported_regions(quotes)
    speakers = {name_key(q.get("speaker")) for q in quotes if q.get("speaker")}
    by_sentence = _sentence_events(events)
    headings = _headings(body, sentences) | _opening_caption(body, sentences, events)
    # A region reaching into a sentence starts less than the longest region's length before
    # it: the regions to test are found by bisection, not by reading them all.
    region_starts = [r.start for r in regions]
    longest = max((r.end - r.start for r in regions), default=0)
    claims = []
    for start, end in sentences:
        if (start, end) in headings:
            continue
        text = body[start:end]
        # A dateline or credit ("Geneva, (Agency - 5 May)") states nothing.
        if len(content_tokens(_PARENTHESES.sub(" ", text))) < MIN_CLAIM_TOKENS:
            continue
        near = regions[
            bisect_right(region_starts, start - longest) : bisect_left(region_starts, end)
        ]
        inside = [r for r in near if r.end > start]
        if inside and (
            len(_own_tokens(text, start, inside, speakers)) < MIN_OWN_TOKENS
            or _quote_and_its_tag(text, start, inside)
        ):
            continue
        event = _event_in(by_sentence, start, end)
        claims.append(
            {
                "text": text,
                "start": start,
                "end": end,
                "actor": (event or {}).get("actor") or None,
                "date": _iso((event or {}).get("date")),
                "negated": bool((event or {}).get("negated")),
                "attributed": _attributed(text, start, end, inside, reported, speakers),
            }
        )
    return claims


def _own_tokens(text: str, start: int, inside: list[_Region], speakers: set[str]) -> list[str]:
    """What the writer adds around the quoted words of a sentence. The speaker's name is the
    attribution, not a claim; and after a sentence that opens on the quote, so is the rest of
    the tag: the capitalised title ("..., Chief Harbour Engineer Lena Ruiz said") and the
    speech verb ("warned", "added")."""
    outside = _outside(text, start, inside)
    if _opens_on_quote(text, start, inside):
        outside = _CAPITALISED_WORD.sub(" ", outside)
        own = [t for t in content_tokens(outside) if t not in _SPEECH_TOKENS]
    else:
        own = content_tokens(outside)
    return [t for t in own if not any(t in key.split() for key in speakers)]


_OPENING = "\"'“‘«"
MAX_TAG_WORDS = 12  # "..., the foreign minister said at a news conference in Lindau."


def _opens_on_quote(text: str, start: int, inside: list[_Region]) -> bool:
    """The sentence starts with quoted words: at its opening mark, or inside a quotation that
    began in the sentence before ("...door. We will not close it now," she said)."""
    first = inside[0].start - start
    return first <= 0 or (text.lstrip()[:1] in _OPENING and first <= 2)


def _quote_and_its_tag(text: str, start: int, inside: list[_Region]) -> bool:
    """Quoted words followed only by a short attribution with a speech verb ("...," the
    foreign minister said at a news conference): the speaker's words, not the writer's."""
    if not _opens_on_quote(text, start, inside):
        return False
    tail = text[max(inside[-1].end - start, 0) :]  # after the sentence's last quoted words
    words = [w.strip(_CLOSING + ",.;:!?").lower() for w in tail.split()]
    return len(words) <= MAX_TAG_WORDS and any(w in _SPEECH_WORDS for w in words)


_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w'’-]*")


def _speech_forms(lemma: str) -> str:
    """A speech verb's inflections ("reply", "replies", "replied", "replying")."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = [lemma, lemma + "s", stem + "ed", stem + "ing"]
    if lemma.endswith("y"):
        forms += [lemma[:-1] + "ies", lemma[:-1] + "ied"]
    return " ".join(forms)


_SPEECH_TOKENS = frozenset(content_tokens(" ".join(_speech_forms(w) for w in SPEECH_LEMMAS)))
# The same verbs as written ("said" and "told" are stop words to content_tokens).
_SPEECH_WORDS = frozenset(
    " ".join(_speech_forms(w) for w in SPEECH_LEMMAS).split()
    + "said says told tells wrote writes spoke speaks".split()
)


_CLOSING = "\"'”’»“ )"


PHOTO_CREDIT = re.compile(  # "(AP Photo/Name)", "REUTERS/First Last", "(First Last/AFP)"
    r"\bPhoto\b|\b[A-Z]{3,}/[A-Z][a-z]+ [A-Z][a-z]+|\b[A-Z][a-z]+ [A-Z][a-z]+/[A-Z]{2,}\b"
)


def _headings(body: str, sentences: Sequence[Sequence[int]]) -> set[tuple[int, int]]:
    """Sentences that are not the narration: a paragraph of one sentence with no full stop
    (headlines, subheads, standfirsts) summarises what follows; a paragraph ending in a photo
    credit ("REUTERS/Name", "(AP Photo/Name)") is a caption."""
    out = set()
    spans = sorted(tuple(s) for s in sentences)
    starts = [s[0] for s in spans]
    for lo, hi in paragraphs(body):
        # The sentences starting in the paragraph, found by bisection, not by reading them all.
        near = spans[bisect_left(starts, lo) : bisect_right(starts, hi)]
        inside = [s for s in near if s[1] <= hi]
        paragraph = body[lo:hi]
        if PHOTO_CREDIT.search(paragraph[-60:]):
            out.update(inside)
        elif len(inside) == 1 and paragraph.rstrip(_CLOSING)[-1:] not in ".!?…":
            out.add(inside[0])
    return out


_SPEECH_ACTIONS = SPEECH_LEMMAS | {"be", "have"}


def _opening_caption(
    body: str, sentences: Sequence[Sequence[int]], events: Sequence[dict]
) -> set[tuple[int, int]]:
    """The body's first paragraph when it is a photo caption left above the story: one
    sentence whose subject opens it and whose verb follows in the simple present ("Mourners
    gather outside the town hall after..."), which the narration, told in the past, is not."""
    found = paragraphs(body)[:2]
    if len(found) < 2:
        return set()
    lo, hi = found[0]
    inside = [tuple(s) for s in sentences if lo <= s[0] and s[1] <= hi]
    if len(inside) != 1:
        return set()
    start, end = inside[0]
    text = body[start:end]
    for event in events:
        actor, action = event.get("actor") or "", event.get("action") or ""
        if not actor or not action or action in _SPEECH_ACTIONS:
            continue
        if not (start <= event.get("start", -1) < end) or not text.startswith(actor):
            continue
        verb = text[len(actor) :].split(maxsplit=1)[:1]
        if verb and verb[0] in (action, action + "s", action + "es"):
            return {(start, end)}
    return set()


def _sentence_events(events: Sequence[dict]) -> dict[tuple[int, int], dict]:
    """The event that gives each sentence its actor, date and negation: the first happening it
    reports, or else the saying ("Varo said Kestria would not reopen the port" is Kestria's
    negated reopening, not Varo's saying)."""
    out: dict[tuple[int, int], dict] = {}
    for event in events:
        key = (event.get("start", 0), event.get("end", 0))
        held = out.get(key)
        if held is None or (held.get("action") in _SPEECH_ACTIONS
                            and event.get("action") not in _SPEECH_ACTIONS):  # fmt: skip
            out[key] = event
    return out


def _event_in(by_sentence: dict, start: int, end: int) -> dict | None:
    event = by_sentence.get((start, end))
    if event is not None:
        return event
    for (lo, hi), candidate in by_sentence.items():
        if lo < end and hi > start and min(hi, end) - max(lo, start) >= (end - start) / 2:
            return candidate
    return None


def _iso(value) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


_NUMBER = re.compile(r"\d")
_DATE_WORDS = frozenset(WEEKDAYS) | frozenset(m for m in MONTHS if len(m) > 3)
_TOKEN = re.compile(r"[\w’'-]+")


def fact_weight(text: str) -> int:
    """How many facts a claim carries a reader can check: names (capitalised words past the
    sentence's first), numbers and dates. The claims a page shows first are those with most."""
    words = _TOKEN.findall(text)
    names = {w for w in words[1:] if w[:1].isupper() and w.lower() not in _DATE_WORDS}
    numbers = len(_NUMBER.findall(" ".join(w for w in words if any(c.isdigit() for c in w))))
    dates = sum(1 for w in words if w.lower() in _DATE_WORDS)
    return len(names) + min(numbers, 1) + dates
