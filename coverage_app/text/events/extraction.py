"""Events: the happenings an article reports, read off the dependency parse.

An event is something that happened or is announced to happen: a meeting, a strike, an
attack, an arrest, a vote, a signing, a decree, and statements that are themselves news (an
announcement, a rejection, a refusal, a threat), and what a named speaker said ("Marrow said
that Dalmora was ready for mediation" is a "say" event of Marrow's besides its indirect quote).
A saying by an unnamed source ("officials said") or inside another clause is not an event.

Per sentence, outside quotation marks, the candidates are the root verb and the verbs joined
to it (conj, advcl), the content clause of a speech verb ("the presidency said that Orlan *will
meet* Dovan on Thursday") and the clause completing a noun ("his position that he *won't
sign* the deal"). Then:

* pure reporting verbs (say, tell, add, note, stress...) are dropped; statement verbs
  (announce, reject, refuse, deny, condemn, warn, threaten...) stay only when they carry an
  object, an infinitive or a "for/against/on" phrase of their own, not just a reported clause;
  except that a saying which is its sentence's main verb and whose speaker is named (a person
  or body the NameBook resolves) is an event of its own: what someone said is news that other
  outlets report too ("Dalven said on Monday that the port would reopen");
* intention verbs hand the event to their infinitive and become its modality: "plans to
  strike" is a strike with modality "plan", "is expected to close" a closing with "expect",
  "is set to / is to / is due to / is going to meet" a meeting with "will";
* copulas and light verbs (be, have, seem, include, mean...) are states, not events, and a
  subject that is neither someone nor something that acts ("the process", "requirements")
  makes an event only with a verb that is itself a happening (rise, collapse, explode...);
* a passive takes its agent as actor ("were arrested by police"), its subject joins the
  participants.

Besides verbs, a happening noun that carries its participants is an event (`_nominal_events`):
"the meeting between A and B", "A's visit to X", "the arrest of X", "talks with B". Its action
is the verb that reports the same happening (meeting -> meet), its actor and participants come
from "between", the possessive, "by", "of", "with", "against/on/to"; a verb that only says it
took place ("the talks were held in X on Monday") lends it date, place, negation and modality.
A noun standing alone (a headline), the object of a verb that carries it out ("held talks
with") or a happening a verb of the same sentence already reports gives none.

Each event: actor (resolved through the article's NameBook so "he" or "the minister" become
the person), action (lemma, with its particle: "rule out"), participants, place (a GPE, LOC or
FAC in the clause, or a proper noun after "in/at" that is nobody's name), date (resolved by
`dates.resolve_date`, looking ahead when the verb is future or modal), negated, modality
(will, would, could, can, may, might, must, should, or an intention: plan, intend, expect,
threaten, hope...), and the sentence with its offsets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc, Span, Token

from coverage_app.text.clean.dates import DATE_WORDS, resolve_date
from coverage_app.text.events.event_words import (
    AGENT_NOUNS,
    DEEP_PLACE_PREPS,
    EVENT_NOUNS,
    HAPPENINGS,
    HYPOTHETICAL_MARKS,
    INTENTIONS,
    MODALS,
    MOTION_VERBS,
    NEGATIVE_PRONOUNS,
    NEGATIVE_WORDS,
    NOMINAL_ACTIONS,
    NOMINAL_MODALITY,
    NOT_PARTIES,
    OCCURRENCE_VERBS,
    PARTICIPANT_PREPS,
    PARTICLE_WORDS,
    PATIENT_NOMINALS,
    PLACE_PREPS,
    POSSESSIVE_PATIENTS,
    REFLEXIVES,
    REPORTING,
    STATE_LEMMAS,
    STATEMENT_PREPS,
    STATEMENTS,
    SUPPORT_VERBS,
)
from coverage_app.text.people.name_words import ORG_WORDS
from coverage_app.text.people.names import Entity, NameBook

# Dependents whose negation negates the event ("no proposal was made", "nobody came").
NEGATABLE_DEPS = {"nsubj", "nsubjpass", "dobj", "attr"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOMINAL = {"PROPN", "NOUN", "PRON", "NUM"}


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
    # A common noun names someone only when it is a word for a person or body ("the
    # minister", "the company"); "proposals from the US" are proposals, not the US.
    if (
        token.pos_ != "NOUN"
        or token.lower_ in AGENT_NOUNS
        or token.lemma_.lower() in AGENT_NOUNS
        or any(c.dep_ == "appos" for c in token.children)
    ):
        entity = book.resolve(token)
        if entity is not None:
            return entity.name
    if token.pos_ == "PRON":
        return ""
    return _phrase(token)


def _own_modality(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass"} and child.lower_ in MODALS:
            return MODALS[child.lower_]
    return None


def _perfect(verb: Token) -> bool:
    """`would have met`, `could have stopped`: past, whatever the modal."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _negated(verb: Token) -> bool:
    """`did not`, `never`, `no longer`, and a negative subject or object: "no proposal was
    made", "made no offer", "nobody came", "not even these calls were answered"."""
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in {"never", "not", "n't"}:
            return True
        if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return True
        if child.dep_ in NEGATABLE_DEPS:
            if child.lower_ in NEGATIVE_PRONOUNS:
                return True
            if any(
                g.dep_ in {"det", "neg", "preconj"} and g.lower_ in NEGATIVE_WORDS
                for g in child.children
            ):
                return True
    return False


def _light(verb: Token) -> bool:
    """Verbs that say something about someone rather than report an act: "made it clear
    that...", "has shown itself to be indifferent", "proved itself unable"."""
    children = list(verb.children)
    if verb.lemma_ == "make" and any(c.lower_ == "clear" for c in children):
        return True
    reflexive = any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in children)
    complement = any(c.dep_ in {"xcomp", "oprd", "acomp", "ccomp"} for c in children)
    return reflexive and complement


def _xcomp(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
            return child
        if child.dep_ == "acomp" and child.lower_ in INTENTIONS:
            inner = _xcomp(child)  # "is likely to meet"
            if inner is not None:
                return inner
    return None


def _intention(verb: Token) -> str | None:
    """The modality `verb` lends its infinitive, or None when it is not an intention."""
    if verb.lemma_ == "be":
        # "is to meet"; "is likely / ready / able to meet".
        for child in verb.children:
            if child.dep_ == "acomp" and child.lower_ in INTENTIONS:
                return INTENTIONS[child.lower_]
        return "will" if any(c.dep_ == "xcomp" and c.i > verb.i for c in verb.children) else None
    if verb.lemma_ == "have" and not any(c.dep_ == "xcomp" for c in verb.children):
        return None
    return INTENTIONS.get(verb.lemma_)


class _Frame:
    """A candidate verb with what it inherits from the verb that handed it down."""

    __slots__ = ("verb", "modality", "negated", "subject_from")

    def __init__(self, verb: Token, modality=None, negated=False, subject_from=None):
        self.verb = verb
        self.modality = modality
        self.negated = negated
        self.subject_from = subject_from


def _candidates(sentence: Span, quoted: list[bool]) -> list[_Frame]:
    frames: list[_Frame] = []
    queue = [_Frame(sentence.root)]
    seen: set[int] = set()
    while queue:
        frame = queue.pop(0)
        verb = frame.verb
        if verb.i in seen:
            continue
        seen.add(verb.i)
        own = _own_modality(verb)
        if own is not None and frame.modality is None:
            frame.modality = own
        inner = _xcomp(verb) if not quoted[verb.i] else None
        intention = _intention(verb) if inner is not None else None
        if inner is not None and intention is not None and verb.lemma_ not in STATEMENTS - {
            "threaten", "vow", "pledge", "promise"
        }:  # fmt: skip
            # The intention becomes the modality of the infinitive's event.
            modality = intention if intention != "will" or frame.modality is None else "will"
            if frame.modality in {"would", "could", "may", "might", "should", "must"}:
                modality = frame.modality
            queue.insert(
                0,
                _Frame(
                    inner,
                    modality=modality,
                    negated=frame.negated or _negated(verb),
                    subject_from=frame.subject_from or verb,
                ),
            )
        elif verb.pos_ in {"VERB", "AUX"}:
            frames.append(frame)
        for child in verb.children:
            if child.pos_ not in {"VERB", "AUX"}:
                # "his position that he won't hold talks": a clause completing a noun.
                if child.dep_ in {"dobj", "attr", "pobj", "nsubj"}:
                    for grandchild in child.children:
                        if grandchild.dep_ == "acl" and any(
                            g.dep_ == "mark" and g.lower_ == "that" for g in grandchild.children
                        ):
                            queue.append(_Frame(grandchild))
                continue
            if child.dep_ == "conj":
                # "will meet Dovan and sign a deal": the second verb shares the modal.
                queue.append(
                    _Frame(child, modality=None if _own_modality(child) else frame.modality)
                )
            elif child.dep_ in {"ccomp", "parataxis"}:
                queue.append(_Frame(child))
            elif child.dep_ == "advcl" and child.tag_ != "VBG" and not _hypothetical(child):
                queue.append(_Frame(child))
    return frames


def _hypothetical(clause: Token) -> bool:
    """A conditional or purpose clause: "if talks fail", "to stop the operation"."""
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in HYPOTHETICAL_MARKS:
            return True
        if child.dep_ == "aux" and child.lower_ == "to":
            return True
    return False


def _subject(verb: Token, subject_of: Callable[[Token], Token | None]) -> Token | None:
    found = subject_of(verb)
    if found is not None:
        return found
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return child
    return None


def _raised_subject(verb: Token) -> Token | None:
    """The subject of an intention verb, active or passive ("is expected to", "plans to")."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
        return _raised_subject(verb.head)
    return None


def _passive(verb: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) of a passive verb, or (None, None)."""
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if patient is None:
        return None, None
    agent = None
    for child in verb.children:
        if child.dep_ == "agent":
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
    return agent, patient


def _agentive(token: Token, book: NameBook) -> bool:
    """Whether a subject is someone or something that acts (not 'the process')."""
    if book.entity_at(token) is not None or token.pos_ in {"PROPN", "PRON"}:
        return True
    if token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}:
        return True
    lower = token.lower_
    lemma = token.lemma_.lower()
    if lower in AGENT_NOUNS or lemma in AGENT_NOUNS or lower in EVENT_NOUNS:
        return True
    return any(c.dep_ == "compound" and c.ent_type_ in {"ORG", "GPE", "NORP"} for c in token.lefts)


def _has_own_object(verb: Token, quoted: list[bool]) -> bool:
    """A statement verb with content of its own, not only a reported clause or quote."""
    for child in verb.children:
        if quoted[child.i]:
            continue
        if child.dep_ in {"dobj", "dative"} and child.pos_ in {"NOUN", "PROPN"}:
            return True
        if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
            # "refused to hold talks" is news; "refused to comment" is not.
            return child.lemma_.lower() not in REPORTING and child.lemma_.lower() != "be"
        if child.dep_ == "prt":
            return True  # "ruled out"
        if child.dep_ == "prep" and child.lower_ in STATEMENT_PREPS:
            if any(
                c.dep_ in {"pobj", "pcomp"}
                and not quoted[c.i]
                and c.ent_type_ not in {"DATE", "TIME"}
                for c in child.children
            ):
                return True
    return False


# Speech verbs that are themselves a happening when someone is spoken *with* (a call, talks).
CONVERSATION = frozenset({"speak", "talk", "confer", "converse", "chat"})


def _talks_with_someone(verb: Token, quoted: list[bool]) -> bool:
    return any(
        child.dep_ == "prep"
        and child.lower_ == "with"
        and any(
            g.dep_ == "pobj" and g.pos_ in {"PROPN", "NOUN"} and not quoted[g.i]
            for g in child.children
        )
        for child in verb.children
    )


def _is_event(
    frame: _Frame, subject: Token | None, book: NameBook, quoted: list[bool],
    is_speech: Callable[[Token], bool],
) -> bool:  # fmt: skip
    verb = frame.verb
    lemma = verb.lemma_.lower()
    if quoted[verb.i] or verb.dep_ in {"aux", "auxpass"} or not lemma.isalpha():
        return False
    if lemma in STATE_LEMMAS or _light(verb):
        return False
    if lemma in STATEMENTS:
        return _has_own_object(verb, quoted)
    if subject is not None and subject.lower_ == "it" and lemma == "come":
        return False  # "when it came to a truce": an idiom, not an act
    if lemma in CONVERSATION and _talks_with_someone(verb, quoted):
        return True  # "Varo spoke with her Norvan counterpart": a call or meeting
    if lemma in REPORTING or is_speech(verb):
        return False
    if subject is not None and subject.pos_ == "NOUN" and not _agentive(subject, book):
        return lemma in HAPPENINGS
    return True


def _named_speaker(
    verb: Token, subject: Token | None, sentence: Span, book: NameBook, quoted: list[bool],
    is_speech: Callable[[Token], bool],
) -> Entity | None:  # fmt: skip
    """The named speaker of a saying that is its sentence's main verb, or None.

    What a named person or body said is itself news that other outlets report ("Dalven said on
    Monday that the port would reopen", "'We will not move,' Varga said"): the saying is an
    event with its speaker as actor. A saying by an unnamed or generic source ("officials
    said", "analysts said"), or one inside another clause ("..., adding that"), is not."""
    if quoted[verb.i] or subject is None:
        return None
    lemma = verb.lemma_.lower()
    if lemma in CONVERSATION and not any(c.dep_ == "prt" for c in verb.children):
        return None  # "spoke to reporters" is no news; "spoke out" is a statement
    if lemma not in REPORTING and lemma not in STATEMENTS and not is_speech(verb):
        return None
    root = sentence.root
    if verb.i != root.i and not (verb.dep_ == "conj" and verb.head.i == root.i):
        return None
    return book.resolve(subject)


def _participants(verb: Token, actor: str, book: NameBook, quoted: list[bool]):
    participants: list[str] = []
    place = None
    children = list(verb.children)
    inner = _xcomp(verb)
    if inner is not None and verb.lemma_.lower() in STATEMENTS:
        children += list(inner.children)  # "refused to hold talks with Russia"
    agent, patient = _passive(verb)
    if patient is not None:
        children.append(patient)
    for child in children:
        if quoted[child.i]:
            continue
        targets = []
        if child.dep_ in {"dobj", "dative", "nsubjpass"}:
            targets = [child]
            # "hold talks with Russia": the people the object is with.
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in {"with", "between", "against"}:
                    targets += [c for c in prep.children if c.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS | PLACE_PREPS:
            targets = [c for c in child.children if c.dep_ == "pobj"]
        for target in targets:
            group = [target, *[c for c in target.children if c.dep_ == "conj"]]
            for member in group:
                if child.dep_ == "prep" and child.lower_ in PLACE_PREPS and place is None:
                    if _is_place(member, book, direct=True):
                        place = _phrase(member)
                        continue
                if member.ent_type_ in {"DATE", "TIME"} or member.pos_ not in NOMINAL:
                    continue
                if child.dep_ == "prep" and child.lower_ not in PARTICIPANT_PREPS:
                    continue
                name = _name(member, book)
                if name and name != actor and name not in participants:
                    participants.append(name)
    return participants, place


def _is_place(token: Token, book: NameBook, *, direct: bool = False) -> bool:
    """A GPE/LOC/FAC, or a proper noun where only a place can stand ("in Orsby"): the small
    model calls many unfamiliar towns PERSON, so after "in" the preposition decides."""
    if token.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL"}:
        return False
    entity = book.entity_at(token)
    if token.ent_type_ in PLACE_LABELS:
        return entity is None or entity.is_org
    if token.pos_ != "PROPN" or any(t.lower_ in ORG_WORDS for t in token.subtree):
        return False
    prep = token.head.lower_
    person = entity is not None and not entity.is_org
    if prep in DEEP_PLACE_PREPS:
        # "in Orsby" names a place even when tagged PERSON; "in Daniel Brecht" never occurs.
        return not (person and (len(entity.name.split()) > 1 or entity.titles))
    if direct and prep == "to" and token.head.head.lemma_ in MOTION_VERBS:
        return not (person and len(entity.name.split()) > 1)
    return False


def _date(scope: list[Token], nested: set[int], published, future: bool) -> str | None:
    tokens = [
        t for t in scope
        if t.i not in nested and (t.ent_type_ == "DATE" or t.lower_ in DATE_WORDS)
    ]  # fmt: skip
    if not tokens:
        return None
    # The first run of adjacent date tokens: "next Monday", "Oct. 11", "11 October".
    run = [tokens[0]]
    for t in tokens[1:]:
        if t.i == run[-1].i + 1:
            run.append(t)
        else:
            break
    phrase = " ".join(t.text for t in run)
    found = resolve_date(phrase, published=published, future=future)
    return found.isoformat() if found else None


def _someone(token: Token, book: NameBook) -> bool:
    """A participant a happening noun carries is someone: a name, a body or a person word."""
    if token.ent_type_ in NOT_PARTIES:
        return False
    if token.pos_ == "PRON":
        return book.resolve(token) is not None
    if book.entity_at(token) is not None or token.pos_ == "PROPN":
        return True
    if token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    return token.lower_ in AGENT_NOUNS or token.lemma_.lower() in AGENT_NOUNS


def _carrier(noun: Token) -> Token | None:
    """The verb that only says the happening took place, or is to ("the meeting took place
    on Monday", "the talks will be in Orsby", "a visit is expected to take place"), whose
    date, place, negation and modality are the happening's."""
    head = noun.head
    if noun.dep_ not in {"nsubj", "nsubjpass", "attr", "dobj"} or head.i == noun.i:
        return None
    if head.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = head.lemma_.lower()
    if lemma in OCCURRENCE_VERBS or lemma in {"hold", "schedule", "plan", "set"}:
        return head
    if lemma in INTENTIONS and _xcomp(head) is not None:
        return head
    return None


def _nominal_roles(noun: Token, book: NameBook, quoted: list[bool]):
    """(actors, others, place) a happening noun carries in its own phrase: "between A and
    B", "A's", "by A", "of X" (the actor, or who it happens to: "the arrest of X"), "with B",
    "against/on/to X", "in/at" a place."""
    words = {noun.lower_, noun.lemma_.lower()}
    patient = bool(words & PATIENT_NOMINALS)
    actors: list[Token] = []
    others: list[Token] = []
    owners: list[Token] = []
    place = None
    for child in noun.children:
        if quoted[child.i]:
            continue
        if child.dep_ == "poss" and _someone(child, book):
            owners.append(child)
            continue
        if child.dep_ == "compound" and child.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
            actors.append(child)  # "the Kestrian offensive", "a Dovan visit"
            continue
        if child.dep_ != "prep":
            continue
        prep = child.lower_
        for obj in (g for g in child.children if g.dep_ == "pobj"):
            group = [obj, *[c for c in obj.children if c.dep_ == "conj"]]
            for member in group:
                if quoted[member.i] or member.ent_type_ in NOT_PARTIES:
                    continue
                if prep in DEEP_PLACE_PREPS:
                    if place is None and _is_place(member, book, direct=True):
                        place = _phrase(member)
                elif prep in {"between", "among"} and _someone(member, book):
                    (others if actors else actors).append(member)
                elif prep == "by" and _someone(member, book):
                    actors.append(member)
                elif prep == "of":
                    if patient and member.pos_ in NOMINAL:
                        others.append(member)
                    elif not patient and _someone(member, book):
                        actors.append(member)
                elif prep in {"with", "against", "on", "to", "into"} and _someone(member, book):
                    others.append(member)
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    if words & POSSESSIVE_PATIENTS and not has_of:
        others = owners + others
    else:
        actors = owners + actors
    return actors, others, place


def _nominal_events(
    sentence: Span, book: NameBook, quoted: list[bool], published, verbal: list[dict]
) -> list[dict]:  # fmt: skip
    """Happenings named by a noun that carries its participants: "the meeting between A and
    B", "A's visit to X", "the arrest of X", "talks with B". The action is the verb that
    reports the same happening (meeting -> meet), so that one outlet's "A will meet B" and
    another's "the meeting between A and B" are one event. A noun a verb of the sentence
    already reports ("A met B; the meeting...", "held talks with B") gives none."""
    out = []
    actions = {e["action"] for e in verbal}
    for noun in sentence:
        # A noun phrase standing alone is a headline or caption, not a report.
        if noun.pos_ != "NOUN" or quoted[noun.i] or noun.dep_ in {"compound", "ROOT"}:
            continue
        action = NOMINAL_ACTIONS.get(noun.lower_) or NOMINAL_ACTIONS.get(noun.lemma_.lower())
        if action is None or action in actions:
            continue
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in SUPPORT_VERBS:
            continue
        actors, others, place = _nominal_roles(noun, book, quoted)
        if not actors and not others:
            continue
        actor = _name(actors[0], book) if actors else ""
        participants: list[str] = []
        for token in actors[1:] + others:
            name = _name(token, book)
            if name and name != actor and name not in participants:
                participants.append(name)
        if not actor and not participants:
            continue
        carrier = _carrier(noun)
        modality = next(
            (NOMINAL_MODALITY[c.lower_] for c in noun.children
             if c.dep_ in {"amod", "compound"} and c.lower_ in NOMINAL_MODALITY),
            None,
        )  # fmt: skip
        negated = any(
            c.dep_ in {"det", "neg"} and c.lower_ in NEGATIVE_WORDS for c in noun.children
        )
        scope = [t for t in noun.subtree if not quoted[t.i]]
        if carrier is not None:
            inner = _xcomp(carrier) if carrier.lemma_.lower() in INTENTIONS else None
            if modality is None:
                modality = _own_modality(carrier)
                if modality is None and inner is not None:
                    modality = _intention(carrier)
            negated = negated or _negated(carrier)
            for verb in (carrier, inner):
                if verb is None:
                    continue
                for child in verb.children:
                    if child.i == noun.i or child.dep_ in {"ccomp", "conj", "advcl", "relcl"}:
                        continue
                    scope += [t for t in child.subtree if not quoted[t.i]]
                    if place is None and child.dep_ == "prep" and child.lower_ in DEEP_PLACE_PREPS:
                        found = next(
                            (g for g in child.children
                             if g.dep_ == "pobj" and _is_place(g, book, direct=True)),
                            None,
                        )  # fmt: skip
                        if found is not None:
                            place = _phrase(found)
        scope.sort(key=lambda t: t.i)
        when = _date(scope, set(), published, modality is not None)
        out.append({
            "actor": actor or None,
            "action": action,
            "participants": participants,
            "place": place,
            "date": when,
            "negated": negated,
            "modality": modality,
        })  # fmt: skip
    return out


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
        seen: set[tuple] = set()
        first = len(events)
        for frame in _candidates(sentence, quoted):
            verb = frame.verb
            agent, patient = _passive(verb)
            if patient is not None:
                subject = agent
            elif frame.subject_from is not None:
                # "the company is expected to close": the company acts.
                subject = _subject(verb, subject_of) or _raised_subject(frame.subject_from)
            else:
                subject = _subject(verb, subject_of)
            if _is_event(frame, subject, book, quoted, is_speech):
                actor = _name(subject, book) if subject is not None else ""
            else:
                speaker = _named_speaker(frame.verb, subject, sentence, book, quoted, is_speech)
                if speaker is None:
                    continue
                actor = speaker.name
            participants, place = _participants(verb, actor, book, quoted)
            modality = frame.modality or _own_modality(verb)
            future = modality is not None and not _perfect(verb)
            scope = [t for t in verb.subtree if not quoted[t.i]]
            nested = {t.i for c in verb.children if c.dep_ in {"ccomp", "conj", "advcl", "relcl"}
                      for t in c.subtree}  # fmt: skip
            when = _date(scope, nested, published, future)
            if place is None:
                if subject is not None and not _agentive(subject, book):
                    nested |= {t.i for t in subject.subtree}  # "shares in Tessaline rose"
                for t in scope:
                    if (
                        t.i not in nested
                        and t.dep_ == "pobj"
                        and t.head.lower_ in DEEP_PLACE_PREPS
                        and _is_place(t, book)
                    ):
                        place = _phrase(t)
                        break
            if not actor and not participants:
                continue
            action = verb.lemma_.lower()
            particle = [
                c.lower_ for c in verb.children
                if c.dep_ == "prt"
                or (c.dep_ == "prep" and c.lower_ in PARTICLE_WORDS and c.i == verb.i + 1
                    and not any(g.dep_ == "pobj" for g in c.children))
            ]  # fmt: skip
            if particle:
                action = f"{action} {particle[0]}"
            elif action == "call" and any(
                c.dep_ == "prep" and c.lower_ == "for" for c in verb.children
            ):
                action = "call for"
            key = (actor, action)
            if key in seen:
                continue
            seen.add(key)
            events.append({
                "text": text[s_lo:s_hi],
                "actor": actor or None,
                "action": action,
                "participants": participants,
                "place": place,
                "date": when,
                "negated": frame.negated or _negated(verb),
                "modality": modality,
                "start": s_lo,
                "end": s_hi,
            })  # fmt: skip
        for event in _nominal_events(sentence, book, quoted, published, events[first:]):
            key = (event["actor"] or "", event["action"])
            if key in seen:
                continue
            seen.add(key)
            events.append({"text": text[s_lo:s_hi], **event, "start": s_lo, "end": s_hi})
    return events
