"""Ingest re-anchors annotations when an article's stored body has changed."""

import pytest

from coverage_app.ingest import pipeline, queueing
from coverage_app.models import Annotation, AnnotationTarget, Article, text_hash

BODY = (
    "Minister Ada Kern said on Monday that the bridge would reopen in May. "
    '"We will not wait another winter," Kern told reporters in Halden.'
)


@pytest.mark.django_db
def test_reingesting_a_changed_body_moves_the_span_or_leaves_it_alone(demo_user):
    article = pipeline.extract_article(queueing.create_article(BODY, filename="kern.txt"))
    exact = "We will not wait another winter"
    start = article.body.index(exact)
    annotation = Annotation.objects.create(author=demo_user, label="misquote")
    target = AnnotationTarget.objects.create(
        annotation=annotation,
        article=article,
        text_hash=article.body_hash,
        exact=exact,
        prefix=article.body[max(0, start - 32) : start],
        suffix=article.body[start + len(exact) : start + len(exact) + 32],
        start=start,
        end=start + len(exact),
    )
    new_body = "UPDATED: the story has a new first line.\n\n" + article.body
    Article.objects.filter(pk=article.pk).update(body=new_body, body_hash=text_hash(new_body))
    article.refresh_from_db()

    pipeline.extract_article(article)

    target.refresh_from_db()
    assert not target.orphaned
    assert new_body[target.start : target.end] == exact
    assert target.text_hash == text_hash(new_body)
