"""Finding the spans of text that stand inside quotation marks.

Pure string work, no spaCy: `find_marked_spans(text)` returns every span between a pair of
quotation marks with character offsets into `text`. Whether a span is someone's words (a
quote) or a scare quote, a title or a nickname is decided later, with the parse
(`coverage_app.text.extract`).

What it handles:
* straight and curly double quotes (" “ ” „ « »), and single quotes used as quotation
  (' ‘ ’ ‹ ›) told apart from apostrophes (don't, Marrow’s, the ’90s, ministers' meeting);
* quotes nested one level in the other kind (`"he will say 'Yes'"`: one span, not two);
* a quotation that runs over several paragraphs: a paragraph that ends with an open mark and
  no close, followed by a paragraph that opens with a mark again;
* unbalanced marks: a stray mark never swallows the rest of the article; an opening mark
  with no close is dropped at the end of its paragraph.

It is linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"＂'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"
DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER
SINGLE_MARKS = SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS

DOUBLE_RE = re.compile(f"[{re.escape(DOUBLE_MARKS)}]")
SINGLE_RE = re.compile(f"[{re.escape(SINGLE_MARKS)}]")
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
NEWLINE = re.compile(r"\n")

OPEN_AFTER = set(" \t\n\r([{—–-/") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)
# Words after a plural possessive (ministers' meeting) versus after a closing quote mark.
ATTRIBUTION_WORDS = {
    "said", "says", "say", "he", "she", "they", "according", "added", "adds", "told", "tells",
    "wrote", "writes", "explained", "insisted", "warned", "argued", "asked", "and", "but", "or",
    "as", "when", "which", "that", "to", "in", "on", "for", "from", "with", "by", "of", "at",
}  # fmt: skip


@dataclass(frozen=True)
class MarkedSpan:
    """The words between a pair of quotation marks (or a mark and the paragraph's end)."""

    start: int  # first character of the words (after the mark and any space)
    end: int  # one past the last character (before the mark; trailing comma and space cut)
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark; None when it runs on to the next paragraph
    paragraph: int
    continues: bool = False  # carries on a quotation opened in an earlier paragraph
    single: bool = False  # single quotation marks


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks between blank lines, or lines when none are blank."""
    splitter = BLANK_LINE if BLANK_LINE.search(text) else NEWLINE
    spans, position = [], 0
    for match in splitter.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    result = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append((start, end))
    return result


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",，"):
        end -= 1
    return start, end


def _double_role(text: str, i: int, lo: int, hi: int, is_open: bool) -> str:
    """'open', 'close' or '' for the double mark at i, given whether a quote is open."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    space_before = before.isspace() or before in OPEN_AFTER
    space_after = after.isspace() or (not after.isalnum() and after not in "[(‘'…")
    if ch in DOUBLE_OPEN:
        # A curly opening mark used as a close (typed the wrong way round).
        if is_open and space_after and not space_before:
            return "close"
        return "open"
    if ch in DOUBLE_CLOSE:
        if not is_open and space_before and not after.isspace():
            return "open"
        return "close"
    if is_open:
        if not space_before or space_after:
            return "close"
        return "open"
    if not after.isspace():
        return "open"
    return ""


def _single_open(text: str, i: int, lo: int, hi: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if ch == "’":
        return False
    if before.isalnum():
        return False
    if ch == "'" and not (before.isspace() or before in OPEN_AFTER or before in DOUBLE_MARKS):
        return False
    return after.isalpha() or after in "[…"


def _single_close(text: str, i: int, lo: int, hi: int) -> bool:
    ch = text[i]
    if ch in SINGLE_OPEN:
        return False
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isspace():
        return False
    return not after.isalnum()


def _next_word(text: str, i: int, hi: int) -> str:
    match = re.match(r"\s+([^\W\d_]+)", text[i + 1 : min(hi, i + 40)])
    return match.group(1) if match else ""


def _scan_paragraph_double(text, lo, hi):
    """Pairs (open_at, close_at) in one paragraph, and the open mark left unclosed (or None).
    A quotation whose closing mark the copy dropped before the next opens (`"One sentence.
    "Another," said X.`) is a pair (open_at, None) ending where the next mark opens."""
    pairs, open_at = [], None
    for match in DOUBLE_RE.finditer(text, lo, hi):
        i = match.start()
        role = _double_role(text, i, lo, hi, open_at is not None)
        if role == "open":
            if open_at is not None and _ends_sentences(text, open_at + 1, i):
                pairs.append((open_at, None, i))
            open_at = i
        elif role == "close" and open_at is not None:
            pairs.append((open_at, i))
            open_at = None
    return pairs, open_at


def _ends_sentences(text: str, lo: int, hi: int) -> bool:
    """Words that read as whole sentences of speech: three words or more, ending . ! ?"""
    words = text[lo:hi].split()
    return len(words) >= 3 and words[-1][-1:] in ".!?"


def _closes_first(text: str, lo: int, hi: int) -> int | None:
    """The closing mark of a quotation carried over from the paragraph before without the
    reopening mark (`...advice.` / `It is therefore so," the head said.`): the paragraph's
    first double mark, when it closes words that end in punctuation. Else None."""
    match = DOUBLE_RE.search(text, lo, hi)
    if match is None:
        return None
    i = match.start()
    if text[i] in DOUBLE_OPEN or i == lo or text[i - 1] not in ".,!?…":
        return None
    if _double_role(text, i, lo, hi, True) != "close":
        return None
    return i if _double_role(text, i, lo, hi, False) != "open" else None


def _inside(position: int, ranges: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether position falls in one of the sorted, non-overlapping ranges."""
    k = bisect_right(starts, position) - 1
    return k >= 0 and ranges[k][0] <= position < ranges[k][1]


def _scan_paragraph_single(text, lo, hi, skip):
    starts = [a for a, _ in skip]
    marks = [
        m.start() for m in SINGLE_RE.finditer(text, lo, hi) if not _inside(m.start(), skip, starts)
    ]
    pairs, open_at = [], None
    opens = [_single_open(text, i, lo, hi) for i in marks]
    closes = [_single_close(text, i, lo, hi) for i in marks]
    for k, i in enumerate(marks):
        if open_at is None:
            if opens[k]:
                open_at = i
            continue
        if not closes[k]:
            continue
        word = _next_word(text, i, hi)
        if (
            text[i - 1] in "sS"
            and word[:1].islower()
            and word not in ATTRIBUTION_WORDS
            and i + 1 < hi
            and text[i + 1] == " "
        ):
            # Maybe a plural possessive (the ministers' meeting): keep looking when a later
            # close comes before any new opening mark.
            later = next((j for j in range(k + 1, len(marks)) if closes[j] or opens[j]), None)
            if later is not None and closes[later] and not opens[later]:
                continue
        pairs.append((open_at, i))
        open_at = None
    return pairs, open_at


def _starts_with(text: str, lo: int, hi: int, marks: str) -> bool:
    return lo < hi and text[lo] in marks


def _scan(text, paras, scan, open_marks, single, skip_for=None):
    spans: list[MarkedSpan] = []
    continuing = False
    carried_close = None  # closing mark of a quotation carried on without a reopening mark
    for p, (lo, hi) in enumerate(paras):
        skip = skip_for(lo, hi) if skip_for else None
        first = True
        scan_lo = lo
        if carried_close is not None:
            start, end = _trim(text, lo, carried_close)
            if start < end:
                spans.append(MarkedSpan(start, end, lo, carried_close, p, continues=True))
            scan_lo, first = carried_close + 1, False
        carried_close = None
        if skip_for:
            pairs, left_open = scan(text, scan_lo, hi, skip)
        else:
            pairs, left_open = scan(text, scan_lo, hi)
        for open_at, close_at, *until in pairs:
            start, end = _trim(text, open_at + 1, close_at if close_at is not None else until[0])
            if start < end:
                spans.append(
                    MarkedSpan(
                        start, end, open_at, close_at, p, continues=continuing and first,
                        single=single,
                    )
                )  # fmt: skip
            first = False
        runs_on = False
        if left_open is not None:
            next_opens = p + 1 < len(paras) and _starts_with(text, *paras[p + 1], open_marks)
            carried = continuing and first and left_open == lo
            if not (next_opens or carried or single) and p + 1 < len(paras):
                carried_close = _closes_first(text, *paras[p + 1])
            if next_opens or carried or carried_close is not None:
                start, end = _trim(text, left_open + 1, hi)
                if start < end:
                    spans.append(
                        MarkedSpan(start, end, left_open, None, p, continues=carried, single=single)
                    )
                runs_on = next_opens
        continuing = runs_on
    return spans


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every span between quotation marks in `text`, in order of position."""
    if not text or not any(ch in ALL_MARKS for ch in text):
        return []
    paras = paragraphs(text)
    doubles = _scan(text, paras, _scan_paragraph_double, DOUBLE_OPEN + DOUBLE_EITHER, False)
    double_ranges = [
        (s.open_at, (s.close_at if s.close_at is not None else s.end) + 1) for s in doubles
    ]

    range_starts = [a for a, _ in double_ranges]

    def skip_for(lo, hi):
        first = max(bisect_right(range_starts, lo) - 1, 0)
        last = bisect_right(range_starts, hi)
        return [r for r in double_ranges[first:last] if r[0] < hi and r[1] > lo]

    singles = []
    if any(ch in SINGLE_MARKS for ch in text):
        singles = _scan(
            text, paras, _scan_paragraph_single, SINGLE_OPEN + SINGLE_EITHER, True, skip_for
        )
    if singles:
        single_ranges = [(s.open_at, s.end) for s in singles]
        single_starts = [a for a, _ in single_ranges]
        doubles = [d for d in doubles if not _strictly_inside(d, single_ranges, single_starts)]
    return sorted(doubles + singles, key=lambda s: s.start)


def _strictly_inside(span: MarkedSpan, ranges: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect_right(starts, span.open_at - 1) - 1
    return k >= 0 and ranges[k][0] < span.open_at and span.end <= ranges[k][1]
