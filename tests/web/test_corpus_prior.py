"""The prior of distinctive terms comes from every stored article (coverage_app.corpus): kept as
ingest stores, replaces and deletes terms, read by the stored comparison and the story table."""

from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coverage_app import comparisons, corpus, stories
from coverage_app.ingest import pipeline, queueing, uploads
from coverage_app.ingest.tasks import refresh_comparisons
from coverage_app.models import Article, Comparison, Corpus, CorpusTerm
from coverage_app.text.claims import wording

pytestmark = pytest.mark.django_db

STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"

# Two invented outlets on one invented lantern parade. The Gazette keeps saying "lantern"; the
# Ledger never does.
GAZETTE = """The Orvel Gazette

Lanterns light the Orvel quay for the spring parade

By Mira Hollen | April 12, 2025

The spring lantern parade filled the Orvel quay on Saturday night. Every lantern was paper and
candle, and the lantern makers of Dunmere Street sold out by noon. Children carried a lantern
each along the quay, and the oldest lantern, a copper one from the old ferry, led the parade.
The mayor, Ilse Varga, said the lantern parade would return next spring with a lantern for
every street. Volunteers collected the last lantern from the water after midnight, and the quay
reopened to traffic on Sunday. Next year a lantern will hang from each mast.
"""

LEDGER = """The Orvel Ledger

Crowds fill the Orvel quay for the spring parade

By Tomas Ebb | April 12, 2025

Thousands of people filled the Orvel quay on Saturday night for the spring parade. Children
walked along the quay behind a brass band from the ferry school. The mayor, Ilse Varga, said
the parade would return next spring. Volunteers cleared the quay after midnight, and it
reopened to traffic on Sunday.
"""


def ingested_text(raw: str, name: str, outlet: str = "") -> Article:
    upload = uploads.Upload(raw=raw, source_name=name, outlet=outlet)
    article = queueing.create_articles([upload], enqueue=False)[0].article
    return pipeline.extract_article(article)


def stored_counts() -> Counter:
    return Counter(dict(CorpusTerm.objects.values_list("term", "count")))


def counts_of_every_article() -> Counter:
    total = Counter()
    for terms in Article.objects.values_list("terms", flat=True):
        total += corpus.counted(terms)
    return total


@pytest.fixture
def wider_corpus(nlp):
    """Fifteen invented articles on other events: none says "lantern"."""
    return [ingested_text(p.read_text(encoding="utf-8"), p.name) for p in STORIES.glob("*.txt")]


@pytest.fixture
def parade(nlp):
    gazette = ingested_text(GAZETTE, "gazette.txt", "The Orvel Gazette")
    ledger = ingested_text(LEDGER, "ledger.txt", "The Orvel Ledger")
    return comparisons.ordered(gazette, ledger)


def distinctive(contrasts: list[dict]) -> set[str]:
    return {c["a"] or c["b"] for c in contrasts if c["source"] == "distinctive"}


def test_ingest_keeps_the_counts_of_every_stored_articles_terms(wider_corpus):
    assert stored_counts() == counts_of_every_article()
    assert Corpus.objects.get().total == sum(stored_counts().values())
    assert Corpus.objects.get().articles == len(wider_corpus)


def test_re_extracting_and_deleting_an_article_keep_the_counts_right(wider_corpus):
    changed = wider_corpus[0]
    Article.objects.filter(pk=changed.pk).update(body=LEDGER, body_hash="")  # a cleaning fix
    queueing.requeue(changed)
    pipeline.extract_article(changed)
    assert "volunteer" in stored_counts()
    assert stored_counts() == counts_of_every_article()

    Article.objects.filter(pk__in=[a.pk for a in wider_corpus[1:4]]).delete()  # as the admin
    assert stored_counts() == counts_of_every_article()
    assert Corpus.objects.get().articles == len(wider_corpus) - 3

    CorpusTerm.objects.all().delete()  # lost: recount rebuilds them
    corpus.recount()
    assert stored_counts() == counts_of_every_article()


def test_a_term_only_one_article_repeats_is_not_distinctive_when_the_corpus_never_uses_it(
    wider_corpus, parade
):
    """Scored against the two articles alone, "lantern" stands out for the Gazette; against the
    whole corpus, where it is rare, one outlet's repeating it is no evidence (Monroe et al.)."""
    a, b = parade
    a.refresh_from_db()
    b.refresh_from_db()
    assert "lantern" in distinctive(wording.distinctive_terms(a.terms, b.terms))  # own prior

    result = comparisons.compare_articles(a, b).result
    assert "lantern" not in distinctive(result["wording"])
    # exactly the log-odds against every stored article's terms
    everything = counts_of_every_article()
    expected = wording.distinctive_terms(a.terms, b.terms, everything)
    assert [
        (c["a"], c["b"], c["z"]) for c in result["wording"] if c["source"] == "distinctive"
    ] == [(c["a"], c["b"], c["z"]) for c in expected]
    assert result["prior"]["total"] == sum(everything.values())


def test_the_story_table_scores_outlets_against_the_whole_corpus(wider_corpus, parade):
    a, b = parade
    story = stories.move_article(a, None)
    stories.move_article(b, story)
    members = stories.story_articles(story)
    own = wording.outlet_terms({m.outlet.name: m.terms for m in members})
    assert any(term == "lantern" for ranked in own.values() for term, _n, _z in ranked)

    table = stories.story_wording(story, members)
    assert "lantern" not in {row["term"] for row in table["rows"]}


def test_a_stored_comparison_is_recomputed_once_the_corpus_moves_on(parade):
    a, b = parade
    before = comparisons.compare_articles(a, b).result["stamp"]
    assert comparisons.stamp(a, b) == before
    ingested_text((STORIES / "a01_sarn_courier.txt").read_text(encoding="utf-8"), "a01.txt")
    assert comparisons.stamp(a, b) != before  # a small corpus: every article moves the epoch


def test_a_large_corpus_keeps_its_epoch_until_the_counts_drift_by_five_percent():
    big = [{"term": f"word{i}", "kind": "lemma", "start": 0, "end": 1} for i in range(1000)]
    corpus.record_terms([], big)
    start = corpus.epoch()
    small = [{"term": "extra", "kind": "lemma", "start": 0, "end": 1}] * 20
    corpus.record_terms([], small)  # 2% of the counts
    assert corpus.epoch() == start
    corpus.record_terms([], small * 2)  # 6% since the epoch began
    assert corpus.epoch() == start + 1
    assert stored_counts()["extra"] == 60


def _worker_runs_what_pages_asked() -> None:
    """Run the alignment tasks pages enqueued, as the worker would, and mark them done."""
    for asked in DBTaskResult.objects.filter(
        task_path__endswith=".refresh_comparisons", status="READY"
    ):
        refresh_comparisons.call(*asked.args_kwargs["args"])
        asked.delete()


def test_the_compare_page_recomputes_its_wording_once_the_corpus_moves_on(
    client, django_user_model, parade, django_capture_on_commit_callbacks
):
    a, b = parade
    client.force_login(django_user_model.objects.create_user("prior-reader", password="x-pass-1"))
    url = reverse("compare", args=[a.pk, b.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    _worker_runs_what_pages_asked()
    first = Comparison.objects.get(article_a=a, article_b=b)
    client.get(url)
    assert Comparison.objects.get(pk=first.pk).computed == first.computed  # fresh: read

    ingested_text((STORIES / "a01_sarn_courier.txt").read_text(encoding="utf-8"), "a01.txt")
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get(url).content.decode()
    assert "The worker is lining up the two accounts" in waiting  # stale: never shown
    assert Comparison.objects.get(pk=first.pk).computed == first.computed  # nor redone here
    _worker_runs_what_pages_asked()
    again = Comparison.objects.get(pk=first.pk)
    assert again.computed > first.computed
    assert again.result["prior"]["epoch"] == corpus.epoch()
