"""A multinomial logistic regression in plain Python: trained deterministically, loaded once."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .features import features
from .types import INTENT_NAMES

MODEL_PATH = Path(__file__).parent / "model.json"
# the code that turns text into features: a change to it is a new model version
FEATURE_CODE = tuple(Path(__file__).parent / name for name in ("features.py", "normalise.py"))
EPOCHS = 30
LEARNING_RATE = 0.5
L2 = 1e-4
SEED = 20250411


@dataclass(frozen=True)
class Model:
    """Weights per feature (one per intent), a version and the label order."""

    weights: dict[str, list[float]]
    labels: tuple[str, ...]
    version: str

    def probabilities(self, folded: str) -> dict[str, float]:
        """Softmax over the labels for one folded message."""
        found = features(folded)
        scale = 1.0 / math.sqrt(len(found))
        rows = [row for row in map(self.weights.get, found) if row]
        columns = zip(*rows) if rows else ([0.0] for _ in self.labels)  # summed in C, per label
        return dict(zip(self.labels, softmax([sum(column) * scale for column in columns])))

    def to_json(self) -> str:
        """Stable text: same data, same file, byte for byte."""
        rows = {f: [round(w, 5) for w in row] for f, row in sorted(self.weights.items()) if max(abs(w) for w in row) >= 1e-4}
        return (
            json.dumps(
                {"version": self.version, "labels": list(self.labels), "weights": rows},
                ensure_ascii=False,
                separators=(",", ":"),
                sort_keys=True,
            )
            + "\n"
        )

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        return cls(data["weights"], tuple(data["labels"]), data["version"])


def softmax(scores: list[float]) -> list[float]:
    """Scores to probabilities, shifted by the maximum so exp() cannot overflow."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def version_of(examples: Sequence[tuple[str, str]]) -> str:
    """A short hash of the data, the feature code and the settings: changes when any does."""
    digest = hashlib.sha256(repr((EPOCHS, LEARNING_RATE, L2, SEED)).encode())
    for module in FEATURE_CODE:
        digest.update(module.read_bytes())
    for label, text in examples:
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:12]


def train(examples: Sequence[tuple[str, str]]) -> Model:
    """AdaGrad SGD on (label, folded text) pairs, in a seeded order: reproducible."""
    labels = INTENT_NAMES
    rows = [(labels.index(label), features(text)) for label, text in examples]
    weights: dict[str, list[float]] = {}
    squares: dict[str, list[float]] = {}
    order = list(range(len(rows)))
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for index in order:
            _step(rows[index], weights, squares, len(labels))
    model = Model(weights, labels, version_of(examples))
    return Model.from_json(model.to_json())


def _step(row: tuple[int, list[str]], weights: dict[str, list[float]], squares: dict[str, list[float]], n: int) -> None:
    """One gradient step of the softmax loss for one example."""
    target, feats = row
    scale = 1.0 / math.sqrt(len(feats))
    scores = [0.0] * n
    for f in feats:
        for k, weight in enumerate(weights.setdefault(f, [0.0] * n)):
            scores[k] += weight * scale
    probabilities = softmax(scores)
    for f in feats:
        w, g2 = weights[f], squares.setdefault(f, [1e-8] * n)
        for k in range(n):
            grad = (probabilities[k] - (k == target)) * scale + L2 * w[k]
            g2[k] += grad * grad
            w[k] -= LEARNING_RATE * grad / math.sqrt(g2[k])


@functools.lru_cache(maxsize=4)
def load(path: Path = MODEL_PATH) -> Model:
    """A model file, read once per process."""
    return Model.from_json(path.read_text(encoding="utf-8"))
