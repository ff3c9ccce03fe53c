"""Extraction accuracy on the held-out set in tests/fixtures/extraction_heldout/.

These eight articles (wire, feature, tabloid, translated Q&A, press-release business story,
court report, live blog, opinion column) were written and labelled before any change made
for them, and are never used to tune rules for their own sentences: they estimate how the
extractor does on kinds of article the tuning set lacks. Same matching rules and figures as
`test_extraction_accuracy`; the floors are lower than the tuning set's because this set is
the honest estimate.
"""

import json
from pathlib import Path

import pytest

from tests.text.test_extraction_accuracy import measure

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "extraction_heldout"


@pytest.fixture(scope="module")
def figures(nlp):
    result = measure(nlp, verbose=True, gold_dir=HELDOUT)
    print()
    for key, value in result.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    return result


def test_heldout_set_covers_eight_styles_and_every_gold_text_is_in_its_article():
    labels = json.loads((HELDOUT / "gold.json").read_text(encoding="utf-8"))
    assert len(labels["articles"]) >= 8
    for article in labels["articles"]:
        body = (HELDOUT / article["file"]).read_text(encoding="utf-8")
        for quote in article["quotes"]:
            assert quote[2] in body, quote[2]
        for scare in article["not_quotes"]:
            assert scare in body, scare


def test_heldout_quote_f1_is_at_least_090(figures):
    assert figures["quote_f1"] >= 0.9


def test_heldout_speaker_accuracy_is_at_least_090(figures):
    assert figures["speaker_accuracy"] >= 0.9


def test_heldout_reported_speech_f1_is_at_least_080(figures):
    assert figures["reported_f1"] >= 0.8


def test_heldout_scare_quotes_and_nicknames_are_not_taken_as_quotes(figures):
    assert figures["non_quotes_taken"] == 0
