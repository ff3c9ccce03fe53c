"""Hostile text never crashes extraction, and every offset points into the body."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coverage_app.text.extract import extract
from coverage_app.text.quotes.marks import find_marked_spans

MARKS = list("\"“”‘’'„«»")
PIECES = st.one_of(
    st.sampled_from(MARKS),
    st.sampled_from([" ", "\n", "\n\n", ",", ".", ":", " said ", " he said", "According to "]),
    st.sampled_from(["Marrow", "Ilse Marrow", "the minister", "Тарвос", "北京", "مرحبا", "don't"]),
    st.text(min_size=0, max_size=12),
)
HOSTILE = st.lists(PIECES, max_size=60).map("".join)


def check(body: str, result) -> None:
    for quote in result.quotes:
        assert 0 <= quote["start"] <= quote["end"] <= len(body)
        assert body[quote["start"] : quote["end"]] == quote["text"]
        assert quote["kind"] in {"direct", "partial", "indirect"}
    for event in result.events:
        assert 0 <= event["start"] <= event["end"] <= len(body)
        assert body[event["start"] : event["end"]] == event["text"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_offsets_always_point_into_the_body_on_hostile_text(nlp, body):
    check(body, extract(nlp(body), published=date(2022, 10, 12)))


@settings(max_examples=200, deadline=None)
@given(HOSTILE)
def test_marked_spans_are_always_inside_the_text(body):
    for span in find_marked_spans(body):
        assert 0 <= span.start < span.end <= len(body)


def test_empty_text_gives_nothing(nlp):
    result = extract(nlp(""), published=None)
    assert result.quotes == [] and result.events == [] and result.entities == []


def test_ten_thousand_quote_marks_do_not_crash(nlp):
    body = '"' * 10_000
    check(body, extract(nlp(body), published=None))
    body = "“a” " * 2_500
    assert len(find_marked_spans(body)) == 2_500


def test_one_giant_paragraph_with_unbalanced_quotes(nlp):
    body = ('Marrow said "we are ready. ' * 200) + "Then “nothing ends here."
    check(body, extract(nlp(body), published=date(2022, 10, 12)))


def test_mixed_scripts_with_guillemets(nlp):
    body = 'Маррова сказала: «Мы готовы». "We are ready," Marrow said. 北京 «说».'
    result = extract(nlp(body), published=None)
    check(body, result)
    assert any(q["text"] == "We are ready" for q in result.quotes)
