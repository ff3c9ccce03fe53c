"""Claims and wording on the compare page and the command line; annotations on a claim pair,
a one-side claim and a wording contrast (invented coverage in tests/fixtures/claims)."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from coverage_app import comparisons
from coverage_app.ingest import outlets, pipeline, queueing, uploads
from coverage_app.models import Annotation

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims"


def ingested(name: str, fixtures: Path = FIXTURES):
    """An invented article from the fixtures folder, stored and extracted as the worker does."""
    upload = uploads.Upload(raw=(fixtures / name).read_text(encoding="utf-8"), source_name=name)
    article = queueing.create_articles([upload], enqueue=False)[0].article
    return pipeline.extract_article(article)


@pytest.fixture
def pair(db):
    a, b = ingested("harbour_ledger.txt"), ingested("valley_courier.txt")
    return (a, b) if a.pk < b.pk else (b, a)


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("claims-reader", password="a-long-pass-phrase")


def test_ingest_keeps_sentence_spans_and_terms_from_the_one_parse(pair):
    a, _ = pair
    assert a.sentences and all(0 <= s < e <= len(a.body) for s, e in a.sentences)
    assert any(t["kind"] == "name" for t in a.terms)
    assert all(a.body[t["start"] : t["end"]] for t in a.terms)


def test_the_stored_comparison_holds_claims_and_wording(pair):
    a, b = pair
    result = comparisons.compare_articles(a, b).result
    pairs = result["claims"]["pairs"]
    assert any("closed the Marrow Bridge" in p["a"]["text"] for p in pairs)
    # "Engineers found cracks ..., the transport ministry said" ~ "..., according to the
    # transport ministry": both the ministry's account, a pair that links the two articles but
    # is marked attributed (the page lists it with the quotes, not as the writers' claims).
    engineers = next(p for p in pairs if "Engineers found" in p["a"]["text"])
    assert engineers["a"]["attributed"] and engineers["b"]["attributed"]
    assert not any(p["a"].get("attributed") for p in pairs if "Marrow Bridge" in p["a"]["text"])
    for p in pairs:
        assert a.body[p["a"]["start"] : p["a"]["end"]] == p["a"]["text"]
        assert b.body[p["b"]["start"] : p["b"]["end"]] == p["b"]["text"]
    assert {"entity", "aligned", "distinctive"} <= {c["source"] for c in result["wording"]}


def test_compare_page_shows_claims_both_state_those_one_states_and_the_wording(
    client, reader, pair
):
    a, b = pair
    client.force_login(reader)
    page = client.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    assert 'id="claims"' in page and 'id="wording"' in page
    assert "Stated by one outlet only" in page
    assert "12 million crowns" in page  # a fact only the Courier states
    claims = page.split('id="claims"')[1].split('id="text-a"')[0]
    assert "Engineers found cracks" not in claims  # the ministry's account, not the writers'
    assert "Named differently" in page and "Tirnov" in page
    assert re.search(r'data-ids="[^"]*\bw0\b', page)  # the contrast's uses marked in the texts
    assert "style=" not in page.split('id="wording"')[1].split("</section>")[0]


def test_the_claims_filter_rerenders_only_the_results_through_htmx(client, reader, pair):
    a, b = pair
    client.force_login(reader)
    url = reverse("compare", args=[a.pk, b.pk])
    response = client.get(url, {"kind": "claims", "wording": "entity"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="compare-results"')
    assert "Both outlets report" not in html and 'id="claims"' in html
    assert "Named differently" in html and "Swapped in the same passage" not in html


def test_conflicts_only_keeps_conflicting_claim_pairs_and_hides_the_one_side_band(
    client, reader, pair
):
    a, b = pair
    client.force_login(reader)
    url = reverse("compare", args=[a.pk, b.pk])
    html = client.get(url, {"kind": "claims", "conflicts": "on"}).content.decode()
    assert "Stated by one outlet only" not in html


def spans_of(html: str, marker: str) -> str:
    """The data-spans of the first element after `marker`."""
    tail = html.split(marker, 1)[1]
    return tail.split('data-spans="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    "marker", ['class="claim-pair card', 'class="claim-only card"', "wording-row card"]
)
def test_a_claim_pair_a_one_side_claim_and_a_contrast_can_be_annotated_and_exported(
    client, reader, pair, marker
):
    a, b = pair
    comparison = comparisons.compare_articles(a, b)
    client.force_login(reader)
    html = client.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    spans = spans_of(html, marker).split()
    form = client.get(
        reverse("annotation_new"), {"span": spans, "comparison": comparison.pk}
    ).content.decode()
    targets = [tuple(int(x) for x in s.split(":")) for s in spans]
    data = {
        "target_article": [t[0] for t in targets],
        "target_exact": [(a if t[0] == a.pk else b).body[t[1] : t[2]] for t in targets],
        "target_start": [t[1] for t in targets],
        "label": "framing",
        "note": "",
        "status": "open",
        "comparison": comparison.pk,
    }
    for exact in data["target_exact"]:
        assert exact[:20] in form
    response = client.post(reverse("annotation_new"), data)
    assert response.status_code == 302
    annotation = Annotation.objects.get()
    assert annotation.targets.count() == len(targets)
    buffer = StringIO()
    call_command("export_annotations", "--format", "jsonld", stdout=buffer)
    exported = buffer.getvalue()
    json.loads(exported)
    for exact in data["target_exact"]:
        assert json.dumps(exact, ensure_ascii=False)[1:-1] in exported


def test_a_span_outside_the_article_is_refused_with_a_message(client, reader, pair):
    a, _ = pair
    client.force_login(reader)
    response = client.get(reverse("annotation_new"), {"span": f"{a.pk}:0:{len(a.body) + 5}"})
    assert response.status_code == 400
    assert "not in the article" in response.content.decode()
    assert not Annotation.objects.exists()


def test_compare_command_prints_claims_and_wording_keys(capsys):
    files = [str(FIXTURES / "harbour_ledger.txt"), str(FIXTURES / "valley_courier.txt")]
    call_command("compare", *files, "--json")
    data = json.loads(capsys.readouterr().out)
    comp = data["comparisons"][0]
    assert {"quotes", "events", "claims", "wording"} <= set(comp)
    pair = comp["claims"]["pairs"][0]
    assert set(pair) == {"a", "b", "score", "flags", "diff"}
    assert set(pair["a"]) == {"text", "start", "end"}
    contrast = comp["wording"][0]
    assert set(contrast) == {
        "a", "b", "source", "count_a", "count_b", "z", "spans_a", "spans_b"
    }  # fmt: skip


def test_story_page_shows_the_outlet_by_term_table_and_stores_it(client, reader, pair):
    from coverage_app import stories
    from coverage_app.models import Story

    a, b = pair
    story = Story.objects.create(title="Bridge closure")
    for article, outlet in ((a, "Harbour Ledger"), (b, "Valley Courier")):
        article.outlet = outlets.outlet_for(outlet)
        article.save(update_fields=["outlet"])
        stories.move_article(article, story)
    client.force_login(reader)
    html = client.get(reverse("story_detail", args=[story.pk])).content.decode()
    table = html.split('id="wording-heading"')[1].split("</section>")[0]
    assert "regime" in table and "government" in table
    assert "term-distinctive" in table
    stored = Story.objects.get(pk=story.pk).wording
    assert stored["stamp"] and {r["term"] for r in stored["rows"]} >= {"regime", "government"}


def test_a_contrast_used_many_times_is_annotated_on_its_first_use_in_each_text(
    client, reader, pair
):
    a, b = pair
    comparison = comparisons.compare_articles(a, b)
    many = next(
        k
        for k, c in enumerate(comparison.result["wording"])
        if len(c["spans_a"]) > 1 or len(c["spans_b"]) > 1
    )
    client.force_login(reader)
    html = client.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    spans = spans_of(html, f'id="wording-{many}"').split()
    assert sorted(int(s.split(":")[0]) for s in spans) in ([a.pk], [b.pk], [a.pk, b.pk])
    targets = [tuple(int(x) for x in s.split(":")) for s in spans]
    response = client.post(
        reverse("annotation_new"),
        {
            "target_article": [t[0] for t in targets],
            "target_exact": [(a if t[0] == a.pk else b).body[t[1] : t[2]] for t in targets],
            "target_start": [t[1] for t in targets],
            "label": "framing",
            "status": "open",
            "comparison": comparison.pk,
        },
    )
    assert response.status_code == 302
    assert Annotation.objects.get().targets.count() == len(targets)


def test_annotating_a_contrast_suggests_framing_and_a_note_naming_both_terms(client, reader, pair):
    a, b = pair
    comparison = comparisons.compare_articles(a, b)
    client.force_login(reader)
    html = client.get(reverse("compare", args=[a.pk, b.pk])).content.decode()
    row = html.split("wording-row card", 1)[1].split(">", 1)[0]
    note = row.split('data-note="', 1)[1].split('"', 1)[0]
    assert 'data-label="framing"' in row
    assert "“Mikhail”" in note and "“Mihail”" in note and "named differently" in note
    form = client.get(
        reverse("annotation_new"),
        {
            "span": spans_of(html, "wording-row card").split(),
            "comparison": comparison.pk,
            "label": "framing",
            "note": "“Mikhail” against “Mihail”",
        },
    ).content.decode()
    assert re.search(r'value="framing"\s+checked', form)
    assert "“Mikhail” against “Mihail”</textarea>" in form
    unknown = client.get(
        reverse("annotation_new"),
        {"span": spans_of(html, "wording-row card").split(), "label": "nonsense"},
    ).content.decode()
    assert "checked" not in unknown.split('class="label-choices"')[1].split("</fieldset>")[0]
