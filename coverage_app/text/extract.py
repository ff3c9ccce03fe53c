"""Quotes, speakers, reported speech and events from an article body.

`extract(doc, published=...)` takes a parsed body (a spaCy Doc whose text IS the stored
body) and returns plain data (a batch is parsed by its caller with `nlp.pipe`, as ingest and
`plain_data.article_dicts` do). Nothing here re-parses text: one Doc, a handful of linear
passes.

Quote dicts:  {"text", "speaker", "speaker_is_org", "kind", "start", "end", "utterance",
               "sentence"}; kind is "direct", "partial" or "indirect"; body[start:end] == text.
Event dicts:  {"text", "actor", "action", "participants", "place", "date", "negated",
               "modality", "start", "end"}   ("date" is an ISO string or None)
Entity dicts: {"text", "label", "count"}
Sentences:    [[start, end], ...] (the parse's sentence spans, for claims)
Term dicts:   {"term", "kind", "label", "start", "end"} (lemmas, noun chunks, names: wording)

The work is split by what it does: `quotes` finds the quotation marks, `names` knows who is
who in the article, `attribution` decides what is a quote and who said it and finds reported
speech, `events` and `dates` read the happenings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from coverage_app.text.claims.claim_sentences import sentence_spans
from coverage_app.text.claims.wording import term_spans
from coverage_app.text.events.extraction import extract_events
from coverage_app.text.people.names import NameBook
from coverage_app.text.quotes import speaker_ranker
from coverage_app.text.quotes.marks import MarkedSpan, find_marked_spans, paragraphs
from coverage_app.text.quotes.reported import ReportingAttributor
from coverage_app.text.quotes.speech_verbs import SpeakerFinder

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


@dataclass
class Extraction:
    quotes: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    sentences: list[list[int]] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)


def _quoted_mask(doc: Doc, spans: list[MarkedSpan]) -> list[bool]:
    """Per token: inside quotation marks (marks included). Linear in tokens + spans."""
    mask = [False] * len(doc)
    if not spans:
        return mask
    ranges = sorted(
        (s.open_at, (s.close_at + 1) if s.close_at is not None else s.end) for s in spans
    )
    k = 0
    for token in doc:
        while k < len(ranges) and ranges[k][1] <= token.idx:
            k += 1
        if k < len(ranges) and ranges[k][0] <= token.idx < ranges[k][1]:
            mask[token.i] = True
    return mask


def _nicknames(doc: Doc, text: str, spans: list[MarkedSpan], starts: list[int]):
    """(token before, token after) around quoted nicknames between two names."""
    from bisect import bisect_right

    pairs = []
    for span in spans:
        if span.close_at is None or len(text[span.start : span.end].split()) > 3:
            continue
        before = bisect_right(starts, span.open_at - 1) - 1
        after = bisect_right(starts, span.close_at)
        if 0 <= before < len(doc) and after < len(doc):
            if doc[before].text[:1].isupper() and doc[after].text[:1].isupper():
                pairs.append((before, after))
    return pairs


def _entities(doc: Doc, book: NameBook) -> list[dict]:
    counts: Counter = Counter()
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        entity = book.entity_at(ent[-1])
        if entity is not None and not entity.is_org:
            counts[(entity.name, "PERSON")] += 1
            continue
        name = ent.text.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        name = name.removesuffix("'s").removesuffix("’s").strip()
        if name:
            counts[(name, ent.label_)] += 1
    return [
        {"text": text, "label": label, "count": count}
        for (text, label), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _public(quote: dict) -> dict:
    entity = quote.pop("_entity", None)
    quote.pop("_span", None)
    quote.pop("_via", None)
    quote["speaker"] = entity.name if entity is not None else None
    quote["speaker_is_org"] = bool(entity is not None and entity.is_org)
    return quote


@dataclass
class QuoteStage:
    """The quotes of one article before they are made public (speakers still `Entity`s), with
    what found them: the training of the speaker ranker reads the same objects."""

    quotes: list[dict]
    finder: SpeakerFinder
    book: NameBook
    quoted: list[bool]


def find_quotes(doc: Doc, *, rank: bool = True) -> QuoteStage:
    """Quotes and reported speech of one parsed, non-empty body; with `rank`, each speaker is
    the one the fitted ranker (`text.quotes.speaker_ranker`) puts first."""
    text = doc.text
    spans = find_marked_spans(text)
    paras = paragraphs(text)
    quoted = _quoted_mask(doc, spans)
    starts = [t.idx for t in doc]
    book = NameBook.build(doc, quoted, _nicknames(doc, text, spans, starts))
    book.seed_salience()
    attributor = ReportingAttributor(doc, spans, paras, book, quoted)
    quotes = attributor.quotes()
    direct_ranges = sorted((q["start"], q["end"]) for q in quotes if q["kind"] == "direct")
    reported = attributor.reported(direct_ranges)
    next_utterance = max((q["utterance"] for q in quotes), default=-1) + 1
    for offset, quote in enumerate(reported):
        quote["utterance"] = next_utterance + offset
    if rank:
        speaker_ranker.choose(attributor.finder, quotes + reported)
    return QuoteStage(quotes + reported, attributor.finder, book, quoted)


def extract(doc: Doc, *, published: date | None = None) -> Extraction:
    """Quotes, events and entities of one parsed article body."""
    if not doc.text.strip() or not len(doc):
        return Extraction()
    stage = find_quotes(doc)
    book, quoted, finder = stage.book, stage.quoted, stage.finder
    all_quotes = [_public(q) for q in stage.quotes]
    all_quotes.sort(key=lambda q: (q["start"], q["end"]))
    events = extract_events(
        doc,
        book=book,
        quoted=quoted,
        published=published,
        subject_of=finder.subject_of,
        is_speech=finder.is_speech_verb,
    )
    return Extraction(
        quotes=all_quotes,
        events=events,
        entities=_entities(doc, book),
        sentences=[list(span) for span in sentence_spans(doc)],
        terms=term_spans(doc),
    )


# spaCy refuses texts over nlp.max_length (1,000,000 characters by default, error E088), and a
# parse of that size needs gigabytes. Longer bodies are parsed in chunks of whole paragraphs.
CHUNK_CHARS = 200_000


def chunk_offsets(text: str, *, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) ranges covering `text`, each at most `limit` characters, cut after a
    paragraph break where there is one in range, else after a line break, else after a space."""
    ranges = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for separator in ("\n\n", "\n", " "):
            cut = window.rfind(separator)
            if cut > 0:
                cut += len(separator)
                break
        if cut <= 0:
            cut = limit
        ranges.append((start, start + cut))
        start += cut
    ranges.append((start, len(text)))
    return ranges


def extract_long(
    nlp: Language, text: str, *, published: date | None = None, limit: int = CHUNK_CHARS
) -> Extraction:
    """`extract` for a body of any length: parsed in paragraph chunks (`chunk_offsets`), with
    every offset (quotes, events, sentences, terms) moved back into the whole body and
    utterance numbers kept distinct."""
    merged = Extraction()
    entity_counts: Counter = Counter()
    next_utterance = 0
    ranges = chunk_offsets(text, limit=limit)
    docs = nlp.pipe((text[start:end] for start, end in ranges), batch_size=1)
    for (offset, _), doc in zip(ranges, docs, strict=True):
        part = extract(doc, published=published)
        for quote in part.quotes:
            quote["start"] += offset
            quote["end"] += offset
            quote["utterance"] = (quote.get("utterance") or 0) + next_utterance
        next_utterance = max((q["utterance"] for q in part.quotes), default=next_utterance - 1) + 1
        for item in part.events + part.terms:
            item["start"] += offset
            item["end"] += offset
        merged.quotes.extend(part.quotes)
        merged.events.extend(part.events)
        merged.sentences.extend([start + offset, end + offset] for start, end in part.sentences)
        merged.terms.extend(part.terms)
        for entity in part.entities:
            entity_counts[(entity["text"], entity["label"])] += entity["count"]
    merged.entities = [
        {"text": name, "label": label, "count": count}
        for (name, label), count in sorted(entity_counts.items(), key=lambda i: (-i[1], i[0]))
    ]
    return merged
