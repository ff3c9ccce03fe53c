"""Claims and wording on invented coverage (tests/fixtures/claims/: three invented outlets on
one invented bridge closure, with facts only one states and terms known to differ).

Printed and floored: precision and recall of claim pairs (a predicted pair is right when each
side holds the labelled snippets of one expected pair), of the facts stated by one side only,
and of wording contrasts (a predicted contrast is right when its two terms, lower-cased, are a
labelled contrast of the same source; distinctive terms are labelled by side).
"""

import json
from pathlib import Path

import pytest

from coverage_app.plain_data import event_dict, quote_dict
from coverage_app.text.align import aligner
from coverage_app.text.claims.narration import compare_pair
from coverage_app.text.clean import cleaning
from coverage_app.text.extract import extract

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
LABELS = json.loads((FIXTURES / "labels.json").read_text())


@pytest.fixture(scope="module")
def articles(nlp):
    names = {c[k] for c in LABELS["comparisons"] for k in ("a", "b")}
    out = {}
    for name in sorted(names):
        cleaned = cleaning.clean((FIXTURES / name).read_text(), kind="text", filename=name)
        result = extract(nlp(cleaned.body), published=cleaned.published)
        out[name] = {
            "body": cleaned.body,
            "quotes": [quote_dict(q) for q in result.quotes],
            "events": [event_dict(e) for e in result.events],
            "sentences": result.sentences,
            "terms": result.terms,
        }
    return out


def told(articles, comparison) -> dict:
    return compare_pair(articles[comparison["a"]], articles[comparison["b"]])


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def contrast_key(contrast) -> tuple:
    a, b, source = contrast
    return ((a or "").lower(), (b or "").lower(), source)


def test_claim_pairs_and_wording_contrasts_are_found_on_invented_coverage(articles):
    pairs_found = pairs_right = pairs_expected = pairs_recalled = 0
    only_found = only_right = only_expected = only_recalled = 0
    words_found = words_right = words_expected = words_recalled = 0
    for comparison in LABELS["comparisons"]:
        out = told(articles, comparison)
        predicted = [(p["a"]["text"], p["b"]["text"]) for p in out["claims"]["pairs"]]
        expected = comparison["pairs"]
        right = [(a, b) for a, b in predicted if any(x in a and y in b for x, y in expected)]
        pairs_found += len(predicted)
        pairs_right += len(right)
        pairs_expected += len(expected)
        pairs_recalled += sum(any(x in a and y in b for a, b in predicted) for x, y in expected)

        for side in ("only_a", "only_b"):
            texts = [c["text"] for c in out["claims"][side]]
            labelled = comparison[side]
            only_found += len(texts)
            only_right += sum(any(s in t for s in labelled) for t in texts)
            only_expected += len(labelled)
            only_recalled += sum(any(s in t for t in texts) for s in labelled)

        contrasts = {contrast_key((c["a"], c["b"], c["source"])) for c in out["wording"]}
        labelled = {contrast_key(c) for c in comparison["wording"]}
        words_found += len(contrasts)
        words_right += len(contrasts & labelled)
        words_expected += len(labelled)
        words_recalled += len(contrasts & labelled)

    figures = {
        "claim pairs": (ratio(pairs_right, pairs_found), ratio(pairs_recalled, pairs_expected)),
        "stated by one side only": (
            ratio(only_right, only_found),
            ratio(only_recalled, only_expected),
        ),
        "wording contrasts": (
            ratio(words_right, words_found),
            ratio(words_recalled, words_expected),
        ),
    }
    for name, (precision, recall) in figures.items():
        print(f"{name}: precision {precision:.2f} recall {recall:.2f}")
    assert figures["claim pairs"][0] >= 0.9 and figures["claim pairs"][1] >= 0.9
    assert figures["stated by one side only"][0] >= 0.8
    assert figures["stated by one side only"][1] >= 0.8
    assert figures["wording contrasts"][0] >= 0.8 and figures["wording contrasts"][1] >= 0.8


def test_a_claim_pair_whose_numbers_differ_is_flagged(articles):
    for comparison in LABELS["comparisons"]:
        out = told(articles, comparison)
        for snippet, flag in comparison.get("flags", []):
            pair = next(p for p in out["claims"]["pairs"] if snippet in p["a"]["text"])
            assert flag in pair["flags"]
            assert pair["conflict"]


def test_every_contrast_points_at_its_terms_in_both_bodies(articles):
    comparison = LABELS["comparisons"][0]
    a, b = articles[comparison["a"]]["body"], articles[comparison["b"]]["body"]
    for contrast in told(articles, comparison)["wording"]:
        for side, body in (("a", a), ("b", b)):
            term = contrast[side]
            for start, end in contrast[f"spans_{side}"]:
                if term is not None and contrast["source"] != "distinctive":
                    assert body[start:end].lower() == term.lower()
                else:
                    assert body[start:end].strip()


def _article(nlp, body: str) -> dict:
    result = extract(nlp(body), published=None)
    return {
        "body": body,
        "quotes": [quote_dict(q) for q in result.quotes],
        "events": [event_dict(e) for e in result.events],
        "sentences": result.sentences,
        "terms": result.terms,
    }


def test_events_in_two_sentences_stating_one_fact_are_aligned_through_the_sentences(nlp):
    a = _article(
        nlp,
        "Dockers at the port of Velmar walked out on Friday over a pay offer.\n\n"
        "Police arrested 40 dockers outside the Velmar terminal on Friday night.\n\n"
        "The mayor of Velmar called for calm at the harbour gates.",
    )
    b = _article(
        nlp,
        "Port workers in Velmar went on strike on Friday after rejecting a pay offer.\n\n"
        "Officers held forty strikers outside the Velmar terminal on Friday night.\n\n"
        "Bakeries in the old town ran out of bread by noon.",
    )
    arrest = next(k for k, e in enumerate(a["events"]) if e["action"] == "arrest")
    held = next(k for k, e in enumerate(b["events"]) if e["action"] == "hold")
    alone = aligner.align_events(a["events"], b["events"], min_score=0)
    alone_score = next(p.score for p in alone.pairs if (p.a, p.b) == (arrest, held))
    shown = compare_pair(a, b)["events"]
    linked = [p["score"] for p in shown["pairs"] if (p["a"], p["b"]) == (arrest, held)]
    assert linked and linked[0] > alone_score  # the two sentences, a claim pair, raise it
    assert arrest not in shown["only_a"] and held not in shown["only_b"]
