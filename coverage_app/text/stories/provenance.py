"""Which articles of a story are one report retold, and what each retelling changed.

Pure: article dicts in (`plain_data.article_dicts` form: "body", "sentences", "quotes", "events",
"published", "outlet"), plain data out.

The rule
--------
* An article's **narration** is its claim sentences (`claims.claim_sentences.extract_claims`):
  the writer's own sentences, headlines, captions, datelines and quote-and-tag sentences left
  out. Quotes alone therefore never make a family: every outlet quotes the same people.
* Two narration sentences are the **same sentence retold** when their content tokens
  (`align.tokens.content_tokens`: stemmed, synonyms and numbers folded, so a translated or
  reworded copy lands on the same tokens) score at least `SENTENCE_MIN` in
  `align.scoring.text_similarity`; each sentence is used once (best pairs first). A pair
  whose words differ is *reworded* (its `align.flags.word_diff` is kept), otherwise *same*.
* **Order of facts**: only the reused sentences that keep one order in both articles (the
  longest run in order) count as evidence; a rewrite keeps the wire's order, two reports
  that happen to state one fact each put it anywhere. Once `MIN_ANCHORS` sentences are reused
  in order, an unmatched sentence of each side sitting at the same place between them (or
  before the first, after the last) and scoring `GAP_MIN` is the same fact reworded and counts
  too: a translated-and-back copy keeps few sentences close enough to match outright.
* Two articles are **linked** when at least `MIN_SHARED` sentences are reused in order and they
  make at least `MIN_SHARE` of the shorter narration; or when both credit the same sources (the
  credit line is the page's own statement of where the text comes from). When both credit
  sources and none is shared, text alone links them only from `CREDITED_APART_SHARE`.
* **Families** are built from the strongest links down; every article is in exactly one (an
  independent report is a family of one). A link that would put two articles crediting
  different sources (and not linked by text) in one family is refused: a piece combining two
  wires does not merge their families.
* **Credit lines**: "CITY (Source) -" opening a paragraph ("(Source) -", "City (Source) -",
  "CITY, May 3 (Source):"), "(Source)" closing one, "with information from Source" (and its
  translations: "con información de", "Quelle:"), "with reporting by Source", "(With Source)",
  "as quoted by the SOURCE news agency", "Source contributed to this report", "Source writer
  Ann Lee contributed", "© Copyright 2023-2024 Source", "originally published by Source",
  "republished with permission from Source", "Source: Source", a wire's house signature
  ("Reporting by ...; Editing by ..."), "- Source" ending the article or on its own line, a
  lone line naming a wire (`provenance_words.WIRES`), and a byline paragraph naming a news
  organisation ("By Ann Lee, Source", "By ANN LEE Source Press", "Ann Lee | Source", "Written
  by Ann Lee for Source"); and a byline or a header line cleaning cut that names a wire ("By
  Wire Staff", "Ann Lee | Wire": `byline_credits`). Not credits: photo credits, the article's
  own outlet, credits naming no one source ("(Agencies)", "with agencies"), a writer or a
  place ("Ann Lee in Lisk contributed"), and the narration citing an agency ("told the
  SOURCE news agency", "the SOURCE news agency reported", "according to ...").
* The **likely original** of a family: the member published by the source the family credits;
  else the earliest published; else the fullest (most narration sentences), with the reason.

Thresholds were fitted on the labelled devset (`score.py provenance`, which scores families from
each page's credit line), by a sweep of both, with credit lines ignored (text alone). Between
different reports of one event, at most two narration sentences are reused in order (scoring up
to about 72: two leads on one fact, and the next fact after it), and none of their sentences
between or around those two scores `GAP_MIN`; copies, rewrites and back-translations share 4
to 8 sentences in order scoring 60 to 100. `MIN_SHARED` 3 sits in that gap (2 to 4).
With it, same-source pair F1 is 1.0 for `SENTENCE_MIN` 50 to 65 with `MIN_SHARE` 0.1 to 0.4
(at 70 a back-translation is lost); `SENTENCE_MIN` and `MIN_SHARE` are the middle of that
plateau. With credits, F1 is 1.0 over the whole sweep.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date

import numpy as np

from coverage_app.text.align.flags import word_diff
from coverage_app.text.align.scoring import text_similarity
from coverage_app.text.align.tokens import content_tokens
from coverage_app.text.claims.claim_sentences import PHOTO_CREDIT, extract_claims
from coverage_app.text.quotes.marks import paragraphs
from coverage_app.text.stories.provenance_words import (
    GENERIC_SOURCES,
    ORGANISATION_WORDS,
    PICTURE_WORDS,
    REPORTING_EDITING_SOURCE,
    WIRE_WORDS,
    WIRES,
)

SENTENCE_MIN = 58  # text_similarity of two narration sentences for one to be the other retold
MIN_SHARED = 3  # reused sentences, in order, that a family link needs
MIN_SHARE = 0.25  # ... and their share of the shorter narration
CREDITED_APART_SHARE = 0.6  # the share needed when the two credit different sources
# A sentence sitting between two reused ones at the same place in both articles is the same
# fact reworded from this score: its place already says so.
GAP_MIN = 40
MIN_ANCHORS = 2  # reused sentences in order from which the order of facts places the others

# --- Credit lines ----------------------------------------------------------------------------

_DATELINE_CREDIT = re.compile(
    r"(?:[A-Z][\w.'’ ,-]{0,50}?)?\(([^()\n]{2,80})\)\s*(?:[-—–:]+|(?=[A-Z“\"]))"
)
_CLOSING_CREDIT = re.compile(r"\(([A-Z][^()\n]{1,40})\)\s*\.?\s*$")
_NAMES = (
    r"((?:the )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*(?:the )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})*)"
)
# "With information from Wire", "with inputs from Wire and AFP", and the same in the languages a
# translated page keeps its credit in ("con información de", "avec des informations de").
_INFORMATION_FROM = re.compile(
    r"(?:\b[Ww]ith (?:additional )?(?:information|inputs?|material|files) from"
    r"|\b[Cc]on (?:información|informaciones) de|\b[Cc]om informações d[aeo]s?"
    r"|\b[Aa]vec (?:des informations de|l[ae]s? ?)|\b[Mm]it Material (?:von|der|des)) " + _NAMES
)
# "With reporting by Wire", "additional reporting from Ann Lee in Lisk": writers as often as
# sources, so only the names that are a news organisation's count.
_REPORTING_FROM = re.compile(r"\b[Ww]ith (?:additional )?reporting (?:from|by) " + _NAMES)
# A short paragraph that is only "with" and sources: "(With AFP)", "- with Wire and Reuters".
_WITH_SOURCES = re.compile(
    r"^[(\[]?\s*(?:[-—–]+\s*)?[Ww]ith ((?:[A-Z]|agencies)[^()\[\]\n]{1,60}?)[)\]]?\.?$"
)
# "as quoted by the Wire news agency". Not "told the Wire news agency" nor "the Wire news agency
# reported": there the narration cites the agency, as in "told Wire" or "according to Wire".
_NEWS_AGENCY = re.compile(
    r"\b(?:the )?((?:[A-Z][\w&.'’-]*\s+){0,2}[A-Z][\w&.'’-]*)\s+"
    r"(?:news\s+)?agency\b(?!,? (?:has |had )?(?:reported|said|says|reports|wrote|quoted|cited))"
)
# "The Wire Service contributed to this report."
_CITED_BEFORE = re.compile(r"\b(?:told|to|according to|with)\s+(?:the\s+)?$", re.I)
_CONTRIBUTED = re.compile(
    r"\b((?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*)\s+"
    r"contributed to this (?:report|story|article)"
)
# "Associated Press writer Ann Lee contributed", "Wire reporters in Lisk contributed": the
# source is the name before "writer(s)/reporter(s)", not the person after it.
_WIRE_WRITERS = re.compile(
    r"\b((?:The )?(?:[A-Z][\w&.'’-]*\s+){0,2}[A-Z][\w&.'’-]*)\s+"
    r"(?:staff\s+)?(?:writers?|reporters?|correspondents?|journalists?)\b[^.\n]{0,120}?"
    r"contributed\b"
)
# "Copyright 2024 The Wire. All rights reserved.", "© Wire 2024", "(c) 2024 Wire", "© Copyright
# 2023-2024 Wire".
_COPYRIGHT = re.compile(
    r"(?:\bCopyright\b|©|\([cC]\))(?:\s*(?:\bCopyright\b|©|\([cC]\)|\d{4}(?:\s*[-–]\s*\d{2,4})?,?))*"
    r"\s*((?:The )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})"
)
# "This story was originally published by Wire", "first appeared on Wire", "Republished with
# permission from Wire", "Source: Wire" (and "Quelle:", "Fuente:", "Fonte:" on translated pages).
_ORIGINALLY = re.compile(
    r"\b(?:(?:originally|first)\s+(?:published|appeared|ran)\s+(?:by|in|on|at)"
    r"|(?:[Rr]e-?published|[Rr]eprinted|[Rr]eproduced|[Ss]yndicated)"
    r"(?:\s+(?:here\s+)?with\s+(?:the\s+)?(?:kind\s+)?permission)?\s+(?:from|by|of))\s+"
    r"((?:the )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})"
    r"|^(?i:source|sources|courtesy|quelle|fuente|fonte)\s*:\s*"
    r"((?:the )?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})"
)
# The house signature of one wire: "(Reporting by Ann Lee; Editing by Bo Tam)".
_REPORTING_EDITING = re.compile(r"\bReporting by\b[^\n]{0,200}?\bEditing by\b")
# "... on Monday. - Wire" ending the article, or "— Wire" on a line of its own.
_SIGN_OFF = re.compile(r"(?:^|\s)(?:[—–]|-{1,2})\s*([A-Z][\w&.'’ ]{1,30}?)\.?\s*$")
# A byline paragraph: "By Ann Lee, Wire", "By ANN LEE Associated Press", "Written by Ann Lee for
# Wire", "Ann Lee | Wire | May 3".
_BYLINE = re.compile(r"^(?:(?:Written|Reported)\s+by|By)\s+(.+)$|^([^|\n]+\|.+)$")
BYLINE_CHARS = 100  # a byline paragraph is a short line
# Between the names of a credit or a byline: "AFP/Reuters", "Ann Lee | Wire", "X via Y".
_PARTS = re.compile(r"\s*(?:\||/|,|;|\s[-–—]\s|\band\b|&|\bvia\b)\s*")
_BYLINE_PARTS = re.compile(r"\s*(?:\||/|,|;|\s[-–—]\s|\band\b|&|\bvia\b|\bfor\b|\bof\b)\s*")
# "ANN LEE Associated Press": a writer's name in capitals before the source's.
_STAFF_TAIL = re.compile(
    r"\s+(?:staff(?:\s+writers?)?|writers?|reporters?|correspondents?|desk)$", re.I
)
_CAPITALS_NAME = re.compile(r"^(?:[A-Z][A-Z.'’-]+\s+){2,}(?=[A-Z][a-z])")
_MONTHS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)


def source_key(name: str) -> str:
    """One key per source: "The Associated Press" ~ "AP", "Wire News Agency" ~ "Wire"."""
    key = re.sub(r"\s+", " ", (name or "").strip().strip(".").lower())
    key = re.sub(r"^the ", "", key)
    key = re.sub(r" (?:news agency|agency|news service|wire service)$", "", key)
    return WIRES.get(key, WIRES.get(f"the {key}", key))


def _initials(words: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", words)).lower()


def _names_in(inside: str, before: str = "") -> list[str]:
    """The source names inside a credit's parentheses: parts without digits or month names."""
    if PHOTO_CREDIT.search(f"({inside})") or PICTURE_WORDS & set(inside.lower().split()):
        return []
    names = []
    for part in _PARTS.split(inside):
        part = re.sub(r"^[Ww]ith\s+", "", part.strip(" ."))
        if not part or re.search(r"\d", part) or _MONTHS.fullmatch(part):
            continue
        if not part[0].isupper() or len(part.split()) > 4:
            continue
        if before and _initials(before[-80:]).endswith(part.lower()):
            continue  # "the Wire Health Organisation (WHO)" spells out a name, not a credit
        names.append(part)
    return names


def _is_dateline(before: str, after: str) -> bool:
    """ "GENEVA (Wire) -", "Lisk, May 3 (Wire)": a place in capitals or with a comma before the
    credit; "(Wire) -" with no place needs its dash."""
    before = before.strip()
    dash = after.lstrip()[:1] in "-—–:"
    if not before:
        return dash
    if "," in before or re.match(r"[A-Z]{3,}\b", before):
        return True
    # "Lisk (Wire) -": a place of up to three capitalised words, then the dash
    return dash and bool(re.fullmatch(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}", before))


def _is_wire_name(name: str) -> bool:
    """ "AFP", "Reuters", "Brel Wire", "Lisk Press Agency": a wire's name, not a writer's."""
    words = name.split()
    return bool(words) and (
        source_key(name) in WIRES.values()
        or re.fullmatch(r"[A-Z]{2,8}", name) is not None
        or (len(words) > 1 and words[-1].lower() in WIRE_WORDS)
    )


def _is_source_name(name: str) -> bool:
    """A wire's or a news organisation's name ("Tarn Daily News"), not a writer's or a place's."""
    words = name.lower().split()
    return _is_wire_name(name) or (len(words) > 1 and bool(set(words) & ORGANISATION_WORDS))


def _byline_sources(line: str) -> list[str]:
    """The sources a byline paragraph names: "By Ann Lee, Wire" -> Wire; "By Ann Lee" none."""
    found = []
    for part in _BYLINE_PARTS.split(line):
        part = _CAPITALS_NAME.sub("", _STAFF_TAIL.sub("", part.strip(" .()[]")))
        if part and not re.search(r"\d", part) and _is_source_name(part):
            found.append(part)
    return found


def _is_agency(name: str) -> bool:
    """ "AFP" or "Wire Press" before "news agency"; not "the health agency", "Energy Agency"."""
    words = name.split()
    return bool(words) and (
        re.fullmatch(r"[A-Z]{2,8}", words[-1]) is not None or source_key(name) in WIRES.values()
    )


def credits(body: str, outlet: str = "") -> list[str]:
    """The sources an article credits for its text (keys from `source_key`), first seen first;
    its own outlet left out."""
    found: list[str] = []
    spans = paragraphs(body or "")
    for number, (lo, hi) in enumerate(spans):
        paragraph = body[lo:hi].strip()
        if not paragraph:
            continue
        lone = source_key(paragraph)
        if lone in WIRES.values() and len(paragraph) <= 40:
            found.append(lone)
            continue
        opening = _DATELINE_CREDIT.match(paragraph)
        if opening and _is_dateline(
            paragraph[: opening.start(1) - 1], paragraph[opening.end(1) + 1 :]
        ):
            found += _names_in(opening.group(1))
        closing = _CLOSING_CREDIT.search(paragraph)
        if closing and not (opening and closing.start() == opening.start(1) - 1):
            found += _names_in(closing.group(1), paragraph[: closing.start()])
        found += [
            m.group(1)
            for m in _NEWS_AGENCY.finditer(paragraph)
            if _is_agency(m.group(1)) and not _CITED_BEFORE.search(paragraph[: m.start(1)])
        ]
        writers = list(_WIRE_WRITERS.finditer(paragraph))
        found += [m.group(1) for m in writers]
        if not writers:  # "Wire contributed", not "Ann Lee in Lisk contributed"
            found += [
                m.group(1)
                for m in _CONTRIBUTED.finditer(paragraph)
                if _is_source_name(m.group(1)) and not paragraph[: m.start(1)].endswith(" in ")
            ]
        if len(paragraph) <= BYLINE_CHARS:
            byline = _BYLINE.match(paragraph)
            if byline:
                found += _byline_sources(byline.group(1) or byline.group(2))
            with_sources = _WITH_SOURCES.match(paragraph)
            if with_sources:
                found += [p for p in _PARTS.split(with_sources.group(1)) if p.strip()]
        found += [m.group(1) for m in _COPYRIGHT.finditer(paragraph) if len(paragraph) <= 200]
        found += [m.group(1) or m.group(2) for m in _ORIGINALLY.finditer(paragraph)]
        if _REPORTING_EDITING.search(paragraph):
            found.append(REPORTING_EDITING_SOURCE)
        for match in _INFORMATION_FROM.finditer(paragraph):
            found += [p for p in _PARTS.split(match.group(1)) if p.strip()]
        for match in _REPORTING_FROM.finditer(paragraph):
            found += [p for p in _PARTS.split(match.group(1)) if _is_source_name(p.strip(" ."))]
        if number == len(spans) - 1:
            sign_off = _SIGN_OFF.search(paragraph)
            if sign_off and _is_wire_name(sign_off.group(1).strip()):
                found.append(sign_off.group(1))
    own = source_key(outlet)
    out: list[str] = []
    for name in found:
        key = source_key(re.split(r"\.\s", name)[0])  # "The Wire. All rights reserved"
        if key and key != own and key not in out and key not in GENERIC_SOURCES:
            out.append(key)
    return out


# A byline or a cut header line naming a wire: "By Wire Staff", "Ann Lee | Wire", "AFP".
_BYLINE_TAIL = re.compile(
    r"\s+(?:staff(?:\s+writers?)?|writers?|reporters?|correspondents?|desk|wire)$", re.I
)
HEADER_LINE_CHARS = 80  # a cut line longer than this is furniture or text, not a credit


def byline_credits(author: str = "", cut_lines: Sequence[str] = ()) -> list[str]:
    """The wires a byline or a line cleaning cut from the page names (keys from `source_key`):
    a part that is a wire's name (`provenance_words.WIRES`) or "X news agency", once "By" and
    "Staff" are taken off. People's names are bylines, not credits, and are left alone."""
    found: list[str] = []
    lines = [author or ""] + [line for line in cut_lines if len(line) <= HEADER_LINE_CHARS]
    for line in lines:
        line = re.sub(r"^\s*(?:by|from|source)\s*[:\s]\s*", "", line.strip(), flags=re.I)
        for part in _PARTS.split(line):
            part = _BYLINE_TAIL.sub("", part.strip(" .()[]"))
            key = source_key(part)
            agency = re.fullmatch(r"(?:the )?(.+?) news agency", part, re.I)
            if key in WIRES.values() or (agency and _is_agency(agency.group(1))):
                key = source_key(agency.group(1)) if agency else key
                if key not in found:
                    found.append(key)
    return found


# --- Narration and reuse ---------------------------------------------------------------------


def narration(article: dict) -> list[dict]:
    """The article's narration sentences (claim dicts: "text", "start", "end"), in order; a
    credit line ("With information from Wire.") is not narration."""
    claims = extract_claims(
        article.get("body") or "",
        article.get("sentences") or [],
        article.get("quotes") or [],
        article.get("events") or [],
    )
    return [
        c
        for c in claims
        if not _INFORMATION_FROM.match(c["text"].strip(" (\"'"))
        and not _CONTRIBUTED.search(c["text"])
        and not _REPORTING_EDITING.search(c["text"])
        and not _ORIGINALLY.search(c["text"])
    ]


def _matches(scores: np.ndarray) -> list[tuple[int, int, float]]:
    """One-to-one sentence pairs from `SENTENCE_MIN`, best first; returned in a's order."""
    pairs: list[tuple[int, int, float]] = []
    if not scores.size:
        return pairs
    used_a: set[int] = set()
    used_b: set[int] = set()
    flat = np.argsort(-scores, axis=None, kind="stable")
    for index in flat:
        a, b = divmod(int(index), scores.shape[1])
        score = float(scores[a, b])
        if score < SENTENCE_MIN:
            break
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        pairs.append((a, b, score))
    return sorted(pairs)


def _in_order(pairs: list[tuple[int, int, float]]) -> int:
    """How many of the pairs keep one order in both articles (longest increasing run of b)."""
    return len(_ordered(pairs))


def _ordered(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The longest run of the pairs (in a's order) whose b keeps one order too."""
    pairs = sorted(pairs)
    tails: list[int] = []  # b of the last pair of the best run of each length
    ends: list[int] = []  # ... and that pair's index
    back: list[int] = []
    for index, (_a, b, _score) in enumerate(pairs):
        k = bisect.bisect_left(tails, b)
        back.append(ends[k - 1] if k else -1)
        if k == len(tails):
            tails.append(b)
            ends.append(index)
        else:
            tails[k] = b
            ends[k] = index
    run, index = [], ends[-1] if ends else -1
    while index >= 0:
        run.append(pairs[index])
        index = back[index]
    return run[::-1]


class _Article:
    """One article's narration, tokens and credits, computed once per story."""

    def __init__(self, article: dict):
        self.sentences = narration(article)
        self.tokens = [content_tokens(s["text"]) for s in self.sentences]
        self.token_set = set().union(*self.tokens) if self.tokens else set()
        outlet = article.get("outlet") or ""
        self.credits = credits(article.get("body") or "", outlet)
        own = source_key(outlet)
        for key in byline_credits(article.get("author") or "", article.get("removed") or ()):
            if key != own and key not in self.credits:
                self.credits.append(key)
        self.outlet = source_key(article.get("outlet") or "")
        self.published = _date(article.get("published"))


def _date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _pair(a: _Article, b: _Article) -> tuple[list[tuple[int, int, float]], int, np.ndarray]:
    """The reused sentence pairs of two articles, how many keep their order, and the scores."""
    if not a.tokens or not b.tokens or not (a.token_set & b.token_set):
        return [], 0, np.zeros((len(a.tokens), len(b.tokens)), dtype=np.float32)
    scores = text_similarity(a.tokens, b.tokens)
    pairs = _matches(scores)
    ordered = _ordered(pairs)
    if len(ordered) >= MIN_ANCHORS:  # the order of facts places the reworded sentences
        return pairs, _in_order(_fill_gaps(ordered, scores)), scores
    return pairs, len(ordered), scores


def _fill_gaps(
    pairs: list[tuple[int, int, float]], scores: np.ndarray
) -> list[tuple[int, int, float]]:
    """Add the closely reworded sentences the order of facts points at: between two reused
    pairs (or before the first, after the last), unmatched sentences of both sides scoring
    `GAP_MIN` or more, best first."""
    if not scores.size:
        return pairs
    n, m = scores.shape
    kept = sorted(pairs)
    bounds = [(-1, -1)] + [(a, b) for a, b, _ in kept] + [(n, m)]
    added = []
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:], strict=False):
        if a1 <= a0 + 1 or b1 <= b0 + 1 or b0 > b1:
            continue
        block = scores[a0 + 1 : a1, b0 + 1 : b1]
        used_a, used_b = set(), set()
        for index in np.argsort(-block, axis=None, kind="stable"):
            i, j = divmod(int(index), block.shape[1])
            if block[i, j] < GAP_MIN:
                break
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            added.append((a0 + 1 + i, b0 + 1 + j, float(block[i, j])))
    return sorted(kept + added)


def _credit_relation(a: _Article, b: _Article) -> str:
    """ "agree" (both credit the same sources), "conflict" (both credit, none in common) or ""
    (one credits nothing, or they share some: a piece combining two wires, or a publisher's name
    beside the source in a dateline)."""
    if not a.credits or not b.credits:
        return ""
    if set(a.credits) == set(b.credits):
        return "agree"
    return "" if set(a.credits) & set(b.credits) else "conflict"


def _strength(a: _Article, b: _Article, in_order: int) -> float:
    """How strongly the text links two articles: reused sentences in order over the shorter
    narration; 0 when it does not reach the rule (see the module's docstring)."""
    shorter = min(len(a.sentences), len(b.sentences)) or 1
    share = in_order / shorter
    relation = _credit_relation(a, b)
    if relation == "agree":
        return 1.0 + share
    needed = CREDITED_APART_SHARE if relation == "conflict" else MIN_SHARE
    return share if in_order >= MIN_SHARED and share >= needed else 0.0


def reuse_detail(
    a: _Article, b: _Article, pairs: list[tuple[int, int, float]], in_order: int
) -> dict:
    """What b kept, dropped, added and reworded of a (and the same counts read from a)."""
    matched_a = {p[0] for p in pairs}
    matched_b = {p[1] for p in pairs}
    reworded, same = [], []
    for i, j, score in pairs:
        left, right = a.sentences[i]["text"], b.sentences[j]["text"]
        diff = word_diff(left, right)
        entry = {"a": _span(a.sentences[i]), "b": _span(b.sentences[j]), "score": round(score)}
        if any(op["op"] != "equal" for op in diff):
            reworded.append(entry | {"diff": diff})
        else:
            same.append(entry)
    dropped = [_span(s) for k, s in enumerate(a.sentences) if k not in matched_a]
    added = [_span(s) for k, s in enumerate(b.sentences) if k not in matched_b]
    return {
        "share_a": round(len(matched_a) / len(a.sentences), 3) if a.sentences else 0.0,
        "share_b": round(len(matched_b) / len(b.sentences), 3) if b.sentences else 0.0,
        "dropped_a": len(dropped),
        "added_b": len(added),
        "reworded": len(reworded),
        "same": len(same),
        "in_order": in_order,
        "sentences": {"dropped": dropped, "added": added, "reworded": reworded, "same": same},
    }


def _span(sentence: dict) -> dict:
    return {"text": sentence["text"], "start": sentence["start"], "end": sentence["end"]}


def _original(members: list[int], arts: list[_Article]) -> tuple[int, str]:
    """The likely original of a family and why."""
    counts: dict[str, int] = {}
    for m in members:
        for key in arts[m].credits:
            counts[key] = counts.get(key, 0) + 1
    if counts:
        source = max(counts, key=lambda k: (counts[k], -min_index(k, members, arts)))
        wire = [m for m in members if arts[m].outlet == source]
        if wire:
            return wire[0], f"published by {source_label(source)}, the source the family credits"
    dated = [m for m in members if arts[m].published]
    if len(dated) > 1:
        first = min(dated, key=lambda m: (arts[m].published, -len(arts[m].sentences), m))
        if sum(arts[m].published == arts[first].published for m in dated) == 1:
            return first, f"published first ({arts[first].published.isoformat()})"
    fullest = max(members, key=lambda m: (len(arts[m].sentences), -m))
    return fullest, f"the fullest ({len(arts[fullest].sentences)} narration sentences)"


def min_index(key: str, members: list[int], arts: list[_Article]) -> int:
    return min(m for m in members if key in arts[m].credits)


def source_label(key: str) -> str:
    return key.upper() if len(key) <= 4 else key.title()


def provenance(articles: Sequence[dict]) -> dict:
    """{"families": [[i, ...]], "reuse": [pair...], "originals": [{"family", "article",
    "reason", "credits"}], "credits": [[key...] per article]}.

    Families: every index in exactly one, largest first, members in index order. Reuse: each
    pair of one family, "a" the member nearer the original (the original itself, else the lower
    index), with the shares and counts and the sentences themselves."""
    arts = [_Article(article) for article in articles]
    n = len(arts)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    found: dict[tuple[int, int], tuple[list, int, np.ndarray]] = {}
    links = []
    for i in range(n):
        for j in range(i + 1, n):
            pairs, in_order, scores = _pair(arts[i], arts[j])
            found[(i, j)] = (pairs, in_order, scores)
            strength = _strength(arts[i], arts[j], in_order)
            if strength > 0:
                links.append((-strength, i, j))
    # Strongest links first; a link that would put two articles crediting different sources
    # in one family is refused (a piece that combines two wires does not merge their families).
    members = {i: [i] for i in range(n)}
    for _weight, i, j in sorted(links):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if any(
            _credit_relation(arts[x], arts[y]) == "conflict"
            and _strength(arts[x], arts[y], found[(min(x, y), max(x, y))][1]) == 0
            for x in members[ri]
            for y in members[rj]
        ):
            continue
        parent[rj] = ri
        members[ri] += members.pop(rj)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    families = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    originals, reuse = [], []
    for number, members in enumerate(families):
        original, reason = _original(members, arts)
        family_credits = sorted({k for m in members for k in arts[m].credits})
        originals.append(
            {"family": number, "article": original, "reason": reason, "credits": family_credits}
        )
        for x in members:
            for y in members:
                if x >= y:
                    continue
                a, b = (y, x) if y == original else (x, y)
                pairs, in_order, scores = found[(x, y)]
                pairs = _fill_gaps(pairs, scores)
                if a != x:
                    pairs = sorted((j, i, s) for i, j, s in pairs)
                detail = reuse_detail(arts[a], arts[b], pairs, in_order)
                reuse.append({"a": a, "b": b, "family": number} | detail)
    return {
        "families": families,
        "reuse": reuse,
        "originals": originals,
        "credits": [art.credits for art in arts],
    }
