"""The one adapter from rows and extraction results to plain data (the dicts the commands print,
the alignment reads and the tests build).

Every stored `Quote`/`Event` row and every extraction dict becomes plain data here, and every
input of the command-line tools ("file or article id") becomes an article dict here: files are
decoded, cleaned and extracted exactly as ingest does (spaCy's `nlp.pipe` over all files at once)
and nothing is stored; ids are read from the database.

Article dict: {"source", "title", "outlet", "author", "published", "body", "quotes", "events",
"sentences", "terms"} (the last two: sentence spans and terms, for claims and wording);
quote dict: {"text", "speaker", "kind", "start", "end", "sentence", "utterance"} (spans of one
utterance split by its attribution share "utterance"); event dict: {"text", "actor",
"action", "participants", "place", "date", "negated", "start", "end"}.
`extract --json` prints its own (older) subset of those: `extract_article`.
An alignment section holds indexes (`text.align`); `by_index` puts the items in their place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db.models import Prefetch

from coverage_app.models import Article, Event, Quote
from coverage_app.text import nlp
from coverage_app.text.claims import claim_sentences
from coverage_app.text.clean import cleaning, decoding
from coverage_app.text.extract import extract
from coverage_app.text.stories.article_similarity import ArticleData

# What `extract --json` prints of a quote and an event (its public contract, in this order).
EXTRACT_QUOTE_KEYS = ("text", "speaker", "kind", "start", "end")
EXTRACT_EVENT_KEYS = ("text", "actor", "action", "participants", "place", "date", "negated",
                      "modality", "start", "end")  # fmt: skip


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


def extract_article(article: dict) -> dict:
    """What `extract --json` prints of an article dict read with `fresh=True`."""
    plain = ("source", "title", "outlet", "author", "published", "body")
    quotes = [{key: q.get(key) for key in EXTRACT_QUOTE_KEYS} for q in article["quotes"]]
    return {key: article[key] for key in plain} | {
        "quotes": [q | {"kind": q["kind"] or "direct"} for q in quotes],
        "events": [{key: e.get(key) for key in EXTRACT_EVENT_KEYS} for e in article["events"]],
    }


def by_index(section: dict, left: list, right: list) -> dict:
    """An alignment section ({"pairs", "only_a", "only_b"} by index, `Alignment.as_dict`) with
    each index replaced by its item of `left` (side a) or `right` (side b): a quote dict, a row
    id. A stitched pair's "a_parts"/"b_parts" are mapped the same way."""

    def pair(p: dict) -> dict:
        out = p | {"a": left[p["a"]], "b": right[p["b"]]}
        if p.get("a_parts"):
            out["a_parts"] = [left[i] for i in p["a_parts"]]
        if p.get("b_parts"):
            out["b_parts"] = [right[j] for j in p["b_parts"]]
        return out

    return {
        "pairs": [pair(p) for p in section["pairs"]],
        "only_a": [left[i] for i in section["only_a"]],
        "only_b": [right[j] for j in section["only_b"]],
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
        "removed": cut_texts(article.removed),
    }


def cut_texts(removed) -> list[str]:
    """The texts cleaning cut (`CleanedArticle.removed` cuts, or `Article.removed`'s stored
    [{"text", "kind"}] or plain strings): where a byline or a lone credit line went."""
    texts = []
    for cut in removed or []:
        text = cut.get("text") if isinstance(cut, dict) else getattr(cut, "text", cut)
        if isinstance(text, str):
            texts.append(text)
    return texts


def _read(source: str, path: Path) -> cleaning.CleanedArticle:
    try:
        raw = decoding.decode(path.read_bytes())
    except OSError as exc:
        raise CommandError(f"Cannot read {source}: {exc}") from exc
    except decoding.UnreadableInput as exc:
        raise CommandError(f"{source}: {exc}") from exc
    kind = cleaning.KINDS.get(path.suffix.lower(), "text")
    return cleaning.clean(raw, kind=kind, filename=path.name)


def _stored(source: str) -> Article:
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
    return article


def _metadata(source: str, article: Article | cleaning.CleanedArticle, outlet: str) -> dict:
    return {
        "source": source,
        "title": article.title,
        "outlet": outlet,
        "author": article.author,
        "published": article.published,
        "body": article.body,
        "removed": cut_texts(article.removed),
    }


def article_dicts(sources: list[str], *, fresh: bool = False) -> list[dict]:
    """Each source (a file path or an article id) as an article dict, in input order.

    A stored article's quotes and events are its rows. With `fresh` (`extract`), a stored body
    is extracted again like a file's, and the quotes and events are the extraction's own dicts,
    as `text.extract` returns them (for `extract_article`)."""
    slots: list[dict | None] = [None] * len(sources)
    bodies = []  # (index, metadata) of every input to extract now
    for index, source in enumerate(sources):
        path = Path(source)
        if path.is_file():
            cleaned = _read(source, path)
            bodies.append((index, _metadata(source, cleaned, cleaned.outlet)))
        elif source.isdigit():
            article = _stored(source)
            if fresh:
                bodies.append((index, _metadata(source, article, article.outlet.name)))
            else:
                slots[index] = stored_article_dict(article, source=source)
        else:
            raise CommandError(f"{source} is neither a file nor an article id.")
    if bodies:
        pipeline = nlp.load(settings.SPACY_MODEL)
        docs = pipeline.pipe(item["body"] for _, item in bodies)
        for (index, item), doc in zip(bodies, docs, strict=True):
            result = extract(doc, published=item["published"])
            published = item["published"]
            slots[index] = item | {
                "published": published.isoformat() if published else None,
                "quotes": result.quotes if fresh else [quote_dict(q) for q in result.quotes],
                "events": result.events if fresh else [event_dict(e) for e in result.events],
                "sentences": result.sentences,
                "terms": result.terms,
            }
    return [slot for slot in slots if slot is not None]


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def article_data(article: dict) -> ArticleData:
    """Grouping data (`text.stories.article_similarity.ArticleData`) from an article dict."""
    events = article.get("events") or []
    return ArticleData(
        title=article.get("title") or "",
        body=article.get("body") or "",
        published=_date(article.get("published")),
        outlet=article.get("outlet") or "",
        speakers=[q["speaker"] for q in article.get("quotes") or [] if q.get("speaker")],
        quotes=[q["text"] for q in article.get("quotes") or []],
        event_dates=[d for d in (_date(e.get("date")) for e in events) if d],
        places=[e["place"] for e in events if e.get("place")],
    )
