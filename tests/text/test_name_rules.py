"""The one name matcher (`text.people.name_match`) under the three named rules."""

from coverage_app.text.people.name_match import (
    ACROSS_ARTICLES,
    ALIGNED_SPEAKERS,
    WITHIN_ARTICLE,
    first_same_surname,
    given_names_agree,
    name_similarity,
    same_person,
    same_surname,
)


def test_a_short_surname_is_matched_fuzzily_only_across_articles():
    assert same_surname("vedo", "veddo", ACROSS_ARTICLES)
    assert not same_surname("vedo", "veddo", WITHIN_ARTICLE)  # under five letters: exact only
    assert same_surname("kovalensky", "kovalenskyy", WITHIN_ARTICLE)


def test_an_initial_stands_for_a_given_name_under_every_rule():
    for rule in (WITHIN_ARTICLE, ACROSS_ARTICLES, ALIGNED_SPEAKERS):
        assert same_person(["m", "orlenko"], ["marta", "orlenko"], rule)
        assert not same_person(["j", "orlenko"], ["marta", "orlenko"], rule)


def test_the_alignment_compares_the_given_name_before_the_surname():
    # A title kept in the key is not a given name there; across articles the first word counts.
    left, right = ["interior", "minister", "petra"], ["petra"]
    assert given_names_agree(left, right, ALIGNED_SPEAKERS)
    assert not given_names_agree(left, right, ACROSS_ARTICLES)
    assert name_similarity("interior minister petra holm", "petra holm") == 95.0
    assert name_similarity("petra holm", "gustav holm") == 40.0


def test_one_first_letter_is_enough_except_in_the_alignment():
    assert given_names_agree(["anna"], ["andrei"], ACROSS_ARTICLES)
    assert not given_names_agree(["anna"], ["andrei"], ALIGNED_SPEAKERS)


def test_first_same_surname_is_same_surname_over_a_list_in_order():
    known = ["ostrander", "vedo", "vellakorr", "velakor", "pellegrin"]
    for key in ("velakorr", "vedo", "veddo", "ostrandr", "holm", "pellegrino", "tarnov"):
        for rule in (WITHIN_ARTICLE, ACROSS_ARTICLES):
            expected = next((k for k in known if same_surname(key, k, rule)), None)
            assert first_same_surname(key, known, rule) == expected
    assert first_same_surname("velakorr", known, WITHIN_ARTICLE) == "vellakorr"
    assert first_same_surname("veddo", known, WITHIN_ARTICLE) is None  # short: exact only
    assert first_same_surname("veddo", known, ACROSS_ARTICLES) == "vedo"
    assert first_same_surname("velakorr", [], WITHIN_ARTICLE) is None
