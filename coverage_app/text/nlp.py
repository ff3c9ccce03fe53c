"""The one place that loads spaCy. Each process loads a pipeline once and reuses it."""

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: the parser never runs a headline, a timestamp or a
    byline into the paragraph after it (it respects sentence starts set before it)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("pronoun_acronyms")
def pronoun_acronyms(doc: Doc) -> Doc:
    """An organisation's acronym that spells a pronoun ("WHO says that...", "WHO head said")
    is tagged as one by the tagger and left out by the recogniser: in capitals, in a sentence
    that is not all capitals (a headline), it is a name and an organisation."""
    found = []
    for token in doc:
        if token.tag_ not in {"WP", "PRP"} or len(token.text) < 2 or not token.text.isupper():
            continue
        letters = [t for t in token.sent if t.is_alpha]
        if sum(t.text.isupper() for t in letters) * 2 > len(letters):
            continue
        token.pos_, token.tag_ = "PROPN", "NNP"
        if not token.ent_type_:
            found.append(Span(doc, token.i, token.i + 1, label="ORG"))
    if found:
        doc.ents = filter_spans([*doc.ents, *found])
    return doc


@cache
def load(model: str) -> Language:
    """Load the named spaCy pipeline once per process, with paragraph_breaks before the
    parser and pronoun_acronyms at the end."""
    pipeline = spacy.load(model)
    if "parser" in pipeline.pipe_names and "paragraph_breaks" not in pipeline.pipe_names:
        pipeline.add_pipe("paragraph_breaks", before="parser")
    if "ner" in pipeline.pipe_names and "pronoun_acronyms" not in pipeline.pipe_names:
        pipeline.add_pipe("pronoun_acronyms", after="ner")
    return pipeline
