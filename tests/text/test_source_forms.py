"""Forms of quotation and report that the tuning articles never had: typewriter quotation
marks, markup left around an embedded post, "according to" a document, documents and bodies
as the source of a report, findings, "pointed out". One invented article per form, cleaned
and extracted as an upload is."""

from coverage_app.text.clean.cleaning import MARKUP, clean
from coverage_app.text.extract import extract


def quotes(nlp, raw: str) -> list[tuple[str, str, str | None]]:
    body = clean(raw).body
    return [(q["kind"], q["text"], q["speaker"]) for q in extract(nlp(body)).quotes]


def reported(nlp, raw: str) -> list[tuple[str, str | None]]:
    return [(text, speaker) for kind, text, speaker in quotes(nlp, raw) if kind == "indirect"]


HEADLINE = "Ferry line wins backing on Orsby island\n\n"


# --- typewriter quotation marks ---------------------------------------------------------------


def test_doubled_apostrophes_mark_a_quotation_both_ways(nlp):
    raw = HEADLINE + (
        "The harbour master of Orsby, Tilde Marrow, spoke after the vote on Tuesday.\n\n"
        "''The new line will carry twice as many cars as the old one,'' Ms. Marrow said.\n\n"
        "She added that the crossing would take forty minutes."
    )
    assert ("direct", "The new line will carry twice as many cars as the old one",
            "Tilde Marrow") in quotes(nlp, raw)  # fmt: skip


def test_backticks_open_a_quotation_closed_by_doubled_apostrophes(nlp):
    raw = HEADLINE + (
        "Councillor Anselm Roke voted against the plan on Tuesday.\n\n"
        "``We cannot afford a second ferry while the pier is crumbling,'' Mr. Roke said."
    )
    assert ("direct", "We cannot afford a second ferry while the pier is crumbling",
            "Anselm Roke") in quotes(nlp, raw)  # fmt: skip


def test_typewriter_marks_become_curly_marks_and_inch_marks_stay():
    body = clean(
        "Ferry\n\nThe screen is 12'' wide, the skipper said. ''It will do,'' she added, and "
        "``we will see.''"
    ).body
    assert body == (
        "The screen is 12'' wide, the skipper said. “It will do,” she added, and “we will see.”"
    )


# --- markup around an embedded post ------------------------------------------------------------


def test_markup_around_an_embedded_post_is_cut_and_its_attribute_values_are_not_quotes(nlp):
    raw = HEADLINE + (
        "Mayor Hedda Stroem welcomed the vote in a post on Tuesday evening.\n\n"
        '<tweet id="904417728312" author="@hstroem" datetime="2031-05-06">Orsby has waited '
        "forty years for this ferry. https://t.co/x1y2z3 — Hedda Stroem (@hstroem) May 6, "
        "2031</tweet>\n\n"
        "The line opens in June."
    )
    cleaned = clean(raw)
    assert "<tweet" not in cleaned.body and "</tweet>" not in cleaned.body
    assert "Orsby has waited forty years for this ferry." in cleaned.body
    assert any(cut.kind == MARKUP and "904417728312" in cut.text for cut in cleaned.removed)
    taken = [text for _, text, _ in quotes(nlp, raw)]
    assert not any("904417728312" in t or "hstroem" in t or "2031-05-06" in t for t in taken)


# --- "according to" a document ----------------------------------------------------------------


def test_according_to_a_poll_names_its_owner_as_the_source(nlp):
    raw = HEADLINE + (
        "Support for the new ferry line stands at 58 percent, according to a new Orsby "
        "Institute poll of island residents."
    )
    assert reported(nlp, raw) == [
        ("Support for the new ferry line stands at 58 percent", "Orsby Institute")
    ]


def test_according_to_a_poll_conducted_by_a_body_names_that_body(nlp):
    raw = HEADLINE + (
        "Most islanders want a second ferry, according to early results of a survey "
        "conducted by the Orsby Research Centre for the island council."
    )
    assert reported(nlp, raw) == [("Most islanders want a second ferry", "Orsby Research Centre")]


def test_according_to_a_document_nobody_owns_is_an_unnamed_source(nlp):
    raw = HEADLINE + (
        "The mayor's campaign has raised $2 million since March, according to campaign "
        "finance records filed on Monday.\n\n"
        "Turnout fell by a third, according to a new poll."
    )
    assert reported(nlp, raw) == []


def test_according_to_calculations_or_a_newspaper_is_no_report(nlp):
    raw = HEADLINE + (
        "The shipyard's output rose by 4 percent last year, according to the agency's "
        "calculations.\n\n"
        "Fares will double next year, according to the Orsby Gazette."
    )
    assert reported(nlp, raw) == []


# --- documents and bodies as the subject of a report ------------------------------------------


def test_a_statement_from_a_body_is_that_bodys_report(nlp):
    raw = HEADLINE + (
        "A statement from the Orsby Port Authority said the ferry would run on Sundays again."
    )
    assert reported(nlp, raw) == [("the ferry would run on Sundays again", "Orsby Port Authority")]


def test_the_ruling_of_a_court_named_before_is_that_courts_report(nlp):
    raw = HEADLINE + (
        "The Orsby Harbour Court struck down the berthing fees on Monday. The ruling said the "
        "fees were unlawful and must be repaid by June."
    )
    assert reported(nlp, raw) == [
        ("the fees were unlawful and must be repaid by June", "Orsby Harbour Court")
    ]


def test_what_a_report_found_is_reported_but_not_what_a_person_found(nlp):
    raw = HEADLINE + (
        "An audit by the Orsby Harbour Board found that the harbour wall had been neglected "
        "for a decade.\n\n"
        "Councillor Bea Lund found that the old timetable was hard to read."
    )
    assert reported(nlp, raw) == [
        ("the harbour wall had been neglected for a decade", "Orsby Harbour Board")
    ]


def test_pointing_out_is_reporting(nlp):
    raw = HEADLINE + (
        "Councillor Bea Lund pointed out that the old ferry had run at a loss for six years."
    )
    assert reported(nlp, raw) == [("the old ferry had run at a loss for six years", "Bea Lund")]


# --- people speaking in turn ---------------------------------------------------------------------


def test_a_quote_after_a_sentence_about_someone_is_that_persons_turn(nlp):
    raw = HEADLINE + (
        "The two candidates for harbour master met at the Orsby town hall on Tuesday.\n\n"
        '"The pier is falling into the sea," said Anna Berg, the challenger.\n\n'
        '"That is simply not true," Olek Varnas replied. "We spent a million on it."\n\n'
        'Berg laughed. "Then I can see where the money went."'
    )
    speakers = {text: speaker for kind, text, speaker in quotes(nlp, raw) if kind == "direct"}
    assert speakers["We spent a million on it."] == "Olek Varnas"
    assert speakers["Then I can see where the money went."] == "Anna Berg"


# --- scare quotes --------------------------------------------------------------------------------


def test_a_term_in_quotes_beside_a_denied_speech_verb_is_a_scare_quote(nlp):
    raw = HEADLINE + (
        'The ferry deal is really a "pre-agreement" because the two island boards did not '
        "agree on fares."
    )
    assert quotes(nlp, raw) == []
