"""Which articles cover the same event: average-linkage clustering of their pairwise
similarity (`article_similarity`), a title for each story, and where a new article belongs.

Pure: takes articles as plain data (`ArticleData`) and returns plain data. Nothing here knows
about Django; `coverage_app.stories` and the `group` command build `ArticleData` and read
`GroupingRule` overrides from `settings.PARALLAX_GROUPING`. The rule and its thresholds are
described in `article_similarity`.

Clustering is average linkage over 1 - score (scipy), cut at 1 - `rule.cut` (the rule's
`threshold`, or a fitted model's own): two groups join only when their articles are similar
*on average*, which guards against chaining (A~B, B~C, A≁C). Two groups of two or more
articles must also be alike between them relative to how alike each is within (`rule.cohesion`
of the looser group's own average): the same people at two events a week apart make two tight
groups that share a little, while the coverage of one event told in two sets of words makes two
looser halves that share as much. An article joins an existing story by the same rule: its
average score against the story's articles must reach the cut (`choose_story`). The cut and the
cohesion are fitted (`article_similarity`, `grouping_rule.json`).

Lining up one story's quotes across its articles (the story matrix) is `utterances`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform

from coverage_app.text.stories.article_similarity import (
    ArticleData,
    GroupingRule,
    content_words,
    first_words,
    similarity_matrix,
)


@dataclass
class StoryGroup:
    """A story found in a pile: indexes into the input list, and a title for it."""

    title: str
    articles: list[int] = field(default_factory=list)


# --- clustering ------------------------------------------------------------------------------


def cluster(scores: np.ndarray, threshold: float, cohesion: float = 0.0) -> list[list[int]]:
    """Average-linkage groups of indexes whose mean pairwise score reaches `threshold`.

    With `cohesion`, two groups of two or more articles each join only when their mean score
    between also reaches `cohesion` times the looser group's own mean pairwise score: two
    tight groups that share a little (the same people at two events) stay apart, while a
    lone article (no cohesion of its own) joins a group on `threshold` alone. A refused join
    ends that branch of the tree: nothing above it joins either.

    Groups come in order of their first member; members in input order.
    """
    n = scores.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    distances = 1.0 - (scores + scores.T) / 2
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(np.clip(distances, 0, 1), checks=False), method="average")
    members: list[list[int]] = [[i] for i in range(n)]
    pair_sums = [0.0] * n  # sum of the scores within each node
    joined = [True] * n  # whether each node is one story
    for left, right, distance, _ in tree:
        x, y = int(left), int(right)
        a, b = members[x], members[y]
        between = 1.0 - distance
        ok = joined[x] and joined[y] and between >= threshold - 1e-9
        if ok and cohesion and len(a) > 1 and len(b) > 1:
            looser = min(_mean_within(pair_sums[x], len(a)), _mean_within(pair_sums[y], len(b)))
            ok = between >= cohesion * looser - 1e-9
        members.append(a + b)
        pair_sums.append(pair_sums[x] + pair_sums[y] + between * len(a) * len(b))
        joined.append(ok)
    groups, placed = [], set()
    for node in range(len(members) - 1, -1, -1):
        if joined[node] and placed.isdisjoint(members[node]):
            groups.append(sorted(members[node]))
            placed.update(members[node])
    return sorted(groups, key=lambda group: group[0])


def _mean_within(pair_sum: float, size: int) -> float:
    return pair_sum / (size * (size - 1) / 2)


def cohesive(scores: np.ndarray, a: Sequence[int], b: Sequence[int], cohesion: float) -> bool:
    """Whether groups `a` and `b` pass `cluster`'s cohesion test: true for a lone article;
    else their mean score between reaches `cohesion` times the looser one's mean within."""
    if not cohesion or len(a) < 2 or len(b) < 2:
        return True
    symmetric = (scores + scores.T) / 2

    def within(group):
        sub = symmetric[np.ix_(group, group)]
        return (sub.sum() - np.trace(sub)) / (len(group) * (len(group) - 1))

    between = float(symmetric[np.ix_(a, b)].mean())
    return between >= cohesion * min(within(list(a)), within(list(b))) - 1e-9


# How much of each other article a headline is measured against: its title and opening.
HEADLINE_CONTEXT_WORDS = 80
# A headline of fewer content words counts as this many (a dateline or a two-word fragment
# is not a better name for sharing all of its few words).
HEADLINE_MIN_WORDS = 4


def central_headline(
    headlines: Sequence[str], texts: Sequence[str], *, preferred: Sequence[bool] | None = None
) -> int:
    """The index of the headline most like the other articles of one story.

    A headline scores the share of its content words that each *other* article's text (its
    title and opening, `texts[j]`) also uses, averaged over the others. A headline in the
    words every outlet uses wins over one only its own outlet would write: a loaded or
    opinionated headline brings words the others do not. Ties go to a `preferred` headline
    (say, a real one over an opening sentence standing in), then to the first.
    """
    count = len(headlines)
    if count <= 1:
        return 0
    heads = [set(content_words(h)) for h in headlines]
    bodies = [set(content_words(first_words(t, HEADLINE_CONTEXT_WORDS))) for t in texts]

    def centrality(i: int) -> float:
        shared = sum(len(heads[i] & bodies[j]) for j in range(count) if j != i)
        return round(shared / (count - 1) / max(len(heads[i]), HEADLINE_MIN_WORDS), 9)

    preferred = preferred or [True] * count
    return max(range(count), key=lambda i: (centrality(i), preferred[i], -i))


def _central_title(members: list[int], articles: Sequence[ArticleData], scores) -> str:
    titled = [i for i in members if articles[i].title.strip()]
    if not titled:
        body = articles[members[0]].body.strip()
        return first_words(body, 12) if body else "Untitled story"
    best = central_headline(
        [articles[i].title for i in titled],
        [f"{articles[i].title}\n{articles[i].body}" for i in titled],
    )
    return articles[titled[best]].title.strip()


def group_articles(
    articles: Sequence[ArticleData], rule: GroupingRule | None = None
) -> list[StoryGroup]:
    """Split a pile into stories; every index appears in exactly one group."""
    rule = rule or GroupingRule()
    scores = similarity_matrix(articles, rule)
    return [
        StoryGroup(title=_central_title(members, articles, scores), articles=members)
        for members in cluster(scores, rule.cut, rule.join_cohesion)
    ]


def choose_story(
    article: ArticleData,
    stories: Mapping[Hashable, Sequence[ArticleData]],
    rule: GroupingRule | None = None,
) -> tuple[Hashable | None, float]:
    """The story `article` belongs to (average score >= threshold), or None, and that score."""
    rule = rule or GroupingRule()
    keys, members = [], []
    for key, story_articles in stories.items():
        for member in story_articles:
            keys.append(key)
            members.append(member)
    if not members:
        return None, 0.0
    scores = similarity_matrix([article, *members], rule)[0, 1:]
    totals: dict[Hashable, list[float]] = {}
    for key, score in zip(keys, scores, strict=True):
        totals.setdefault(key, []).append(float(score))
    best_key, best = max(
        ((key, sum(values) / len(values)) for key, values in totals.items()),
        key=lambda item: item[1],
    )
    if best >= rule.cut:
        return best_key, best
    return None, best


@dataclass
class Regrouped:
    """One group of free articles after a regroup, and the fixed group it joined (or None)."""

    articles: list[int]
    joins: Hashable | None
    title: str


def regroup(
    articles: Sequence[ArticleData],
    fixed: Mapping[Hashable, Sequence[int]],
    rule: GroupingRule | None = None,
) -> list[Regrouped]:
    """Cluster again every article not in `fixed`, by the same rule as `group_articles`.

    `fixed` maps a key to indexes into `articles` that a person placed: they never move.
    Free articles are clustered among themselves; a resulting group then joins the fixed
    group it is most similar to on average when that reaches `threshold` (as `choose_story`
    does for one article) and passes the cohesion test of `cluster` (`cohesive`). Every free
    index is in exactly one result.
    """
    rule = rule or GroupingRule()
    pinned = {i for members in fixed.values() for i in members}
    free = [i for i in range(len(articles)) if i not in pinned]
    if not free:
        return []
    scores = similarity_matrix(articles, rule)
    sub = scores[np.ix_(free, free)]
    results = []
    for members in cluster(sub, rule.cut, rule.join_cohesion):
        indexes = [free[m] for m in members]
        best_key, best = None, rule.cut
        for key, fixed_members in fixed.items():
            if not fixed_members:
                continue
            placed = list(fixed_members)
            average = float(scores[np.ix_(indexes, placed)].mean())
            if average >= best and cohesive(scores, indexes, placed, rule.join_cohesion):
                best_key, best = key, average
        title = _central_title(members, [articles[i] for i in free], sub)
        results.append(Regrouped(articles=indexes, joins=best_key, title=title))
    return results
