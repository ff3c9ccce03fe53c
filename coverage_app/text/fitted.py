"""Fitted linear models, shipped as small JSON files and read without scikit-learn.

`manage.py train_models` fits each model on labelled data and writes its file next to the code
that uses it; at run time a model is only a weighted sum of named features through a logistic:

    {"name": "...", "features": ["f1", "f2", ...], "coef": [...], "intercept": x,
     "threshold": t, "trained_on": "...", "cv": {...}}

`threshold` is the probability above which the model says yes, chosen by cross-validation.
Features a caller does not pass count as 0.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class LinearModel:
    name: str
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.5
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def margin(self, values: dict[str, float]) -> float:
        weighted = zip(self.features, self.coef, strict=True)
        return self.intercept + sum(c * values.get(f, 0.0) for f, c in weighted)

    def probability(self, values: dict[str, float]) -> float:
        z = self.margin(values)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def says_yes(self, values: dict[str, float]) -> bool:
        return self.probability(values) >= self.threshold

    def to_json(self) -> str:
        data = {
            "name": self.name,
            "features": list(self.features),
            "coef": [round(c, 6) for c in self.coef],
            "intercept": round(self.intercept, 6),
            "threshold": round(self.threshold, 4),
            **self.meta,
        }
        return json.dumps(data, indent=1, sort_keys=False) + "\n"


def parse(data: dict) -> LinearModel:
    known = {"name", "features", "coef", "intercept", "threshold"}
    return LinearModel(
        name=data["name"],
        features=tuple(data["features"]),
        coef=tuple(float(c) for c in data["coef"]),
        intercept=float(data["intercept"]),
        threshold=float(data.get("threshold", 0.5)),
        meta={k: v for k, v in data.items() if k not in known},
    )


@cache
def load(path: str | Path) -> LinearModel:
    """The model stored at `path` (read once per process)."""
    return parse(json.loads(Path(path).read_text(encoding="utf-8")))
