"""Wording: which words each outlet chooses for the same thing, each contrast tied to its spans.

Pure: works on plain dicts with offsets into the stored bodies. Three sources of evidence:

1. `aligned_substitutions`: inside aligned pairs (quotes, reported speech, events, claims), a
   word or two that one side replaces with another while the words around stay the same
   ("Russia's war in Ukraine" ~ "Russia's conflict in Ukraine"), collected over all pairs.
2. `entity_contrasts`: a name both articles share spelt differently ("Tarvos"/"Tarvoss",
   "Aleksei"/"Aleksey"): names of the same kind whose transliteration-folded keys agree; and
   one entity called two ways where a text makes the forms one ("the Lowlanders, as he calls
   the coastal states"; an acronym and its full name): `aliases.alias_contrasts`.
3. `distinctive_terms`: lemmas and noun chunks (stop words out) distinctive of one outlet by
   the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn
   2008, "Fightin' Words"), the prior from the whole corpus given; kept only where |z| > 1.96.

`term_spans(doc)` reads the terms off the one spaCy parse at extraction time:
    {"term", "kind": "lemma"|"chunk"|"name", "label", "start", "end"}.
4. `attribution_contrasts`: when a speech verb comes out of 1 or 3, how each outlet attributes
   speech ("said" against "claimed, stated, stressed"), one contrast instead of a naming one.

A contrast: {"a": term|None, "b": term|None,
             "source": "aligned"|"entity"|"distinctive"|"attribution",
             "count_a", "count_b", "z": float|None, "spans_a": [[start, end]...], "spans_b"}.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from coverage_app.text.align.flags import word_diff
from coverage_app.text.align.token_words import NUMBER_WORDS, STOP_WORDS
from coverage_app.text.claims import aliases
from coverage_app.text.quotes.attribution_words import ATTRIBUTION_VERBS

Z_CUTOFF = 1.96
PRIOR_STRENGTH = 0.2  # the prior weighs as much as a fifth of the words compared (alpha_0)
MIN_DISTINCTIVE_COUNT = 2  # a term used once is never distinctive
MAX_DISTINCTIVE = 12  # per side
MAX_SUBSTITUTION_WORDS = 2
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
TERM_POS = {"NOUN", "PROPN", "VERB", "ADJ"}

_DISPLAY_WORD = re.compile(r"\S+")
_STRIP = re.compile(r"^[^\w]+|[^\w]+$")


def term_spans(doc) -> list[dict]:
    """The terms of a parsed body: content-word lemmas, noun chunks and named entities."""
    out = []
    body = doc.text  # built anew on every read of doc.text: read once
    for token in doc:
        if token.is_stop or token.is_punct or not token.is_alpha or token.pos_ not in TERM_POS:
            continue
        lemma = token.lemma_.lower() if token.pos_ != "PROPN" else token.text
        out.append(_term(lemma, "lemma", "", token.idx, token.idx + len(token.text)))
    for chunk in doc.noun_chunks:
        words = [t for t in chunk if not (t.is_stop or t.is_punct or t.is_space)]
        if len(words) < 2 or any(t.pos_ == "PRON" for t in words):
            continue
        text = body[words[0].idx : words[-1].idx + len(words[-1].text)]
        out.append(_term(text.lower(), "chunk", "", words[0].idx, words[-1].idx + len(words[-1])))
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        text = body[start:end]
        if text.lower().startswith("the "):
            start, text = start + 4, text[4:]
        for suffix in ("'s", "’s"):
            if text.endswith(suffix):
                end, text = end - 2, text[:-2]
        if text.strip():
            out.append(_term(text, "name", ent.label_, start, end))
    out.sort(key=lambda t: (t["start"], t["kind"]))
    return out


def _term(term: str, kind: str, label: str, start: int, end: int) -> dict:
    return {"term": term, "kind": kind, "label": label, "start": start, "end": end}


# ---------------------------------------------------------------------------------------------
# 1. Substitutions inside aligned pairs


@dataclass(frozen=True)
class AlignedText:
    """One aligned pair's two texts with where each starts in its body."""

    a_text: str
    a_start: int
    b_text: str
    b_start: int


def _key(words: str) -> str:
    return " ".join(_STRIP.sub("", w).lower() for w in words.split())


def _word_offsets(text: str, start: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _DISPLAY_WORD.finditer(text)]


def _trimmed_span(text: str, offsets: list[tuple[int, int]], body_start: int) -> list[int]:
    """[start, end] of words with their surrounding punctuation cut off."""
    lo, hi = offsets[0][0], offsets[-1][1]
    piece = text[lo - body_start : hi - body_start]
    lead = len(piece) - len(piece.lstrip("\"'“”‘’,.;:()[]!?"))
    trail = len(piece) - len(piece.rstrip("\"'“”‘’,.;:()[]!?"))
    return [lo + lead, hi - trail]


def _is_substitution(a: str, b: str) -> bool:
    a_words, b_words = a.split(), b.split()
    if not (1 <= len(a_words) <= MAX_SUBSTITUTION_WORDS and 1 <= len(b_words) <= 2):
        return False
    if a == b or not a or not b:
        return False
    if all(w in STOP_WORDS for w in a_words) or all(w in STOP_WORDS for w in b_words):
        return False
    if any(w.isdigit() or w in NUMBER_WORDS for w in a_words + b_words):
        # numbers are a conflict flag, not wording
        return False
    # Inflection and spelling only ("say"/"says", "organisation"/"organization").
    return not (fuzz.ratio(a, b) >= 80 and len(a) > 4)


def aligned_substitutions(pairs: Iterable[AlignedText]) -> list[dict]:
    """Words one side replaces with others in the same place of an aligned pair (the words
    before and after are the same on both sides), collected and counted over all pairs."""
    found: dict[tuple[str, str], dict] = {}
    for pair in pairs:
        diff = word_diff(pair.a_text, pair.b_text)
        a_words = _word_offsets(pair.a_text, pair.a_start)
        b_words = _word_offsets(pair.b_text, pair.b_start)
        i = j = 0
        for k, op in enumerate(diff):
            n_a, n_b = len(op["a"].split()), len(op["b"].split())
            framed = (
                0 < k < len(diff) - 1
                and diff[k - 1]["op"] == "equal"
                and diff[k + 1]["op"] == "equal"
            )
            if op["op"] == "replace" and framed:
                a_key, b_key = _key(op["a"]), _key(op["b"])
                if _is_substitution(a_key, b_key):
                    entry = found.setdefault(
                        (a_key, b_key),
                        contrast(a_key, b_key, "aligned"),
                    )
                    entry["spans_a"].append(
                        _trimmed_span(pair.a_text, a_words[i : i + n_a], pair.a_start)
                    )
                    entry["spans_b"].append(
                        _trimmed_span(pair.b_text, b_words[j : j + n_b], pair.b_start)
                    )
            i += n_a
            j += n_b
    out = []
    for entry in found.values():
        entry["spans_a"] = _unique(entry["spans_a"])
        entry["spans_b"] = _unique(entry["spans_b"])
        entry["count_a"], entry["count_b"] = len(entry["spans_a"]), len(entry["spans_b"])
        out.append(entry)
    out.sort(key=lambda c: (-(c["count_a"] + c["count_b"]), c["a"], c["b"]))
    return out


def contrast(a: str | None, b: str | None, source: str, *, z: float | None = None) -> dict:
    return {
        "a": a,
        "b": b,
        "source": source,
        "count_a": 0,
        "count_b": 0,
        "z": z,
        "spans_a": [],
        "spans_b": [],
    }


def _unique(spans: list[list[int]]) -> list[list[int]]:
    return [list(s) for s in sorted({tuple(s) for s in spans})]


# ---------------------------------------------------------------------------------------------
# 2. One entity named differently

_TRANSLITERATION = [("y", "i"), ("j", "i"), ("ie", "i"), ("ei", "i"), ("kh", "h"), ("w", "v")]


def transliteration_key(name: str) -> str:
    """A name folded so that romanisations of one name agree: accents off, lower case,
    y/ie/ei/j as i, kh as h, w as v, doubled letters single ("Novy Brod", "Novij Brod" -> "novi
    brod"; "Aleksei", "Aleksey" -> "aleksi")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’]s\b", "", text)
    text = " ".join(re.findall(r"[^\W\d_]+", text))
    for old, new in _TRANSLITERATION:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def _names(terms: Sequence[dict]) -> dict[str, dict]:
    """Each distinct name (as written) with its label and spans."""
    out: dict[str, dict] = {}
    for t in terms:
        if t["kind"] != "name":
            continue
        entry = out.setdefault(t["term"], {"label": t["label"], "spans": []})
        entry["spans"].append([t["start"], t["end"]])
    return out


def _words_differ(a: str, b: str) -> list[tuple[str, str]]:
    """Word pairs in which two names of the same length differ ("Aleksei Tarnov" ~ "Aleksey
    Tarnov" -> [("Aleksei", "Aleksey")])."""
    a_words, b_words = a.split(), b.split()
    if len(a_words) != len(b_words):
        return [(a, b)]
    return [(x, y) for x, y in zip(a_words, b_words, strict=True) if x != y]


def entity_contrasts(terms_a: Sequence[dict], terms_b: Sequence[dict]) -> list[dict]:
    """Names the two articles share, spelt differently: same kind of name, the same
    transliteration key, and neither spelling used by the other article."""
    names_a, names_b = _names(terms_a), _names(terms_b)
    out: dict[tuple[str, str], dict] = {}
    keys_b: dict[str, list[str]] = {}
    for name in names_b:
        keys_b.setdefault(transliteration_key(name), []).append(name)
    for name_a, info_a in names_a.items():
        if name_a in names_b or name_a.lower() in {n.lower() for n in names_b}:
            continue
        key = transliteration_key(name_a)
        if len(key) < 3:
            continue
        for name_b in keys_b.get(key, []):
            if (
                name_b.lower() == name_a.lower()
                or name_b in names_a
                or not _same_kind(info_a["label"], names_b[name_b]["label"])
            ):
                continue
            for word_a, word_b in _words_differ(name_a, name_b):
                entry = out.setdefault((word_a, word_b), contrast(word_a, word_b, "entity"))
                entry["spans_a"] += _word_spans(info_a["spans"], name_a, word_a)
                entry["spans_b"] += _word_spans(names_b[name_b]["spans"], name_b, word_b)
    result = []
    for entry in out.values():
        entry["spans_a"], entry["spans_b"] = _unique(entry["spans_a"]), _unique(entry["spans_b"])
        entry["count_a"], entry["count_b"] = len(entry["spans_a"]), len(entry["spans_b"])
        result.append(entry)
    result.sort(key=lambda c: (-(c["count_a"] + c["count_b"]), c["a"]))
    return result


def _same_kind(a: str, b: str) -> bool:
    """People against people, anything else against anything else (the small model labels an
    unfamiliar place GPE in one article and NORP or ORG in another)."""
    return (a == "PERSON") == (b == "PERSON") or "" in (a, b)


def _word_spans(spans: list[list[int]], name: str, word: str) -> list[list[int]]:
    at = name.find(word)
    if at < 0 or word == name:
        return [list(s) for s in spans]
    return [[s[0] + at, s[0] + at + len(word)] for s in spans]


# ---------------------------------------------------------------------------------------------
# 3. Terms distinctive of one outlet: weighted log-odds with an informative Dirichlet prior


def term_counts(terms: Sequence[dict]) -> Counter:
    """How often each lemma and noun chunk occurs (names count through their lemmas)."""
    return Counter(t["term"] for t in terms if t["kind"] in ("lemma", "chunk"))


def log_odds_z(
    counts_i: Mapping[str, int],
    counts_j: Mapping[str, int],
    prior: Mapping[str, int],
    *,
    prior_total: int | None = None,
) -> dict[str, float]:
    """z-score of the weighted log-odds ratio of every term, group i against group j, with an
    informative Dirichlet prior scaled from the corpus counts `prior` (Monroe et al. 2008,
    eq. 16-22): alpha_w = alpha_0 * prior_w / prior_total. `prior` needs only the terms of i
    and j when `prior_total` (the corpus's total count) is given; by default sum(prior)."""
    n_i, n_j = sum(counts_i.values()), sum(counts_j.values())
    if prior_total is None:
        prior_total = sum(prior.values())
    if not n_i or not n_j or not prior_total:
        return {}
    alpha_0 = max(PRIOR_STRENGTH * (n_i + n_j), 1.0)
    out = {}
    for term in set(counts_i) | set(counts_j):
        alpha = alpha_0 * max(prior.get(term, 0), 1) / prior_total
        y_i, y_j = counts_i.get(term, 0), counts_j.get(term, 0)
        delta = math.log((y_i + alpha) / (n_i + alpha_0 - y_i - alpha)) - math.log(
            (y_j + alpha) / (n_j + alpha_0 - y_j - alpha)
        )
        variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
        out[term] = delta / math.sqrt(variance)
    return out


def distinctive_terms(
    terms_a: Sequence[dict],
    terms_b: Sequence[dict],
    prior: Mapping[str, int] | None = None,
    *,
    prior_total: int | None = None,
) -> list[dict]:
    """Terms distinctive of A (contrast with "a" set, "b" None) or of B, |z| > 1.96, strongest
    first; `prior` is the corpus's term counts (by default A's and B's together), with
    `prior_total` its total when `prior` holds only the terms of A and B."""
    counts_a, counts_b = term_counts(terms_a), term_counts(terms_b)
    if prior is None:
        prior, prior_total = counts_a + counts_b, None
    scores = log_odds_z(counts_a, counts_b, prior, prior_total=prior_total)
    spans_a = _spans_by_term(terms_a)
    spans_b = _spans_by_term(terms_b)
    out = []
    for term, z in scores.items():
        if abs(z) <= Z_CUTOFF or max(counts_a.get(term, 0), counts_b.get(term, 0)) < (
            MIN_DISTINCTIVE_COUNT
        ):
            continue
        entry = contrast(term if z > 0 else None, term if z < 0 else None, "distinctive")
        entry["z"] = round(z, 2)
        entry["count_a"], entry["count_b"] = counts_a.get(term, 0), counts_b.get(term, 0)
        entry["spans_a"], entry["spans_b"] = spans_a.get(term, []), spans_b.get(term, [])
        out.append(entry)
    out.sort(key=lambda c: -abs(c["z"]))
    side_a = [c for c in out if c["a"]][:MAX_DISTINCTIVE]
    side_b = [c for c in out if c["b"]][:MAX_DISTINCTIVE]
    return sorted(side_a + side_b, key=lambda c: -abs(c["z"]))


def _spans_by_term(terms: Sequence[dict]) -> dict[str, list[list[int]]]:
    out: dict[str, list[list[int]]] = {}
    for t in terms:
        if t["kind"] in ("lemma", "chunk"):
            out.setdefault(t["term"], []).append([t["start"], t["end"]])
    return out


def outlet_terms(
    terms_by_outlet: Mapping[str, Sequence[dict]],
    prior: Mapping[str, int] | None = None,
    *,
    prior_total: int | None = None,
) -> dict[str, list[tuple[str, int, float]]]:
    """For a story: each outlet's distinctive terms against the other outlets together,
    [(term, count, z)], |z| > 1.96, strongest first; `prior` and `prior_total` as for
    `distinctive_terms` (by default the story's own terms). Speech verbs are left out: how
    often an outlet writes "said" is how it attributes, not a word it chooses for the event
    (a pair's compare page contrasts attribution on its own, `attribution_contrasts`)."""
    counts = {outlet: term_counts(terms) for outlet, terms in terms_by_outlet.items()}
    total = sum(counts.values(), Counter())
    if prior is None:
        prior, prior_total = total, None
    out = {}
    for outlet, own in counts.items():
        rest = total - own
        scores = log_odds_z(own, rest, prior, prior_total=prior_total)
        ranked = [
            (term, own[term], round(z, 2))
            for term, z in scores.items()
            if z > Z_CUTOFF and own.get(term, 0) >= MIN_DISTINCTIVE_COUNT and not _speech_verb(term)
        ]
        ranked.sort(key=lambda item: -item[2])
        out[outlet] = ranked[:MAX_DISTINCTIVE]
    return out


def wording(
    *,
    aligned: Iterable[AlignedText],
    terms_a: Sequence[dict],
    terms_b: Sequence[dict],
    prior: Mapping[str, int] | None = None,
    prior_total: int | None = None,
    body_a: str = "",
    body_b: str = "",
) -> list[dict]:
    """All three kinds of contrast for one comparison: entity, then aligned, then distinctive.
    Entity contrasts are names spelt differently and, given the bodies, forms the texts
    themselves make one (`aliases`). An aligned substitution that only repeats an entity
    contrast is left out."""
    entities = entity_contrasts(terms_a, terms_b)
    if body_a and body_b:
        spelt = {(c["a"].lower(), c["b"].lower()) for c in entities}
        entities += [
            c
            for c in aliases.alias_contrasts(body_a, terms_a, body_b, terms_b)
            if (c["a"].lower(), c["b"].lower()) not in spelt
        ]
    seen = {(c["a"].lower(), c["b"].lower()) for c in entities}
    substitutions = [c for c in aligned_substitutions(aligned) if (c["a"], c["b"]) not in seen]
    distinctive = distinctive_terms(terms_a, terms_b, prior, prior_total=prior_total)
    # A speech verb one outlet favours is a difference in how speech is attributed ("said"
    # against "claimed", "stated", "stressed"), not in naming: one contrast of its own.
    speech = [c for c in substitutions + distinctive if _speech_verb(c["a"] or c["b"])]
    if speech:
        substitutions = [c for c in substitutions if c not in speech]
        distinctive = [c for c in distinctive if c not in speech]
    return (
        entities
        + attribution_contrasts(terms_a, terms_b, bool(speech))
        + substitutions
        + (distinctive)
    )


def _speech_verb(term: str | None) -> bool:
    """An attribution verb's lemma ("say", "claim"; a proper noun such as "State" is not)."""
    return bool(term) and term in ATTRIBUTION_VERBS


MAX_ATTRIBUTION_VERBS = 3  # per side


def attribution_contrasts(
    terms_a: Sequence[dict], terms_b: Sequence[dict], differ: bool
) -> list[dict]:
    """How each outlet attributes speech, when the two differ (`differ`: a speech verb came out
    distinctive or swapped): one contrast {"source": "attribution"} whose "a" and "b" are the
    speech verbs each outlet uses more than the other (by share of its speech verbs, most used
    first, "say" / "claim, state, stress"), counted and spanned over every use."""
    if not differ:
        return []
    verbs_a = Counter(
        t["term"] for t in terms_a if t.get("kind") == "lemma" and _speech_verb(t["term"])
    )
    verbs_b = Counter(
        t["term"] for t in terms_b if t.get("kind") == "lemma" and _speech_verb(t["term"])
    )
    total_a, total_b = sum(verbs_a.values()) or 1, sum(verbs_b.values()) or 1
    more_a = [v for v in verbs_a if verbs_a[v] / total_a > verbs_b.get(v, 0) / total_b]
    more_b = [v for v in verbs_b if verbs_b[v] / total_b > verbs_a.get(v, 0) / total_a]
    more_a = sorted(more_a, key=lambda v: (-verbs_a[v], v))[:MAX_ATTRIBUTION_VERBS]
    more_b = sorted(more_b, key=lambda v: (-verbs_b[v], v))[:MAX_ATTRIBUTION_VERBS]
    if not more_a or not more_b:
        return []
    entry = contrast(", ".join(more_a), ", ".join(more_b), "attribution")
    entry["count_a"] = sum(verbs_a[v] for v in more_a)
    entry["count_b"] = sum(verbs_b[v] for v in more_b)
    spans_a, spans_b = _spans_by_term(terms_a), _spans_by_term(terms_b)
    entry["spans_a"] = _unique([s for v in more_a for s in spans_a.get(v, [])])
    entry["spans_b"] = _unique([s for v in more_b for s in spans_b.get(v, [])])
    return [entry]
