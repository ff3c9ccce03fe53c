"""Fit the speaker ranker (`text.quotes.speaker_ranker`) on PolNeAR train and the devset.

For every quote or reported clause the extractor finds (with the rules' speaker, before ranking)
that matches a labelled one, each candidate speaker `Candidates.for_quote` proposes is labelled
right or wrong by the same judgement the scorers use (`../shared/tools/score_polnear.py`'s
`check_speaker`, `score.py`'s `same_speaker`), and a logistic regression learns which features
make a candidate the speaker. Cross-validation holds out one PolNeAR publisher or one devset
event at a time and prints, on the held-out items, how often the rules' speaker and the ranker's
first candidate are right.

PolNeAR's conventions, mapped:
- a news medium as the source ("the newspaper reported", a broadcaster named as source) is a
  channel for us, never a speaker: such items are dropped (not learned from, not scored);
- beliefs and intentions ("believes", "thinks", "wants") are attributions there, not speech
  here: direct items whose cue is one of those verbs are dropped (indirect gold already keeps
  speech verbs only);
- a report inside a report ("X said Y had told it that...") is labelled there for the inner
  source and here (devset LABELLING.md) once for the outer speaker: such indirect items are
  dropped;
- items whose gold source cannot be judged (no coreference chain, or a chain without a proper
  name) are dropped, as the scorer drops them.

Parses are cached as DocBin files under /work/cache/speakers (outside the repository), keyed by
the body's hash and the spaCy model.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from coverage_app.text import fitted
from coverage_app.text.people.entities import fold
from coverage_app.text.people.name_words import MEDIA_WORDS
from coverage_app.text.quotes import speaker_ranker

CACHE = Path(os.environ.get("PARALLAX_PARSE_CACHE", "/work/cache/speakers"))
BELIEF_CUES = {"think", "thinks", "thought", "believe", "believes", "believed", "feel", "feels",
               "felt", "hope", "hopes", "hoped", "want", "wants", "wanted", "fear", "fears",
               "feared", "expect", "expects", "expected", "know", "knows", "knew", "plan",
               "plans", "planned", "intend", "intends", "intended", "worry", "worries",
               "worried"}  # fmt: skip


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _bodies(paths: list[Path]) -> list[str]:
    from coverage_app.text.clean import cleaning, decoding

    bodies = []
    for path in paths:
        raw = decoding.decode(path.read_bytes())
        kind = cleaning.KINDS.get(path.suffix.lower(), "text")
        bodies.append(cleaning.clean(raw, kind=kind, filename=path.name).body)
    return bodies


def parsed(bodies: list[str], name: str, out: TextIO):
    """The parsed Docs of `bodies`, from the cache when it holds them all."""
    from django.conf import settings
    from spacy.tokens import DocBin

    from coverage_app.text import nlp

    pipeline = nlp.load(settings.SPACY_MODEL)
    key = hashlib.sha256(
        ("\0".join(bodies) + settings.SPACY_MODEL + pipeline.meta.get("version", "")).encode()
    ).hexdigest()[:16]
    path = CACHE / f"{name}-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(pipeline.vocab))
    out.write(f"parsing {len(bodies)} {name} articles (cached at {path})\n")
    docs = list(pipeline.pipe(bodies, batch_size=16))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    return docs


def _stage(doc):
    from coverage_app.text.extract import find_quotes

    if not doc.text.strip() or not len(doc):
        return None
    return find_quotes(doc, rank=False)


def _groups_of(stage, judged: dict[int, callable], fold_name: str, source: str) -> list[dict]:
    """`judged` maps a quote's index in stage.quotes to a judge(name) -> True/False."""
    table = speaker_ranker.Candidates(stage.finder)
    groups = []
    previous = None
    order = sorted(range(len(stage.quotes)), key=lambda k: stage.quotes[k]["start"])
    for k in order:
        quote = stage.quotes[k]
        candidates = table.for_quote(quote, previous)
        if quote.get("kind") != "indirect" and quote.get("_entity") is not None:
            previous = quote["_entity"]
        judge = judged.get(k)
        if judge is None:
            continue
        rule = quote.get("_entity")
        groups.append({
            "fold": fold_name,
            "source": source,
            "kind": "indirect" if quote.get("kind") == "indirect" else "direct",
            "rule_right": bool(rule is not None and judge(rule.name)),
            "rule_none": rule is None,
            "candidates": [(f, bool(judge(e.name))) for e, f in candidates],
        })  # fmt: skip
    return groups


def _nested(item, art) -> bool:
    """PolNeAR labels a report inside another report ("X said Y had told it that...") for the
    inner source; our labels (devset LABELLING.md) give it to the outer speaker once."""
    own = next((a for a in art.attributions if a.eid == item.attr), None)
    if own is None or not own.cue:
        return False
    cue_lo = min(lo for lo, _ in own.cue)
    return any(
        other.eid != item.attr and any(lo <= cue_lo < hi for lo, hi in other.content)
        for other in art.attributions
    )


def polnear_groups(data_dir: Path, split: str, out: TextIO) -> list[dict]:
    tools = _module(data_dir / "tools" / "score_polnear.py", "_score_polnear")
    from collections import Counter

    stats = Counter()
    arts = tools.load_bundle(data_dir / "polnear" / split, None, stats)
    bodies = _bodies([a.path for a in arts])
    docs = parsed(bodies, f"polnear-{split}", out)
    dropped = Counter()
    groups = []
    for art, body, doc in zip(arts, bodies, docs, strict=True):
        stage = _stage(doc)
        if stage is None:
            continue
        publisher = art.name.split("_")[0]
        pdir, pind = [], []
        for k, q in enumerate(stage.quotes):
            loc = tools.locate(art.text, body, q)
            if loc is None or loc[0] < art.title_end:
                continue
            (pind if q.get("kind") == "indirect" else pdir).append((k, q))
        judged = {}
        for gold, pred, scorer in (
            (art.direct, pdir, tools.direct_score),
            (art.indirect, pind, tools.indirect_score),
        ):
            match = tools.greedy(
                [tools.norm(g.text) for g in gold],
                [tools.norm(q["text"]) for _, q in pred],
                scorer,
            )
            for i, j in match.items():
                g = gold[i]
                source_words = {fold(w) for w in re.findall(r"[\w'’]+", g.source)}
                if source_words & MEDIA_WORDS:
                    dropped["gold source a news medium"] += 1
                    continue
                if gold is art.direct and {w.lower() for w in g.cue.split()} & BELIEF_CUES:
                    dropped["belief or intention cue"] += 1
                    continue
                if gold is art.indirect and _nested(g, art):
                    dropped["report inside a report (ours: the outer speaker's)"] += 1
                    continue
                verdict = tools.check_speaker(g.source, g.chain, "Nobody Zzyzx")[0]
                if verdict == "unresolvable":
                    dropped["source unresolvable"] += 1
                    continue

                def judge(name, g=g):
                    return tools.check_speaker(g.source, g.chain, name)[0] == "correct"

                judged[pred[j][0]] = judge
        groups += _groups_of(stage, judged, f"polnear:{publisher}", "polnear")
    out.write(f"PolNeAR {split}: {len(groups)} matched items; dropped {dict(dropped)}\n")
    return groups


def devset_groups(data_dir: Path, out: TextIO) -> list[dict]:
    tools = _module(data_dir / "tools" / "score.py", "_score_devset")
    gold = json.loads((data_dir / "devset" / "gold.json").read_text(encoding="utf-8"))
    arts = gold["articles"]
    bodies = _bodies([data_dir / "devset" / "articles" / f"{a['id']}.txt" for a in arts])
    docs = parsed(bodies, "devset", out)
    groups = []
    for art, doc in zip(arts, docs, strict=True):
        stage = _stage(doc)
        if stage is None:
            continue
        quoted = [(k, q) for k, q in enumerate(stage.quotes) if q.get("kind") != "indirect"]
        golds = [g for g in art["quotes"] if g.get("kind", "direct") in ("direct", "partial")]
        match = tools.greedy_match([q for _, q in quoted], golds)
        judged = {}
        for i, j in match.items():
            if not golds[j].get("speaker"):
                continue

            def judge(name, g=golds[j]):
                return bool(tools.same_speaker(name, g["speaker"]))

            judged[quoted[i][0]] = judge
        reported = [(k, q) for k, q in enumerate(stage.quotes) if q.get("kind") == "indirect"]
        ig = [g for g in art["quotes"] if g.get("kind") == "indirect"]
        used = set()
        for k, q in reported:
            best = max(
                ((tools.same_clause(q["text"], g["text"]), j) for j, g in enumerate(ig)
                 if j not in used),
                default=(0, None),
            )  # fmt: skip
            if best[0] >= 85 and ig[best[1]].get("speaker"):
                used.add(best[1])

                def judge(name, g=ig[best[1]]):
                    return bool(tools.same_speaker(name, g["speaker"]))

                judged[k] = judge
        groups += _groups_of(stage, judged, f"devset:{art['event']}", "devset")
    out.write(f"devset: {len(groups)} matched items\n")
    return groups


def _matrix(groups: list[dict], names: list[str]):
    import numpy as np

    index = {n: i for i, n in enumerate(names)}
    rows, labels = [], []
    for group in groups:
        if not any(label for _, label in group["candidates"]):
            continue  # no candidate is right: nothing to learn
        for features, label in group["candidates"]:
            row = np.zeros(len(names))
            for name, value in features.items():
                if name in index:
                    row[index[name]] = value
            rows.append(row)
            labels.append(int(label))
    return np.array(rows), np.array(labels)


def _fit(groups: list[dict], names: list[str]) -> fitted.LinearModel:
    from sklearn.linear_model import LogisticRegression

    x, y = _matrix(groups, names)
    classifier = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    classifier.fit(x, y)
    return fitted.LinearModel(
        name="speaker_ranker",
        features=tuple(names),
        coef=tuple(float(c) for c in classifier.coef_[0]),
        intercept=float(classifier.intercept_[0]),
    )


def _decide(linear: fitted.LinearModel, group: dict, threshold: float) -> bool:
    """Is the ranker's speaker right for this group (None counts as wrong)?"""
    if not group["candidates"]:
        return group["rule_right"]
    features, label = max(group["candidates"], key=lambda c: linear.margin(c[0]))
    if group["rule_none"] and linear.probability(features) < threshold:
        return False
    return label


def _gain(linear, group) -> tuple[float, int] | None:
    """For a group the rules left without a speaker: (probability of the ranker's pick, +1 if
    right else -1)."""
    if not group["rule_none"] or not group["candidates"]:
        return None
    features, label = max(group["candidates"], key=lambda c: linear.margin(c[0]))
    return linear.probability(features), (1 if label else -1)


def _threshold(scored: list[tuple[float, int]]) -> float:
    """The probability above which giving a speaker to an unattributed quote is more often
    right than wrong (the cut that maximises right minus wrong)."""
    best, best_value = 1.01, 0
    for cut in sorted({p for p, _ in scored}):
        value = sum(s for p, s in scored if p >= cut)
        if value > best_value:
            best, best_value = cut, value
    return best


def _accuracy(items: list[bool]) -> str:
    return f"{sum(items) / len(items):.3f} ({sum(items)}/{len(items)})" if items else "-"


def _cross_validate(groups: list[dict], names: list[str]):
    """Held-out hits of the rules and of the ranker, by (set, kind), and the held-out
    (probability, right or wrong) of the ranker's picks where the rules gave no speaker."""
    rule_hits, rank_hits = defaultdict(list), defaultdict(list)
    scored = []
    for held in sorted({g["fold"] for g in groups}):
        linear = _fit([g for g in groups if g["fold"] != held], names)
        for group in (g for g in groups if g["fold"] == held):
            part = (group["source"], group["kind"])
            rule_hits[part].append(group["rule_right"])
            rank_hits[part].append(_decide(linear, group, 0.0))
            gain = _gain(linear, group)
            if gain is not None:
                scored.append(gain)
    return rule_hits, rank_hits, scored


def train(data_dir: Path, out: TextIO) -> None:
    groups = polnear_groups(data_dir, "train", out) + devset_groups(data_dir, out)
    every = sorted({name for g in groups for features, _ in g["candidates"] for name in features})
    folds = sorted({g["fold"] for g in groups})
    out.write(f"{len(every)} features, {len(folds)} folds (one publisher or event each)\n")
    # Two feature sets: everything (the rules' own pick is one feature among the others), and
    # without the rules' pick (the candidates' syntax and position alone). The better one by
    # held-out accuracy ships: the mean over the four parts (PolNeAR and devset, direct and
    # indirect), so that PolNeAR's many direct quotes do not outvote the other three.
    variants = {
        "with the rules' pick": every,
        "without the rules' pick": [
            n for n in every if not n.startswith("rule") and n != "no_rule"
        ],
    }
    results = {}
    for label, names in variants.items():
        rule_hits, rank_hits, scored = _cross_validate(groups, names)
        mean = sum(sum(v) / len(v) for v in rank_hits.values()) / len(rank_hits)
        results[label] = (mean, names, rule_hits, rank_hits, scored)
        out.write(f"held-out speaker accuracy, rules -> ranker {label}:\n")
        for part in sorted(rule_hits):
            out.write(
                f"  {part[0]:8} {part[1]:8} {_accuracy(rule_hits[part])} -> "
                f"{_accuracy(rank_hits[part])}\n"
            )
    label = max(results, key=lambda k: results[k][0])
    _, names, rule_hits, rank_hits, scored = results[label]
    threshold = _threshold(scored)
    out.write(f"shipping the ranker {label}\n")
    out.write(f"threshold for quotes the rules leave unattributed: {threshold:.3f}\n")
    linear = _fit(groups, names)
    cv = {
        f"{s}_{k}": {"rules": round(sum(rule_hits[(s, k)]) / len(rule_hits[(s, k)]), 4),
                     "ranker": round(sum(rank_hits[(s, k)]) / len(rank_hits[(s, k)]), 4),
                     "n": len(rule_hits[(s, k)])}
        for s, k in sorted(rule_hits)
    }  # fmt: skip
    model = fitted.LinearModel(
        name=linear.name,
        features=linear.features,
        coef=linear.coef,
        intercept=linear.intercept,
        threshold=threshold,
        meta={
            "trained_on": "PolNeAR train (840 articles) + devset (28 articles)",
            "variant": label,
            "cv": {"folds": "one publisher or devset event held out", **cv},
        },
    )
    speaker_ranker.MODEL_PATH.write_text(model.to_json(), encoding="utf-8")
    out.write(f"wrote {speaker_ranker.MODEL_PATH}\n")
