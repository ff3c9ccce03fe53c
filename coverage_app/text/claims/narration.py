"""What the writers themselves state and the words they choose: claims and wording of a pair.

Pure: article dicts in ({"body", "sentences", "quotes", "events", "terms"}, as `cli` and
`comparisons` build them), with the quote and event alignment already made (`align_quotes` /
`align_events` as dicts, pairs by index); plain data out.
"""

from __future__ import annotations

from collections.abc import Mapping

from coverage_app.text.align.aligner import DEFAULT_MIN_SCORE, align_events
from coverage_app.text.claims import claim_align, claim_sentences, wording


def _claim_out(claim: dict) -> dict:
    out = {"text": claim["text"], "start": claim["start"], "end": claim["end"]}
    return out | {"attributed": True} if claim.get("attributed") else out


def narration(
    article_a: dict,
    article_b: dict,
    aligned: dict,
    *,
    prior: Mapping[str, int] | None = None,
    prior_total: int | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    floor: float | None = None,
    claims_floor: float | None = None,
) -> dict:
    """{"claims": {"pairs", "only_a", "only_b"}, "events": {...}, "wording": [contrast...]}.

    Claims are aligned first, their scores raised where aligned quotes and events sit in both
    sentences. The events are then aligned again (`align_events` at `min_score`, down to
    `floor`), raised where their sentences are a claim pair at the default claims threshold:
    the "events" to show. Wording is collected from every aligned pair at the default
    thresholds (quotes, reported speech, events, claims) and from both articles' terms.

    `prior`: the corpus's term counts for distinctive terms (by default the two articles); with
    `prior_total` (the corpus's total count) it need hold only the two articles' terms.
    `claims_floor`: also keep claim pairs scoring from it up to `claim_align.DEFAULT_MIN_SCORE` (the
    pairs above are the same either way), so that a page can move the claims threshold."""
    claims_a = claim_sentences.extract_claims(
        article_a["body"], article_a["sentences"], article_a["quotes"], article_a["events"]
    )
    claims_b = claim_sentences.extract_claims(
        article_b["body"], article_b["sentences"], article_b["quotes"], article_b["events"]
    )
    links = []
    for kind in ("quotes", "events"):
        links += claim_align.claim_links(
            claims_a,
            claims_b,
            article_a[kind],
            article_b[kind],
            aligned.get(kind, {}).get("pairs", []),
        )
    claim_alignment = claim_align.align_claims(claims_a, claims_b, links=links, floor=claims_floor)
    strong_claims = [p for p in claim_alignment.pairs if p.score >= claim_align.DEFAULT_MIN_SCORE]
    # Events again, raised where their sentences are an aligned claim pair.
    places = [(claims_a[p.a]["start"], claims_b[p.b]["start"], p.score) for p in strong_claims]
    events = align_events(
        article_a["events"],
        article_b["events"],
        min_score=min_score,
        floor=floor,
        sentence_links=claim_align.event_links(
            article_a["sentences"],
            article_b["sentences"],
            article_a["events"],
            article_b["events"],
            places,
        ),
    ).as_dict()
    shown = {"quotes": aligned.get("quotes", {}), "events": events}
    texts = []
    for kind in ("quotes", "events"):
        for pair in shown[kind].get("pairs", []):
            if pair["score"] < min_score or pair.get("a_parts") or pair.get("b_parts"):
                continue  # a weak pair, or a stitched side that is not one stretch of its body
            x, y = article_a[kind][pair["a"]], article_b[kind][pair["b"]]
            texts.append(wording.AlignedText(x["text"], x["start"], y["text"], y["start"]))
    for pair in strong_claims:  # a weaker pair kept for the page's threshold is no evidence
        x, y = claims_a[pair.a], claims_b[pair.b]
        texts.append(wording.AlignedText(x["text"], x["start"], y["text"], y["start"]))
    return {
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
