"""Who said it, chosen by a fitted ranker over the candidate speakers of each quote or clause.

The rules in `text.attribution`, `text.speech_verbs` and `text.reported` propose one speaker
each (the subject of the speech verb, the quote it continues, the paragraph's speaker, the
person in view...). This module gathers the other people and bodies a reader would weigh for the
same words: everyone named near them, the resolved subject of every speech verb around them
(pronouns and descriptions through `NameBook.speaker`), "according to X", the speaker of the
quote before. Each candidate is described by a few features (how it relates to a speech verb,
where it stands against the words, which side, which paragraph, what kind of name it is, how
often the article names it) and scored by the linear model in `speaker_ranker.json`, fitted by
`manage.py train_models --only speakers` (`coverage_app.training.speakers`). The best-scoring
candidate speaks; a quote the rules left without a speaker gets one only when the model is
confident enough (the model's threshold).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from pathlib import Path

from coverage_app.text import fitted
from coverage_app.text.people.entities import Entity, is_medium

MODEL_PATH = Path(__file__).with_name("speaker_ranker.json")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# The part of a mention in its clause, as a feature.
MENTION_DEPS = {"nsubj", "nsubjpass", "pobj", "poss", "dobj", "appos", "compound", "conj"}
WINDOW = 1  # paragraphs either side of the words


def model() -> fitted.LinearModel | None:
    return fitted.load(MODEL_PATH) if MODEL_PATH.exists() else None


def _described(entity: Entity) -> bool:
    return any(a.startswith("description:") for a in entity.aliases)


class Candidates:
    """The candidate speakers of the quotes and clauses of one article."""

    def __init__(self, finder):
        self.finder = finder  # the article's SpeakerFinder
        book = finder.book
        doc = finder.doc
        # Name mentions: the last token of each run of one entity outside quotation marks.
        self.mentions: list[tuple[int, Entity, str]] = []  # (token index, entity, how)
        items = sorted(book.by_token.items())
        for k, (i, entity) in enumerate(items):
            following = items[k + 1] if k + 1 < len(items) else None
            if following is not None and following[0] == i + 1 and following[1] is entity:
                continue
            if not finder.quoted[i]:
                self.mentions.append((i, entity, "name"))
        # Subjects of speech verbs, resolved (pronouns, descriptions), and "according to X".
        self.speech_subjects: dict[int, tuple[int, Entity]] = {}  # verb index -> (mention, who)
        for token in doc:
            if not finder.is_speech_verb(token):
                continue
            found = finder.speaker_of_verb(token)
            if found.entity is not None and found.at >= 0:
                self.speech_subjects[token.i] = (finder.token_at(found.at), found.entity)
        # A report inside a report ("X said Y had told it that..."): which verb is outer.
        self.nesting: dict[int, str] = {}
        for verb in self.speech_subjects:
            ancestors = [a.i for a in doc[verb].ancestors]
            if any(a in self.speech_subjects for a in ancestors):
                self.nesting[verb] = "inner"
            elif any(d.i in self.speech_subjects for d in doc[verb].subtree if d.i != verb):
                self.nesting[verb] = "outer"
        # Paragraph of each mention and speech verb, ascending (both lists are in text order),
        # so a quote reads only the few within WINDOW paragraphs: linear in the article.
        self.mention_paras = [finder.token_para[i] for i, _, _ in self.mentions]
        self.verbs = list(self.speech_subjects)
        self.verb_paras = [finder.token_para[verb] for verb in self.verbs]
        self.counts: dict[int, int] = {}
        for _, entity, _ in self.mentions:
            self.counts[id(entity)] = self.counts.get(id(entity), 0) + 1
        self.most_named = max(self.counts.values(), default=0)

    def for_quote(self, quote: dict, previous: Entity | None) -> list[tuple[Entity, dict]]:
        """(entity, features) for each candidate speaker of one quote or clause."""
        finder = self.finder
        doc = finder.doc
        start, end = quote["start"], quote["end"]
        paragraph = finder.token_para[finder.token_at(start)]
        first = finder.token_at(start)
        last = finder.token_at(max(start, end - 1))
        sent_lo, sent_hi = doc[first].sent.start, doc[last].sent.end
        rule = quote.get("_entity")
        kind = quote.get("kind") or "direct"
        via = quote.get("_via") or "verb"
        found: dict[int, tuple[Entity, dict]] = {}

        def add(entity: Entity, index: int, how: str) -> None:
            para = finder.token_para[index]
            if abs(para - paragraph) > WINDOW:
                return
            token = doc[index]
            char = token.idx
            distance = 0 if start <= char < end else min(abs(char - start), abs(char - end))
            entry = found.get(id(entity))
            if entry is None:
                entry = (entity, {"_distance": 10**9})
                found[id(entity)] = entry
            values = entry[1]
            values[f"how_{how}"] = 1.0
            if sent_lo <= index < sent_hi:
                values[f"{how}_same_sentence"] = 1.0
            values[f"{how}_para_{'same' if para == paragraph else 'other'}"] = 1.0
            if distance < values["_distance"]:
                values["_distance"] = distance
                values["_before"] = char < start
                values["_dep"] = token.dep_
                values["_sentence"] = sent_lo <= index < sent_hi
                values["_para"] = para - paragraph

        lo, hi = paragraph - WINDOW, paragraph + WINDOW
        near = slice(bisect_left(self.mention_paras, lo), bisect_right(self.mention_paras, hi))
        for index, entity, how in self.mentions[near]:
            add(entity, index, how)
        near = slice(bisect_left(self.verb_paras, lo), bisect_right(self.verb_paras, hi))
        for verb in self.verbs[near]:
            index, entity = self.speech_subjects[verb]
            if abs(finder.token_para[verb] - paragraph) <= WINDOW:
                how = "according" if doc[verb].lower_ == "according" else "speech_subject"
                add(entity, index, how)
                if sent_lo <= verb < sent_hi and id(entity) in found:
                    found[id(entity)][1]["verb_same_sentence"] = 1.0
                    if verb in self.nesting:
                        found[id(entity)][1][f"report_{self.nesting[verb]}"] = 1.0
        if rule is not None and id(rule) not in found:
            found[id(rule)] = (rule, {"_distance": 10**9})
        if previous is not None and id(previous) not in found:
            found[id(previous)] = (previous, {"_distance": 10**9})
        salient = finder.book.last_salient(start, within=1500)
        candidates = []
        nearest = sorted(found.values(), key=lambda e: e[1]["_distance"])
        nearest_ids = {id(e) for e, _ in nearest[:1]}
        before = [e for e, v in nearest if v.get("_before")]
        after = [e for e, v in nearest if v["_distance"] < 10**9 and not v.get("_before")]
        for entity, values in found.values():
            features = {k: v for k, v in values.items() if not k.startswith("_")}
            distance = values["_distance"]
            if distance < 10**9:
                features["log_distance"] = math.log1p(distance) / 8
                features["mention_before" if values["_before"] else "mention_after"] = 1.0
                dep = values["_dep"] if values["_dep"] in MENTION_DEPS else "other"
                features[f"dep_{dep}"] = 1.0
                features[f"para_{values['_para']:+d}"] = 1.0
                if values["_sentence"]:
                    features["same_sentence"] = 1.0
            else:
                features["not_near"] = 1.0
            features["nearest"] = float(id(entity) in nearest_ids)
            features["nearest_before"] = float(bool(before) and before[0] is entity)
            features["nearest_after"] = float(bool(after) and after[0] is entity)
            if rule is not None and entity is rule:
                features["rule"] = 1.0
                features[f"rule_{via}"] = 1.0
                features[f"rule_{kind}"] = 1.0
            if previous is not None and entity is previous:
                features["previous_speaker"] = 1.0
            if salient is not None and entity is salient:
                features["salient"] = 1.0
            features["org"] = float(entity.is_org and not entity.is_place)
            features["place"] = float(entity.is_place)
            features["medium"] = float(is_medium(entity))
            features["described"] = float(_described(entity))
            features["person_named"] = float(not entity.is_org and not _described(entity))
            count = self.counts.get(id(entity), 0)
            features["log_count"] = math.log1p(count) / 3
            features["most_named"] = float(count > 0 and count == self.most_named)
            features[f"kind_{kind}"] = 1.0
            features["no_rule"] = float(rule is None)
            candidates.append((entity, features))
        return candidates


def choose(finder, quotes: list[dict], linear: fitted.LinearModel | None = None) -> None:
    """Set each quote's `_entity` to the candidate the fitted model ranks first."""
    linear = linear or model()
    if linear is None or not quotes:
        return
    table = Candidates(finder)
    previous: Entity | None = None
    for quote in sorted(quotes, key=lambda q: q["start"]):
        rule = quote.get("_entity")
        candidates = table.for_quote(quote, previous)
        if candidates:
            entity, features = max(candidates, key=lambda c: linear.margin(c[1]))
            if rule is not None or linear.says_yes(features):
                quote["_entity"] = entity
        if quote.get("kind") != "indirect" and quote.get("_entity") is not None:
            previous = quote["_entity"]
