"""The story grouping rule, on the labelled pile in tests/fixtures/stories/ and on small cases."""

from datetime import date

import pytest

from coverage_app.text.stories.article_similarity import (
    ArticleData,
    GroupingRule,
    name_words,
    similarity_matrix,
)
from coverage_app.text.stories.grouping import (
    central_headline,
    choose_story,
    cluster,
    group_articles,
)
from coverage_app.text.stories.utterances import utterance_rows

from .grouping_piles import TUNING_PILE, load_pile, pairwise_scores


@pytest.fixture(scope="module")
def pile(nlp):
    loaded = load_pile(TUNING_PILE, nlp, label_dates=True)
    return loaded.names, loaded.articles, loaded.gold


def test_labelled_pile_is_grouped_with_pairwise_f1_of_at_least_095(pile):
    names, articles, gold = pile
    stories = group_articles(articles)
    precision, recall, f1 = pairwise_scores([s.articles for s in stories], gold)
    print(
        f"\ngrouping on {len(articles)} articles, {len(set(gold))} events: "
        f"pairwise precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}"
    )
    for story in stories:
        print(f"  {story.title!r}: {[names[i] for i in story.articles]}")
    assert sorted(i for s in stories for i in s.articles) == list(range(len(articles)))
    assert f1 >= 0.95


def test_same_people_a_week_apart_are_two_stories(pile):
    names, articles, gold = pile
    dremmen = [i for i, g in enumerate(gold) if g == "dremmen-reopens"]
    walkout = [i for i, g in enumerate(gold) if g == "grey-bay-walkout"]
    scores = similarity_matrix(articles, GroupingRule())
    assert max(scores[i, j] for i in dremmen for j in walkout) < GroupingRule().threshold


def test_an_article_joins_the_story_it_shares_most_with(pile):
    names, articles, gold = pile
    stories: dict[str, list[ArticleData]] = {}
    for article, label in zip(articles[1:], gold[1:], strict=True):
        stories.setdefault(label, []).append(article)
    key, score = choose_story(articles[0], stories)
    assert key == gold[0]
    assert score >= GroupingRule().threshold


def test_an_article_on_a_new_event_starts_its_own_story(pile):
    names, articles, gold = pile
    cup = gold.index("cup-final")
    others = {}
    for article, label in zip(articles, gold, strict=True):
        if label != "cup-final":
            others.setdefault(label, []).append(article)
    key, _ = choose_story(articles[cup], others)
    assert key is None


def test_average_linkage_does_not_chain_through_one_bridging_article():
    scores = [
        [1.0, 0.9, 0.1],
        [0.9, 1.0, 0.3],
        [0.1, 0.3, 1.0],
    ]
    import numpy as np

    assert cluster(np.array(scores), 0.25) == [[0, 1], [2]]


def test_two_tight_groups_sharing_a_little_stay_apart_while_two_loose_halves_join():
    """Between-average 0.2 either way: against within-averages of 0.6 (the same people at two
    events) the groups stay apart; against 0.3 (one event told in two sets of words) they
    join. A lone article joins on the cut alone."""
    import numpy as np

    def pile(within, between):
        scores = np.full((4, 4), between)
        scores[:2, :2] = scores[2:, 2:] = within
        np.fill_diagonal(scores, 1.0)
        return scores

    assert cluster(pile(0.6, 0.2), 0.15, cohesion=0.475) == [[0, 1], [2, 3]]
    assert cluster(pile(0.3, 0.2), 0.15, cohesion=0.475) == [[0, 1, 2, 3]]
    assert cluster(pile(0.6, 0.2), 0.15) == [[0, 1, 2, 3]]  # no cohesion test: the cut only
    lone = pile(0.6, 0.2)[1:, 1:]  # one article against a tight pair
    assert cluster(lone, 0.15, cohesion=0.475) == [[0, 1, 2]]


def test_the_rule_s_cut_and_cohesion_are_the_fitted_ones():
    import json

    from coverage_app.text.stories.article_similarity import RULE_FIT

    fit = json.loads(RULE_FIT.read_text(encoding="utf-8"))
    assert GroupingRule().threshold == fit["threshold"]
    assert GroupingRule().cohesion == fit["cohesion"]
    assert fit["cv"]["scheme"] == "leave one event out"
    assert GroupingRule(model="fitted").join_cohesion == 0.0


def test_publication_dates_far_apart_keep_identical_texts_apart():
    text = "Minister Lena Orsova met Daniel Brecht at the Dremmen crossing to discuss lorries."
    a = ArticleData(title="Talks", body=text, published=date(2024, 5, 1))
    b = ArticleData(title="Talks", body=text, published=date(2024, 5, 20))
    c = ArticleData(title="Talks", body=text, published=date(2024, 5, 2))
    groups = [g.articles for g in group_articles([a, b, c])]
    assert groups == [[0, 2], [1]]


def test_rule_overrides_are_checked_by_name():
    assert GroupingRule.from_overrides({"threshold": "0.5"}).threshold == 0.5
    with pytest.raises(ValueError, match="treshold"):
        GroupingRule.from_overrides({"treshold": 0.5})


def test_sentence_initial_capitals_are_not_names_unless_seen_mid_sentence():
    names = name_words("Officials met Orsova. Yesterday Orsova and Brecht spoke in Vellin.")
    assert {"orsova", "brecht", "vellin"} <= names
    assert "offici" not in names


def test_empty_pile_gives_no_stories_and_one_article_gives_one():
    assert group_articles([]) == []
    assert [g.articles for g in group_articles([ArticleData(body="")])] == [[0]]


def test_utterances_linked_by_the_pairwise_alignment_share_a_row_the_rest_stand_alone():
    def q(key, start=0, speaker="Tomas Varga"):
        return {"key": key, "start": start, "speaker": speaker}

    rows = utterance_rows(
        {"a": [q(1), q(2, 50, "Holm")], "b": [q(3)], "c": [q(4, 0, "Petra Holm")]},
        [(1, 3)],  # the only pair the stored comparisons aligned
    )
    cells = [row.cells for row in rows]
    assert cells[0] == {"a": 1, "b": 3}  # the most reported first
    assert {"c": 4} in cells and {"a": 2} in cells
    assert len(rows) == 3


def test_pile_is_still_grouped_when_no_publication_date_is_known(pile):
    """Dates help, but the content alone must separate the events (real pages lose dates)."""
    from dataclasses import replace

    names, articles, gold = pile
    undated = [replace(a, published=None) for a in articles]
    precision, recall, f1 = pairwise_scores([s.articles for s in group_articles(undated)], gold)
    print(f"\nwithout dates: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}")
    assert f1 >= 0.95


def test_regroup_clusters_free_articles_and_joins_them_to_a_fixed_group_they_resemble(pile):
    from coverage_app.text.stories.grouping import regroup

    names, articles, gold = pile
    dremmen = [i for i, g in enumerate(gold) if g == "dremmen-reopens"]
    fixed = {"placed": dremmen[:1], "odd": [gold.index("cup-final")]}
    results = regroup(articles, fixed, GroupingRule())
    assert sorted(i for r in results for i in r.articles) == [
        i for i in range(len(articles)) if i not in (dremmen[0], gold.index("cup-final"))
    ]
    joined = {r.joins: r.articles for r in results if r.joins}
    assert joined == {"placed": dremmen[1:]}
    assert all(r.title for r in results)


def test_an_utterance_one_outlet_split_in_two_quotes_takes_one_row():
    def q(key, start=0, speaker="Anneke Voss"):
        return {"key": key, "start": start, "speaker": speaker}

    rows = utterance_rows(
        {
            "wire": [q(1)],
            "herald": [q(3, 80), q(2, 10)],
            "radio": [q(4, 0, "Pieter Lund")],
        },
        [(1, 2), (1, 3)],  # the wire's whole quote aligned with both of the herald's halves
    )
    assert len(rows) == 2
    voss = next(row for row in rows if "wire" in row.cells)
    assert voss.cells["herald"] == 2 and voss.parts["herald"] == [3]  # reading order


BRIDGE = (
    "The Harlow county council closed the Tamsin bridge on Monday for repairs to its cracked "
    "deck. Engineers expect the bridge to reopen in March; buses will divert through Wend."
)


def test_the_central_headline_is_the_one_in_the_words_the_other_outlets_use():
    headlines = [
        "Council's bridge fiasco strands furious commuters",
        "Tamsin bridge closed for repairs until March",
        "Council closes cracked Tamsin bridge for repairs",
    ]
    texts = [f"{h}\n{BRIDGE}" for h in headlines]
    assert central_headline(headlines, texts) == 1
    assert central_headline(headlines[:1] + headlines[2:], texts[:1] + texts[2:]) == 1


def test_an_opening_sentence_standing_in_beats_a_loaded_headline_but_loses_a_tie():
    opening = "The Harlow county council closed the Tamsin bridge on Monday for repairs to its…"
    loaded = "Bungling council wrecks town with bridge shutdown"
    texts = [BRIDGE, f"{loaded}\n{BRIDGE}"]
    assert central_headline([opening, loaded], texts, preferred=[False, True]) == 0
    same = "Tamsin bridge closed for repairs"
    assert central_headline([same, same], [BRIDGE, BRIDGE], preferred=[False, True]) == 1
