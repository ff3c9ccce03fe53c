"""Finding quotations and telling them from scare quotes, titles and nicknames."""

from coverage_app.text.extract import extract
from coverage_app.text.quotes import find_marked_spans


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
    body = "“This is a lie [that Russia refuses to talk],” Foreign Minister Sergey Lavrov said."
    (quote,) = quotes(nlp, body)
    assert quote["text"] == "This is a lie [that Russia refuses to talk]"
    assert quote["speaker"] == "Sergey Lavrov"


def test_partial_quote_inside_paraphrase_is_kind_partial(nlp):
    body = "Finance Minister Petra Holm called the plan “a dead end” on Monday."
    (quote,) = quotes(nlp, body)
    assert (quote["kind"], quote["text"], quote["speaker"]) == ("partial", "a dead end",
                                                                "Petra Holm")  # fmt: skip


def test_scare_quotes_titles_and_nicknames_are_not_quotes(nlp):
    body = (
        "For peace to come, the West must “authorize” Kiev to act. "
        'Striker Mateo "El Toro" Ruvalcaba signed on Thursday. '
        'The city\'s "Clean Streets" initiative was launched in 2023. '
        'The so-called "chip boom" has cooled. '
        "The narrative that “Moscow does not want to negotiate” has been spread widely."
    )
    assert quotes(nlp, body) == []


def test_offsets_give_back_the_quote_text(nlp):
    body = "Intro.\n\n“A long quote here,” said Ned Price, a spokesman."
    for quote in extract(nlp(body), published=None).quotes:
        assert body[quote["start"] : quote["end"]] == quote["text"]
