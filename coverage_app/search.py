"""One search over articles (title and body), quotes and speakers.

PostgreSQL full-text search, ranked with ts_rank_cd and shown with ts_headline snippets, for
articles and quotes; trigram matching (pg_trgm) for speaker names, so a misspelt name still
finds the person. Full-text search reads stored tsvector columns with GIN indexes
(migrations 0002 and 0004); speaker names have a GIN trigram index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coverage_app.models import OPENING_CHARS, Speaker
from coverage_app.text.clean.headlines import headline_from_body
from coverage_app.text.shorten import ELLIPSIS, excerpt_bounds

# Stored tsvector columns PostgreSQL generates from title+body (weights A, B) and quote text;
# GIN-indexed. See migration 0004_search_stored_vectors: they are not model fields.
ARTICLE_VECTOR = "search_vector"
QUOTE_VECTOR = "search_vector"
MAX_QUERY_LENGTH = 200
# Below this word similarity (0-1) a speaker name is not offered as a match.
NAME_SIMILARITY = 0.4
# ts_headline marks matches with these; everything else is escaped before they become <mark>.
# The text handed to ts_headline has them removed first (`translate(..., %(marks)s, '')`), so a
# text holding them (as an uploaded file can) cannot open or close a <mark> of its own.
START, STOP = "\x02", "\x03"
FRAGMENT_DELIMITER = " … "
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=28, MinWords=10, MaxFragments=2, "
    f"FragmentDelimiter='{FRAGMENT_DELIMITER}'"
)


@dataclass
class ArticleHit:
    id: int
    title: str
    published: date | None
    outlet: str
    outlet_id: int
    rank: float
    snippet: SafeString


@dataclass
class QuoteHit:
    id: int
    article_id: int
    article_title: str
    outlet: str
    speaker: str
    speaker_id: int | None
    kind: str
    rank: float
    snippet: SafeString


@dataclass
class SpeakerHit:
    id: int
    name: str
    similarity: float
    quote_count: int


@dataclass
class SpeakerInQuery:
    """A query that names a speaker and some words: whose quotes, and which words to find."""

    speaker_ids: list[int]
    names: list[str]
    words: str


@dataclass
class SearchResults:
    query: str
    articles: list[ArticleHit] = field(default_factory=list)
    quotes: list[QuoteHit] = field(default_factory=list)
    speakers: list[SpeakerHit] = field(default_factory=list)
    # Set when the query named a speaker: `quotes` starts with that speaker's quotes of `words`.
    speaker_in_query: SpeakerInQuery | None = None

    @property
    def total(self) -> int:
        return len(self.articles) + len(self.quotes) + len(self.speakers)


def highlight(snippet: str, source: str = "") -> SafeString:
    """A ts_headline snippet as HTML: each fragment found again in its `source` text and
    widened there by `text.shorten.excerpt_bounds` (whole words, never without the negation or
    modal that governs it, never from or to inside a bracket), an ellipsis at every cut;
    escaped, its match markers turned into <mark> elements."""
    fragments = []
    for fragment in (snippet or "").split(FRAGMENT_DELIMITER):
        plain = fragment.replace(START, "").replace(STOP, "")
        at = source.find(plain) if source and plain else -1
        if at < 0:
            fragments.append((fragment, False, False))
            continue
        marks, offset = [], 0
        for piece in re.split(f"({START}|{STOP})", fragment):
            if piece in (START, STOP):
                marks.append((at + offset, piece))
            else:
                offset += len(piece)
        start, end = excerpt_bounds(source, at, at + len(plain))
        text, last = [], start
        for position, marker in marks:
            text += [source[last:position], marker]
            last = position
        text.append(source[last:end])
        fragments.append(("".join(text), bool(source[:start].strip()), bool(source[end:].strip())))
    parts = []
    for index, (text, cut_before, cut_after) in enumerate(fragments):
        text = " ".join(text.split())
        if index == 0 and cut_before:
            text = ELLIPSIS + text
        if index == len(fragments) - 1 and cut_after:
            text += ELLIPSIS
        parts.append(text)
    html = escape(FRAGMENT_DELIMITER.join(parts))
    return mark_safe(html.replace(START, "<mark>").replace(STOP, "</mark>"))


def clean_query(raw: str) -> str:
    """The query as searched: whitespace collapsed. ValueError when it is too long."""
    query = " ".join((raw or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise ValueError(f"Search for at most {MAX_QUERY_LENGTH} characters.")
    return query


def search_articles(query: str, *, limit: int = 20) -> list[ArticleHit]:
    sql = f"""
        WITH q AS (SELECT websearch_to_tsquery('english', %(query)s) AS tsq),
        hits AS (
            SELECT id, ts_rank_cd({ARTICLE_VECTOR}, q.tsq) AS rank
            FROM coverage_app_article, q
            WHERE {ARTICLE_VECTOR} @@ q.tsq
            ORDER BY rank DESC, id DESC
            LIMIT %(limit)s
        )
        SELECT a.id, a.title, a.published, o.name, o.id, hits.rank,
               ts_headline(
                   'english', translate(left(a.body, 20000), %(marks)s, ''), q.tsq, %(options)s
               ),
               left(a.body, %(opening)s), left(a.body, 20000)
        FROM hits
        JOIN coverage_app_article a ON a.id = hits.id
        JOIN coverage_app_outlet o ON o.id = a.outlet_id
        CROSS JOIN q
        ORDER BY hits.rank DESC, a.id DESC
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "query": query,
                "limit": limit,
                "options": HEADLINE_OPTIONS,
                "marks": START + STOP,
                "opening": OPENING_CHARS,
            },
        )
        return [
            ArticleHit(
                id=row[0],
                title=row[1] or headline_from_body(row[7]) or f"Article {row[0]}",
                published=row[2],
                outlet=row[3],
                outlet_id=row[4],
                rank=row[5],
                snippet=highlight(row[6], row[8]),
            )
            for row in cursor.fetchall()
        ]


def search_quotes(
    query: str, *, limit: int = 20, speaker_ids: list[int] | None = None
) -> list[QuoteHit]:
    """Quotes matching the query, best first; with `speaker_ids`, only those speakers'."""
    by_speaker = "AND speaker_id = ANY(%(speakers)s)" if speaker_ids else ""
    sql = f"""
        WITH q AS (SELECT websearch_to_tsquery('english', %(query)s) AS tsq),
        hits AS (
            SELECT id, ts_rank_cd({QUOTE_VECTOR}, q.tsq) AS rank
            FROM coverage_app_quote, q
            WHERE {QUOTE_VECTOR} @@ q.tsq {by_speaker}
            ORDER BY rank DESC, id DESC
            LIMIT %(limit)s
        )
        SELECT qu.id, qu.article_id, a.title, o.name,
               coalesce(s.name, qu.speaker_name), qu.speaker_id, qu.kind, hits.rank,
               ts_headline('english', translate(qu.text, %(marks)s, ''), q.tsq, %(options)s),
               left(a.body, %(opening)s), qu.text
        FROM hits
        JOIN coverage_app_quote qu ON qu.id = hits.id
        JOIN coverage_app_article a ON a.id = qu.article_id
        JOIN coverage_app_outlet o ON o.id = a.outlet_id
        LEFT JOIN coverage_app_speaker s ON s.id = qu.speaker_id
        CROSS JOIN q
        ORDER BY hits.rank DESC, qu.id DESC
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "query": query,
                "limit": limit,
                "options": HEADLINE_OPTIONS,
                "marks": START + STOP,
                "opening": OPENING_CHARS,
                "speakers": speaker_ids or [],
            },
        )
        return [
            QuoteHit(
                id=row[0],
                article_id=row[1],
                article_title=row[2] or headline_from_body(row[9]) or f"Article {row[1]}",
                outlet=row[3],
                speaker=row[4] or "",
                speaker_id=row[5],
                kind=row[6],
                rank=row[7],
                snippet=highlight(row[8], row[10]),
            )
            for row in cursor.fetchall()
        ]


def search_speakers(query: str, *, limit: int = 10) -> list[SpeakerHit]:
    """Speakers whose name is close to the query (word similarity, so "Orsva" finds
    "Lena Orsova"), best first. The `<%` operator uses the trigram index."""
    sql = """
        SELECT s.id, s.name, word_similarity(%(query)s, s.name) AS score,
               (SELECT count(*) FROM coverage_app_quote qu WHERE qu.speaker_id = s.id)
        FROM coverage_app_speaker s
        WHERE %(query)s <%% s.name
        ORDER BY score DESC, similarity(%(query)s, s.name) DESC, s.name
        LIMIT %(limit)s
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
            [str(NAME_SIMILARITY)],
        )
        cursor.execute(sql, {"query": query, "limit": limit})
        return [
            SpeakerHit(id=row[0], name=row[1], similarity=row[2], quote_count=row[3])
            for row in cursor.fetchall()
        ]


def speakers_by_id(ids: list[int]) -> list[SpeakerHit]:
    """The speakers a query names, as hits (by name), each with its number of quotes."""
    rows = Speaker.objects.filter(pk__in=ids).annotate(quote_count=Count("quotes")).order_by("name")
    return [
        SpeakerHit(id=s.pk, name=s.name, similarity=1.0, quote_count=s.quote_count) for s in rows
    ]


# A query word that can stand for a name: letters, hyphens and apostrophes, with an English
# possessive ("Orsova's") counted as the name.
QUERY_WORD = re.compile(r"[^\W\d_][\w'’-]*")
POSSESSIVE = re.compile(r"['’]s?$")
# Words this short never stand for a speaker on their own (particles such as "de", "al").
MIN_NAME_WORD = 3


def _fold(word: str) -> str:
    """A word as names are compared: case and accents folded, possessive dropped."""
    word = POSSESSIVE.sub("", word)
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _name_words(name: str) -> set[str]:
    return {_fold(w) for w in QUERY_WORD.findall(name) if len(_fold(w)) >= MIN_NAME_WORD}


def find_speaker_in_query(query: str) -> SpeakerInQuery | None:
    """The speaker a query names beside other words ("Orsova border at sea"), or None.

    A query word names a speaker when it is one of the words of their name or an alias (a
    surname, a full name, with or without "'s"). The speakers matching the most query words
    win (several when they tie, e.g. two people with one surname); the words that are not
    part of the name are what to look for in their quotes. A query that is only a name, or
    names nobody, gives None.
    """
    words = QUERY_WORD.findall(query)
    folded = [_fold(w) for w in words]
    candidates = sorted({f for f in folded if len(f) >= MIN_NAME_WORD})
    if not candidates:
        return None
    sql = """
        SELECT id, name, aliases FROM coverage_app_speaker
        WHERE name ILIKE ANY(%(patterns)s) OR aliases::text ILIKE ANY(%(patterns)s)
    """
    patterns = [f"%{w}%" for w in candidates]
    with connection.cursor() as cursor:
        cursor.execute(sql, {"patterns": patterns})
        rows = cursor.fetchall()
    best: list[tuple[int, str]] = []
    best_words: set[str] = set()
    for speaker_id, name, aliases in rows:
        name_words = _name_words(name)
        for alias in aliases or []:
            name_words |= _name_words(str(alias))
        matched = {f for f in folded if f in name_words}
        if not matched or len(matched) < len(best_words):
            continue
        if len(matched) > len(best_words):
            best, best_words = [], set()
        best.append((speaker_id, name))
        best_words |= matched
    if not best:
        return None
    # The name's words taken out of the query as typed, so its "phrases" and -words still work.
    rest = QUERY_WORD.sub(lambda m: "" if _fold(m.group()) in best_words else m.group(), query)
    rest = " ".join(rest.replace('""', "").split())
    if not QUERY_WORD.search(rest):
        return None
    return SpeakerInQuery(
        speaker_ids=[speaker_id for speaker_id, _ in best],
        names=sorted({name for _, name in best}),
        words=rest,
    )


def search(raw_query: str, *, limit: int = 20) -> SearchResults:
    """Everything matching the query, grouped by kind. An empty query finds nothing.

    When the query names a speaker and other words, that speaker's quotes with those words
    come first among the quotes, before quotes that carry every word of the query.
    """
    query = clean_query(raw_query)
    if not query:
        return SearchResults(query="")
    named = find_speaker_in_query(query)
    quotes = search_quotes(query, limit=limit)
    if named:
        theirs = search_quotes(named.words, limit=limit, speaker_ids=named.speaker_ids)
        seen = {hit.id for hit in theirs}
        quotes = (theirs + [hit for hit in quotes if hit.id not in seen])[:limit]
    speakers = search_speakers(query, limit=limit // 2)
    if named:  # the people the query names first, then any other close names
        first = speakers_by_id(named.speaker_ids)
        speakers = first + [hit for hit in speakers if hit.id not in named.speaker_ids]
    return SearchResults(
        query=query,
        articles=search_articles(query, limit=limit),
        quotes=quotes,
        speakers=speakers[: max(limit // 2, len(named.speaker_ids) if named else 0)],
        speaker_in_query=named,
    )
