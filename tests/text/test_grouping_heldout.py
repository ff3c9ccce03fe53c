"""The grouping rule on a pile it was not tuned on (tests/fixtures/stories_heldout/).

Articles are read as the `group` command reads files: only the dates cleaning finds.
"""

import pytest

from coverage_app.text.stories.article_similarity import (
    ArticleData,
    GroupingRule,
    similarity_matrix,
    strip_credits,
)
from coverage_app.text.stories.grouping import group_articles

from .grouping_piles import HELDOUT_PILE, TUNING_PILE, load_pile, pairwise_scores


@pytest.fixture(scope="module")
def heldout(nlp):
    return load_pile(HELDOUT_PILE, nlp, label_dates=False)


def _report(label, pile, stories):
    precision, recall, f1 = pairwise_scores([s.articles for s in stories], pile.gold)
    print(
        f"\n{label}: {len(pile.articles)} articles, {len(set(pile.gold))} events: "
        f"pairwise precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}"
    )
    for story in stories:
        members = [f"{pile.names[i][:3]}:{pile.gold[i]}" for i in story.articles]
        print(f"  {story.title[:60]!r}: {members}")
    return f1


def test_heldout_pile_is_grouped_with_pairwise_f1_of_at_least_095(heldout):
    stories = group_articles(heldout.articles)
    f1 = _report("held-out pile", heldout, stories)
    assert sorted(i for s in stories for i in s.articles) == list(range(len(heldout.articles)))
    assert f1 >= 0.95


def test_tuning_pile_read_like_the_command_keeps_f1_of_at_least_095(nlp):
    pile = load_pile(TUNING_PILE, nlp, label_dates=False)
    f1 = _report("tuning pile, dates from the text only", pile, group_articles(pile.articles))
    assert f1 >= 0.95


def _index(pile, prefix):
    return next(i for i, name in enumerate(pile.names) if name.startswith(prefix))


def test_undated_wire_copy_is_dated_by_its_coverage_and_kept_from_the_blockade(heldout):
    """h15 lost its date; it is like both the fishing deal and the blockade six days later."""
    scores = similarity_matrix(heldout.articles, GroupingRule())
    undated = _index(heldout, "h15")
    assert heldout.articles[undated].published is None
    blockade = [i for i, g in enumerate(heldout.gold) if g == "port-galen-blockade"]
    deal = [i for i, g in enumerate(heldout.gold) if g == "galen-fishing-deal" and i != undated]
    assert max(scores[undated, i] for i in blockade) < GroupingRule().threshold
    assert min(scores[undated, i] for i in deal) >= GroupingRule().threshold


def test_same_minister_on_another_event_four_days_later_is_another_story(heldout):
    stories = group_articles(heldout.articles)
    dam = {i for i, g in enumerate(heldout.gold) if g == "holloway-dam"}
    police = {i for i, g in enumerate(heldout.gold) if g == "police-bill"}
    assert all(not (set(s.articles) & dam and set(s.articles) & police) for s in stories)


def test_wire_credits_and_outlet_names_do_not_make_two_events_alike():
    credit = "(Reporting by Ola Brandt; Editing by Tom Hale)"
    a = ArticleData(
        title="Dam wall fails",
        body=f"The Holloway dam failed, Meridian Wire was told.\n\n{credit}",
        outlet="Meridian Wire",
    )
    b = ArticleData(
        title="Police bill presented",
        body=f"Anneke Voss presented a police bill to Meridian Wire readers.\n\n{credit}",
        outlet="Meridian Wire",
    )
    assert "Brandt" not in strip_credits(a.body)
    assert similarity_matrix([a, b], GroupingRule())[0, 1] == 0.0


def test_a_name_every_article_carries_counts_less_than_a_rare_one():
    def article(extra):
        return ArticleData(body=f"Officials in Teskara met on Monday. They spoke of {extra}.")

    pile = [article("Halina Frey"), article("Halina Frey"), article("rain"), article("wind")]
    scores = similarity_matrix(pile, GroupingRule())
    assert scores[0, 1] > scores[2, 3] + 0.2
