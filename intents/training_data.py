"""Read and check the Rasa NLU YAML training data (version 3.1) of intents/data/."""

from __future__ import annotations

from pathlib import Path

import yaml

from .normalise import for_model
from .quotes import strip_quotes
from .types import INTENT_NAMES

DATA_DIR = Path(__file__).parent / "data"


class TrainingDataError(ValueError):
    """The YAML is not valid Rasa 3.x NLU data for our intents."""


def read_nlu_file(path: Path) -> list[tuple[str, str]]:
    """(intent, example) pairs of one Rasa NLU file, checked against the 3.x format."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or str(document.get("version")) != "3.1":
        raise TrainingDataError(f'{path.name}: needs version: "3.1"')
    pairs = []
    for entry in document.get("nlu") or []:
        intent, block = entry.get("intent"), entry.get("examples")
        if intent not in INTENT_NAMES or not isinstance(block, str):
            raise TrainingDataError(f"{path.name}: bad entry for intent {intent!r}")
        for line in block.splitlines():
            if line.strip():
                if not line.startswith("- "):
                    raise TrainingDataError(f"{path.name}: example without '- ': {line!r}")
                pairs.append((intent, line[2:].strip()))
    return pairs


def load_examples(directory: Path = DATA_DIR, exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Every example of every *.yml file (but `exclude`), sorted by file; duplicates are an error."""
    pairs: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for path in sorted(p for p in directory.glob("*.yml") if p.name not in exclude):
        for intent, text in read_nlu_file(path):
            if text.casefold() in seen:
                raise TrainingDataError(f"duplicate example {text!r} ({seen[text.casefold()]}, {intent})")
            seen[text.casefold()] = intent
            pairs.append((intent, text))
    return pairs


def model_text(text: str) -> str:
    """What the model reads of a message: without a reaction's quote or a quoted instruction."""
    return for_model(strip_quotes(text)[0])


def training_pairs(directory: Path = DATA_DIR) -> list[tuple[str, str]]:
    """(intent, model text): what the model trains on, read as the pipeline reads messages (an
    example that is nothing but a reaction leaves no text: the pipeline answers it before the model)."""
    pairs = [(intent, model_text(text)) for intent, text in load_examples(directory)]
    return [(intent, text) for intent, text in pairs if text]
