"""The alignment pair classifiers, fitted on the devset's gold clusters: quote pairs (shipped as
`text/align/pair_model.json`); the claim-pair and event-pair trainers (`training.claims`,
`training.events`) share the tables, fitting and cross-validation here.

Every article pair of one devset event is extracted and aligned the way `manage.py compare`
does it; each candidate pair (every quote of A against every quote of B) gets the features the
scorer computes (`scoring.quote_features`, `claim_align.claim_features`) and a label from the
gold: a quote pair is a link when the two sides are (part of) gold entries of one cluster, a
non-link otherwise; a claim pair is a link when both sides are evidence sentences of one key
event, a non-link when only one side is, and unlabelled (left out of the fit) when neither is.

Logistic regression (scikit-learn), then **leave-one-event-out** cross-validation: for each
event, a model fitted on the other events scores that event's pairs, the one-to-one assignment
(`aligner.assign`) pairs them at every candidate threshold, and the pairs are counted the way
`score.py compare` / `score.py claims` count them. The threshold with the best pooled F1 over
the held-out events is shipped with the model fitted on every event. Each feature family is
also left out in turn and the cross-validation rerun (the ablation figures printed).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TextIO

import numpy as np
from rapidfuzz import fuzz

from coverage_app.text.fitted import LinearModel

MATCH = 85  # text similarity at which an extracted item is (part of) a gold entry
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.01), 2)
C = 1.0  # inverse regularisation strength of the logistic regression


# --- Gold matching ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    for curly, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, plain)
    return re.sub(r"\s+", " ", text).strip().strip("\"'“”‘’ ,.").lower()


def _span_similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b)
    if min(len(a), len(b)) / max(len(a), len(b)) >= 0.8:
        score = max(score, fuzz.partial_ratio(a, b))
    return score


def _clause_similarity(a: str, b: str) -> float:
    if not a or not b or min(len(a), len(b)) / max(len(a), len(b)) < 0.5:
        return 0.0
    return max(fuzz.ratio(a, b), fuzz.partial_ratio(a, b), fuzz.token_set_ratio(a, b))


def same_entry(text: str, gold: dict) -> bool:
    """Is an extracted quote (part of) this gold entry? Quoted words tightly, reported clauses
    loosely, and a text lying inside the other covering 30% of it."""
    a, b = _norm(text), _norm(gold["text"])
    if gold.get("kind") == "indirect":
        base = _clause_similarity(a, b)
    else:
        base = _span_similarity(a, b)
    if a and b and min(len(a), len(b)) / max(len(a), len(b)) >= 0.3:
        partial = fuzz.partial_ratio(a, b)
        base = max(base, partial if partial >= 95 else 0)
    return base >= MATCH


def quote_clusters(text: str, gold_article: dict) -> set[str]:
    return {g["cluster"] for g in gold_article["quotes"] if same_entry(text, g)}


def event_clusters(text: str, gold_article: dict) -> set[str]:
    a = _norm(text)
    return {
        e["cluster"]
        for e in gold_article["events"]
        if _clause_similarity(a, _norm(e["evidence"])) >= MATCH
    }


# --- Data ------------------------------------------------------------------------------------


@dataclass
class PairTable:
    """One article pair's candidates: named feature matrices, each side's gold clusters (an
    empty set: no gold entry) and the clusters both articles share (the links to find)."""

    event: str
    features: dict[str, np.ndarray]
    clusters_a: list[set[str]]
    clusters_b: list[set[str]]
    shared: set[str]
    hard: set[str] = frozenset()  # quote links reworded, translated or reported on one side

    def labels(self) -> np.ndarray:
        return np.array(
            [[bool(x & y) for y in self.clusters_b] for x in self.clusters_a], dtype=bool
        ).reshape(len(self.clusters_a), len(self.clusters_b))

    def judged(self) -> np.ndarray:
        """Pairs with a label: for claims, those where at least one side is gold evidence."""
        a = np.array([bool(x) for x in self.clusters_a], dtype=bool)[:, None]
        b = np.array([bool(y) for y in self.clusters_b], dtype=bool)[None, :]
        return a | b


def devset_articles(data_dir: Path) -> dict[str, list[tuple[dict, dict]]]:
    """{event: [(gold article, extracted article dict)]} for the devset, extracted as
    `manage.py compare` extracts files."""
    from coverage_app import plain_data

    devset = data_dir / "devset"
    gold = json.loads((devset / "gold.json").read_text(encoding="utf-8"))
    by_event: dict[str, list[dict]] = {}
    for article in gold["articles"]:
        by_event.setdefault(article["event"], []).append(article)
    out = {}
    for event, golds in sorted(by_event.items()):
        paths = [str(devset / "articles" / f"{g['id']}.txt") for g in golds]
        out[event] = list(zip(golds, plain_data.article_dicts(paths), strict=True))
    return out


def _is_easy(qa: list[dict], qb: list[dict]) -> bool:
    return any(
        x.get("kind", "direct") != "indirect"
        and y.get("kind", "direct") != "indirect"
        and fuzz.ratio(_norm(x["text"]), _norm(y["text"])) >= 90
        for x in qa
        for y in qb
    )


def quote_tables(articles: dict[str, list[tuple[dict, dict]]]) -> list[PairTable]:
    from coverage_app.text.align.scoring import quote_features

    tables = []
    for event, group in articles.items():
        for (ga, a), (gb, b) in combinations(group, 2):
            shared = {q["cluster"] for q in ga["quotes"]} & {q["cluster"] for q in gb["quotes"]}
            hard = {
                c
                for c in shared
                if not _is_easy(
                    [g for g in ga["quotes"] if g["cluster"] == c],
                    [g for g in gb["quotes"] if g["cluster"] == c],
                )
            }
            tables.append(
                PairTable(
                    event,
                    quote_features(a["quotes"], b["quotes"]),
                    [quote_clusters(q["text"], ga) for q in a["quotes"]],
                    [quote_clusters(q["text"], gb) for q in b["quotes"]],
                    shared,
                    hard,
                )
            )
    return tables


# --- Fitting and cross-validation --------------------------------------------------------------


def _rows(tables: Sequence[PairTable], names: Sequence[str], *, judged_only: bool):
    xs, ys = [], []
    for table in tables:
        keep = table.judged() if judged_only else np.ones_like(table.labels())
        if not keep.size:
            continue
        xs.append(np.stack([table.features[n][keep] for n in names], axis=1))
        ys.append(table.labels()[keep])
    if not xs:
        return np.zeros((0, len(names))), np.zeros(0, dtype=bool)
    return np.concatenate(xs), np.concatenate(ys)


def fit(
    tables: Sequence[PairTable],
    names: Sequence[str],
    *,
    judged_only: bool = False,
    class_weight: str | None = None,
) -> LinearModel:
    from sklearn.linear_model import LogisticRegression

    x, y = _rows(tables, names, judged_only=judged_only)
    model = LogisticRegression(C=C, max_iter=5000, class_weight=class_weight).fit(x, y)
    return LinearModel(
        name="",
        features=tuple(names),
        coef=tuple(float(c) for c in model.coef_[0]),
        intercept=float(model.intercept_[0]),
    )


@dataclass
class Counts:
    pairs: int = 0  # pairs predicted (for claims: judged, one side gold evidence)
    correct: int = 0
    links: int = 0
    found: int = 0
    hard: int = 0
    hard_found: int = 0

    def add(self, other: Counts) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def precision(self) -> float:
        return self.correct / self.pairs if self.pairs else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.links if self.links else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        hard = f", hard-link recall {self.hard_found / self.hard:.3f}" if self.hard else ""
        return (
            f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} "
            f"({self.correct}/{self.pairs} pairs, {self.found}/{self.links} links{hard})"
        )


def count(table: PairTable, probabilities: np.ndarray, threshold: float, *, claims: bool) -> Counts:
    """The one-to-one pairs `assign` makes at `threshold`, counted as the scorers count them."""
    from coverage_app.text.align.aligner import assign

    out = Counts(links=len(table.shared), hard=len(table.hard))
    found: set[str] = set()
    for i, j in assign(100.0 * probabilities, min_score=100.0 * threshold):
        a, b = table.clusters_a[i], table.clusters_b[j]
        if claims and not a and not b:
            continue
        out.pairs += 1
        if a & b:
            out.correct += 1
            found |= a & b
    out.found = len(found & table.shared)
    out.hard_found = len(found & table.hard)
    return out


def loeo(
    tables: Sequence[PairTable],
    names: Sequence[str],
    *,
    claims: bool,
    class_weight: str | None = None,
) -> dict[str, list[tuple[PairTable, np.ndarray]]]:
    """{held-out event: [(table, probabilities from a model fitted on the other events)]}."""
    out = {}
    for event in sorted({t.event for t in tables}):
        others = [t for t in tables if t.event != event]
        model = fit(others, names, judged_only=claims, class_weight=class_weight)
        out[event] = [(t, model.probabilities(t.features)) for t in tables if t.event == event]
    return out


def cv_figures(
    held_out: dict[str, list[tuple[PairTable, np.ndarray]]], *, claims: bool
) -> tuple[float, Counts, dict[str, Counts]]:
    """The threshold with the best pooled F1 over the held-out events, its pooled counts and
    each event's. Among equal F1s the middle of the plateau."""
    pooled = []
    for t in THRESHOLDS:
        total = Counts()
        for items in held_out.values():
            for table, p in items:
                total.add(count(table, p, t, claims=claims))
        pooled.append(total)
    best = max(c.f1 for c in pooled)
    plateau = [k for k, c in enumerate(pooled) if c.f1 >= best - 1e-9]
    k = plateau[len(plateau) // 2]
    threshold = float(THRESHOLDS[k])
    per_event = {}
    for event, items in held_out.items():
        total = Counts()
        for table, p in items:
            total.add(count(table, p, threshold, claims=claims))
        per_event[event] = total
    return threshold, pooled[k], per_event


def fit_and_report(
    tables: Sequence[PairTable],
    names: Sequence[str],
    *,
    claims: bool,
    name: str,
    families: dict[str, Sequence[str]],
    out: TextIO,
    class_weight: str | None = None,
) -> LinearModel:
    held_out = loeo(tables, names, claims=claims, class_weight=class_weight)
    threshold, pooled, per_event = cv_figures(held_out, claims=claims)
    out.write(f"{name}: leave-one-event-out threshold {threshold:.2f}: {pooled.line()}\n")
    for event, counts in per_event.items():
        out.write(f"  held out {event}: {counts.line()}\n")
    for family, dropped in families.items():
        kept = [n for n in names if n not in dropped]
        held = loeo(tables, kept, claims=claims, class_weight=class_weight)
        t, c, _ = cv_figures(held, claims=claims)
        out.write(f"  without {family}: threshold {t:.2f}: {c.line()}\n")
    model = fit(tables, names, judged_only=claims, class_weight=class_weight)
    x, y = _rows(tables, names, judged_only=claims)
    return LinearModel(
        name=name,
        features=model.features,
        coef=model.coef,
        intercept=model.intercept,
        threshold=threshold,
        meta={
            "trained_on": f"devset gold clusters: {len(y)} pairs, {int(y.sum())} links, "
            f"events {', '.join(sorted(per_event))}",
            "cv": {
                "method": "leave-one-event-out",
                "precision": round(pooled.precision, 4),
                "recall": round(pooled.recall, 4),
                "f1": round(pooled.f1, 4),
                "per_event_f1": {e: round(c.f1, 4) for e, c in per_event.items()},
            },
        },
    )


QUOTE_FAMILIES = {
    "speaker disagreement": ("different_speaker",),
    "figures": ("shared_numbers", "numbers_clash"),
    "short partial quotes": ("short_partial", "short_partial_context"),
    "kinds": ("both_indirect", "one_indirect", "any_partial"),
}


def train(data_dir: Path, out: TextIO) -> None:
    """Fit the quote-pair model on `data_dir`/devset, print its cross-validated figures and
    write it beside the code that reads it."""
    run(devset_articles(data_dir), out)


def run(
    articles: dict[str, list[tuple[dict, dict]]],
    out: TextIO,
    *,
    write: bool = True,
) -> None:
    from coverage_app.text import fitted
    from coverage_app.text.align import scoring

    quotes = fit_and_report(
        quote_tables(articles),
        scoring.QUOTE_FEATURES,
        claims=False,
        name="quote pairs",
        families=QUOTE_FAMILIES,
        out=out,
    )
    if write:
        scoring.PAIR_MODEL.write_text(quotes.to_json(), encoding="utf-8")
        fitted.load.cache_clear()
        out.write(f"wrote {scoring.PAIR_MODEL}\n")
