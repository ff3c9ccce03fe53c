"""Choose the grouping rule's cut and cohesion on labelled piles (`train_models --only
grouping_rule`), written to `text/stories/grouping_rule.json`, which `GroupingRule` reads.

The rule's pair score (`article_similarity`) is hand-weighted; what is fitted here is where
the clustering (`grouping.cluster`) cuts it: `threshold`, the average score a group must
reach, and `cohesion`, the share of the looser group's own average two groups must reach
between them to join.

Piles are read as the `group` command reads files (cleaned, parsed, extracted): the devset
(`DATA/devset`, its articles' `event` labels) and the invented grouping fixtures
(`tests/fixtures/stories*`, labels.json). Each comes three ways, since real pages often lose
their dates: with the dates cleaning finds, with the labelled date filled in where it found
none, and with no dates at all. Each of these is also grouped without each one of its events
in turn (a pile of other events the one left out does not join, or split). A pile's figure is
its pairwise F1 of "these two articles are one event".

Every (threshold, cohesion) of a grid is scored by the mean figure over all these piles, each
labelled source (the devset, each fixture folder) counting once whatever its number of piles
(`mean_figure`): else the source of most events would outvote the others. The best figure is
usually reached on a region of the grid, not a point: the choice is the point of that region
furthest from its edge (in grid steps, the larger of the two distances; ties go to the
middle one), the one furthest from both splits and merges. Leave one event out
cross-validates the choice: the point chosen on the piles without that event groups the whole
piles holding it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import TextIO

import numpy as np

from coverage_app.plain_data import article_data, article_dicts
from coverage_app.text.stories.article_similarity import (
    RULE_FIT,
    ArticleData,
    GroupingRule,
    similarity_matrix,
)
from coverage_app.text.stories.grouping import cluster
from coverage_app.training.grouping import FIXTURE_PILES, labelled_sources

THRESHOLDS = [round(t, 2) for t in np.arange(0.0, 0.305, 0.01)]
COHESIONS = [round(c, 3) for c in np.arange(0.0, 0.801, 0.025)]


def piles(data_dir: Path) -> list[tuple[str, list[ArticleData], list[str]]]:
    """Every pile, three ways dated, whole and without each one of its events."""
    result = []
    for name, files, events, dates in labelled_sources(data_dir):
        read = [article_data(a) for a in article_dicts(files)]
        ways = {
            "as read": read,
            "labelled dates": [
                a if a.published else replace(a, published=d)
                for a, d in zip(read, dates, strict=True)
            ],
            "no dates": [replace(a, published=None) for a in read],
        }
        for way, articles in ways.items():
            labels = [f"{name}:{e}" for e in events]
            result.append((f"{name}, {way}", articles, labels))
            for event in sorted(set(labels)):
                keep = [i for i, label in enumerate(labels) if label != event]
                result.append(
                    (
                        f"{name}, {way}, without {event}",
                        [articles[i] for i in keep],
                        [labels[i] for i in keep],
                    )
                )
    return result


def pair_f1(groups: list[list[int]], labels: list[str]) -> float:
    """F1 of "these two articles are one event" (1 when neither side has a pair)."""
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    tp = fp = fn = 0
    for i, j in combinations(range(len(labels)), 2):
        same, said = labels[i] == labels[j], group_of[i] == group_of[j]
        tp += same and said
        fp += said and not same
        fn += same and not said
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def figures(pile_list) -> np.ndarray:
    """F1 per pile, cohesion and threshold (the scores depend on the threshold too: an
    undated article takes the date of coverage that reaches it)."""
    table = np.zeros((len(pile_list), len(COHESIONS), len(THRESHOLDS)))
    for p, (_, articles, labels) in enumerate(pile_list):
        scores = None
        for t, threshold in enumerate(THRESHOLDS):
            rule = GroupingRule(threshold=threshold)
            if scores is None or _dates_inferred(articles):
                scores = similarity_matrix(articles, rule)
            for c, cohesion in enumerate(COHESIONS):
                table[p, c, t] = pair_f1(cluster(scores, threshold, cohesion), labels)
    return table


def _dates_inferred(articles: list[ArticleData]) -> bool:
    dated = sum(a.published is not None for a in articles)
    return 0 < dated < len(articles)


def mean_figure(pile_list, table: np.ndarray, use: list[bool] | None = None) -> np.ndarray:
    """The figure per (cohesion, threshold): the mean over each source's piles (of `use`),
    then over sources."""
    use = use or [True] * len(pile_list)
    sources = [name.split(",")[0] for name, _, _ in pile_list]
    per_source = [
        table[[u and s == source for s, u in zip(sources, use, strict=True)]].mean(axis=0)
        for source in sorted({s for s, u in zip(sources, use, strict=True) if u})
    ]
    return np.mean(per_source, axis=0)


def choose(mean: np.ndarray) -> tuple[int, int]:
    """(cohesion, threshold) indexes: the point of the best region furthest from its edge."""
    best = mean >= mean.max() - 1e-12
    inside = np.argwhere(best)
    outside = np.argwhere(~best)
    if not len(outside):
        depth = np.zeros(len(inside))
    else:
        depth = np.array([np.abs(outside - point).max(axis=1).min() for point in inside])
    deepest = inside[depth == depth.max()]
    return tuple(int(v) for v in deepest[(len(deepest) - 1) // 2])


def cross_validate(pile_list, table: np.ndarray) -> dict[str, float]:
    """Leave one event out: each event's whole piles grouped at the point chosen without it;
    the mean figure per pile name."""
    events = sorted({label for _, _, labels in pile_list for label in labels})
    held: dict[str, list[float]] = {}
    for event in events:
        without = [event not in labels for _, _, labels in pile_list]
        c, t = choose(mean_figure(pile_list, table, without))
        for p, (name, _, labels) in enumerate(pile_list):
            if event in labels and "without" not in name:
                held.setdefault(name, []).append(float(table[p, c, t]))
    return {name: float(np.mean(values)) for name, values in held.items()}


def train(data_dir: Path, out: TextIO) -> None:
    pile_list = piles(data_dir)
    out.write(f"{len(pile_list)} piles; grid {len(COHESIONS)} x {len(THRESHOLDS)}\n")
    table = figures(pile_list)
    mean = mean_figure(pile_list, table)
    c, t = choose(mean)
    best = np.argwhere(mean >= mean.max() - 1e-12)
    cohesions = sorted({COHESIONS[i] for i in best[:, 0]})
    thresholds = sorted({THRESHOLDS[j] for j in best[best[:, 0] == c][:, 1]})
    out.write(
        f"best mean pair F1 {mean.max():.4f}: cohesion {cohesions[0]}-{cohesions[-1]}, "
        f"threshold {thresholds[0]}-{thresholds[-1]} at cohesion {COHESIONS[c]}\n"
        f"chosen: threshold {THRESHOLDS[t]}, cohesion {COHESIONS[c]}\n"
    )
    held = cross_validate(pile_list, table)
    for name, value in held.items():
        out.write(f"  leave-one-event-out {name:<36} {value:.3f}\n")
    payload = {
        "threshold": THRESHOLDS[t],
        "cohesion": COHESIONS[c],
        "trained_on": "devset + tests/fixtures/" + ", tests/fixtures/".join(FIXTURE_PILES),
        "piles": len(pile_list),
        "best_mean_pair_f1": round(float(mean.max()), 4),
        "cv": {
            "scheme": "leave one event out",
            "pair_f1": {name: round(value, 4) for name, value in held.items()},
        },
    }
    RULE_FIT.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    out.write(f"wrote {RULE_FIT}\n")
