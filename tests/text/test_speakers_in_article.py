"""Who said it, within one article: attribution forms and one canonical name per person."""

from coverage_app.text.extract import extract


def speakers(nlp, body, kind=None):
    return [
        (q["text"], q["speaker"])
        for q in extract(nlp(body), published=None).quotes
        if kind is None or q["kind"] == kind
    ]


def test_speaker_is_taken_from_said_clause_and_pronoun_resolves_to_the_person(nlp):
    body = (
        "Russian Foreign Minister Sergey Lavrov spoke on Tuesday.\n\n"
        "Lavrov also said that Russia would consider a meeting with President Biden. "
        '"We never refuse meetings," he said.'
    )
    assert ("We never refuse meetings", "Sergey Lavrov") in speakers(nlp, body, "direct")


def test_title_before_the_name_is_not_part_of_the_name(nlp):
    body = '"We see this as posturing," State Department spokesman Ned Price said.'
    assert speakers(nlp, body, "direct") == [("We see this as posturing", "Ned Price")]


def test_organisation_can_be_the_speaker(nlp):
    body = '"A ceasefire is urgent," the Turkish Defense Ministry said in a readout of the call.'
    (quote,) = extract(nlp(body), published=None).quotes
    assert quote["speaker"] == "Turkish Defense Ministry"
    assert quote["speaker_is_org"] is True


def test_description_resolves_to_the_person_introduced_with_that_title(nlp):
    body = (
        "Arvenian Foreign Minister Dmitry Sokolov arrived in Lisk on Monday.\n\n"
        "“We are not the ones who moved soldiers,” the foreign minister said."
    )
    assert speakers(nlp, body, "direct") == [("We are not the ones who moved soldiers",
                                              "Dmitry Sokolov")]  # fmt: skip


def test_speaker_named_only_in_the_paragraph_before(nlp):
    body = (
        "Regional governor Henrik Lund told reporters he had seen the damage.\n\n"
        '"We will rebuild Orsby."'
    )
    assert ("We will rebuild Orsby.", "Henrik Lund") in speakers(nlp, body, "direct")


def test_according_to_gives_reported_speech_of_the_person(nlp):
    body = "According to Lavrov, Russia has not received any serious proposals from the US."
    found = speakers(nlp, body, "indirect")
    assert found == [("Russia has not received any serious proposals from the US", "Lavrov")]


def test_reported_clause_of_said_that_is_an_indirect_quote(nlp):
    body = "Sergey Lavrov said that Moscow was open to talks with Western powers."
    assert speakers(nlp, body, "indirect") == [
        ("Moscow was open to talks with Western powers", "Sergey Lavrov")
    ]


def test_nationality_and_job_title_before_a_name_are_cut_off(nlp):
    body = (
        "Kestrian Prime Minister Daniel Brecht said on Monday that the border would stay open. "
        "Kestrian Foreign Minister Tomas Varga said talks were useful."
    )
    assert [s for _, s in speakers(nlp, body, "indirect")] == ["Daniel Brecht", "Tomas Varga"]


def test_anonymous_official_is_named_by_the_description_and_found_again(nlp):
    body = (
        "Drava is preparing a fuel ban, a senior Dravian official said on Tuesday.\n\n"
        '"The ban is ready," the official told the Harbour Ledger.'
    )
    assert speakers(nlp, body) == [
        ("Drava is preparing a fuel ban", "a senior Dravian official"),
        ("The ban is ready", "a senior Dravian official"),
    ]


def test_trailing_attribution_to_a_company_named_before_is_reported_speech(nlp):
    body = (
        "Kestroil, the country's largest refiner, said it had enough stock. "
        "Prices will rise next year, the company said."
    )
    assert ("Prices will rise next year", "Kestroil") in speakers(nlp, body, "indirect")


def test_police_and_witnesses_are_speakers_not_nobody(nlp):
    body = (
        "Police said two men had been arrested near the depot. "
        "Witnesses told reporters they had seen smoke over the depot."
    )
    assert [s for _, s in speakers(nlp, body, "indirect")] == ["police", "witnesses"]


def test_wire_credits_and_datelines_are_not_speakers(nlp):
    body = (
        "KERRIN (Reuters) - The strike entered its third day.\n\n"
        '"We are not going back," the union leader said.\n\n'
        'AP — "It is over," a docker said.'
    )
    assert speakers(nlp, body, "direct") == [
        ("We are not going back", "union leader"),
        ("It is over", "a docker"),
    ]


def test_unquoted_answers_in_a_q_and_a_are_the_interviewees_words(nlp):
    body = (
        "In an interview, Mayor Tomas Varga explained his position.\n\n"
        "Q: Will you meet Nordline again?\n\n"
        "A: Yes, next week, if they bring a new offer."
    )
    assert speakers(nlp, body, "direct") == [
        ("Yes, next week, if they bring a new offer.", "Tomas Varga")
    ]


def test_two_speakers_in_one_sentence_keep_their_own_clauses(nlp):
    body = (
        "Councillor Ruben Oyelaran said the numbers did not add up, while Councillor "
        "Petra Lind said the city could not afford to wait."
    )
    assert speakers(nlp, body, "indirect") == [
        ("the numbers did not add up", "Ruben Oyelaran"),
        ("the city could not afford to wait", "Petra Lind"),
    ]
