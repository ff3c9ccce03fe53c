"""The writer's own claims and how they pair, and the words each outlet chooses.

Wording and aliases live here too: they read the same narration sentences.
"""
