"""How alike two articles are, for grouping them into stories: the pairwise score in [0, 1].

Pure: takes articles as plain data (`ArticleData`) and returns plain data. `GroupingRule`
holds the thresholds (`coverage_app.stories` and the `group` command read overrides from
`settings.PARALLAX_GROUPING`); `grouping` clusters on these scores.

The rule
--------
For every pair of articles a and b a similarity in [0, 1] is computed from what they share:

    content  = text_weight    * cos(tfidf(a), tfidf(b))      title (once: weak evidence, outlets
                                                             word headlines their own way) + the
                                                             first `body_words` words
             + names_weight   * idf-weighted cosine of the   capitalised names, entities, places
                                two sets of names
             + quotes_weight  * min(1, aligned_quotes / 2)   quotes of >= `quote_min_words` words
                                                             scoring >= `quote_min_score`
                                                             (rapidfuzz token_set_ratio)
             + speakers_weight * jaccard(speaker surnames)
                               * min(1, cos / speakers_need_text)   the same people speak at
                                                             many events: only with agreeing words
    score    = content * date_factor * event_factor

* Words are lower-cased, stop words and newsroom filler ("said", weekdays, "share") dropped,
  and cut to their first 6 letters (a crude stemmer: Arvenia/Arvenian, negotiate/negotiations).
  Weights are inverse document frequencies over the articles being grouped, so a name every
  article carries (the country) counts for little and a rare shared name or number for a lot.
* Bylines and wire credits ("(Reporting by X; Editing by Y)") are dropped, and so are the
  words of the pile's outlet names ("told Radio Fenwick"): they name the newsroom, not the
  event, and one wire's staff sign stories on every subject.
* `date_factor` is 1 when the publication dates are at most `date_window_days` apart (or one
  is unknown), falls linearly to 0 at `date_cutoff_days`: two events with the same people a
  week apart do not merge however alike their words are. An undated article first takes the
  date of the dated article whose content it is most like, when that reaches `threshold`
  (`infer_dates`), so a page that lost its date is kept apart from a similar event a week
  away just as its closest coverage is.
* `event_factor`: when both articles carry resolved event dates and none of a's lies within
  `event_date_tolerance_days` (3) of one of b's, the score is multiplied by
  `event_date_mismatch` (0.6). The tolerance is wide because weekday names are resolved
  against the publication date and a day or two off is common.

Defaults were first set on the labelled pile in tests/fixtures/stories/ (five events, shared
names between them, same people a week apart), then checked on the held-out pile in
tests/fixtures/stories_heldout/ (written afterwards: same-day events in one country, the same
minister on another event days later, wire copies, an opinion piece, undated pages), which
moved the title to one copy, names to a cosine, credits out, dates inferred and the cut from
0.20 to 0.16 (both piles group with pairwise F1 1.0 from 0.15 to 0.17).

The cut (`threshold`) and the clustering's `cohesion` (`grouping.cluster`) are no longer set
by hand: `manage.py train_models --only grouping_rule` (`coverage_app.training.grouping_rule`)
chooses them on the devset and both fixture piles, each read with its dates, with labelled
dates and with none, whole and without each event, as the middle of the region of best mean
pairwise F1, and writes them to `grouping_rule.json`, which the defaults read. A cut alone
could not serve both undated piles: two events with the same people a week apart share 0.15
on average once their dates are gone, as much as the two halves of one event told in other
words; the cohesion test tells them apart (each event is far tighter within than between).

The fitted alternative (issue 18)
--------------------------------
`GroupingRule(model="fitted")` (or PARALLAX_GROUPING='{"model": "fitted"}') replaces the
hand-set weighted sum and date factors by a logistic model over `pair_features` (the same
evidence, plus containment of the shorter text in the longer, nearness relative to each
article's nearest neighbour, and the dates as features), shipped in `grouping_model.json`
and fitted by `manage.py train_models --only grouping` (`coverage_app.training.grouping`)
on the devset and the grouping fixtures, its threshold chosen by leave-one-event-out
cross-validation. The score is then that probability and the cut the model's threshold
(`GroupingRule.cut`). It is not the default: on the check set it groups no better than the
rule (pair F1 0.889 both), so the rule stays.

The newsroom filler list is in `grouping_words`.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from coverage_app.text import fitted
from coverage_app.text.stories.grouping_words import FILLER

# Fitted pair models by name, shipped beside this module (`manage.py train_models`).
MODELS = {"fitted": Path(__file__).with_name("grouping_model.json")}
# The cut and cohesion of the clustering, chosen on labelled piles (`manage.py train_models
# --only grouping_rule`, `coverage_app.training.grouping_rule`).
RULE_FIT = Path(__file__).with_name("grouping_rule.json")
FITTED_CUT = json.loads(RULE_FIT.read_text(encoding="utf-8"))


def fitted_model(name: str) -> fitted.LinearModel:
    if name not in MODELS:
        raise ValueError(f"Unknown grouping model {name!r}: one of {', '.join(MODELS)}")
    return fitted.load(MODELS[name])


@dataclass(frozen=True)
class ArticleData:
    """One article as the grouping sees it. Only `title` or `body` is required."""

    title: str = ""
    body: str = ""
    published: date | None = None
    outlet: str = ""
    speakers: Sequence[str] = ()
    quotes: Sequence[str] = ()
    entities: Sequence[str] = ()
    event_dates: Sequence[date] = ()
    places: Sequence[str] = ()


@dataclass(frozen=True)
class GroupingRule:
    """The thresholds of the rule described in the module docstring."""

    threshold: float = FITTED_CUT["threshold"]
    body_words: int = 400
    text_weight: float = 0.50
    names_weight: float = 0.25
    quotes_weight: float = 0.15
    speakers_weight: float = 0.10
    speakers_need_text: float = 0.3
    date_window_days: int = 2
    date_cutoff_days: int = 7
    event_date_mismatch: float = 0.6
    event_date_tolerance_days: int = 3
    title_repeats: int = 1
    names_measure: str = "cosine"
    infer_dates: bool = True
    quote_min_words: int = 5
    quote_min_score: int = 85
    quotes_per_article: int = 25
    # Two groups of two or more articles each join only when the average score between
    # them reaches this share of the looser group's own average (`grouping.cluster`).
    cohesion: float = FITTED_CUT["cohesion"]
    # "" for the hand-set weights above; a model name (`MODELS`) for a fitted pair model,
    # whose probability is then the score and whose own threshold the cut (`cut`).
    model: str = ""

    @property
    def cut(self) -> float:
        """The score two articles (or a group, on average) must reach to be one story."""
        return fitted_model(self.model).threshold if self.model else self.threshold

    @property
    def join_cohesion(self) -> float:
        """The clustering's cohesion test (`grouping.cluster`); none for a fitted model,
        whose cut was chosen without it."""
        return 0.0 if self.model else self.cohesion

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, object] | None) -> GroupingRule:
        """A rule with some thresholds replaced; unknown names raise ValueError."""
        if not overrides:
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        unknown = set(overrides) - set(known)
        if unknown:
            raise ValueError(f"Unknown grouping settings: {', '.join(sorted(unknown))}")
        rule = cls()
        values = {}
        for name, value in overrides.items():
            current = getattr(rule, name)
            values[name] = type(current)(value)
        return replace(rule, **values)


# --- features --------------------------------------------------------------------------------

STOP = {w.lower() for w in STOP_WORDS} | FILLER
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NUMBER = re.compile(r"\d")
CAPITALISED = re.compile(r"[A-Z][\w'’-]*")
SENTENCE_END = set(".!?\"“”'‘’:—–-([\n")


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s")
    return word[:6]


def content_words(text: str) -> list[str]:
    """The words that carry what a text is about, lower-cased and stemmed."""
    words = []
    for match in WORD.finditer(text):
        word = match.group().lower()
        if word in STOP:
            continue
        if NUMBER.search(word):
            words.append(word)
        elif len(word) >= 3:
            words.append(_stem(word))
    return words


def name_words(text: str) -> set[str]:
    """Capitalised words standing mid-sentence: the names a text mentions, stemmed.

    A capital after a full stop, a quote mark or a line break may just start a sentence, so
    such words count only when they also appear capitalised mid-sentence somewhere.
    """
    names = set()
    for match in CAPITALISED.finditer(text):
        start = match.start()
        before = text[:start].rstrip(" \t")
        if not before or before[-1] in SENTENCE_END:
            continue
        word = match.group().lower()
        if word.strip("'’-") in STOP or len(word) < 2:
            continue
        names.add(_stem(word))
    return names


# Credit lines name the newsroom, not the event: wire staff sign stories on every subject.
CREDIT = re.compile(
    r"\((?:[^()]*?\b(?:reporting|writing|editing|compiled|additional reporting)\s+by\b[^()]*)\)"
    r"|^\s*(?:by|reporting by|written by|edited by|authored by|additional reporting by)\s.*$",
    re.I | re.M,
)


def strip_credits(text: str) -> str:
    """The text without bylines and '(Reporting by X; Editing by Y)' credits."""
    return CREDIT.sub(" ", text)


def first_words(text: str, count: int) -> str:
    if count <= 0:
        return text
    parts = text.split(None, count)
    return " ".join(parts[:count])


def surname(name: str) -> str:
    words = [w for w in WORD.findall(name) if w.lower() not in STOP]
    return _stem(words[-1]) if words else ""


def _idf_matrix(docs: list[Counter], *, binary: bool) -> sparse.csr_matrix:
    """Rows are documents, columns terms, values tf*idf (or idf for binary sets)."""
    vocabulary: dict[str, int] = {}
    for doc in docs:
        for term in doc:
            vocabulary.setdefault(term, len(vocabulary))
    n = len(docs)
    df = np.zeros(len(vocabulary))
    for doc in docs:
        for term in doc:
            df[vocabulary[term]] += 1
    idf = np.log((1 + n) / (1 + df)) + 1.0
    rows, cols, values = [], [], []
    for i, doc in enumerate(docs):
        for term, count in doc.items():
            j = vocabulary[term]
            rows.append(i)
            cols.append(j)
            tf = 1.0 if binary else 1.0 + math.log(count)
            values.append(tf * idf[j])
    return sparse.csr_matrix((values, (rows, cols)), shape=(n, max(len(vocabulary), 1)))


def _cosine(matrix: sparse.csr_matrix) -> np.ndarray:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    normalised = sparse.diags(1.0 / norms) @ matrix
    return np.asarray((normalised @ normalised.T).todense())


def _weighted_jaccard(matrix: sparse.csr_matrix) -> np.ndarray:
    """For rows of idf weights over sets: shared weight / union weight."""
    binary = (matrix > 0).astype(float)
    weights = np.asarray(matrix.max(axis=0).todense()).ravel()
    weighted = binary @ sparse.diags(weights)
    shared = np.asarray((weighted @ binary.T).todense())
    totals = np.asarray(weighted.sum(axis=1)).ravel()
    union = totals[:, None] + totals[None, :] - shared
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where(union > 0, shared / union, 0.0)
    return result


def _containment(matrix: sparse.csr_matrix) -> np.ndarray:
    """For rows of idf weights over sets: shared weight / the smaller row's weight (how far
    the shorter of two texts is contained in the longer: a trimmed copy in its full one)."""
    binary = (matrix > 0).astype(float)
    weights = np.asarray(matrix.max(axis=0).todense()).ravel()
    weighted = binary @ sparse.diags(weights)
    shared = np.asarray((weighted @ binary.T).todense())
    totals = np.asarray(weighted.sum(axis=1)).ravel()
    smaller = np.minimum(totals[:, None], totals[None, :])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(smaller > 0, shared / smaller, 0.0)


def _quote_matches(articles: Sequence[ArticleData], rule: GroupingRule) -> np.ndarray:
    """For each pair of articles, how many of their quotes align (capped at 2, scaled to 1)."""
    n = len(articles)
    texts, owners = [], []
    for i, article in enumerate(articles):
        long_quotes = [q for q in article.quotes if len(q.split()) >= rule.quote_min_words]
        long_quotes.sort(key=len, reverse=True)
        for quote in long_quotes[: rule.quotes_per_article]:
            texts.append(quote)
            owners.append(i)
    counts = np.zeros((n, n))
    if len(texts) < 2:
        return counts
    scores = process.cdist(
        texts,
        texts,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        score_cutoff=rule.quote_min_score,
        dtype=np.uint8,
        workers=-1,
    )
    owners_array = np.array(owners)
    hits = np.argwhere(scores > 0)
    seen = set()
    for x, y in hits:
        a, b = owners_array[x], owners_array[y]
        if a >= b or (x, b) in seen:
            continue
        seen.add((x, b))  # one quote of a counts once against b
        counts[a, b] += 1
    counts = np.minimum(counts + counts.T, 2) / 2
    return counts


def _date_factor(articles: Sequence[ArticleData], rule: GroupingRule) -> np.ndarray:
    event = np.where(_event_dates_apart(articles, rule), rule.event_date_mismatch, 1.0)
    return _publication_factor(articles, rule) * event


def _publication_factor(articles: Sequence[ArticleData], rule: GroupingRule) -> np.ndarray:
    """1 for publication dates within `date_window_days` (or unknown), 0 from the cutoff."""
    ordinals = np.array(
        [a.published.toordinal() if a.published else np.nan for a in articles], dtype=float
    )
    gaps = np.abs(ordinals[:, None] - ordinals[None, :])
    span = max(rule.date_cutoff_days - rule.date_window_days, 1)
    factor = np.clip(1.0 - (gaps - rule.date_window_days) / span, 0.0, 1.0)
    return np.where(np.isnan(gaps), 1.0, factor)


def _event_dates_apart(articles: Sequence[ArticleData], rule: GroupingRule) -> np.ndarray:
    """Pairs that both carry resolved event dates, none within the tolerance of the other's."""
    n = len(articles)
    event = np.zeros((n, n), dtype=bool)
    dated = [
        (i, {d.toordinal() for d in a.event_dates}) for i, a in enumerate(articles) if a.event_dates
    ]
    tolerance = range(-rule.event_date_tolerance_days, rule.event_date_tolerance_days + 1)
    near = [{o + k for o in ordinals for k in tolerance} for _, ordinals in dated]
    for x, (i, _) in enumerate(dated):
        for y in range(x + 1, len(dated)):
            j, theirs = dated[y]
            if near[x].isdisjoint(theirs):
                event[i, j] = event[j, i] = True
    return event


def _outlet_words(articles: Sequence[ArticleData]) -> set[str]:
    """Stemmed words of the outlets' own names: 'told Radio Fenwick' is about the source."""
    words = set()
    for article in articles:
        words.update(_stem(w) for w in WORD.findall(article.outlet) if w.lower() not in STOP)
    return words


@dataclass
class _Evidence:
    """What each pair of a pile shares, before dates: n x n matrices in [0, 1]."""

    text: np.ndarray
    names: np.ndarray
    speakers: np.ndarray
    quotes: np.ndarray
    title: np.ndarray
    text_contained: np.ndarray
    names_contained: np.ndarray


def _evidence(articles: Sequence[ArticleData], rule: GroupingRule) -> _Evidence:
    sources = _outlet_words(articles)
    text_docs, name_docs, speaker_docs, title_docs = [], [], [], []
    for article in articles:
        body = strip_credits(first_words(article.body, rule.body_words))
        lede = "\n".join([article.title] * rule.title_repeats + [body])
        text_docs.append(Counter(w for w in content_words(lede) if w not in sources))
        names = name_words(f"{article.title}.\n{body}")
        for extra in (*article.entities, *article.places, *article.speakers):
            names.update(_stem(w) for w in WORD.findall(extra) if w.lower() not in STOP)
        name_docs.append(Counter(names - sources))
        speaker_docs.append(Counter({s for s in map(surname, article.speakers) if s}))
        title_docs.append(Counter(w for w in content_words(article.title) if w not in sources))
    overlap = _cosine if rule.names_measure == "cosine" else _weighted_jaccard
    name_sets = _idf_matrix(name_docs, binary=True)
    return _Evidence(
        text=_cosine(_idf_matrix(text_docs, binary=False)),
        names=overlap(name_sets),
        text_contained=_containment(_idf_matrix(text_docs, binary=True)),
        names_contained=_containment(name_sets),
        speakers=_weighted_jaccard(_idf_matrix(speaker_docs, binary=True)),
        quotes=_quote_matches(articles, rule),
        title=_cosine(_idf_matrix(title_docs, binary=True)),
    )


def _content(evidence: _Evidence, rule: GroupingRule) -> np.ndarray:
    """The hand-set weighted sum of the module docstring (before dates)."""
    return (
        rule.text_weight * evidence.text
        + rule.names_weight * evidence.names
        + rule.quotes_weight * evidence.quotes
        # The same people speak at many events: shared speakers count as far as the words
        # agree too (full weight once the texts are `speakers_need_text` alike).
        + rule.speakers_weight
        * evidence.speakers
        * np.minimum(1.0, evidence.text / rule.speakers_need_text)
    )


def similarity_matrix(articles: Sequence[ArticleData], rule: GroupingRule) -> np.ndarray:
    """The n x n matrix of pairwise scores in [0, 1] (diagonal 1) described above."""
    n = len(articles)
    if n == 0:
        return np.zeros((0, 0))
    evidence = _evidence(articles, rule)
    if rule.model:
        return _fitted_scores(articles, evidence, rule)
    content = _content(evidence, rule)
    if rule.infer_dates:
        articles = _with_inferred_dates(articles, content, rule)
    scores = np.clip(content * _date_factor(articles, rule), 0.0, 1.0)
    np.fill_diagonal(scores, 1.0)
    return scores


def _with_inferred_dates(
    articles: Sequence[ArticleData], content: np.ndarray, rule: GroupingRule
) -> list[ArticleData]:
    """An undated article takes the date of the dated article it is most like, when that one
    is alike enough to join it: a page that lost its date is dated by its closest coverage,
    so it is kept apart from a similar event a week away as its neighbours are."""
    dated = [j for j, a in enumerate(articles) if a.published]
    result = list(articles)
    if not dated:
        return result
    for i, article in enumerate(articles):
        if article.published:
            continue
        j = max(dated, key=lambda k: content[i, k])
        if content[i, j] >= rule.cut:
            result[i] = replace(article, published=articles[j].published)
    return result


# --- the fitted pair model -------------------------------------------------------------------

PAIR_FEATURES = (
    "text",
    "names",
    "quotes",
    "speakers_with_text",
    "title",
    "text_contained",
    "names_contained",
    "text_nearest",
    "dates_apart",
    "event_dates_apart",
)


def pair_features(
    articles: Sequence[ArticleData], rule: GroupingRule, evidence: _Evidence | None = None
) -> dict[str, np.ndarray]:
    """The fitted model's features for every pair of a pile: n x n matrices, by name.

    What the two articles share (words by tf-idf cosine, names by idf cosine, aligned quotes,
    speakers as far as the words agree, headline words) and how far the shorter one's words
    and names are contained in the longer one's (a trimmed or reworded copy); how near the
    two are compared with each one's nearest other article (`_relative`); and how their
    dates relate: publication dates apart (the rule's window and cutoff, 0 when unknown),
    resolved event dates all more than `event_date_tolerance_days` apart.
    """
    evidence = evidence or _evidence(articles, rule)
    return {
        "text": evidence.text,
        "names": evidence.names,
        "quotes": evidence.quotes,
        "speakers_with_text": evidence.speakers * evidence.text,
        "title": evidence.title,
        "text_contained": evidence.text_contained,
        "names_contained": evidence.names_contained,
        "text_nearest": _relative(evidence.text),
        # 0 within `date_window_days`, rising to 1 at `date_cutoff_days` (0 when unknown)
        "dates_apart": 1.0 - _publication_factor(articles, rule),
        "event_dates_apart": _event_dates_apart(articles, rule).astype(float),
    }


def _relative(similarity: np.ndarray) -> np.ndarray:
    """Each pair's similarity over the best either article reaches with any other article
    (the smaller of the two ratios): 1 for mutual nearest neighbours. Coverage of one event
    told in other words (a translation, a rewrite) is still nearest to its own event."""
    n = similarity.shape[0]
    if n < 2:
        return np.zeros((n, n))
    others = similarity.copy()
    np.fill_diagonal(others, -np.inf)
    best = others.max(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(best[:, None] > 0, similarity / best[:, None], 0.0)
    return np.clip(np.minimum(ratio, ratio.T), 0.0, 1.0)


def _fitted_scores(
    articles: Sequence[ArticleData], evidence: _Evidence, rule: GroupingRule
) -> np.ndarray:
    """The fitted model's probability that each pair covers one event (diagonal 1)."""
    model = fitted_model(rule.model)

    def probabilities(pile):
        margin = model.margin(pair_features(pile, rule, evidence))
        return 1.0 / (1.0 + np.exp(-np.clip(margin, -700, 700)))

    scores = probabilities(articles)
    if rule.infer_dates and any(a.published is None for a in articles):
        scores = probabilities(_with_inferred_dates(articles, scores, rule))
    # Nothing shared at all is no evidence of one event, whatever the model's intercept.
    scores = np.where(_content(evidence, rule) > 0, scores, 0.0)
    np.fill_diagonal(scores, 1.0)
    return scores
