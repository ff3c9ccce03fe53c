"""Dates named in an article, resolved against its publication date.

`resolve_date("on Thursday", published=date(2022, 10, 12), future=True)` -> 2022-10-13.

* A weekday is the most recent such day on or before publication ("on Tuesday" in an article
  of Wednesday 12 October 2022 is the 11th), unless the sentence is about the future (will,
  is to, plans to...) or says "next", then it is the first such day after publication.
  "last Tuesday" is always before.
* today / tonight / this morning, yesterday, tomorrow.
* "this week" is the publication date, "last week" / "next week" the same weekday a week
  before / after (an approximation: the week is known, not the day).
* "October 11", "11 October", "Oct. 11, 2022", "2022-10-11": a month and day without a year
  take the publication year (or the year before when that would put a past event far in the
  future).

`parse_date(text)` reads the first date written out in full (headers, bylines: "October 12,
2022", "12 Oct 2022", "2022-10-12"); `DATE_PATTERN` is its regular expression.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MONTH_DAY = re.compile(
    rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I
)
DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})\b\.?(?:,?\s+(\d{{4}}))?", re.I
)
WEEKDAY = re.compile(r"\b(?:(next|last|this|coming|past)\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.I)
RELATIVE = re.compile(
    r"\b(today|tonight|this morning|this afternoon|this evening|yesterday|tomorrow"
    r"|this week|last week|next week|past week|coming week)\b",
    re.I,
)
# Words that name a day even when the tagger gives them no DATE label.
DATE_WORDS = frozenset(WEEKDAYS) | {"today", "tonight", "yesterday", "tomorrow"}


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_date(text: str, *, published: date | None, future: bool = False) -> date | None:
    """The calendar date `text` names (a date phrase or a whole sentence), or None."""
    if not text:
        return None
    match = ISO.search(text)
    if match:
        return _safe(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    for pattern, month_group, day_group in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        match = pattern.search(text)
        if match:
            month = MONTHS[match.group(month_group).lower().rstrip(".")]
            day = int(match.group(day_group))
            if match.group(3):
                return _safe(int(match.group(3)), month, day)
            if published is None:
                return None
            found = _safe(published.year, month, day)
            if found and not future and (found - published).days > 60:
                found = _safe(published.year - 1, month, day)
            elif found and future and (published - found).days > 300:
                found = _safe(published.year + 1, month, day)
            return found
    if published is None:
        return None
    match = WEEKDAY.search(text)
    if match:
        modifier = (match.group(1) or "").lower()
        target = WEEKDAYS.index(match.group(2).lower())
        if modifier in {"next", "coming"} or (future and modifier not in {"last", "past"}):
            ahead = (target - published.weekday()) % 7 or 7
            if modifier == "next" and ahead < 2:
                ahead += 7
            return published + timedelta(days=ahead)
        back = (published.weekday() - target) % 7
        if modifier in {"last", "past"} and back == 0:
            back = 7
        return published - timedelta(days=back)
    match = RELATIVE.search(text)
    if match:
        word = match.group(1).lower()
        if word == "yesterday":
            return published - timedelta(days=1)
        if word == "tomorrow":
            return published + timedelta(days=1)
        if word in {"last week", "past week"}:
            return published - timedelta(days=7)
        if word in {"next week", "coming week"}:
            return published + timedelta(days=7)
        return published
    return None


# --- a date written out in full (headers, bylines) ------------------------------------------

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
        month = next(MONTHS[w.lower()] for w in words if w.lower() in MONTHS)
        year = next(n for n in numbers if n > 31)
        day = next(n for n in numbers if n <= 31)
        return date(year, month, day)
    except (ValueError, StopIteration):
        return None
