"""Where a story's text comes from, stored: families of one report retold, and what each
retelling changed (`text.stories.provenance`), computed in the worker and read by the pages.

`Story.provenance` holds {"stamp", "families": [[article id...]], "reuse": [{"a": id, "b": id,
...}], "originals": [{"family", "article": id, "reason", "credits"}], "credits": {id: [...]}}.
The stamp names the articles and their extractions and the algorithm's version, so a story whose
articles changed (a new member, a re-extraction, an editor's move) is seen as stale. Only the
worker computes (`refresh`, after an ingest batch and in the `refresh_story_provenance` task that
a stale story page enqueues through `ingest.tasks.request_provenance_refresh`); a page reads
what is stored, or says it is being worked out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db.models import F, Prefetch

from coverage_app.models import Article, Quote, Story
from coverage_app.plain_data import stored_article_dict
from coverage_app.text import versions
from coverage_app.text.stories.provenance import provenance, source_label

logger = logging.getLogger("coverage_app.provenance")


def stamp(articles: Iterable[Article]) -> str:
    parts = sorted(
        f"{a.pk}:{a.extracted_at.isoformat() if a.extracted_at else '-'}" for a in articles
    )
    return f"p{versions.PROVENANCE}|" + ",".join(parts)


def _members(story_id: int) -> list[Article]:
    return list(
        Article.objects.filter(story_id=story_id, status=Article.Status.DONE)
        .select_related("outlet")
        .prefetch_related(
            Prefetch("quotes", queryset=Quote.objects.select_related("speaker")), "events"
        )
        .order_by("published", "created", "pk")
    )


def compute(articles: list[Article]) -> dict:
    """The provenance of these articles with article ids in place of indexes."""
    found = provenance([stored_article_dict(a) for a in articles])
    ids = [a.pk for a in articles]
    return {
        "stamp": stamp(articles),
        "families": [[ids[k] for k in family] for family in found["families"]],
        "reuse": [pair | {"a": ids[pair["a"]], "b": ids[pair["b"]]} for pair in found["reuse"]],
        "originals": [o | {"article": ids[o["article"]]} for o in found["originals"]],
        "credits": {str(ids[k]): keys for k, keys in enumerate(found["credits"])},
    }


def refresh(story_id: int) -> dict | None:
    """Worker side: compute and store the story's provenance unless it is up to date."""
    story = Story.objects.filter(pk=story_id).first()
    if story is None:
        return None
    articles = _members(story_id)
    if story.provenance.get("stamp") == stamp(articles):
        return story.provenance
    data = compute(articles)
    Story.objects.filter(pk=story_id).update(provenance=data)
    return data


def refresh_stories(story_ids: Iterable[int]) -> None:
    """Worker side, after an ingest batch: every touched story; a failure is logged only."""
    for story_id in sorted({s for s in story_ids if s}):
        try:
            refresh(story_id)
        except Exception:  # noqa: BLE001 - provenance never undoes an ingest
            logger.exception("working out where story %s's text comes from failed", story_id)


def stored(story: Story, articles: list[Article]) -> dict | None:
    """The stored provenance when it matches these articles (the story's finished ones)."""
    done = [a for a in articles if a.status == Article.Status.DONE]
    data = story.provenance or {}
    return data if data.get("stamp") == stamp(done) else None


# --- what the pages show -------------------------------------------------------------------


def _pair_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def section(story: Story, articles: list[Article]) -> dict:
    """The story page's "Where the text comes from": {"ready", "families": [{"members", "source",
    "original", "reason"}], "independents": [member...]}; each member {"article", "share",
    "dropped", "added", "reworded", "is_original", "pair"} measured against the original."""
    data = stored(story, articles)
    if data is None:
        return {"ready": False, "families": [], "independents": []}
    by_id = {a.pk: a for a in articles}
    reuse = {_pair_key(p["a"], p["b"]): p for p in data["reuse"]}
    families, independents = [], []
    for family, origin in zip(data["families"], data["originals"], strict=True):
        original = origin["article"]
        members = []
        for pk in family:
            if pk not in by_id:
                continue
            pair = reuse.get(_pair_key(original, pk)) if pk != original else None
            member = {"article": by_id[pk], "is_original": pk == original, "pair": pair}
            if pair:
                member["original_id"] = original
                member["share"] = round(100 * pair["share_b"])
                member["dropped"] = pair["dropped_a"]
                member["added"] = pair["added_b"]
                member["reworded"] = pair["reworded"]
            members.append(member)
        if len(members) == 1:
            independents.append(members[0])
            continue
        members.sort(key=lambda m: (not m["is_original"], -(m.get("share") or 0)))
        families.append(
            {
                "members": members,
                "sources": [source_label(k) for k in origin["credits"]],
                "reason": origin["reason"],
            }
        )
    return {"ready": True, "families": families, "independents": independents}


def with_families(queryset):
    """Articles with their story's id and stored families (`story_key`, `story_families`,
    `story_originals`), read in the same query: what `pair` needs before any reuse record."""
    return queryset.annotate(
        story_key=F("story_id"),
        story_families=F("story__provenance__families"),
        story_originals=F("story__provenance__originals"),
    )


def pair(article_a: Article, article_b: Article) -> dict | None:
    """For the compare page (articles from `with_families`): when the two are one family in
    their story's stored provenance, {"key", "original", "reason", "reuse", "retelling": "a" or
    "b" (the side measured against the other, nearer the original), "share"}; else None. Only
    then is the story's reuse record read (one query)."""
    story_id = article_a.story_key
    if not story_id or article_b.story_key != story_id:
        return None
    a_id, b_id = article_a.pk, article_b.pk
    families = zip(article_a.story_families or [], article_a.story_originals or [], strict=False)
    for family, origin in families:
        if a_id not in family or b_id not in family:
            continue
        data = Story.objects.filter(pk=story_id).values_list("provenance", flat=True).first()
        key = _pair_key(a_id, b_id)
        reuse = (data or {}).get("reuse", [])
        record = next((p for p in reuse if _pair_key(p["a"], p["b"]) == key), None)
        if record is None:
            return None
        return {
            "key": f"{data.get('stamp', '')}|{record['b']}",
            "original": origin["article"],
            "reason": origin["reason"],
            "reuse": record,
            "retelling": "a" if record["b"] == a_id else "b",
            "share": round(100 * record["share_b"]),
        }
    return None
