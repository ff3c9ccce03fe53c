"""Shortening a text for a page without making it say more than it does: the one place every
shortened text goes through (event heads, search snippets, story names, flags, exports).

The rule:
* a cut falls between words, never inside one (only a first run of characters longer than the
  whole limit is cut where the limit falls), and is marked with an ellipsis ("…");
* a cut never leaves a bracket open: it falls before the bracket, or after its closing one;
* a negation or a modal ("not", "no", "never", "won't", "could", ...) is never dropped: a cut
  that would leave a clause without its negation or modal keeps the clause to just past it
  ("Orsby has not…" is wrong, "Orsby has not signed…" is what it says), or, when that runs
  too long, ends before the clause instead;
* an excerpt from the middle of a text (`excerpt_bounds`) starts early enough to carry the
  negation or modal that governs its first words ("…no offer was made", not "…offer was
  made"), and does not start or end inside a bracket either.

Pure: no Django.
"""

from __future__ import annotations

import re

from coverage_app.text.events.event_words import MODALS, NEGATIVE_PRONOUNS, NEGATIVE_WORDS

ELLIPSIS = "…"
# Words that flip or hedge what a clause says.
POLARITY_WORDS = frozenset(
    {*NEGATIVE_WORDS, *NEGATIVE_PRONOUNS, *MODALS, "never", "nor", "nowhere", "cannot", "without"}
) - {"'d", "’d", "'ll", "’ll"}
# How far past the limit a cut may run to keep a negation or modal with its verb.
OVERRUN = 0.5
# How many words before an excerpt's start are searched for a governing negation or modal.
LOOK_BACK_WORDS = 4
_WORD = re.compile(r"\S+")
_CLAUSE_END = re.compile(r"[,;:.!?…]+[\"'”’)\]]*$|^[–—-]+$")
_OPEN, _CLOSE = "([{", ")]}"
# Left off a cut's end before the ellipsis: dangling punctuation and opening marks.
_TRAILING = " ,;:–—-\"'“‘([{"


def polar(word: str) -> bool:
    """Whether a word negates or hedges its clause ("not", "no", "won't", "could", "never")."""
    core = word.strip("\"'“”‘’()[]{}.,;:!?…").lower().replace("’", "'")
    return core in POLARITY_WORDS or core.endswith("n't")


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def _open_bracket(text: str, start: int, end: int) -> int | None:
    """Where the last bracket opened in text[start:end] and not closed there starts, or None."""
    depth: list[int] = []
    for i in range(start, end):
        if text[i] in _OPEN:
            depth.append(i)
        elif text[i] in _CLOSE and depth:
            depth.pop()
    return depth[-1] if depth else None


def _clause_ends(word: str) -> bool:
    return bool(_CLAUSE_END.search(word))


def cut_point(text: str, limit: int) -> int:
    """Where `text` (longer than `limit`) is cut: after a word, outside brackets, and past any
    negation or modal of the clause being cut (see the module's rule)."""
    words = _words(text)
    kept = [w for w in words if w[1] <= limit]
    if not kept:  # a first "word" longer than the limit (a run with no space): cut it there
        return min(words[0][1], max(limit, 1)) if words else 0
    index = len(kept) - 1
    cut = kept[index][1]
    # A negation or modal just after the cut, in the same clause: run on past it and its verb.
    if not _clause_ends(text[kept[index][0] : cut]):
        for k in range(index + 1, len(words)):
            word = text[words[k][0] : words[k][1]]
            if polar(word):
                stop = min(k + 1, len(words) - 1)
                while stop + 1 < len(words) and polar(text[words[stop][0] : words[stop][1]]):
                    stop += 1
                if words[stop][1] <= limit * (1 + OVERRUN) + 1:
                    cut, index = words[stop][1], stop
                else:  # too long: end before the clause that holds it
                    back = [
                        j for j in range(index + 1) if _clause_ends(text[words[j][0] : words[j][1]])
                    ]
                    if back:
                        cut, index = words[back[-1]][1], back[-1]
                break
            if _clause_ends(word):
                break
    # The kept part's own last words: a negation or modal cut from its verb takes the verb.
    while index + 1 < len(words) and polar(text[words[index][0] : words[index][1]]):
        index += 1
        cut = words[index][1]
    opened = _open_bracket(text, 0, cut)
    if opened is not None:
        closing = _closing(text, opened)
        if closing is not None and closing <= limit * (1 + OVERRUN):
            cut = closing
        elif opened > 0 and text[:opened].strip():
            cut = opened
    return cut


def _closing(text: str, opened: int) -> int | None:
    """The end of the bracket opened at `opened` (just past its closing character), or None."""
    depth = 0
    for i in range(opened, len(text)):
        if text[i] in _OPEN:
            depth += 1
        elif text[i] in _CLOSE:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def shorten(text: str, limit: int) -> str:
    """`text` with its whitespace collapsed, cut to about `limit` characters by the module's
    rule (between words, outside brackets, never without its negation or modal), an ellipsis
    marking the cut. Unchanged when it fits."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = cut_point(text, limit)
    if cut >= len(text):
        return text
    return text[:cut].rstrip(_TRAILING) + ELLIPSIS


def excerpt_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of an excerpt of text[start:end] widened to whole words, back to the
    negation or modal that governs its first words (within LOOK_BACK_WORDS words of the same
    clause), and out of any bracket it would start or end inside."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    before = _words(text[:start])
    for k in range(len(before) - 1, max(-1, len(before) - 1 - LOOK_BACK_WORDS), -1):
        word = text[before[k][0] : before[k][1]]
        if _clause_ends(word):
            break
        if polar(word):
            start = before[k][0]
    # Not from inside a bracket: from its opening.
    depth = 0
    for i in range(start - 1, -1, -1):
        if text[i] in _CLOSE:
            depth += 1
        elif text[i] in _OPEN:
            if depth == 0:
                start = i
                break
            depth -= 1
        elif text[i] == "\n":
            break
    opened = _open_bracket(text, start, end)
    if opened is not None:
        closing = _closing(text, opened)
        end = closing if closing is not None else opened
    return start, max(start, end)


def excerpt(text: str, start: int, end: int) -> str:
    """text[start:end] widened by `excerpt_bounds`, with an ellipsis at each end that is not
    the text's own."""
    start, end = excerpt_bounds(text, start, end)
    head = ELLIPSIS if text[:start].strip() else ""
    tail = ELLIPSIS if text[end:].strip() else ""
    return head + " ".join(text[start:end].split()) + tail


# Modalities an intention verb lends its infinitive ("plans to strike": "plan").
_AUXILIARY_MODALITIES = frozenset(MODALS.values())


def predicate(action: str, *, negated: bool = False, modality: str = "") -> str:
    """An event's head as a page shows it: its action (a lemma) with the negation and modality
    the sentence gave it, never without them ("not receive", "will not hold", "plan to strike",
    "not plan to strike")."""
    action = " ".join((action or "").split())
    modality = " ".join((modality or "").split())
    if modality in _AUXILIARY_MODALITIES:
        return f"{modality} not {action}" if negated else f"{modality} {action}"
    if modality:
        phrase = f"{modality} to {action}"
        return f"not {phrase}" if negated else phrase
    return f"not {action}" if negated else action
