"""Bringing articles in: create them from uploads, then clean and extract in the background.
FIRST CUT: the ingest work owns and extends this module."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coverage_app import speakers, stories
from coverage_app.models import Article, Outlet, Quote, text_hash
from coverage_app.text import cleaning, nlp
from coverage_app.text.extract import extract


def outlet_key(name: str) -> str:
    key = "".join(ch for ch in name.lower() if ch.isalnum() or ch.isspace())
    key = " ".join(key.split())
    return key.removeprefix("the ").strip() or "unknown"


def outlet_for(name: str, domain: str = "") -> Outlet:
    name = name.strip() or "Unknown outlet"
    outlet, _ = Outlet.objects.get_or_create(
        key=outlet_key(name), defaults={"name": name, "domain": domain}
    )
    return outlet


def create_article(raw: str, *, kind: str = "text", filename: str = "", user=None) -> Article:
    cleaned = cleaning.clean(raw, kind=kind, filename=filename)
    return Article.objects.create(
        outlet=outlet_for(cleaned.outlet),
        title=cleaned.title,
        author=cleaned.author,
        published=cleaned.published,
        source_name=filename,
        raw=raw,
        source_kind=kind,
        body=cleaned.body,
        body_hash=text_hash(cleaned.body),
        removed=cleaned.removed,
        created_by=user,
    )


def extract_article(article: Article) -> None:
    doc = nlp.load(settings.SPACY_MODEL)(article.body)
    result = extract(doc, published=article.published)
    with transaction.atomic():
        article.quotes.all().delete()
        Quote.objects.bulk_create(
            Quote(
                article=article,
                speaker=speakers.speaker_for(q["speaker"]),
                speaker_name=q["speaker"] or "",
                text=q["text"],
                kind=q["kind"],
                start=q["start"],
                end=q["end"],
                utterance=q["utterance"],
                sentence=q["sentence"],
            )
            for q in result.quotes
        )
        article.status = Article.Status.DONE
        article.extracted_at = timezone.now()
        article.save(update_fields=["status", "extracted_at", "updated"])
    stories.assign_story(article)


def article_from_demo(path, *, user=None) -> tuple[Article, bool]:
    raw = path.read_text(encoding="utf-8")
    cleaned = cleaning.clean(raw, kind="text", filename=path.name)
    existing = Article.objects.filter(body_hash=text_hash(cleaned.body)).first()
    if existing:
        return existing, False
    return create_article(raw, kind="text", filename=path.name, user=user), True
