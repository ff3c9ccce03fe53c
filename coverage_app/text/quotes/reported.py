"""Reported speech: a speech verb outside quotation marks with a content clause ("Marrow said
that Dalmora was ready for mediation"), or "according to X" with the clause it governs.

`ReportingAttributor` is the whole of what one article's quotes and reports go through, and
the plain classes it calls by name, all sharing the article's one `SpeakerFinder`:

* `SpeakerFinder` (`text.speech_verbs`): who speaks a speech verb, positions in the article,
  and the speakers quoted so far (for "he said");
* `Attributor` (`text.attribution`): `quotes()`, the quotes with their speakers;
* `ReportSources` (`text.report_sources`): who reports a clause, and whether the article
  names that source.

`reported()` runs after `quotes()`, whose speakers it reads through the finder. This module
finds the reported clause and where it ends. Its word lists are in `text.reported_words`.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from coverage_app.text.people.names import NameBook
from coverage_app.text.quotes.attribution import CLOSE_MARKS, Attributor
from coverage_app.text.quotes.attribution_words import SPEECH_LEMMAS, SPEECH_NOUNS
from coverage_app.text.quotes.marks import MarkedSpan
from coverage_app.text.quotes.report_sources import ReportSources
from coverage_app.text.quotes.reported_words import (
    CLAUSE_OPENERS,
    DASHES,
    EVENT_MARKS,
    FINITE_TAGS,
    FRAME_SUBJECTS,
    HEADING_MAX_WORDS,
    LISTING,
    MODALS,
    OBJECT_SENSES,
    QUESTION_OPENERS,
    RESPONSE_NOUNS,
    SUBORDINATORS,
    TELLING,
)
from coverage_app.text.quotes.speech_verbs import DATELINE, SpeakerFinder


class ReportingAttributor:
    """The quotes and the reported speech of one article: `quotes()` first, then
    `reported()`. One `SpeakerFinder` (`finder`) serves both, so "he said" in a report can
    go to the speaker just quoted."""

    def __init__(self, doc: Doc, spans: list[MarkedSpan], paras, book: NameBook, quoted):
        self.finder = SpeakerFinder(doc, paras, book, quoted)
        self.attributor = Attributor(self.finder, spans)
        self.sources = ReportSources(self.finder)

    def quotes(self) -> list[dict]:
        """Direct and partial quotes with their speakers (`Attributor.quotes`)."""
        return self.attributor.quotes()

    # --- reported speech -------------------------------------------------------------------
    #
    # A report is a speech verb outside quotation marks with a content clause (`X said (that)
    # Y`, `Y, X said`, `according to X, Y`). The clause is cut where the writer's narration
    # starts (`, marking...`, `, in a rebuke to...`, `-- about half...`); a question put
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
        for token in self.finder.doc:
            if self.finder.quoted[token.i] or self.finder.token_para[token.i] in headings:
                continue
            clause_root = None
            exclude: Token | None = None
            if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                head = token.head
                # "..., Ames said, according to remarks released": the speech verb reports it.
                if (
                    head.i != token.i
                    and head.pos_ in {"VERB", "AUX"}
                    and not self.finder.is_speech_verb(head)
                ):
                    clause_root, exclude = head, token
                    # "A, and B, according to X": X vouches for the whole coordination.
                    while clause_root.dep_ == "conj" and clause_root.i < token.i:
                        clause_root = clause_root.head
            elif token.pos_ in {"VERB", "AUX"} and self.sources.reports(token):
                if self.sentence_adverb(token):
                    continue
                if any(c.dep_ == "neg" for c in token.children):
                    continue
                if self.as_clause(token):
                    # "As Ames noted, the fee could rise" / "the fee could rise, as Ames said"
                    clause_root, exclude = token.head, token
                if token.lemma_ == "make":
                    clause_root = self.made_clear_clause(token)
                # "Y, X said" has its clause before the verb; when the parser also hangs a
                # clause after it ("...: He said that Z"), the one after is what was said.
                children = sorted(
                    token.children if clause_root is None else (),
                    key=lambda c: (c.dep_ == "ccomp" and c.i < token.i, c.i),
                )
                for child in children:
                    if clause_root is None and (
                        child.dep_ == "prep" or (child.dep_ == "dobj" and token.lemma_ in TELLING)
                    ):
                        # "told a crowd in Vell that he expects...", "said for the first
                        # time that...": the content clause hung on the object as a relative.
                        clause_root = self.that_clause_on_object(child)
                    if (
                        clause_root is None
                        and child.dep_ == "xcomp"
                        and child.tag_ == "VBG"
                        and self.next_word(token) == child.i
                    ):
                        # "said having the ferry at the centre puts the berths at risk": a
                        # gerund subject taken for the verb's complement.
                        clause_root = self.gerund_subject_clause(child)
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
                        and (self.has_subject(child) or self.lost_subject(child, token))
                        and (
                            not self.finder.quoted[child.i]
                            or sum(
                                1
                                for t in child.subtree
                                if t.is_alpha and not self.finder.quoted[t.i]
                            )
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
                            None
                            if overlaps_direct(lo, hi)
                            else self.sources.reported_item(token, lo, hi)
                        )
                        if item is not None:
                            found.append((item, token))
                        continue
                if clause_root is None and token.dep_ == "conj" and self.trailing_conj(token):
                    clause_root, exclude = token.head, token
                if clause_root is None and token.dep_ == "parataxis":
                    head = token.head
                    if not self.finder.quoted[head.i] and head.pos_ in {"VERB", "AUX"}:
                        clause_root, exclude = head, token
            if clause_root is None:
                continue
            if (
                clause_root.i < token.i
                and self.finder.is_speech_verb(clause_root)
                and self.finder.subject_of(clause_root) is not None
                and not self.names_a_thing(clause_root)
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
                        tokens = list(
                            self.finder.doc[clause_root.left_edge.i : conj.right_edge.i + 1]
                        )
                        break
            p_lo, p_hi = self.finder.paragraph_of(token.idx)
            tokens = [t for t in tokens if p_lo <= t.idx < p_hi]
            tokens = self.without_other_reports(tokens, clause_root)
            # A dateline before the clause: "LISK, May 4 (Wire) - Fares will rise...".
            dateline = DATELINE.match(self.finder.text, p_lo, p_lo + 80)
            if dateline is not None and tokens and tokens[0].idx <= dateline.end():
                tokens = [t for t in tokens if t.idx > dateline.end()]
                while tokens and set(tokens[0].text) <= set("-—–"):
                    tokens = tokens[1:]
            # ... or one the pattern misses: "SARN (Harbour Ledger) — Drava is preparing..."
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

    def sentence_adverb(self, verb: Token) -> bool:
        """ "That said, ...", "All told, ...": a set phrase opening the sentence, no one's
        report."""
        doc = self.finder.doc
        k = verb.i - 1
        if k < 0 or verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
            return False
        if doc[k].lower_ not in FRAME_SUBJECTS:
            return False
        lead = doc[verb.sent.start : k]
        return all(t.is_punct or t.is_space or t.dep_ == "cc" for t in lead)

    def that_clause_on_object(self, child: Token) -> Token | None:
        """A clause opened by the conjunction "that" (not the relative pronoun), with its own
        subject, that the parser hung on the one told or on the noun of a phrase after the
        verb: "told a crowd in Vell that...", "said for the first time that...". (The object
        of another verb may own its clause: "acknowledges the board's position that...".)"""
        nouns = [child] if child.dep_ == "dobj" else [c for c in child.children if c.dep_ == "pobj"]
        for noun in nouns:
            if self.finder.quoted[noun.i]:
                continue
            for clause in noun.rights:
                if (
                    clause.dep_ in {"relcl", "acl"}
                    and any(
                        g.dep_ == "mark" and g.lower_ == "that" and g.i < clause.i
                        for g in clause.children
                    )
                    and self.has_subject(clause)
                ):
                    return clause
        return None

    def gerund_subject_clause(self, gerund: Token) -> Token | None:
        """The gerund heads the reported clause when its finite verb hangs below it."""
        for child in gerund.children:
            if child.dep_ == "ccomp" and child.i > gerund.i and child.tag_ in FINITE_TAGS:
                return gerund
        return None

    def next_word(self, verb: Token) -> int:
        """The index of the first word after the verb that is not an adverb."""
        k = verb.i + 1
        doc = self.finder.doc
        while k < len(doc) and doc[k].pos_ == "ADV":
            k += 1
        return k

    @staticmethod
    def names_a_thing(verb: Token) -> bool:
        """A speech verb in its other sense, with a plain object and no clause ("forums have
        added another link", "the firm reported a loss"): what it does is no report of its
        own. ("described the attack as cruel" is still someone speaking.)"""
        return (
            verb.lemma_ in OBJECT_SENSES
            and any(c.dep_ == "dobj" for c in verb.children)
            and not any(c.dep_ == "ccomp" for c in verb.children)
        )

    def as_clause(self, verb: Token) -> bool:
        """`As Ames noted, <clause>` or `<clause>, as Ames said`: the verb is an "as" clause
        with its own subject and no object or clause of its own, hung on the reported clause."""
        head = verb.head
        return (
            verb.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
            and self.has_subject(verb)
            and not any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in verb.children)
            and head.pos_ in {"VERB", "AUX"}
            and not self.finder.quoted[head.i]
            and not self.finder.is_speech_verb(head)
        )

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

    def lost_subject(self, clause: Token, verb: Token) -> bool:
        """A finite content clause whose subject the parser hung elsewhere: "said that Renk
        needs..." with the name taken as a compound of the verb, "<clause>, Renk said" with
        its subject made an apposition. Opened by "that", or standing before the reporting
        verb, it is still what was said ("told staff... after the panels blew out" is not)."""
        if not (
            clause.tag_ in FINITE_TAGS
            or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in clause.children)
        ):
            return False
        if clause.i < verb.i:
            return True
        return any(
            c.dep_ == "mark" and c.lower_ == "that" and c.i < clause.i for c in clause.children
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
            if not self.finder.is_speech_verb(t):
                continue
            if t.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in EVENT_MARKS for c in t.children
            ):
                continue  # "fired him after he suggested that...": what happened, in the clause
            subject = self.finder.subject_of(t)
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
        # "was asked whether...", "declined to say whether...". A clause before its verb is
        # no question put to the speaker: "What X said privately is another story, according
        # to Y", "If the fees rise, the ferry will stop, Ames said".
        if not tokens or (tokens[0].i > verb.i and self.is_question(tokens[0], clause_root)):
            return None
        if tokens[0].tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            return None  # "a fine, which Ames said was fair": a relative clause's gap
        while tokens and (
            (tokens[0].is_punct and not self.opens_quote(tokens[0]))
            or tokens[0].dep_ == "cc"
            or (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")
            or (tokens[0].tag_ == "VBG" and self.sources.reports(tokens[0]))  # a misparsed "adding"
        ):
            tokens = tokens[1:]
        tokens = tokens[: self.narration_start(tokens, clause_root)]
        tokens = tokens[: self.next_speech_act(tokens, verb)]
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
        unquoted = [t for t in tokens if t.is_alpha and not self.finder.quoted[t.i]]
        if not unquoted:
            return None  # a direct quote introduced by "that"
        if tokens[-1].i < verb.i and any(self.finder.quoted[t.i] for t in tokens):
            if all(t.is_stop for t in unquoted):
                return None  # `It is "with real relief that...", she said`: her own words
        tokens = self.through_open_quote(tokens)
        if self.unopened_quote_after(tokens[-1]):
            return None  # `...emergency," the head said`: a quote whose opening mark is lost
        lo = tokens[0].idx
        hi = tokens[-1].idx + len(tokens[-1].text)
        # Keep the clause contiguous (a parenthetical attribution splits it).
        if overlaps_direct(lo, hi):
            return None
        return self.sources.reported_item(verb, lo, hi)

    @staticmethod
    def is_question(opener: Token, clause_root: Token) -> bool:
        """A clause opened by "whether", "if", "when"... is a question put to the speaker
        ("asked if she would come": the "if" marks the clause's own verb). Not when the word
        opens a condition or time clause in front of that verb: "said if elected he would...",
        "said when the mills closed, the town lost..."."""
        if opener.lower_ not in QUESTION_OPENERS:
            return False
        head = opener.head
        return not (
            opener.dep_ in {"mark", "advmod"}
            and head.dep_ == "advcl"
            and head.head.i == clause_root.i
            and head.i < clause_root.i
        )

    def opens_quote(self, token: Token) -> bool:
        return (
            token.is_quote
            and token.i + 1 < len(self.finder.doc)
            and self.finder.quoted[token.i + 1]
        )

    def narration_start(self, tokens: list[Token], clause_root: Token) -> int:
        """Where the writer's own words take over after the clause: `, marking the end of`,
        `, dramatically escalating`, `, in a rebuke to`, `-- about half`."""
        for k in range(1, len(tokens)):
            t = tokens[k]
            if t.i <= clause_root.i or self.finder.quoted[t.i]:
                continue
            before = tokens[k - 1]
            after_comma = before.text == "," or (
                before.is_quote and k >= 2 and tokens[k - 2].text == ","
            )
            if after_comma:
                lead = t
                if t.pos_ == "ADV" and k + 1 < len(tokens):
                    lead = tokens[k + 1]
                if (
                    lead.tag_ == "VBG"
                    and lead.dep_ not in {"amod", "compound", "pobj"}
                    and lead.lower_ not in LISTING
                ):
                    return k
                if t.lower_ == "in" and any(
                    u.lower_ in RESPONSE_NOUNS for u in tokens[k + 1 : k + 4]
                ):
                    return k
                if self.speaker_goes_on(tokens, k, clause_root):
                    return k
            spaced_dash = t.text in DASHES and (t.text != "-" or before.whitespace_)
            if spaced_dash and not any(u.tag_ in FINITE_TAGS for u in tokens[k + 1 :]):
                return k
            if self.subordinate_cut_off(t, tokens):
                return k
        return len(tokens)

    def subordinate_cut_off(self, opener: Token, tokens: list[Token]) -> bool:
        """`said Orsby was open to talks as the port authority is looking to broker a deal`:
        the parser took "as the port authority" for a phrase ending the clause and hung its
        verb on "said". The writer's "as ..." clause starts at the opener."""
        if opener.lower_ not in CLAUSE_OPENERS or opener.dep_ != "prep":
            return False
        last = tokens[-1]
        if opener.right_edge.i != last.i or last.i + 1 >= len(self.finder.doc):
            return False
        after = self.finder.doc[last.i + 1]
        inside = {t.i for t in tokens}
        return (
            after.tag_ in FINITE_TAGS | {"VBG"}
            and after.i not in inside
            and after.head.i not in inside
            and not self.finder.quoted[after.i]
        )

    @staticmethod
    def next_speech_act(tokens: list[Token], verb: Token) -> int:
        """`said he respected the mayor and called her a friend`: a speech verb coordinated
        into the clause without a subject or auxiliary of its own, in the reporting verb's
        tense, is what the speaker did next (the writer's account), not what was said. The
        clause stops at its conjunction; `said he would call a vote and demand a recount`
        (under the modal) keeps its conjunct."""
        for k in range(1, len(tokens)):
            t = tokens[k]
            if (
                t.dep_ == "conj"
                and t.lemma_ in SPEECH_LEMMAS
                and t.tag_ == verb.tag_
                and t.i > verb.i
                and tokens[k - 1].dep_ == "cc"
                and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in t.children)
            ):
                return k - 1
        return len(tokens)

    @staticmethod
    def speaker_goes_on(tokens: list[Token], k: int, clause_root: Token) -> bool:
        """`, but he made clear...` after the clause: a conjunction, then a personal pronoun
        as the subject of a verb coordinated with the clause's own. The writer goes on to say
        what the speaker did next; that is not part of the reported words."""
        t = tokens[k]
        if t.pos_ != "CCONJ" or k + 2 >= len(tokens):
            return False
        subject = tokens[k + 1]
        if subject.lower_ not in ("he", "she", "they") or subject.dep_ != "nsubj":
            return False
        verb = subject.head
        return verb.dep_ == "conj" and verb.head == clause_root

    def through_open_quote(self, tokens: list[Token]) -> list[Token]:
        """A clause that ends inside a quotation runs to its closing mark: the quoted words
        are all the speaker's."""
        last = tokens[-1]
        if not self.finder.quoted[last.i]:
            return tokens
        _, p_hi = self.finder.paragraph_of(last.idx)
        end = last.i
        while (
            end + 1 < len(self.finder.doc)
            and self.finder.quoted[end + 1]
            and self.finder.doc[end + 1].idx < p_hi
        ):
            end += 1
        while end > last.i and self.finder.doc[end].is_space:
            end -= 1
        if end == last.i:
            return tokens
        return [*tokens, *self.finder.doc[last.i + 1 : end + 1]]

    def unopened_quote_after(self, last: Token) -> bool:
        if self.finder.quoted[last.i]:
            return False
        k = last.i + 1
        if k < len(self.finder.doc) and self.finder.doc[k].text in {",", "."}:
            k += 1
        return (
            k < len(self.finder.doc)
            and self.finder.doc[k].is_quote
            and self.finder.doc[k].tag_ == "''"
        )

    def heading_paragraphs(self) -> set[int]:
        """Paragraphs that are headlines or standfirst labels: short, no closing full stop."""
        found = set()
        for k, (lo, hi) in enumerate(self.finder.paras):
            words = self.finder.text[lo:hi].split()
            tail = self.finder.text[lo:hi].rstrip().rstrip(CLOSE_MARKS + ")]").rstrip()
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
                    if not self.is_content_of(inner_verb, found[k][1]):
                        # "said that the firm fired Renk after he suggested that...": a report
                        # deep inside the clause is part of what the outer speaker said.
                        dropped.add(m)
                        continue
                    dropped.add(k)  # a report inside the outer clause
                    if outer["_entity"] is not None:
                        inner["_entity"] = outer["_entity"]
                    break
                # The same words found twice (two parses of one clause): keep the fuller one.
                dropped.add(m)
                if outer["_entity"] is None:
                    outer["_entity"] = inner["_entity"]
        return [(item, verb) for k, (item, verb) in enumerate(found) if k not in dropped]

    @staticmethod
    def is_content_of(inner_verb: Token, outer_verb: Token) -> bool:
        """The inner reporting verb is what the outer report says ("the ministry said the
        envoy had told it that...", "according to X, the envoy told..."), not a verb with a
        subject of its own buried in a clause inside it ("...after he suggested that...").
        A participle or a relative ("adding that...", "who said...") stays the inner report."""
        if inner_verb.is_ancestor(outer_verb) or not any(
            c.dep_ == "nsubj" and c.tag_ not in {"WP", "WDT"} for c in inner_verb.children
        ):
            return True  # the outer verb sits in the inner's clause; a participle of its own
        head = inner_verb.head
        if inner_verb.dep_ == "conj":
            head = head.head
        return head.i == outer_verb.i or outer_verb.head.i == inner_verb.i

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
            sentence = self.finder.doc[start].sent
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
                    pieces.append(self.finder.text[at : max(at, o_lo)])
                    at = max(at, o_hi)
                pieces.append(self.finder.text[at:hi])
                item["sentence"] = " ".join(" ".join(pieces).split())

    def trailing_conj(self, verb: Token) -> bool:
        """`<clause>, a senior official said on Tuesday, ...` parsed as a conjunct."""
        head = verb.head
        subject = self.finder.subject_of(verb)
        if subject is None or subject.head.i != verb.i:
            return False
        if subject.i > verb.i:
            return self.inverted_trailing(verb, subject)
        if not head.i < subject.i < verb.i:
            return False
        comma = subject.left_edge.i - 1
        if comma <= head.i or self.finder.doc[comma].text != ",":
            return False
        if any(c.dep_ == "cc" for c in head.children if c.i < verb.i and c.i > head.i):
            return False
        if any(self.takes_object(verb, c) for c in verb.children):
            return False
        return head.pos_ in {"VERB", "AUX"} and not self.finder.quoted[head.i]

    def inverted_trailing(self, verb: Token, subject: Token) -> bool:
        """`<clause>, said the firm's chief, Ann Vorst.` parsed as a conjunct: the verb comes
        straight after the comma and its subject closes the sentence."""
        head = verb.head
        doc = self.finder.doc
        if not (head.i < verb.i and verb.i > 0 and doc[verb.i - 1].text == ","):
            return False
        if verb.lemma_ not in SPEECH_LEMMAS or any(
            self.takes_object(verb, c) for c in verb.children
        ):
            return False
        end = subject.right_edge.i + 1
        while end < verb.sent.end and (doc[end].is_punct or doc[end].is_space):
            end += 1
        return (
            end >= verb.sent.end and head.pos_ in {"VERB", "AUX"} and not self.finder.quoted[head.i]
        )

    def trailing_clause(self, verb: Token) -> tuple[int, int] | None:
        """`<clause>, the company said.` when the parser did not make the clause a ccomp.
        After a colon, only what follows it: `He listed the damage: <clause>, he said.`"""
        subject = self.finder.subject_of(verb)
        if subject is None or subject.i > verb.i:
            return None
        comma = subject.left_edge.i - 1
        sentence = verb.sent
        if comma <= sentence.start or self.finder.doc[comma].text != ",":
            return None
        tokens = [t for t in self.finder.doc[sentence.start : comma] if not t.is_space]
        colon = max((k for k, t in enumerate(tokens) if t.text == ":"), default=None)
        if colon is not None and len(tokens) - colon > 3:
            tokens = tokens[colon + 1 :]
        while tokens and tokens[0].is_punct:
            tokens = tokens[1:]
        if len(tokens) < 5 or any(self.finder.quoted[t.i] or t.is_quote for t in tokens):
            return None
        if tokens[0].tag_ in {"VBN", "VBG"} or tokens[0].lower_ in SUBORDINATORS:
            return None
        if any(self.takes_object(verb, c) or c.dep_ in {"attr", "acomp"} for c in verb.children):
            return None
        if any(t.text == ":" or t.is_quote for t in self.finder.doc[verb.i : sentence.end]):
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

    @staticmethod
    def takes_object(verb: Token, child: Token) -> bool:
        """The verb has a clause or object of its own, so the clause before it is not what it
        reports. The one told is no such object: "<clause>, Renk told the board"."""
        if child.dep_ == "dobj":
            return verb.lemma_ != "tell"
        return child.dep_ in {"ccomp", "xcomp"}
