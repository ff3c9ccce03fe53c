"""The fitted speaker ranker (text.quotes.speaker_ranker): the shipped model is read at run time
and chooses the speaker among the candidates, here where the rules alone name no one."""

from coverage_app.text import fitted
from coverage_app.text.extract import extract, find_quotes
from coverage_app.text.quotes import speaker_ranker


def test_the_shipped_ranker_is_a_linear_model_over_the_candidate_features():
    model = speaker_ranker.model()
    assert model is not None, "speaker_ranker.json is missing: run manage.py train_models"
    assert model.name == "speaker_ranker"
    assert "how_speech_subject" in model.features and "log_distance" in model.features
    assert 0 < model.threshold <= 1
    assert model.meta["cv"]["polnear_direct"]["n"] > 1000  # fitted on labelled data


def test_the_ranker_names_the_speaker_the_rules_leave_unnamed(nlp):
    body = (
        "Ferry owner Oskar Brandt said on Monday that the harbour plan looked sound. "
        '"We talked for an hour," the magnate told the Lisk Ledger.'
    )
    ruled = [q for q in find_quotes(nlp(body), rank=False).quotes if q["kind"] == "direct"]
    assert [q["_entity"] for q in ruled] == [None]  # the rules alone: no one is "the magnate"
    quotes = extract(nlp(body), published=None).quotes
    assert [(q["text"], q["speaker"]) for q in quotes if q["kind"] == "direct"] == [
        ("We talked for an hour", "Oskar Brandt")
    ]


def test_the_ranker_scores_candidates_with_the_shipped_weights(nlp):
    """A model that weighs nothing but being named nearest before the words gives them to the
    person named in the paragraph before, not to the one the attribution names: the weights
    decide, and the shipped ones follow the attribution."""
    body = (
        "Anja Holm runs the Lisk depot. Tomas Reiner, her boss, visited it on Friday.\n\n"
        '"The frost cracked the rails," Holm said.'
    )
    stage = find_quotes(nlp(body), rank=False)
    before = fitted.LinearModel("before", ("nearest_before",), (5.0,), -1.0, threshold=0.5)
    speaker_ranker.choose(stage.finder, stage.quotes, before)
    assert stage.quotes[0]["_entity"].name == "Tomas Reiner"
    (quote,) = extract(nlp(body), published=None).quotes
    assert quote["speaker"] == "Anja Holm"
