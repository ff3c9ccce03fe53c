"""Remark trails: the versions of one remark across a story's outlets, fullest first, each with
its word diff against the fullest and what changed (pure: plain dicts in and out).

A version is {"text", "speaker", "kind", ...} (a cell of `stories.quote_matrix`); the trail adds
"diff" (`align.flags.word_diff` from the fullest), "flags" and "fullest". Flags, against the
fullest version: "trimmed" (its words cut short), "reworded" (words changed),
"translated" (reworded so far that fewer than `TRANSLATED_BELOW` of its words are the fullest's:
a translation or a rewrite, the remark kept), "reported" (reported speech where the fullest is a
quotation; then not also "reworded"), "other_speaker" (another person named as the speaker).
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage_app.text.align.flags import is_quotation, is_trimmed, word_diff
from coverage_app.text.people.name_match import distinct_names

TRANSLATED_BELOW = 0.5  # share of a version's words found unchanged in the fullest

FLAG_LABELS = {
    "trimmed": "trimmed",
    "reworded": "reworded",
    "translated": "translated or rewritten",
    "reported": "reported instead of quoted",
    "other_speaker": "another speaker named",
}


def _words(text: str) -> int:
    return len((text or "").split())


def remark_trail(versions: Sequence[dict]) -> list[dict]:
    """The versions fullest first (most words; a quotation before reported speech on a tie)."""
    ordered = sorted(
        versions, key=lambda v: (-_words(v.get("text", "")), not is_quotation(v.get("kind")))
    )
    if not ordered:
        return []
    fullest = ordered[0]
    trail = [{**fullest, "diff": [], "flags": [], "fullest": True}]
    for version in ordered[1:]:
        diff = word_diff(fullest.get("text", ""), version.get("text", ""))
        flags = []
        reported = is_quotation(fullest.get("kind")) and not is_quotation(version.get("kind"))
        if is_trimmed(fullest.get("text", ""), version.get("text", "")):
            flags.append("trimmed")
        elif reported:
            flags.append("reported")  # its words are the writer's: "reworded" says nothing more
        elif any(op["op"] != "equal" for op in diff):
            same = sum(len(op["b"].split()) for op in diff if op["op"] == "equal")
            share = same / max(1, _words(version.get("text", "")))
            flags.append("translated" if share < TRANSLATED_BELOW else "reworded")
        if reported and "reported" not in flags:
            flags.append("reported")
        if distinct_names(fullest.get("speaker"), version.get("speaker")):
            flags.append("other_speaker")
        trail.append({**version, "diff": diff, "flags": flags, "fullest": False})
    return trail
