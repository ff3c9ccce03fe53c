"""Parallax's text work: cleaning, extraction and alignment.

Pure Python over text: nothing here imports Django, and nothing returns a spaCy object, only
plain data (dataclasses, dicts, lists), so every part is tested and benchmarked on its own.
"""
