"""Finding quotations and telling them from scare quotes, titles and nicknames."""

from coverage_app.text.extract import extract
from coverage_app.text.quotes.marks import find_marked_spans


def quotes(nlp, body):
    return [q for q in extract(nlp(body), published=None).quotes if q["kind"] != "indirect"]


def test_curly_and_straight_double_quotes_are_both_found(nlp):
    body = '"We are ready," Varga said. “We will study it,” Holm said.'
    assert [q["text"] for q in quotes(nlp, body)] == ["We are ready", "We will study it"]


def test_single_quotes_are_quotation_and_apostrophes_are_not():
    body = "'We're not leaving,' she said of the ministers' plan. 'Never.'"
    texts = [body[s.start : s.end] for s in find_marked_spans(body)]
    assert texts == ["We're not leaving", "Never."]


def test_quote_running_over_paragraphs_is_one_utterance(nlp):
    body = (
        'Holm spoke first.\n\n"We will rebuild. It will take time.\n\n'
        '"But we will not leave," she said.'
    )
    found = quotes(nlp, body)
    assert [q["text"] for q in found] == ["We will rebuild. It will take time.",
                                          "But we will not leave"]  # fmt: skip
    assert found[0]["utterance"] == found[1]["utterance"]
    assert {q["speaker"] for q in found} == {"Holm"}


def test_quote_interrupted_by_its_attribution_gives_two_spans_of_one_utterance(nlp):
    body = 'Mayor Rosa Delacroix spoke. "We did not just talk," Delacroix said, "we built it."'
    found = quotes(nlp, body)
    assert [q["text"] for q in found] == ["We did not just talk", "we built it."]
    assert found[0]["utterance"] == found[1]["utterance"]
    assert {q["speaker"] for q in found} == {"Rosa Delacroix"}


def test_bracketed_insertion_is_kept_in_the_quote(nlp):
    body = "“That is a fabrication [that Dalmora walked out],” Foreign Minister Ilse Marrow said."
    (quote,) = quotes(nlp, body)
    assert quote["text"] == "That is a fabrication [that Dalmora walked out]"
    assert quote["speaker"] == "Ilse Marrow"


def test_partial_quote_inside_paraphrase_is_kind_partial(nlp):
    body = "Finance Minister Petra Holm called the plan “a dead end” on Monday."
    (quote,) = quotes(nlp, body)
    assert (quote["kind"], quote["text"], quote["speaker"]) == ("partial", "a dead end",
                                                                "Petra Holm")  # fmt: skip


def test_scare_quotes_titles_and_nicknames_are_not_quotes(nlp):
    body = (
        "For the strike to end, the board must “allow” Tarvik to bargain. "
        'Striker Mateo "El Toro" Ruvalcaba signed on Thursday. '
        'The city\'s "Clean Streets" initiative was launched in 2023. '
        'The so-called "chip boom" has cooled. '
        "The narrative that “Velmar does not want a deal” has been pushed far and wide."
    )
    assert quotes(nlp, body) == []


def test_offsets_give_back_the_quote_text(nlp):
    body = "Intro.\n\n“A long quote here,” said Otto Fenn, a spokesman."
    for quote in extract(nlp(body), published=None).quotes:
        assert body[quote["start"] : quote["end"]] == quote["text"]


def test_quote_carried_into_the_next_paragraph_without_a_reopening_mark(nlp):
    body = (
        "Ruth Okafor, the agency's director, spoke on Friday.\n\n"
        '"Last night the panel met for the ninth time and advised me to end the alert. '
        "I have taken that advice.\n\n"
        'So I end the alert with relief," the director told reporters.'
    )
    found = quotes(nlp, body)
    assert [q["text"] for q in found] == [
        "Last night the panel met for the ninth time and advised me to end the alert. "
        "I have taken that advice.",
        "So I end the alert with relief",
    ]
    assert [q["speaker"] for q in found] == ["Ruth Okafor", "Ruth Okafor"]
    assert found[0]["utterance"] == found[1]["utterance"]


def test_quote_whose_closing_mark_was_dropped_before_the_next_quote(nlp):
    body = (
        "Holm, the mayor, left early. The defence lawyers said they would appeal.\n\n"
        '"My client never meant any harm that night. "He wanted a quiet evening with his '
        "family,\" said Arno Pelt, the driver's lawyer."
    )
    found = quotes(nlp, body)
    assert [(q["text"], q["speaker"]) for q in found] == [
        ("My client never meant any harm that night.", "Arno Pelt"),
        ("He wanted a quiet evening with his family", "Arno Pelt"),
    ]


def test_an_unclosed_mark_before_a_paragraph_with_a_quoted_title_is_not_carried():
    body = 'He called it "a disgrace.\n\nLater the "Blue Harbour" crew docked.'
    texts = [body[s.start : s.end] for s in find_marked_spans(body)]
    assert "Later the" not in " ".join(texts)
