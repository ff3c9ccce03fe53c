"""What the article page shows: the body cut into plain and quoted stretches, each quote
coloured by its speaker, with a legend and a speaker filter."""

from __future__ import annotations

from dataclasses import dataclass

from coverage_app.models import Article, Quote

PALETTE_SIZE = 8


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


def legend_for(quotes: list[Quote]) -> list[LegendEntry]:
    entries: dict[str, LegendEntry] = {}
    for quote in quotes:
        key = speaker_key(quote)
        if key not in entries:
            entries[key] = LegendEntry(
                key, speaker_label(quote), len(entries) % PALETTE_SIZE, 0, quote.speaker_id
            )
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


def article_page_context(article: Article, *, speaker: str = "") -> dict:
    quotes = list(article.quotes.select_related("speaker").order_by("start"))
    events = list(article.events.order_by("start"))
    legend = legend_for(quotes)
    if speaker not in {entry.key for entry in legend}:
        speaker = ""
    shown_quotes = [q for q in quotes if not speaker or speaker_key(q) == speaker]
    colours = {entry.key: entry.colour for entry in legend}
    return {
        "article": article,
        "segments": body_segments(article.body, quotes, legend, only=speaker),
        "legend": legend,
        "speaker": speaker,
        "quotes": [(q, colours[speaker_key(q)], speaker_label(q)) for q in shown_quotes],
        "quote_count": len(quotes),
        "events": events,
    }
