"""What the compare page's parts are made of: one quote, event or claim as a page shows it
(`Side`), an aligned pair (`Row`) with its flags' labels, and the page's filters. Plain data,
shared by the compare page (`compare_page`) and its claims section (`claims_page`).
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage_app.models import Event, Quote
from coverage_app.text.claims import claim_align
from coverage_app.text.shorten import predicate


@dataclass
class Side:
    """One quote or event as the page shows it."""

    kind: str  # "quote" | "event"
    id: int
    article_id: int
    start: int
    end: int
    text: str
    label: str  # the speaker (quotes) or actor (events)
    detail: str  # quote kind, or the event's action and date
    quote_kind: str = ""
    # Further spans of the same utterance shown as one side (a quote one outlet splits around
    # its attribution, aligned with the other outlet's stitched quote).
    more_ids: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.kind[0]}{self.id}"

    @property
    def keys(self) -> str:
        """Every span's key, space-separated (what the page highlights in the full text)."""
        return " ".join(f"{self.kind[0]}{i}" for i in (self.id, *self.more_ids))

    @property
    def ids(self) -> str:
        return ",".join(str(i) for i in (self.id, *self.more_ids))


@dataclass
class Row:
    kind: str
    a: Side
    b: Side
    score: int
    flags: list[str]
    conflict: bool
    diff: list[dict]  # the stored word diff: [{"op", "a", "b"}...]

    @property
    def dom_id(self) -> str:
        return f"pair-{self.kind[0]}-{self.a.id}-{self.b.id}"

    @property
    def diff_a(self) -> list[tuple[str, str]]:
        return diff_side(self.diff, "a")

    @property
    def diff_b(self) -> list[tuple[str, str]]:
        return diff_side(self.diff, "b")

    @property
    def labelled_flags(self) -> list[tuple[str, str]]:
        return [(flag, FLAG_LABELS.get(flag, flag)) for flag in self.flags]


FLAG_LABELS = {
    "trimmed": "Trimmed",
    "words_changed": "Words changed",
    "different_speaker": "Different speaker",
    "quote_vs_paraphrase": "Quote vs paraphrase",
    "numbers_differ": "Numbers differ",
    "negation_differs": "Negation differs",
    "dates_differ": "Dates differ",
    "actor_differs": "Actor differs",
    "stitched": "Stitched from two spans",
    "opposite_stance": "Opposite stance",
    "other_words": "Told in other words",
}


UNATTRIBUTED = "Unattributed"  # what every page calls a quote's (or event's) missing speaker


def quote_side(q: Quote) -> Side:
    speaker = q.speaker.name if q.speaker_id else (q.speaker_name or UNATTRIBUTED)
    return Side(
        "quote", q.pk, q.article_id, q.start, q.end, q.text, speaker, q.get_kind_display(), q.kind
    )


def event_side(e: Event) -> Side:
    head = predicate(e.action, negated=e.negated, modality=e.modality)
    detail = head + (f" · {e.date:%-d %b %Y}" if e.date else "")
    return Side(
        "event", e.pk, e.article_id, e.start, e.end, e.text, e.actor or UNATTRIBUTED, detail
    )


def diff_side(diff: list[dict], side: str) -> list[tuple[str, str]]:
    """One side of a word diff as (how, words) runs: "same" words both sides have, "changed"
    words the other side puts other words in place of, "only" words the other side lacks."""
    how = {"equal": "same", "replace": "changed", "delete": "only", "insert": "only"}
    return [(how[op["op"]], op[side]) for op in diff if op[side]]


@dataclass
class Filters:
    threshold: int
    speaker: str = ""
    kind: str = ""
    conflicts: bool = False
    wording: str = ""  # one source of wording contrasts ("entity", "aligned", "distinctive")
    # Claim pairs scoring below it move to the "stated only by" bands (claims score lower).
    claims_threshold: int = claim_align.DEFAULT_MIN_SCORE
