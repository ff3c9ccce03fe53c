"""Alignment forms found in real coverage, each with an invented example (no DB, no real text).

Invented event: the Kessmark Water Agency (KWA) rations water from the Ostrava reservoir; its
director Ilse Varn and the mayor Tomas Halder speak; two outlets report it.
"""

from coverage_app.text.align.aligner import (
    DEFAULT_MIN_SCORE,
    align_quotes,
    assign,
    covered_pairs,
    restated_pairs,
)
from coverage_app.text.align.scoring import own_sentence, quote_scores
from coverage_app.text.align.tokens import content_tokens
from coverage_app.text.people import name_match
from coverage_app.text.people.name_match import name_similarity


def quote(text, speaker=None, kind="direct", sentence=""):
    return {"text": text, "speaker": speaker, "kind": kind, "sentence": sentence}


def pairs(result):
    return sorted((p.a, p.b) for p in result.pairs)


# --- A reported clause's sentence ---


def test_a_reported_clause_s_sentence_leaves_out_the_direct_quote_it_also_holds():
    sentence = (
        '"The reservoir will not run dry this summer," Varn said, adding that she would '
        "not hesitate to ration again if the rains failed."
    )
    quotes = [
        quote("The reservoir will not run dry this summer", "Ilse Varn"),
        quote(
            "she would not hesitate to ration again if the rains failed",
            "Ilse Varn",
            "indirect",
            sentence,
        ),
    ]
    context = own_sentence(quotes, 1)
    assert "run dry" not in context
    assert "hesitate" in context


def test_a_direct_quote_and_a_reported_clause_in_one_sentence_each_pair_with_their_own():
    first = [
        quote("The reservoir will not run dry this summer", "Ilse Varn"),
        quote(
            "she would not hesitate to ration again if the rains failed",
            "Ilse Varn",
            "indirect",
            '"The reservoir will not run dry this summer," Varn said, adding that she would '
            "not hesitate to ration again if the rains failed.",
        ),
    ]
    second = [
        quote("This does not mean that the reservoir will run dry in summer", "Ilse Varn"),
        quote(
            "she would ration again without hesitation should the rains fail",
            "Ilse Varn",
            "indirect",
            '"This does not mean that the reservoir will run dry in summer," she said; she '
            "would ration again without hesitation should the rains fail.",
        ),
    ]
    assert pairs(align_quotes(first, second)) == [(0, 0), (1, 1)]


# --- Speakers ---


def test_a_speaker_the_other_article_never_quotes_does_not_count_against_a_pair():
    """A misread attribution ("OSTRAVA" from the dateline) is not a second person."""
    first = [quote("We will cut the water ration by a fifth from Monday", "OSTRAVA")]
    second = [quote("We are going to cut the ration by a fifth from Monday", "Ilse Varn")]
    scores = quote_scores(first, second)
    assert scores[0, 0] >= 75
    assert pairs(align_quotes(first, second)) == [(0, 0)]


def test_two_people_both_articles_quote_still_count_as_different_speakers():
    first = [
        quote("The ration will end when the reservoir is half full", "Ilse Varn"),
        quote("The town needs new pipes before the next summer", "Tomas Halder"),
    ]
    second = [
        quote("The town needs new pipes before the ration can end", "Ilse Varn"),
        quote("The ration will end once the reservoir is half full", "Tomas Halder"),
    ]
    scores = quote_scores(first, second)
    # The same words under two people both outlets quote: lowered by the speaker disagreement.
    unnamed = quote_scores(
        [dict(first[0], speaker=None)], [dict(second[1], speaker=None)]
    )  # fmt: skip
    assert scores[0, 1] < unnamed[0, 0]


def test_an_organisation_and_the_person_speaking_for_it_are_not_different_speakers():
    first = [
        quote("Households used a tenth less water in May", "Kessmark Water Agency"),
        quote("The pumps are old", "Ilse Varn"),
    ]
    second = [
        quote("households used a tenth less water in May", "Ilse Varn", "indirect"),
        quote("The agency must replace its pumps", "Kessmark Water Agency"),
    ]
    assert (0, 0) in pairs(align_quotes(first, second))
    assert name_match.is_organisation("Kessmark Water Agency")
    assert name_match.is_organisation("KWA")
    assert not name_match.is_organisation("Ilse Varn")


def test_an_acronym_and_its_full_name_are_one_speaker():
    assert name_similarity("kwa", "kessmark water agency") >= name_match.SPEAKER_SAME_AT
    assert name_similarity("kwa", "tomas halder") < name_match.SPEAKER_DIFFERENT_BELOW


def test_a_description_is_never_a_different_speaker():
    """'The agency's head' (a description) against a name the other article gives."""
    first = [
        quote("It is with relief that I end the ration", "the agency's head"),
        quote("The pumps are old", "Tomas Halder"),
    ]
    second = [
        quote("It is with relief that I lift the ration", "Ilse Varn"),
        quote("the agency's head said the pumps were old", "Tomas Halder", "indirect"),
    ]
    # Scored as if neither speaker were known: no disagreement counts against the pair.
    unknown = quote_scores([dict(first[0], speaker=None)], [dict(second[0], speaker=None)])
    assert quote_scores(first, second)[0, 0] >= unknown[0, 0]


# --- Words, figures and their spellings ---


def test_ordinals_are_one_rank_token_however_written():
    assert content_tokens("for the twelfth week") == content_tokens("for the 12th week")
    assert content_tokens("number one, we apologise") == content_tokens("first, we apologise")


def test_a_scale_word_multiplies_its_figure():
    assert content_tokens("4.2 million litres") == content_tokens("4,200,000 litres")
    assert content_tokens("a 3.5 billion budget") == ["3500000000", "budget"]


def test_a_name_with_a_dash_or_a_hashtag_is_one_token():
    assert content_tokens("the KV-7 pipeline") == content_tokens("the #KV7 pipeline")


def test_figures_both_sides_give_raise_a_pair_and_disjoint_figures_lower_it():
    base = quote("rationing had cut use by about a third across 14 districts", "Ilse Varn")
    same = quote("rationing cut demand by a third in the 14 districts", "Ilse Varn")
    other = quote("rationing cut demand by a third in the 9 districts", "Ilse Varn")
    plain = quote("rationing cut demand by a third in the districts", "Ilse Varn")
    scores = quote_scores([base], [same, other, plain])
    assert scores[0, 0] > scores[0, 2] > scores[0, 1]


def test_irregular_verbs_and_superlatives_share_a_base():
    assert content_tokens("she made a mistake") == content_tokens("she makes mistakes")
    assert content_tokens("the harshest ration") == content_tokens("a harsh ration")
    assert content_tokens("their lives") == content_tokens("their life")


def test_news_words_outlets_use_for_one_another_share_a_token():
    assert content_tokens("the water emergency") == content_tokens("the water crisis")
    assert content_tokens("sent to jail") == content_tokens("sent to prison")
    assert content_tokens("a probe into the dam") == content_tokens("an inquiry into the dam")
    assert content_tokens("demonstrators wounded") == content_tokens("protesters injured")


def test_reported_speech_stand_ins_for_the_speaker_are_not_content():
    """'We are going to' becomes 'the agency will' in reported speech."""
    assert content_tokens("We're going to lift the ration") == content_tokens(
        "the agency will lift the ration"
    )


# --- Short partial quotes ---


def test_a_quoted_phrase_used_in_two_different_remarks_does_not_pair():
    first = [
        quote(
            "reckless",
            "Tomas Halder",
            "partial",
            'Halder has long called the agency\'s pumping plan "reckless" in council debates.',
        )
    ]
    second = [
        quote(
            "reckless",
            "Tomas Halder",
            "partial",
            'On Friday the mayor said a farmer who drained a pond at night had been "reckless".',
        )
    ]
    assert align_quotes(first, second).pairs == []


def test_a_quoted_phrase_in_agreeing_sentences_pairs():
    first = [
        quote(
            "reckless",
            "Tomas Halder",
            "partial",
            'Halder called the agency\'s pumping plan "reckless" on Friday.',
        )
    ]
    second = [
        quote(
            "reckless",
            "Tomas Halder",
            "partial",
            'On Friday the mayor called the pumping plan of the agency "reckless".',
        )
    ]
    assert pairs(align_quotes(first, second)) == [(0, 0)]


def test_one_quoted_word_inside_another_outlet_s_clause_about_something_else_does_not_pair():
    first = [
        quote(
            "reckless",
            "Tomas Halder",
            "partial",
            'Halder said a farmer who drained a pond at night had been "reckless".',
        )
    ]
    second = [
        quote(
            "the agency's pumping plan was reckless and would empty the reservoir",
            "Tomas Halder",
            "indirect",
            "Halder said the agency's pumping plan was reckless and would empty the reservoir.",
        )
    ]
    assert align_quotes(first, second).pairs == []


# --- Which span pairs, and how many ---


def test_of_two_clauses_holding_the_other_quote_the_tighter_one_pairs():
    first = [
        quote(
            "the reservoir is low, estimating that 40 wells had dried up since March",
            "Ilse Varn",
            "indirect",
        ),
        quote("40 wells had dried up since March", "Ilse Varn", "indirect"),
    ]
    second = [quote("40 wells had dried up since March", "Ilse Varn", "indirect")]
    assert pairs(align_quotes(first, second)) == [(1, 0)]


def test_a_long_quote_pairs_with_both_paraphrases_of_its_parts():
    first = [
        quote(
            "We did not receive any plan from the farmers. There were some calls, and we "
            "answered every one of them, but nobody sent us a plan for the wells.",
            "Ilse Varn",
        )
    ]
    second = [
        quote("the agency had not received any plan from the farmers", "Ilse Varn", "indirect"),
        quote(
            "the agency answered every one of the calls, but nobody sent a plan for the wells",
            "Ilse Varn",
            "indirect",
        ),
    ]
    assert pairs(align_quotes(first, second)) == [(0, 0), (0, 1)]
    assert align_quotes(first, second).only_b == []


def test_a_second_pair_needs_a_long_quote_that_covers_the_passage():
    first = [quote("The pumps are old", "Ilse Varn")]
    second = [
        quote("The pumps are old", "Ilse Varn"),
        quote("the pumps were old", "Ilse Varn", "indirect"),
    ]
    scores = quote_scores(first, second)
    chosen = assign(scores, min_score=DEFAULT_MIN_SCORE)
    assert len(chosen) == 1
    # A copy is no covering quote. (The remark quoted and reported by one outlet pairs with
    # the other's quote both ways: `restated_pairs`.)
    assert covered_pairs(first, second, scores, chosen, min_score=DEFAULT_MIN_SCORE) == []


def test_a_quote_and_the_reported_clause_repeating_its_point_both_pair_with_the_other_report():
    """One outlet reports the point once; the other states it in its own words and then quotes
    the whole answer: the report pairs with the remark both ways the other outlet gives it."""
    first = [
        quote(
            "the agency had not received any serious plan from the farmers for the wells",
            "Ilse Varn",
            "indirect",
        )
    ]
    second = [
        dict(
            quote("no serious plan was sent by the farmers", "Ilse Varn", "indirect"),
            start=40,
            end=79,
        ),
        dict(
            quote(
                "This is untrue. No serious plan ever reached us from the farmers for the "
                "wells. There were some calls, and we answered them.",
                "Ilse Varn",
            ),
            start=300,
            end=420,
        ),
    ]
    scores = quote_scores(first, second)
    assert min(scores[0, 0], scores[0, 1]) >= DEFAULT_MIN_SCORE
    assert pairs(align_quotes(first, second)) == [(0, 0), (0, 1)]


def test_a_partial_quote_inside_its_own_reported_clause_is_one_rendering_not_two():
    """The quoted words inside "Varn said the pumps were 'older than the dam'" are the clause's
    own, not a second rendering of the remark: the other outlet's quote pairs once."""
    first = [quote("The pumps are older than the dam itself", "Ilse Varn")]
    second = [
        dict(
            quote("the pumps were “older than the dam”", "Ilse Varn", "indirect"),
            start=100,
            end=136,
        ),
        dict(quote("older than the dam", "Ilse Varn", "partial"), start=116, end=134),
    ]
    scores = quote_scores(first, second)
    chosen = assign(scores, min_score=DEFAULT_MIN_SCORE)
    assert chosen == [(0, 0)]
    assert restated_pairs(first, second, scores, chosen, min_score=DEFAULT_MIN_SCORE) == []


def test_a_quote_left_over_joins_only_a_pair_made_by_its_own_speaker_s_paraphrase():
    first = [
        quote(
            "the agency had not received any serious plan from the farmers for the wells",
            "Ilse Varn",
            "indirect",
        )
    ]
    second = [
        dict(
            quote("no serious plan was sent by the farmers", "Ilse Varn", "indirect"),
            start=40,
            end=79,
        ),
        dict(
            quote(
                "This is untrue. No serious plan ever reached us from the farmers for the "
                "wells. There were some calls, and we answered them.",
                "Tomas Halder",
            ),
            start=300,
            end=420,
        ),
    ]
    scores = quote_scores(first, second)
    assert min(scores[0, 0], scores[0, 1]) >= DEFAULT_MIN_SCORE
    paraphrase_paired = [(0, 0)]
    assert (
        restated_pairs(first, second, scores, paraphrase_paired, min_score=DEFAULT_MIN_SCORE) == []
    )


def test_a_capital_stands_for_its_government():
    assert content_tokens("Washington made no offer") == content_tokens("the US made no offer")
