"""A regression floor for extraction: the eight articles in tests/fixtures/extraction_floor/.

These invented articles (wire, feature, tabloid, translated Q&A, press-release business story,
court report, live blog, opinion column) were first kept apart as a held-out estimate, but
rules have since been written with their sentences in view, so their figures no longer say how
the extractor does on text nobody tuned to (the checkset and PolNeAR dev do). They are a floor:
a change that drops them below these figures broke something. Same matching rules and figures
as `test_extraction_accuracy`.
"""

import json
from pathlib import Path

import pytest

from tests.text.test_extraction_accuracy import measure

FLOOR = Path(__file__).resolve().parents[1] / "fixtures" / "extraction_floor"


@pytest.fixture(scope="module")
def figures(nlp):
    result = measure(nlp, verbose=True, gold_dir=FLOOR)
    print()
    for key, value in result.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    return result


def test_floor_set_covers_eight_styles_and_every_gold_text_is_in_its_article():
    labels = json.loads((FLOOR / "gold.json").read_text(encoding="utf-8"))
    assert len(labels["articles"]) >= 8
    for article in labels["articles"]:
        body = (FLOOR / article["file"]).read_text(encoding="utf-8")
        for quote in article["quotes"]:
            assert quote[2] in body, quote[2]
        for scare in article["not_quotes"]:
            assert scare in body, scare


def test_floor_quote_f1_is_at_least_090(figures):
    assert figures["quote_f1"] >= 0.9


def test_floor_speaker_accuracy_is_at_least_090(figures):
    assert figures["speaker_accuracy"] >= 0.9


def test_floor_reported_speech_f1_is_at_least_080(figures):
    assert figures["reported_f1"] >= 0.8


def test_floor_scare_quotes_and_nicknames_are_not_taken_as_quotes(figures):
    assert figures["non_quotes_taken"] == 0
