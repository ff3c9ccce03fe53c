"""What a page may say of a text: the one shortening rule (negation, modality, words, brackets,
ellipsis), event heads, the flags that hold and the attribution-verb contrast (invented
sentences)."""

from coverage_app.text.align.flags import (
    OPPOSITE_STANCE,
    QUOTE_VS_PARAPHRASE,
    negated_on_one_side,
    opposite_stance,
    other_words,
    quote_flags,
    word_diff,
)
from coverage_app.text.claims.claim_sentences import extract_claims, fact_weight
from coverage_app.text.claims.wording import attribution_contrasts, wording
from coverage_app.text.clean.headlines import headline_from_body
from coverage_app.text.shorten import excerpt, predicate, shorten


def test_a_cut_never_leaves_a_clause_without_its_negation_or_modal():
    text = "Dovan has received no serious offer from Kestria, the minister said on Tuesday."
    assert shorten(text, 25) == "Dovan has received no serious…"
    text = "Premier Ansel will not hold talks with the council this week, her office said."
    assert shorten(text, 22) == "Premier Ansel will not hold…"
    assert shorten("Short enough.", 40) == "Short enough."


def test_a_cut_falls_between_words_and_outside_brackets():
    text = "The Selm dam (finished in 1998 by a company from Lisk) holds 410 million cubic metres."
    cut = shorten(text, 30)
    assert cut == "The Selm dam…"
    assert cut.count("(") == cut.count(")")
    assert shorten("Kestria agreed to everything", 10) == "Kestria…"
    assert shorten("x" * 40, 10) == "x" * 10 + "…"  # no word at all: cut at the limit


def test_an_excerpt_starts_with_the_negation_that_governs_it():
    text = "Brenn said no serious proposal was made by Kestria [the northern neighbour] last week."
    start = text.index("serious")
    assert excerpt(text, start, text.index("Kestria") + 7) == (
        "…no serious proposal was made by Kestria…"
    )
    inside = text.index("northern")
    assert excerpt(text, inside, inside + 8).startswith("…[the northern neighbour]")


def test_a_stand_in_headline_goes_through_the_same_rule():
    body = (
        "Kestria will not sign the river treaty that both governments drafted in Lisk last spring."
    )
    assert headline_from_body(body, limit=20) == "Kestria will not sign…"


def test_an_event_head_keeps_negation_and_modality():
    assert predicate("receive", negated=True) == "not receive"
    assert predicate("hold", negated=True, modality="will") == "will not hold"
    assert predicate("strike", modality="plan") == "plan to strike"
    assert predicate("meet") == "meet"


def test_quote_vs_paraphrase_only_across_kinds():
    reported = {"text": "no offer came from Kestria", "kind": "indirect", "speaker": "Brenn"}
    other = {"text": "Dovan has not received an offer", "kind": "indirect", "speaker": "Brenn"}
    quoted = {"text": "We received no offer", "kind": "direct", "speaker": "Brenn"}
    assert QUOTE_VS_PARAPHRASE not in quote_flags(reported, other, word_diff("a", "b"), 1.0)
    assert QUOTE_VS_PARAPHRASE in quote_flags(reported, quoted, word_diff("a", "b"), 1.0)


def test_opposite_stance_on_the_same_predicate_is_a_conflict():
    assert opposite_stance(
        "Dovan was willing to listen to any proposal", "Dovan had rejected every proposal"
    )
    assert opposite_stance("we never refuse meetings", "they will not agree to a meeting")
    assert not opposite_stance("we never refuse meetings", "we are ready for talks")
    left = {"text": "Dovan was willing to listen to any proposal", "kind": "indirect"}
    right = {"text": "Dovan had rejected every proposal", "kind": "indirect"}
    assert OPPOSITE_STANCE in quote_flags(left, right, word_diff(left["text"], right["text"]), 1)


def test_negation_on_one_side_of_the_same_word():
    assert negated_on_one_side("the dykes held, and no one came", "the dykes never held")
    assert not negated_on_one_side(
        "Dovan has not received any serious offer", "no serious offer was made by Kestria"
    )


def test_a_pair_told_in_other_words_is_named():
    assert other_words(word_diff("Dovan has not received an offer", "Kestria made no offer"))
    assert not other_words(word_diff("The dam holds water", "The dam holds much water"))


def test_sentences_attributed_to_someone_are_marked_and_facts_count():
    body = (
        "Brenn claimed that the envoys made some calls.\n\n"
        "According to Brenn, no official has received any message.\n\n"
        "Engineers inspected the spillway on 3 March and found two cracked gates."
    )
    sentences = [[0, 46], [48, 105], [107, len(body)]]
    quotes = [
        {"text": "the envoys made some calls", "kind": "indirect", "speaker": "Aldo Brenn",
         "start": 19, "end": 45},
        {"text": "no official has received any message", "kind": "indirect",
         "speaker": "Aldo Brenn", "start": 68, "end": 104},
    ]  # fmt: skip
    for q in quotes:
        assert body[q["start"] : q["end"]] == q["text"]
    claims = extract_claims(body, sentences, quotes)
    assert [c["attributed"] for c in claims] == [True, True, False]
    assert fact_weight(claims[2]["text"]) >= 2
    assert fact_weight("The quarrel has soured relations between the neighbours.") == 0


def test_how_speech_is_attributed_is_a_contrast_of_its_own():
    def verbs(*words):
        return [{"term": w, "kind": "lemma", "start": i, "end": i + 1} for i, w in enumerate(words)]

    a = verbs(*["say"] * 9, "claim")
    b = verbs("say", "claim", "claim", "state", "stress")
    (contrast,) = attribution_contrasts(a, b, True)
    assert contrast["source"] == "attribution"
    assert contrast["a"] == "say" and contrast["b"] == "claim, state, stress"
    assert (contrast["count_a"], contrast["count_b"]) == (9, 4)
    assert attribution_contrasts(a, b, False) == []
    found = wording(aligned=[], terms_a=a * 3, terms_b=b * 3)
    assert all(c["source"] != "distinctive" or c["a"] not in ("say", None) for c in found)
