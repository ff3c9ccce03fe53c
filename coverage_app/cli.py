"""Shared by the command-line tools: "file or article id" → the article dict of `extract --json`.

For the extraction work: `manage.py extract` can print `{"articles": article_dicts(sources)}`
and reuse this instead of its own copy (the `compare` command already does), so both print
quotes in one form. Files are cleaned and extracted exactly as ingest does (spaCy's `nlp.pipe`
over all files at once) and nothing is stored; ids are read from the database.

Article dict: {"source", "title", "outlet", "author", "published", "body", "quotes", "events",
"sentences", "terms"} (the last two: sentence spans and terms, for claims and wording);
quote dict: {"text", "speaker", "kind", "start", "end", "sentence", "utterance"} (spans of one
utterance split by its attribution share "utterance"); event dict: {"text", "actor",
"action", "participants", "place", "date", "negated", "start", "end"}.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db.models import Prefetch

from coverage_app.models import Article, Event, Quote
from coverage_app.text import nlp
from coverage_app.text.claims import claim_sentences
from coverage_app.text.clean import cleaning
from coverage_app.text.extract import extract

KINDS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def quote_dict(quote: dict | Quote) -> dict:
    """The public form of one quote, from an extraction dict or a stored row."""
    if isinstance(quote, Quote):
        speaker = quote.speaker.name if quote.speaker_id else (quote.speaker_name or None)
        return {
            "text": quote.text,
            "speaker": speaker,
            "kind": quote.kind,
            "start": quote.start,
            "end": quote.end,
            "sentence": quote.sentence,
            "utterance": quote.utterance,
        }
    return {
        "text": quote["text"],
        "speaker": quote.get("speaker") or None,
        "kind": quote.get("kind") or "direct",
        "start": quote["start"],
        "end": quote["end"],
        "sentence": quote.get("sentence") or "",
        "utterance": quote.get("utterance"),
    }


def event_dict(event: dict | Event) -> dict:
    """The public form of one event, from an extraction dict or a stored row."""
    if isinstance(event, Event):
        return {
            "text": event.text,
            "actor": event.actor or None,
            "action": event.action,
            "participants": list(event.participants or []),
            "place": event.place or None,
            "date": event.date.isoformat() if event.date else None,
            "negated": event.negated,
            "start": event.start,
            "end": event.end,
        }
    found = event.get("date")
    return {
        "text": event.get("text", ""),
        "actor": event.get("actor") or None,
        "action": event.get("action", ""),
        "participants": list(event.get("participants") or []),
        "place": event.get("place") or None,
        "date": found.isoformat() if hasattr(found, "isoformat") else (found or None),
        "negated": bool(event.get("negated")),
        "start": event.get("start", 0),
        "end": event.get("end", 0),
    }


def stored_article_dict(article: Article, *, source: str = "") -> dict:
    return {
        "source": source or str(article.pk),
        "title": article.title,
        "outlet": article.outlet.name,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "body": article.body,
        "quotes": [quote_dict(q) for q in article.quotes.all()],
        "events": [event_dict(e) for e in article.events.all()],
        "sentences": article.sentences or claim_sentences.fallback_sentences(article.body),
        "terms": article.terms or [],
    }


def _read(source: str, path: Path):
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CommandError(f"Cannot read {source}: {exc}") from exc
    return cleaning.clean(raw, kind=KINDS.get(path.suffix.lower(), "text"), filename=path.name)


def article_dicts(sources: list[str]) -> list[dict]:
    """Each source (a file path or an article id) as an article dict, in input order."""
    slots: list[dict | None] = [None] * len(sources)
    files = []
    for index, source in enumerate(sources):
        path = Path(source)
        if path.is_file():
            files.append((index, source, _read(source, path)))
        elif source.isdigit():
            article = (
                Article.objects.select_related("outlet")
                .prefetch_related(
                    Prefetch("quotes", queryset=Quote.objects.select_related("speaker")), "events"
                )
                .filter(pk=int(source))
                .first()
            )
            if article is None:
                raise CommandError(f"No article with id {source}.")
            slots[index] = stored_article_dict(article, source=source)
        else:
            raise CommandError(f"{source} is neither a file nor an article id.")
    if files:
        pipeline = nlp.load(settings.SPACY_MODEL)
        docs = pipeline.pipe(cleaned.body for _, _, cleaned in files)
        for (index, source, cleaned), doc in zip(files, docs, strict=True):
            result = extract(doc, published=cleaned.published)
            slots[index] = {
                "source": source,
                "title": cleaned.title,
                "outlet": cleaned.outlet,
                "author": cleaned.author,
                "published": cleaned.published.isoformat() if cleaned.published else None,
                "body": cleaned.body,
                "quotes": [quote_dict(q) for q in result.quotes],
                "events": [event_dict(e) for e in result.events],
                "sentences": result.sentences,
                "terms": result.terms,
            }
    return [slot for slot in slots if slot is not None]
