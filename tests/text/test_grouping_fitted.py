"""The fitted grouping pair model (`GroupingRule(model="fitted")`, trained by
`manage.py train_models --only grouping`) on a small invented pile."""

import json
from datetime import date

import pytest

from coverage_app.text.stories.article_similarity import (
    MODELS,
    PAIR_FEATURES,
    ArticleData,
    GroupingRule,
    fitted_model,
    similarity_matrix,
)
from coverage_app.text.stories.grouping import group_articles

FITTED = GroupingRule(model="fitted")

FERRY_WIRE = ArticleData(
    title="Harrowmere ferry route reopens after eleven weeks",
    body=(
        "HARROWMERE - The Harrowmere to Oskel Point ferry sailed again on Tuesday, eleven "
        "weeks after the pier at Oskel Point was closed for repairs, transport minister Ilse "
        "Varnak said. The first crossing carried 214 passengers and 38 lorries. "
        '"The islands are connected again, and the repairs came in under budget," Varnak '
        "told reporters on the quay. The operator, Tollan Lines, said two sailings a day "
        "would run until the summer timetable starts in May."
    ),
    published=date(2025, 3, 4),
    outlet="Meadow Wire",
    speakers=["Ilse Varnak"],
    quotes=["The islands are connected again, and the repairs came in under budget"],
)
# The same event rewritten by another outlet: another headline, other words, same facts.
FERRY_REWRITE = ArticleData(
    title="Islanders cheer as boats return to Oskel Point",
    body=(
        "Crowds gathered at the Oskel Point pier as the first Tollan Lines ferry from "
        "Harrowmere docked on Tuesday, ending an eleven-week closure. Minister Ilse Varnak, "
        "who travelled on the crossing with 214 other passengers, said the islands were "
        "connected again. Shopkeepers on Oskel Point said supplies had run short since the "
        "pier was shut."
    ),
    published=date(2025, 3, 4),
    outlet="Kestrel Evening News",
    speakers=["Ilse Varnak"],
)
# A trimmed copy a day later.
FERRY_TRIMMED = ArticleData(
    title="Oskel Point ferry back",
    body=(
        "The Harrowmere to Oskel Point ferry resumed on Tuesday after eleven weeks, with 214 "
        "passengers and 38 lorries on the first crossing, minister Ilse Varnak said."
    ),
    published=date(2025, 3, 5),
    outlet="Brightwater Gazette",
)
# The same minister on another event, six days later: not the same story.
HOSPITAL = ArticleData(
    title="Varnak pledges funds for Harrowmere hospital wing",
    body=(
        "Transport minister Ilse Varnak pledged money on Monday for a new wing at Harrowmere "
        "General Hospital, where patients from the islands wait longest. "
        '"No one on the islands should wait twice as long for a scan," Varnak said at the '
        "hospital. The wing would add 40 beds by next spring, the health board said."
    ),
    published=date(2025, 3, 10),
    outlet="Meadow Wire",
    speakers=["Ilse Varnak"],
    quotes=["No one on the islands should wait twice as long for a scan"],
)
HOSPITAL_COPY = ArticleData(
    title="New hospital wing promised for Harrowmere",
    body=(
        "A new wing with 40 beds is to be built at Harrowmere General Hospital, minister Ilse "
        "Varnak said on Monday, promising that island patients would no longer wait twice as "
        "long for a scan. The health board welcomed the pledge."
    ),
    published=date(2025, 3, 10),
    outlet="Kestrel Evening News",
    speakers=["Ilse Varnak"],
)
CUP = ArticleData(
    title="Oskel Rovers win the island cup on penalties",
    body=(
        "Oskel Rovers beat Farrow Athletic on penalties on Tuesday to lift the island cup for "
        "the first time in nine years. Goalkeeper Mattis Brenn saved two kicks."
    ),
    published=date(2025, 3, 4),
    outlet="Brightwater Gazette",
)

PILE = [FERRY_WIRE, HOSPITAL, FERRY_REWRITE, CUP, FERRY_TRIMMED, HOSPITAL_COPY]


def test_shipped_model_reads_the_features_the_rule_computes():
    data = json.loads(MODELS["fitted"].read_text(encoding="utf-8"))
    model = fitted_model("fitted")
    assert model.features == PAIR_FEATURES
    assert len(model.coef) == len(PAIR_FEATURES)
    assert 0.0 < model.threshold < 1.0 and FITTED.cut == model.threshold
    assert data["cv"]["scheme"] == "leave one event out"


def test_fitted_model_groups_a_rewrite_and_a_trimmed_copy_and_keeps_the_ministers_other_event():
    stories = [g.articles for g in group_articles(PILE, FITTED)]
    assert stories == [[0, 2, 4], [1, 5], [3]]


def test_fitted_scores_fall_on_either_side_of_the_fitted_cut():
    scores = similarity_matrix(PILE, FITTED)
    ferry, hospital = [0, 2, 4], [1, 5]
    assert min(scores[i, j] for i in ferry for j in ferry) >= FITTED.cut
    assert scores[1, 5] >= FITTED.cut
    assert max(scores[i, j] for i in ferry for j in hospital) < FITTED.cut
    assert max(scores[3, j] for j in ferry + hospital) < FITTED.cut


def test_publication_dates_a_week_apart_lower_the_fitted_score_of_identical_texts():
    near = ArticleData(title=FERRY_WIRE.title, body=FERRY_WIRE.body, published=date(2025, 3, 5))
    far = ArticleData(title=FERRY_WIRE.title, body=FERRY_WIRE.body, published=date(2025, 3, 14))
    scores = similarity_matrix([FERRY_WIRE, near, far, CUP], FITTED)
    assert scores[0, 1] >= FITTED.cut
    assert scores[0, 2] < scores[0, 1]


def test_unknown_model_name_is_refused():
    with pytest.raises(ValueError, match="grouping model"):
        similarity_matrix([FERRY_WIRE, CUP], GroupingRule(model="tuned-by-hand"))
