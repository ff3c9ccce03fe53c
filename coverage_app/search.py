"""One search over articles (title and body), quotes and speakers.

PostgreSQL full-text search, ranked with ts_rank_cd and shown with ts_headline snippets, for
articles and quotes; trigram matching (pg_trgm) for speaker names, so a misspelt name still
finds the person. Full-text search reads stored tsvector columns with GIN indexes
(migrations 0002 and 0004); speaker names have a GIN trigram index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coverage_app.models import OPENING_CHARS
from coverage_app.text.cleaning import headline_from_body

# Stored tsvector columns PostgreSQL generates from title+body (weights A, B) and quote text;
# GIN-indexed. See migration 0004_search_stored_vectors: they are not model fields.
ARTICLE_VECTOR = "search_vector"
QUOTE_VECTOR = "search_vector"
MAX_QUERY_LENGTH = 200
# Below this word similarity (0-1) a speaker name is not offered as a match.
NAME_SIMILARITY = 0.4
# ts_headline marks matches with these; everything else is escaped before they become <mark>.
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=28, MinWords=10, MaxFragments=2, "
    "FragmentDelimiter=' … '"
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
class SearchResults:
    query: str
    articles: list[ArticleHit] = field(default_factory=list)
    quotes: list[QuoteHit] = field(default_factory=list)
    speakers: list[SpeakerHit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.articles) + len(self.quotes) + len(self.speakers)


def highlight(snippet: str) -> SafeString:
    """Escape a ts_headline snippet, then turn its match markers into <mark> elements."""
    text = escape(snippet or "")
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))


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
               ts_headline('english', left(a.body, 20000), q.tsq, %(options)s),
               left(a.body, %(opening)s)
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
                snippet=highlight(row[6]),
            )
            for row in cursor.fetchall()
        ]


def search_quotes(query: str, *, limit: int = 20) -> list[QuoteHit]:
    sql = f"""
        WITH q AS (SELECT websearch_to_tsquery('english', %(query)s) AS tsq),
        hits AS (
            SELECT id, ts_rank_cd({QUOTE_VECTOR}, q.tsq) AS rank
            FROM coverage_app_quote, q
            WHERE {QUOTE_VECTOR} @@ q.tsq
            ORDER BY rank DESC, id DESC
            LIMIT %(limit)s
        )
        SELECT qu.id, qu.article_id, a.title, o.name,
               coalesce(s.name, qu.speaker_name), qu.speaker_id, qu.kind, hits.rank,
               ts_headline('english', qu.text, q.tsq, %(options)s),
               left(a.body, %(opening)s)
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
                "opening": OPENING_CHARS,
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
                snippet=highlight(row[8]),
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


def search(raw_query: str, *, limit: int = 20) -> SearchResults:
    """Everything matching the query, grouped by kind. An empty query finds nothing."""
    query = clean_query(raw_query)
    if not query:
        return SearchResults(query="")
    return SearchResults(
        query=query,
        articles=search_articles(query, limit=limit),
        quotes=search_quotes(query, limit=limit),
        speakers=search_speakers(query, limit=limit // 2),
    )
