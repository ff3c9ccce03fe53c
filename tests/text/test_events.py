"""Events: actor, action, participants, place, date against the publication date, negation,
modality."""

from datetime import date

from coverage_app.text.align.aligner import align_events
from coverage_app.text.clean.dates import resolve_date
from coverage_app.text.extract import extract

WEDNESDAY = date(2022, 10, 12)


def test_weekday_is_the_most_recent_one_unless_the_sentence_looks_ahead():
    assert resolve_date("on Tuesday", published=WEDNESDAY) == date(2022, 10, 11)
    assert resolve_date("on Thursday", published=WEDNESDAY, future=True) == date(2022, 10, 13)
    assert resolve_date("next Monday", published=WEDNESDAY) == date(2022, 10, 17)
    assert resolve_date("on Wednesday", published=WEDNESDAY) == WEDNESDAY


def test_month_and_day_take_the_publication_year():
    assert resolve_date("October 11", published=WEDNESDAY) == date(2022, 10, 11)
    assert resolve_date("11 October 2021", published=WEDNESDAY) == date(2021, 10, 11)
    assert resolve_date("yesterday", published=WEDNESDAY) == date(2022, 10, 11)
    assert resolve_date("on Tuesday", published=None) is None


def test_future_meeting_gets_actor_participants_date_and_modality(nlp):
    body = (
        "The presidency announced that Orlan will meet with Kestrian President Mirela Dovan "
        "on Thursday."
    )
    events = extract(nlp(body), published=WEDNESDAY).events
    meet = next(e for e in events if e["action"] == "meet")
    assert meet["actor"] == "Orlan"
    assert "Mirela Dovan" in meet["participants"]
    assert meet["date"] == "2022-10-13"
    assert meet["modality"] == "will"
    assert body[meet["start"] : meet["end"]] == meet["text"]


def test_refusal_is_negated_with_its_modality(nlp):
    body = "Velmaran President Oskar Lindqvist said he won't hold talks with Tarvik."
    events = extract(nlp(body), published=WEDNESDAY).events
    hold = next(e for e in events if e["action"] == "hold")
    assert hold["negated"] is True
    assert hold["modality"] == "will"
    assert hold["actor"] == "Oskar Lindqvist"


def test_past_event_has_its_place_and_date(nlp):
    body = "Foreign Minister Andrey Sokolov met Aino Lehtonen in Tarvos on Monday."
    events = extract(nlp(body), published=WEDNESDAY).events
    met = next(e for e in events if e["action"] == "meet")
    assert met["date"] == "2022-10-10"
    assert met["place"] == "Tarvos"
    assert met["negated"] is False


def test_other_date_forms_resolve_against_the_publication_date():
    assert resolve_date("today", published=WEDNESDAY) == WEDNESDAY
    assert resolve_date("Oct. 11", published=WEDNESDAY) == date(2022, 10, 11)
    assert resolve_date("11 October", published=WEDNESDAY) == date(2022, 10, 11)
    assert resolve_date("this week", published=WEDNESDAY) == WEDNESDAY
    assert resolve_date("last week", published=WEDNESDAY) == date(2022, 10, 5)


def test_a_named_speakers_saying_is_an_event_with_its_date_and_negation(nlp):
    body = (
        '"We will not move," Varga said on Monday.\n\n'
        "Marrow did not say that Dalmora was ready for mediation. Prices will rise, officials said."
    )
    events = extract(nlp(body), published=WEDNESDAY).events
    sayings = {e["actor"]: e for e in events if e["action"] == "say"}
    assert set(sayings) == {"Varga", "Marrow"}  # "officials" name nobody
    assert sayings["Varga"]["date"] == "2022-10-10"
    assert (sayings["Varga"]["negated"], sayings["Marrow"]["negated"]) == (False, True)
    assert "rise" in [e["action"] for e in events]  # the reported happening stays an event


def test_a_saying_inside_another_clause_is_not_an_event(nlp):
    body = "Minister Ilka Varo closed the border on Monday, adding that the talks were over."
    events = extract(nlp(body), published=WEDNESDAY).events
    assert [e["action"] for e in events] == ["close"]


def test_statement_that_is_itself_news_stays_an_event(nlp):
    body = "The foreign ministry announced new sanctions on Tuesday."
    (event,) = extract(nlp(body), published=WEDNESDAY).events
    assert (event["action"], event["date"]) == ("announce", "2022-10-11")


def test_intention_becomes_the_modality_of_the_infinitive(nlp):
    body = "Dockworkers plan to strike in Lindau next Monday."
    (event,) = extract(nlp(body), published=WEDNESDAY).events
    assert (event["action"], event["modality"], event["place"]) == ("strike", "plan", "Lindau")
    assert event["date"] == "2022-10-17"


def test_passive_takes_its_place_and_has_no_invented_actor(nlp):
    body = "Three people were killed in an attack on a market in Astana yesterday."
    (event,) = extract(nlp(body), published=WEDNESDAY).events
    assert (event["action"], event["actor"], event["place"]) == ("kill", None, "Astana")
    assert event["date"] == "2022-10-11"


def test_copula_with_abstract_subject_is_not_an_event(nlp):
    body = "The process is long. The requirements include a formal invitation."
    assert extract(nlp(body), published=WEDNESDAY).events == []


def test_speaking_with_someone_is_an_event_but_speaking_to_reporters_is_not(nlp):
    body = (
        "Defence Minister Ilka Varo spoke with her Norvan counterpart, Tomas Reyn, on Tuesday "
        "and stressed a shared view. Varo spoke to reporters afterwards."
    )
    events = extract(nlp(body), published=date(2025, 3, 5)).events
    spoke = [e for e in events if e["action"] == "speak"]
    assert len(spoke) == 1
    assert "Tomas Reyn" in spoke[0]["participants"]
    assert spoke[0]["date"] == "2025-03-04"


def test_when_it_came_to_is_not_an_event(nlp):
    body = "The ministry voiced broad agreement when it came to a truce."
    events = extract(nlp(body), published=None).events
    assert all(e["action"] != "come" for e in events)


def test_a_negative_subject_or_object_negates_the_event(nlp):
    body = (
        "The Orvane minister said that no serious offer was made by the Tessily government. "
        "The harbour board made no payment to the crews. "
        "Nobody from the ferry line attended the hearing."
    )
    events = extract(nlp(body), published=WEDNESDAY).events
    assert [(e["actor"], e["action"], e["negated"]) for e in events] == [
        ("Tessily government", "make", True),
        ("harbour board", "make", True),
        (None, "attend", True),
    ]


def test_no_longer_negates_the_event(nlp):
    body = "The Orvane ferry line said it no longer serves the island of Mossa."
    (event,) = extract(nlp(body), published=WEDNESDAY).events
    assert (event["action"], event["negated"]) == ("serve", True)


def test_showing_itself_to_be_something_and_making_it_clear_are_not_events(nlp):
    body = (
        "The Tessily government has shown itself to be indifferent to new talks. "
        "More than once, the Orvane council has made it clear that its tunnel will wait."
    )
    actions = [e["action"] for e in extract(nlp(body), published=WEDNESDAY).events]
    assert "show" not in actions
    assert "make" not in actions


def test_a_participant_is_the_object_not_a_name_inside_its_modifier(nlp):
    body = "The Orvane council has not received any firm bids from Tessily Rail this year."
    (event,) = extract(nlp(body), published=WEDNESDAY).events
    assert event["actor"] == "Orvane council"
    assert event["participants"][0] == "firm bids"
    assert event["negated"] is True


def test_a_meeting_between_two_people_is_a_meet_event(nlp):
    body = (
        "The Velmar presidency said the planned meeting between Orlan Pesk and Mirela Dovan "
        "would take place in Tarvos on Thursday."
    )
    events = extract(nlp(body), published=WEDNESDAY).events
    meet = next(e for e in events if e["action"] == "meet")
    assert meet["actor"] == "Orlan Pesk"
    assert meet["participants"] == ["Mirela Dovan"]
    assert meet["place"] == "Tarvos"
    assert meet["date"] == "2022-10-13"
    assert meet["modality"] == "plan"


def test_a_possessive_visit_is_a_visit_by_its_owner(nlp):
    body = "Ilse Marrow's visit to Kestria ended early, the Orvane foreign office said."
    events = extract(nlp(body), published=WEDNESDAY).events
    visit = next(e for e in events if e["action"] == "visit")
    assert visit["actor"] == "Ilse Marrow"
    assert visit["participants"] == ["Kestria"]


def test_a_meeting_one_outlet_names_pairs_with_the_meeting_the_other_reports_as_a_verb(nlp):
    left = extract(
        nlp(
            "The Velmar cabinet office said on Tuesday that Orlan Pesk will meet with the "
            "Kestrian prime minister, Mirela Dovan, on Thursday. The ferry strike entered its "
            "second week."
        ),
        published=WEDNESDAY,
    ).events
    right = extract(
        nlp(
            "Velmar's foreign minister told the Harbour Gazette that the meeting between Pesk "
            "and Dovan would be a fresh chance to settle the row over fishing quotas."
        ),
        published=WEDNESDAY,
    ).events
    pairs = [(left[p.a]["action"], right[p.b]["action"]) for p in align_events(left, right).pairs]
    assert ("meet", "meet") in pairs
