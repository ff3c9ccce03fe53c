"""The fitted pair classifiers (quote pairs, claim pairs) drive the alignment scores.

Invented text only. Each test compares a reworded report of one remark (or statement) with
another remark on the same topic: the shipped model must put the first above the pages'
default threshold and the second below it.
"""

import math

from coverage_app.text import fitted
from coverage_app.text.align import scoring
from coverage_app.text.align.aligner import DEFAULT_MIN_SCORE, align_quotes


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
