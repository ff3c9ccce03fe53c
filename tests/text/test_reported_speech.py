"""Reported speech: which clauses are someone's words without quotation marks, cut where the
writer's own narration starts. One invented example per form."""

from coverage_app.text.extract import extract


def reported(nlp, body):
    return [
        (q["text"], q["speaker"])
        for q in extract(nlp(body), published=None).quotes
        if q["kind"] == "indirect"
    ]


def texts(nlp, body):
    return [text for text, _ in reported(nlp, body)]


# --- a question put to someone is not their speech ----------------------------------------


def test_a_question_put_to_someone_is_not_their_speech(nlp):
    body = (
        "Mayor Ilse Brandvik was asked whether the ferry to Osterholm would run in winter.\n\n"
        "The Harbour Board declined to say whether berthing fees would rise next year."
    )
    assert reported(nlp, body) == []


def test_a_clause_before_its_verb_is_no_question_whatever_opens_it(nlp):
    body = (
        "What Mara Lindqvist has said privately about the harbour plan is a different story, "
        "according to Ilse Brandvik.\n\n"
        "Whether the ferry runs in winter is still undecided, Olaf Renk said."
    )
    assert reported(nlp, body) == [
        (
            "What Mara Lindqvist has said privately about the harbour plan is a different story",
            "Ilse Brandvik",
        ),
        ("Whether the ferry runs in winter is still undecided", "Olaf Renk"),
    ]


def test_a_relative_clause_around_the_verb_is_no_report(nlp):
    body = "The harbour court gave Olaf Renk a fine, which Renk said was fair."
    assert reported(nlp, body) == []


def test_a_clause_opened_by_while_keeps_its_while(nlp):
    body = "The Orvane Water Board has said that while the drought is over, the shortage is not."
    assert texts(nlp, body) == ["while the drought is over, the shortage is not"]


def test_an_if_or_when_clause_in_front_of_the_reported_verb_is_no_question(nlp):
    body = (
        "Mara Lindqvist said if she were mayor, the ferry to Osterholm would run all winter.\n\n"
        "Ilse Brandvik said when the mills closed, the town lost half its jobs."
    )
    assert reported(nlp, body) == [
        ("if she were mayor, the ferry to Osterholm would run all winter", "Mara Lindqvist"),
        ("when the mills closed, the town lost half its jobs", "Ilse Brandvik"),
    ]


def test_a_joke_reports_what_was_said(nlp):
    body = "Harbour master Olek Varnas joked that his dredger was older than the harbour itself."
    assert reported(nlp, body) == [
        ("his dredger was older than the harbour itself", "Olek Varnas"),
    ]


# --- the clause ends where the writer's narration starts -----------------------------------


def test_a_participle_after_the_clause_is_the_writers_narration(nlp):
    body = (
        "The Orvane Water Board said on Monday that the drought was over, marking the end of "
        "a summer that emptied reservoirs and closed two mills."
    )
    assert texts(nlp, body) == ["the drought was over"]


def test_including_after_the_clause_is_part_of_what_was_said(nlp):
    body = "Olaf Renk said the storm had sunk 40 boats, including three of the harbour's ferries."
    assert texts(nlp, body) == [
        "the storm had sunk 40 boats, including three of the harbour's ferries"
    ]


def test_an_adverb_before_the_participle_does_not_hide_it(nlp):
    body = (
        "Councillor Mara Lindqvist said that the tunnel plan was “dead on arrival,” sharply "
        "raising the stakes before Thursday's vote."
    )
    assert texts(nlp, body) == ["the tunnel plan was “dead on arrival,”"]


def test_a_reporting_participle_gives_its_own_entry_for_the_same_speaker(nlp):
    body = (
        "Harbour master Olek Varnas said the channel had been silting up for years, "
        "acknowledging that the dredger had been idle since spring."
    )
    assert reported(nlp, body) == [
        ("the channel had been silting up for years", "Olek Varnas"),
        ("the dredger had been idle since spring", "Olek Varnas"),
    ]


def test_what_the_speaker_said_next_is_not_the_clause_but_a_modal_conjunct_is(nlp):
    body = (
        "Olek Varnas said he respected the mayor and called her a friend of the harbour.\n\n"
        "Ilse Brandvik said she would call a vote and demand a recount of the ballots."
    )
    assert texts(nlp, body) == [
        "he respected the mayor",
        "she would call a vote and demand a recount of the ballots",
    ]


def test_a_characterising_phrase_after_the_clause_is_cut(nlp):
    body = (
        "Tessily said on Friday it was ready to defend its fishing rights, in a rebuke to the "
        "Orvane premier's plan to close the bay."
    )
    assert texts(nlp, body) == ["it was ready to defend its fishing rights"]


def test_what_the_speaker_did_next_after_but_is_not_the_clause(nlp):
    body = (
        "According to Mayor Ilse Brandvik, no councillor has yet seen the harbour plan, but she "
        "made clear her support for a new ferry if the costs are fair."
    )
    assert texts(nlp, body) == ["no councillor has yet seen the harbour plan"]


def test_an_aside_after_a_dash_is_cut(nlp):
    body = (
        "Olek Varnas estimated that the storm had sunk 40 boats -- about twice the number "
        "the insurers listed."
    )
    assert texts(nlp, body) == ["the storm had sunk 40 boats"]


def test_a_trailing_attribution_after_a_colon_reports_only_what_follows_the_colon(nlp):
    body = (
        "Mara Lindqvist spoke at length. She listed the harm the closure had done: the mill "
        "has laid off workers and the bakery has shut, she recalled."
    )
    assert texts(nlp, body) == ["the mill has laid off workers and the bakery has shut"]


def test_two_that_clauses_give_two_entries_and_an_all_quoted_one_gives_none(nlp):
    body = (
        'Judge Ana Falk said the verdict shows that "no one stands above the court" and '
        'that "a neighbourhood patrol is not a police force."'
    )
    assert texts(nlp, body) == ['the verdict shows that "no one stands above the court"']


def test_a_clause_ending_inside_a_quotation_runs_to_its_closing_mark(nlp):
    body = (
        'Judge Ana Falk spoke for an hour. She said Rune Ostby was "chased down and cornered '
        'and he was hurt because three men decided they were the law."'
    )
    (text,) = texts(nlp, body)
    assert text.startswith("Rune Ostby was")
    assert text.endswith('decided they were the law."')


def test_a_medium_reporting_the_clause_does_not_cut_the_clause(nlp):
    body = (
        'Judge Ana Falk described the attack as "cruel," saying it happened because '
        '"a fight was being looked for," the Orvane Courier reported.'
    )
    assert texts(nlp, body) == ['it happened because "a fight was being looked for,"']


# --- forms that are not reported speech ---------------------------------------------------


def test_a_clause_without_a_subject_is_not_a_report(nlp):
    body = (
        '"We will own this," Rosa Ames told staff at a meeting held after one of the '
        "ferry's ramps broke loose mid-crossing."
    )
    assert reported(nlp, body) == []


def test_a_quotation_whose_opening_mark_is_lost_is_not_a_report(nlp):
    body = (
        'It is with real regret that I step down from the board," the chair Rosa Ames told '
        "members on Monday."
    )
    assert reported(nlp, body) == []


def test_a_mostly_quoted_clause_before_its_attribution_is_not_a_report(nlp):
    body = (
        'It is "with real regret that I step down from the board," the chair Rosa Ames told '
        "members on Monday."
    )
    assert reported(nlp, body) == []


def test_headlines_give_no_reported_speech(nlp):
    body = (
        "Ferry chief admits ‘failure,’ says ramp break ‘will not happen again’\n\n"
        "Rosa Ames, head of the Orvane ferry line, said on Tuesday that the ramp had been "
        "fitted badly."
    )
    assert texts(nlp, body) == ["the ramp had been fitted badly"]


# --- according to ------------------------------------------------------------------------


def test_according_to_a_person_gives_the_clause(nlp):
    body = "According to Mara Lindqvist, the tunnel would cost twice the estimate."
    assert reported(nlp, body) == [("the tunnel would cost twice the estimate", "Mara Lindqvist")]


def test_according_to_remarks_after_a_speech_verb_is_one_report_not_two(nlp):
    body = (
        "Rosa Ames said the inspectors were thorough, according to remarks released by "
        "Orvane Ferries."
    )
    assert reported(nlp, body) == [("the inspectors were thorough", "Rosa Ames")]


def test_according_to_after_two_joined_clauses_gives_both(nlp):
    body = (
        "The Lisk water board repaired 40 pumps in Dalmora, and it has trained "
        "200 engineers in Kestria, according to Mara Lindqvist."
    )
    assert reported(nlp, body) == [
        (
            "The Lisk water board repaired 40 pumps in Dalmora, and it has trained "
            "200 engineers in Kestria",
            "Mara Lindqvist",
        )
    ]


def test_according_to_someones_calculations_is_not_speech(nlp):
    body = (
        "The ferry line's value has fallen to 2 billion crowns, according to the Orvane "
        "Courier's calculations."
    )
    assert reported(nlp, body) == []


# --- sources nobody names ----------------------------------------------------------------


def test_a_source_nobody_names_gives_no_reported_speech(nlp):
    body = (
        "A senior Tessily official said the bay would close on Friday.\n\n"
        "Defence lawyers said they would appeal the ruling. "
        "Relatives of the skipper said the boat had been overloaded."
    )
    assert reported(nlp, body) == []


def test_a_group_named_through_its_organisation_is_a_source(nlp):
    body = "Orvane Rail inspectors suggested on Monday that the bolt had not been tightened."
    assert texts(nlp, body) == ["the bolt had not been tightened"]


def test_staff_named_through_the_person_they_work_for_are_a_source(nlp):
    body = "Mara Lindqvist's advisers said the new crossing would outweigh any cost to the town."
    assert texts(nlp, body) == ["the new crossing would outweigh any cost to the town"]


# --- a report inside a report ------------------------------------------------------------


def test_a_report_inside_a_report_is_given_once_to_the_outer_speaker(nlp):
    body = (
        "The Tessily foreign ministry said Ambassador Oren Kast had told it that the talks "
        "would resume in May."
    )
    assert reported(nlp, body) == [("the talks would resume in May", "Tessily foreign ministry")]


def test_a_report_whose_outer_source_is_unnamed_keeps_the_inner_speaker(nlp):
    body = (
        "In a closed meeting, Orvane Rail told drivers that the new brakes were being tested, "
        "people familiar with the matter said."
    )
    assert reported(nlp, body) == [("the new brakes were being tested", "Orvane Rail")]


def test_a_second_reporting_verb_in_the_clause_starts_its_own_entry(nlp):
    body = (
        "Rosa Ames addressed the ramp failure on Tuesday, admitting the line had erred "
        "and telling crews it would cooperate with inspectors."
    )
    assert texts(nlp, body) == ["the line had erred", "it would cooperate with inspectors"]


# --- other reporting verbs ---------------------------------------------------------------


def test_made_it_clear_that_reports_the_speaker_of_the_relative_clause(nlp):
    body = (
        "The fund will stay open, said Mara Lindqvist, who wished to make it clear that whatever "
        "happens to the grant, the shelter will keep its doors open."
    )
    assert (
        "whatever happens to the grant, the shelter will keep its doors open",
        "Mara Lindqvist",
    ) in reported(nlp, body)


def test_clarified_recommended_and_agreed_report_their_clause(nlp):
    body = (
        "The Orvane council clarified that the tunnel was not cancelled. "
        "Prosecutor Lene Brask recommended that the skipper be barred from sailing. "
        "The harbour committee agreed the bay no longer needed a curfew."
    )
    assert texts(nlp, body) == [
        "the tunnel was not cancelled",
        "the skipper be barred from sailing",
        "the bay no longer needed a curfew",
    ]


# --- the sentence each report carries ----------------------------------------------------


def test_reports_sharing_a_sentence_each_keep_it_without_the_others_words(nlp):
    body = (
        '"This is not the end of the drought," Olek Varnas said, adding that the reservoirs '
        "would take two winters to refill."
    )
    (item,) = [q for q in extract(nlp(body), published=None).quotes if q["kind"] == "indirect"]
    assert item["text"] == "the reservoirs would take two winters to refill"
    assert "not the end of the drought" not in item["sentence"]
    assert "Olek Varnas said" in item["sentence"]


def test_two_reports_in_one_sentence_do_not_carry_each_other(nlp):
    body = (
        "Harbour master Olek Varnas said the channel had been silting up for years, "
        "acknowledging that the dredger had been idle since spring."
    )
    first, second = [
        q for q in extract(nlp(body), published=None).quotes if q["kind"] == "indirect"
    ]
    assert "dredger" not in first["sentence"]
    assert "silting" not in second["sentence"]


def test_a_medium_as_the_only_source_gives_no_reported_speech(nlp):
    body = "The ferry line's shares lost a fifth of their value, the Orvane Herald reported."
    assert reported(nlp, body) == []


def test_a_nationality_standing_for_someone_named_before_still_reports(nlp):
    body = (
        "US envoy Dana Whitfield met the Tessily premier on Monday.\n\n"
        "The American warned the premier that there would be consequences if the bay closed."
    )
    assert texts(nlp, body) == ["there would be consequences if the bay closed"]


# --- "as X said" and a clause after the verb ---------------------------------------------


def test_as_someone_noted_reports_the_clause_it_hangs_on(nlp):
    body = (
        "As Ilse Brandvik noted, the ferry company could still be fined for the delays.\n\n"
        "The berthing fees will rise next year, as Brandvik said on Tuesday.\n\n"
        "As expected, the harbour board voted to raise the fees."
    )
    assert reported(nlp, body) == [
        ("the ferry company could still be fined for the delays", "Ilse Brandvik"),
        ("The berthing fees will rise next year", "Ilse Brandvik"),
    ]


def test_the_clause_after_the_verb_wins_over_words_misparsed_before_it(nlp):
    body = (
        "HARLOW ― Last winter, as she was taking over the ferry union, Ilse Brandvik told "
        "members that the council had ignored the docks.\n\n"
        "Brandvik did not stop at reassuring the crews: She also said that "
        "the council would lose the next vote."
    )
    assert texts(nlp, body) == [
        "the council had ignored the docks",
        "the council would lose the next vote",
    ]


# --- clauses the parser hangs elsewhere ----------------------------------------------------


def test_a_clause_whose_verb_is_a_speech_verb_with_an_object_is_still_reported(nlp):
    body = (
        "Ilse Brandvik spoke at the harbour forum on Monday. Online forums have added another "
        "link to the rumour chain, she noted."
    )
    assert reported(nlp, body) == [
        ("Online forums have added another link to the rumour chain", "Ilse Brandvik"),
    ]


def test_a_that_clause_hung_on_the_one_told_or_a_phrase_after_the_verb(nlp):
    body = (
        "Olaf Renk told a cheering crowd in Vell that he expects to win the harbour vote.\n\n"
        "Mara Lindqvist also said for the first time that some letters between the two "
        "councils have been found."
    )
    assert reported(nlp, body) == [
        ("he expects to win the harbour vote", "Olaf Renk"),
        ("some letters between the two councils have been found", "Mara Lindqvist"),
    ]


def test_a_clause_before_told_with_the_one_told_after_it(nlp):
    body = (
        "The harbour plan remains on course despite the storms, his deputy, Olaf Renk, told "
        "the Vell Courier."
    )
    assert reported(nlp, body) == [
        ("The harbour plan remains on course despite the storms", "Olaf Renk"),
    ]


def test_a_clause_with_a_gerund_subject_is_reported(nlp):
    body = (
        "Mara Lindqvist, the chair of the harbour board, said having the ferry at the centre "
        "of the plan puts even the oldest berths at risk of closing."
    )
    assert texts(nlp, body) == [
        "having the ferry at the centre of the plan puts even the oldest berths at risk of closing",
    ]


# --- a wire dateline is not part of the clause -----------------------------------------------


def test_a_wire_dateline_with_a_hyphen_is_not_part_of_the_reported_clause(nlp):
    body = (
        "ORSBY, March 4 (Coast Wire) - Rail fares will rise by ten percent next year, the "
        "transport minister said on Tuesday.\n\n"
        "KERRIN, March 5 - Mayor Ines Calder will open the new bridge on Friday, her office said."
    )
    assert texts(nlp, body) == [
        "Rail fares will rise by ten percent next year",
        "Mayor Ines Calder will open the new bridge on Friday",
    ]


def test_a_writers_as_clause_whose_verb_the_parser_hung_elsewhere_is_cut_whole(nlp):
    body = (
        "Mayor Ines Calder on Tuesday said that Orsby was open to talks with the unions as the "
        "port authority is looking to broker a deal."
    )
    assert texts(nlp, body) == ["Orsby was open to talks with the unions"]


# --- clauses the parser misshapes, and reports inside reports --------------------------------


def test_a_that_clause_whose_subject_the_parser_lost_is_still_reported(nlp):
    body = (
        "Olaf Renk spoke in Vell on Monday.\n\n"
        "He said on Thursday that Brandvik needs to do more work to show that she is a true "
        "reformer.\n\n"
        "Ilse Brandvik spoke in Vell on Monday.\n\n"
        "Brandvik says that after the floods in Sarn, Varnas, a proud sailor, was ready to "
        "rejoin the navy and go to sea."
    )
    assert reported(nlp, body) == [
        ("Brandvik needs to do more work to show that she is a true reformer", "Olaf Renk"),
        (
            "after the floods in Sarn, Varnas, a proud sailor, was ready to rejoin the navy "
            "and go to sea",
            "Ilse Brandvik",
        ),
    ]


def test_a_clause_before_its_verb_is_reported_though_its_subject_was_lost(nlp):
    body = (
        "Olaf Renk spoke in Vell on Monday.\n\n"
        "Because Brandvik has more votes than Varnas, delegates who back him would be going "
        "against the voters, Renk said.\n\n"
        "While the ferry is running late in most weeks, a strong season - particularly a busy "
        "summer - could finally show the value of the harbour, Renk said."
    )
    assert reported(nlp, body) == [
        (
            "Because Brandvik has more votes than Varnas, delegates who back him would be "
            "going against the voters",
            "Olaf Renk",
        ),
        (
            "While the ferry is running late in most weeks, a strong season - particularly a "
            "busy summer - could finally show the value of the harbour",
            "Olaf Renk",
        ),
    ]


def test_a_clause_before_said_and_its_speaker_is_reported(nlp):
    body = (
        "In nearby Sarn, the old Vell steel mill is hanging on, but it is under heavy pressure "
        "from imports, said the company's chief executive, Olek Varnas."
    )
    assert reported(nlp, body) == [
        (
            "In nearby Sarn, the old Vell steel mill is hanging on, but it is under heavy "
            "pressure from imports",
            "Olek Varnas",
        ),
    ]


def test_a_report_told_as_part_of_what_happened_stays_in_the_outer_report(nlp):
    body = (
        "Mara Lindqvist spoke in Vell on Monday.\n\n"
        "Lindqvist said that the Harbour Party removed the mayor of Sarn from its team after "
        "he suggested that the ferry could be sold."
    )
    assert reported(nlp, body) == [
        (
            "the Harbour Party removed the mayor of Sarn from its team after he suggested "
            "that the ferry could be sold",
            "Mara Lindqvist",
        ),
    ]


def test_according_to_a_candidates_campaign_names_its_source(nlp):
    body = (
        "Olaf Renk and Mara Lindqvist met in Vell.\n\n"
        "Of 45 members put forward by Mr. Renk, she appointed just three, according to "
        "Mr. Renk's campaign."
    )
    assert reported(nlp, body) == [
        ("Of 45 members put forward by Mr. Renk, she appointed just three", "Renk's campaign"),
    ]


def test_that_said_and_all_told_open_a_sentence_and_report_nothing(nlp):
    body = (
        "Olaf Renk spoke in Vell.\n\n"
        "That said, a loss to Renk in Sarn would provide a sour end to the campaign.\n\n"
        "All told, up to five thousand people could be eligible for the ferry passes."
    )
    assert reported(nlp, body) == []
