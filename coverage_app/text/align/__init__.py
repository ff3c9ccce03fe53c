"""Aligning two articles' quotes and events: content tokens, pair scores, diffs and flags."""
