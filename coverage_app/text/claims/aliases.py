"""One entity called two ways where the text itself makes the two names one.

Pure: a body and its terms (`wording.term_spans`) in, plain data out. The constructions read:

- "known as": "the Marsh Guard, also known as the Reed Company" / "(also known as ...)";
- "as he calls": "the Lowlanders, as he calls the coastal states," / "the coastal states, which he
  calls the Lowlanders," / "the coastal states, or what he called the 'Lowlanders'";
- a parenthesis: "the Lowlanders (the coastal states and their allies)";
- an acronym and its full name: "the Harbour Workers Union (HWU)", or one article's "HWU" and
  the other's "Harbour Workers Union" (three letters or more, every capital word's initial);
- a description resolved to a name: in apposition ("the mayor, Ilse Varga," / "Ilse Varga, the
  mayor,"), or a title the text gives one person only and then calls them by ("Foreign Minister
  Ivo Dren ... the minister said").

`alias_contrasts` then emits an "entity" contrast when, for one such pair of forms, article A
uses one form and B only the other (uses inside the construction that links them do not count),
with the spans of each use (those in the construction too). Precision first: a form must be a
name (capital words) or, in a parenthesis or apposition, a short description; both forms must
be used, each by one side only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coverage_app.text.people.name_words import ROLE_NOUNS

_WORD = r"[A-Z][\w’'-]*"
# A name as written: capital words (with "of", "and", "for" between), optional "the" and quotes.
_NAME = (
    rf"(?:[Tt]he\s+)?[\"“‘']?{_WORD}(?:\s+(?:(?:of|and|for)\s+(?:the\s+)?)?{_WORD}){{0,5}}[\"”’']?"
)
_SPEAKER = r"(?:he|she|they|it|we|[A-Z][\w’'-]+)"
_CALL = r"(?:calls?|called|likes to call|liked to call|dubs?|dubbed|terms?|termed)"
_LOWER = r"(?!the\b|of\b)[a-z][\w’'-]*"
# "the mayor", "the lead prosecutor", "the director-general of the organization"
_DESCRIPTION = (
    rf"[Tt]he\s+(?:{_LOWER}\s+){{0,3}}{_LOWER}"
    rf"(?:\s+of\s+(?:the\s+)?(?:{_LOWER}|{_WORD})(?:\s+(?:{_LOWER}|{_WORD})){{0,2}})?"
)

_KNOWN_AS = re.compile(
    rf"(?P<x>{_NAME}),?\s+\(?(?:also\s+)?(?:known|referred to)\s+as\s+(?P<y>{_NAME})"
)
_AS_CALLS = re.compile(
    rf"(?P<x>{_NAME}),\s+as\s+{_SPEAKER}\s+{_CALL}\s+(?:them\s+|it\s+)?(?P<y>{_NAME})"
)
_WHICH_CALLS = re.compile(
    rf"(?P<x>{_NAME}),\s+(?:or\s+)?(?:which|whom|what|those)\s+{_SPEAKER}\s+"
    rf"(?:{_CALL}|refers? to as|referred to as)\s+(?P<y>{_NAME})"
)
_CALLING = re.compile(rf"\b{_CALL}\b|\brefer(?:s|red)? to as\b")
_PARENTHESIS = re.compile(rf"(?P<x>{_NAME})\s+\((?P<y>[^()\n]{{2,80}})\)")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
# Read around each person's name: the description just before it, or just after.
_DESCRIBED_BEFORE = re.compile(rf"(?<![\w-])(?P<y>{_DESCRIPTION}),\s+\Z")
_DESCRIBED_AFTER = re.compile(rf",\s+(?P<y>{_DESCRIPTION}),")
_KNOWN = re.compile(r"\b(?:known|referred to) as\b")
WINDOW_BEFORE, WINDOW_AFTER = 160, 200  # characters read around a construction's words

_LINK_WORDS = {"of", "and", "for", "the"}
_NOT_DESCRIPTIONS = {"same", "other", "first", "last", "next", "latter", "former", "one", "two"}
MAX_GLOSS_WORDS = 6


@dataclass(frozen=True)
class Alias:
    """Two forms the text makes one entity, and where it does so."""

    x: str  # as written (`form`): no quotation marks or possessive, no "the" before a name
    y: str
    how: str  # "known_as" | "calls" | "parenthesis" | "acronym" | "apposition" | "title"
    start: int  # the construction in the body
    end: int


def form(text: str) -> str:
    """A form as it is searched for: no quotation marks, possessive or trailing punctuation,
    and no leading "the" before a name ("the 'Lowlanders'" -> "Lowlanders"; a description keeps
    it: "the mayor")."""
    text = text.strip().strip("\"“”‘’'").strip()
    text = re.sub(r"^[Tt]he\s+(?=[\"“‘'A-Z])", "", text).strip("\"“”‘’'").strip()
    text = re.sub(r"^The(?=\s+[a-z])", "the", text)
    text = re.sub(r"['’]s$", "", text)
    return text.rstrip(".,;:!?")


def initials(name: str) -> str:
    """The capital initials of a name's words ("Harbour Workers' Union" -> "HWU")."""
    words = [w for w in re.split(r"[\s-]+", form(name)) if w and w.lower() not in _LINK_WORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def _is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,6}s?", text))


def _gloss(text: str) -> bool:
    """A parenthesis that names or describes: "the coastal states and their allies"."""
    words = text.split()
    return (
        text.lower().startswith("the ")
        and 2 <= len(words) <= MAX_GLOSS_WORDS
        and not re.search(r"\d", text)
    )


def _person_spans(terms: Sequence[dict]) -> list[tuple[int, int]]:
    return [(t["start"], t["end"]) for t in terms if t["kind"] == "name" and t["label"] == "PERSON"]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def aliases(body: str, terms: Sequence[dict] = ()) -> list[Alias]:
    """The pairs of forms this text makes one entity."""
    out: list[Alias] = []

    def add(x: str, y: str, how: str, start: int, end: int) -> None:
        fx, fy = form(x), form(y)
        if len(fx) < 2 or len(fy) < 2 or fx.lower() == fy.lower():
            return
        if fx.lower() in fy.lower() or fy.lower() in fx.lower():
            return  # one is part of the other: the same name, shortened
        if any(a.start == start and a.end == end for a in out):
            return  # found again from a neighbouring window
        out.append(Alias(fx, fy, how, start, end))

    for match in _near(body, _KNOWN, _KNOWN_AS):
        add(match["x"], match["y"], "known_as", match.start(), match.end())
    for pattern in (_AS_CALLS, _WHICH_CALLS):
        for match in _near(body, _CALLING, pattern):
            add(match["x"], match["y"], "calls", match.start(), match.end())
    for match in _near(body, _OPENING, _PARENTHESIS):
        inner = match["y"].strip()
        if inner.lower().startswith(("also known as ", "known as ")):
            continue  # read by _KNOWN_AS
        at = (match.start(), match.end())
        if _is_acronym(inner) and initials(match["x"]) == inner.rstrip("s"):
            add(match["x"], inner, "acronym", *at)
        elif _is_acronym(form(match["x"])) and initials(inner) == form(match["x"]):
            add(match["x"], inner, "acronym", *at)
        elif _gloss(inner):
            add(match["x"], inner, "parenthesis", *at)
    for start, end in _person_spans(terms):
        name = body[start:end]
        before = _DESCRIBED_BEFORE.search(body, max(0, start - 80), start)
        if before and body.startswith(",", end) and _describes(before["y"]):
            add(name, before["y"], "apposition", before.start(), end)
        after = _DESCRIBED_AFTER.match(body, end)
        if after and _describes(after["y"]):
            add(name, after["y"], "apposition", start, after.end())
    out += _titles(body, terms)
    return out


_OPENING = re.compile(r"\(")


def _describes(description: str) -> bool:
    """A description of a person: a role noun heads it ("the lead prosecutor", "the
    director-general of the agency"), not "the time" or "the other"."""
    words = form(description).split(" of ")[0].split()[1:]
    if not words or words[0].lower() in _NOT_DESCRIPTIONS:
        return False
    return any(part in ROLE_NOUNS for part in words[-1].lower().split("-"))


def _near(body: str, words: re.Pattern, pattern: re.Pattern):
    """`pattern`'s matches in windows around each occurrence of `words` (a window starts at a
    space, so no name is cut): the patterns start at a name, and trying them at every capital
    of a long body is what costs."""
    windows: list[list[int]] = []
    for hit in words.finditer(body):
        start = max(0, hit.start() - WINDOW_BEFORE)
        if start:
            start = body.find(" ", start) + 1 or hit.start()
        end = min(len(body), hit.end() + WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        yield from pattern.finditer(body, start, end)


def _titles(body: str, terms: Sequence[dict]) -> list[Alias]:
    """ "Foreign Minister Ivo Dren ... the minister said": a title word right before a person's
    name, then "the <title>" elsewhere, when the text gives that title to one person only."""
    holders: dict[str, dict[str, tuple[str, int, int]]] = {}
    for t in terms:
        if t["kind"] != "name" or t["label"] != "PERSON" or len(t["term"].split()) < 2:
            continue
        before = re.search(r"([A-Za-z-]+)\s+$", body[max(0, t["start"] - 40) : t["start"]])
        if before is None or before.group(1).lower() not in ROLE_NOUNS:
            continue
        start = t["start"] - len(before.group(0))
        role = before.group(1).lower()
        holders.setdefault(role, {})[t["term"].split()[-1]] = (form(t["term"]), start, t["end"])
    out = []
    for role, people in holders.items():
        if len(people) != 1:
            continue  # two people with the title: "the minister" could be either
        name, start, end = next(iter(people.values()))
        out.append(Alias(f"the {role}", name, "title", start, end))
    return out


def _acronym_links(
    body_a: str, terms_a: Sequence[dict], body_b: str, terms_b: Sequence[dict]
) -> list[Alias]:
    """An acronym one article uses for a name (three capitals or more) the other spells out."""
    out = []
    for body, terms, other_body in ((body_a, terms_a, body_b), (body_b, terms_b, body_a)):
        acronyms = {m.group().rstrip("s") for m in _ACRONYM.finditer(other_body)}
        for t in terms:
            if t["kind"] != "name" or t["label"] in ("PERSON", "GPE", "LOC", "NORP"):
                continue
            letters = initials(body[t["start"] : t["end"]])
            if len(letters) >= 3 and letters in acronyms:
                out.append(Alias(form(t["term"]), letters, "acronym", -1, -1))
    return out


def _person_names(terms: Sequence[dict]) -> set[str]:
    return {form(t["term"]) for t in terms if t["kind"] == "name" and t["label"] == "PERSON"}


_COMPLEMENT = re.compile(r"\s+of\b")


def _word_char(body: str, i: int) -> bool:
    return 0 <= i < len(body) and (body[i].isalnum() or body[i] in "_-")


def uses(
    body: str, text: str, skip: list[tuple[int, int]], *, people: set[str] = frozenset()
) -> list[list[int]]:
    """[start, end] of every use of a form in the body outside the `skip` spans; a person's
    full name is used also where only the last name stands, a description ("the minister")
    not where a complement follows ("the minister of health")."""
    variants = [text]
    if text in people and len(text.split()) > 1:
        variants.append(text.split()[-1])
    found = []
    for variant in variants:
        for needle in {variant[0].lower() + variant[1:], variant[0].upper() + variant[1:]}:
            at = body.find(needle)
            while at >= 0:
                end = at + len(needle)
                if (
                    not _word_char(body, at - 1)
                    and not _word_char(body, end)
                    # "the president" is not "the president of the council"
                    and not (variant.startswith("the ") and _COMPLEMENT.match(body, end))
                    and not _inside(at, end, skip)
                ):
                    found.append((at, end))
                at = body.find(needle, at + 1)
    kept = [s for s in found if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in found)]
    return [list(s) for s in sorted(set(kept))]


def alias_contrasts(
    body_a: str, terms_a: Sequence[dict], body_b: str, terms_b: Sequence[dict]
) -> list[dict]:
    """ "entity" contrasts from the forms either text makes one: A uses one form and not the
    other, B the other and not the one."""
    found_a, found_b = aliases(body_a, terms_a), aliases(body_b, terms_b)
    links = found_a + found_b + _acronym_links(body_a, terms_a, body_b, terms_b)
    skip_a = [(x.start, x.end) for x in found_a]
    skip_b = [(x.start, x.end) for x in found_b]
    people = _person_names(terms_a) | _person_names(terms_b)
    out: dict[tuple[str, str], dict] = {}
    for link in links:
        for one, other in ((link.x, link.y), (link.y, link.x)):
            key = (one.lower(), other.lower())
            if key in out:
                continue
            if not uses(body_a, one, skip_a, people=people):
                continue
            if not uses(body_b, other, skip_b, people=people):
                continue
            if uses(body_a, other, skip_a, people=people) or uses(
                body_b, one, skip_b, people=people
            ):
                continue
            # Every use is shown, the one in the construction linking the forms too.
            a_one = uses(body_a, one, [], people=people)
            b_other = uses(body_b, other, [], people=people)
            out[key] = {
                "a": one,
                "b": other,
                "source": "entity",
                "count_a": len(a_one),
                "count_b": len(b_other),
                "z": None,
                "spans_a": a_one,
                "spans_b": b_other,
                "how": link.how,
            }
    return sorted(out.values(), key=lambda c: (-(c["count_a"] + c["count_b"]), c["a"]))
