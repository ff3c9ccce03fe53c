"""Who said it: quotes sorted into direct, partial or no one's words, with their speakers,
and reported speech ("Lavrov said that Moscow was open to talks").

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

from coverage_app.text.names import (
    GENERIC_PEOPLE,
    ORG_WORDS,
    ROLE_NOUNS,
    Entity,
    NameBook,
    is_medium,
)
from coverage_app.text.quotes import MarkedSpan
from coverage_app.text.reported_words import (
    DASHES,
    FINITE_TAGS,
    HEADING_MAX_WORDS,
    MORE_REPORT_LEMMAS,
    QUESTION_OPENERS,
    RESPONSE_NOUNS,
    UNNAMED_OPENERS,
)

SPEECH_LEMMAS = frozenset(
    """
    say tell add state declare announce explain insist argue claim contend assert warn caution
    note observe remark comment stress emphasise emphasize reiterate repeat continue ask reply
    respond answer retort counter acknowledge admit concede confirm deny suggest propose
    predict promise pledge vow write tweet post recall recount complain lament boast joke quip
    shout yell scream whisper mutter urge agree conclude testify allege maintain report
    indicate describe call accuse dub label brand term criticise criticize praise dismiss
    reject appeal demand tout hail decry condemn blast slam question charge estimate
    underline underscore highlight recommend advise mention thank apologise apologize
    fume rage rant scoff mock gush rave
    """.split()
)
MODALS = frozenset("would could might should will can may must shall".split())
# "hit back at", "shot back", "fired back": speech when the particle is there.
BACK_VERBS = frozenset("shoot hit fire strike".split())
# Subjects that name no one: "someone promises us 'efficiency'" is no one's quote.
INDEFINITE = frozenset(
    "someone somebody anyone anybody everyone everybody nobody no-one one you".split()
)
# Verbs whose content clause is reported speech.
REPORT_LEMMAS = frozenset(
    """
    say tell add state declare announce explain insist argue claim contend assert warn caution
    note observe remark comment stress emphasise emphasize reiterate repeat reply respond
    answer retort counter acknowledge admit concede confirm deny suggest predict promise
    pledge vow write tweet post recall complain boast conclude testify allege maintain report
    indicate estimate underline underscore highlight mention signal hint disclose reveal
    fume rage scoff
    """.split()
)
# Speech verbs that put the speaker after them: "said Evan Castellanos".
INVERTING = frozenset("say add tell write ask continue explain insist warn reply answer".split())
SPEECH_NOUNS = frozenset(
    "statement warning warnings words remarks remark comments comment claim claims promise "
    "pledge accusation vow assurance readout interview speech address message tweet post".split()
)
# Records of someone's words: "according to an excerpt", "according to the transcript".
RECORD_NOUNS = frozenset(
    "excerpt excerpts transcript transcripts text copy recording video footage memo letter "
    "extract extracts".split()
)
LABEL_CUES = (
    "so-called", "so called", "nicknamed", "known as", "dubbed", "titled", "entitled",
    "the word", "the words", "the term", "the phrase", "the slogan", "hashtag", "narrative that",
    "the notion that", "the idea that", "the label", "the motto", "the headline", "the song",
    "the film", "the book", "the album", "the show", "the series", "operation", "named",
)  # fmt: skip
SMALL_WORDS = frozenset(
    "a an the of for and or in on at to by with from de la le du von van".split()
)
WH_WORDS = frozenset("how what whether why when where who which if".split())
SUBORDINATORS = WH_WORDS | frozenset(
    "as asked while although though because since after before unless until despite once "
    "unlike like whereas".split()
)
SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s|$)")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen sen rep gov st jr sr lt col capt sgt maj u.s u.k no vs inc corp "
    "ltd co mt ft jan feb mar apr aug sept sep oct nov dec".split()
)
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
        # "WARSAW, Poland —", "LISK, Kestria (Wire) -": a place line before the dash.
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
        """Quotes "according to remarks released by the company" or "to an excerpt":
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
        # A passive verb is no one speaking ("if the sanctions are not maintained").
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

    # --- reported speech -------------------------------------------------------------------
    #
    # A report is a speech verb outside quotation marks with a content clause (`X said (that)
    # Y`, `Y, X said`, `according to X, Y`). The clause is cut where the writer's narration
    # starts (`, marking...`, `, in a rebuke to...`, `-- about three times...`); a question put
    # to someone (`asked whether...`), a clause that is only a quotation and a source nobody
    # names (`a senior official`, `sources said`) give no report; a report inside another
    # report is given once, to the outer speaker.

    def reported(self, direct_ranges: list[tuple[int, int]]) -> list[dict]:
        found: list[tuple[dict, Token]] = []
        starts = [a for a, _ in direct_ranges]

        def overlaps_direct(lo: int, hi: int) -> bool:
            k = bisect_right(starts, hi - 1) - 1
            while k >= 0 and direct_ranges[k][1] > lo:
                if direct_ranges[k][0] < hi:
                    return True
                k -= 1
            return False

        headings = self.heading_paragraphs()
        for token in self.doc:
            if self.quoted[token.i] or self.token_para[token.i] in headings:
                continue
            clause_root = None
            exclude: Token | None = None
            if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                head = token.head
                # "..., Ames said, according to remarks released": the speech verb reports it.
                if (
                    head.i != token.i
                    and head.pos_ in {"VERB", "AUX"}
                    and not self.is_speech_verb(head)
                ):
                    clause_root, exclude = head, token
            elif token.pos_ in {"VERB", "AUX"} and self.reports(token):
                if any(c.dep_ == "neg" for c in token.children):
                    continue
                if token.lemma_ == "make":
                    clause_root = self.made_clear_clause(token)
                for child in token.children if clause_root is None else ():
                    if child.dep_ == "prep" and clause_root is None:
                        # "said in a statement that no decision had been taken"
                        for pobj in child.children:
                            if pobj.lower_ not in SPEECH_NOUNS:
                                continue
                            for acl in pobj.children:
                                if acl.dep_ == "acl" and any(
                                    g.dep_ == "mark" and g.lower_ == "that" for g in acl.children
                                ):
                                    clause_root = acl
                    if (
                        child.dep_ == "ccomp"
                        and self.has_subject(child)
                        and (
                            not self.quoted[child.i]
                            or sum(1 for t in child.subtree if t.is_alpha and not self.quoted[t.i])
                            >= 2
                        )
                    ):
                        clause_root = child
                        break
                if clause_root is None and token.dep_ == "ROOT":
                    trailing = self.trailing_clause(token)
                    if trailing is not None:
                        lo, hi = trailing
                        item = (
                            None if overlaps_direct(lo, hi) else self.reported_item(token, lo, hi)
                        )
                        if item is not None:
                            found.append((item, token))
                        continue
                if clause_root is None and token.dep_ == "conj" and self.trailing_conj(token):
                    clause_root, exclude = token.head, token
                if clause_root is None and token.dep_ == "parataxis":
                    head = token.head
                    if not self.quoted[head.i] and head.pos_ in {"VERB", "AUX"}:
                        clause_root, exclude = head, token
            if clause_root is None:
                continue
            if (
                clause_root.i < token.i
                and self.is_speech_verb(clause_root)
                and self.subject_of(clause_root) is not None
            ):
                continue  # "X said A, an agency reported": X's report is found on its own
            tokens = [
                t for t in clause_root.subtree
                if exclude is None or not (exclude.left_edge.i <= t.i <= exclude.right_edge.i)
            ]  # fmt: skip
            if exclude is not None:
                tokens = [t for t in tokens if t.i != exclude.i and t.sent == exclude.sent]
            elif clause_root.head.i == token.i:
                # "said the company was committed and would add crossings": a subjectless
                # conjunct with a modal carries on what was said.
                for conj in token.children:
                    if (
                        conj.dep_ == "conj"
                        and conj.i > clause_root.right_edge.i
                        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children)
                        and any(c.dep_ == "aux" and c.lower_ in MODALS for c in conj.children)
                    ):
                        tokens = list(self.doc[clause_root.left_edge.i : conj.right_edge.i + 1])
                        break
            p_lo, p_hi = self.paragraph_of(token.idx)
            tokens = [t for t in tokens if p_lo <= t.idx < p_hi]
            tokens = self.without_other_reports(tokens, clause_root)
            # A dateline before the clause: "SARN (Harbour Ledger) — Drava is preparing..."
            dash = next((k for k, t in enumerate(tokens[:8]) if t.text in {"—", "–"}), None)
            if (
                dash is not None
                and tokens
                and tokens[0].text[:1].isupper()
                and any(
                    t.text[:1].isupper() and t.text.isupper() and len(t.text) > 1 or t.text == "("
                    for t in tokens[:dash]
                )
            ):
                tokens = tokens[dash + 1 :]
            for part in self.coordinated_parts(tokens):
                item = self.reported_clause(token, part, clause_root, overlaps_direct)
                if item is not None:
                    found.append((item, token))
        kept = self.outer_reports(found)
        self.own_sentences(kept, direct_ranges)
        return [item for item, _ in kept]

    def reports(self, verb: Token) -> bool:
        """A verb whose content clause is reported speech ("said", "shot back", "made clear")."""
        lemma = verb.lemma_
        if lemma in REPORT_LEMMAS or lemma in MORE_REPORT_LEMMAS:
            return True
        if lemma in BACK_VERBS:
            return any(c.lower_ == "back" for c in verb.children)
        return lemma == "make" and any(c.lower_ == "clear" for c in verb.children)

    def made_clear_clause(self, make: Token) -> Token | None:
        """The that-clause of "made (it) clear that...", hanging off "clear" or the verb."""
        clear = next(c for c in make.children if c.lower_ == "clear")
        for child in [*clear.children, *make.children]:
            if child.pos_ in {"VERB", "AUX"} and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in child.children
            ):
                return child
        return None

    @staticmethod
    def has_subject(verb: Token) -> bool:
        """A content clause has a subject; "told employees... after the panels blew out" does
        not make "blew out" a report."""
        return any(
            c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"} for c in verb.children
        )

    def without_other_reports(self, tokens: list[Token], clause_root: Token) -> list[Token]:
        """Drop another speaker's report inside the clause: "X said A, while Y said B" (Y's
        words are not X's); "A, a news agency reported" keeps A."""
        others: set[int] = set()
        for t in tokens:
            if t.i == clause_root.i or t.dep_ not in {"advcl", "conj"}:
                continue
            if (
                t.dep_ == "conj"
                and t.lemma_ in SPEECH_LEMMAS
                and any(c.dep_ == "ccomp" for c in t.children)
            ):
                # "acknowledging A and telling staff B": B is a report of its own.
                others |= {u.i for u in t.subtree}
                continue
            if not self.is_speech_verb(t):
                continue
            subject = self.subject_of(t)
            if subject is None or subject.head.i != t.i:
                continue
            first = subject.left_edge.i if subject.i < t.i else t.left_edge.i
            others |= {u.i for u in t.subtree if u.i >= first}
        if not others:
            return tokens
        tokens = [t for t in tokens if t.i not in others]
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in {"cc", "mark"}):
            tokens = tokens[:-1]
        return tokens

    @staticmethod
    def coordinated_parts(tokens: list[Token]) -> list[list[Token]]:
        """ "said that A and that B": two remarks, one entry each."""
        parts, current = [], []
        k = 0
        while k < len(tokens):
            t = tokens[k]
            if (
                t.dep_ == "cc"
                and current
                and k + 1 < len(tokens)
                and tokens[k + 1].lower_ == "that"
                and tokens[k + 1].dep_ == "mark"
            ):
                parts.append(current)
                current = []
                k += 1
                continue
            current.append(t)
            k += 1
        return [*parts, current] if current else parts

    def reported_clause(self, verb: Token, tokens: list[Token], clause_root: Token,
                        overlaps_direct) -> dict | None:  # fmt: skip
        """The reported item for the clause `tokens` of `verb`, trimmed to what was said."""
        while tokens and tokens[0].is_punct and not self.opens_quote(tokens[0]):
            tokens = tokens[1:]
        if not tokens or tokens[0].lower_ in QUESTION_OPENERS:
            return None  # "was asked whether...", "declined to say whether..."
        while tokens and (
            (tokens[0].is_punct and not self.opens_quote(tokens[0]))
            or tokens[0].dep_ == "cc"
            or (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")
            or (tokens[0].tag_ == "VBG" and self.reports(tokens[0]))  # a misparsed "adding"
        ):
            tokens = tokens[1:]
        tokens = tokens[: self.narration_start(tokens, clause_root)]
        if tokens and tokens[-1].i < verb.i:
            # `He listed the damage: <clause>, he said.`: the clause follows the colon.
            colon = max((k for k, t in enumerate(tokens) if t.text == ":"), default=None)
            if colon is not None:
                tokens = tokens[colon + 1 :]
        while tokens and tokens[-1].is_punct and not tokens[-1].is_quote:
            tokens = tokens[:-1]
        if len(tokens) < 3:
            return None
        if not any(t.pos_ in {"VERB", "AUX"} for t in tokens):
            return None
        unquoted = [t for t in tokens if t.is_alpha and not self.quoted[t.i]]
        if not unquoted:
            return None  # a direct quote introduced by "that"
        if tokens[-1].i < verb.i and any(self.quoted[t.i] for t in tokens):
            if all(t.is_stop for t in unquoted):
                return None  # `It is "with great hope that...", she said`: her own words
        tokens = self.through_open_quote(tokens)
        if self.unopened_quote_after(tokens[-1]):
            return None  # `...emergency," the head said`: a quote whose opening mark is lost
        lo = tokens[0].idx
        hi = tokens[-1].idx + len(tokens[-1].text)
        # Keep the clause contiguous (a parenthetical attribution splits it).
        if overlaps_direct(lo, hi):
            return None
        return self.reported_item(verb, lo, hi)

    def opens_quote(self, token: Token) -> bool:
        return token.is_quote and token.i + 1 < len(self.doc) and self.quoted[token.i + 1]

    def narration_start(self, tokens: list[Token], clause_root: Token) -> int:
        """Where the writer's own words take over after the clause: `, marking the end of`,
        `, dramatically escalating`, `, in a rebuke to`, `-- about three times`."""
        for k in range(1, len(tokens)):
            t = tokens[k]
            if t.i <= clause_root.i or self.quoted[t.i]:
                continue
            before = tokens[k - 1]
            after_comma = before.text == "," or (
                before.is_quote and k >= 2 and tokens[k - 2].text == ","
            )
            if after_comma:
                lead = t
                if t.pos_ == "ADV" and k + 1 < len(tokens):
                    lead = tokens[k + 1]
                if lead.tag_ == "VBG" and lead.dep_ not in {"amod", "compound", "pobj"}:
                    return k
                if t.lower_ == "in" and any(
                    u.lower_ in RESPONSE_NOUNS for u in tokens[k + 1 : k + 4]
                ):
                    return k
            spaced_dash = t.text in DASHES and (t.text != "-" or before.whitespace_)
            if spaced_dash and not any(u.tag_ in FINITE_TAGS for u in tokens[k + 1 :]):
                return k
        return len(tokens)

    def through_open_quote(self, tokens: list[Token]) -> list[Token]:
        """A clause that ends inside a quotation runs to its closing mark: the quoted words
        are all the speaker's."""
        last = tokens[-1]
        if not self.quoted[last.i]:
            return tokens
        _, p_hi = self.paragraph_of(last.idx)
        end = last.i
        while end + 1 < len(self.doc) and self.quoted[end + 1] and self.doc[end + 1].idx < p_hi:
            end += 1
        while end > last.i and self.doc[end].is_space:
            end -= 1
        if end == last.i:
            return tokens
        return [*tokens, *self.doc[last.i + 1 : end + 1]]

    def unopened_quote_after(self, last: Token) -> bool:
        if self.quoted[last.i]:
            return False
        k = last.i + 1
        if k < len(self.doc) and self.doc[k].text in {",", "."}:
            k += 1
        return k < len(self.doc) and self.doc[k].is_quote and self.doc[k].tag_ == "''"

    def heading_paragraphs(self) -> set[int]:
        """Paragraphs that are headlines or standfirst labels: short, no closing full stop."""
        found = set()
        for k, (lo, hi) in enumerate(self.paras):
            words = self.text[lo:hi].split()
            tail = self.text[lo:hi].rstrip().rstrip(CLOSE_MARKS + ")]").rstrip()
            if words and len(words) <= HEADING_MAX_WORDS and tail[-1:] not in ".!?…:;":
                found.add(k)
        return found

    def outer_reports(self, found: list[tuple[dict, Token]]) -> list[tuple[dict, Token]]:
        """A report inside a report ("the ministry said the envoy had told it that...") is
        given once: the inner clause, with the outer speaker when the outer names someone."""
        found = sorted(found, key=lambda pair: (pair[0]["start"], -pair[0]["end"]))
        dropped: set[int] = set()
        for k, (outer, _) in enumerate(found):
            for m in range(k + 1, len(found)):
                inner, inner_verb = found[m]
                if inner["start"] >= outer["end"]:
                    break
                if inner["end"] > outer["end"]:
                    continue
                if outer["start"] <= inner_verb.idx < outer["end"]:
                    dropped.add(k)  # a report inside the outer clause
                    if outer["_entity"] is not None:
                        inner["_entity"] = outer["_entity"]
                    break
                # The same words found twice (two parses of one clause): keep the fuller one.
                dropped.add(m)
                if outer["_entity"] is None:
                    outer["_entity"] = inner["_entity"]
        return [(item, verb) for k, (item, verb) in enumerate(found) if k not in dropped]

    def own_sentences(
        self, found: list[tuple[dict, Token]], direct_ranges: list[tuple[int, int]]
    ) -> None:
        """A report sharing its sentence with another report or a direct quote ("X said A,
        acknowledging that B"; `"Q," he said, adding that B`) keeps its sentence without the
        other's words, so B's sentence does not also carry A or Q."""
        by_sentence: dict[int, list[dict]] = {}
        for item, verb in found:
            by_sentence.setdefault(verb.sent.start, []).append(item)
        starts = [lo for lo, _ in direct_ranges]
        for start, items in by_sentence.items():
            sentence = self.doc[start].sent
            lo, hi = sentence.start_char, sentence.end_char
            k = bisect_right(starts, lo) - 1
            quoted = [r for r in direct_ranges[max(k, 0) :] if r[0] < hi and r[1] > lo]
            if len(items) < 2 and not quoted:
                continue
            for item in items:
                others = sorted(
                    [(o["start"], o["end"]) for o in items if o is not item]
                    + [r for r in quoted if not (r[0] >= item["start"] and r[1] <= item["end"])]
                )
                pieces, at = [], lo
                for o_lo, o_hi in others:
                    if o_hi <= at:
                        continue
                    pieces.append(self.text[at : max(at, o_lo)])
                    at = max(at, o_hi)
                pieces.append(self.text[at:hi])
                item["sentence"] = " ".join(" ".join(pieces).split())

    def reported_item(self, verb: Token, lo: int, hi: int) -> dict | None:
        """The reported clause text[lo:hi] of `verb`, or None when no one says it ("someone
        promises...", "another way would be to say that...", "sources said...")."""
        attribution = self.speaker_of_report(verb)
        if not attribution.found:
            return None
        if attribution.entity is None and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        ):
            return None
        if self.unnamed_source(attribution):
            return None
        if attribution.entity is not None:
            self.book.mark_salient(attribution.at, attribution.entity)
        sentence = verb.sent
        return {
            "text": self.text[lo:hi],
            "kind": "indirect",
            "start": lo,
            "end": hi,
            "sentence": self.text[sentence.start_char : sentence.end_char].strip(),
            "_entity": attribution.entity,
        }

    def speaker_of_report(self, verb: Token) -> Attribution:
        attribution = self.speaker_of_verb(self.reporting_verb_above(verb))
        if verb.lower_ == "according" and self.not_a_source(attribution):
            return NO_ONE  # "according to the agency's calculations": figures, not words
        if attribution.entity is None and attribution.at >= 0:
            # "Ames, who wanted to make it clear that...": the relative pronoun is Ames.
            subject = self.doc[self.token_at(attribution.at)]
            if subject.tag_ in {"WP", "WDT"} and subject.head.dep_ == "relcl":
                noun = subject.head.head
                return Attribution(self.book.speaker(noun), True, noun.idx)
        return attribution

    def not_a_source(self, attribution: Attribution) -> bool:
        """A description that is neither a person nor a body ("calculations", "estimates")."""
        entity = attribution.entity
        if entity is None or not any(a.startswith("description:") for a in entity.aliases):
            return False
        head = self.doc[self.token_at(attribution.at)]
        words = {head.lower_, head.lemma_.lower()}
        return not words & (ROLE_NOUNS | GENERIC_PEOPLE | ORG_WORDS)

    def reporting_verb_above(self, verb: Token) -> Token:
        """ "X said A, acknowledging that B": the participle inside A's clause is X's."""
        if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "xcomp", "conj"}:
            return verb
        up = verb.head
        for _ in range(4):
            if up.dep_ == "ccomp" and up.head.pos_ in {"VERB", "AUX"} and self.reports(up.head):
                return up.head
            if up.head.i == up.i:
                break
            up = up.head
        return verb

    def unnamed_source(self, attribution: Attribution) -> bool:
        """A source the article does not name: "a White House official", "two sources",
        "defence lawyers", "relatives", "witnesses" (not "NTSB investigators", "the agency's
        officials", "police": a body is named through them). A name or a group that names no
        speaker at all (a medium, "relatives", "calculations") gives no one either; an
        unresolved pronoun or "the American" (someone named before) may still."""
        entity = attribution.entity
        if entity is None:
            if attribution.at < 0:
                return False
            head = self.doc[self.token_at(attribution.at)]
            if head.pos_ == "PROPN":
                return head.ent_type_ != "NORP"  # "the American" stands for someone named
            if head.tag_ == "NNS":
                return True
            return head.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in UNNAMED_OPENERS for c in head.children
            )
        if is_medium(entity):
            return True  # "..., the Orvane Herald reported": the channel, not a speaker
        if not any(a.startswith("description:") for a in entity.aliases):
            return False
        words = entity.name.split()
        if not words:
            return False
        if words[0].lower() in UNNAMED_OPENERS:
            return True
        head = self.doc[self.token_at(attribution.at)] if attribution.at >= 0 else None
        if head is not None and head.pos_ in {"NOUN", "PROPN"}:
            if head.tag_ not in {"NNS", "NNPS"} or head.lower_ in ORG_WORDS:
                return False
            modifiers = [t for t in head.subtree if t.i < head.i]
            return not any(self.names_body(t) for t in modifiers)
        last = words[-1].lower()
        if not last.endswith("s") or last in ORG_WORDS:
            return False
        return not any(w[:1].isupper() or w.lower().rstrip("'’s") in ORG_WORDS for w in words)

    def names_body(self, token: Token) -> bool:
        """A modifier that names an organisation: "NTSB", "Kremlin", "agency's"."""
        if token.lower_ in ORG_WORDS:
            return True
        if token.pos_ != "PROPN":
            return False
        entity = self.book.entity_at(token)
        if entity is not None:
            return entity.is_org
        return token.ent_type_ in {"ORG", "NORP", "GPE"}

    def paragraph_of(self, char: int) -> tuple[int, int]:
        k = bisect_right([lo for lo, _ in self.paras], char) - 1
        return self.paras[k] if k >= 0 else (0, len(self.text))

    def trailing_conj(self, verb: Token) -> bool:
        """`<clause>, a senior official said on Tuesday, ...` parsed as a conjunct."""
        head = verb.head
        subject = self.subject_of(verb)
        if subject is None or subject.head.i != verb.i or not (head.i < subject.i < verb.i):
            return False
        comma = subject.left_edge.i - 1
        if comma <= head.i or self.doc[comma].text != ",":
            return False
        if any(c.dep_ == "cc" for c in head.children if c.i < verb.i and c.i > head.i):
            return False
        if any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children):
            return False
        return head.pos_ in {"VERB", "AUX"} and not self.quoted[head.i]

    def trailing_clause(self, verb: Token) -> tuple[int, int] | None:
        """`<clause>, the company said.` when the parser did not make the clause a ccomp.
        After a colon, only what follows it: `He listed the damage: <clause>, he said.`"""
        subject = self.subject_of(verb)
        if subject is None or subject.i > verb.i:
            return None
        comma = subject.left_edge.i - 1
        sentence = verb.sent
        if comma <= sentence.start or self.doc[comma].text != ",":
            return None
        tokens = [t for t in self.doc[sentence.start : comma] if not t.is_space]
        colon = max((k for k, t in enumerate(tokens) if t.text == ":"), default=None)
        if colon is not None and len(tokens) - colon > 3:
            tokens = tokens[colon + 1 :]
        while tokens and tokens[0].is_punct:
            tokens = tokens[1:]
        if len(tokens) < 5 or any(self.quoted[t.i] or t.is_quote for t in tokens):
            return None
        if tokens[0].tag_ in {"VBN", "VBG"} or tokens[0].lower_ in SUBORDINATORS:
            return None
        if any(c.dep_ in {"dobj", "xcomp", "ccomp", "attr", "acomp"} for c in verb.children):
            return None
        if any(t.text == ":" or t.is_quote for t in self.doc[verb.i : sentence.end]):
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
