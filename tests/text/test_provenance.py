"""Provenance on invented coverage (tests/fixtures/provenance/: one invented flood told by a wire,
its trimmed, reworded and translated-style copies, a second agency and an outlet's own report).

Printed and floored: precision and recall of same-family pairs, and of the sentences each copy
dropped from the wire and added to it; the likely original and the credit lines.
"""

import json
from itertools import combinations
from pathlib import Path

import pytest

from coverage_app.plain_data import event_dict, quote_dict
from coverage_app.text.clean import cleaning
from coverage_app.text.extract import extract
from coverage_app.text.stories.provenance import byline_credits, credits, provenance

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "provenance"
LABELS = json.loads((FIXTURES / "labels.json").read_text())
NAMES = list(LABELS["articles"])


@pytest.fixture(scope="module")
def found(nlp):
    articles = []
    for name in NAMES:
        cleaned = cleaning.clean((FIXTURES / name).read_text(), kind="text", filename=name)
        result = extract(nlp(cleaned.body), published=cleaned.published)
        articles.append(
            {
                "body": cleaned.body,
                "quotes": [quote_dict(q) for q in result.quotes],
                "events": [event_dict(e) for e in result.events],
                "sentences": result.sentences,
                **LABELS["articles"][name],
            }
        )
    return articles, provenance(articles)


def _prf(predicted: set, gold: set) -> tuple[float, float]:
    correct = len(predicted & gold)
    precision = correct / len(predicted) if predicted else 1.0
    recall = correct / len(gold) if gold else 1.0
    return precision, recall


def test_every_article_is_in_exactly_one_family(found):
    _articles, result = found
    members = sorted(i for family in result["families"] for i in family)
    assert members == list(range(len(NAMES)))


def test_family_pairs_are_found_with_floored_precision_and_recall(found):
    _articles, result = found
    family_of = {i: k for k, family in enumerate(result["families"]) for i in family}
    gold_of = {NAMES.index(n): k for k, family in enumerate(LABELS["families"]) for n in family}
    pairs = list(combinations(range(len(NAMES)), 2))
    predicted = {p for p in pairs if family_of[p[0]] == family_of[p[1]]}
    gold = {p for p in pairs if gold_of[p[0]] == gold_of[p[1]]}
    precision, recall = _prf(predicted, gold)
    print(f"family pairs: precision {precision:.2f} recall {recall:.2f}")
    assert precision >= 1.0 and recall >= 1.0


def test_quotes_alone_do_not_make_a_family(found):
    """All six quote the engineer word for word; the agency and the own report stay alone."""
    _articles, result = found
    for name in ("norvane_press.txt", "daily_brannock.txt"):
        assert [NAMES.index(name)] in result["families"]


def test_dropped_and_added_sentences_are_found_with_floored_precision_and_recall(found):
    articles, result = found
    wire = NAMES.index(LABELS["original"])
    scores = {}
    for kind, side in (("dropped", "a"), ("added", "b")):
        predicted, gold = set(), set()
        for name, labels in LABELS["retellings"].items():
            copy = NAMES.index(name)
            pair = next(p for p in result["reuse"] if {p["a"], p["b"]} == {wire, copy})
            assert pair["a"] == wire, "the wire is the side nearer the original"
            body = articles[copy if side == "b" else wire]["body"]
            for sentence in pair["sentences"][kind]:
                predicted.add((name, sentence["start"]))
            for snippet in labels[kind]:
                gold.add((name, body.index(snippet)))
        scores[kind] = _prf(predicted, gold)
        print(f"{kind}: precision {scores[kind][0]:.2f} recall {scores[kind][1]:.2f}")
    assert scores["dropped"][0] >= 0.9 and scores["dropped"][1] >= 0.9
    assert scores["added"][0] >= 0.6 and scores["added"][1] >= 1.0


def test_reworded_sentences_carry_their_word_diff(found):
    articles, result = found
    wire, copy = NAMES.index(LABELS["original"]), NAMES.index("tellmark_courier.txt")
    pair = next(p for p in result["reuse"] if {p["a"], p["b"]} == {wire, copy})
    assert pair["reworded"] >= 4 and pair["share_b"] >= 0.8
    ops = {op["op"] for entry in pair["sentences"]["reworded"] for op in entry["diff"]}
    assert "equal" in ops and ops & {"replace", "insert", "delete"}
    trimmed = next(
        p for p in result["reuse"] if {p["a"], p["b"]} == {wire, NAMES.index("ostlander_post.txt")}
    )
    assert trimmed["share_b"] == 1.0 and trimmed["added_b"] == 0


def test_the_wire_is_named_the_likely_original_with_its_reason(found):
    _articles, result = found
    family = next(o for o in result["originals"] if len(result["families"][o["family"]]) > 1)
    assert family["article"] == NAMES.index(LABELS["original"])
    assert "kestral wire" in family["credits"]
    assert "Kestral Wire" in family["reason"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LISK, Ostmark (Brel Wire) - The minister resigned on Monday.", ["brel wire"]),
        (
            "The minister resigned on Monday.\n\nWith information from Brel Wire and AFP.",
            ["brel wire", "afp"],
        ),
        ("The minister resigned on Monday (Reuters)", ["reuters"]),
        ("The minister resigned on Monday, the Brel news agency reported.", []),
        ("The minister resigned, as quoted by the BTA news agency.", ["bta"]),
        ("Title\n\nAP\n\nThe minister resigned on Monday.", ["ap"]),
        ("The Lisk Health Organisation (LHO) said on Monday it would act.", []),
        ("A caption of the scene in Lisk. (Anna Pellik/BRW)\n\nThe minister resigned.", []),
        ("The minister resigned, said the Energy Agency.", []),
        ("The minister resigned.\n\nThe Brel Wire contributed to this report.", ["brel wire"]),
        (
            "The minister resigned.\n\nBrel Wire writer Anna Pellik in Lisk contributed.",
            ["brel wire"],
        ),
        (
            "The minister resigned.\n\nCopyright 2024 The Brel Wire. All rights reserved.",
            ["brel wire"],
        ),
        (
            "The minister resigned.\n\nThis story was originally published by Brel Wire.",
            ["brel wire"],
        ),
        ("The minister resigned.\n\nSource: Brel Wire", ["brel wire"]),
        ("The minister resigned.\n\n(Reporting by Anna Pellik; Editing by Jon Vass)", ["reuters"]),
    ],
)
def test_credit_lines_are_read_in_their_usual_forms(text, expected):
    assert credits(text) == expected


_STORY = "The minister of Lisk resigned on Monday after a week of protests."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline credit with no place, a place in title case, a colon after
        ("(Brel Wire) — " + _STORY, ["brel wire"]),
        ("Lisk (Brel Wire) - " + _STORY, ["brel wire"]),
        ("Lisk, May 3 (Brel Wire): " + _STORY, ["brel wire"]),
        # a sign-off on its own line, with a hyphen
        (_STORY + "\n\n— Brel Wire", ["brel wire"]),
        (_STORY + " - BRW", ["brw"]),
        # "with" and the sources, "with reporting by" a news organisation
        (_STORY + "\n\n(with AFP)", ["afp"]),
        (_STORY + "\n\nWith AFP and Reuters", ["afp", "reuters"]),
        (_STORY + "\n\nWith reporting by Brel Wire.", ["brel wire"]),
        # copyright with the word and the sign together, a range of years
        (_STORY + "\n\n© Copyright 2024 Brel Wire", ["brel wire"]),
        (_STORY + "\n\nCopyright 2023-2024 Brel Wire. All rights reserved.", ["brel wire"]),
        (_STORY + "\n\nRepublished with permission from Brel Wire.", ["brel wire"]),
        (_STORY + "\n\nSOURCE: Brel Wire", ["brel wire"]),
        # a byline paragraph naming a news organisation
        ("By Anna Pellik, Brel Wire\n\n" + _STORY, ["brel wire"]),
        ("By ANNA PELLIK Associated Press\n\n" + _STORY, ["ap"]),
        ("Anna Pellik | Brel Wire\n\n" + _STORY, ["brel wire"]),
        ("By Anna Pellik for Lisk Daily News\n\n" + _STORY, ["lisk daily news"]),
        (_STORY + "\n\nWritten by Anna Pellik for Brel Wire.", ["brel wire"]),
        # a credit a translated page keeps in its language
        (_STORY + "\n\nCon información de Brel Wire.", ["brel wire"]),
        (_STORY + "\n\nQuelle: Brel Wire", ["brel wire"]),
    ],
)
def test_more_credit_forms_are_read(text, expected):
    assert credits(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # credits naming no one source
        _STORY + "\n\n(Agencies)",
        _STORY + "\n\n(With agencies)",
        _STORY + "\n\nWith inputs from Agencies",
        # a writer and a place, not a source
        _STORY + "\n\nAnna Pellik in Lisk contributed to this report.",
        # the narration citing an agency
        "The minister told the AFP news agency that he would resign. " + _STORY,
        "The minister resigned, the AFP news agency reported. " + _STORY,
    ],
)
def test_what_names_no_source_of_the_text_is_no_credit(text):
    assert credits(text) == []


@pytest.mark.parametrize(
    ("author", "cut", "expected"),
    [
        ("By Reuters Staff", [], ["reuters"]),
        ("Anna Pellik, Associated Press", [], ["ap"]),
        ("Anna Pellik", ["Share this article", "Anna Pellik | AFP"], ["afp"]),
        ("Anna Pellik and Jon Vass", ["Read more"], []),
    ],
)
def test_a_byline_or_a_cut_header_line_naming_a_wire_is_a_credit(author, cut, expected):
    assert byline_credits(author, cut) == expected


def test_a_wire_named_only_in_the_byline_joins_its_family():
    """Two copies of one wire story whose pages credit it only in the byline (which cleaning
    moves out of the body): linked by the credit though one is cut down to two sentences."""
    wire = "The port of Lisk reopened on Monday after a week of strikes. Ferries ran again."
    other = "Talks on the Lisk dock wages will resume next week, the union said on Friday."
    found = provenance(
        [
            {"body": wire, "author": "By Brel Staff", "outlet": "Daily Brannock"},
            {"body": other, "author": "", "removed": ["Jon Vass | AFP"], "outlet": "Tellmark"},
            {"body": wire.split(". ")[0] + ".", "author": "AFP", "outlet": "Norvane Press"},
        ]
    )
    assert found["families"] == [[1, 2], [0]]


def test_the_article_s_own_outlet_is_not_a_credit():
    assert credits("LISK (Brel Wire) - The minister resigned.", outlet="Brel Wire") == []


_WIRE = """Fire destroys grain warehouse at Quelport

QUELPORT, Vessmark (Quenby Wire) - A fire destroyed a grain warehouse at the port of Quelport on \
Tuesday night, halting exports and forcing the evacuation of about 300 dock workers, officials said.

The blaze broke out shortly after 10 p.m. in a storage hall holding 40,000 tonnes of wheat and \
spread to two neighbouring sheds before firefighters brought it under control early on Wednesday.

No one was killed, but four firefighters were treated in hospital for smoke inhalation, the \
regional fire service said in a statement.

"The hall is a total loss. We will need months to rebuild," port director Elsa Brandvik told \
reporters at the gate.

Shipping companies diverted at least six cargo vessels to the northern port of Dunvaro, which \
handles about a third of Quelport's volume.

The cause of the fire was not yet known, and police said they had opened an investigation.

Quelport exports most of Vessmark's wheat, and traders said prices for the spring harvest rose \
3 percent on the news.

The port was last closed in 2019, when a storm damaged its main crane.
"""

# The same story translated and back again: every fact in the wire's order, hardly a phrase kept.
_RETOLD = """Quelport: grain depot in port consumed by flames

On Tuesday evening a grain depot in the harbour of Quelport was consumed by flames, which \
interrupted exports, and some 300 port employees were evacuated, authorities reported.

The flames began a little after 10 in the evening in a warehouse containing 40,000 tons of wheat \
and reached two adjacent sheds, before the firemen controlled them in the first hours of Wednesday.

There were no deaths, although four firemen received hospital care after breathing smoke, the \
fire department of the region reported in a communique.

Six cargo boats or more were sent by the shipping companies toward Dunvaro, the northern port, \
which manages close to one third of the volume of Quelport.

The origin of the flames is still unknown, and the police have opened an inquiry.

Quelport handles the greater part of the wheat of Vessmark, and according to traders the price \
of the spring harvest increased 3 percent.
"""

# An outlet's own report of the same fire, with the same quote.
_OWN = """Quelport counts the cost after night of flames

Dock workers stood in the rain on Wednesday morning watching smoke still rising from what was \
once the biggest grain hall on the Quelport waterfront.

For the families who depend on the port, the loss goes well beyond a building. Many fear weeks \
without shifts while the site is cleared.

"The hall is a total loss. We will need months to rebuild," port director Elsa Brandvik told \
reporters at the gate.

Union leader Piet Sandvoll said he had warned about faulty wiring in the storage halls two years \
ago and called for an independent inquiry.

Local bakers said flour deliveries were already late, and some expected to raise bread prices by \
the weekend.

The fire broke out on Tuesday night and four firefighters were treated for smoke inhalation.
"""


def test_a_copy_reworded_past_most_sentence_matches_is_placed_by_its_order_of_facts(nlp):
    """A translated-and-back copy keeps two sentences close enough to match outright; its other
    sentences, reworded further, sit at the same places between them and link it to the wire.
    The outlet's own report with the same quote and a fact or two in common stays alone."""
    articles = []
    for text in (_WIRE, _RETOLD, _OWN):
        cleaned = cleaning.clean(text, kind="text", filename="story.txt")
        result = extract(nlp(cleaned.body), published=cleaned.published)
        articles.append(
            {
                "body": cleaned.body,
                "quotes": [quote_dict(q) for q in result.quotes],
                "events": [event_dict(e) for e in result.events],
                "sentences": result.sentences,
            }
        )
    assert provenance(articles)["families"] == [[0, 1], [2]]
