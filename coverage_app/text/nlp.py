"""The one place that loads spaCy. Each process loads a pipeline once and reuses it."""

from functools import cache

import spacy
from spacy.language import Language


@cache
def load(model: str) -> Language:
    """Load the named spaCy pipeline once per process."""
    return spacy.load(model)
