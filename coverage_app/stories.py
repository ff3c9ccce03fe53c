"""Stories: grouping articles that cover the same event.
FIRST CUT: the stories work owns and replaces this module."""

from coverage_app.models import Article, Story


def assign_story(article: Article) -> Story | None:
    """Put a freshly ingested article into a story (never moving a pinned one)."""
    return article.story
