"""The fitted pair classifiers (quote pairs, claim pairs) and the event-pair calibration drive
the alignment scores.

Invented text only. Each test compares a reworded report of one remark (or statement) with
another remark on the same topic: the shipped model must put the first above the pages'
default threshold and the second below it.
"""

import math

import numpy as np
import pytest

from coverage_app.text import fitted
from coverage_app.text.align import scoring
from coverage_app.text.align.aligner import DEFAULT_MIN_SCORE, align_events, align_quotes


def quote(text, speaker=None, kind="direct", sentence=""):
    return {"text": text, "speaker": speaker, "kind": kind, "sentence": sentence}


def by_hand(model: fitted.LinearModel, features: dict, i: int, j: int, at: float) -> float:
    """The model's score of one pair, worked out from its JSON weights without numpy."""
    z = model.intercept + sum(
        c * float(features[name][i, j]) for name, c in zip(model.features, model.coef, strict=True)
    )
    p = 1.0 / (1.0 + math.exp(-z))
    t = model.threshold
    return at * p / t if p < t else at + (100 - at) * (p - t) / (1 - t)


LEFT = [
    quote(
        "We will reopen the northern ferry line before the winter storms arrive",
        "Vera Kallas",
    ),
]
RIGHT = [
    # The same remark, reworded by the other outlet.
    quote("the northern ferry route would reopen ahead of the winter storms", "Kallas", "indirect",
          "Kallas said the northern ferry route would reopen ahead of the winter storms."),
    # Another remark of the same speaker on the same topic.
    quote("The ferry company has not paid its harbour fees for two winters", "Vera Kallas"),
]  # fmt: skip


def test_quote_scores_are_the_shipped_classifier_and_its_threshold_is_the_default():
    model = scoring.pair_model()
    assert model.features == scoring.QUOTE_FEATURES
    assert 0.0 < model.threshold < 1.0
    assert model.meta["cv"]["method"] == "leave-one-event-out"
    assert DEFAULT_MIN_SCORE == scoring.SCORE_AT_THRESHOLD
    features = scoring.quote_features(LEFT, RIGHT)
    scores = scoring.quote_scores(LEFT, RIGHT)
    for j in range(len(RIGHT)):
        assert abs(scores[0, j] - by_hand(model, features, 0, j, DEFAULT_MIN_SCORE)) < 1e-6


def test_reworded_remark_pairs_and_same_topic_remark_does_not():
    scores = scoring.quote_scores(LEFT, RIGHT)
    assert scores[0, 0] >= DEFAULT_MIN_SCORE > scores[0, 1]
    result = align_quotes(LEFT, RIGHT)
    assert [(p.a, p.b) for p in result.pairs] == [(0, 0)]
    assert result.only_b == [1]


def test_event_pair_scores_are_the_rule_calibrated_to_its_fitted_threshold():
    model = scoring.event_model()
    assert model.features == ("rule",) and model.meta["cv"]["method"] == "leave-one-event-out"
    # The rule's score at which the fitted probability reaches its threshold lands on the
    # pages' default threshold; the mapping keeps the rule's order, 0 and 100 stay.
    logit = math.log(model.threshold / (1 - model.threshold))
    at = 100.0 * (logit - model.intercept) / model.coef[0]
    rule = np.array([[0.0, at - 5, at, at + 5, 100.0]])
    shown = scoring.calibrated_event_scores(rule)
    assert shown[0, 2] == pytest.approx(DEFAULT_MIN_SCORE, abs=1e-6)
    assert shown[0, 0] < shown[0, 1] < DEFAULT_MIN_SCORE < shown[0, 3] < shown[0, 4]


def test_a_reworded_event_pair_passes_and_another_happening_does_not():
    left = [{"text": "Police arrested 40 dockers outside the Velmar terminal on Friday night.",
             "actor": "Police", "action": "arrest", "participants": ["dockers"]}]  # fmt: skip
    right = [
        {"text": "Officers detained forty dockers outside the Velmar terminal on Friday night.",
         "actor": "Officers", "action": "detain", "participants": ["dockers"]},
        {"text": "Bakeries in the old town ran out of bread by noon on Friday.",
         "actor": "Bakeries", "action": "run out", "participants": ["bread"]},
    ]  # fmt: skip
    pairs = align_events(left, right).pairs
    assert [(p.a, p.b) for p in pairs] == [(0, 0)]
    assert pairs[0].score >= DEFAULT_MIN_SCORE
