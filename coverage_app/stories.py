"""Stories: grouping articles that cover the same event, and what a person can change by hand.

The rule itself lives in `coverage_app.text.stories.grouping` and `text.article_similarity` (pure);
this module turns rows into its plain `ArticleData`, stores the result, and carries the
manual operations. Every manual operation pins the articles it touches
(`Article.story_pinned`), and `assign_story` never moves a pinned article, so re-ingest never
undoes what a person decided.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Prefetch, Q

from coverage_app import comparisons, corpus
from coverage_app.models import Article, Entity, Event, Quote, Story
from coverage_app.text import versions
from coverage_app.text.claims import wording
from coverage_app.text.shorten import shorten
from coverage_app.text.stories.article_similarity import ArticleData, GroupingRule
from coverage_app.text.stories.grouping import central_headline, choose_story, regroup
from coverage_app.text.stories.utterances import utterance_rows

# How many already-grouped articles a new one is compared against (the most recent first).
CANDIDATE_LIMIT = 400
# How many articles one regroup clusters at once (the n x n score matrix is held in memory).
REGROUP_LIMIT = 4000


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
    return shorten(article.display_title, 300)


def central_title(articles: list[Article]) -> str:
    """A story's name: the real headline most like its other articles (`central_headline`);
    an untitled page's opening sentence stands in only when no article has a headline."""
    if not articles:
        return "Untitled story"
    titled = [a for a in articles if a.title.strip()]
    pool = titled or articles
    best = central_headline(
        [a.display_title for a in pool],
        [f"{a.title}\n{a.body}" for a in pool],
        preferred=[bool(a.title.strip()) for a in pool],
    )
    return _title_for(pool[best])


def retitle(story: Story) -> None:
    """Name the story after its most central headline, unless a person named it (unsaved)."""
    if story.title_by_hand:
        return
    members = list(story.articles.only("pk", "title", "body", "source_name").order_by("pk"))
    if members:
        story.title = central_title(members)


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
        retitle(story)
        story.save(update_fields=["updated", "title"])
        if old_story_id and old_story_id != story.pk:
            _drop_if_empty([old_story_id])
    article.story = story
    return story


@dataclass
class RegroupReport:
    articles: int = 0  # ready articles looked at
    moved: int = 0  # unpinned articles that changed story
    created: int = 0  # new stories
    deleted: int = 0  # stories left empty and removed


def _keep_ids(groups: list[list[int]], old_story: dict[int, int | None], sizes: Counter) -> dict:
    """Group index -> old story id it keeps: the story most of whose articles it holds.

    Largest overlaps first; each old story id goes to at most one group, and only when the
    group holds more than half of that story's (unpinned) articles.
    """
    overlaps = []
    for g, members in enumerate(groups):
        for story_id, count in Counter(old_story[a] for a in members).items():
            if story_id is not None and count * 2 > sizes[story_id]:
                overlaps.append((count, -g, story_id, g))
    kept, used = {}, set()
    for _count, _neg, story_id, g in sorted(overlaps, reverse=True):
        if g not in kept and story_id not in used:
            kept[g] = story_id
            used.add(story_id)
    return kept


def regroup_stories(*, since: date | None = None) -> RegroupReport:
    """Cluster every unpinned ready article again by the grouping rule and save the result.

    Undoes earlier wrong merges of the one-article-at-a-time `assign_story`. Pinned articles
    never move; a new group joins a story of pinned articles when it is similar to them on
    average (`grouping.regroup`). A story keeps its id (and title) when one new group holds
    most of its unpinned articles; other groups get new stories; emptied stories are deleted.
    With `since`, only articles published from that day (or undated ones created since) are
    looked at. Raises ValueError above REGROUP_LIMIT articles (narrow it with `since`).
    """
    rule = grouping_rule()
    scope = Article.objects.ready()
    if since:
        scope = scope.filter(
            Q(published__gte=since) | Q(published__isnull=True, created__date__gte=since)
        )
    count = scope.count()
    if count > REGROUP_LIMIT:
        raise ValueError(
            f"{count} articles is more than one regroup handles ({REGROUP_LIMIT}); "
            "give a start date to regroup fewer."
        )
    articles = list(_with_features(scope.order_by("published", "pk")))
    report = RegroupReport(articles=len(articles))
    if not articles:
        return report
    data = [article_data(a, body_words=rule.body_words) for a in articles]
    fixed: dict[int, list[int]] = {}
    for index, article in enumerate(articles):
        if article.story_pinned and article.story_id:
            fixed.setdefault(article.story_id, []).append(index)
    results = regroup(data, fixed, rule)
    old_story = {i: a.story_id for i, a in enumerate(articles)}
    # A story with pinned articles stays theirs: only a group similar to them joins it.
    free_old = {i: (None if sid in fixed else sid) for i, sid in old_story.items()}
    free_sizes = Counter(free_old[i] for i, a in enumerate(articles) if not a.story_pinned)
    loose = [r for r in results if r.joins is None]
    kept = _keep_ids([r.articles for r in loose], free_old, free_sizes)
    with transaction.atomic():
        touched = {a.story_id for a in articles if a.story_id}
        for g, result in enumerate(loose):
            if g in kept:
                result.joins = kept[g]
            else:
                result.joins = Story.objects.create(title=result.title[:300]).pk
                report.created += 1
        for result in results:
            ids = [articles[i].pk for i in result.articles if old_story[i] != result.joins]
            report.moved += Article.objects.filter(pk__in=ids, story_pinned=False).update(
                story_id=result.joins
            )
        _retitle_regrouped(articles, results)
        emptied = Story.objects.filter(pk__in=touched).annotate(n=Count("articles")).filter(n=0)
        report.deleted = emptied.count()
        emptied.delete()
    return report


def _retitle_regrouped(articles: list[Article], results) -> None:
    """Name each story a regroup filled after its most central headline (unless named by
    hand), from the articles already in memory: pinned ones where they were, the rest where
    the regroup put them."""
    members: dict[int, list[Article]] = {}
    for article in articles:
        if article.story_pinned and article.story_id:
            members.setdefault(article.story_id, []).append(article)
    for result in results:
        members.setdefault(result.joins, []).extend(articles[i] for i in result.articles)
    stories = Story.objects.filter(pk__in=list(members), title_by_hand=False)
    changed = []
    for story in stories:
        title = central_title(sorted(members[story.pk], key=lambda a: a.pk))
        if title != story.title:
            story.title = title
            changed.append(story)
    Story.objects.bulk_update(changed, ["title"])


@transaction.atomic
def move_article(article: Article, story: Story | None) -> Story:
    """A person puts an article in `story` (or a new story of its own); it stays pinned there."""
    old_story_id = article.story_id
    if story is None:
        story = Story.objects.create(title=_title_for(article))
    article.story = story
    article.story_pinned = True
    article.save(update_fields=["story", "story_pinned", "updated"])
    retitle(story)
    story.save(update_fields=["updated", "title"])
    if old_story_id and old_story_id != story.pk:
        _drop_if_empty([old_story_id])
        _retitle_by_id(old_story_id)
    return story


def _retitle_by_id(story_id: int) -> None:
    story = Story.objects.filter(pk=story_id).first()
    if story is not None:
        retitle(story)
        story.save(update_fields=["title"])


@transaction.atomic
def merge_stories(target: Story, others: Iterable[Story]) -> Story:
    """A person merges stories into `target`; every article in it is pinned."""
    other_ids = [s.pk for s in others if s.pk != target.pk]
    Article.objects.filter(story_id__in=other_ids).update(story=target)
    Article.objects.filter(story=target).update(story_pinned=True)
    Story.objects.filter(pk__in=other_ids).delete()
    retitle(target)
    target.save(update_fields=["updated", "title"])
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
    title = " ".join(title.split())
    new_story = Story.objects.create(
        title=title[:300] or "Untitled story", title_by_hand=bool(title)
    )
    Article.objects.filter(pk__in=chosen).update(story=new_story, story_pinned=True)
    Article.objects.filter(story=story).update(story_pinned=True)
    for changed in (new_story, story):
        retitle(changed)
        changed.save(update_fields=["updated", "title"])
    return new_story


@transaction.atomic
def rename_story(story: Story, title: str) -> Story:
    title = " ".join(title.split())
    if not title:
        raise ValueError("A story needs a title.")
    story.title = title[:300]
    story.title_by_hand = True  # kept from now on: no headline replaces it
    story.save(update_fields=["title", "title_by_hand", "updated"])
    return story


# --- reading a story: who covered it, and its quotes by outlet --------------------------------


def _same_utterance(entry: dict, quote: Quote, speaker: str) -> bool:
    """Whether a quote continues an entry of the same article (one utterance, one row)."""
    if quote.utterance == entry["utterance"]:
        return True
    overlap = quote.start < entry["end"] and entry["start"] < quote.end
    if overlap and quote.text.casefold() in entry["text"].casefold():
        return True  # a partial quote inside the reported speech that carries it
    same_speaker = not speaker or not entry["speaker"] or speaker == entry["speaker"]
    return bool(quote.sentence) and quote.sentence == entry["sentence"] and same_speaker


def _part(quote: Quote) -> dict:
    """One quoted or reported span as the pages show it, on its own (never joined into another
    span's quotation marks)."""
    return {
        "text": quote.text,
        "kind": quote.kind,
        "kind_label": quote.get_kind_display(),
        "start": quote.start,
    }


def utterances_of(quotes: Iterable[Quote]) -> list[dict]:
    """The quotes of each article joined into utterances, one entry each.

    Spans join when extraction gave them one utterance number (interrupted by the
    attribution), when one lies inside the other (a partial quote within the reported speech
    that carries it), or when they stand in one sentence from one speaker. An entry keeps its
    spans apart in "parts" (text, kind) and the ids of all of them in "quote_ids"; "text" is
    all of them for matching only, never shown as one quotation.
    """
    by_article: dict[int, list[dict]] = {}
    for quote in sorted(quotes, key=lambda q: (q.article_id, q.start, -q.end)):
        speaker = quote.speaker.name if quote.speaker_id else quote.speaker_name
        entries = by_article.setdefault(quote.article_id, [])
        entry = next((e for e in entries if _same_utterance(e, quote, speaker)), None)
        if entry is None:
            entries.append(
                {
                    "key": quote.pk,
                    "article_id": quote.article_id,
                    "text": quote.text,
                    "speaker": speaker,
                    "speaker_id": quote.speaker_id,
                    "kind": quote.kind,
                    "kind_label": quote.get_kind_display(),
                    "start": quote.start,
                    "end": quote.end,
                    "utterance": quote.utterance,
                    "sentence": quote.sentence,
                    "parts": [_part(quote)],
                    "quote_ids": [quote.pk],
                }
            )
            continue
        entry["quote_ids"].append(quote.pk)
        if quote.end > entry["end"]:  # not already inside the entry's text
            entry["text"] = f"{entry['text']} … {quote.text}"
            entry["end"] = quote.end
            entry["parts"].append(_part(quote))
        if not entry["speaker"]:
            entry["speaker"], entry["speaker_id"] = speaker, quote.speaker_id
    return [e for entries in by_article.values() for e in entries]


@dataclass
class StoredLinks:
    """What the pages read of the stored pairwise alignments between some articles: "links",
    every aligned quote pair (quote ids, score at least the pages' default threshold) of the
    comparisons stored and current, and "missing", the article pairs (a, b) not stored yet or
    stale, which the worker computes (`comparisons.refresh_among`)."""

    links: list[tuple[int, int]]
    missing: list[tuple[Article, Article]]


def stored_links(articles: list[Article]) -> StoredLinks:
    """The one alignment the compare pages show too, as stored: never computed here (the
    worker computes a story's pairs after each ingest batch and when a page finds some
    missing), so a page shows what is stored and says what is still being aligned."""
    fresh, missing = comparisons.stored_among(articles)
    threshold = comparisons.min_score()
    links = []
    for comparison in fresh:
        for pair in comparison.result.get("quotes", {}).get("pairs", []):
            if pair["score"] < threshold:
                continue
            for left in pair.get("a_parts") or [pair["a"]]:
                links += [(left, right) for right in pair.get("b_parts") or [pair["b"]]]
    return StoredLinks(links=links, missing=missing)


def quote_matrix(
    articles: list[Article], quotes: Iterable[Quote], stored: StoredLinks | None = None
):
    """Rows of one utterance each, a cell per article: the spans it used (each on its own,
    with its kind), or None. Which quotes are one utterance comes from the stored pairwise
    comparisons (`stored_links`, read here unless the caller already did), so the matrix says
    what the compare pages say; quotes of pairs not aligned yet stand in rows of their own."""
    stored = stored_links(articles) if stored is None else stored
    by_article: dict[int, list[dict]] = {a.pk: [] for a in articles}
    for entry in utterances_of(quotes):
        by_article.setdefault(entry["article_id"], []).append(entry)
    entries = {e["key"]: e for items in by_article.values() for e in items}
    entry_of = {q: e["key"] for e in entries.values() for q in e["quote_ids"]}
    links = [
        (entry_of[left], entry_of[right])
        for left, right in stored.links
        if left in entry_of and right in entry_of
    ]
    matrix = []
    for row in utterance_rows(by_article, links):
        cells = [_cell(row, a.pk, entries) for a in articles]
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


def _cell(row, article_key: int, entries: dict[int, dict]) -> dict | None:
    """One article's wording in a row: its utterance, with further parts of it, each span kept
    apart (in reading order)."""
    if article_key not in row.cells:
        return None
    entry = entries[row.cells[article_key]]
    more = [entries[key] for key in row.parts.get(article_key, [])]
    if not more:
        return entry
    joined = sorted([entry, *more], key=lambda e: e["start"])
    parts = sorted((p for e in joined for p in e["parts"]), key=lambda p: p["start"])
    return {**joined[0], "parts": parts}


def story_articles(story: Story) -> list[Article]:
    return list(story.articles.select_related("outlet").order_by("published", "created", "pk"))


# --- The outlet x term table -----------------------------------------------------------------

WORDING_VERSION = 1
WORDING_FINGERPRINT = f"w{versions.WORDING}"
STORY_TERMS = 24  # rows of the outlet x term table


def _wording_stamp(articles: list[Article], epoch: int) -> str:
    parts = [f"{a.pk}:{a.extracted_at.isoformat() if a.extracted_at else '-'}" for a in articles]
    return f"v{WORDING_VERSION}|{WORDING_FINGERPRINT}|p{epoch}|" + ",".join(sorted(parts))


def story_wording(story: Story, articles: list[Article]) -> dict:
    """The terms distinctive of each outlet of the story against the others (weighted log-odds
    with an informative Dirichlet prior from every stored article's terms, `corpus`, |z| >
    1.96), as {"outlets": [name...], "rows": [{"term", "cells": [[uses, z or None] per
    outlet]}]}. Computed once per set of extractions and corpus epoch, stored on the story."""
    stamp = _wording_stamp(articles, corpus.epoch())
    if story.wording.get("stamp") == stamp:
        return story.wording
    by_outlet: dict[str, list[dict]] = {}
    for article in articles:
        by_outlet.setdefault(article.outlet.name, []).extend(article.terms or [])
    outlets = sorted(by_outlet)
    counts = {name: wording.term_counts(terms) for name, terms in by_outlet.items()}
    prior = corpus.prior_for(set().union(*counts.values())) if counts else None
    if prior is not None:
        stamp = _wording_stamp(articles, prior[2])
    prior_counts, prior_total = (prior[0], prior[1]) if prior else (None, None)
    distinctive = (
        wording.outlet_terms(by_outlet, prior_counts, prior_total=prior_total)
        if len(outlets) > 1
        else {}
    )
    strongest: dict[str, float] = {}
    z_of: dict[tuple[str, str], float] = {}
    for name, ranked in distinctive.items():
        for term, _count, z in ranked:
            z_of[(name, term)] = z
            strongest[term] = max(strongest.get(term, 0.0), z)
    terms = sorted(strongest, key=lambda t: -strongest[t])[:STORY_TERMS]
    table = {
        "stamp": stamp,
        "outlets": outlets,
        "rows": [
            {
                "term": term,
                "cells": [[counts[name].get(term, 0), z_of.get((name, term))] for name in outlets],
            }
            for term in terms
        ],
    }
    Story.objects.filter(pk=story.pk).update(wording=table)
    story.wording = table
    return table
