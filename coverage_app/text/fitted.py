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
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np


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

    def probabilities(self, values: Mapping[str, np.ndarray]) -> np.ndarray:
        """`probability` over arrays: every named feature an array of one shape (a matrix of
        pairs), the probabilities in that shape."""
        z = np.float64(self.intercept)
        for name, c in zip(self.features, self.coef, strict=True):
            if name in values:
                z = z + c * np.asarray(values[name], dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -700.0, 700.0)))

    def scores(self, values: Mapping[str, np.ndarray], at_threshold: float) -> np.ndarray:
        """0-100 scores for pages: the probabilities mapped, monotonically and piecewise
        linearly, so that 0 stays 0, 1 becomes 100 and the model's threshold lands on
        `at_threshold` (the page's default threshold, shared with other scores)."""
        p = self.probabilities(values)
        t = min(max(self.threshold, 1e-6), 1 - 1e-6)
        low = at_threshold * p / t
        high = at_threshold + (100.0 - at_threshold) * (p - t) / (1.0 - t)
        return np.where(p < t, low, high)

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
