"""Who speaks a speech verb in one article: its subject, an inverted subject ("said X"),
"according to X", a record's owner ("according to his remarks"), and "he said" / "she added"
carried over from the speaker just quoted. `SpeakerFinder` also knows where things are in the
article (tokens, sentences, paragraphs, datelines). One `SpeakerFinder` per article is shared
by `Attributor` (`text.attribution`, quotes) and `ReportSources` (`text.report_sources`,
reported speech), which call it; `ReportingAttributor` (`text.reported`) holds all three."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from coverage_app.text.people.entities import Entity, is_medium
from coverage_app.text.people.name_words import ORG_WORDS, ROLE_NOUNS
from coverage_app.text.people.names import NameBook
from coverage_app.text.quotes.attribution_words import (
    ABBREVIATIONS,
    BACK_VERBS,
    INDEFINITE,
    INVERTING,
    LISTENER_VERBS,
    RECORD_NOUNS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
)
from coverage_app.text.quotes.reported_words import DOCUMENT_NOUNS

# How far before "the ruling" or "the statement" the body that issued it may be named.
DOCUMENT_OWNER_WITHIN = 400
SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s|$)")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    # "VELL, Dalmora —", "LISK, Kestria (Wire) -": a place in capitals before the dash.
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}(?:, [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})?"
    r"\s*(?:\([^)]{1,30}\)\s*)?(?=[-—–])"
    # "Orsby, 3 May (Coast Wire) -", "Lisk, May 23 (Wire)--": a place in plain case needs its
    # date or agency, so that a name before a dash aside ("Holm — a veteran —") is not one.
    r"|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}(?:, [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})?"
    rf"(?:,? (?:\d{{1,2}} {_MONTH}|{_MONTH} \d{{1,2}})(?:,? \d{{4}})?\s*(?:\([^)]{{1,30}}\))?"
    r"|\s*\([^)]{1,30}\))\s*(?=[-—–])"
)
DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")  # u.n, e.u, u.a.e


def _lone_name(entity: Entity) -> bool:
    """One capitalised word the tagger took for a body, with nothing that makes it one
    ("D'Arcy replied, ... he added"): "he" or "she" right after its quote makes it a person."""
    words = entity.name.split()
    return (
        len(words) == 1
        and not entity.is_place
        and not words[0].isupper()
        and not entity.words & ORG_WORDS
        and not is_medium(entity)
    )


def _abbreviation(word: str) -> bool:
    """A word whose full stop ends no sentence: Mr., Gen., U.N., U.S., an initial."""
    return word in ABBREVIATIONS or len(word) == 1 or bool(DOTTED.fullmatch(word))


@dataclass
class Attribution:
    entity: Entity | None
    found: bool  # an attribution was found (even when it names no one)
    at: int = -1  # character position of the speaker's mention


NO_ONE = Attribution(None, False)


class SpeakerFinder:
    """The speakers of one article's speech verbs, and positions in its text."""

    def __init__(self, doc: Doc, paras, book: NameBook, quoted):
        self.doc = doc
        self.text = doc.text
        self.paras = paras
        self.book = book
        self.quoted = quoted
        self.starts = [t.idx for t in doc]
        # Paragraph of each token: a subject never comes from another paragraph (the parser
        # runs a heading or a timestamp line into the next sentence).
        para_starts = [p_lo for p_lo, _ in paras]
        self.para_starts = para_starts
        self.token_para = [bisect_right(para_starts, t.idx) - 1 for t in doc]
        # Speakers of the quotes attributed so far: (char of the mention, entity), ascending.
        self.spoken_at: list[int] = []
        self.spoken: list[Entity] = []

    # --- small helpers -------------------------------------------------------------------

    def token_at(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, 0)

    def tokens_in(self, lo: int, hi: int) -> list[Token]:
        if hi <= lo or not len(self.doc):
            return []
        first = bisect_right(self.starts, lo - 1)
        last = bisect_right(self.starts, hi - 1)
        return [self.doc[i] for i in range(first, last)]

    def sentence_end(self, lo: int, hi: int) -> int:
        """First sentence end in text[lo:hi] (the index after it), or hi."""
        for match in SENTENCE_END.finditer(self.text, lo, hi):
            word = self.text[max(lo, match.start() - 6) : match.start()].split()
            last = word[-1].lower().strip("(") if word else ""
            if match.group()[0] == "." and _abbreviation(last):
                continue
            return match.end()
        return hi

    def last_sentence_start(self, lo: int, hi: int) -> int:
        start = lo
        for match in SENTENCE_END.finditer(self.text, lo, hi):
            if match.end() < hi:
                word = self.text[max(lo, match.start() - 6) : match.start()].split()
                last = word[-1].lower() if word else ""
                if match.group()[0] == "." and _abbreviation(last):
                    continue
                start = match.end()
        return start

    def is_wire_credit(self, token: Token) -> bool:
        """A dateline or wire credit opening a paragraph ("AP —", "KERRIN (Reuters) -")."""
        doc = self.doc
        start = token.i
        while start > 0 and not doc[start - 1].is_space and "\n" not in doc[start - 1].whitespace_:
            start -= 1
            if token.i - start > 6:
                return False
        p_lo, _ = self.paragraph_of(token.idx)
        if doc[start].idx != p_lo:
            return False
        before = self.text[p_lo : self.text.find(" ", token.idx + len(token.text)) + 3]
        # "AP —", "KERRIN (Reuters) -", "Lisk (Wire) -": a credit in capitals or with its
        # agency; a plain name before a dash ("Holm - the mayor since 2019 - said") is the
        # speaker.
        if re.match(r"^(?:[A-Z0-9.'’-]{2,40}|[^\s\"“]{1,40}?\s*\([^)]{1,30}\))\s*[-—–]", before):
            return True
        # "VELL, Dalmora —", "LISK, Kestria (Wire) -": a place line before the dash.
        dateline = DATELINE.match(self.text, p_lo, p_lo + 80)
        return dateline is not None and token.idx + len(token.text) <= dateline.end()

    def subject_of(self, verb: Token, depth: int = 0) -> Token | None:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and not self.quoted[child.i]:
                if self.token_para[child.i] != self.token_para[verb.i]:
                    continue
                if child.i < verb.i and self.is_wire_credit(child):
                    continue
                if child.dep_ == "nsubjpass" and verb.lemma_ not in {"quote", "cite"}:
                    continue
                return child
        if depth < 3 and verb.dep_ in {"conj", "advcl", "xcomp", "pcomp", "relcl"}:
            if verb.dep_ == "relcl":
                return verb.head if verb.head.pos_ in {"NOUN", "PROPN"} else None
            outer = self.clause_outside_content(verb)
            return self.subject_of(outer if outer is not None else verb.head, depth + 1)
        return None

    def clause_outside_content(self, verb: Token) -> Token | None:
        """The verb a subjectless conjunct or participle really hangs from when the parser
        tied it into a content clause: in "X said that prices rose, adding that..." or
        "X stressed that the risk remains, estimating...", the adding/estimating is X's,
        not the clause's; in "X has spoken of Y becoming Z and has called..." the second
        verb goes with the first. None when the parse is to be trusted."""
        head = verb.head
        if head.dep_ != "ccomp" or verb.tag_ == head.tag_:
            return None
        if any(c.dep_ == "mark" for c in verb.children):
            return None
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":
            return head.head  # a participle after the clause: the governor's
        if verb.dep_ == "conj":
            node = head
            for _ in range(8):
                if node.head.i == node.i:
                    break
                node = node.head
                if node.pos_ in {"VERB", "AUX"} and node.tag_ == verb.tag_:
                    return node
        return None

    def subject_before(self, verb: Token) -> Token | None:
        """When the parse gives no subject: the first person or organisation named earlier in
        the sentence, outside quotes and prepositional phrases (a fragment parse)."""
        for token in verb.sent:
            if token.i >= verb.i:
                break
            if self.quoted[token.i] or token.dep_ in {"pobj", "poss", "compound", "dobj"}:
                continue
            if self.token_para[token.i] != self.token_para[verb.i]:
                continue
            if self.is_wire_credit(token):
                continue
            entity = self.book.entity_at(token)
            if entity is not None:
                return token
        return None

    def speaker_of_verb(self, verb: Token) -> Attribution:
        found = self._speaker_of_verb(verb)
        if found.entity is not None and is_medium(found.entity):
            # "X said it was planned, the Kerrin Daily News reported", "local press said": a
            # medium is the channel; the sentence's other speaker said it, else no one.
            for token in verb.sent:
                if token.i != verb.i and self.is_speech_verb(token):
                    other = self._speaker_of_verb(token)
                    if other.entity is not None and not is_medium(other.entity):
                        return other
            return Attribution(None, True, found.at)
        return found

    def _speaker_of_verb(self, verb: Token) -> Attribution:
        if verb.lower_ == "according":
            for to in verb.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        if pobj.lower_ in SPEECH_NOUNS | RECORD_NOUNS:
                            return self.speaker_of_record(verb, pobj)
                        entity = self.book.speaker(pobj)
                        if entity is None and pobj.pos_ == "NOUN":
                            return NO_ONE  # "according to its calculations": no one's words
                        return Attribution(entity, True, pobj.idx)
            return Attribution(None, True)
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
            # "the ministry quoted Marsk as saying": the one quoted speaks, not who quotes.
            quoting = verb.head.head
            if quoting.lemma_ in {"quote", "cite"}:
                for child in quoting.children:
                    if child.dep_ == "dobj" and not self.quoted[child.i]:
                        return Attribution(self.book.speaker(child), True, child.idx)
        subject = self.subject_of(verb)
        if subject is None and verb.lemma_ in INVERTING:
            # "said Evan Castellanos, a professor": the name may hang off the verb.
            for child in verb.rights:
                if child.dep_ in {"dobj", "attr", "npadvmod", "appos", "nsubj", "oprd"} and (
                    (child.pos_ == "PROPN" or child.lower_ in ROLE_NOUNS)
                    and not self.quoted[child.i]
                    and child.ent_type_ not in {"DATE", "TIME"}  # "said Saturday"
                ):
                    subject = child
                    break
            if (
                subject is not None
                and subject.dep_ == "dobj"
                and verb.lemma_ in LISTENER_VERBS
                and subject.i > verb.i
            ):
                # `," Councillor Ada Vell, member for Eastmoor, told Mr. Dorran`: the parser
                # took a name inside the quote for the subject; the one told is the listener,
                # and the name before the verb speaks.
                subject = self.subject_before(verb) or subject
        if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBG":
            # "the American speech insisting that...": the noun speaks, not the sentence.
            document = verb.head
            if self.is_document(document) and document.dep_ == "dobj":
                # "she released a statement saying ...": who released it speaks.
                issuer = self.subject_of(document.head)
                entity = self.book.speaker(issuer) if issuer is not None else None
                if entity is not None and not is_medium(entity):
                    return Attribution(entity, True, issuer.idx)
            return Attribution(self.book.speaker(document), True, document.idx)
        if subject is None:
            subject = self.subject_before(verb)
        if subject is None and verb.i > 0:
            named = self.surname_word(verb.nbor(-1))
            if named is not None:
                return named
        if subject is None and verb.i > 0 and verb.nbor(-1).pos_ == "NOUN":
            if not self.quoted[verb.i - 1]:
                subject = verb.nbor(-1)  # `," a docker said` with the subject misparsed
        if subject is None:
            if verb.tag_ in {"VB", "VBG"} and (
                any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                or verb.dep_ in {"xcomp", "csubj", "pcomp", "acomp"}
            ):
                return NO_ONE  # "another would be to say that...": no one says it
            return Attribution(None, True)
        if subject.lower_ in INDEFINITE and subject.pos_ == "PRON":
            return NO_ONE  # "someone promises us 'efficiency'"
        if self.is_document(subject):
            # "the complaint says", "a statement from the board said": the body it speaks for.
            found = self.document_source(subject)
            return found if found.found else Attribution(None, True, subject.idx)
        entity = (
            self.main_subject_for(subject)
            or self.speaker_before(subject)
            or self.book.speaker(subject)
        )
        if entity is None:
            return self.surname_word(subject) or Attribution(None, True, subject.idx)
        return Attribution(entity, True, subject.idx)

    def surname_word(self, word: Token) -> Attribution | None:
        """`," From said`, `Early wrote`: a surname that is also a common word, which the
        tagger took for a preposition or an adverb, as the subject of a speech verb or right
        before it: the person the article named with it."""
        if self.quoted[word.i] or not word.is_title or word.pos_ in {"PROPN", "PRON"}:
            return None
        entity = self.book.named(word.text)
        if entity is None or entity.is_org or entity.surname != word.lower_:
            return None
        return Attribution(entity, True, word.idx)

    @staticmethod
    def is_document(token: Token) -> bool:
        """A document or finding that can carry a report: "the ruling", "a new poll"."""
        return token.pos_ == "NOUN" and (
            token.lemma_.lower() in DOCUMENT_NOUNS or token.lower_ in DOCUMENT_NOUNS
        )

    def document_source(self, document: Token) -> Attribution:
        """Who a document speaks for: its owner when the article names one ("the board's
        statement", "a statement from the board", "a poll by the institute", "a report
        released by the board", "the Veldt Institute poll", "results of a survey by X"); for
        "the ruling" or "the statement" with no owner in the phrase, the body last named or
        speaking before it (the court that ruled). A document nobody owns ("a poll",
        "records") or a medium's own reporting names no source: no one."""
        owner = None
        for child in document.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = next((p for p in child.children if p.dep_ == "pobj"), None)
                if inner is not None and self.is_document(inner):
                    return self.document_source(inner)  # "early results of a survey by X"
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                owner = child
            elif child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if child.lower_ != "of" or (pobj.pos_ == "PROPN" and pobj.ent_type_ == "ORG"):
                        owner = pobj
            elif child.dep_ == "acl" and child.tag_ == "VBN":
                # "a poll conducted by the institute", "a report released by the board"
                for agent in child.children:
                    if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ == "by"):
                        owner = next((p for p in agent.children if p.dep_ == "pobj"), None)
                        break
            if owner is not None:
                break
        if owner is not None:
            entity = self.book.speaker(owner)
            if entity is None or is_medium(entity):
                return NO_ONE
            return Attribution(entity, True, owner.idx)
        if not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in document.children
        ):
            return NO_ONE
        entity = self.document_issuer(document)
        if entity is not None:
            return Attribution(entity, True, document.idx)
        entity = self.book.recent_org(document.idx, within=DOCUMENT_OWNER_WITHIN)
        if entity is not None and not is_medium(entity):
            return Attribution(entity, True, document.idx)
        return Attribution(None, True, document.idx)

    def document_issuer(self, document: Token) -> Entity | None:
        """Who issued "the statement" when the article said so just before: "The mayor
        released a statement on Friday. ... 'We stand with the board,' the statement said."
        The nearest earlier mention of the same document decides: the subject of the verb
        that issued it, or its own owner ("a statement from the mayor")."""
        lo = max(0, document.idx - DOCUMENT_OWNER_WITHIN)
        for token in reversed(self.tokens_in(lo, document.idx)):
            if token.lemma_ != document.lemma_ or self.quoted[token.i] or token.i == document.i:
                continue
            if token.dep_ == "dobj" and token.head.pos_ == "VERB":
                subject = self.subject_of(token.head)
                entity = self.book.speaker(subject) if subject is not None else None
                if entity is not None and not is_medium(entity):
                    return entity
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
                found = self.document_source(token)
                if found.entity is not None:
                    return found.entity
            return None
        return None

    def main_subject_for(self, pronoun: Token) -> Entity | None:
        """'he' inside a clause of a sentence whose subject is a person: "A judge sentenced
        the three men for what he called a 'chilling' murder" - the judge called it."""
        if pronoun.pos_ != "PRON" or pronoun.lower_ not in {"he", "she"}:
            return None
        root = pronoun.sent.root
        clause = pronoun.head
        gender = "m" if pronoun.lower_ == "he" else "f"
        if clause.dep_ == "ccomp" and self.is_speech_verb(clause.head):
            # "Dorran said he replied: '...'": the one who tells of his own words spoke them.
            teller = self.subject_of(clause.head)
            entity = self.book.speaker(teller) if teller is not None else None
            if entity is not None and not entity.is_org and entity.gender in {"", gender}:
                return entity
        if clause.i == root.i or not any(
            c.tag_ in {"WP", "WDT"} or c.lower_ == "as" for c in clause.children
        ):
            return None  # only "what he called", "as she put it": not "after he admitted"
        for child in root.children:
            if child.dep_ != "nsubj" or child.i > pronoun.i or self.quoted[child.i]:
                continue
            if child.pos_ == "NOUN" and child.lower_ not in ROLE_NOUNS:
                return None
            if child.pos_ not in {"NOUN", "PROPN"}:
                return None
            entity = self.book.speaker(child)
            if entity is None or entity.is_org or entity.gender not in {"", gender}:
                return None
            return entity
        return None

    def speaker_of_record(self, according: Token, record: Token) -> Attribution:
        """Quotes "according to remarks circulated by Veltra" or "to an excerpt":
        the words are still those of the sentence's speaker ("X said, according to..."),
        or of the owner of the remarks ("according to his remarks")."""
        for token in according.sent:
            if token.lower_ != "according" and self.is_speech_verb(token):
                return self.speaker_of_verb(token)
        for child in record.children:
            if child.dep_ == "poss":
                return Attribution(self.book.speaker(child), True, child.idx)
        return Attribution(None, True)

    def note_speaker(self, char: int, entity: Entity) -> None:
        k = bisect_right(self.spoken_at, char)
        self.spoken_at.insert(k, char)
        self.spoken.insert(k, entity)

    def speaker_before(self, pronoun: Token) -> Entity | None:
        """'he said' / 'she added' right after someone was quoted: the speaker of the
        sentence before (or of this one), not a person named inside it ("the judge said of the
        video, where Holt raises his rifle. He said..." is the judge)."""
        if pronoun.pos_ != "PRON" or pronoun.lower_ not in {"he", "she"}:
            return None
        sentence = pronoun.sent
        lo = sentence.start_char
        previous = sentence.start - 1
        while previous >= 0:
            before = self.doc[previous].sent
            lo = before.start_char
            if any(t.is_alpha for t in before):
                break
            previous = before.start - 1
        k = bisect_right(self.spoken_at, pronoun.idx - 1) - 1
        if k < 0 or self.spoken_at[k] < lo:
            return None
        entity = self.spoken[k]
        gender = "m" if pronoun.lower_ == "he" else "f"
        if entity.is_org and not _lone_name(entity):
            return None
        if entity.gender not in {"", gender}:
            return None
        if not entity.gender:
            # A speaker known to be of the pronoun's gender, quoted in this paragraph or the
            # one before, comes first ("Berg said... Varga added... she said" is Berg).
            paragraph = self.token_para[pronoun.i]
            p_lo = self.paras[max(paragraph - 1, 0)][0]
            j = k - 1
            while j >= 0 and self.spoken_at[j] >= p_lo:
                if self.spoken[j].gender == gender and not self.spoken[j].is_org:
                    return self.spoken[j]
                j -= 1
        return entity

    def is_speech_verb(self, token: Token) -> bool:
        if self.quoted[token.i]:
            return False
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            return True
        if token.pos_ not in {"VERB", "AUX"}:
            return False
        if token.lemma_ in BACK_VERBS:
            return any(c.lower_ == "back" for c in token.children)
        if token.lemma_ == "go":
            # `," Tarrant went on`: going on speaking, not "went on to win".
            return any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children) and not any(
                c.dep_ in {"xcomp", "prep", "dobj"} for c in token.children
            )
        if token.lemma_ == "put":
            return self.puts_it_in_words(token)
        return token.lemma_ in SPEECH_LEMMAS

    def puts_it_in_words(self, put: Token) -> bool:
        """`"a tax on sailors," as Rowe put it`, "Rowe put it this way:", "how she put it":
        putting "it" into words, not putting a thing somewhere."""
        children = list(put.children)
        if not any(c.dep_ == "dobj" and c.lower_ == "it" for c in children):
            return False
        if any(c.lower_ in {"as", "how", "way"} for c in children):
            return True
        after = put.right_edge.i + 1
        return after < len(self.doc) and self.doc[after].text == ":"

    def attribution_in(self, lo: int, hi: int, *, last: bool = False, limit: int = 0):
        tokens = [t for t in self.tokens_in(lo, hi) if not self.quoted[t.i]]
        aside: set[int] = set()
        if limit:
            # An aside on the speaker does not count towards the limit, nor speaks: `," Ann
            # Vorst, who served as the mayor's chief of staff for a decade, told the paper.`
            aside = {
                t.i for head in tokens if head.dep_ in {"relcl", "appos", "acl"}
                for t in head.subtree
            }  # fmt: skip
            counted = [t for t in tokens if t.i not in aside][:limit]
            tokens = [t for t in tokens if t.i <= counted[-1].i] if counted else tokens[:limit]
        verbs = [t for t in tokens if t.i not in aside and self.is_speech_verb(t)]
        if not verbs:
            return None
        return self.speaker_of_verb(verbs[-1] if last else verbs[0])

    def paragraph_of(self, char: int) -> tuple[int, int]:
        k = bisect_right(self.para_starts, char) - 1
        return self.paras[k] if k >= 0 else (0, len(self.text))
