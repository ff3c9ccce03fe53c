"""A pair of articles compared: their quotes and events aligned, what the writers themselves
state (claims) and the words they choose (wording).

Pure: article dicts in ({"body", "sentences", "quotes", "events", "terms"}, as `plain_data` and
`comparisons` build them), plain data out (`compare_pair`). The one place a pair is aligned:
the stored comparison (`coverage_app.comparisons`) and the `compare` command both call it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from coverage_app.text.align.aligner import (
    DEFAULT_MIN_SCORE,
    Alignment,
    align_events,
    align_quotes,
    assign,
    linked_scores,
    shown_score,
)
from coverage_app.text.align.scoring import event_scores
from coverage_app.text.claims import claim_align, claim_sentences, wording


def _claim_out(claim: dict) -> dict:
    out = {"text": claim["text"], "start": claim["start"], "end": claim["end"]}
    return out | {"attributed": True} if claim.get("attributed") else out


def compare_pair(
    article_a: dict,
    article_b: dict,
    *,
    prior: Mapping[str, int] | None = None,
    prior_total: int | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    floor: float | None = None,
    claims_floor: float | None = None,
) -> dict:
    """{"quotes": {"pairs", "only_a", "only_b"}, "events": {...}, "claims": {...},
    "wording": [contrast...]}, pairs by index into the two articles' lists.

    Quotes are aligned at `min_score` (down to `floor`). Events are scored once
    (`event_scores`): their pairs at `min_score` and the quote pairs raise the scores of the
    claims their sentences hold; claims are aligned; the events are then assigned from the same
    scores, raised where their sentences are a claim pair at the default claims threshold
    (down to `floor`): the "events" to show. Wording is collected from every aligned pair at the
    default thresholds (quotes, reported speech, events, claims) and from both articles' terms.

    `prior`: the corpus's term counts for distinctive terms (by default the two articles); with
    `prior_total` (the corpus's total count) it need hold only the two articles' terms.
    `claims_floor`: also keep claim pairs scoring from it up to `claim_align.DEFAULT_MIN_SCORE` (the
    pairs above are the same either way), so that a page can move the claims threshold."""
    told = _told(article_a, article_b, min_score=min_score, floor=floor, claims_floor=claims_floor)
    quotes, claims_a, claims_b = told.quotes, told.claims_a, told.claims_b
    claim_alignment, strong_claims = told.claim_alignment, told.strong_claims
    # The events, raised where their sentences are an aligned claim pair.
    events = align_events(
        article_a["events"],
        article_b["events"],
        min_score=min_score,
        floor=floor,
        sentence_links=told.sentence_links,
        scores=told.event_scores,
    ).as_dict()
    texts = _aligned_texts(article_a, article_b, {"quotes": quotes, "events": events}, min_score)
    for pair in strong_claims:  # a weaker pair kept for the page's threshold is no evidence
        x, y = claims_a[pair.a], claims_b[pair.b]
        texts.append(wording.AlignedText(x["text"], x["start"], y["text"], y["start"]))
    return {
        "quotes": quotes,
        "claims": {
            "pairs": [
                p.as_dict() | {"a": _claim_out(claims_a[p.a]), "b": _claim_out(claims_b[p.b])}
                for p in claim_alignment.pairs
            ],
            "only_a": [_claim_out(claims_a[i]) for i in claim_alignment.only_a],
            "only_b": [_claim_out(claims_b[j]) for j in claim_alignment.only_b],
        },
        "events": events,
        "wording": wording.wording(
            aligned=texts,
            terms_a=article_a["terms"],
            terms_b=article_b["terms"],
            prior=prior,
            prior_total=prior_total,
            body_a=article_a["body"],
            body_b=article_b["body"],
        ),
    }


@dataclass
class _Told:
    """What a pair's events are aligned on: the quote pairs, the events' own scores, the two
    articles' claims and their alignment, and the event pairs whose sentences are a strong
    claim pair ((event of A, event of B, claim pair score), `claim_align.event_links`)."""

    quotes: dict
    event_scores: np.ndarray
    claims_a: list[dict]
    claims_b: list[dict]
    claim_alignment: Alignment
    strong_claims: list
    sentence_links: list[tuple[int, int, float]]


def _told(
    article_a: dict,
    article_b: dict,
    *,
    min_score: float,
    floor: float | None = None,
    claims_floor: float | None = None,
) -> _Told:
    quotes = align_quotes(
        article_a["quotes"], article_b["quotes"], min_score=min_score, floor=floor
    ).as_dict()
    scores = event_scores(article_a["events"], article_b["events"])
    claims_a, claims_b, links = _claim_inputs(article_a, article_b, quotes, scores, min_score)
    claim_alignment = claim_align.align_claims(claims_a, claims_b, links=links, floor=claims_floor)
    strong_claims = [p for p in claim_alignment.pairs if p.score >= claim_align.DEFAULT_MIN_SCORE]
    places = [(claims_a[p.a]["start"], claims_b[p.b]["start"], p.score) for p in strong_claims]
    sentence_links = claim_align.event_links(
        article_a["sentences"], article_b["sentences"], article_a["events"], article_b["events"],
        places,
    )  # fmt: skip
    return _Told(quotes, scores, claims_a, claims_b, claim_alignment, strong_claims, sentence_links)


def event_rule_scores(article_a: dict, article_b: dict, *, min_score: float) -> np.ndarray:
    """The rule's event-pair scores before calibration, as `compare_pair` computes them (each
    event pair's own score raised where its sentences are a strong claim pair): what the
    event-pair calibration is fitted on (`training.events`)."""
    told = _told(article_a, article_b, min_score=min_score)
    return linked_scores(told.event_scores, told.sentence_links)


def claim_inputs(
    article_a: dict, article_b: dict, *, min_score: float
) -> tuple[list[dict], list[dict], list[tuple[int, int, float]]]:
    """The two articles' claims and the quote and event pairs that link them, as
    `compare_pair` aligns them: what the claim-pair model is fitted on (`training.claims`)."""
    quotes = align_quotes(article_a["quotes"], article_b["quotes"], min_score=min_score).as_dict()
    scores = event_scores(article_a["events"], article_b["events"])
    return _claim_inputs(article_a, article_b, quotes, scores, min_score)


def _claim_inputs(
    article_a: dict, article_b: dict, quotes: dict, scores: np.ndarray, min_score: float
) -> tuple[list[dict], list[dict], list[tuple[int, int, float]]]:
    claims_a, claims_b = _claims(article_a), _claims(article_b)
    links = _claim_links(article_a, article_b, claims_a, claims_b, quotes, scores, min_score)
    return claims_a, claims_b, links


def _claims(article: dict) -> list[dict]:
    return claim_sentences.extract_claims(
        article["body"], article["sentences"], article["quotes"], article["events"]
    )


def _claim_links(
    article_a: dict,
    article_b: dict,
    claims_a: list[dict],
    claims_b: list[dict],
    quotes: dict,
    event_scores: np.ndarray,
    min_score: float,
) -> list[tuple[int, int, float]]:
    """What raises a claim pair: the quote pairs at `min_score` and the event pairs the events'
    own scores make at `min_score`, whose items sit in the two claims."""
    evidence = {
        "quotes": [p for p in quotes["pairs"] if p["score"] >= min_score],
        "events": [
            {"a": i, "b": j, "score": shown_score(event_scores[i, j])}
            for i, j in assign(event_scores, min_score=min_score)
        ],
    }
    links = []
    for kind, pairs in evidence.items():
        links += claim_align.claim_links(
            claims_a, claims_b, article_a[kind], article_b[kind], pairs
        )
    return links


def _aligned_texts(
    article_a: dict, article_b: dict, aligned: dict, min_score: float
) -> list[wording.AlignedText]:
    """The texts of the quote and event pairs at `min_score` that are one stretch of each body,
    for the wording contrasts."""
    texts = []
    for kind in ("quotes", "events"):
        for pair in aligned[kind]["pairs"]:
            if pair["score"] < min_score or pair.get("a_parts") or pair.get("b_parts"):
                continue  # a weak pair, or a stitched side that is not one stretch of its body
            x, y = article_a[kind][pair["a"]], article_b[kind][pair["b"]]
            texts.append(wording.AlignedText(x["text"], x["start"], y["text"], y["start"]))
    return texts
