"""The one place that loads spaCy. Each process loads a pipeline once and reuses it."""

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: the parser never runs a headline, a timestamp or a
    byline into the paragraph after it (it respects sentence starts set before it)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load(model: str) -> Language:
    """Load the named spaCy pipeline once per process, with paragraph_breaks before the
    parser."""
    pipeline = spacy.load(model)
    if "parser" in pipeline.pipe_names and "paragraph_breaks" not in pipeline.pipe_names:
        pipeline.add_pipe("paragraph_breaks", before="parser")
    return pipeline
