"""Events: who did what to whom, where and when, read off the dependency parse.

For each sentence the main verbs outside quotation marks are events: the root and the verbs
joined to it, the content clause of a speech verb ("the Kremlin said that Putin *will meet*
Erdogan on Thursday") and the clause completing a noun ("his position that he *won't hold*
talks"). Copulas ("was open") and auxiliaries are states, not events, and are skipped.

Each event: actor (the subject, resolved through the article's NameBook so "he" or "the
minister" become the person), action (the verb's lemma, with its particle: "rule out"),
participants (objects and the people or places after with/to/between/against), place (a
GPE, LOC or FAC in the clause), date (a DATE in the clause resolved by `dates.resolve_date`,
future-aware), negated, modality (will, would, could, may, must, should, can, or "future" for
"is to / plans to / is going to"), and the sentence with its offsets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc, Span, Token

from coverage_app.text.dates import resolve_date
from coverage_app.text.names import NameBook

MODALS = {"will": "will", "wo": "will", "would": "would", "could": "could", "can": "can",
          "ca": "can", "may": "may", "might": "might", "must": "must", "should": "should",
          "shall": "will", "'ll": "will"}  # fmt: skip
FUTURE_HINTS = {"plan", "intend", "expect", "aim", "schedule", "set", "due", "go"}
PARTICIPANT_PREPS = {"with", "to", "between", "against", "from", "for", "on", "into", "at"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "from", "to", "across", "on"}
SKIP_LEMMAS = {"be", "have", "do", "seem", "appear", "become", "get"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _phrase(token: Token) -> str:
    """A short noun phrase for `token`: its compounds and adjectives, no determiners."""
    left = token
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "nmod", "nummod", "poss"} and not child.is_punct:
            left = child
            break
    words = [t.text for t in token.doc[left.i : token.i + 1] if t.dep_ != "case"]
    return " ".join(words).strip() or token.text


def _name(token: Token, book: NameBook) -> str:
    entity = book.resolve(token)
    if entity is not None:
        return entity.name
    if token.pos_ == "PRON":
        return ""
    return _phrase(token)


def _modality(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in MODALS:
            return MODALS[child.lower_]
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in FUTURE_HINTS:
        return "future"
    if verb.dep_ == "xcomp" and head.lemma_ == "be" and head.i < verb.i:
        return "future"  # "is to meet"
    return None


def _negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in {"never", "not", "n't"}:
            return True
    return False


def _candidates(sentence: Span, is_speech: Callable[[Token], bool]) -> list[Token]:
    root = sentence.root
    verbs = []
    queue = [root]
    seen = set()
    while queue:
        verb = queue.pop(0)
        if verb.i in seen:
            continue
        seen.add(verb.i)
        if verb.pos_ in {"VERB", "AUX"}:
            verbs.append(verb)
        for child in verb.children:
            if child.pos_ not in {"VERB", "AUX"}:
                # "his position that he won't hold talks": a clause completing a noun.
                if child.dep_ in {"dobj", "attr", "pobj"}:
                    for grandchild in child.children:
                        if grandchild.dep_ == "acl" and any(
                            g.dep_ == "mark" and g.lower_ == "that" for g in grandchild.children
                        ):
                            queue.append(grandchild)
                continue
            if child.dep_ == "conj" or (child.dep_ == "ccomp" and is_speech(verb)):
                queue.append(child)
            elif child.dep_ == "advcl" and child.tag_ != "VBG":
                queue.append(child)
    return verbs


def extract_events(
    doc: Doc,
    *,
    book: NameBook,
    quoted: list[bool],
    published: date | None,
    subject_of: Callable[[Token], Token | None],
    is_speech: Callable[[Token], bool],
) -> list[dict]:
    events = []
    text = doc.text
    for sentence in doc.sents:
        s_lo, s_hi = sentence.start_char, sentence.end_char
        while s_lo < s_hi and text[s_lo].isspace():
            s_lo += 1
        while s_hi > s_lo and text[s_hi - 1].isspace():
            s_hi -= 1
        if s_hi <= s_lo:
            continue
        for verb in _candidates(sentence, is_speech):
            if (
                quoted[verb.i]
                or verb.lemma_ in SKIP_LEMMAS
                or verb.dep_ == "aux"
                or not verb.lemma_.isalpha()
            ):
                continue
            subject = subject_of(verb)
            actor = _name(subject, book) if subject is not None else ""
            participants = []
            place = None
            for child in verb.children:
                if quoted[child.i]:
                    continue
                targets = []
                if child.dep_ in {"dobj", "dative", "agent"}:
                    targets = [child] if child.dep_ != "agent" else list(child.children)
                elif child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS | PLACE_PREPS:
                    targets = [c for c in child.children if c.dep_ == "pobj"]
                for target in targets:
                    group = [target, *[c for c in target.children if c.dep_ == "conj"]]
                    for member in group:
                        if (
                            member.ent_type_ in PLACE_LABELS
                            and child.dep_ == "prep"
                            and (child.lower_ in PLACE_PREPS and place is None)
                        ):
                            place = _phrase(member)
                            continue
                        if member.ent_type_ in {"DATE", "TIME"} or member.pos_ not in {
                            "PROPN", "NOUN", "PRON"
                        }:  # fmt: skip
                            continue
                        if child.dep_ == "prep" and child.lower_ not in PARTICIPANT_PREPS:
                            continue
                        name = _name(member, book)
                        if name and name != actor and name not in participants:
                            participants.append(name)
            modality = _modality(verb)
            when = None
            scope = [t for t in verb.subtree if not quoted[t.i]]
            nested = {t.i for c in verb.children if c.dep_ in {"ccomp", "conj", "advcl", "relcl"}
                      for t in c.subtree}  # fmt: skip
            date_tokens = [t for t in scope if t.ent_type_ == "DATE" and t.i not in nested]
            if date_tokens:
                phrase = " ".join(t.text for t in date_tokens)
                found = resolve_date(
                    phrase, published=published, future=modality in {"will", "future"}
                )
                when = found.isoformat() if found else None
            if place is None:
                for t in scope:
                    if t.ent_type_ in PLACE_LABELS and t.i not in nested and t.dep_ == "pobj":
                        if t.head.lower_ in PLACE_PREPS and t.head.head.i == verb.i:
                            place = _phrase(t)
                            break
            if not actor and not participants:
                continue
            action = verb.lemma_.lower()
            particle = [c.lower_ for c in verb.children if c.dep_ == "prt"]
            if particle:
                action = f"{action} {particle[0]}"
            events.append({
                "text": text[s_lo:s_hi],
                "actor": actor or None,
                "action": action,
                "participants": participants,
                "place": place,
                "date": when,
                "negated": _negated(verb),
                "modality": modality,
                "start": s_lo,
                "end": s_hi,
            })  # fmt: skip
    return events
