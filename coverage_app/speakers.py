"""Speakers across articles: one Speaker row per person, matched by name.
FIRST CUT: the extraction work owns and improves this module."""

from coverage_app.models import Speaker


def speaker_key(name: str) -> str:
    return " ".join(name.lower().split())


def speaker_for(name: str | None, *, is_organisation: bool = False) -> Speaker | None:
    """The Speaker for a canonical name from one article, created when no one matches."""
    if not name:
        return None
    speaker, _ = Speaker.objects.get_or_create(
        key=speaker_key(name), defaults={"name": name, "is_organisation": is_organisation}
    )
    return speaker
