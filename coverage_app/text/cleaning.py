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

Pure: no Django. `decode()` turns uploaded bytes into text (or says why it cannot).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = [
    "CleanedArticle",
    "Cut",
    "UnreadableInput",
    "clean",
    "decode",
    "domain_of",
    "first_sentence",
    "headline_from_body",
]


# What a cut block was, for the person checking what cleaning did.
HEADER = "header"  # site name, headline, byline, date line: read as metadata
AFTER_ARTICLE = "after"  # reader comments, reply form, "Posted by" footer
WIDGET = "widget"  # share, login, newsletter and cookie lines inside the text
TWEET_CREDIT = "tweet"  # an embedded tweet's link and credit
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


class UnreadableInput(ValueError):
    """The upload is not text we can read (binary, an image, an unknown encoding, empty)."""


# --- bytes to text --------------------------------------------------------------------------

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\x1f\x8b": "a gzip archive",
    b"RIFF": "a RIFF (WebP/WAV/AVI) file",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"\x7fELF": "a program",
    b"BM": None,  # too short to trust alone
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


# Names a person recognises, for the encodings we report.
ENCODING_NAMES = {
    "utf_8": "UTF-8",
    "utf-8": "UTF-8",
    "utf_16": "UTF-16",
    "cp1252": "Windows-1252 (Western European)",
    "windows-1252": "Windows-1252 (Western European)",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "iso-8859-1": "ISO-8859-1 (Latin-1)",
    "iso8859-1": "ISO-8859-1 (Latin-1)",
    "iso8859_15": "ISO-8859-15 (Latin-9)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8_r": "KOI8-R (Cyrillic)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "shift_jis": "Shift JIS (Japanese)",
    "cp932": "Shift JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "gb2312": "GB2312 (Chinese)",
    "gb18030": "GB18030 (Chinese)",
    "big5": "Big5 (Chinese)",
    "euc_kr": "EUC-KR (Korean)",
}
# Declared charsets that browsers read as Windows-1252 (the WHATWG Encoding Standard does too):
# a page saying "iso-8859-1" with curly quotes in 0x93/0x94 means Windows-1252.
_READ_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
# A word of four or more letters none of which is ASCII: normal in Cyrillic, Greek or CJK text
# wrongly read as Windows-1252 ("Ïðèâåò"), rare in Western European text ("élèves", "Café").
_ALL_NON_ASCII_WORD = re.compile(r"\b[^\W\d_a-zA-Z]{4,}\b")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a readable name: "UTF-8", "Windows-1252 (Western European)", ...

    @property
    def is_utf8(self) -> bool:
        return self.encoding == "UTF-8"


def encoding_name(codec: str) -> str:
    key = codec.lower().replace(" ", "")
    return ENCODING_NAMES.get(key) or ENCODING_NAMES.get(key.replace("-", "_")) or codec.upper()


def decode(data: bytes) -> str:
    """Bytes of an uploaded text/HTML/Markdown file as text (see `decode_with_encoding`)."""
    return decode_with_encoding(data).text


def decode_with_encoding(data: bytes) -> Decoded:
    """Bytes of an uploaded text/HTML/Markdown file as text, and the encoding that was used.

    In this order: UTF-16 with a BOM; UTF-8 (with or without BOM); an HTML `<meta charset>`
    (ISO-8859-1 and ASCII read as Windows-1252, as browsers do); then Windows-1252, the
    commonest single-byte encoding of news copy, unless its reading is clearly wrong (bytes
    Windows-1252 does not define, or words made only of accented letters, as Cyrillic or Greek
    text gives), when the encoding is detected. Binary data (images, archives, anything with
    NUL bytes or many control characters) raises UnreadableInput.
    """
    if not data.strip():
        raise UnreadableInput("The file is empty.")
    for magic, what in _MAGIC.items():
        if what and data.startswith(magic):
            raise UnreadableInput(f"This is {what}, not text.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "UTF-16")
        except UnicodeDecodeError as exc:
            raise UnreadableInput("The file says it is UTF-16 but cannot be read so.") from exc
    if b"\x00" in data[:65536]:
        raise UnreadableInput("This looks like a binary file (it contains NUL bytes), not text.")
    control = sum(1 for b in data[:65536] if b < 32 and b not in (9, 10, 12, 13))
    if control > max(2, len(data[:65536]) // 100):
        raise UnreadableInput("This looks like a binary file, not text.")
    try:
        return Decoded(data.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        codec = declared.group(1).decode("ascii").lower()
        if codec in _READ_AS_CP1252:
            codec = "cp1252"
        try:
            return Decoded(data.decode(codec), encoding_name(codec))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and not _reads_as_another_script(western):
        return Decoded(western, encoding_name("cp1252"))
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        if western is not None:
            return Decoded(western, encoding_name("cp1252"))
        try:  # every byte is a Latin-1 character: readable, if not always right
            return Decoded(data.decode("latin-1"), encoding_name("latin_1"))
        except UnicodeDecodeError:
            pass
        raise UnreadableInput(
            "The text is not UTF-8 and its encoding could not be recognised; "
            "save it as UTF-8 and upload it again."
        )
    return Decoded(str(best), encoding_name(best.encoding))


def _reads_as_another_script(text: str) -> bool:
    """Whether a Windows-1252 reading looks like text of another script read wrongly."""
    words = re.findall(r"\w+", text[:200_000])
    if not words:
        return False
    strange = len(_ALL_NON_ASCII_WORD.findall(text[:200_000]))
    return strange >= 3 and strange / len(words) > 0.05


# --- dates ----------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
DATE_PATTERN = (
    rf"(?:{_WEEKDAY}{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|{_WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_DATE = re.compile(DATE_PATTERN, re.I)


def parse_date(text: str) -> date | None:
    """The first date written in `text` (October 12, 2022 / 12 Oct 2022 / 2022-10-12)."""
    match = _DATE.search(text or "")
    if not match:
        return None
    value = match.group(0)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        words = re.findall(r"[A-Za-z]+|\d+", value)
        numbers = [int(w) for w in words if w.isdigit()]
        month = next(_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS)
        year = next(n for n in numbers if n > 31)
        day = next(n for n in numbers if n <= 31)
        return date(year, month, day)
    except (ValueError, StopIteration):
        return None


# --- patterns of what is not the article ----------------------------------------------------

_TIME = r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|la|le|bin|al|y)){0,4}"

# `date 2022-10-12 Authored by Dave DeCamp via AntiWar.com,` (wire re-publications)
_WIRE_HEADER = re.compile(
    r"^\s*(?:date\s+(?P<date>\d{4}-\d{2}-\d{2}))?\s*"
    r"(?:(?:Authored|Written|Submitted)\s+by\s+(?P<author>.+?))?"
    r"(?:\s*,?\s+via\s+(?P<outlet>.+?))?\s*[,.:]?\s*$",
    re.I,
)
# `By Lucas Leiroz | October 12, 2022`, `By Jane Roe, Staff Writer`, `Posted on X by Y`
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

# A line from here on ends the article: comments, reply forms, post footers.
_END_MARKERS = [
    r"leave a (?:reply|comment)",
    r"post a comment",
    r"add (?:a|your) comment",
    r"\d+\s+(?:comments?|responses?|replies)(?:\s+(?:to|on)\b.*)?",
    r"(?:comments?|responses?|discussion)\s*(?:\(\d+\))?:?",
    r"show comments",
    r"join the (?:conversation|discussion)",
    r"comments are closed\.?",
    r".{0,60}\s[-–—]\s*posted by\b.*",
    r"posted by\s*\|.*",
    r"posted (?:in|under)\b.*",
    r"filed under\b.*",
    r"related(?: (?:posts|articles|stories|content|reading))?:?",
    r"(?:you may|you might) also (?:like|be interested in).*",
    r"more from\b.{0,40}",
    r"read (?:more|next):?",
    r"recommended(?: for you)?:?",
    r"this site uses akismet.*",
    r"comment by\b.*",
    r"share this:?",
    r"like this:?",
    r"about the author:?",
]
_END = re.compile(r"^\s*(?:" + "|".join(_END_MARKERS) + r")\s*$", re.I)

# Single lines of page furniture, dropped wherever they stand.
_FURNITURE_MARKERS = [
    r"(?:share|tweet|email|print|pin|post)(?: (?:this|on \w+|article|story))?\.?",
    r"(?:share|follow us)(?: this(?: article| story| post| page)?)?(?: on)?:?\s*"
    r"(?:(?:facebook|twitter|x|linkedin|whatsapp|telegram|"
    r"reddit|email|print|copy link)[\s,|·•]*)+",
    r"click to (?:share|print|email)\b.*",
    r"(?:facebook|twitter|linkedin|whatsapp|telegram|reddit|email|print|copy link)",
    r"advertisement|sponsored(?: content)?|ad",
    r"(?:subscribe|sign up)\b.{0,80}(?:newsletter|inbox|updates|email).*",
    r".{0,60}\bnewsletter\b.{0,60}(?:subscribe|sign up|inbox).*",
    r"(?:we|this (?:site|website)) uses? cookies\b.*",
    r".{0,80}\bcookies?\b.{0,80}(?:accept|consent|policy|preferences).*",
    r"accept(?: all)?(?: cookies)?|manage (?:cookies|preferences)|cookie (?:policy|settings)",
    r"(?:log ?in|sign ?in|register|log out|sign out)(?: to (?:comment|reply))?\.?",
    r"skip to (?:content|main content)",
    r"(?:you can )?follow (?:us|\w+) on (?:telegram|twitter|x|facebook|instagram)\.?",
    r"(?:liked|like) by \d+ (?:person|people)",
    r"reply(?: ↓)?",
    r"loading\.*",
    r"%d bloggers like this:?",
    r"(?:read|listen to) (?:this|the) (?:article|story)\b.{0,30}",
    r"\d+\s+min(?:ute)?s?\s+read",
    r"(?:image|photo|picture)(?: credit)?:.{0,120}",
    r"(?:all rights reserved|©|\(c\)|copyright)\b.{0,120}",
]
_FURNITURE = re.compile(r"^\s*(?:" + "|".join(_FURNITURE_MARKERS) + r")\s*$", re.I)

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
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = _ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
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


def _clean_text(text: str, *, title: str = "") -> CleanedArticle:
    removed: list[Cut] = []
    blocks = _paragraphs(_normalise(text))
    header, start = _read_header(blocks)
    removed.extend(
        Cut(line, WIDGET if line in header.furniture else HEADER) for line in header.lines if line
    )
    body_blocks, tail = _cut_end(blocks, start)
    removed.extend(Cut(block.strip(), AFTER_ARTICLE) for block in tail)
    body_blocks = _drop_furniture(body_blocks, removed)
    body = "\n\n".join(_unwrap(block) for block in body_blocks)
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
    cleaned = _clean_text(text)
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


# --- a readable name for an article without a headline ---------------------------------------

# Words ending in a full stop that do not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "rev", "hon", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
# "LONDON (Reuters) -", "KYIV, Ukraine —": a dateline, not part of the sentence.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,40}(?:\([^)]{1,40}\))?\s*[-–—]+\s+")


def first_sentence(body: str) -> str:
    """The first sentence of the body's first paragraph (abbreviations and initials such as
    "Mr." or "U.S." do not end it), without a leading wire dateline."""
    paragraph = next((p for p in re.split(r"\n\s*\n", body or "") if p.strip()), "")
    paragraph = " ".join(paragraph.split())
    paragraph = _DATELINE.sub("", paragraph, count=1)
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[: match.start()].rsplit(" ", 1)[-1]
        word = before.strip("\"'“‘(").lower()
        if match.group()[0] == "." and (
            word in _ABBREVIATIONS
            or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word)  # an initial, "U.S", "a.m"
        ):
            continue
        return paragraph[: match.end()]
    return paragraph


def headline_from_body(body: str, *, limit: int = 90) -> str:
    """A stand-in headline for an article whose text has none: its first sentence, cut at a
    word boundary to at most `limit` characters (plus an ellipsis when cut)."""
    sentence = first_sentence(body).rstrip()
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit + 1].rsplit(" ", 1)[0] if " " in sentence[:limit] else sentence[:limit]
    return cut.rstrip(" ,;:–—-\"'“‘(") + "…"
