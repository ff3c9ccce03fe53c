"""Merging and splitting speakers by hand (coverage_app.speakers matches them automatically).

Kept apart from coverage_app.speakers, which the extraction work owns; these only move
quotes between Speaker rows and keep each row's aliases honest.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from coverage_app.models import Quote, Speaker
from coverage_app.speakers import speaker_key


def _add_aliases(speaker: Speaker, names: Iterable[str]) -> None:
    aliases = list(speaker.aliases or [])
    for name in names:
        if name and name != speaker.name and name not in aliases:
            aliases.append(name)
    speaker.aliases = aliases


@transaction.atomic
def merge_speakers(target: Speaker, source: Speaker) -> Speaker:
    """Give all of `source`'s quotes to `target`, keep its names as aliases, delete it."""
    if target.pk == source.pk:
        raise ValueError("A speaker cannot be merged with itself.")
    Quote.objects.filter(speaker=source).update(speaker=target)
    _add_aliases(target, [source.name, *(source.aliases or [])])
    target.save(update_fields=["aliases"])
    source.delete()
    return target


@transaction.atomic
def split_speaker(speaker: Speaker, names: Iterable[str]) -> Speaker:
    """Move the quotes that name the speaker as one of `names` to a new speaker.

    Raises ValueError when nothing would move, or everything would.
    """
    names = [n for n in dict.fromkeys(names) if n]
    quotes = Quote.objects.filter(speaker=speaker)
    moving = quotes.filter(speaker_name__in=names)
    if not names or not moving.exists():
        raise ValueError("Choose a spelling that this speaker's quotes use.")
    if not quotes.exclude(speaker_name__in=names).exists():
        raise ValueError("That would move every quote; leave at least one spelling behind.")
    new_name = max(names, key=lambda n: moving.filter(speaker_name=n).count())
    new_speaker = Speaker.objects.create(
        name=new_name,
        key=speaker_key(new_name) + f"#{speaker.pk}"
        if speaker_key(new_name) == speaker.key
        else speaker_key(new_name),
        aliases=[n for n in names if n != new_name],
        is_organisation=speaker.is_organisation,
    )
    moving.update(speaker=new_speaker)
    speaker.aliases = [a for a in (speaker.aliases or []) if a not in names]
    speaker.save(update_fields=["aliases"])
    return new_speaker
