"""What the article page shows: the body cut into plain and quoted stretches, each quote
coloured by its speaker, with a legend and a speaker filter; events grouped by the sentence
they come from; and what cleaning cut, grouped by kind."""

from __future__ import annotations

from dataclasses import dataclass

from coverage_app.models import Article, Event, Quote
from coverage_app.text.clean import cleaning

PALETTE_SIZE = 8
# Sentences with events listed before the rest fold away behind "Show more".
EVENT_SENTENCES_SHOWN = 6
# The kinds of cut, in page order: (kind, heading, what it covers).
REMOVED_KINDS = [
    (cleaning.HEADER, "Header", "read as the title, outlet, author and date"),
    (cleaning.WIDGET, "Page widgets", "share, login, newsletter, cookie and advert lines"),
    (cleaning.TWEET_CREDIT, "Embedded tweet credits", "the link and credit line of a tweet"),
    (cleaning.AUTHOR_BIO, "About the writer", "the closing lines on who wrote the article"),
    (
        cleaning.AFTER_ARTICLE,
        "After the article",
        "reader comments, the reply form, footers and related links",
    ),
    (cleaning.MARKUP, "HTML page", "markup, scripts and navigation around the article"),
    ("", "Other", ""),
]


@dataclass
class Segment:
    text: str
    quote: Quote | None = None
    colour: int | None = None
    dimmed: bool = False


@dataclass
class LegendEntry:
    key: str
    name: str
    colour: int
    count: int
    speaker_id: int | None


def speaker_key(quote: Quote) -> str:
    return f"s{quote.speaker_id}" if quote.speaker_id else f"n:{quote.speaker_name or '?'}"


def speaker_label(quote: Quote) -> str:
    if quote.speaker_id:
        return quote.speaker.name
    return quote.speaker_name or "Unattributed"


def _colour(speaker_id: int | None, taken: set[int]) -> int:
    """A speaker's colour: the same on every article page (from the speaker's id), moved on to
    the next free one only when another speaker of this article already has it."""
    first = speaker_id % PALETTE_SIZE if speaker_id else len(taken) % PALETTE_SIZE
    for step in range(PALETTE_SIZE):
        colour = (first + step) % PALETTE_SIZE
        if colour not in taken:
            return colour
    return first


def legend_for(quotes: list[Quote]) -> list[LegendEntry]:
    entries: dict[str, LegendEntry] = {}
    named = sorted({q.speaker_id for q in quotes if q.speaker_id})
    taken: set[int] = set()
    colours = {}
    for speaker_id in named:  # known speakers first, so their own colour is theirs
        colours[speaker_id] = _colour(speaker_id, taken)
        taken.add(colours[speaker_id])
    for quote in quotes:
        key = speaker_key(quote)
        if key not in entries:
            if quote.speaker_id:
                colour = colours[quote.speaker_id]
            else:
                colour = _colour(None, taken)
                taken.add(colour)
            entries[key] = LegendEntry(key, speaker_label(quote), colour, 0, quote.speaker_id)
        entries[key].count += 1
    return list(entries.values())


def body_segments(body: str, quotes: list[Quote], legend: list[LegendEntry], *, only: str = ""):
    """The body as consecutive segments; overlapping quotes keep the earlier one."""
    colours = {entry.key: entry.colour for entry in legend}
    segments: list[Segment] = []
    position = 0
    for quote in sorted(quotes, key=lambda q: (q.start, -q.end)):
        start, end = max(quote.start, position), min(quote.end, len(body))
        if start >= end:
            continue
        if start > position:
            segments.append(Segment(body[position:start]))
        key = speaker_key(quote)
        segments.append(
            Segment(body[start:end], quote, colours.get(key), dimmed=bool(only) and key != only)
        )
        position = end
    if position < len(body):
        segments.append(Segment(body[position:]))
    return segments


@dataclass
class EventSentence:
    """One sentence of the body and the events read from it."""

    text: str
    events: list[Event]


def event_sentences(events: list[Event]) -> list[EventSentence]:
    """Events (in body order) grouped by their sentence, so a sentence is shown once."""
    groups: list[EventSentence] = []
    for event in events:
        if groups and groups[-1].text == event.text:
            groups[-1].events.append(event)
        else:
            groups.append(EventSentence(event.text, [event]))
    return groups


@dataclass
class RemovedGroup:
    kind: str
    heading: str
    note: str
    blocks: list[str]


def removed_groups(removed: list) -> list[RemovedGroup]:
    """Article.removed ([{"text", "kind"}], or plain strings for articles cleaned before cuts
    had kinds) grouped by kind, in page order, empty kinds left out."""
    blocks: dict[str, list[str]] = {}
    known = {kind for kind, _, _ in REMOVED_KINDS}
    for item in removed or []:
        if isinstance(item, dict):
            text, kind = item.get("text", ""), item.get("kind", "")
        else:
            text, kind = str(item), ""
        if text.strip():
            blocks.setdefault(kind if kind in known else "", []).append(text)
    return [
        RemovedGroup(kind, heading, note, blocks[kind])
        for kind, heading, note in REMOVED_KINDS
        if blocks.get(kind)
    ]


def article_page_context(article: Article, *, speaker: str = "") -> dict:
    quotes = list(article.quotes.select_related("speaker").order_by("start"))
    events = list(article.events.order_by("start"))
    legend = legend_for(quotes)
    if speaker not in {entry.key for entry in legend}:
        speaker = ""
    shown_quotes = [q for q in quotes if not speaker or speaker_key(q) == speaker]
    colours = {entry.key: entry.colour for entry in legend}
    sentences = event_sentences(events)
    cut = removed_groups(article.removed)
    return {
        "article": article,
        "segments": body_segments(article.body, quotes, legend, only=speaker),
        "legend": legend,
        "speaker": speaker,
        "quotes": [(q, colours[speaker_key(q)], speaker_label(q)) for q in shown_quotes],
        "quote_count": len(quotes),
        "events": events,
        "event_sentences": sentences[:EVENT_SENTENCES_SHOWN],
        "more_event_sentences": sentences[EVENT_SENTENCES_SHOWN:],
        "removed_groups": cut,
        "removed_count": sum(len(group.blocks) for group in cut),
    }
