"""Behaviour of the pure alignment of quotes and events (hand-written quote dicts, no DB)."""

import subprocess
import sys

import numpy as np

from coverage_app.text.align import flags, scoring, stitching
from coverage_app.text.align.aligner import DEFAULT_MIN_SCORE, align_events, align_quotes
from coverage_app.text.align.flags import word_diff
from coverage_app.text.align.tokens import content_tokens
from coverage_app.text.people import name_match


def quote(text, speaker=None, kind="direct", sentence=""):
    return {"text": text, "speaker": speaker, "kind": kind, "sentence": sentence}


def test_translated_variants_share_normalised_tokens():
    assert content_tokens("We are ready for talks") == content_tokens(
        "we are prepared to negotiate"
    )


def test_reworded_translation_of_one_remark_is_aligned():
    result = align_quotes(
        [quote("We are ready for talks, and we will study any serious proposal", "Tomas Varga")],
        [quote("We are prepared to negotiate and will consider any serious offer", "Varga")],
    )
    assert [(p.a, p.b) for p in result.pairs] == [(0, 0)]
    assert flags.WORDS_CHANGED in result.pairs[0].flags


def test_reported_speech_is_aligned_with_the_direct_quote_it_reports():
    harbour_ledger = [
        quote("grandstanding", "Otto Fenn", "partial"),
        quote(
            "Dalmora has not been handed any credible offer from the council to mediate",
            "Ilse Marrow",
            "indirect",
            "Yet in Marrow's telling, Dalmora has not been handed any credible offer from the "
            "council to mediate.",
        ),
    ]
    northgate_wire = [
        quote(
            "That is false [that Dalmora shuns mediation]. Nobody handed us any credible "
            "offer to mediate. There were a few half-hearted phone calls",
            "Ilse Marow",
        )
    ]
    result = align_quotes(harbour_ledger, northgate_wire)
    assert [(p.a, p.b) for p in result.pairs] == [(1, 0)]
    assert result.pairs[0].flags == [flags.QUOTE_VS_PARAPHRASE]
    assert result.only_a == [0]


def test_two_paraphrases_of_one_remark_are_aligned():
    result = align_quotes(
        [quote("Belmora would attend the meeting but sign nothing", "Petra Holm", "indirect")],
        [
            quote(
                "her government would go to the meeting and would not sign anything",
                "Holm",
                "indirect",
            )
        ],
    )
    assert len(result.pairs) == 1


def test_trimmed_quote_is_flagged_trimmed_not_changed():
    result = align_quotes(
        [quote("Our members have been patient for three years. Their patience has run out")],
        [quote("Their patience has run out.")],
    )
    assert result.pairs[0].flags == [flags.TRIMMED]
    assert result.pairs[0].score >= DEFAULT_MIN_SCORE


def test_same_words_from_another_speaker_align_with_a_flag():
    words = "Not one container will leave this port until the bonus is restored"
    result = align_quotes([quote(words, "Marta Quell")], [quote(words, "Oskar Brandt")])
    assert result.pairs[0].flags == [flags.DIFFERENT_SPEAKER]
    assert result.pairs[0].conflict


def test_other_remarks_by_the_same_speaker_stay_unaligned():
    result = align_quotes(
        [
            quote(
                "I will cut income tax for every family earning under forty thousand", "Rasa Millen"
            )
        ],
        [quote("We will build three new hospitals in the north", "Rasa Millen")],
    )
    assert result.pairs == []
    assert result.only_a == [0] and result.only_b == [0]


def test_paragraph_order_does_not_change_the_pairs():
    left = [quote("The board was unanimous", "Orsk"), quote("Inflation is still too high", "Orsk")]
    right = [quote("Inflation remains too high", "Orsk"), quote("The board was unanimous", "Orsk")]
    result = align_quotes(left, right)
    assert {(p.a, p.b) for p in result.pairs} == {(0, 1), (1, 0)}


def test_one_quote_is_never_used_twice():
    result = align_quotes(
        [quote("The dykes held", "Varro"), quote("The dykes held", "Varro")],
        [quote("The dykes held", "Varro")],
    )
    assert len(result.pairs) == 1 and len(result.only_a) == 1


def test_floor_adds_weaker_pairs_without_changing_strong_ones():
    left = [
        quote("The dykes were inspected last spring", "Varro"),
        quote("Schools stay shut", "Varro"),
    ]
    right = [
        quote("The dykes were inspected in spring", "Varro"),
        quote("Schools will reopen", "Varro"),
    ]
    strict = align_quotes(left, right, min_score=80)
    loose = align_quotes(left, right, min_score=80, floor=30)
    strong = {(p.a, p.b) for p in strict.pairs}
    assert strong and strong <= {(p.a, p.b) for p in loose.pairs}
    assert len(loose.pairs) > len(strict.pairs)


def test_word_diff_lists_the_changed_words():
    ops = word_diff("We do not expect further increases", "We do not rule out further increases")
    assert {"op": "replace", "a": "expect", "b": "rule out"} in ops
    assert ops[0] == {"op": "equal", "a": "We do not", "b": "We do not"}


def test_negation_and_numbers_that_differ_are_flagged():
    result = align_quotes(
        [quote("We evacuated twelve villages and the dykes held", "Varro")],
        [quote("We evacuated 14 villages and the dykes never held", "Varro")],
    )
    pair_flags = result.pairs[0].flags
    assert flags.NUMBERS_DIFFER in pair_flags and flags.NEGATION_DIFFERS in pair_flags


def event(text, *, actor="", action="", place=None, date=None, negated=False):
    return {"text": text, "actor": actor, "action": action, "participants": [],
            "place": place, "date": date, "negated": negated}  # fmt: skip


def test_events_align_on_sentence_place_and_date_and_flag_conflicts():
    left = [
        event("At least 14 people died in the floods in Oruna on Saturday.", actor="floods",
              action="kill", place="Oruna", date="2024-09-14"),
        event("Schools were closed.", action="close"),
    ]  # fmt: skip
    right = [
        event("Nineteen people were killed by floods in Oruna on Sunday.", actor="floods",
              action="kill", place="Oruna", date="2024-09-15"),
    ]  # fmt: skip
    result = align_events(left, right)
    assert [(p.a, p.b) for p in result.pairs] == [(0, 0)]
    assert {flags.DATES_DIFFER, flags.NUMBERS_DIFFER} <= set(result.pairs[0].flags)
    assert result.pairs[0].conflict


def test_empty_sides_give_empty_alignments():
    assert align_quotes([], [quote("x")]).only_b == [0]
    assert align_events([], []).pairs == []
    assert scoring.quote_scores([], []).shape == (0, 0)


def test_a_thousand_by_a_thousand_matrix_is_scored_in_one_go():
    rng = np.random.default_rng(1)
    words = [f"word{i}" for i in range(500)]
    left = [quote(" ".join(rng.choice(words, 12))) for _ in range(200)]
    scores = scoring.quote_scores(left, left[::-1])
    assert scores.shape == (200, 200)
    # The same quote is its own best match, well above the threshold.
    assert scores[0, 199] == scores[0].max() >= DEFAULT_MIN_SCORE + 10


def test_the_text_package_does_not_import_django():
    code = "import sys, coverage_app.text.align.aligner; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- Flags a journalist sees must be right: conservative negation, actor and speaker flags ----


def _flags(a_text, b_text, a_speaker="Tomas Varga", b_speaker="Tomas Varga"):
    left, right = quote(a_text, a_speaker), quote(b_text, b_speaker)
    return flags.quote_flags(left, right, flags.word_diff(a_text, b_text), 100.0)


def test_saying_the_opposite_negated_is_not_a_negation_conflict():
    assert flags.NEGATION_DIFFERS not in _flags(
        "We are open to dialogue with Belmora", "We will not close the door to Belmora"
    )
    assert flags.NEGATION_DIFFERS not in _flags(
        "We have never closed the door to dialogue, and we will not close it now",
        "his country was open to dialogue",
    )


def test_the_same_word_negated_on_one_side_only_is_a_negation_conflict():
    assert flags.NEGATION_DIFFERS in _flags("We are ready for talks", "We are not ready for talks")
    assert flags.NEGATION_DIFFERS in _flags("We are not ready for talks", "We are ready for talks")


def test_both_sides_negating_is_not_a_negation_conflict():
    assert flags.NEGATION_DIFFERS not in _flags(
        "We were not handed any credible offers", "Dalmora had been handed no credible offer"
    )


def test_events_are_negation_conflicts_only_for_the_same_action():
    same = flags.event_flags(
        event("The union signed the deal.", action="sign"),
        event("The union did not sign the deal.", action="sign", negated=True),
        100.0,
    )
    other = flags.event_flags(
        event("The union rejected the offer.", action="reject"),
        event("The union did not accept the offer.", action="accept", negated=True),
        100.0,
    )
    assert flags.NEGATION_DIFFERS in same and flags.NEGATION_DIFFERS not in other


def test_a_description_and_a_name_for_one_body_are_not_different_actors():
    left = [
        event(
            "The central bank raised its key rate to 4.5 percent on Thursday.",
            actor="central bank",
            action="raise",
            date="2025-03-06",
        )
    ]
    right = [event("The Bank of Kessmark raised its key rate to 4.5 percent on Thursday.",
                   actor="Bank of Kessmark", action="raise", date="2025-03-06")]  # fmt: skip
    result = align_events(left, right)
    assert [(p.a, p.b) for p in result.pairs] == [(0, 0)]
    assert flags.ACTOR_DIFFERS not in result.pairs[0].flags
    for a, b in [("Central Bank", "Bank of Kessmark"), ("Varga", "Tomas Varga"),
                 ("Police", "Petra Holm"), ("Belmora", "the Belmoran government")]:  # fmt: skip
        assert not name_match.distinct_names(a, b) and not name_match.distinct_names(b, a)


def test_two_distinct_named_actors_are_flagged():
    left = [event("Arvenia shelled the Kessel dam on Friday.", actor="Arvenia", action="attack")]
    right = [event("Belmora shelled the Kessel dam on Friday.", actor="Belmora", action="attack")]
    result = align_events(left, right)
    assert flags.ACTOR_DIFFERS in result.pairs[0].flags
    assert name_match.distinct_names("Bank of Kessmark", "Ostrian Treasury")


def test_one_happening_told_from_either_side_is_not_a_different_actor():
    left = [event("Arvenia has received no offer from Belmora to reopen the border.",
                  actor="Arvenia", action="receive")]  # fmt: skip
    right = [event("No offer to reopen the border was made by Belmora to the Arvenian side.",
                   actor="Belmora", action="make")]  # fmt: skip
    pair_flags = flags.event_flags(left[0], right[0], 0.0)
    assert flags.ACTOR_DIFFERS not in pair_flags
    # Only one side naming both parties is a conflict over who did it.
    other = event("Belmora shelled the Kessel dam on Friday.", actor="Belmora", action="attack")
    blamed = event(
        "Arvenia shelled the Kessel dam, Belmora said.", actor="Arvenia", action="attack"
    )
    assert flags.ACTOR_DIFFERS in flags.event_flags(other, blamed, 0.0)


def test_a_named_speaker_and_an_anonymous_source_are_not_flagged_as_different_speakers():
    words = "Not one container will leave this port until the bonus is restored"
    result = align_quotes([quote(words, "Marta Quell")], [quote(words, "a union official")])
    assert result.pairs and flags.DIFFERENT_SPEAKER not in result.pairs[0].flags


# --- One outlet stitches two spans of one utterance into one quote -----------------------------

SPAN_1 = "We are ready for talks. We have never closed the door to dialogue,"
SPAN_2 = "If Belmora sends a serious proposal, we will study it carefully."
STITCHED = "We are ready for talks, and we will study any serious proposal."


def _spans():
    return [
        {**quote(SPAN_1, "Tomas Varga"), "utterance": 3, "start": 100, "end": 166},
        {**quote(SPAN_2, "Tomas Varga"), "utterance": 3, "start": 190, "end": 254},
        {**quote("The dam is ours to run", "Petra Holm"), "utterance": 4, "start": 300, "end": 322},
    ]


def test_a_stitched_quote_aligns_with_both_spans_of_the_utterance():
    result = align_quotes(_spans(), [quote(STITCHED, "Tomas Varga")])
    [pair] = result.pairs
    assert (pair.a, pair.a_parts, pair.b) == (0, [0, 1], 0)
    assert flags.STITCHED in pair.flags and pair.score >= 60
    assert result.only_a == [2] and result.only_b == []
    assert pair.as_dict()["a_parts"] == [0, 1] and "b_parts" not in pair.as_dict()


def test_stitching_works_from_either_side():
    result = align_quotes([quote(STITCHED, "Tomas Varga")], _spans())
    [pair] = result.pairs
    assert (pair.a, pair.b, pair.b_parts) == (0, 0, [0, 1])
    assert flags.STITCHED in pair.flags and result.only_b == [2]


def test_two_outlets_quoting_the_same_two_spans_pair_them_span_by_span():
    other = [
        {**quote(SPAN_2, "Tomas Varga"), "utterance": 0, "start": 10, "end": 74},
        {**quote(SPAN_1, "Tomas Varga"), "utterance": 1, "start": 200, "end": 266},
    ]
    result = align_quotes(_spans()[:2], other)
    assert sorted((p.a, p.b) for p in result.pairs) == [(0, 1), (1, 0)]
    assert all(flags.STITCHED not in p.flags and not p.a_parts for p in result.pairs)


def test_spans_far_apart_or_by_two_speakers_are_not_one_utterance():
    spans = _spans()
    assert stitching.utterance_groups(spans) == [[0, 1]]
    apart = [spans[0], {**spans[1], "start": 900, "end": 964}]
    assert stitching.utterance_groups(apart) == []
    two_people = [spans[0], {**spans[1], "speaker": "Petra Holm"}]
    assert stitching.utterance_groups(two_people) == []
    # numbered apart by the extractor, but only '," Varga told reporters. "' between them
    renumbered = [spans[0], {**spans[1], "utterance": 9}]
    assert stitching.utterance_groups(renumbered) == [[0, 1]]


def test_two_sayings_are_not_paired_again_where_what_they_framed_is():
    """ "Brenn said Dovan had received no offer" in both outlets: one event pair (the offer not
    received), not a second row pairing the two sayings of the same two sentences."""
    a_text = "Aldo Brenn said on Tuesday that Dovan had not received any offer from Kestria."
    b_text = "Dovan has received no serious offer from Kestria, Foreign Minister Brenn said."

    def event(text, actor, action, negated=False):
        return {"text": text, "actor": actor, "action": action, "negated": negated}

    left = [event(a_text, "Aldo Brenn", "say"), event(a_text, "Dovan", "receive", True)]
    right = [event(b_text, "Aldo Brenn", "say"), event(b_text, "Dovan", "receive", True)]
    pairs = [(p.a, p.b) for p in align_events(left, right).pairs]
    assert pairs == [(1, 1)]
    # A saying whose sentence tells nothing else both outlets pair stays an event pair.
    alone = align_events(left[:1], right[:1]).pairs
    assert [(p.a, p.b) for p in alone] == [(0, 0)]
