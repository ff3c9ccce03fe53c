"""Who said it: quotes sorted into direct, partial or no one's words, with their speakers.
Reported speech ("Marrow said that Dalmora was ready for mediation") is found by the subclass
in `text.reported`; the word lists are in `text.attribution_words`.

Works on one parsed article, with the spans `quotes.find_marked_spans` found and the article's
`NameBook`. Every decision reads the dependency parse and the text around the marks, never a
single entity tag:

* A span that opens a sentence (or follows "said:" / "said,", or continues a quotation) is
  *direct*. A span inside a sentence is *partial* when someone in that sentence says, calls,
  describes, accuses, warns... (a speech verb above it in the parse, or "according to");
  otherwise it is a scare quote, a title ("Clean Streets"), a nickname (Victor "Vic" Salas) or
  a label (the so-called "chip boom") and is left out.
* The speaker of a direct quote comes from the attribution after it (`," he said`,
  `," said X`, `," X told the broadcaster`), before it (`X said:`, `According to X, "`),
  the quote it continues, or else the speaker of the paragraph before.
* Reported speech: a speech verb outside quotation marks with a content clause (ccomp) that
  is not itself a quotation, or "according to X" with the clause it governs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from coverage_app.text.attribution_words import (
    ABBREVIATIONS,
    BACK_VERBS,
    INDEFINITE,
    INVERTING,
    LABEL_CUES,
    RECORD_NOUNS,
    SMALL_WORDS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
)
from coverage_app.text.name_words import ROLE_NOUNS
from coverage_app.text.names import Entity, NameBook, is_medium
from coverage_app.text.quotes import MarkedSpan

SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s|$)")
CLOSE_MARKS = "”\"’'»›"
# A dateline or wire credit opening a paragraph: "KERRIN (Reuters) -", "AP —".
WIRE_CREDIT = re.compile(
    r"^(?:[A-Z][A-Z.'’ ,/-]{1,40}?\s*)?(?:\([A-Z][\w .&/-]{1,30}\)\s*)?[-—–]+$"
)
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}(?:, [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})?"
    r"\s*(?:\([^)]{1,30}\)\s*)?(?=[-—–])"
)
# A name run together with its speech verb by bad copy: "Marransaid", "Holmadded".
RUN_TOGETHER = re.compile(
    r"(?:[A-Z][\w'’-]+\s)?([A-Z][a-z'’-]{1,30}?)(said|says|added|told|stated|wrote|asked)\b"
)
DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")  # u.n, e.u, u.a.e
# A speaker label opening a paragraph: "Aalto:", "Henrik Aalto:", "Interviewer:".
SPEAKER_LABEL = re.compile(r"((?:[A-Z][\w'’.-]*\s){0,2}[A-Z][\w'’.-]*):\s+(?=\S)")
QA_ANSWER = re.compile(r"A[:.]\s+(?=\S)")


def _abbreviation(word: str) -> bool:
    """A word whose full stop ends no sentence: Mr., Gen., U.N., U.S., an initial."""
    return word in ABBREVIATIONS or len(word) == 1 or bool(DOTTED.fullmatch(word))


@dataclass
class Attribution:
    entity: Entity | None
    found: bool  # an attribution was found (even when it names no one)
    at: int = -1  # character position of the speaker's mention


NO_ONE = Attribution(None, False)


class Attributor:
    def __init__(self, doc: Doc, spans: list[MarkedSpan], paras, book: NameBook, quoted):
        self.doc = doc
        self.text = doc.text
        self.spans = spans
        self.paras = paras
        self.book = book
        self.quoted = quoted
        self.starts = [t.idx for t in doc]
        # Paragraph of each token: a subject never comes from another paragraph (the parser
        # runs a heading or a timestamp line into the next sentence).
        para_starts = [p_lo for p_lo, _ in paras]
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
        if re.match(r"^[^\s\"“]{0,40}?(?:\([^)]{1,30}\))?\s*[-—–]", before):
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
        if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBG":
            # "the American speech insisting that...": the noun speaks, not the sentence.
            return Attribution(self.book.speaker(verb.head), True, verb.head.idx)
        if subject is None:
            subject = self.subject_before(verb)
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
        entity = (
            self.main_subject_for(subject)
            or self.speaker_before(subject)
            or self.book.speaker(subject)
        )
        return Attribution(entity, True, subject.idx)

    def main_subject_for(self, pronoun: Token) -> Entity | None:
        """'he' inside a clause of a sentence whose subject is a person: "A judge sentenced
        the three men for what he called a 'chilling' murder" - the judge called it."""
        if pronoun.pos_ != "PRON" or pronoun.lower_ not in {"he", "she"}:
            return None
        root = pronoun.sent.root
        clause = pronoun.head
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
            gender = "m" if pronoun.lower_ == "he" else "f"
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
        if entity.is_org or entity.gender not in {"", gender}:
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
        return token.lemma_ in SPEECH_LEMMAS

    def attribution_in(self, lo: int, hi: int, *, last: bool = False, limit: int = 0):
        tokens = [t for t in self.tokens_in(lo, hi) if not self.quoted[t.i]]
        if limit:
            tokens = tokens[:limit]
        verbs = [t for t in tokens if self.is_speech_verb(t)]
        if not verbs:
            return None
        return self.speaker_of_verb(verbs[-1] if last else verbs[0])

    def paragraph_of(self, char: int) -> tuple[int, int]:
        k = bisect_right([lo for lo, _ in self.paras], char) - 1
        return self.paras[k] if k >= 0 else (0, len(self.text))

    # --- quotes --------------------------------------------------------------------------

    def classify(self, span: MarkedSpan) -> str:
        """'direct', 'embedded' or 'skip' (a nickname, title or label)."""
        text = self.text
        lo, hi = self.paras[span.paragraph]
        content = text[span.start : span.end]
        words = content.split()
        if span.continues:
            return "direct"
        before = text[lo : span.open_at].rstrip()
        if WIRE_CREDIT.match(before):
            before = ""  # the quote opens the paragraph's text
        after_at = (span.close_at + 1) if span.close_at is not None else span.end
        after = text[after_at:hi].lstrip()
        prev_char = before[-1:] if before else ""
        tail = before[-30:].lower()
        if any(tail.endswith(cue) or tail.endswith(cue + " the") for cue in LABEL_CUES):
            return "skip"
        bare = content.rstrip(".,;:!?")
        title_case = (
            len(words) <= 7
            and bool(bare)
            and all(
                w[:1].isupper() or w.lower() in SMALL_WORDS or not w[:1].isalpha()
                for w in bare.split()
            )  # fmt: skip
            and any(w[:1].isupper() for w in bare.split())
            # A shouted headline quote ('I'M NOT DONE YET!') is words, not a title.
            and not (len(words) >= 2 and bare.upper() == bare and content[-1:] in "!?")
        )
        if (
            prev_char.isalpha()
            and before.split()[-1][:1].isupper()
            and after[:1].isupper()
            and len(words) <= 3
            and not re.search(r"[.!?,]", content)
        ):
            return "skip"  # a nickname: Victor "Vic" Salas
        starts_sentence = prev_char in {"", ".", "!", "?", ":", "…"} or prev_char in CLOSE_MARKS
        if prev_char in {",", "—", "–"} and not starts_sentence:
            previous = self.previous_span(span)
            gap_lo = previous.close_at + 1 if previous and previous.close_at else lo
            gap_lo = max(gap_lo, self.last_sentence_start(lo, span.open_at))
            if self.attribution_in(gap_lo, span.open_at) is not None:
                starts_sentence = content[:1].isupper() or previous is not None
        if starts_sentence:
            # `"Completely," said Marko`: a comma inside the marks is speech running on.
            comma_inside = span.close_at is not None and text[span.close_at - 1] == ","
            # `the minister answered: "Yes."` is an answer, not a title.
            answered = prev_char == ":" and (
                self.attribution_in(self.last_sentence_start(lo, span.open_at), span.open_at)
                is not None
            )
            if (
                title_case
                and len(words) <= 4
                and not after.startswith(",")
                and not comma_inside
                and not answered
            ):
                return "skip"
            return "direct"
        if title_case:
            return "skip"
        return "embedded"

    def previous_span(self, span: MarkedSpan) -> MarkedSpan | None:
        k = self.spans.index(span)
        if k > 0 and self.spans[k - 1].paragraph == span.paragraph:
            return self.spans[k - 1]
        return None

    def direct_attribution(self, span: MarkedSpan, k: int) -> Attribution:
        text = self.text
        lo, hi = self.paras[span.paragraph]
        nxt = self.spans[k + 1] if k + 1 < len(self.spans) else None
        # After the quote: `," he said.`  `," said X.`
        if span.close_at is not None:
            region_hi = nxt.open_at if nxt and nxt.paragraph == span.paragraph else hi
            region_lo = span.close_at + 1
            end = self.sentence_end(region_lo, region_hi)
            first = text[region_lo:end].lstrip(" ,")
            ended = text[span.end - 1 : span.end] in {".", "!", "?"}
            if first and not (ended and first[:1].isupper() and text[span.end - 1] == "."):
                found = self.attribution_in(region_lo, end, limit=12)
                if found is not None:
                    return found
                run_together = RUN_TOGETHER.match(first)
                if run_together is not None:
                    # `," Marransaid.`: the copy lost the space between name and verb.
                    entity = self.book.named(run_together.group(1))
                    if entity is not None:
                        return Attribution(entity, True, region_lo)
        # On the next line: `"..."` then `Anja Holm, the chief executive, said in a letter.`
        if (
            span.close_at is not None
            and not text[span.close_at + 1 : hi].strip(" ,.")
            and not text[lo : span.open_at].strip()
            and (span.paragraph + 1 < len(self.paras))
        ):
            n_lo, n_hi = self.paras[span.paragraph + 1]
            if nxt is None or nxt.paragraph != span.paragraph + 1:  # no quote on that line
                end = self.sentence_end(n_lo, n_hi)
                verbs = [
                    t for t in self.tokens_in(n_lo, end)
                    if self.is_speech_verb(t)
                    and not any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in t.children)
                ]  # fmt: skip
                if verbs and len(self.tokens_in(n_lo, end)) <= 25:
                    found = self.speaker_of_verb(verbs[0])
                    if found.entity is not None:
                        return found
        # Before it: `X said: "`, `According to X, "`.
        previous = self.previous_span(span)
        region_lo = previous.close_at + 1 if previous and previous.close_at is not None else lo
        region_lo = max(region_lo, self.last_sentence_start(region_lo, span.open_at))
        before = text[region_lo : span.open_at].rstrip()
        if before.endswith((":", ",", "—", "–")):
            found = self.attribution_in(region_lo, span.open_at, last=True)
            if found is not None:
                return found
            if before.endswith(":"):
                verbs = [
                    t for t in self.tokens_in(region_lo, span.open_at)
                    if t.pos_ in {"VERB", "AUX"} and self.subject_of(t) is not None
                ]  # fmt: skip
                if verbs:
                    # "Its director, Patrick Ojo, put it more politely than I would:"
                    main = next((v for v in verbs if v.dep_ == "ROOT"), verbs[-1])
                    subject = self.subject_of(main)
                    return Attribution(self.book.speaker(subject), True, subject.idx)
                label = [t for t in self.tokens_in(region_lo, span.open_at) if not t.is_punct]
                if 0 < len(label) <= 5 and label[-1].pos_ in {"NOUN", "PROPN"}:
                    # A heading `Harbour master: "Worst seas in 20 years"`.
                    entity = self.book.person_titled(label[-1]) or self.book.speaker(label[-1])
                    if entity is not None:
                        return Attribution(entity, True, label[-1].idx)
        return NO_ONE

    def embedded_attribution(self, span: MarkedSpan) -> Attribution:
        first = self.token_at(span.start)
        last = self.token_at(span.end - 1)
        root = None
        for i in range(first, last + 1):
            head = self.doc[i].head
            if not (first <= head.i <= last) or head.i == i:
                root = self.doc[i]
                break
        if root is None:
            return NO_ONE
        sentence = root.sent
        for token in sentence:
            if token.lower_ == "according" and self.is_speech_verb(token):
                return self.speaker_of_verb(token)
        node = root
        for _ in range(10):
            if node.head.i == node.i:
                break
            node = node.head
            if self.is_speech_verb(node):
                return self.speaker_of_verb(node)
            # "their 'callous' words": the quoted word judges the words, it is not them.
            judged = root.head.i == node.i and root.dep_ in {"amod", "compound", "nmod"}
            if node.lower_ in SPEECH_NOUNS and not self.quoted[node.i] and not judged:
                for child in node.children:
                    if child.dep_ == "poss":
                        return Attribution(self.book.speaker(child), True, child.idx)
                    if child.dep_ == "prep" and child.lower_ == "from":
                        for pobj in child.children:
                            return Attribution(self.book.speaker(pobj), True, pobj.idx)
        # A passive verb is no one speaking ("if the tariffs are not kept").
        verbs = [
            t for t in sentence
            if self.is_speech_verb(t) and not any(c.dep_ == "auxpass" for c in t.children)
        ]  # fmt: skip
        if verbs:
            return self.speaker_of_verb(verbs[0])
        for token in sentence:
            if token.lower_ in SPEECH_NOUNS and not self.quoted[token.i]:
                for child in token.children:
                    if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "from"):
                        target = child if child.dep_ == "poss" else next(child.children, None)
                        if target is not None:
                            return Attribution(self.book.speaker(target), True, target.idx)
                return Attribution(None, True)
        return self.trailing_attribution(span)

    def trailing_attribution(self, span: MarkedSpan) -> Attribution:
        """`If talks fail, "what then is left?" Marran said.`: the quote's closing mark ends
        the parser's sentence, and the attribution follows it as a short sentence."""
        if span.close_at is None or self.text[span.end - 1 : span.end] not in {"?", "!", "."}:
            return NO_ONE
        _, hi = self.paras[span.paragraph]
        lo = span.close_at + 1
        end = self.sentence_end(lo, hi)
        if len(self.text[lo:end].split()) > 8:
            return NO_ONE
        found = self.attribution_in(lo, end, limit=10)
        return found if found is not None and found.entity is not None else NO_ONE

    def quotes(self) -> list[dict]:
        results: list[dict] = []
        last_speaker: dict[int, tuple[Entity | None, bool]] = {}  # paragraph -> speaker
        utterance = -1
        previous_quote = None
        for k, span in enumerate(self.spans):
            role = self.classify(span)
            if role == "skip":
                continue
            if role == "direct":
                found = self.direct_attribution(span, k)
                kind = "direct"
            else:
                found = self.embedded_attribution(span)
                if not found.found:
                    continue  # a scare quote: no one says it
                kind = "partial"
            speaker = found.entity
            same_utterance = False
            if previous_quote is not None:
                prev_span, prev_kind = previous_quote["_span"], previous_quote["kind"]
                if span.continues and prev_span.paragraph == span.paragraph - 1:
                    same_utterance = True
                elif prev_span.close_at is None and prev_span.paragraph == span.paragraph:
                    same_utterance = True  # the copy dropped the closing mark before this one
                elif (
                    kind == "direct"
                    and prev_kind == "direct"
                    and prev_span.paragraph == span.paragraph
                    and prev_span.close_at is not None
                    and self.sentence_end(prev_span.close_at + 1, span.open_at) == span.open_at
                    and self.text[prev_span.end - 1 : prev_span.end] not in {".", "!", "?"}
                ):
                    same_utterance = True
            if not found.found and kind == "direct":
                if same_utterance or (
                    previous_quote is not None
                    and previous_quote["_span"].paragraph == span.paragraph
                ):
                    speaker = previous_quote["_entity"]
                elif span.paragraph in last_speaker:
                    speaker = last_speaker[span.paragraph][0]
                elif span.paragraph - 1 in last_speaker:
                    speaker = last_speaker[span.paragraph - 1][0]
                else:
                    speaker = self.book.last_salient(span.open_at, org=None, within=1500)
            if (
                kind == "direct"
                and found.found
                and speaker is None
                and found.at >= 0
                and span.paragraph in last_speaker
            ):
                # `"...," people said`: the attribution names no one, the paragraph's
                # speaker is still speaking.
                speaker = last_speaker[span.paragraph][0]
            if same_utterance and speaker is None and previous_quote is not None:
                speaker = previous_quote["_entity"]
            if same_utterance and previous_quote is not None:
                previous_entity = previous_quote["_entity"]
                guessed = not previous_quote["_found"] and found.entity is not None
                if (previous_entity is None or guessed) and speaker is not None:
                    for quote in results:
                        if quote["utterance"] == previous_quote["utterance"]:
                            quote["_entity"] = speaker
            if not same_utterance:
                utterance += 1
            if speaker is not None:
                self.book.mark_salient(found.at if found.at >= 0 else span.end, speaker)
                self.note_speaker(found.at if found.at >= 0 else span.start, speaker)
                last_speaker[span.paragraph] = (speaker, True)
            heading = (
                kind == "direct"
                and not found.found
                and not same_utterance
                and not self.text[self.paras[span.paragraph][0] : span.open_at].strip(" \t:")
                or (kind == "direct" and not found.found and span.paragraph == 0)
            )
            quote = {
                "heading": heading,
                "text": self.text[span.start : span.end],
                "kind": kind,
                "start": span.start,
                "end": span.end,
                "utterance": utterance,
                "sentence": self.sentence_around(span.start, span.end),
                "_entity": speaker,
                "_span": span,
                "_found": found.found,
            }
            results.append(quote)
            previous_quote = quote
        self.last_speaker = last_speaker
        results += self.interview_answers(utterance + 1)
        results.sort(key=lambda q: q["start"])
        self.headings_from_body(results)
        for quote in results:
            quote.pop("heading", None)
            quote.pop("_found", None)
        return results

    def headings_from_body(self, results: list[dict]) -> None:
        """A quote standing alone with no attribution (a headline, a subheading, a pull
        quote) whose words come again in a later attributed quote is that speaker's."""

        def key(text: str) -> str:
            return " ".join(re.findall(r"[^\W_]+", text.casefold()))

        for k, quote in enumerate(results):
            if not quote.get("heading"):
                continue
            words = key(quote["text"])
            if len(words.split()) < 3:
                continue
            for later in results[k + 1 :]:
                if later.get("heading") or later["_entity"] is None:
                    continue
                if words in key(later["text"]):
                    quote["_entity"] = later["_entity"]
                    break

    def labelled_answers(self, utterance: int) -> list[dict]:
        """Interviews printed with speaker labels (`Interviewer: ...?` / `Aalto: ...`): the
        label whose paragraphs are mostly questions is the interviewer's, and every other
        label used twice or more speaks its paragraphs, as direct words."""
        text = self.text
        labelled = []
        for lo, hi in self.paras:
            match = SPEAKER_LABEL.match(text, lo, hi)
            if match is not None:
                labelled.append((lo, hi, match))
        counts = Counter(m.group(1) for _, _, m in labelled)
        labels = {label for label, count in counts.items() if count >= 2}
        if len(labels) < 2:
            return []
        questions = {
            label: sum(1 for _, hi, m in labelled if m.group(1) == label
                       and text[:hi].rstrip().endswith("?")) / counts[label]
            for label in labels
        }  # fmt: skip
        interviewer = max(labels, key=lambda label: questions[label])
        # Interviewers also prompt with statements ("Your critics say..."): the interviewer
        # asks most of the questions, the others clearly fewer.
        if questions[interviewer] < 0.3 or any(
            questions[label] > questions[interviewer] / 2 for label in labels - {interviewer}
        ):
            return []
        answers = []
        for lo, hi, match in labelled:
            label = match.group(1)
            if label not in labels or label == interviewer:
                continue
            start, end = match.end(), hi
            if text[start : start + 1] in "\"“'‘":
                continue  # a quoted answer is found as a quote already
            speaker = self.book.named(label)
            answers.append({
                "text": text[start:end], "kind": "direct", "start": start, "end": end,
                "utterance": utterance + len(answers),
                "sentence": text[lo:hi].strip(), "_entity": speaker, "_span": None,
            })  # fmt: skip
        return answers

    def interview_answers(self, utterance: int) -> list[dict]:
        """Q&A interviews: an unquoted `A: ...` paragraph is the interviewee's words (the
        person most recently in view); quoted answers are found as quotes already."""
        text = self.text
        answers = []
        if not any(text.startswith(("Q:", "Q.", "Q -"), lo) for lo, _ in self.paras):
            return self.labelled_answers(utterance)
        for lo, hi in self.paras:
            match = QA_ANSWER.match(text, lo, hi)
            if match is None or text[match.end() : match.end() + 1] in "\"“'‘":
                continue
            start, end = match.end(), hi
            while end > start and text[end - 1].isspace():
                end -= 1
            speaker = self.book.last_salient(lo, org=False, within=6000)
            answers.append({
                "text": text[start:end], "kind": "direct", "start": start, "end": end,
                "utterance": utterance + len(answers),
                "sentence": text[lo:hi].strip(), "_entity": speaker, "_span": None,
            })  # fmt: skip
        return answers

    def sentence_around(self, start: int, end: int) -> str:
        if not len(self.doc):
            return ""
        first = self.doc[self.token_at(start)].sent
        last = self.doc[self.token_at(max(start, end - 1))].sent
        lo, hi = first.start_char, last.end_char
        for p_lo, p_hi in self.paras:
            if p_lo <= start < p_hi + 1:
                lo, hi = max(lo, p_lo), min(hi, p_hi)
                break
        return self.text[lo:hi].strip()
