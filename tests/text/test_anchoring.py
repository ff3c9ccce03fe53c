"""Anchoring spans and finding them again when an article's text changes (no database)."""

import pytest

from coverage_app.text.anchoring import SpanError, anchor_span, locate, reanchor

BODY = (
    "Harbour Ledger, 3 March. The port authority said on Tuesday that the new quay would open "
    'in June. "We are ready for talks with the dockers\' union," said Mara Okonkwo, the '
    "authority's director. The union disputed the figures and said 40 jobs were at risk.\n"
    "Residents of Vell Street complained about night-time noise from the cranes."
)
QUOTE = "We are ready for talks with the dockers' union"


def span_of(text: str, needle: str):
    start = text.index(needle)
    return anchor_span(text, start, start + len(needle))


def test_anchor_keeps_quote_context_and_code_point_offsets():
    anchor = span_of(BODY, QUOTE)
    assert anchor.exact == QUOTE
    assert BODY[anchor.start : anchor.end] == QUOTE
    assert len(anchor.prefix) == 32 and BODY[: anchor.start].endswith(anchor.prefix)
    assert len(anchor.suffix) == 32 and BODY[anchor.end :].startswith(anchor.suffix)


def test_offsets_count_code_points_not_utf16_units():
    text = "Emoji 🚢 first. Then the quote here."
    anchor = span_of(text, "the quote")
    # The ship is one code point (two UTF-16 units); Python indexes agree with the W3C model.
    assert anchor.start == 20
    assert len(text[:20].encode("utf-16-le")) // 2 == 21


def test_empty_or_outside_span_is_refused():
    with pytest.raises(SpanError):
        anchor_span(BODY, 10, 10)
    with pytest.raises(SpanError):
        anchor_span(BODY, 0, len(BODY) + 1)
    with pytest.raises(SpanError):
        anchor_span("a    b", 1, 4)


def test_unchanged_text_keeps_the_span_where_it_was():
    old = span_of(BODY, QUOTE)
    found = reanchor(BODY, old)
    assert found is not None and found.method == "unchanged"
    assert found.anchor == old


def test_shifted_text_moves_the_span_with_it():
    old = span_of(BODY, QUOTE)
    shifted = "UPDATED 14:05 with the union's response.\n\n" + BODY
    found = reanchor(shifted, old)
    assert found is not None
    assert found.anchor.start == old.start + len("UPDATED 14:05 with the union's response.\n\n")
    assert shifted[found.anchor.start : found.anchor.end] == QUOTE


def test_edit_right_next_to_the_span_still_finds_it():
    old = span_of(BODY, QUOTE)
    edited = BODY.replace("said Mara Okonkwo, the", "Mara Okonkwo, director of the")
    found = reanchor(edited, old)
    assert found is not None
    assert edited[found.anchor.start : found.anchor.end] == QUOTE


def test_small_edit_inside_the_span_is_found_fuzzily():
    old = span_of(BODY, QUOTE)
    edited = BODY.replace("dockers' union", "dockers’ union")  # curly apostrophe after a fix
    found = reanchor(edited, old)
    assert found is not None and found.method == "fuzzy"
    assert "ready for talks" in found.anchor.exact
    assert found.anchor.exact.startswith("We are") and found.anchor.exact.endswith("union")


def test_deleted_span_is_orphaned():
    old = span_of(BODY, QUOTE)
    edited = BODY.replace(f'"{QUOTE}," said Mara Okonkwo, the authority\'s director. ', "")
    assert QUOTE not in edited
    assert reanchor(edited, old) is None


def test_deleted_span_is_not_moved_to_a_look_alike_passage():
    text = (
        "The mayor said the budget was fair. Opposition members disagreed loudly. "
        "Later, the treasurer said the budget was fair, too."
    )
    old = span_of(text, "the budget was fair")
    # The mayor's sentence goes; the treasurer's look-alike stays.
    edited = text.replace("The mayor said the budget was fair. ", "")
    assert reanchor(edited, old) is None


def test_repeated_short_phrase_follows_its_context():
    text = "Vell said no. Then Okonkwo said no. Then the union said no."
    start = text.index("Okonkwo said no") + len("Okonkwo ")
    old = anchor_span(text, start, start + len("said no"))
    edited = "Breaking: " + text
    found = reanchor(edited, old)
    assert found is not None
    assert edited[found.anchor.start - 8 : found.anchor.end] == "Okonkwo said no"


def test_locate_uses_context_when_the_hint_is_off():
    start = BODY.index("said")
    anchor = locate(BODY, "said", prefix=BODY[start - 20 : start], suffix=" on Tuesday", hint=3)
    assert anchor is not None and anchor.start == start


def test_locate_refuses_text_that_is_not_in_the_article():
    assert locate(BODY, "a sentence from the other outlet", hint=0) is None
    assert locate(BODY, "   ") is None
