"""Labelled piles for the grouping rule, read the way the `group` command reads files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from coverage_app.text.clean import cleaning
from coverage_app.text.extract import extract
from coverage_app.text.stories.article_similarity import ArticleData

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TUNING_PILE = FIXTURES / "stories"  # the rule's weights were set on this one
HELDOUT_PILE = FIXTURES / "stories_heldout"  # written afterwards, never tuned on alone


@dataclass
class Pile:
    names: list[str]
    articles: list[ArticleData]
    gold: list[str]


def load_pile(folder: Path, nlp, *, label_dates: bool) -> Pile:
    """Cleaned, parsed and extracted (no gold data). With `label_dates`, a date cleaning does
    not find is taken from labels.json; without, undated pages stay undated."""
    labels = json.loads((folder / "labels.json").read_text())["articles"]
    names = sorted(labels)
    cleaned = [
        cleaning.clean((folder / n).read_text(encoding="utf-8"), kind="text", filename=n)
        for n in names
    ]
    articles = []
    for name, clean, doc in zip(names, cleaned, nlp.pipe(c.body for c in cleaned), strict=True):
        published = clean.published
        if published is None and label_dates and labels[name].get("published"):
            published = date.fromisoformat(labels[name]["published"])
        result = extract(doc, published=published)
        articles.append(
            ArticleData(
                title=clean.title,
                body=clean.body,
                published=published,
                outlet=clean.outlet,
                speakers=[q["speaker"] for q in result.quotes if q.get("speaker")],
                quotes=[q["text"] for q in result.quotes],
                event_dates=[date.fromisoformat(e["date"]) for e in result.events if e.get("date")],
                places=[e["place"] for e in result.events if e.get("place")],
            )
        )
    return Pile(names, articles, [labels[n]["story"] for n in names])


def pairwise_scores(groups: list[list[int]], gold: list[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of "these two articles are in the same story"."""
    predicted = {}
    for label, members in enumerate(groups):
        for index in members:
            predicted[index] = label
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold = gold[i] == gold[j]
        same_predicted = predicted[i] == predicted[j]
        tp += same_gold and same_predicted
        fp += same_predicted and not same_gold
        fn += same_gold and not same_predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
