"""The claim-pair classifier, fitted on the devset's key events and measured against the
hand-set claim score. Not adopted, so no file is written and `claim_align` keeps its rules: at
run time the model fitted on every devset event scored checkset claims F1 0.771 against the
rules' 0.769 (one link fewer found, three wrong pairs fewer) and devset 0.747 against 0.774.

Every article pair of one devset event is extracted, and its claims and the quote and event
pairs linking them are made the way `manage.py compare` makes them
(`narration.claim_inputs`). Each candidate claim pair (every claim of A against every claim
of B) gets the measures the hand-set score adds up (`claim_align.claim_features`: text
similarity, IDF cosine, shared names, figures and calendar dates, the two leads, a linked quote
or event pair, the mutual-best margin, the gap in position, the shorter claim's length) and a
label from the gold, the way `score.py claims` judges pairs: a link when both claims are
evidence sentences of one key event, a non-link when only one side is, unlabelled (left out of
the fit and of the counts) when neither is.

Logistic regression with balanced classes, then the leave-one-event-out threshold
(`pairs.cv_figures`); the hand-set score of today (`claim_align.claim_scores` with its link and
mutual-best bonuses at `DEFAULT_MIN_SCORE`) is counted on the same pairs beside it. On the
devset: the classifier P 0.796 R 0.622 F1 0.698 held out, the rules P 0.802 R 0.748 F1 0.774.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import TextIO

import numpy as np

from coverage_app.training.pairs import (
    Counts,
    PairTable,
    count,
    devset_articles,
    event_clusters,
    fit_and_report,
)

CLASS_WEIGHT = "balanced"  # 119 links among 2,600 judged pairs on the devset

CLAIM_FAMILIES = {
    "names": ("shared_names",),
    "figures": ("shared_figure", "figures_clash"),
    "dates": ("calendar_date", "same_date"),
    "leads": ("leads",),
    "quote and event links": ("link",),
    "mutual best": ("mutual_best",),
    "position": ("position_gap",),
    "length": ("min_words",),
}


def rule_scores(
    claims_a: list[dict], claims_b: list[dict], links: list[tuple[int, int, float]]
) -> np.ndarray:
    """The hand-set claim score (`claim_align.align_claims` without a model), 0-1."""
    from coverage_app.text.claims import claim_align

    scores = claim_align.claim_scores(claims_a, claims_b)
    if not scores.size:
        return scores
    for i, j, score in links:
        scores[i, j] = min(100.0, scores[i, j] + claim_align.LINK_BONUS * score / 100.0)
    return claim_align._mutual_best(scores) / 100.0


def claim_tables(
    articles: dict[str, list[tuple[dict, dict]]],
) -> list[tuple[PairTable, np.ndarray]]:
    """(table of features and gold clusters, the hand-set scores) for every article pair of one
    event."""
    from coverage_app import comparisons
    from coverage_app.text.claims.claim_align import claim_features
    from coverage_app.text.claims.narration import claim_inputs

    out = []
    for event, group in articles.items():
        for (ga, a), (gb, b) in combinations(group, 2):
            claims_a, claims_b, links = claim_inputs(a, b, min_score=comparisons.min_score())
            shared = {e["cluster"] for e in ga["events"]} & {e["cluster"] for e in gb["events"]}
            table = PairTable(
                event,
                claim_features(claims_a, claims_b, links=links),
                [event_clusters(c["text"], ga) for c in claims_a],
                [event_clusters(c["text"], gb) for c in claims_b],
                shared,
            )
            out.append((table, rule_scores(claims_a, claims_b, links)))
    return out


def train(data_dir: Path, out: TextIO) -> None:
    """Fit the classifier on `data_dir`/devset and print its cross-validated figures beside the
    hand-set score's on the same pairs (nothing is written: see the module's note)."""
    from coverage_app.text.claims import claim_align

    pairs = claim_tables(devset_articles(data_dir))
    fit_and_report(
        [t for t, _ in pairs],
        claim_align.CLAIM_FEATURES,
        claims=True,
        name="claim pairs",
        families=CLAIM_FAMILIES,
        out=out,
        class_weight=CLASS_WEIGHT,
    )
    rules = Counts()
    for table, scores in pairs:
        rules.add(count(table, scores, claim_align.DEFAULT_MIN_SCORE / 100, claims=True))
    out.write(f"claim pairs, hand-set score at {claim_align.DEFAULT_MIN_SCORE}: {rules.line()}\n")
    out.write("claim pairs: not adopted; claim_align keeps its rules, no model is written\n")
