"""Extraction accuracy on the hand-labelled set in tests/fixtures/extraction/.

Matching rules (written before the extractor was tuned, and kept):
* Quotes (direct + partial): a found quote matches a gold one when their words, lower-cased
  and without punctuation, agree with an F1 of at least 0.8 (so a trailing comma or a mark
  kept or cut does not matter, a different span does). Each gold quote matches once.
* Reported speech: the same with F1 >= 0.6 (a clause boundary may reasonably differ by a few
  words).
* Speaker accuracy: over every matched quote and reported clause, the share whose speaker
  equals the gold speaker (case and a leading "the" ignored; None must be None).
* Non-quotes (scare quotes, titles, nicknames) must not come out as direct or partial quotes.
"""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from coverage_app.text.extract import extract

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text or "")]


def overlap_f1(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    pool = list(wb)
    common = 0
    for w in wa:
        if w in pool:
            pool.remove(w)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def same_speaker(found: str | None, gold: str | None) -> bool:
    def norm(name):
        if not name:
            return ""
        name = " ".join(name.lower().split())
        return name.removeprefix("the ")

    return norm(found) == norm(gold)


def match(found: list[dict], gold: list[dict], threshold: float) -> list[tuple[dict, dict]]:
    pairs = sorted(
        ((overlap_f1(f["text"], g["text"]), i, j) for i, f in enumerate(found)
         for j, g in enumerate(gold)),
        key=lambda item: -item[0],
    )  # fmt: skip
    used_f, used_g, matched = set(), set(), []
    for score, i, j in pairs:
        if score < threshold:
            break
        if i in used_f or j in used_g:
            continue
        used_f.add(i)
        used_g.add(j)
        matched.append((found[i], gold[j]))
    return matched


def prf(matched: int, found: int, gold: int) -> tuple[float, float, float]:
    p = matched / found if found else 1.0
    r = matched / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def measure(nlp, *, verbose: bool = False, gold_dir: Path = GOLD) -> dict:
    """Figures on the labelled set in `gold_dir` (its gold.json and article files)."""
    labels = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))
    totals = {"q_found": 0, "q_gold": 0, "q_match": 0, "r_found": 0, "r_gold": 0,
              "r_match": 0, "speaker_right": 0, "speaker_total": 0, "non_quotes_taken": 0,
              "utterances_right": 0, "utterances_total": 0}  # fmt: skip
    problems = []
    for article in labels["articles"]:
        body = (gold_dir / article["file"]).read_text(encoding="utf-8")
        result = extract(nlp(body), published=date.fromisoformat(article["published"]))
        gold = [
            {"kind": q[0], "speaker": q[1], "text": q[2], "utterance": q[3] if len(q) > 3 else None}
            for q in article["quotes"]
        ]
        found_q = [q for q in result.quotes if q["kind"] != "indirect"]
        found_r = [q for q in result.quotes if q["kind"] == "indirect"]
        gold_q = [g for g in gold if g["kind"] != "indirect"]
        gold_r = [g for g in gold if g["kind"] == "indirect"]
        mq = match(found_q, gold_q, 0.8)
        mr = match(found_r, gold_r, 0.6)
        totals["q_found"] += len(found_q)
        totals["q_gold"] += len(gold_q)
        totals["q_match"] += len(mq)
        totals["r_found"] += len(found_r)
        totals["r_gold"] += len(gold_r)
        totals["r_match"] += len(mr)
        for found, g in mq + mr:
            totals["speaker_total"] += 1
            if same_speaker(found["speaker"], g["speaker"]):
                totals["speaker_right"] += 1
            else:
                problems.append(f"{article['file']}: speaker {found['speaker']!r} for "
                                f"{g['text'][:50]!r}, want {g['speaker']!r}")  # fmt: skip
        matched_found = {id(f) for f, _ in mq + mr}
        matched_gold = {id(g) for _, g in mq + mr}
        for f in result.quotes:
            if id(f) not in matched_found:
                problems.append(f"{article['file']}: extra {f['kind']} {f['text'][:60]!r}")
        for g in gold:
            if id(g) not in matched_gold:
                problems.append(f"{article['file']}: missed {g['kind']} {g['text'][:60]!r}")
        for scare in article["not_quotes"]:
            if any(overlap_f1(q["text"], scare) >= 0.8 for q in found_q):
                totals["non_quotes_taken"] += 1
                problems.append(f"{article['file']}: non-quote {scare!r} taken as a quote")
        # Spans of one gold utterance share one found utterance number.
        by_label: dict[str, list[dict]] = {}
        for found, g in mq:
            if g["utterance"]:
                by_label.setdefault(g["utterance"], []).append(found)
        for label, members in by_label.items():
            totals["utterances_total"] += 1
            if len({m["utterance"] for m in members}) == 1 and len(members) > 1:
                totals["utterances_right"] += 1
            else:
                problems.append(f"{article['file']}: utterance {label!r} split")
    qp, qr, qf = prf(totals["q_match"], totals["q_found"], totals["q_gold"])
    rp, rr, rf = prf(totals["r_match"], totals["r_found"], totals["r_gold"])
    figures = {
        "quote_precision": qp, "quote_recall": qr, "quote_f1": qf,
        "reported_precision": rp, "reported_recall": rr, "reported_f1": rf,
        "speaker_accuracy": totals["speaker_right"] / max(totals["speaker_total"], 1),
        "non_quotes_taken": totals["non_quotes_taken"],
        "utterances_joined": f"{totals['utterances_right']}/{totals['utterances_total']}",
        "gold_quotes": totals["q_gold"], "gold_reported": totals["r_gold"],
    }  # fmt: skip
    if verbose:
        for line in problems:
            print("  ", line)
    return figures


@pytest.fixture(scope="module")
def figures(nlp):
    result = measure(nlp, verbose=True)
    print()
    for key, value in result.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    return result


def test_gold_set_is_big_enough_and_every_gold_text_is_in_its_article():
    labels = json.loads((GOLD / "gold.json").read_text(encoding="utf-8"))
    assert len(labels["articles"]) >= 8
    quotes = [q for a in labels["articles"] for q in a["quotes"] if q[0] != "indirect"]
    assert len(quotes) >= 60
    for article in labels["articles"]:
        body = (GOLD / article["file"]).read_text(encoding="utf-8")
        for quote in article["quotes"]:
            assert quote[2] in body, quote[2]
        for scare in article["not_quotes"]:
            assert scare in body, scare


def test_quote_f1_is_at_least_095(figures):
    assert figures["quote_f1"] >= 0.95


def test_speaker_accuracy_is_at_least_095(figures):
    assert figures["speaker_accuracy"] >= 0.95


def test_reported_speech_f1_is_at_least_085(figures):
    assert figures["reported_f1"] >= 0.85


def test_no_scare_quote_title_or_nickname_is_taken_as_a_quote(figures):
    assert figures["non_quotes_taken"] == 0
