"""Versions of the text algorithms whose results are stored.

A stored comparison or story table carries the versions it was computed with and is recomputed
when one no longer matches. Bump a number when a change alters what that algorithm returns (a
new rule, a fitted model rebuilt, a threshold moved); a change that returns the same output (a
comment, a rename, a move) leaves it, so stored results survive it.
"""

SPEAKERS = 2  # who said each quote (text.quotes): 2 = the fitted speaker ranker
ALIGNMENT = 1  # quote and event pairs: scores, flags, stitching (text.align)
CLAIMS = 1  # which sentences are claims and how they pair (text.claims)
WORDING = 1  # term contrasts and aliases (text.claims.wording, text.claims.aliases)


def stamp() -> str:
    """The versions as one short string for stored results."""
    return f"s{SPEAKERS}.a{ALIGNMENT}.c{CLAIMS}.w{WORDING}"
