"""Turn what a person uploads (plain text, HTML, Markdown) into a clean article body and its
metadata. PLACEHOLDER: the ingest work replaces this with the real cleaner."""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class CleanedArticle:
    body: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: date | None = None
    url: str = ""
    removed: list[str] = field(default_factory=list)


def clean(raw: str, *, kind: str = "text", url: str = "", filename: str = "") -> CleanedArticle:
    """Clean one uploaded document. `kind` is "text", "html" or "markdown"."""
    lines = [line.strip() for line in raw.strip().splitlines()]
    outlet = ""
    if lines and " via " in lines[0]:
        outlet = lines[0].rsplit(" via ", 1)[1].rstrip(",. ")
        lines = lines[1:]
    elif lines and len(lines[0].split()) <= 4 and not lines[0].endswith("."):
        outlet, lines = lines[0], lines[1:]
    return CleanedArticle(body="\n".join(lines).strip(), outlet=outlet, url=url)
