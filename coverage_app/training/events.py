"""The event-pair calibration, fitted on the devset's key events (shipped as
`text/align/event_model.json`, read by `scoring.calibrated_event_scores`).

Every article pair of one devset event is extracted and aligned the way `manage.py compare`
does it, and each candidate event pair gets the rule's score (`narration.event_rule_scores`:
the events' own score raised where their sentences are a strong claim pair) and a label from
the gold: a link when both events' sentences are evidence of one key event, a non-link when only
one side is, unlabelled when neither is (the way `score.py events` judges pairs).

One feature, so the fit is a calibration: a logistic over the rule's score, then a
**leave-one-event-out** threshold (`pairs.cv_figures`: each event's pairs scored by a fit on
the other events, the one-to-one assignment made at every candidate threshold, the pooled F1 of
the held-out events). The shipped model maps its threshold onto the pages' default threshold,
so an event pair passes it when the rule's score passes the fitted threshold.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import TextIO

import numpy as np

from coverage_app.training.pairs import PairTable, devset_articles, event_clusters, fit_and_report

FEATURES = ("rule",)  # the rule's event-pair score, 0-1


def event_tables(articles: dict[str, list[tuple[dict, dict]]]) -> list[PairTable]:
    from coverage_app import comparisons
    from coverage_app.text.claims.narration import event_rule_scores

    tables = []
    for event, group in articles.items():
        for (ga, a), (gb, b) in combinations(group, 2):
            rule = event_rule_scores(a, b, min_score=comparisons.min_score())
            shared = {e["cluster"] for e in ga["events"]} & {e["cluster"] for e in gb["events"]}
            tables.append(
                PairTable(
                    event,
                    {"rule": np.asarray(rule, dtype=np.float64) / 100.0},
                    [event_clusters(e["text"], ga) for e in a["events"]],
                    [event_clusters(e["text"], gb) for e in b["events"]],
                    shared,
                )
            )
    return tables


def train(data_dir: Path, out: TextIO, *, write: bool = True) -> None:
    """Fit the calibration on `data_dir`/devset, print its cross-validated figures and write
    it beside the code that reads it."""
    from coverage_app.text import fitted
    from coverage_app.text.align import scoring

    model = fit_and_report(
        event_tables(devset_articles(data_dir)),
        FEATURES,
        claims=True,
        name="event pairs",
        families={},
        out=out,
    )
    if write:
        scoring.EVENT_MODEL.write_text(model.to_json(), encoding="utf-8")
        fitted.load.cache_clear()
        out.write(f"wrote {scoring.EVENT_MODEL}\n")
