"""`python -m intents evaluate` with no file: every data set the layer is measured on, and k-fold.

The project's test set and keyword set, the real replies of ../shared/data/real-replies/dev.tsv
and the SMS ham lines (both measured, never trained on), and k-fold cross-validation of the
model on its own training data. Targets are the issue's; the report says which are met.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal, TypedDict, get_args

from .evaluate import Headline, Report, Row, evaluate, headline, read_rows
from .ham import SHARED, ham_rows
from .model import Model, train
from .normalise import for_model
from .policy import Policy
from .training_data import training_pairs
from .types import Intent

TESTDATA = Path(__file__).parent / "testdata"
REAL_REPLIES = SHARED.parent / "real-replies" / "dev.tsv"
DataSet = Literal["test", "keywords", "real-replies", "ham"]
DATA_SETS: tuple[DataSet, ...] = get_args(DataSet)  # in the order the suite measures and prints them
Metric = Literal["opt_out_recall", "false_opt_out_rate", "opt_in_recall", "help_recall", "false_opt_outs", "false_opt_ins"]
# data set -> (metric, comparison, target)
TARGETS: dict[str, list[tuple[Metric, str, float]]] = {
    "test": [
        ("opt_out_recall", ">=", 0.99),
        ("false_opt_out_rate", "<=", 0.01),
        ("opt_in_recall", ">=", 0.95),
        ("help_recall", ">=", 0.95),
    ],
    "keywords": [("opt_out_recall", ">=", 1.0), ("opt_in_recall", ">=", 1.0), ("help_recall", ">=", 1.0)],
    "real-replies": [("opt_out_recall", ">=", 0.97), ("false_opt_out_rate", "<=", 0.02), ("help_recall", ">=", 0.90)],
    "ham": [("false_opt_outs", "<=", 3), ("opt_out_recall", ">=", 1.0), ("false_opt_ins", "<=", 5)],
}


class Target(TypedDict):
    """One target of a data set, what was measured, and whether it is met."""

    metric: str
    target: str  # '>= 0.99'
    value: float
    met: bool


class SetReport(TypedDict):
    """One data set in the suite: its headline, its targets, and the whole report."""

    summary: Headline
    targets: list[Target]
    full: Report


class CrossValidation(TypedDict):
    """The model alone, k-fold on its own training data."""

    folds: int
    examples: int
    accuracy: float
    opt_out_recall: float


# the data sets on this machine, then the cross-validation (printed as JSON by `--json`)
Suite = TypedDict(
    "Suite",
    {
        "test": SetReport,
        "keywords": SetReport,
        "real-replies": SetReport,
        "ham": SetReport,
        "cross-validation": CrossValidation,
    },
    total=False,
)


class GroupedFolds(Headline):
    """The whole layer's headline over every held-out fold, with the texts it got wrong."""

    folds: int
    groups: int
    false_opt_out_texts: list[str]
    missed_opt_out_texts: list[str]
    missed_opt_in_texts: list[str]
    missed_help_texts: list[str]
    false_opt_in_texts: list[str]


def data_sets() -> dict[DataSet, list[Row]]:
    """The data sets that exist on this machine (shared/ may be absent)."""
    found: dict[DataSet, list[Row]] = {"test": read_rows(TESTDATA / "test.tsv"), "keywords": read_rows(TESTDATA / "keywords.tsv")}
    if REAL_REPLIES.exists():
        found["real-replies"] = read_rows(REAL_REPLIES)
    if (SHARED / "SMSSpamCollection").exists():
        found["ham"] = [Row(label, text) for label, text in ham_rows()]
    return found


def run_suite(classify: Callable[[str], Intent], folds: int = 5) -> Suite:
    """Every data set's report with its breakdown and targets, and the cross-validation."""
    report: Suite = {}
    for name, rows in data_sets().items():
        result = evaluate(rows, classify, breakdown=True)
        summary = headline(result)
        report[name] = {"summary": summary, "targets": check(name, summary), "full": result}
    if folds > 1:
        report["cross-validation"] = cross_validate(training_pairs(), folds)
    return report


def check(name: str, summary: Headline) -> list[Target]:
    """Each target of this data set with the measured value and whether it is met."""
    results: list[Target] = []
    for metric, comparison, target in TARGETS.get(name, []):
        value = summary[metric]
        met = value >= target if comparison == ">=" else value <= target
        results.append({"metric": metric, "target": f"{comparison} {target}", "value": value, "met": met})
    return results


def cross_validate(pairs: list[tuple[str, str]], folds: int, seed: int = 7) -> CrossValidation:
    """k-fold accuracy and opt-out recall of the model alone (no keywords, no clause rules)."""
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    policy = Policy()
    correct = total = caught = opt_outs = 0
    for fold in range(folds):
        held = {i for n, i in enumerate(order) if n % folds == fold}
        model = train([p for i, p in enumerate(pairs) if i not in held])
        for i in held:
            label, text = pairs[i]
            name = policy.decide(model.probabilities(for_model(text)), "en", model.version).name
            correct += name == label
            total += 1
            opt_outs += label == "opt_out"
            caught += label == "opt_out" and name == "opt_out"
    return {
        "folds": folds,
        "examples": total,
        "accuracy": round(correct / total, 4),
        "opt_out_recall": round(caught / opt_outs, 4) if opt_outs else 1.0,
    }


def format_suite(report: Suite) -> str:
    """A readable summary: one line per data set, its targets, then languages and categories."""
    lines = []
    for name in DATA_SETS:
        if name not in report:
            continue
        part = report[name]
        s = part["summary"]
        lines.append(
            f"\n{name}: {s['messages']} messages; opt-out recall {s['opt_out_recall']:.2%} "
            f"of {s['opt_outs']}; false opt-outs {s['false_opt_outs']} ({s['false_opt_out_rate']:.2%}); "
            f"opt-in recall {s['opt_in_recall']:.2%}; help recall {s['help_recall']:.2%}; "
            f"false opt-ins {s['false_opt_ins']}; median {part['full']['median_us']} µs"
        )
        lines += [
            f"  target {t['metric']} {t['target']}: {t['value']} {'met' if t['met'] else 'NOT MET'}" for t in part["targets"]
        ]
        full = part["full"]
        for kind, groups in (("language", full.get("by_language", {})), ("category", full.get("by_category", {}))):
            for group, g in groups.items():
                lines.append(
                    f"  {kind} {group}: {g['messages']} msgs, opt-out recall "
                    f"{g['opt_out_recall']:.2%}, false opt-outs {g['false_opt_outs']}, "
                    f"opt-in {g['opt_in_recall']:.2%}, help {g['help_recall']:.2%}"
                )
    if "cross-validation" in report:  # measured last, printed last
        cv = report["cross-validation"]
        lines.append(
            f"\ncross-validation: {cv['folds']} folds over {cv['examples']} training examples, "
            f"model alone: accuracy {cv['accuracy']:.2%}, opt-out recall {cv['opt_out_recall']:.2%}"
        )
    return "\n".join(lines).lstrip("\n")


HAND_WRITTEN_BLOCK = 10  # consecutive hand-written examples are written together: one source


def training_groups() -> list[tuple[str, str, str]]:
    """(intent, text, group) of every training example: a generated sentence's group is its
    template ('en:other:12'), a hand-written one's a block of HAND_WRITTEN_BLOCK neighbouring lines
    of its file ('other.yml:3'), so that near-copies are held out together."""
    from .generate import GENERATED_PATH, generate_with_templates
    from .normalise import fold
    from .training_data import DATA_DIR, load_examples, read_nlu_file

    template_of = {fold(sentence): source for pairs in generate_with_templates().values() for sentence, source in pairs}
    hand_group: dict[str, str] = {}
    for path in sorted(DATA_DIR.glob("*.yml")):
        if path.name != GENERATED_PATH.name:
            for number, (_, text) in enumerate(read_nlu_file(path)):
                hand_group[text] = f"{path.name}:{number // HAND_WRITTEN_BLOCK}"
    return [
        (intent, text, hand_group.get(text) or template_of.get(fold(text), f"generated:{text}"))
        for intent, text in load_examples()
    ]


def grouped_cross_validate(
    folds: int = 5, seed: int = 7, make: Callable[[Model], Callable[[str], Intent]] | None = None
) -> GroupedFolds:
    """k-fold of the whole layer (keywords, clause rules, the model trained without the held
    fold), folds drawn by group (`training_groups`): a held-out sentence's template or
    hand-written block is never trained on. The headline figures over all held-out examples."""
    from .pipeline import Pipeline
    from .training_data import model_text

    examples = training_groups()
    groups = sorted({group for _, _, group in examples})
    # a group's fold is a hash of its name: adding data moves no other group to another fold
    fold_of = {group: zlib.crc32(f"{seed}:{group}".encode()) % folds for group in groups}
    build = make or (lambda model: Pipeline(model=model))
    held_rows: list[Row] = []
    decide: dict[str, Callable[[str], Intent]] = {}
    for fold in range(folds):
        model = train(
            [(intent, model_text(text)) for intent, text, group in examples if fold_of[group] != fold and model_text(text)]
        )
        classify = build(model)
        for intent, text, group in examples:
            if fold_of[group] == fold:
                held_rows.append(Row(intent, text))
                decide[text] = classify
    answers = {row.text: decide[row.text](row.text).name for row in held_rows}
    result = evaluate(held_rows, lambda text: decide[text](text))
    return {
        "folds": folds,
        "groups": len(groups),
        **headline(result),
        "false_opt_out_texts": list(result["false_opt_outs"]),
        "missed_opt_out_texts": missed(held_rows, answers, "opt_out"),
        "missed_opt_in_texts": missed(held_rows, answers, "opt_in"),
        "missed_help_texts": missed(held_rows, answers, "help"),
        "false_opt_in_texts": [r.text for r in held_rows if r.label != "opt_in" and answers[r.text] == "opt_in"],
    }


def missed(rows: list[Row], answers: Mapping[str, str], intent: str) -> list[str]:
    """The texts labelled `intent` that the layer answered otherwise."""
    return [r.text for r in rows if r.label == intent and answers[r.text] != intent]
