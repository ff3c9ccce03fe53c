"""Who said it, in the forms real wire copy takes: each test is one invented article with one
form (a participle the parser ties to the wrong clause, "he added" after a quote that named
someone else, a record of remarks as the source, a role standing for a named person...)."""

from coverage_app.text.clean.cleaning import clean
from coverage_app.text.extract import extract


def speakers(nlp, body, kind=None):
    return [
        (q["text"], q["speaker"])
        for q in extract(nlp(body), published=None).quotes
        if kind is None or q["kind"] == kind
    ]


def speaker_of(nlp, body, words):
    found = [s for text, s in speakers(nlp, body) if words in text]
    assert found, f"no quote holding {words!r}"
    return found[0]


def test_participle_after_a_reported_clause_is_the_speakers_not_the_clauses(nlp):
    body = (
        "Harbour master Ewan Rowe also stressed that the threat is not over, estimating that "
        'the storm had sunk "at least forty" boats.'
    )
    assert speaker_of(nlp, body, "at least forty") == "Ewan Rowe"


def test_participle_introducing_a_quote_is_the_speakers_not_the_reported_subjects(nlp):
    body = (
        "Mayor Ilse Brandt said on Monday that the council would reopen the bridge by spring, "
        'telling reporters in Kerrin, "That is the promise we made."'
    )
    assert speaker_of(nlp, body, "That is the promise we made") == "Ilse Brandt"


def test_second_verb_of_the_speaker_misparsed_into_the_content_clause(nlp):
    body = (
        "Governor Anton Mirek has often talked about ensuring that the Kestrian blockade "
        'becomes a "costly failure" for Ostrow and has described the rival leader as a '
        '"common thief."'
    )
    assert speaker_of(nlp, body, "common thief") == "Anton Mirek"


def test_he_added_after_a_quote_goes_to_the_speaker_not_to_a_man_named_inside_it(nlp):
    body = (
        "Judge Aaron Calder passed sentence on Friday.\n\n"
        '"It was a cruel and senseless act," the judge said of a frame in the video where '
        "Piet Moller begins to raise a crowbar at the guard while the guard is backing away. "
        'He said the guard "was beaten because these men decided they were the law."'
    )
    assert speaker_of(nlp, body, "was beaten because") == "Aaron Calder"


def test_he_said_after_an_unnamed_he_goes_to_the_previous_speaker(nlp):
    body = (
        "Tomas Varga, the port director, spoke after Karl Ostrow, the union's negotiator, "
        "left the hall.\n\n"
        '"We are not closing the docks," Varga said of the plan Ostrow had put forward.\n\n'
        '"That is final," he said.'
    )
    assert speaker_of(nlp, body, "That is final") == "Tomas Varga"


def test_answer_after_a_colon_is_a_quote_not_a_title(nlp):
    body = (
        "Prime Minister Lars Edvik was asked whether the army would defend the islands.\n\n"
        'When a reporter asked Edvik again, the prime minister answered: "Yes."'
    )
    assert ("Yes.", "Lars Edvik") in speakers(nlp, body, "direct")


def test_according_to_released_remarks_keeps_the_sentence_speaker(nlp):
    body = (
        "Veltra chief executive Mara Olsen met staff on Tuesday.\n\n"
        'The inspectors are "the best there are," Olsen said, according to remarks circulated by '
        'Veltra. "I trust each check they make."'
    )
    found = speakers(nlp, body)
    assert ("the best there are", "Mara Olsen") in found
    assert ("I trust each check they make.", "Mara Olsen") in found


def test_according_to_an_excerpt_before_a_colon_keeps_the_speaker(nlp):
    body = (
        "Veltra chief executive Mara Olsen spoke to staff on Tuesday.\n\n"
        'Olsen told workers, according to an excerpt shared by Veltra: "We will fix this, '
        'first, by owning our mistake."'
    )
    assert speaker_of(nlp, body, "owning our mistake") == "Mara Olsen"


def test_a_bare_role_tagged_as_a_name_is_the_person_with_that_title(nlp):
    body = (
        "Veltra CEO Mara Olsen took the blame on Tuesday.\n\n"
        '"We are going to be open at every step," CEO said.'
    )
    assert speaker_of(nlp, body, "open at every step") == "Mara Olsen"


def test_the_head_of_a_body_is_the_person_in_view(nlp):
    body = (
        "Ruth Okafor opened the session of the Northern Water Agency on Monday.\n\n"
        '"The drought is over," Okafor said.\n\n'
        'Still, it brings "real relief," added the head of the water agency.'
    )
    assert speaker_of(nlp, body, "real relief") == "Ruth Okafor"


def test_a_headline_role_before_the_name_is_the_person_named_later(nlp):
    body = (
        "Ending his tour, Kestrian president tells farmers 'we hear you'\n\n"
        "Kestrian President Ivo Marran spoke in Lisk on Saturday, a day after Nordian "
        "President Ada Holm left.\n\n"
        '"We hear you," Marran said.'
    )
    assert speaker_of(nlp, body, "we hear you") == "Ivo Marran"


def test_a_quoted_word_judging_someones_words_is_the_speakers_not_theirs(nlp):
    body = (
        "Judge Aaron Calder said at the hearing in Orsby that he gave the Moller brothers the "
        'toughest sentence the law allowed, partly because of their "heartless" words and '
        "deeds caught on camera."
    )
    assert speaker_of(nlp, body, "heartless") == "Aaron Calder"


def test_what_he_called_goes_to_the_subject_of_the_sentence(nlp):
    body = (
        "A Kestrian judge sentenced the two brothers to life on Thursday for what he called "
        'the "cold-blooded" killing of a night guard.\n\n'
        "Judge Aaron Calder ruled that neither could seek parole."
    )
    assert speaker_of(nlp, body, "cold-blooded") == "Aaron Calder"


def test_a_dateline_with_a_region_is_not_the_speaker(nlp):
    body = (
        "LISK, Kestria — President Ivo Marran said Saturday that the rebel leader "
        '"cannot stay in charge," sharpening his words against him.'
    )
    assert speaker_of(nlp, body, "cannot stay in charge") == "Ivo Marran"


def test_a_dateline_in_plain_case_with_its_date_and_agency_is_not_the_speaker(nlp):
    body = "Orsby, 3 May (Coast Wire) - Mayor Ilse Brandvik said the ferry would run in winter."
    assert speaker_of(nlp, body, "ferry would run") == "Ilse Brandvik"


def test_a_dateline_run_into_the_lead_by_a_typewriter_dash_is_not_part_of_the_name(nlp):
    cleaned = clean(
        "Orsby, May 23 (Coast Wire)--Mayor Ilse Brandvik said Monday that the ferry would run "
        "through the winter."
    )
    assert "(Coast Wire) -- Mayor" in cleaned.body
    assert speaker_of(nlp, cleaned.body, "ferry would run") == "Ilse Brandvik"


def test_a_name_before_a_dash_aside_is_not_taken_for_a_dateline(nlp):
    body = "Brandvik - the mayor since 2019 - said on Monday that the ferry would run in winter."
    assert speaker_of(nlp, body, "ferry would run") == "Brandvik"


def test_attribution_in_the_short_sentence_after_a_question_in_quotes(nlp):
    body = (
        'If the blockade is lifted, "then what would that tell Ostrow about the price of '
        'taking the islands?" Marran said.'
    )
    assert speaker_of(nlp, body, "what would that tell Ostrow") == "Marran"


def test_a_thing_is_no_speaker(nlp):
    body = (
        "Harbour master Ewan Rowe spoke on Monday.\n\n"
        'The sea wall held, though the "worst is yet to come," the danger said.'
    )
    assert speaker_of(nlp, body, "worst is yet to come") is None


def test_bare_people_said_keeps_the_paragraphs_speaker(nlp):
    body = (
        "Facing a crowd in Lisk, Ivo Marran called for \u201cpatience\u201d and said the "
        "rebuilding would take years. \u201cWe will not be done in weeks. We need patience for "
        "the long road,\u201d people said in an address at the town hall."
    )
    assert speaker_of(nlp, body, "We will not be done in weeks") == "Ivo Marran"


def test_a_medium_reporting_is_the_channel_not_the_speaker(nlp):
    body = (
        "Judge Aaron Calder passed sentence on Friday.\n\n"
        'Calder described the attack as "brutal," saying it happened because "a fight was '
        'being sought," the Kerrin Daily News reported.'
    )
    assert speaker_of(nlp, body, "a fight was being sought") == "Aaron Calder"


def test_an_acronym_and_its_full_name_are_one_speaker(nlp):
    body = (
        "The Kestrian Rail Authority grounded the new trains on Monday.\n\n"
        '"No train runs until every bolt is checked," the KRA said.'
    )
    assert speaker_of(nlp, body, "No train runs") == "Kestrian Rail Authority"


def test_a_maker_description_is_the_company_named_before(nlp):
    body = (
        "Veltra Aircraft delivered its hundredth jet on Monday.\n\n"
        '"We will keep the pace," the planemaker said.'
    )
    assert speaker_of(nlp, body, "We will keep the pace") == "Veltra Aircraft"


def test_a_name_run_together_with_said_still_finds_the_person(nlp):
    body = (
        "Kestrian President Ivo Marran met Nordian envoy Ada Holm in Lisk.\n\n"
        '"We will not give up the islands," Holmsaid.\n\n'
        '"Nor will we," Marransaid.'
    )
    found = speakers(nlp, body, "direct")
    assert found == [("We will not give up the islands", "Ada Holm"), ("Nor will we", "Ivo Marran")]


def test_company_and_role_in_a_headline_is_the_person_named_later(nlp):
    body = (
        "Veltra CEO admits 'error,' says the fault 'must never happen again'\n\n"
        "Veltra CEO Mara Olsen spoke on Tuesday about the fault, calling it an \u201cerror\u201d "
        "that \u201cmust never happen again.\u201d"
    )
    assert speaker_of(nlp, body, "error") == "Mara Olsen"


def test_a_person_described_with_a_press_title_is_a_person_not_a_medium(nlp):
    body = (
        "The harbour council met on Monday.\n\n"
        '"To staff the harbour office through the winter is to watch money leave the town '
        "with every tide,\" said Pell Varrow, a former top press official in the mayor's office."
    )
    assert speaker_of(nlp, body, "watch money leave the town") == "Pell Varrow"


def test_a_surname_the_tagger_calls_a_noun_still_speaks(nlp):
    body = (
        '"It was great to promise a visit to every village," said Brett O’Brannagh, the chief '
        "strategist of the campaign four years ago.\n\n"
        '"Was that the best use of our time? In hindsight, I do not think it was," '
        "O’Brannagh said."
    )
    assert speaker_of(nlp, body, "best use of our time") == "Brett O’Brannagh"


def test_a_full_name_tagged_as_a_place_is_a_person_when_the_surname_speaks(nlp):
    body = (
        "The ruling surprised the province.\n\n"
        "Joh Varnum, Kestria Secretary of Trade, voiced his disapproval of the ruling. "
        '"This last-minute meddling from the bench has to stop," Varnum said.'
    )
    assert speaker_of(nlp, body, "meddling from the bench") == "Joh Varnum"


def test_the_one_told_is_the_listener_even_when_the_quote_addresses_someone(nlp):
    # The parser takes the name inside the quote for the subject of "told".
    body = (
        "Mayor Ivo Dorran defended the fare rise on Monday.\n\n"
        '"That was a fair hearing you gave us, Mr. Mayor," Councillor Wenna Strake, Liberal '
        "member for Eastmoor, told Mr. Dorran after the vote."
    )
    assert speaker_of(nlp, body, "a fair hearing") == "Wenna Strake"


def test_a_dash_line_under_a_quote_signs_it(nlp):
    body = (
        "Mayor Ivo Dorran and Councillor Pell Arvane clashed over the fares.\n\n"
        '"We will look at it," Dorran said.\n\n'
        '"I went to the harbour board before the vote, and nobody listened."\n\n'
        "- Arvane."
    )
    assert speaker_of(nlp, body, "nobody listened") == "Pell Arvane"


def test_he_who_tells_of_his_own_reply_spoke_it(nlp):
    body = (
        "Mayor Ivo Dorran faced the council on Monday.\n\n"
        '"Would you accept a cap?" Mr. Pell Arvane asked him. He pressed on: "For residents?"\n\n'
        "His aide had warned the mayor to be careful, but Dorran said he replied: "
        '"I have nothing to hide."'
    )
    assert speaker_of(nlp, body, "nothing to hide") == "Ivo Dorran"


def test_the_statement_someone_released_speaks_for_them(nlp):
    body = (
        "Mayor Ivo Dorran released a statement on Friday evening backing the harbour board.\n\n"
        '"We stand with the board and its decision," the statement said.'
    )
    assert speaker_of(nlp, body, "stand with the board") == "Ivo Dorran"


def test_a_surname_that_is_a_common_word_still_speaks(nlp):
    body = (
        "Al From founded the moderates' council in the 1980s and wrote a book about it.\n\n"
        '"Our challenge was to show results, not promises," From said.'
    )
    assert speaker_of(nlp, body, "show results") == "Al From"


def test_whoever_released_a_statement_saying_something_says_it(nlp):
    body = (
        "Designer Mara Quill signed a licensing deal with Velmont Apparel in 2012.\n\n"
        'At the time, she released a statement saying, "Velmont has distinguished itself as a '
        'trusted partner for the finest brands."'
    )
    assert speaker_of(nlp, body, "trusted partner") == "Mara Quill"


def test_a_barked_or_pleaded_quote_is_the_barkers(nlp):
    body = (
        "Councillor Pell Arvane and Mayor Ivo Dorran clashed on Monday over the harbour budget."
        '\n\n"We cannot afford it," said Dorran.\n\n'
        '"Sit down, both of you," Chair Lena Vosk barked. "This is a council, not a pub."'
    )
    assert speaker_of(nlp, body, "Sit down") == "Lena Vosk"


def test_a_candidates_campaign_speaks_as_that_campaign(nlp):
    body = (
        "Mayor Ivo Dorran is running for a third term against Councillor Pell Arvane.\n\n"
        "The Dorran campaign said the report was misleading because it left out hundreds of "
        "meetings.\n\nRival Pell Arvane's campaign says it raised roughly $15,000 in January."
    )
    found = dict((text, speaker) for text, speaker in speakers(nlp, body, "indirect"))
    assert found == {
        "the report was misleading because it left out hundreds of meetings": "Dorran campaign",
        "it raised roughly $15,000 in January": "Arvane's campaign",
    }


def test_the_diplomat_is_the_foreign_minister_in_view(nlp):
    body = (
        "Foreign Minister Anton Verel met business leaders in Orsby on Monday.\n\n"
        '"We never refuse meetings," Verel told reporters after the talks.\n\n'
        '"If there is a serious proposal, we will consider it," the Morvanian diplomat said.'
    )
    assert speaker_of(nlp, body, "serious proposal") == "Anton Verel"


def test_whoever_is_quoted_as_saying_speaks_not_who_quotes_them(nlp):
    body = (
        "Kestria's defence ministry said in a statement that Defence Minister Lida Marsk had "
        "spoken with her Morvanian counterpart. "
        '"A ceasefire is urgent," the ministry quoted Marsk as saying.'
    )
    assert speaker_of(nlp, body, "ceasefire is urgent") == "Lida Marsk"


def test_a_counterpart_holds_the_same_role_in_another_country(nlp):
    body = (
        "Morvanian Foreign Minister Anton Verel met his Kestrian counterpart Lida Marsk in "
        'Orsby on Monday.\n\n"We never refuse meetings," Verel told reporters after the talks.'
        '\n\n"We are ready to act as a broker," the Kestrian minister said.\n\n'
        '"Nothing has been agreed yet," the Morvanian minister added.'
    )
    assert speaker_of(nlp, body, "act as a broker") == "Lida Marsk"
    assert speaker_of(nlp, body, "Nothing has been agreed") == "Anton Verel"


def test_a_bodys_spokeswoman_named_by_a_possessive_speaks_for_that_body(nlp):
    body = (
        "Dorvan Rail said on Monday it would cut twelve routes. The Lisk transport ministry's "
        'spokeswoman said the cuts were unlawful. "Nothing has been agreed," she added.'
    )
    assert speaker_of(nlp, body, "cuts were unlawful") == "Lisk transport ministry"
    assert speaker_of(nlp, body, "Nothing has been agreed") == "Lisk transport ministry"


def test_a_persons_office_is_named_after_the_person_not_left_as_office(nlp):
    body = (
        "Mayor Ines Calder opened the new bridge on Friday. She will visit Orsby next week, "
        "her office said. Calder's spokesman said the bridge had cost less than planned."
    )
    assert speaker_of(nlp, body, "visit Orsby") == "Ines Calder's office"
    assert speaker_of(nlp, body, "cost less than planned") == "Ines Calder's spokesman"


def test_as_someone_put_it_after_a_quote_names_its_speaker(nlp):
    body = (
        'The new mooring levy is a "tax on sailors," as harbour master Ewan Rowe put it.\n\n'
        "The crew put it in the hold before the storm."
    )
    assert speakers(nlp, body) == [("tax on sailors", "Ewan Rowe")]


def test_a_quote_carried_over_paragraphs_keeps_its_speaker_over_the_next_line(nlp):
    body = (
        '"We will watch closely," said Ivo Brenn, a grain trader in Lisk. "Prices will not '
        "fall overnight.\n\n"
        '"Farmers have lost a whole season."\n\n'
        "A spokesman for the Lisk port authority responded to the claims."
    )
    assert speaker_of(nlp, body, "lost a whole season") == "Ivo Brenn"


def test_a_denied_speech_verb_on_the_next_line_does_not_sign_the_quote(nlp):
    body = (
        "Bridge\n\nMayor Ines Calder said the bridge would open in June.\n\n"
        '"It will not open in June."\n\n'
        "A spokesman for the Orsby ferry company did not respond to a request for comment."
    )
    assert speaker_of(nlp, body, "will not open in June") != "Orsby ferry company"


def test_a_share_of_people_polled_speaks_as_that_share(nlp):
    body = (
        "The Orsby Institute polled 900 voters in Kestria last week.\n\n"
        "Twenty-four percent said they were more likely to back Ada Vell after the ruling.\n\n"
        "In Eastmoor, 52 percent of registered voters said they would consider the mayor."
    )
    found = dict(speakers(nlp, body, kind="indirect"))
    assert found["they were more likely to back Ada Vell after the ruling"] == (
        "twenty-four percent"
    )
    assert found["they would consider the mayor"] == "52 percent of registered voters"


def test_a_party_or_nation_in_the_plural_speaks_as_that_group(nlp):
    body = (
        "The Kestrian assembly debated the harbour bill on Tuesday.\n\n"
        "Some Liberals argued that the bill would raise port fees for small fishing crews.\n\n"
        "The Morvanians have warned they could sell off their harbour bonds."
    )
    found = dict(speakers(nlp, body, kind="indirect"))
    assert found["the bill would raise port fees for small fishing crews"] == "some Liberals"
    assert found["they could sell off their harbour bonds"] == "Morvanians"


def test_a_bare_surname_stays_with_the_first_person_of_that_name_not_a_namesake(nlp):
    body = (
        "Councillor Ana Lenk opened her campaign in Orsby on Saturday. Her husband, Ivo Lenk, "
        "a retired pilot, stood beside her on the stage.\n\n"
        '"We will fix the ferry before winter," Lenk told the crowd.\n\n'
        '"She has my vote," Ivo Lenk said.'
    )
    assert speaker_of(nlp, body, "fix the ferry") == "Ana Lenk"
    assert speaker_of(nlp, body, "She has my vote") == "Ivo Lenk"
