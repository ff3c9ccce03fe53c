"""Stories: grouping articles that cover the same event, and what a person can change by hand.

The rule itself lives in `coverage_app.text.grouping` (pure); this module turns rows into its
plain `ArticleData`, stores the result, and carries the manual operations. Every manual
operation pins the articles it touches (`Article.story_pinned`), and `assign_story` never
moves a pinned article, so re-ingest never undoes what a person decided.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Prefetch, Q

from coverage_app.models import Article, Entity, Event, Quote, Story
from coverage_app.text.grouping import ArticleData, GroupingRule, choose_story

# How many already-grouped articles a new one is compared against (the most recent first).
CANDIDATE_LIMIT = 400


def grouping_rule() -> GroupingRule:
    """The rule with the overrides in settings.PARALLAX_GROUPING (see grouping's docstring)."""
    return GroupingRule.from_overrides(getattr(settings, "PARALLAX_GROUPING", None))


def _with_features(queryset):
    return queryset.select_related("outlet").prefetch_related(
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        Prefetch("entities", queryset=Entity.objects.only("article_id", "text")),
        Prefetch("events", queryset=Event.objects.only("article_id", "date", "place")),
    )


def article_data(article: Article, *, body_words: int | None = None) -> ArticleData:
    """The plain data the grouping rule reads, from an article with its extraction loaded."""
    quotes = list(article.quotes.all())
    events = list(article.events.all())
    body = article.body
    if body_words:
        body = " ".join(body.split(None, body_words)[:body_words])
    return ArticleData(
        title=article.title,
        body=body,
        published=article.published,
        outlet=article.outlet.name if article.outlet_id else "",
        speakers=[q.speaker.name if q.speaker else q.speaker_name for q in quotes if q.speaker_id],
        quotes=[q.text for q in quotes],
        entities=[e.text for e in article.entities.all()],
        event_dates=[e.date for e in events if e.date],
        places=[e.place for e in events if e.place],
    )


def _candidates(article: Article, rule: GroupingRule):
    others = Article.objects.exclude(pk=article.pk).filter(story__isnull=False).ready()
    if article.published:
        window = timedelta(days=rule.date_cutoff_days)
        others = others.filter(
            Q(published__isnull=True)
            | Q(published__range=(article.published - window, article.published + window))
        )
    return _with_features(others.order_by("-created"))[:CANDIDATE_LIMIT]


def _drop_if_empty(story_ids: Iterable[int]) -> None:
    Story.objects.filter(pk__in=list(story_ids)).annotate(n=Count("articles")).filter(n=0).delete()


def _title_for(article: Article) -> str:
    return article.display_title[:300]


def assign_story(article: Article) -> Story | None:
    """Put an ingested article into the story it shares most with, or start a new one.

    A pinned article stays where a person put it. An unpinned one already in a story is
    re-assigned by the same rule (its old story is deleted if that leaves it empty).
    """
    if article.story_pinned:
        return article.story
    rule = grouping_rule()
    article = _with_features(Article.objects.filter(pk=article.pk)).get()
    members: dict[int, list[ArticleData]] = {}
    for other in _candidates(article, rule):
        members.setdefault(other.story_id, []).append(
            article_data(other, body_words=rule.body_words)
        )
    story_id, _score = choose_story(
        article_data(article, body_words=rule.body_words), members, rule
    )
    old_story_id = article.story_id
    with transaction.atomic():
        if story_id is None:
            if (
                old_story_id
                and not Article.objects.filter(story_id=old_story_id)
                .exclude(pk=article.pk)
                .exists()
            ):
                story = article.story  # alone in its story already: keep it
            else:
                story = Story.objects.create(title=_title_for(article))
        else:
            story = Story.objects.get(pk=story_id)
        Article.objects.filter(pk=article.pk, story_pinned=False).update(story=story)
        story.save(update_fields=["updated"])
        if old_story_id and old_story_id != story.pk:
            _drop_if_empty([old_story_id])
    article.story = story
    return story


@transaction.atomic
def move_article(article: Article, story: Story | None) -> Story:
    """A person puts an article in `story` (or a new story of its own); it stays pinned there."""
    old_story_id = article.story_id
    if story is None:
        story = Story.objects.create(title=_title_for(article))
    article.story = story
    article.story_pinned = True
    article.save(update_fields=["story", "story_pinned", "updated"])
    story.save(update_fields=["updated"])
    if old_story_id and old_story_id != story.pk:
        _drop_if_empty([old_story_id])
    return story


@transaction.atomic
def merge_stories(target: Story, others: Iterable[Story]) -> Story:
    """A person merges stories into `target`; every article in it is pinned."""
    other_ids = [s.pk for s in others if s.pk != target.pk]
    Article.objects.filter(story_id__in=other_ids).update(story=target)
    Article.objects.filter(story=target).update(story_pinned=True)
    Story.objects.filter(pk__in=other_ids).delete()
    target.save(update_fields=["updated"])
    return target


@transaction.atomic
def split_story(story: Story, article_ids: Iterable[int], *, title: str = "") -> Story:
    """A person moves some of a story's articles into a new story; both sides are pinned.

    Raises ValueError when the selection is empty, not in the story, or the whole story.
    """
    chosen = set(article_ids)
    in_story = set(story.articles.values_list("pk", flat=True))
    if not chosen:
        raise ValueError("Choose at least one article to split off.")
    if not chosen <= in_story:
        raise ValueError("Some of the chosen articles are not in this story.")
    if chosen == in_story:
        raise ValueError("Leave at least one article in the story.")
    first = Article.objects.filter(pk__in=chosen).order_by("published", "pk").first()
    new_story = Story.objects.create(title=(title.strip() or _title_for(first))[:300])
    Article.objects.filter(pk__in=chosen).update(story=new_story, story_pinned=True)
    Article.objects.filter(story=story).update(story_pinned=True)
    story.save(update_fields=["updated"])
    return new_story


@transaction.atomic
def rename_story(story: Story, title: str) -> Story:
    title = " ".join(title.split())
    if not title:
        raise ValueError("A story needs a title.")
    story.title = title[:300]
    story.save(update_fields=["title", "updated"])
    return story


# --- reading a story: who covered it, and its quotes by outlet --------------------------------


def utterances_of(quotes: Iterable[Quote]) -> list[dict]:
    """Spans of one utterance (interrupted by the attribution) joined into one entry."""
    joined: dict[tuple[int, int], dict] = {}
    for quote in quotes:
        key = (quote.article_id, quote.utterance)
        entry = joined.get(key)
        speaker = quote.speaker.name if quote.speaker_id else quote.speaker_name
        if entry is None:
            joined[key] = {
                "key": quote.pk,
                "article_id": quote.article_id,
                "text": quote.text,
                "speaker": speaker,
                "speaker_id": quote.speaker_id,
                "kind": quote.kind,
                "kind_label": quote.get_kind_display(),
                "start": quote.start,
                "sentence": quote.sentence,
            }
        else:
            entry["text"] = f"{entry['text']} … {quote.text}"
            entry["speaker"] = entry["speaker"] or speaker
    return list(joined.values())


def _utterance_scores():
    """The compare work's quote scorer (align.quote_scores) when present, else grouping's."""
    from coverage_app.text import grouping

    try:
        from coverage_app.text.align import DEFAULT_MIN_SCORE, quote_scores
    except ImportError:
        return grouping.pairwise_quote_scores, 65
    return quote_scores, DEFAULT_MIN_SCORE


def quote_matrix(
    articles: list[Article], quotes: Iterable[Quote], *, min_score: float | None = None
):
    """Rows of one utterance each, a cell per article: the wording it used, or None."""
    from coverage_app.text.grouping import align_utterances

    by_article: dict[int, list[dict]] = {a.pk: [] for a in articles}
    for entry in utterances_of(quotes):
        by_article.setdefault(entry["article_id"], []).append(entry)
    entries = {e["key"]: e for items in by_article.values() for e in items}
    scorer, default_min = _utterance_scores()
    rows = align_utterances(
        by_article, min_score=default_min if min_score is None else min_score, scores=scorer
    )
    matrix = []
    for row in rows:
        cells = [entries[row.cells[a.pk]] if a.pk in row.cells else None for a in articles]
        speaker = next((c["speaker"] for c in cells if c and c["speaker"]), "")
        speaker_id = next((c["speaker_id"] for c in cells if c and c["speaker_id"]), None)
        matrix.append(
            {
                "cells": cells,
                "speaker": speaker,
                "speaker_id": speaker_id,
                "reported_by": sum(1 for c in cells if c),
            }
        )
    return matrix


def story_articles(story: Story) -> list[Article]:
    return list(story.articles.select_related("outlet").order_by("published", "created", "pk"))
