"""Anchoring annotation spans to an article's text, and finding them again after it changes.

A span is kept the way the W3C Web Annotation model describes it: a TextQuoteSelector (the exact
text plus up to 32 characters of context either side) and a TextPositionSelector (code-point
offsets, which is what Python string indexes are). When the text changes, `reanchor` looks for the
quote again using its context. It answers None, meaning "orphaned, a person should look", rather
than move the span to a passage that merely looks alike.
"""

from dataclasses import dataclass

from rapidfuzz import fuzz

CONTEXT_CHARS = 32

# A shorter exact quote could easily occur by chance, so it needs its context to agree.
DISTINCTIVE_LENGTH = 40
# How far the context around a candidate must agree (0-100) to accept it.
MIN_CONTEXT_SCORE = 60.0
# A fuzzy (edited) match must be at least this similar to the old quote...
MIN_FUZZY_SCORE = 90.0
# ... and its context must agree at least this much.
MIN_FUZZY_CONTEXT_SCORE = 70.0
# Two candidates whose scores are this close are a tie: we cannot tell which one is meant.
TIE_MARGIN = 5.0


@dataclass(frozen=True)
class Anchor:
    """One span of a text, as both W3C selectors describe it."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def quote_selector(self) -> dict:
        return {
            "type": "TextQuoteSelector",
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
        }

    def position_selector(self) -> dict:
        return {"type": "TextPositionSelector", "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Reanchored:
    """Where a span was found again, and how: "unchanged", "exact" or "fuzzy"."""

    anchor: Anchor
    method: str
    score: float


class SpanError(ValueError):
    """The span asked for is not a usable piece of the text."""


def anchor_span(text: str, start: int, end: int) -> Anchor:
    """Describe text[start:end] with its quote, context and position."""
    if not 0 <= start < end <= len(text):
        raise SpanError(f"span {start}-{end} is outside the text (length {len(text)})")
    exact = text[start:end]
    if not exact.strip():
        raise SpanError("the selection is empty")
    return Anchor(
        exact=exact,
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


def locate(
    text: str, exact: str, *, prefix: str = "", suffix: str = "", hint: int | None = None
) -> Anchor | None:
    """Find the span a client described by its exact text and context (and a rough position).

    Browsers count offsets in UTF-16 units and may trim whitespace, so the client's offsets are
    only a hint; the quote and its context decide. Returns None when the quote is absent or
    ambiguous.
    """
    if not exact.strip():
        return None
    if hint is not None and text[hint : hint + len(exact)] == exact:
        return anchor_span(text, hint, hint + len(exact))
    found = _best_exact(text, exact, prefix, suffix, old_start=hint)
    if found is None:
        return None
    start, score, tie = found
    if tie or (score < MIN_CONTEXT_SCORE and _count(text, exact) > 1):
        return None
    return anchor_span(text, start, start + len(exact))


def reanchor(text: str, old: Anchor) -> Reanchored | None:
    """Find `old` in the (possibly changed) `text`, or None when it cannot be found with
    confidence (the caller marks the target orphaned)."""
    if old.end <= len(text) and text[old.start : old.end] == old.exact:
        here = anchor_span(text, old.start, old.end)
        if _context_score(here, old) >= MIN_CONTEXT_SCORE or _count(text, old.exact) == 1:
            return Reanchored(here, "unchanged", 100.0)

    found = _best_exact(text, old.exact, old.prefix, old.suffix, old_start=old.start)
    if found is not None:
        start, score, tie = found
        unique = _count(text, old.exact) == 1
        confident = (score >= MIN_CONTEXT_SCORE and not tie) or (
            unique and len(old.exact.strip()) >= DISTINCTIVE_LENGTH
        )
        if confident:
            return Reanchored(anchor_span(text, start, start + len(old.exact)), "exact", score)
        return None

    return _fuzzy(text, old)


def _count(text: str, exact: str) -> int:
    count, at = 0, text.find(exact)
    while at != -1:
        count += 1
        at = text.find(exact, at + 1)
    return count


def _context_score(candidate: Anchor, old: Anchor) -> float:
    """How much the text around a candidate agrees with the old context (0-100).

    Prefix is compared from its end (nearest the span), suffix from its start."""
    scores = []
    if old.prefix:
        scores.append(fuzz.ratio(old.prefix, candidate.prefix[-len(old.prefix) :]))
    if old.suffix:
        scores.append(fuzz.ratio(old.suffix, candidate.suffix[: len(old.suffix)]))
    if not scores:  # the old span was the whole text
        return 100.0
    return max(scores) * 0.5 + min(scores) * 0.5 if len(scores) == 2 else scores[0]


def _best_exact(
    text: str, exact: str, prefix: str, suffix: str, *, old_start: int | None
) -> tuple[int, float, bool] | None:
    """The exact occurrence whose context fits best: (start, context score, tie?)."""
    old = Anchor(exact, prefix, suffix, 0, 0)
    candidates = []
    at = text.find(exact)
    while at != -1:
        score = _context_score(anchor_span(text, at, at + len(exact)), old)
        distance = abs(at - old_start) if old_start is not None else 0
        candidates.append((score, -distance, at))
        at = text.find(exact, at + 1)
    if not candidates:
        return None
    candidates.sort(reverse=True)
    best_score, _, best_at = candidates[0]
    tie = len(candidates) > 1 and candidates[1][0] >= best_score - TIE_MARGIN
    # With identical context on both, the nearest to the old position is no safer a guess.
    return best_at, best_score, tie


def _fuzzy(text: str, old: Anchor) -> Reanchored | None:
    """The quote was edited: accept the best near-copy only when it and its context agree."""
    if len(old.exact.strip()) < 12:  # too short to recognise once changed
        return None
    alignment = fuzz.partial_ratio_alignment(old.exact, text, score_cutoff=MIN_FUZZY_SCORE)
    if alignment is None:
        return None
    start, end = _trim(text, alignment.dest_start, alignment.dest_end)
    if end <= start:
        return None
    candidate = anchor_span(text, start, end)
    context = _context_score(candidate, old)
    if context < MIN_FUZZY_CONTEXT_SCORE:
        return None
    # Is there a second, equally good near-copy elsewhere? Then we cannot choose.
    rest = text[:start] + "\0" * (end - start) + text[end:]
    second = fuzz.partial_ratio_alignment(old.exact, rest, score_cutoff=MIN_FUZZY_SCORE)
    if second is not None and second.score >= alignment.score - TIE_MARGIN:
        other_start, other_end = _trim(rest, second.dest_start, second.dest_end)
        if other_end > other_start:
            other = anchor_span(rest, other_start, other_end)
            if _context_score(other, old) >= context - TIE_MARGIN:
                return None
    return Reanchored(candidate, "fuzzy", min(alignment.score, context))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
