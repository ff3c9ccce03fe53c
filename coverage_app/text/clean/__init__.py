"""Bringing a text in: bytes to text, the clean body and its metadata, dates, stand-in headlines."""
