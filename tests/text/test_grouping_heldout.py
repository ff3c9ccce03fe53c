"""The grouping rule on a pile it was not tuned on (tests/fixtures/stories_heldout/).

Articles are read as the `group` command reads files: only the dates cleaning finds.
"""

import pytest

from coverage_app.text.grouping import group_articles

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
