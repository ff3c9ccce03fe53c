"""Turn what a person uploads (plain text, HTML, Markdown, or raw bytes) into a clean article
body and its metadata.

Real copies of articles carry more than the article: a site name and headline on top, a byline
(`By X | October 12, 2022`, `date 2022-10-12 Authored by X via Outlet,`), share and login
widgets, a "Posted by ... | Filed under" footer, reader comments with a "Leave a Reply" form,
newsletter and cookie notices, and embedded tweets whose credit line
(`https://t.co/... — Name (@handle) October 11, 2022`) is glued to the last sentence.
`clean()` takes the metadata out of the header, cuts the rest, keeps the article's own
sentences, and lists everything it cut in `CleanedArticle.removed` (each `Cut` with the kind of
thing it was) so a person can check it.

Pure: no Django. `decoding.decode()` turns uploaded bytes into text first (or says why it
cannot); the lists of page furniture are in `cleaning_words`, header dates are read by
`dates.parse_date`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from coverage_app.text.clean.cleaning_words import END_MARKERS, FURNITURE_MARKERS
from coverage_app.text.clean.dates import DATE_PATTERN, parse_date

__all__ = [
    "CleanedArticle",
    "Cut",
    "KINDS",
    "clean",
    "domain_of",
]


# The files `clean` reads, by name ending: the kind of text each holds.
KINDS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}

# What a cut block was, for the person checking what cleaning did.
HEADER = "header"  # site name, headline, byline, date line: read as metadata
AFTER_ARTICLE = "after"  # reader comments, reply form, "Posted by" footer
WIDGET = "widget"  # share, login, newsletter and cookie lines inside the text
TWEET_CREDIT = "tweet"  # an embedded tweet's link and credit
AUTHOR_BIO = "bio"  # the closing "<author> is a journalist at ..." line about the writer
MARKUP = "markup"  # HTML markup, scripts and navigation (not listed block by block)


@dataclass(frozen=True)
class Cut:
    text: str
    kind: str


@dataclass
class CleanedArticle:
    body: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: date | None = None
    url: str = ""
    removed: list[Cut] = field(default_factory=list)


# --- patterns of what is not the article ----------------------------------------------------

_TIME = r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|la|le|bin|al|y)){0,4}"

# `date 2023-03-14 Authored by Jane Roe via Quillpost.com,` (wire re-publications)
_WIRE_HEADER = re.compile(
    r"^\s*(?:date\s+(?P<date>\d{4}-\d{2}-\d{2}))?\s*"
    r"(?:(?:Authored|Written|Submitted)\s+by\s+(?P<author>.+?))?"
    r"(?:\s*,?\s+via\s+(?P<outlet>.+?))?\s*[,.:]?\s*$",
    re.I,
)
# `By Piet Moller | March 14, 2023`, `By Jane Roe, Staff Writer`, `Posted on X by Y`
_BYLINE = re.compile(
    rf"^\s*(?:(?:Posted|Published|Written|Story|Words)\s+)?(?:by|By|BY)[:\s]+(?P<author>{_NAME}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME})*)"
    r"(?P<rest>(?:\s*[|,•·–—-]\s*.*)?)$"
)
_POSTED_ON = re.compile(
    rf"^\s*(?:Posted|Published|Updated|Last updated)(?:\s+on)?:?\s*(?P<date>{DATE_PATTERN})"
    rf"{_TIME}\s*(?:by\s+(?P<author>{_NAME}))?\s*$",
    re.I,
)
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:Published|Posted|Updated|Last updated|Date)(?:\s+on)?:?\s*)?"
    rf"{DATE_PATTERN}{_TIME}\s*(?:[|,–—-]\s*(?:Updated|\d+\s+min(?:ute)?s?\s+read).*)?$",
    re.I,
)

_END = re.compile(r"^\s*(?:" + "|".join(END_MARKERS) + r")\s*$", re.I)

_FURNITURE = re.compile(r"^\s*(?:" + "|".join(FURNITURE_MARKERS) + r")\s*$", re.I)

# Comment metadata lines ("Comment by X | October 12, 2022 | Reply", "X says:", "2 days ago").
_COMMENT_META = re.compile(
    r"^\s*(?:comment by\b.*|.{1,60}\s+says:\s*|\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago\s*"
    r"|.*\|\s*reply\s*)$",
    re.I,
)

# Embedded tweets: the link(s) and the credit `— Name (@handle) October 11, 2022`.
_TWEET_LINK = r"(?:https?://t\.co/\w+|(?:https?://)?pic\.twitter\.com/\w+)"
_TWEET_CREDIT = re.compile(
    rf"(?:\s*{_TWEET_LINK})+(?:\s*[—–-]{{1,2}}\s*[^\n—–()]{{1,80}}?\s*\(@\w{{1,15}}\)"
    rf"(?:\s*{DATE_PATTERN})?)?"
    rf"|\s*[—–]\s*[^\n—–()]{{1,80}}?\s*\(@\w{{1,15}}\)\s*{DATE_PATTERN}",
    re.I,
)
# A markup tag in a text upload: `<tweet id="7" author="@x">`, `</tweet>`, `<br/>`.
_MARKUP_TAG = re.compile(
    r"</?[A-Za-z][\w-]*(?:\s+[\w:-]+=(?:\"[^\"\n<>]*\"|'[^'\n<>]*'|[^\s\"'<>]+))*\s*/?>"
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


# A typewriter dash run into the words on either side ("(Wire)--The mayor"): spaced, so that
# it reads as the dash it is and not as part of a name.
_GLUED_DASH = re.compile(r"(?<=[\w).,])--(?=[\w(\"“])")


# A curly quotation mark run into the next or the previous word by bad copy (`paranoia,”Vask
# said`, `said:“We`): spaced, so that the quote ends (or opens) where the mark says.
_GLUED_CLOSE = re.compile(r"(?<=[,.!?…])”(?=[^\W\d_])")
_GLUED_OPEN = re.compile(r"(?<=[,:;.!?])“(?=[^\W\d_])")


# Typewriter quotation marks: ``Words'' (two backticks, two apostrophes) and ''Words'' (two
# apostrophes both ways). They become the curly marks they stand for, so that quotations in
# that style are found like any other; a doubled apostrophe after a digit (12'') is left.
_TYPEWRITER_OPEN = re.compile(r"``|(?<![\w'’])''(?=[\w\[…$'‘])")
_TYPEWRITER_CLOSE = re.compile(r"(?<=[^\s\d’])''(?![\w'])")


def _typewriter_quotes(text: str) -> str:
    if "''" not in text and "``" not in text:
        return text
    text = _TYPEWRITER_CLOSE.sub("”", text)
    return _TYPEWRITER_OPEN.sub("“", text)


def _normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = _ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    text = _GLUED_DASH.sub(" -- ", text)
    text = _typewriter_quotes(text)
    text = _GLUED_OPEN.sub(" “", _GLUED_CLOSE.sub("” ", text))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each kept with its line breaks."""
    return [block.strip("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]


def _is_sentence(line: str) -> bool:
    """A line that reads like article prose rather than a label (long, or ends a sentence)."""
    words = line.split()
    return len(words) >= 25 or (len(words) >= 8 and line.rstrip()[-1:] in '.?!"”’)')


def _is_label(line: str) -> bool:
    """A short line that is not a sentence: a site name, a section or a headline."""
    return len(line.split()) <= 25 and not _is_sentence(line) and line.rstrip()[-1:] not in ".,;"


def _looks_like_site_name(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 5 or line.rstrip()[-1:] in ".?!:":
        return False
    if re.search(r"\.(?:com|org|net|news|info|co\.uk|co|io|ru|de|fr)\b", line, re.I):
        return True
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words)


# --- the header -----------------------------------------------------------------------------


@dataclass
class _Header:
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: date | None = None
    lines: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)  # widget lines among them


def _read_header(blocks: list[str]) -> tuple[_Header, int]:
    """Metadata from the lines before the article's first paragraph, and where the body starts.

    Looks at the first few blocks only; stops at the first block that reads like prose and is
    not a recognised header line.
    """
    header = _Header()
    labels: list[str] = []  # short unrecognised lines: site name, headline, section
    index = 0
    index = 0
    for index, block in enumerate(blocks[:12]):  # noqa: B007
        consumed = True
        previous_was_label = False
        for line in (line.strip() for line in block.split("\n") if line.strip()):
            if previous_was_label and line[:1].islower():
                return _Header(), 0  # the "label" was the first line of hard-wrapped prose
            previous_was_label = False
            if _take_header_line(line, header):
                header.lines.append(line)
            elif _FURNITURE.match(line):
                header.lines.append(line)
                header.furniture.append(line)
            elif _is_label(line) and len(labels) < 4:
                labels.append(line)  # site name, section, headline
                header.lines.append(line)
                previous_was_label = True
            else:
                consumed = False
                break
        if not consumed:
            break
    else:
        return _Header(), 0  # nothing but short lines: no header to speak of
    if not header.lines:
        return _Header(), 0
    # A block that was only partly header: keep its remaining lines as body.
    if index < len(blocks):
        first = [line for line in blocks[index].split("\n") if line.strip()]
        taken = 0
        for line in first:
            if line.strip() in header.lines:
                taken += 1
            else:
                break
        if taken:
            blocks[index] = "\n".join(first[taken:])
    _labels_to_title(labels, header)
    return header, index


def _take_header_line(line: str, header: _Header) -> bool:
    wire = _WIRE_HEADER.match(line)
    if wire and (wire.group("date") or wire.group("author")) and len(line.split()) <= 20:
        header.published = header.published or parse_date(wire.group("date") or "")
        if wire.group("author"):
            header.author = header.author or wire.group("author").strip(" ,")
        if wire.group("outlet"):
            header.outlet = header.outlet or wire.group("outlet").strip(" ,.")
        return True
    posted = _POSTED_ON.match(line)
    if posted:
        header.published = header.published or parse_date(posted.group("date"))
        if posted.group("author"):
            header.author = header.author or posted.group("author").strip()
        return True
    byline = _BYLINE.match(line)
    if byline and len(line.split()) <= 20 and not _is_sentence(byline.group("author")):
        author = byline.group("author").strip()
        # "By Jane Roe, Staff Writer": keep the name, drop the role.
        author = re.split(r"\s*,\s*(?=[A-Z]?[a-z])", author)[0]
        header.author = header.author or author
        header.published = header.published or parse_date(byline.group("rest"))
        return True
    if _DATE_LINE.match(line):
        header.published = header.published or parse_date(line)
        return True
    return False


def _labels_to_title(labels: list[str], header: _Header) -> None:
    labels = [label.lstrip("#").strip() for label in labels if label.lstrip("#").strip()]
    if not labels:
        return
    if len(labels) == 1:
        only = labels[0]
        if not header.outlet and _looks_like_site_name(only) and len(only.split()) <= 3:
            header.outlet = only
        else:
            header.title = only
        return
    first, rest = labels[0], labels[1:]
    if not header.outlet and _looks_like_site_name(first):
        header.outlet = first
    else:
        rest = labels
    header.title = max(rest, key=lambda label: len(label.split()))


# --- the body -------------------------------------------------------------------------------


def _cut_end(blocks: list[str], start: int) -> tuple[list[str], list[str]]:
    """Blocks of the article and blocks after its end (comments, footers, reply forms)."""
    for i in range(start, len(blocks)):
        first_line = blocks[i].strip().split("\n")[0]
        if i > start and (_END.match(first_line) or _COMMENT_META.match(first_line)):
            cut = i
            # A comment's text comes before its "Comment by" line: take numbered ones too.
            while cut - 1 > start and re.match(r"^\s*\d{1,3}[.)]\s", blocks[cut - 1]):
                cut -= 1
            return blocks[start:cut], blocks[cut:]
    return blocks[start:], []


def _drop_furniture(blocks: list[str], removed: list[Cut]) -> list[str]:
    kept = []
    for block in blocks:
        lines = block.split("\n")
        good = []
        for line in lines:
            if _FURNITURE.match(line) or (not _is_sentence(line) and _COMMENT_META.match(line)):
                removed.append(Cut(line.strip(), WIDGET))
            else:
                good.append(line)
        if any(line.strip() for line in good):
            kept.append("\n".join(good))
    return kept


_BIO_ROLES = (
    "journalist|writer|reporter|researcher|author|editor|correspondent|analyst|professor|"
    "columnist|contributor|consultant|commentator|fellow|lecturer|historian|economist|scholar|"
    "blogger|broadcaster|novelist|photographer|filmmaker|student|graduate"
)
_AUTHOR_BIO = re.compile(
    r"^(?:[-—–]\s*)?(?P<name>(?:[A-Z][\w'’.-]+\s+){1,3}?)(?:is|was)\s+(?:an?|the)\s+"
    rf"(?:[\w'’,-]+\s+){{0,8}}?(?:{_BIO_ROLES})s?\b"
)
MAX_BIO_CHARS = 600


def _cut_author_bio(blocks: list[str], author: str, removed: list[Cut]) -> list[str]:
    """The closing lines about the writer ("Mara Lind is a journalist based in Orsby."): the
    last paragraph, short, naming the byline's author, or someone the article never mentioned
    before (a source introduced earlier, "Dr Vos is an economist at...", stays)."""
    if len(blocks) < 2:
        return blocks
    last = blocks[-1].strip()
    match = _AUTHOR_BIO.match(last)
    if not match or len(last) > MAX_BIO_CHARS:
        return blocks
    name = match.group("name").split()
    earlier = "\n".join(blocks[:-1])
    by_author = bool(author) and any(part in author.split() for part in name)
    if by_author or not any(part in earlier for part in name if len(part) > 2):
        removed.append(Cut(last, AUTHOR_BIO))
        return blocks[:-1]
    return blocks


def _unwrap(block: str) -> str:
    """One block's lines as paragraphs: hard-wrapped lines joined, finished lines kept apart."""
    paragraphs: list[str] = []
    for line in (line.strip() for line in block.split("\n")):
        if not line:
            continue
        if paragraphs and paragraphs[-1][-1:] not in '.?!"”’):;':
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def _cut_tweet_credits(text: str, removed: list[Cut]) -> str:
    def cut(match: re.Match) -> str:
        removed.append(Cut(match.group(0).strip(), TWEET_CREDIT))
        return ""

    return _TWEET_CREDIT.sub(cut, text)


def _trailing_date(blocks: list[str]) -> date | None:
    for block in blocks[:3]:
        first = block.strip().split("\n")[0]
        if re.search(r"posted|filed|published", first, re.I):
            return parse_date(first)
    return None


def _cut_markup_tags(text: str, removed: list[Cut]) -> str:
    """Markup tags left in a text (`<tweet id="1" author="@x">...</tweet>` around an embedded
    post): the tags go, with their quoted attribute values, and the words between them stay."""

    def cut(match: re.Match) -> str:
        removed.append(Cut(match.group(0), MARKUP))
        return ""

    return _MARKUP_TAG.sub(cut, text)


def _clean_text(text: str, *, title: str = "", author: str = "") -> CleanedArticle:
    removed: list[Cut] = []
    blocks = _paragraphs(_cut_markup_tags(_normalise(text), removed))
    header, start = _read_header(blocks)
    removed.extend(
        Cut(line, WIDGET if line in header.furniture else HEADER) for line in header.lines if line
    )
    body_blocks, tail = _cut_end(blocks, start)
    removed.extend(Cut(block.strip(), AFTER_ARTICLE) for block in tail)
    body_blocks = _drop_furniture(body_blocks, removed)
    paragraphs = [p for block in body_blocks for p in _unwrap(block).split("\n\n") if p]
    paragraphs = _cut_author_bio(paragraphs, author or header.author, removed)
    body = "\n\n".join(paragraphs)
    body = _cut_tweet_credits(body, removed)
    body = re.sub(r"[ ]{2,}", " ", body).strip()
    published = header.published or _trailing_date(tail)
    return CleanedArticle(
        body=body,
        title=title or header.title,
        outlet=header.outlet,
        author=header.author,
        published=published,
        removed=[cut for cut in removed if cut.text],
    )


# --- HTML and Markdown ----------------------------------------------------------------------


def _clean_html(raw: str, url: str) -> CleanedArticle:
    import trafilatura

    document = trafilatura.bare_extraction(
        raw,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    if document is None:
        return CleanedArticle(
            body="", url=url, removed=[Cut("(no article text found in the HTML)", MARKUP)]
        )
    text = re.sub(r"\n+", "\n\n", document.text or "")
    cleaned = _clean_text(text, author=(document.author or "").strip())
    published = None
    if document.date:
        try:
            published = datetime.strptime(document.date[:10], "%Y-%m-%d").date()
        except ValueError:
            published = None
    return CleanedArticle(
        body=cleaned.body,
        title=(document.title or "").strip() or cleaned.title,
        outlet=(document.sitename or "").strip() or cleaned.outlet,
        author=(document.author or "").strip() or cleaned.author,
        published=published or cleaned.published,
        url=url or (document.url or ""),
        removed=[Cut("HTML markup, scripts, navigation and comments", MARKUP), *cleaned.removed],
    )


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def _markdown_to_text(raw: str) -> tuple[str, str]:
    """Markdown as plain text, and its first level-1 heading (the title) if any."""
    title = ""
    lines = []
    in_front_matter = False
    for number, line in enumerate(_normalise(raw).split("\n")):
        if number == 0 and line.strip() == "---":
            in_front_matter = True
            continue
        if in_front_matter:
            if line.strip() == "---":
                in_front_matter = False
            elif m := re.match(r"^title:\s*[\"']?(.+?)[\"']?\s*$", line):
                title = title or m.group(1)
            continue
        if line.strip().startswith("```"):
            continue
        heading = re.match(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            if not title and line.lstrip().startswith("# "):
                title = heading.group(1)
                continue
            line = heading.group(1)
        line = re.sub(r"^\s*>\s?", "", line)
        line = re.sub(r"^\s*[-*+]\s+", "", line)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        line = re.sub(r"`([^`]*)`", r"\1", line)
        if re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line):
            line = ""
        lines.append(line)
    return "\n".join(lines), title


# --- the entry point ------------------------------------------------------------------------


def domain_of(url: str) -> str:
    """The site's domain from a URL, without `www.` (news.example.co.uk -> example.co.uk)."""
    match = re.match(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]*@)?([^/:?#]+)", (url or "").strip(), re.I)
    if not match:
        return ""
    host = match.group(1).lower().rstrip(".")
    if "." not in host:
        return ""
    parts = host.split(".")
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in {"co", "com", "org", "net", "ac"}:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def clean(raw: str, *, kind: str = "text", url: str = "", filename: str = "") -> CleanedArticle:
    """Clean one uploaded document. `kind` is "text", "html" or "markdown".

    Returns the body (the article's own paragraphs, separated by blank lines), the metadata
    found in it, and the list of blocks that were cut. Never raises on odd text; an empty
    body means there was no article to find.
    """
    if kind == "html":
        cleaned = _clean_html(raw, url)
    elif kind == "markdown":
        text, title = _markdown_to_text(raw)
        cleaned = _clean_text(text, title=title)
    else:
        cleaned = _clean_text(raw)
    cleaned.url = cleaned.url or url
    if not cleaned.outlet and url:
        cleaned.outlet = domain_of(url)
    cleaned.title = " ".join(cleaned.title.split())[:500]
    cleaned.author = " ".join(cleaned.author.split())[:300]
    cleaned.outlet = " ".join(cleaned.outlet.split())[:200]
    return cleaned
