"""Who said it: quotes sorted into direct, partial or no one's words, with their speakers.
Reported speech ("Marrow said that Dalmora was ready for mediation") is found in
`text.reported`; the word lists are in `text.attribution_words`.

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

Who speaks a speech verb (and "he said" carried over from the speaker just quoted) is
`SpeakerFinder`'s work in `text.speech_verbs`, which `Attributor` calls; unquoted
interview answers are found by `text.interviews`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import astuple

from coverage_app.text.people.entities import Entity
from coverage_app.text.quotes.attribution_words import LABEL_CUES, SMALL_WORDS, SPEECH_NOUNS
from coverage_app.text.quotes.interviews import interview_answers
from coverage_app.text.quotes.marks import MarkedSpan
from coverage_app.text.quotes.speech_verbs import NO_ONE, Attribution, SpeakerFinder

CLOSE_MARKS = "”\"’'»›"
# A dateline or wire credit opening a paragraph: "KERRIN (Reuters) -", "AP —".
WIRE_CREDIT = re.compile(
    r"^(?:[A-Z][A-Z.'’ ,/-]{1,40}?\s*)?(?:\([A-Z][\w .&/-]{1,30}\)\s*)?[-—–]+$"
)
# A name run together with its speech verb by bad copy: "Marransaid", "Holmadded".
RUN_TOGETHER = re.compile(
    r"(?:[A-Z][\w'’-]+\s)?([A-Z][a-z'’-]{1,30}?)(said|says|added|told|stated|wrote|asked)\b"
)


def _span_key(span: MarkedSpan) -> tuple:
    """A span's fields: two spans are equal (==) exactly when their keys are."""
    return astuple(span)


class Attributor:
    """The quotes of one article: direct, partial or no one's words, with their speakers.
    Who speaks a speech verb, and where things are in the article, is asked of the article's
    `SpeakerFinder`, which also keeps the speakers `quotes()` finds for "he said" later."""

    def __init__(self, finder: SpeakerFinder, spans: list[MarkedSpan]):
        self.finder = finder
        self.spans = spans
        # Where each span stands in `spans` (by value, as list.index finds it) without a scan.
        self.span_order: dict[tuple, int] = {}
        for k, span in enumerate(spans):
            self.span_order.setdefault(_span_key(span), k)

    # --- quotes --------------------------------------------------------------------------

    def classify(self, span: MarkedSpan) -> str:
        """'direct', 'embedded' or 'skip' (a nickname, title or label)."""
        text = self.finder.text
        lo, hi = self.finder.paras[span.paragraph]
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
            gap_lo = max(gap_lo, self.finder.last_sentence_start(lo, span.open_at))
            if self.finder.attribution_in(gap_lo, span.open_at) is not None:
                starts_sentence = content[:1].isupper() or previous is not None
        if starts_sentence:
            # `"Completely," said Marko`: a comma inside the marks is speech running on.
            comma_inside = span.close_at is not None and text[span.close_at - 1] == ","
            # `the minister answered: "Yes."` is an answer, not a title.
            answered = prev_char == ":" and (
                self.finder.attribution_in(
                    self.finder.last_sentence_start(lo, span.open_at), span.open_at
                )
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
        k = self.span_order[_span_key(span)]
        if k > 0 and self.spans[k - 1].paragraph == span.paragraph:
            return self.spans[k - 1]
        return None

    def direct_attribution(self, span: MarkedSpan, k: int) -> Attribution:
        text = self.finder.text
        lo, hi = self.finder.paras[span.paragraph]
        nxt = self.spans[k + 1] if k + 1 < len(self.spans) else None
        # After the quote: `," he said.`  `," said X.`
        if span.close_at is not None:
            region_hi = nxt.open_at if nxt and nxt.paragraph == span.paragraph else hi
            region_lo = span.close_at + 1
            end = self.finder.sentence_end(region_lo, region_hi)
            first = text[region_lo:end].lstrip(" ,")
            ended = text[span.end - 1 : span.end] in {".", "!", "?"}
            if first and not (ended and first[:1].isupper() and text[span.end - 1] == "."):
                found = self.finder.attribution_in(region_lo, end, limit=12)
                if found is not None:
                    return found
                run_together = RUN_TOGETHER.match(first)
                if run_together is not None:
                    # `," Marransaid.`: the copy lost the space between name and verb.
                    entity = self.finder.book.named(run_together.group(1))
                    if entity is not None:
                        return Attribution(entity, True, region_lo)
        # On the next line: `"..."` then `Anja Holm, the chief executive, said in a letter.`
        # Not for a paragraph that carries on the quote before it (its speaker goes on), nor
        # a verb denied ("did not respond to a request for comment").
        if (
            span.close_at is not None
            and not span.continues
            and not text[span.close_at + 1 : hi].strip(" ,.")
            and not text[lo : span.open_at].strip()
            and (span.paragraph + 1 < len(self.finder.paras))
        ):
            n_lo, n_hi = self.finder.paras[span.paragraph + 1]
            if nxt is None or nxt.paragraph != span.paragraph + 1:  # no quote on that line
                end = self.finder.sentence_end(n_lo, n_hi)
                verbs = [
                    t for t in self.finder.tokens_in(n_lo, end)
                    if self.finder.is_speech_verb(t)
                    and not any(c.dep_ in {"ccomp", "xcomp", "dobj", "neg"} for c in t.children)
                ]  # fmt: skip
                if verbs and len(self.finder.tokens_in(n_lo, end)) <= 25:
                    found = self.finder.speaker_of_verb(verbs[0])
                    if found.entity is not None:
                        return found
                signed = self.signature(n_lo, n_hi)
                if signed is not None:
                    return signed
        # Before it: `X said: "`, `According to X, "`.
        previous = self.previous_span(span)
        region_lo = previous.close_at + 1 if previous and previous.close_at is not None else lo
        region_lo = max(region_lo, self.finder.last_sentence_start(region_lo, span.open_at))
        before = text[region_lo : span.open_at].rstrip()
        if before.endswith((":", ",", "—", "–")):
            found = self.finder.attribution_in(region_lo, span.open_at, last=True)
            if found is not None:
                return found
            if before.endswith(":"):
                verbs = [
                    t for t in self.finder.tokens_in(region_lo, span.open_at)
                    if t.pos_ in {"VERB", "AUX"} and self.finder.subject_of(t) is not None
                ]  # fmt: skip
                if verbs:
                    # "Its director, Patrick Ojo, put it more politely than I would:"
                    main = next((v for v in verbs if v.dep_ == "ROOT"), verbs[-1])
                    subject = self.finder.subject_of(main)
                    return Attribution(self.finder.book.speaker(subject), True, subject.idx)
                label = [
                    t for t in self.finder.tokens_in(region_lo, span.open_at) if not t.is_punct
                ]
                if 0 < len(label) <= 5 and label[-1].pos_ in {"NOUN", "PROPN"}:
                    # A heading `Harbour master: "Worst seas in 20 years"`.
                    entity = self.finder.book.person_titled(label[-1]) or self.finder.book.speaker(
                        label[-1]
                    )
                    if entity is not None:
                        return Attribution(entity, True, label[-1].idx)
        return NO_ONE

    def signature(self, lo: int, hi: int) -> Attribution | None:
        """A line that signs the quote above it: `- Ada Vell.`, `— Senator Vell, in a
        speech`, as round-ups and fact-checks print them: the name after the dash speaks."""
        line = self.finder.text[lo:hi].strip()
        if line[:1] not in {"-", "–", "—"} or len(line.split()) > 15:
            return None
        for token in self.finder.tokens_in(lo, hi):
            if token.is_punct or token.is_space:
                continue
            entity = self.finder.book.speaker(token) if token.pos_ == "PROPN" else None
            if entity is not None:
                return Attribution(entity, True, token.idx)
            if token.pos_ not in {"PROPN", "NOUN", "ADJ"}:
                return None
        return None

    def embedded_attribution(self, span: MarkedSpan) -> Attribution:
        first = self.finder.token_at(span.start)
        last = self.finder.token_at(span.end - 1)
        root = None
        for i in range(first, last + 1):
            head = self.finder.doc[i].head
            if not (first <= head.i <= last) or head.i == i:
                root = self.finder.doc[i]
                break
        if root is None:
            return NO_ONE
        sentence = root.sent
        for token in sentence:
            if token.lower_ == "according" and self.finder.is_speech_verb(token):
                return self.finder.speaker_of_verb(token)
        node = root
        for _ in range(10):
            if node.head.i == node.i:
                break
            node = node.head
            if self.finder.is_speech_verb(node):
                return self.finder.speaker_of_verb(node)
            # "their 'callous' words": the quoted word judges the words, it is not them.
            judged = root.head.i == node.i and root.dep_ in {"amod", "compound", "nmod"}
            if node.lower_ in SPEECH_NOUNS and not self.finder.quoted[node.i] and not judged:
                for child in node.children:
                    if child.dep_ == "poss":
                        return Attribution(self.finder.book.speaker(child), True, child.idx)
                    if child.dep_ == "prep" and child.lower_ == "from":
                        for pobj in child.children:
                            return Attribution(self.finder.book.speaker(pobj), True, pobj.idx)
        # A passive verb is no one speaking ("if the tariffs are not kept"), nor is a verb
        # denied elsewhere in the sentence (`a "pre-deal", since the boards did not agree`).
        verbs = [
            t for t in sentence
            if self.finder.is_speech_verb(t)
            and not any(c.dep_ in {"auxpass", "neg"} for c in t.children)
        ]  # fmt: skip
        if verbs:
            return self.finder.speaker_of_verb(verbs[0])
        for token in sentence:
            if token.lower_ in SPEECH_NOUNS and not self.finder.quoted[token.i]:
                for child in token.children:
                    if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "from"):
                        target = child if child.dep_ == "poss" else next(child.children, None)
                        if target is not None:
                            return Attribution(self.finder.book.speaker(target), True, target.idx)
                return Attribution(None, True)
        return self.trailing_attribution(span)

    def trailing_attribution(self, span: MarkedSpan) -> Attribution:
        """`If talks fail, "what then is left?" Marran said.`: the quote's closing mark ends
        the parser's sentence, and the attribution follows it as a short sentence."""
        if span.close_at is None or self.finder.text[span.end - 1 : span.end] not in {
            "?",
            "!",
            ".",
        }:
            return NO_ONE
        _, hi = self.finder.paras[span.paragraph]
        lo = span.close_at + 1
        end = self.finder.sentence_end(lo, hi)
        if len(self.finder.text[lo:end].split()) > 8:
            return NO_ONE
        found = self.finder.attribution_in(lo, end, limit=10)
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
                    and self.finder.sentence_end(prev_span.close_at + 1, span.open_at)
                    == span.open_at
                    and self.finder.text[prev_span.end - 1 : prev_span.end] not in {".", "!", "?"}
                ):
                    same_utterance = True
            if not found.found and kind == "direct":
                if same_utterance or (
                    previous_quote is not None
                    and previous_quote["_span"].paragraph == span.paragraph
                ):
                    speaker = previous_quote["_entity"]
                elif (lead := self.lead_in_subject(span)) is not None:
                    speaker = lead  # `Berg laughed. "I can see the holes."`: her turn
                elif span.paragraph in last_speaker:
                    speaker = last_speaker[span.paragraph][0]
                elif span.paragraph - 1 in last_speaker:
                    speaker = last_speaker[span.paragraph - 1][0]
                else:
                    speaker = self.finder.book.last_salient(span.open_at, org=None, within=1500)
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
                    # Utterance numbers only grow along `results`: that utterance's
                    # quotes are the run at its end.
                    for quote in reversed(results):
                        if quote["utterance"] != previous_quote["utterance"]:
                            break
                        quote["_entity"] = speaker
            if not same_utterance:
                utterance += 1
            if speaker is not None:
                self.finder.book.mark_salient(found.at if found.at >= 0 else span.end, speaker)
                self.finder.note_speaker(found.at if found.at >= 0 else span.start, speaker)
                last_speaker[span.paragraph] = (speaker, True)
            heading = (
                kind == "direct"
                and not found.found
                and not same_utterance
                and not self.finder.text[self.finder.paras[span.paragraph][0] : span.open_at].strip(
                    " \t:"
                )
                or (kind == "direct" and not found.found and span.paragraph == 0)
            )
            # How the rules came to this speaker (a feature of `text.quotes.speaker_ranker`).
            if found.found and found.entity is not None and speaker is found.entity:
                via = "attribution"
            elif same_utterance:
                via = "utterance"
            else:
                via = "found_other" if found.found else "fallback"
            quote = {
                "_via": via,
                "heading": heading,
                "text": self.finder.text[span.start : span.end],
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
        answers = interview_answers(
            self.finder.text, self.finder.paras, self.finder.book, utterance + 1
        )
        for answer in answers:
            answer["_via"] = "interview"
        results += answers
        results.sort(key=lambda q: q["start"])
        self.headings_from_body(results)
        for quote in results:
            quote.pop("heading", None)
            quote.pop("_found", None)
        return results

    def lead_in_subject(self, span: MarkedSpan) -> Entity | None:
        """In a passage where people speak in turn, a quote with no attribution after a
        sentence of its own paragraph about someone (`Berg laughed. "I can see the holes."`)
        is that person's turn, not the previous speaker's. The subject of the last whole
        sentence before the quote, when it is a name or a personal pronoun; else None."""
        lo, _ = self.finder.paras[span.paragraph]
        tokens = [t for t in self.finder.tokens_in(lo, span.open_at) if not t.is_space]
        if not tokens or self.finder.text[lo : span.open_at].rstrip()[-1:] not in {".", "!", "?"}:
            return None
        if any(self.finder.quoted[t.i] for t in tokens):
            return None
        sentence = tokens[-1].sent
        if sentence.root.idx >= span.open_at:
            return None
        subject = self.finder.subject_of(sentence.root)
        if subject is None or not (
            subject.pos_ == "PROPN" or subject.lower_ in {"he", "she", "they"}
        ):
            return None
        return self.finder.speaker_before(subject) or self.finder.book.speaker(subject)

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
                    quote["_via"] = "heading"
                    break

    def sentence_around(self, start: int, end: int) -> str:
        if not len(self.finder.doc):
            return ""
        first = self.finder.doc[self.finder.token_at(start)].sent
        last = self.finder.doc[self.finder.token_at(max(start, end - 1))].sent
        lo, hi = first.start_char, last.end_char
        # Paragraphs ascend and never touch: the only one that can hold `start` is the last
        # one starting at or before it.
        k = bisect_right(self.finder.para_starts, start) - 1
        if k >= 0 and start < self.finder.paras[k][1] + 1:
            lo, hi = max(lo, self.finder.paras[k][0]), min(hi, self.finder.paras[k][1])
        return self.finder.text[lo:hi].strip()
