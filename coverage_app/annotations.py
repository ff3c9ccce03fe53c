"""Annotations: writing them (with permission checks and optimistic concurrency), keeping them
anchored when an article's text changes, and moving them in and out of the app (W3C Web
Annotation JSON-LD, CSV, a comparison's JSON).

Rules: anyone who may read the app reads every annotation; only its author (or staff) edits or
deletes one; anonymous people write nothing. An edit names the version it started from, and is
refused (EditConflict, HTTP 409) if someone saved a newer one meanwhile.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from coverage_app.access import can_change_annotation
from coverage_app.models import Annotation, AnnotationTarget, Article, Comparison
from coverage_app.spreadsheet import csv_text
from coverage_app.text.anchoring import Anchor, SpanError, anchor_span, locate, reanchor

NOTE_MAX_LENGTH = Annotation._meta.get_field("note").max_length
MAX_TARGETS = 2
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PARALLAX_NS = "https://parallax.invalid/ns#"
JSONLD_CONTEXT = [W3C_CONTEXT, {"parallax": PARALLAX_NS}]
# The fixed label set, documented where people choose a label.
LABEL_HELP = {
    Annotation.Label.MISQUOTE: "The words inside the quote marks differ from what was said.",
    Annotation.Label.TRIMMED: "The quote is cut short, dropping words that change its sense.",
    Annotation.Label.OMISSION: "One outlet leaves out a quote, fact or event the other reports.",
    Annotation.Label.ATTRIBUTION: "The same words are credited to a different speaker or source.",
    Annotation.Label.CONTRADICTION: "The outlets state facts that cannot both be true.",
    Annotation.Label.FRAMING: "Word choice or emphasis that tilts how the reader sees it.",
    Annotation.Label.NUMBERS: "Figures, dates or times differ between the accounts.",
    Annotation.Label.OTHER: "Anything else worth a reviewer's look (say what in the note).",
}


# --- Errors: each carries the HTTP status a view answers with ---------------------------------


class AnnotationError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidAnnotation(AnnotationError):
    status = 400


class NotAllowed(AnnotationError):
    status = 403


class NotFound(AnnotationError):
    status = 404


class EditConflict(AnnotationError):
    status = 409


# --- Reading ---------------------------------------------------------------------------------


def with_targets(annotations: QuerySet) -> QuerySet:
    """Everything a list or an export shows, in three queries whatever the count."""
    targets = AnnotationTarget.objects.select_related("article__outlet").order_by("article_id")
    return annotations.select_related("author", "comparison").prefetch_related(
        Prefetch("targets", queryset=targets)
    )


def filter_annotations(
    annotations: QuerySet,
    *,
    label: str = "",
    author: str = "",
    status: str = "",
    article: int | None = None,
    comparison: Comparison | None = None,
    orphaned: bool = False,
) -> QuerySet:
    if label:
        annotations = annotations.filter(label=label)
    if status:
        annotations = annotations.filter(status=status)
    if author:
        annotations = annotations.filter(author__username=author)
    if article is not None:
        annotations = annotations.filter(targets__article_id=article)
    if comparison is not None:
        both = [comparison.article_a_id, comparison.article_b_id]
        annotations = annotations.filter(targets__article_id__in=both)
    if orphaned:
        annotations = annotations.filter(targets__orphaned=True)
    return annotations.distinct()


def can_edit(user, annotation: Annotation) -> bool:
    return can_change_annotation(user, annotation.author_id)


# --- Writing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """A span a person picked in one article, as the browser (or a quote) describes it.

    `start` is only a hint: browsers count UTF-16 units and trim whitespace, so the exact text
    and its context decide where the span is. With `exact` empty, start/end are taken as given
    (used for quotes and events, whose offsets the server itself stored)."""

    article_id: object
    exact: str = ""
    start: int | None = None
    end: int | None = None
    prefix: str = ""
    suffix: str = ""


def _check_writer(user) -> None:
    if user is None or not user.is_authenticated:
        raise NotAllowed("Log in to write annotations.")


def _check_fields(label: str, note: str, status: str) -> None:
    if label not in Annotation.Label.values:
        choices = ", ".join(Annotation.Label.labels)
        raise InvalidAnnotation(f"Choose a label from the list ({choices}).")
    if status not in Annotation.State.values:
        raise InvalidAnnotation("Status must be open, confirmed or dismissed.")
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidAnnotation(
            f"The note is {len(note)} characters long; the limit is {NOTE_MAX_LENGTH}."
        )


def _article_id(raw) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise NotFound(f"There is no article {raw!r}.") from None


def _anchor(selection: Selection, articles: dict[int, Article]) -> tuple[Article, Anchor]:
    article = articles[_article_id(selection.article_id)]
    body = article.body
    if not selection.exact:
        if selection.start is None or selection.end is None:
            raise InvalidAnnotation("The selection is empty: select some text first.")
        try:
            return article, anchor_span(body, selection.start, selection.end)
        except SpanError as exc:
            raise InvalidAnnotation(f"That span does not fit {article}: {exc}.") from None
    if not selection.exact.strip():
        raise InvalidAnnotation("The selection is empty: select some text first.")
    anchor = locate(
        body,
        selection.exact,
        prefix=selection.prefix,
        suffix=selection.suffix,
        hint=selection.start,
    )
    if anchor is None:
        raise InvalidAnnotation(
            f"The selected text is not a passage of “{article}”. A selection must stay inside one "
            "article: select in one text, then (optionally) in the other."
        )
    return article, anchor


def annotation_create(
    *,
    author,
    label: str,
    note: str = "",
    status: str = Annotation.State.OPEN,
    selections: list[Selection],
    comparison: Comparison | None = None,
) -> Annotation:
    """Store a new annotation on one or two spans; nothing is stored if anything is wrong."""
    _check_writer(author)
    note = (note or "").strip()
    _check_fields(label, note, status)
    if not selections:
        raise InvalidAnnotation("The selection is empty: select some text first.")
    if len(selections) > MAX_TARGETS:
        raise InvalidAnnotation(f"An annotation links at most {MAX_TARGETS} spans.")
    wanted = {_article_id(s.article_id) for s in selections}
    articles = Article.objects.select_related("outlet").in_bulk(wanted)
    missing = wanted - set(articles)
    if missing:
        raise NotFound(f"There is no article {min(missing)}.")
    if comparison is not None:
        outside = wanted - {comparison.article_a_id, comparison.article_b_id}
        if outside:
            raise InvalidAnnotation(
                f"Article {min(outside)} is not one of the two articles of this comparison."
            )
    anchored = [_anchor(s, articles) for s in selections]
    with transaction.atomic():
        annotation = Annotation.objects.create(
            author=author, label=label, note=note, status=status, comparison=comparison
        )
        AnnotationTarget.objects.bulk_create(
            _target(annotation, article, anchor) for article, anchor in anchored
        )
    return annotation


def _target(annotation: Annotation, article: Article, anchor: Anchor) -> AnnotationTarget:
    return AnnotationTarget(
        annotation=annotation,
        article=article,
        text_hash=article.body_hash,
        exact=anchor.exact,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        start=anchor.start,
        end=anchor.end,
    )


def editable_annotation(user, annotation_id) -> Annotation:
    _check_writer(user)
    try:
        annotation = with_targets(Annotation.objects).get(pk=int(annotation_id))
    except (Annotation.DoesNotExist, TypeError, ValueError):
        raise NotFound(f"There is no annotation {annotation_id!r}.") from None
    if not can_edit(user, annotation):
        raise NotAllowed(f"Only {annotation.author} (or an editor) can change this annotation.")
    return annotation


def _conflict(annotation_id) -> EditConflict:
    current = Annotation.objects.select_related("author").filter(pk=annotation_id).first()
    if current is None:
        return EditConflict("This annotation was deleted meanwhile; nothing was saved.")
    when = timezone.localtime(current.modified).strftime("%H:%M:%S")
    return EditConflict(
        f"This annotation was changed at {when} (it is now version {current.version}) while you "
        "were editing it. Your change was not saved: reload it, then edit again."
    )


def annotation_update(
    *, user, annotation_id, version, label: str, note: str, status: str
) -> Annotation:
    """Save an edit made from `version`; refuse it if the annotation changed since."""
    annotation = editable_annotation(user, annotation_id)
    note = (note or "").strip()
    _check_fields(label, note, status)
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise InvalidAnnotation("The form is missing the annotation's version.") from None
    # One conditional UPDATE: two concurrent edits from the same version cannot both win.
    updated = Annotation.objects.filter(pk=annotation.pk, version=version).update(
        label=label,
        note=note,
        status=status,
        version=F("version") + 1,
        modified=timezone.now(),
    )
    if not updated:
        raise _conflict(annotation.pk)
    annotation.refresh_from_db()
    return annotation


def annotation_delete(*, user, annotation_id, version=None) -> None:
    annotation = editable_annotation(user, annotation_id)
    query = Annotation.objects.filter(pk=annotation.pk)
    if version not in (None, ""):
        try:
            query = query.filter(version=int(version))
        except (TypeError, ValueError):
            raise InvalidAnnotation("The annotation's version is not a number.") from None
    deleted, _ = query.delete()
    if not deleted:
        raise _conflict(annotation.pk)


# --- Re-anchoring ----------------------------------------------------------------------------


@dataclass
class ReanchorReport:
    kept: int = 0
    moved: int = 0
    orphaned: int = 0


def reanchor_article(article: Article) -> ReanchorReport:
    """After an article's body changed: find each annotated span again, or mark it orphaned.

    Orphans keep their old quote and position so a person can review them; they are checked
    again on the next change (the old text may come back)."""
    report = ReanchorReport()
    targets = list(article.annotation_targets.exclude(text_hash=article.body_hash, orphaned=False))
    for target in targets:
        old = Anchor(target.exact, target.prefix, target.suffix, target.start, target.end)
        found = reanchor(article.body, old)
        if found is None:
            target.orphaned = True
            report.orphaned += 1
        else:
            new = found.anchor
            moved = (new.start, new.end, new.exact) != (old.start, old.end, old.exact)
            report.moved += moved
            report.kept += not moved
            target.exact, target.prefix, target.suffix = new.exact, new.prefix, new.suffix
            target.start, target.end = new.start, new.end
            target.text_hash = article.body_hash
            target.orphaned = False
    AnnotationTarget.objects.bulk_update(
        targets, ["exact", "prefix", "suffix", "start", "end", "text_hash", "orphaned"]
    )
    return report


def reanchor_stale(article_ids: Iterable[int]) -> ReanchorReport:
    """Re-anchor the targets on these articles whose text changed since they were anchored
    (one cheap query when nothing changed). Ingest should call reanchor_article after it
    changes a body; this catches any change made another way before annotations are shown."""
    stale = (
        AnnotationTarget.objects.filter(article_id__in=list(article_ids))
        .exclude(text_hash=F("article__body_hash"))
        .values_list("article_id", flat=True)
        .distinct()
    )
    total = ReanchorReport()
    for article in Article.objects.filter(pk__in=list(stale)):
        report = reanchor_article(article)
        total.kept += report.kept
        total.moved += report.moved
        total.orphaned += report.orphaned
    return total


# --- Export ----------------------------------------------------------------------------------


# Where exports made without a request (the command line) say the site is, when
# settings.PARALLAX_SITE_URL is not set: the address `make run` serves on.
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def site_url(request_url: str = "") -> str:
    """The absolute base of every id in an export: settings.PARALLAX_SITE_URL when set, else
    the address the request came in on, else DEFAULT_SITE_URL. No trailing slash."""
    configured = getattr(settings, "PARALLAX_SITE_URL", "")
    return (configured or request_url or DEFAULT_SITE_URL).rstrip("/")


def _path(name: str, *args, fallback: str) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return fallback


def article_path(article_id: int) -> str:
    return _path("article_detail", article_id, fallback=f"/articles/{article_id}/")


def annotation_path(annotation_id: int) -> str:
    return _path("annotation_detail", annotation_id, fallback=f"/annotations/{annotation_id}/")


def comparison_path(a: int, b: int) -> str:
    return _path("compare", a, b, fallback=f"/compare/{a}/{b}/")


def person_path(username: str) -> str:
    return _path("person_detail", username, fallback=f"/people/{quote(username)}/")


def motivation(annotation: Annotation) -> str:
    """`linking` when it joins spans of two articles, `assessing` when it judges one span."""
    articles = {t.article_id for t in annotation.targets.all()}
    return "linking" if len(articles) > 1 else "assessing"


def annotation_jsonld(annotation: Annotation, *, base_url: str) -> dict:
    """One annotation in the W3C Web Annotation model (its context is the collection's)."""
    user = annotation.author
    body = [
        {
            "type": "TextualBody",
            "purpose": "classifying",
            "value": annotation.get_label_display(),
            "parallax:label": annotation.label,
        }
    ]
    if annotation.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note})
    item = {
        "id": base_url + annotation_path(annotation.pk),
        "type": "Annotation",
        "motivation": motivation(annotation),
        "creator": {
            "id": base_url + person_path(user.get_username()),
            "type": "Person",
            "nickname": user.get_username(),
        },
        "created": annotation.created.isoformat(),
        "modified": annotation.modified.isoformat(),
        "body": body,
        "target": [_target_jsonld(t, base_url=base_url) for t in annotation.targets.all()],
        "parallax:status": annotation.status,
    }
    if annotation.comparison_id:
        comparison = annotation.comparison
        item["parallax:comparison"] = base_url + comparison_path(
            comparison.article_a_id, comparison.article_b_id
        )
    return item


def _target_jsonld(target: AnnotationTarget, *, base_url: str) -> dict:
    article = target.article
    anchor = Anchor(target.exact, target.prefix, target.suffix, target.start, target.end)
    return {
        "type": "SpecificResource",
        "source": {
            "id": base_url + article_path(article.pk),
            "type": "Text",
            "title": article.display_title,
            "parallax:outlet": article.outlet.name,
            "parallax:url": article.url,
            "parallax:textHash": target.text_hash,
        },
        "selector": [anchor.quote_selector(), anchor.position_selector()],
        "parallax:orphaned": target.orphaned,
    }


def to_jsonld(annotations: Iterable[Annotation], *, base_url: str = "") -> dict:
    items = [annotation_jsonld(a, base_url=base_url) for a in annotations]
    return {
        "@context": JSONLD_CONTEXT,
        "id": f"{base_url}/annotations/export.jsonld",
        "type": "AnnotationCollection",
        "label": "Parallax annotations",
        "total": len(items),
        "generated": timezone.now().isoformat(),
        "items": items,
    }


CSV_COLUMNS = [
    "id",
    "label",
    "label_name",
    "status",
    "motivation",
    "note",
    "author",
    "created",
    "modified",
    "comparison",
    *(
        f"{side}_{column}"
        for side in ("a", "b")
        for column in ("outlet", "article_id", "title", "exact", "start", "end", "orphaned")
    ),
    # The comparison's address, as the JSON-LD's "parallax:comparison" gives it ("comparison"
    # keeps its id, for spreadsheets already reading it).
    "comparison_url",
]


def to_csv(annotations: Iterable[Annotation], *, base_url: str = "") -> str:
    """One row per annotation; its first two spans (and their outlets) in a_* and b_* columns.

    Every cell goes through `spreadsheet.csv_cell` (no cell can start a formula)."""
    return csv_text(CSV_COLUMNS, (_csv_row(annotation, base_url) for annotation in annotations))


def _csv_row(annotation: Annotation, base_url: str = "") -> list:
    targets = list(annotation.targets.all())[:2]
    row = [
        annotation.pk,
        annotation.label,
        annotation.get_label_display(),
        annotation.status,
        motivation(annotation),
        annotation.note,
        annotation.author.get_username(),
        annotation.created.isoformat(),
        annotation.modified.isoformat(),
        annotation.comparison_id or "",
    ]
    for target in targets + [None] * (2 - len(targets)):
        if target is None:
            row += [""] * 7
        else:
            row += [
                target.article.outlet.name,
                target.article_id,
                target.article.display_title,
                target.exact,
                target.start,
                target.end,
                "yes" if target.orphaned else "no",
            ]
    comparison = annotation.comparison if annotation.comparison_id else None
    row.append(
        base_url + comparison_path(comparison.article_a_id, comparison.article_b_id)
        if comparison
        else ""
    )
    return row


def comparison_json(comparison: Comparison, *, base_url: str = "") -> dict:
    """A whole comparison: both articles, the stored alignment and its annotations."""
    annotations = with_targets(filter_annotations(Annotation.objects.all(), comparison=comparison))

    def article(a: Article) -> dict:
        return {
            "id": a.pk,
            "url": base_url + article_path(a.pk),
            "outlet": a.outlet.name,
            "title": a.title,
            "display_title": a.display_title,
            "author": a.author,
            "published": a.published.isoformat() if a.published else None,
            "source_url": a.url,
            "text_hash": a.body_hash,
        }

    pair = Article.objects.select_related("outlet").in_bulk(
        [comparison.article_a_id, comparison.article_b_id]
    )
    return {
        "comparison": {
            "a": article(pair[comparison.article_a_id]),
            "b": article(pair[comparison.article_b_id]),
            "computed": comparison.computed.isoformat() if comparison.pk else None,
            "alignment": comparison.result if comparison.pk else {},
        },
        "annotations": to_jsonld(annotations, base_url=base_url),
    }


# --- Import ----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _find_article(source) -> Article | None:
    """The article a target's source names: by its text hash, then its original URL, then
    (same site) the article id in our own URL."""
    if isinstance(source, str):
        source = {"id": source}
    text_hash = source.get("parallax:textHash", "")
    if text_hash:
        found = Article.objects.filter(body_hash=text_hash).first()
        if found:
            return found
    original = source.get("parallax:url", "")
    if original:
        found = Article.objects.filter(url=original).first()
        if found:
            return found
    return None


def _import_item(item: dict, *, default_author) -> tuple[Annotation | None, str]:
    bodies = _as_list(item.get("body"))
    label = next(
        (b.get("parallax:label") for b in bodies if b.get("purpose") == "classifying"), None
    )
    if label is None:  # written elsewhere: accept the display name as well
        names = {name: value for value, name in Annotation.Label.choices}
        label = next(
            (names.get(b.get("value")) for b in bodies if b.get("purpose") == "classifying"),
            Annotation.Label.OTHER,
        )
    note = next((b.get("value", "") for b in bodies if b.get("purpose") == "commenting"), "")
    status = item.get("parallax:status", Annotation.State.OPEN)
    creator = item.get("creator") or {}
    username = creator.get("nickname") if isinstance(creator, dict) else None
    author = _author(username) if username else default_author
    if author is None:
        return None, f"{item.get('id')}: no creator and no --as user"
    created = parse_datetime(item.get("created") or "") or timezone.now()
    modified = parse_datetime(item.get("modified") or "") or created

    targets: list[tuple[Article, dict, str, bool]] = []
    for target in _as_list(item.get("target")):
        if isinstance(target, str) or "source" not in target:
            return None, f"{item.get('id')}: a target without a source and selectors"
        article = _find_article(target["source"])
        if article is None:
            return None, f"{item.get('id')}: its article is not in this database"
        selectors = {s.get("type"): s for s in _as_list(target.get("selector"))}
        text_hash = target["source"].get("parallax:textHash", "")
        targets.append((article, selectors, text_hash, bool(target.get("parallax:orphaned"))))
    if not targets:
        return None, f"{item.get('id')}: no target"

    duplicate = Annotation.objects.filter(author=author, created=created, label=label).exists()
    if duplicate:
        return None, ""
    _check_fields(label, note, status)
    annotation = Annotation.objects.create(author=author, label=label, note=note, status=status)
    AnnotationTarget.objects.bulk_create(_import_target(annotation, *t) for t in targets)
    Annotation.objects.filter(pk=annotation.pk).update(created=created, modified=modified)
    return annotation, ""


def _import_target(
    annotation: Annotation, article: Article, selectors: dict, text_hash: str, orphaned: bool
) -> AnnotationTarget:
    """Where the export says, if the text is the same; else found again by quote and context;
    else kept as an orphan with its old selectors, for review."""
    quote = selectors.get("TextQuoteSelector", {})
    position = selectors.get("TextPositionSelector", {})
    old = Anchor(
        exact=quote.get("exact", ""),
        prefix=quote.get("prefix", ""),
        suffix=quote.get("suffix", ""),
        start=int(position.get("start", 0)),
        end=int(position.get("end", 0)),
    )
    if not old.exact:
        raise InvalidAnnotation("a target without a TextQuoteSelector")
    found = None if orphaned and text_hash != article.body_hash else reanchor(article.body, old)
    if found is not None:
        return _target(annotation, article, found.anchor)
    target = _target(annotation, article, old)
    target.text_hash, target.orphaned = text_hash, True
    return target


def _author(username: str):
    """The user named in the export; one created without a password if this site lacks them
    (the annotation keeps its author, and nobody can log in as them until an admin allows)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def import_jsonld(data: dict, *, default_author=None) -> ImportReport:
    """Restore annotations from a JSON-LD export. Items already present (same author, creation
    time and label) are skipped, so importing twice adds nothing."""
    report = ImportReport()
    items = data.get("items") if isinstance(data, dict) else None
    if items is None and isinstance(data, dict) and data.get("type") == "Annotation":
        items = [data]
    if not isinstance(items, list):
        raise InvalidAnnotation("Not an annotation export: no `items` list.")
    for item in items:
        try:
            with transaction.atomic():
                annotation, problem = _import_item(item, default_author=default_author)
        except AnnotationError as exc:
            annotation, problem = None, f"{item.get('id')}: {exc.message}"
        if annotation is not None:
            report.created += 1
        else:
            report.skipped += 1
            if problem:
                report.problems.append(problem)
    return report


# --- Demo ------------------------------------------------------------------------------------

# (label, status, note, [(demo file, passage), ...]): what a new user sees before writing one.
DEMO_ANNOTATIONS = [
    (
        Annotation.Label.MISQUOTE,
        Annotation.State.CONFIRMED,
        "Meridian Wire stitches two of Varga's sentences into one quote and drops "
        '"we will not close it now".',
        [
            (
                "harbour_ledger.txt",
                "We are ready for talks. We have never closed the door to dialogue",
            ),
            (
                "meridian_wire.txt",
                "We are ready for talks, and we will study any serious proposal.",
            ),
        ],
    ),
    (
        Annotation.Label.OMISSION,
        Annotation.State.OPEN,
        "Only the Ledger reports Varga's figure for the river's lost flow.",
        [("harbour_ledger.txt", "the dams have cut water flow downstream by 40 percent this year")],
    ),
    (
        Annotation.Label.NUMBERS,
        Annotation.State.OPEN,
        "40 percent in the Ledger, a quarter in the Observer: same claim, different figure.",
        [
            ("harbour_ledger.txt", "cut water flow downstream by 40 percent"),
            ("northgate_observer.txt", "reduced the river's flow by a quarter"),
        ],
    ),
    (
        Annotation.Label.FRAMING,
        Annotation.State.DISMISSED,
        "\"Stunt\" is Holm's word, not the Wire's own; fair to quote in the headline.",
        [("meridian_wire.txt", "dismissed an offer of talks from Arvenia")],
    ),
]


def load_demo_annotations(user) -> int:
    """Add the demo annotations (skipping any already there or whose passage is missing)."""
    articles = {a.source_name: a for a in Article.objects.filter(source_name__endswith=".txt")}
    created = 0
    for label, status, note, spans in DEMO_ANNOTATIONS:
        if Annotation.objects.filter(author=user, note=note).exists():
            continue
        selections = []
        for name, passage in spans:
            article = articles.get(name)
            if article is None or passage not in article.body:
                break
            selections.append(Selection(article.pk, passage, article.body.index(passage)))
        else:
            ids = sorted(s.article_id for s in selections)
            comparison = None
            if len(ids) == 2:
                comparison = Comparison.objects.filter(
                    article_a_id=ids[0], article_b_id=ids[1]
                ).first()
            annotation_create(
                author=user,
                label=label,
                note=note,
                status=status,
                selections=selections,
                comparison=comparison,
            )
            created += 1
    return created
