"""The annotation pages and endpoints: reading, the in-place form, edits, deletes, and the HTTP
status of every refusal (nothing is stored on any of them)."""

import pytest
from django.urls import reverse

from coverage_app import annotations as service
from coverage_app.models import Annotation, AnnotationTarget, Article, Quote
from tests.web.annotation_fixtures import BODY_A, BODY_B

pytestmark = pytest.mark.django_db

QUOTE_A = "We are ready for talks, but not at any price"
PARAPHRASE_B = "they were prepared to negotiate"
NEW = reverse("annotation_new")


def form_data(a, b, **extra):
    data = {
        "target_article": [a.pk, b.pk],
        "target_exact": [QUOTE_A, PARAPHRASE_B],
        "target_start": [BODY_A.index(QUOTE_A), BODY_B.index(PARAPHRASE_B)],
        "target_prefix": [BODY_A[BODY_A.index(QUOTE_A) - 32 : BODY_A.index(QUOTE_A)], ""],
        "target_suffix": ["", ""],
        "label": "misquote",
        "note": "Conditional offer reported as unconditional.",
        "status": "open",
    }
    data.update(extra)
    return data


def stored(author, articles, label="misquote"):
    a, b = articles
    return service.annotation_create(
        author=author,
        label=label,
        selections=[
            service.Selection(a.pk, QUOTE_A, BODY_A.index(QUOTE_A)),
            service.Selection(b.pk, PARAPHRASE_B, BODY_B.index(PARAPHRASE_B)),
        ],
    )


def test_logged_in_person_saves_an_annotation_from_the_in_place_form(
    client, author, articles, comparison
):
    a, b = articles
    client.force_login(author)
    response = client.post(NEW, form_data(a, b, comparison=comparison.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Trigger"] == "annotationsChanged"
    assert "saved on 2 passages" in response.content.decode()
    annotation = Annotation.objects.get()
    assert annotation.author == author and annotation.comparison == comparison
    assert sorted(annotation.targets.values_list("exact", flat=True)) == sorted(
        [QUOTE_A, PARAPHRASE_B]
    )


def test_anonymous_post_is_forbidden_and_stores_nothing(client, articles):
    a, b = articles
    response = client.post(NEW, form_data(a, b), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert "Log in" in response.content.decode()
    assert not Annotation.objects.exists()


@pytest.mark.parametrize(
    "change, status, message",
    [
        ({"label": "sarcasm"}, 400, "Choose a label"),
        ({"note": "n" * 4001}, 400, "limit is 4000"),
        ({"target_article": [], "target_exact": [], "target_start": []}, 400, "empty"),
        ({"target_exact": [QUOTE_A, QUOTE_A]}, 400, "stay inside one article"),
        ({"comparison": "99999"}, 404, "no comparison"),
    ],
)
def test_bad_input_gets_a_clear_message_and_the_right_status(
    client, author, articles, change, status, message
):
    a, b = articles
    client.force_login(author)
    response = client.post(NEW, form_data(a, b, **change), HTTP_HX_REQUEST="true")
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Annotation.objects.exists() and not AnnotationTarget.objects.exists()


def test_forged_article_id_is_not_found(client, author, articles):
    a, b = articles
    client.force_login(author)
    response = client.post(NEW, form_data(a, b, target_article=[a.pk, b.pk + 500]))
    assert response.status_code == 404
    assert not Annotation.objects.exists()


def test_form_opens_for_a_pair_of_quotes(client, author, articles, comparison):
    a, b = articles
    qa = Quote.objects.create(
        article=a,
        text=QUOTE_A,
        kind="direct",
        start=BODY_A.index(QUOTE_A),
        end=BODY_A.index(QUOTE_A) + len(QUOTE_A),
    )
    qb = Quote.objects.create(
        article=b,
        text=PARAPHRASE_B,
        kind="indirect",
        start=BODY_B.index(PARAPHRASE_B),
        end=BODY_B.index(PARAPHRASE_B) + len(PARAPHRASE_B),
    )
    client.force_login(author)
    url = f"{NEW}?comparison={comparison.pk}&quote={qa.pk}&quote={qb.pk}"
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # only the partial
    assert f'name="target_exact" value="{QUOTE_A}"' in html
    for value, name in Annotation.Label.choices:
        assert f'value="{value}"' in html and name in html


def test_form_for_a_quote_outside_the_comparison_is_refused(client, author, articles, comparison):
    from tests.web.annotation_fixtures import make_article

    stray = make_article("Coast FM said the port stayed open.", "Coast FM", "Open port")
    quote = Quote.objects.create(article=stray, text="the port", kind="direct", start=13, end=21)
    client.force_login(author)
    response = client.get(f"{NEW}?comparison={comparison.pk}&quote={quote.pk}")
    assert response.status_code == 400


def test_author_edits_through_htmx_and_gets_the_updated_card(client, author, articles):
    annotation = stored(author, articles)
    client.force_login(author)
    url = reverse("annotation_edit", args=[annotation.pk])
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200
    data = {"label": "trimmed", "note": "Cut short.", "status": "confirmed", "version": 1}
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Trimmed quote" in response.content.decode()
    annotation.refresh_from_db()
    assert (annotation.label, annotation.status, annotation.version) == ("trimmed", "confirmed", 2)


def test_the_edit_form_lists_the_passages_in_the_order_the_card_shows_them(
    client, author, articles
):
    annotation = stored(author, articles)
    client.force_login(author)
    card = client.get(reverse("annotation_detail", args=[annotation.pk])).content.decode()
    form = client.get(reverse("annotation_edit", args=[annotation.pk])).content.decode()
    assert card.index(QUOTE_A) < card.index(PARAPHRASE_B)
    assert form.index(QUOTE_A) < form.index(PARAPHRASE_B)


def test_someone_elses_annotation_cannot_be_edited_or_deleted(client, author, other, articles):
    annotation = stored(author, articles)
    client.force_login(other)
    edit = reverse("annotation_edit", args=[annotation.pk])
    assert client.get(edit).status_code == 403
    data = {"label": "other", "note": "hijack", "status": "dismissed", "version": 1}
    assert client.post(edit, data).status_code == 403
    delete = reverse("annotation_delete", args=[annotation.pk])
    assert client.post(delete, {"version": 1}).status_code == 403
    annotation.refresh_from_db()
    assert (annotation.note, annotation.version) == ("", 1)


def test_staff_edit_someone_elses_annotation(client, author, editor, articles):
    annotation = stored(author, articles)
    client.force_login(editor)
    edit = reverse("annotation_edit", args=[annotation.pk])
    data = {"label": "misquote", "note": "Checked", "status": "confirmed", "version": 1}
    assert client.post(edit, data).status_code == 302
    annotation.refresh_from_db()
    assert annotation.status == "confirmed"


def test_anonymous_edit_and_delete_are_forbidden(client, author, articles):
    annotation = stored(author, articles)
    edit = reverse("annotation_edit", args=[annotation.pk])
    data = {"label": "other", "note": "", "status": "open", "version": 1}
    assert client.post(edit, data).status_code == 403
    assert client.post(reverse("annotation_delete", args=[annotation.pk])).status_code == 403
    assert Annotation.objects.get().label == "misquote"


def test_stale_edit_is_refused_with_409_and_shows_what_is_saved_now(
    client, author, editor, articles
):
    annotation = stored(author, articles)
    edit = reverse("annotation_edit", args=[annotation.pk])
    client.force_login(editor)
    client.post(edit, {"label": "misquote", "note": "Editor", "status": "confirmed", "version": 1})
    client.force_login(author)
    response = client.post(
        edit,
        {"label": "other", "note": "Mine", "status": "open", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "was not saved" in html and "Saved now (version 2)" in html
    assert "Mine" in html  # the person's own text is kept in the form
    annotation.refresh_from_db()
    assert (annotation.note, annotation.version) == ("Editor", 2)


def test_unknown_annotation_is_404(client, author):
    client.force_login(author)
    assert client.post(reverse("annotation_delete", args=[424242])).status_code == 404
    assert client.get(reverse("annotation_edit", args=[424242])).status_code == 404


def test_author_deletes_their_annotation(client, author, articles):
    annotation = stored(author, articles)
    client.force_login(author)
    response = client.post(
        reverse("annotation_delete", args=[annotation.pk]), {"version": 1}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "annotationsChanged, annotationDeleted"
    assert not Annotation.objects.exists() and not AnnotationTarget.objects.exists()


def test_an_annotated_passage_is_shown_as_the_article_has_it_without_quotation_marks(
    client, author, articles
):
    # the paraphrase is the outlet's words, not anyone's quoted words
    stored(author, articles)
    client.force_login(author)
    html = client.get(reverse("annotation_list")).content.decode()
    assert f'<span class="annotation-exact">{PARAPHRASE_B}</span>' in html
    assert "<q>" not in html and "“" + PARAPHRASE_B not in html


def test_one_articles_annotations_name_it_by_its_opening_not_its_file(client, author, articles):
    a, _ = articles
    stored(author, articles)
    Article.objects.filter(pk=a.pk).update(title="", source_name="upload_0042.txt")
    client.force_login(author)
    html = client.get(reverse("annotation_list"), {"article": a.pk}).content.decode()
    assert "upload_0042.txt" not in html and "on one article" in html
    assert f'href="{a.get_absolute_url()}"' in html


def test_list_needs_login_when_reading_is_not_public(client, settings):
    settings.PARALLAX_PUBLIC_READ = False
    response = client.get(reverse("annotation_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_everyone_logged_in_reads_all_annotations_but_edits_only_their_own(
    client, author, other, articles, django_assert_num_queries
):
    stored(author, articles, label="misquote")
    mine = stored(other, articles, label="numbers")
    client.force_login(other)
    client.get(reverse("annotation_list"))  # warm the session
    with django_assert_num_queries(8):
        # session, user, count, annotations, their targets (+articles, outlets), authors,
        # and the reader's permissions, once (an editor may change anyone's annotation)
        response = client.get(reverse("annotation_list"))
    html = response.content.decode()
    assert "Misquote or altered quote" in html and "Different numbers or dates" in html
    assert html.count('class="button small danger"') == 1
    assert reverse("annotation_edit", args=[mine.pk]) in html


def test_list_filters_by_label_author_status_and_article(client, author, other, articles):
    a, b = articles
    stored(author, articles, label="misquote")
    stored(other, articles, label="numbers")
    client.force_login(author)
    url = reverse("annotation_list")
    assert client.get(url, {"label": "numbers"}).context["page"].paginator.count == 1
    assert client.get(url, {"author": "ana"}).context["page"].paginator.count == 1
    assert client.get(url, {"status": "confirmed"}).context["page"].paginator.count == 0
    assert client.get(url, {"article": a.pk}).context["page"].paginator.count == 2
    partial = client.get(url, {"label": "misquote"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()
    assert 'id="annotation-list"' in partial.content.decode()


def test_comparison_panel_lists_its_annotations_with_marks_for_both_texts(
    client, author, articles, comparison
):
    annotation = stored(author, articles)
    a, b = articles
    client.force_login(author)
    url = reverse("comparison_annotations", args=[b.pk, a.pk])
    response = client.get(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="annotation-panel"' in html
    assert f'data-annotation="{annotation.pk}"' in html
    assert f"&quot;article&quot;: {a.pk}" in html and f"&quot;article&quot;: {b.pk}" in html
    full = client.get(url)
    assert "<html" in full.content.decode()


def test_signed_in_pages_link_the_annotations_page(client, author):
    client.force_login(author)
    html = client.get(reverse("annotation_list")).content.decode()
    assert f'href="{reverse("annotation_list")}" aria-current="page"' in html


def test_panel_reanchors_spans_after_an_articles_text_changed(client, author, articles):
    from coverage_app.models import text_hash

    annotation = stored(author, articles)
    a, b = articles
    a.body = "Editor's note: updated with the union's reply.\n" + a.body
    a.body_hash = text_hash(a.body)
    a.save()
    client.force_login(author)
    client.get(reverse("comparison_annotations", args=[a.pk, b.pk]), HTTP_HX_REQUEST="true")
    target = annotation.targets.get(article=a)
    assert a.body[target.start : target.end] == QUOTE_A
    assert target.text_hash == a.body_hash and not target.orphaned


def test_an_editor_may_change_someone_elses_annotation_as_the_refusal_says(
    client, author, other, editor_user, articles
):
    annotation = stored(author, articles)
    edit = reverse("annotation_edit", args=[annotation.pk])
    client.force_login(other)  # a member: refused, told who may
    refused = client.post(edit, {"label": "other", "note": "", "status": "open", "version": 1})
    assert refused.status_code == 403
    assert f"Only {author} (or an editor) can change this annotation" in refused.content.decode()
    client.force_login(editor_user)  # an editor (the Editors group, not staff): may
    data = {"label": "misquote", "note": "Checked", "status": "confirmed", "version": 1}
    assert client.post(edit, data).status_code == 302
    annotation.refresh_from_db()
    assert annotation.status == "confirmed"
