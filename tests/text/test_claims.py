"""Behaviour of claims and wording on hand-written text and dicts (no database, no parse)."""

import subprocess
import sys

import numpy as np
import pytest

from coverage_app.text.align.flags import NUMBERS_DIFFER
from coverage_app.text.claims import claim_align, claim_sentences, wording


def sentences_of(body: str) -> list[list[int]]:
    return claim_sentences.fallback_sentences(body)


def test_a_sentence_wholly_in_quotation_marks_is_left_to_the_quotes():
    body = 'The port of Velmar shut on Friday.\n\n"We will not go back to work," Ruiz said.'
    quote_start = body.index("We will")
    quotes = [{"kind": "direct", "start": quote_start, "end": body.index(',"'), "speaker": "Ruiz"}]
    found = claim_sentences.extract_claims(body, sentences_of(body), quotes)
    assert [c["text"] for c in found] == ["The port of Velmar shut on Friday."]


def test_a_quote_tagged_with_the_speakers_title_is_left_to_the_quotes():
    body = (
        '"The bridge will reopen in June," Chief Harbour Engineer Lena Ruiz said.\n\n'
        'Ruiz told the harbour council on Monday that the bridge "will reopen in June".'
    )
    quotes = [
        {"kind": "direct", "start": 1, "end": body.index(',"'), "speaker": "Lena Ruiz"},
        {"kind": "partial", "start": body.index('will reopen in June".'), "end": len(body) - 2},
    ]
    found = claim_sentences.extract_claims(body, sentences_of(body), quotes)
    assert [c["text"] for c in found] == [body.split("\n\n")[1]]


def test_a_quote_tagged_with_two_inflected_speech_verbs_is_left_to_the_quotes():
    body = '"Yes," Ruiz replied, adding: "We will reopen it in June."'
    quotes = [
        {"kind": "direct", "start": 1, "end": 4, "speaker": "Ruiz"},
        {"kind": "direct", "start": body.index("We will"), "end": len(body) - 1},
    ]
    assert claim_sentences.extract_claims(body, sentences_of(body), quotes) == []


def test_the_second_sentence_of_a_quote_with_its_tag_is_left_to_the_quotes():
    body = (
        '"We are ready to talk. We have never shut the door on the union," the harbour '
        "director said at a news conference in Velmar."
    )
    quotes = [{"kind": "direct", "start": 1, "end": body.index(',"'), "speaker": "Jonas Pereira"}]
    assert claim_sentences.extract_claims(body, sentences_of(body), quotes) == []


def test_a_quote_followed_by_a_long_sentence_of_the_writers_own_stays_a_claim():
    body = (
        '"We are ready to talk," the harbour director said on Monday, hours before the union '
        "voted to extend the strike at the port of Velmar into a third week."
    )
    quotes = [{"kind": "direct", "start": 1, "end": body.index(',"'), "speaker": "Jonas Pereira"}]
    assert [
        c["text"] for c in claim_sentences.extract_claims(body, sentences_of(body), quotes)
    ] == [body]


def test_reported_speech_stays_a_claim_of_the_writer():
    body = "The dockers' union said on Friday that the strike would last a fortnight."
    found = claim_sentences.extract_claims(body, sentences_of(body))
    assert [c["text"] for c in found] == [body]
    assert (found[0]["start"], found[0]["end"]) == (0, len(body))


def test_a_claim_takes_its_negation_from_the_happening_not_from_the_saying():
    body = "Minister Ilka Varo said on Monday that Kestria would not reopen the port of Velmar."
    span = {"text": body, "start": 0, "end": len(body)}
    events = [
        span | {"actor": "Ilka Varo", "action": "say", "date": "2025-03-03", "negated": False},
        span | {"actor": "Kestria", "action": "reopen", "date": None, "negated": True},
    ]
    (claim,) = claim_sentences.extract_claims(body, sentences_of(body), [], events)
    assert (claim["actor"], claim["negated"]) == ("Kestria", True)


def test_a_headline_and_a_dateline_are_not_claims():
    body = (
        "Dockers walk out at Velmar\n\n"
        "Velmar, (Coast Wire - 3 May)\n\n"
        "Dockers at the port of Velmar walked out on Friday over pay."
    )
    found = claim_sentences.extract_claims(body, sentences_of(body))
    assert [c["text"] for c in found] == [
        "Dockers at the port of Velmar walked out on Friday over pay."
    ]


def test_a_photo_caption_above_the_story_is_not_a_claim_but_a_lead_in_the_past_is():
    story = "The Velmar bridge collapsed on Friday, killing two drivers."
    for lead, claimed in (
        ("Mourners gather outside the town hall in Velmar after the bridge collapsed.", False),
        ("Mourners gathered outside the town hall in Velmar after the bridge collapsed.", True),
    ):
        body = f"{lead}\n\n{story}"
        event = {"actor": "Mourners", "action": "gather", "start": 0, "end": len(lead)}
        found = [
            c["text"] for c in claim_sentences.extract_claims(body, sentences_of(body), (), [event])
        ]
        assert found == ([lead, story] if claimed else [story])


def claim(text: str) -> dict:
    return {"text": text, "start": 0, "end": len(text)}


def test_the_same_fact_reworded_is_aligned_and_a_lone_fact_is_not():
    left = [
        claim("Dockers at the port of Velmar walked out on Friday over a pay offer."),
        claim("The harbour master ordered three cargo ships to anchor offshore."),
    ]
    right = [
        claim("Port workers in Velmar went on strike on Friday after rejecting a pay offer."),
        claim("A local bakery reopened after its ovens were repaired."),
    ]
    result = claim_align.align_claims(left, right)
    assert [(p.a, p.b) for p in result.pairs] == [(0, 0)]
    assert result.only_a == [1] and result.only_b == [1]


def test_two_sentences_giving_one_calendar_date_for_a_background_fact_are_aligned():
    left = [
        claim("Dockers at the port of Velmar walked out on Friday over a pay offer."),
        claim("The harbour authority first closed the ferry on 12 March 2019 after a storm."),
    ]
    right = [
        claim("Port workers in Velmar went on strike on Friday after rejecting a pay offer."),
        claim("Crossings have been suspended since March 12, 2019, when storms wrecked the pier."),
    ]
    assert [(p.a, p.b) for p in claim_align.align_claims(left, right).pairs] == [(0, 0), (1, 1)]


def test_a_model_number_two_sentences_share_is_not_a_shared_figure():
    left = [
        claim("Dockers at the port of Velmar walked out on Friday over a pay offer."),
        claim("The crew of the Velmar Orca 300 ferry praised its 212 passengers on the crossing."),
    ]
    right = [
        claim("Port workers in Velmar went on strike on Friday after rejecting a pay offer."),
        claim("Inspectors grounded every Velmar Orca 300 ferry in the fleet after the fire."),
    ]
    assert [(p.a, p.b) for p in claim_align.align_claims(left, right).pairs] == [(0, 0)]


_OTHER_FACTS_A = [
    "The harbour authority has not yet said when talks will resume.",
    "Shipping lines diverted four container vessels to other ports.",
    "The mayor of Velmar called for calm at the harbour gates.",
]
_OTHER_FACTS_B = [
    "Police closed two streets near the town hall on Saturday.",
    "Bakeries in the old town ran out of bread by noon.",
    "A choir sang outside the cathedral in the evening.",
]
_LEADS = (
    "Dockers at the port of Velmar walked out on Friday over a pay offer.",
    "Port workers in Velmar went on strike on Friday after rejecting a pay offer.",
)


def _story(a_sentence: str, b_sentence: str) -> tuple[list[dict], list[dict]]:
    """Two invented articles of five claims: the leads, one sentence under test, three others."""
    left = [claim(_LEADS[0]), claim(a_sentence)] + [claim(t) for t in _OTHER_FACTS_A]
    right = [claim(_LEADS[1]), claim(b_sentence)] + [claim(t) for t in _OTHER_FACTS_B]
    return left, right


def test_one_persons_age_is_not_a_shared_figure():
    left, right = _story(
        "Brask, 58, told the crowd the strike would go on.",
        "Brask, 58, was jailed for a month in a dispute years before.",
    )
    assert [(p.a, p.b) for p in claim_align.align_claims(left, right).pairs] == [(0, 0)]


def test_a_background_fact_worded_apart_pairs_when_nothing_else_comes_close():
    left, right = _story(
        "The Ostrava ferry first stopped after the pier collapsed years ago.",
        "Crossings to Ostrava were halted in 2015, when the old pier gave way in a storm.",
    )
    assert [(p.a, p.b) for p in claim_align.align_claims(left, right).pairs] == [(0, 0), (1, 1)]


def test_the_claim_features_are_the_measures_the_hand_set_score_adds_up():
    """`claim_features` (what `train_models --only claims` fits on) gives back the hand-set
    score with the hand-set weights: the fitted and the hand-set score see the same measures."""
    left = [
        claim("Dockers at the port of Velmar walked out on Friday over a pay offer."),
        claim("The harbour authority first closed the ferry on 12 March 2019 after a storm."),
        claim("Police said 40 people were arrested at the Velmar docks."),
    ]
    right = [
        claim("Port workers in Velmar went on strike on Friday after rejecting a pay offer."),
        claim("Crossings have been suspended since March 12, 2019, when storms wrecked the pier."),
        claim("Police said 14 people were arrested at the Velmar docks."),
    ]
    f = claim_align.claim_features(left, right, links=[(2, 2, 80.0)])
    assert f["leads"][0, 0] == 1 and f["leads"].sum() == 1
    assert f["calendar_date"][1, 1] == 1 and f["calendar_date"][0, 0] == 0
    assert f["figures_clash"][2, 2] == 1 and f["shared_figure"][2, 2] == 0
    assert f["link"][2, 2] == pytest.approx(0.8) and f["link"].sum() == pytest.approx(0.8)
    bonus = (
        claim_align.CALENDAR_DATE_BONUS * f["calendar_date"]
        + 9 * f["shared_names"]
        + claim_align.SHARED_FIGURE_BONUS * f["shared_figure"]
        - 5 * f["figures_clash"]
        + 3 * f["same_date"]
    )
    by_hand = 0.5 * (90 * f["text"] + bonus) + 75 * f["cosine"]
    by_hand += claim_align.LEAD_BONUS * f["leads"]
    scores = claim_align.claim_scores(left, right)
    assert scores == pytest.approx(np.clip(by_hand, 0, 100), abs=1e-3)


def test_an_aligned_claim_pair_with_other_numbers_is_flagged():
    left = [claim("Police said 40 people were arrested at the Velmar docks on Friday.")]
    right = [claim("Police said 14 people were arrested at the Velmar docks on Friday.")]
    pair = claim_align.align_claims(left, right).pairs[0]
    assert NUMBERS_DIFFER in pair.flags and pair.conflict


def test_romanisations_of_one_name_share_a_key():
    assert wording.transliteration_key("Tyrnov") == wording.transliteration_key("Tirnov")
    assert wording.transliteration_key("Mikhail") == wording.transliteration_key("Mihail")
    assert wording.transliteration_key("Andrei") == wording.transliteration_key("Andrey")
    assert wording.transliteration_key("Tyrnov") != wording.transliteration_key("Velmar")


def test_a_word_swapped_in_the_same_place_is_a_substitution_with_its_spans():
    a = "Dozens of protesters gathered outside the ministry."
    b = "Dozens of rioters gathered outside the ministry."
    found = wording.aligned_substitutions([wording.AlignedText(a, 100, b, 200)])
    assert [(c["a"], c["b"]) for c in found] == [("protesters", "rioters")]
    (start_a, end_a), (start_b, end_b) = found[0]["spans_a"][0], found[0]["spans_b"][0]
    assert a[start_a - 100 : end_a - 100] == "protesters"
    assert b[start_b - 200 : end_b - 200] == "rioters"


def test_a_different_number_is_not_counted_as_wording():
    a = "The bridge will stay shut for six weeks."
    b = "The bridge will stay shut for eight weeks."
    assert wording.aligned_substitutions([wording.AlignedText(a, 0, b, 0)]) == []


def test_log_odds_favour_the_outlet_that_uses_a_term_much_more():
    own = {"regime": 9, "bridge": 5, "ferry": 2}
    other = {"government": 8, "bridge": 5, "ferry": 2}
    prior = {"regime": 9, "government": 8, "bridge": 10, "ferry": 4}
    z = wording.log_odds_z(own, other, prior)
    assert z["regime"] > 1.96 and z["government"] < -1.96
    assert abs(z["bridge"]) < 1.0


def test_a_story_s_outlet_terms_leave_speech_verbs_out():
    def terms(words):
        return [{"term": w, "kind": "lemma", "start": 0, "end": 1} for w in words]

    found = wording.outlet_terms(
        {
            "Sarn Courier": terms(["say"] * 30 + ["regime"] * 20 + ["ferry"] * 2),
            "Vellin Daily": terms(["claim"] * 2 + ["government"] * 20 + ["ferry"] * 2),
        }
    )
    assert [t for t, _, _ in found["Sarn Courier"]] == ["regime"]
    assert [t for t, _, _ in found["Vellin Daily"]] == ["government"]


def test_the_claims_and_wording_modules_import_no_django():
    code = (
        "import sys, coverage_app.text.claims.claim_sentences, "
        "coverage_app.text.claims.claim_align, "
        "coverage_app.text.claims.wording, "
        "coverage_app.text.claims.narration; print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False"
