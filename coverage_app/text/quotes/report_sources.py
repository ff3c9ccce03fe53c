"""Who a report is from: the speaker of a reporting verb ("said", "shot back", "made clear",
"according to"), and whether the article names that source. A report from no one, or from a
source nobody names ("a senior official", "two sources", "relatives", a medium), gives no
reported item.

`ReportSources` is the part of `ReportingAttributor` (`text.reported`) that decides this; it
calls the article's `SpeakerFinder` (`text.speech_verbs`), as `Attributor` does.
"""

from __future__ import annotations

from spacy.tokens import Token

from coverage_app.text.people.descriptions import COLLECTIVE
from coverage_app.text.people.entities import is_medium
from coverage_app.text.people.name_words import (
    CAMPAIGN_WORDS,
    GENERIC_PEOPLE,
    ORG_WORDS,
    ROLE_NOUNS,
)
from coverage_app.text.quotes.attribution_words import BACK_VERBS, RECORD_NOUNS, SPEECH_NOUNS
from coverage_app.text.quotes.reported_words import (
    FINDING_LEMMAS,
    MORE_REPORT_LEMMAS,
    REPORT_LEMMAS,
    STAFF_NOUNS,
    UNNAMED_OPENERS,
)
from coverage_app.text.quotes.speech_verbs import NO_ONE, Attribution, SpeakerFinder


class ReportSources:
    """The reporting verbs of one article and who says what they report, asked of the
    article's `SpeakerFinder`."""

    def __init__(self, finder: SpeakerFinder):
        self.finder = finder

    def reports(self, verb: Token) -> bool:
        """A verb whose content clause is reported speech ("said", "shot back", "made clear")."""
        lemma = verb.lemma_
        if lemma in REPORT_LEMMAS or lemma in MORE_REPORT_LEMMAS:
            return True
        if lemma in BACK_VERBS:
            return any(c.lower_ == "back" for c in verb.children)
        if lemma == "point":  # "pointed out that..."
            return any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
        if lemma in FINDING_LEMMAS:  # "the audit found that...", not "she found that..."
            subject = self.finder.subject_of(verb)
            return subject is not None and self.finder.is_document(subject)
        return lemma == "make" and any(c.lower_ == "clear" for c in verb.children)

    def reported_document(self, verb: Token) -> Token | None:
        """The document a report comes from: "according to <document>", or a document as the
        subject of the reporting verb ("the ruling said"). None for a person or a body."""
        if verb.lower_ == "according":
            for to in verb.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj" and self.finder.is_document(pobj):
                        return pobj
            return None
        subject = self.finder.subject_of(verb)
        if subject is not None and (
            self.finder.is_document(subject) or subject.lower_ in SPEECH_NOUNS
        ):
            return subject
        return None

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
            self.finder.book.mark_salient(attribution.at, attribution.entity)
        sentence = verb.sent
        return {
            "text": self.finder.text[lo:hi],
            "kind": "indirect",
            "start": lo,
            "end": hi,
            "sentence": self.finder.text[sentence.start_char : sentence.end_char].strip(),
            "_entity": attribution.entity,
        }

    def speaker_of_report(self, verb: Token) -> Attribution:
        document = self.reported_document(verb)
        if document is not None:
            if verb.lower_ == "according" and document.lower_ in SPEECH_NOUNS | RECORD_NOUNS:
                # "X said, according to a statement": X's words, when a speaker says them.
                attribution = self.finder.speaker_of_verb(verb)
                if attribution.entity is not None:
                    return attribution
            return self.finder.document_source(document)
        attribution = self.finder.speaker_of_verb(self.reporting_verb_above(verb))
        if verb.lower_ == "according" and self.not_a_source(attribution):
            return NO_ONE  # "according to the agency's calculations": figures, not words
        if attribution.entity is None and attribution.at >= 0:
            # "Ames, who wished to make it clear that...": the relative pronoun is Ames.
            subject = self.finder.doc[self.finder.token_at(attribution.at)]
            if subject.tag_ in {"WP", "WDT"} and subject.head.dep_ == "relcl":
                noun = subject.head.head
                return Attribution(self.finder.book.speaker(noun), True, noun.idx)
        return attribution

    def not_a_source(self, attribution: Attribution) -> bool:
        """A description that is neither a person nor a body ("calculations", "estimates").
        A candidate's campaign is a body: "according to Renk's campaign"."""
        entity = attribution.entity
        if entity is None or not any(a.startswith("description:") for a in entity.aliases):
            return False
        head = self.finder.doc[self.finder.token_at(attribution.at)]
        words = {head.lower_, head.lemma_.lower()}
        return not words & (ROLE_NOUNS | GENERIC_PEOPLE | ORG_WORDS | CAMPAIGN_WORDS)

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
        "defence lawyers", "relatives", "witnesses" (not "KWA investigators", "the agency's
        officials", "police": a body is named through them). A name or a group that names no
        speaker at all (a medium, "relatives", "calculations") gives no one either; an
        unresolved pronoun or "the American" (someone named before) may still."""
        entity = attribution.entity
        if entity is not None and COLLECTIVE in entity.titles:
            # "24 percent said", "Republicans said": kept or left out as with no name.
            entity = None
        if entity is None:
            if attribution.at < 0:
                return False
            head = self.finder.doc[self.finder.token_at(attribution.at)]
            if self.finder.is_document(head):
                return False  # "the ruling": the document of a body named before
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
        head = (
            self.finder.doc[self.finder.token_at(attribution.at)] if attribution.at >= 0 else None
        )
        if head is not None and head.pos_ in {"NOUN", "PROPN"}:
            if head.tag_ not in {"NNS", "NNPS"} or head.lower_ in ORG_WORDS:
                return False
            modifiers = [t for t in head.subtree if t.i < head.i]
            if head.lower_ in STAFF_NOUNS and self.staff_of_someone(head):
                return False
            return not any(self.names_body(t) for t in modifiers)
        last = words[-1].lower()
        if not last.endswith("s") or last in ORG_WORDS:
            return False
        return not any(w[:1].isupper() or w.lower().rstrip("'’s") in ORG_WORDS for w in words)

    def staff_of_someone(self, head: Token) -> bool:
        """ "Renk's aides", "Lindqvist advisers", "aides to Renk": staff named through the
        person they speak for (a name the article knows)."""
        owners = [c for c in head.children if c.dep_ in {"poss", "compound"} and c.i < head.i]
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in {"to", "for"}:
                owners += [c for c in prep.children if c.dep_ == "pobj"]
        return any(
            owner.pos_ == "PROPN" and self.finder.book.entity_at(owner) is not None
            for owner in owners
        )

    def names_body(self, token: Token) -> bool:
        """A modifier that names an organisation: "KWA", "Palace", "agency's"."""
        if token.lower_ in ORG_WORDS:
            return True
        if token.pos_ != "PROPN":
            return False
        entity = self.finder.book.entity_at(token)
        if entity is not None:
            return entity.is_org
        return token.ent_type_ in {"ORG", "NORP", "GPE"}
