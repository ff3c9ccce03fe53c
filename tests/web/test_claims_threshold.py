"""The Claims section's own threshold: claim pairs stored down to a floor, filtered on the page
(invented coverage in tests/fixtures/claims_threshold: one pair both outlets plainly state, one
weak pair, the stallholders' and the traders' lost income, scoring under the default)."""

from pathlib import Path

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coverage_app import comparisons
from coverage_app.ingest.tasks import refresh_comparisons
from coverage_app.models import Comparison
from coverage_app.text.claims import claim_align
from tests.web.test_claims_page import ingested

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims_threshold"
WEAK_A = "Stallholders"  # one word each: a pair's text is cut up by its word diff
WEAK_B = "Traders"


@pytest.fixture
def pair(db):
    a, b = ingested("dovra_morning_post.txt", FIXTURES), ingested("coastline_herald.txt", FIXTURES)
    return (a, b) if a.pk < b.pk else (b, a)


@pytest.fixture
def reader(client, django_user_model):
    user = django_user_model.objects.create_user("threshold-reader", password="a-long-pass-phrase")
    client.force_login(user)
    return user


def weak_pair(result: dict) -> dict:
    return next(p for p in result["claims"]["pairs"] if WEAK_A in p["a"]["text"])


def claims_section(html: str) -> tuple[str, str]:
    """(the claim pairs, the two one-outlet bands) of a page or of the results partial."""
    section = html.split('id="claims"', 1)[1].split("</section>\n</section>", 1)[0]
    pairs, bands = section.split("Stated by one outlet only", 1)
    return pairs, bands


def test_claim_pairs_are_stored_down_to_the_floor_under_the_default(pair):
    a, b = pair
    result = comparisons.compare_articles(a, b).result
    assert result["claims_floor"] == comparisons.CLAIMS_STORE_FLOOR < claim_align.DEFAULT_MIN_SCORE
    assert result["claims_min_score"] == claim_align.DEFAULT_MIN_SCORE
    assert (
        comparisons.CLAIMS_STORE_FLOOR <= weak_pair(result)["score"] < claim_align.DEFAULT_MIN_SCORE
    )
    assert all(p["score"] >= comparisons.CLAIMS_STORE_FLOOR for p in result["claims"]["pairs"])


def test_a_weak_pair_is_no_evidence_of_wording(pair):
    a, b = pair
    result = comparisons.compare_articles(a, b).result
    terms = {(c["a"] or "").lower() for c in result["wording"] if c["source"] == "aligned"}
    assert "stallholders" not in terms


def test_a_result_stored_before_the_claims_floor_is_computed_again_by_the_worker(
    client, reader, pair, django_capture_on_commit_callbacks
):
    a, b = pair
    old = comparisons.compare_articles(a, b).result
    old["stamp"] = old["stamp"].replace(f"v{comparisons.RESULT_VERSION}|", "v3|")
    old["claims"]["pairs"] = [p for p in old["claims"]["pairs"] if p["score"] >= 40]
    Comparison.objects.filter(article_a=a, article_b=b).update(result=old)
    with django_capture_on_commit_callbacks(execute=True):
        html = client.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    # The stale result is neither shown nor recomputed in the request: the worker is asked.
    assert "The worker is lining up the two accounts" in html
    assert Comparison.objects.get(article_a=a, article_b=b).result["stamp"] == old["stamp"]
    (asked,) = DBTaskResult.objects.filter(task_path__endswith=".refresh_comparisons")
    assert refresh_comparisons.call(*asked.args_kwargs["args"]) == 1  # what the worker runs
    stored = Comparison.objects.get(article_a=a, article_b=b).result
    assert stored["version"] == comparisons.RESULT_VERSION
    assert weak_pair(stored)


def test_at_the_default_a_weak_pair_is_split_into_the_one_outlet_bands(client, reader, pair):
    a, b = pair
    html = client.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    pairs, bands = claims_section(html)
    assert "lantern festival" in pairs
    assert WEAK_A not in pairs and WEAK_B not in pairs
    assert WEAK_A in bands.split("Only B")[0] and WEAK_B in bands.split("Only B")[1]
    assert 'id="id_claims_min" name="claims_min" form="compare-filters" min="25"' in html
    assert f'value="{claim_align.DEFAULT_MIN_SCORE}"' in html.split('id="id_claims_min"')[1][:200]


def test_lowering_the_claims_threshold_pairs_them_through_htmx(client, reader, pair):
    a, b = pair
    url = reverse("compare", args=[a.pk, b.pk])
    client.get(url)  # the default is rendered and cached first: the threshold must be in the key
    response = client.get(url, {"claims_min": 25}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="compare-results"')
    pairs, bands = claims_section(html)
    assert WEAK_A in pairs and WEAK_B in pairs
    assert WEAK_A not in bands and WEAK_B not in bands
    assert 'data-claims-threshold="25"' in html


def test_raising_the_claims_threshold_leaves_the_quotes_threshold_alone(client, reader, pair):
    a, b = pair
    url = reverse("compare", args=[a.pk, b.pk])
    html = client.get(url, {"claims_min": 100, "min": 70}).content.decode()
    pairs, bands = claims_section(html)
    assert "lantern festival" in pairs  # it scores 100
    assert "Mayor Ilka Varn" not in pairs and "Mayor Ilka Varn" in bands
    assert 'data-threshold="70"' in html


def test_the_claims_threshold_is_kept_when_the_claims_section_is_hidden(client, reader, pair):
    a, b = pair
    html = client.get(
        reverse("compare", args=[a.pk, b.pk]), {"claims_min": 30, "kind": "quotes"}
    ).content.decode()
    assert 'id="claims"' not in html
    assert 'name="claims_min" form="compare-filters" value="30"' in html


def test_a_claims_threshold_out_of_range_is_refused(client, reader, pair):
    a, b = pair
    response = client.get(reverse("compare", args=[a.pk, b.pk]), {"claims_min": 101})
    assert response.status_code == 400
