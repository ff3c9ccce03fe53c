"""Writing annotations through coverage_app.annotations: every permission rule, every kind of bad
input, optimistic concurrency and re-anchoring when an article's text changes."""

import pytest

from coverage_app import annotations as service
from coverage_app.models import Annotation, AnnotationTarget, text_hash
from tests.web.annotation_fixtures import BODY_A, BODY_B, make_article

pytestmark = pytest.mark.django_db

QUOTE_A = "We are ready for talks, but not at any price"
PARAPHRASE_B = "they were prepared to negotiate"


def pick(article, text):
    start = article.body.index(text)
    return service.Selection(article_id=article.pk, exact=text, start=start)


def linked(author, articles, comparison=None, **fields):
    a, b = articles
    return service.annotation_create(
        author=author,
        label=fields.get("label", "misquote"),
        note=fields.get("note", "B turns a conditional offer into a plain one."),
        selections=[pick(a, QUOTE_A), pick(b, PARAPHRASE_B)],
        comparison=comparison,
    )


def test_annotation_links_spans_in_two_articles_with_both_selectors(author, articles, comparison):
    annotation = linked(author, articles, comparison)
    a, b = articles
    targets = {t.article_id: t for t in annotation.targets.all()}
    assert set(targets) == {a.pk, b.pk}
    ta = targets[a.pk]
    assert (ta.exact, ta.start, ta.end) == (
        QUOTE_A,
        BODY_A.index(QUOTE_A),
        BODY_A.index(QUOTE_A) + len(QUOTE_A),
    )
    assert BODY_A[: ta.start].endswith(ta.prefix) and len(ta.prefix) == 32
    assert BODY_A[ta.end :].startswith(ta.suffix)
    assert ta.text_hash == text_hash(BODY_A)
    assert annotation.version == 1 and annotation.status == "open"
    assert service.motivation(annotation) == "linking"


def test_position_hint_off_by_utf16_units_is_corrected_by_the_quote(author, articles):
    a, _ = articles
    selection = service.Selection(article_id=a.pk, exact=QUOTE_A, start=5, prefix="said ")
    annotation = service.annotation_create(author=author, label="other", selections=[selection])
    assert annotation.targets.get().start == BODY_A.index(QUOTE_A)


def test_anonymous_people_write_nothing(articles):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(service.NotAllowed):
        linked(AnonymousUser(), articles)
    assert not Annotation.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"label": "sarcasm"}, "Choose a label"),
        ({"note": "x" * 4001}, "limit is 4000"),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_stored(author, articles, fields, message):
    with pytest.raises(service.InvalidAnnotation, match=message) as exc:
        linked(author, articles, **fields)
    assert exc.value.status == 400
    assert not Annotation.objects.exists() and not AnnotationTarget.objects.exists()


def test_empty_selection_is_refused(author, articles):
    a, _ = articles
    for selections in ([], [service.Selection(article_id=a.pk, exact="   ", start=3)]):
        with pytest.raises(service.InvalidAnnotation, match="empty"):
            service.annotation_create(author=author, label="other", selections=selections)
    assert not Annotation.objects.exists()


def test_selection_crossing_articles_is_refused(author, articles):
    """Text that runs from A's end into B's start is not a passage of either article."""
    a, b = articles
    crossing = BODY_A[-20:] + "\n" + BODY_B[:20]
    with pytest.raises(service.InvalidAnnotation, match="stay inside one article"):
        service.annotation_create(
            author=author,
            label="other",
            selections=[pick(b, PARAPHRASE_B), service.Selection(a.pk, crossing, len(BODY_A) - 20)],
        )
    assert not Annotation.objects.exists() and not AnnotationTarget.objects.exists()


def test_forged_article_id_is_not_found(author, articles):
    a, b = articles
    forged = service.Selection(article_id=b.pk + 1000, exact=QUOTE_A, start=0)
    with pytest.raises(service.NotFound) as exc:
        service.annotation_create(
            author=author, label="other", selections=[pick(a, QUOTE_A), forged]
        )
    assert exc.value.status == 404
    assert not Annotation.objects.exists()


def test_article_outside_the_comparison_is_refused(author, articles, comparison):
    stray = make_article("A third outlet wrote something else entirely.", "Coast FM", "Other")
    with pytest.raises(service.InvalidAnnotation, match="not one of the two articles"):
        service.annotation_create(
            author=author,
            label="omission",
            selections=[pick(stray, "something else")],
            comparison=comparison,
        )
    assert not Annotation.objects.exists()


def test_author_edits_their_annotation_and_the_version_goes_up(author, articles):
    annotation = linked(author, articles)
    saved = service.annotation_update(
        user=author,
        annotation_id=annotation.pk,
        version=1,
        label="trimmed",
        note="Cut.",
        status="confirmed",
    )
    assert (saved.label, saved.note, saved.status, saved.version) == (
        "trimmed",
        "Cut.",
        "confirmed",
        2,
    )


def test_someone_else_cannot_edit_or_delete_an_annotation(author, other, articles):
    annotation = linked(author, articles)
    with pytest.raises(service.NotAllowed) as exc:
        service.annotation_update(
            user=other,
            annotation_id=annotation.pk,
            version=1,
            label="other",
            note="",
            status="open",
        )
    assert exc.value.status == 403
    with pytest.raises(service.NotAllowed):
        service.annotation_delete(user=other, annotation_id=annotation.pk)
    annotation.refresh_from_db()
    assert (annotation.label, annotation.version) == ("misquote", 1)


def test_staff_may_edit_and_delete_anyones_annotation(author, editor, articles):
    annotation = linked(author, articles)
    service.annotation_update(
        user=editor,
        annotation_id=annotation.pk,
        version=1,
        label="framing",
        note="",
        status="dismissed",
    )
    annotation.refresh_from_db()
    assert annotation.status == "dismissed" and annotation.author == author
    service.annotation_delete(user=editor, annotation_id=annotation.pk)
    assert not Annotation.objects.exists() and not AnnotationTarget.objects.exists()


def test_edit_from_a_stale_version_is_refused_not_overwritten(author, editor, articles):
    annotation = linked(author, articles)
    # The editor and the author both opened version 1; the editor saves first.
    service.annotation_update(
        user=editor,
        annotation_id=annotation.pk,
        version=1,
        label="misquote",
        note="Editor's note",
        status="confirmed",
    )
    with pytest.raises(service.EditConflict, match="changed .* while you were editing") as exc:
        service.annotation_update(
            user=author,
            annotation_id=annotation.pk,
            version=1,
            label="other",
            note="Mine",
            status="open",
        )
    assert exc.value.status == 409
    annotation.refresh_from_db()
    assert (annotation.note, annotation.status, annotation.version) == (
        "Editor's note",
        "confirmed",
        2,
    )


def test_delete_from_a_stale_version_is_refused(author, articles):
    annotation = linked(author, articles)
    service.annotation_update(
        user=author,
        annotation_id=annotation.pk,
        version=1,
        label="misquote",
        note="v2",
        status="open",
    )
    with pytest.raises(service.EditConflict):
        service.annotation_delete(user=author, annotation_id=annotation.pk, version=1)
    assert Annotation.objects.filter(pk=annotation.pk).exists()


def test_unknown_annotation_id_is_not_found(author):
    with pytest.raises(service.NotFound):
        service.annotation_delete(user=author, annotation_id=999999)


def test_two_people_annotating_the_same_comparison_both_keep_their_work(
    author, other, articles, comparison
):
    first = linked(author, articles, comparison)
    second = linked(other, articles, comparison, label="numbers", note="40 ships vs 25")
    stored = service.filter_annotations(Annotation.objects.all(), comparison=comparison)
    assert set(stored) == {first, second}


def test_reanchoring_after_a_body_change_moves_or_orphans_targets(author, articles):
    a, b = articles
    annotation = linked(author, articles)
    numbers = service.annotation_create(
        author=author, label="numbers", selections=[pick(a, "40 ships were delayed")]
    )
    # A correction: a line is added at the top and the ships sentence is removed.
    a.body = "Correction appended 5 March.\n" + BODY_A.replace(
        " The port authority said 40 ships were delayed.", ""
    )
    a.body_hash = text_hash(a.body)
    a.save()
    report = service.reanchor_article(a)
    assert (report.moved, report.orphaned) == (1, 1)
    moved = annotation.targets.get(article=a)
    assert a.body[moved.start : moved.end] == QUOTE_A and not moved.orphaned
    assert moved.text_hash == a.body_hash
    orphan = numbers.targets.get()
    assert orphan.orphaned and orphan.exact == "40 ships were delayed"
    # B did not change, so its target is untouched.
    assert not annotation.targets.get(article=b).orphaned
