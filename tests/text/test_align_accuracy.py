"""Alignment precision and recall on the project's labelled pairs (tests/fixtures/alignment)."""

import json
from pathlib import Path

from coverage_app.text.align.aligner import DEFAULT_MIN_SCORE, align_events, align_quotes
from coverage_app.text.align.scoring import quote_scores

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "alignment"


def _score(kind: str, align) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for path in sorted(FIXTURES.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        left, right = case["a"][kind], case["b"][kind]
        result = align(left, right)
        got = {(left[p.a]["id"], right[p.b]["id"]) for p in result.pairs}
        gold = {tuple(pair) for pair in case[f"gold_{kind}"]}
        tp += len(got & gold)
        fp += len(got - gold)
        fn += len(gold - got)
    return tp, fp, fn


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall)


def test_labelled_pairs_cover_enough_cases():
    cases = [json.loads(p.read_text()) for p in FIXTURES.glob("*.json")]
    assert len(cases) >= 6
    assert sum(len(c["gold_quotes"]) for c in cases) >= 20
    outlets = {c[side]["outlet"] for c in cases for side in "ab"}
    assert len(outlets) >= 5


def test_quote_alignment_f1_is_at_least_0_95():
    precision, recall, f1 = _f1(*_score("quotes", align_quotes))
    print(f"\nquote alignment: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    assert f1 >= 0.95


def test_quote_and_event_alignment_together_reach_f1_0_95():
    quotes = _score("quotes", align_quotes)
    events = _score("events", align_events)
    ep, er, ef = _f1(*events)
    precision, recall, f1 = _f1(*(q + e for q, e in zip(quotes, events, strict=True)))
    print(f"\nevent alignment: precision {ep:.3f} recall {er:.3f} F1 {ef:.3f}")
    print(f"quotes + events: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    assert ef >= 0.85
    assert f1 >= 0.95


def test_true_pairs_and_distractors_are_separated_by_a_margin_around_the_threshold():
    """Every gold quote pair scores above every non-gold cell (same-speaker remarks on the same
    topic, one person's words at two events...) and above the default threshold."""
    lowest_true, highest_other = 100.0, 0.0
    for path in sorted(FIXTURES.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        left, right = case["a"]["quotes"], case["b"]["quotes"]
        gold = {tuple(pair) for pair in case["gold_quotes"]}
        scores = quote_scores(left, right)
        for i, a in enumerate(left):
            for j, b in enumerate(right):
                if (a["id"], b["id"]) in gold:
                    lowest_true = min(lowest_true, float(scores[i, j]))
                else:
                    highest_other = max(highest_other, float(scores[i, j]))
    print(f"\nlowest gold pair {lowest_true:.1f}, highest other cell {highest_other:.1f}")
    assert lowest_true - highest_other >= 5
    # Every gold pair clears the default threshold; a distractor above it loses the one-to-one
    # assignment to the gold pair (the F1 tests above).
    assert DEFAULT_MIN_SCORE <= lowest_true - 2
