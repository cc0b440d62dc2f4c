"""Measure a classifier on labelled data: precision, recall, F1, confusion, errors, speed."""

from __future__ import annotations

import csv
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NotRequired, TypedDict

from domain.events import Source

from .types import INTENT_NAMES, Intent, intent_name

TWILIO_EXACT = {
    "stop": "opt_out",
    "stopall": "opt_out",
    "unsubscribe": "opt_out",
    "cancel": "opt_out",
    "end": "opt_out",
    "quit": "opt_out",
    "revoke": "opt_out",
    "optout": "opt_out",
    "start": "opt_in",
    "yes": "opt_in",
    "unstop": "opt_in",
    "help": "help",
    "info": "help",
}


def carrier_exact(text: str) -> Intent:
    """The baseline: Twilio's whole-body keyword match (trimmed, case ignored)."""
    name = TWILIO_EXACT.get(text.strip().lower(), "other")
    return Intent(intent_name(name), 1.0, "en", Source.CARRIER, "exact-body")


class Scores(TypedDict):
    """One intent's figures."""

    precision: float
    recall: float
    f1: float
    support: int


class Calibration(TypedDict):
    """How far confidence is from accuracy, over every decision and over the model's alone."""

    ece: float
    model_ece: float
    model_decisions: int


class Headline(TypedDict):
    """The figures the targets are about."""

    messages: int
    opt_out_recall: float
    opt_outs: int
    false_opt_outs: int
    false_opt_out_rate: float
    opt_in_recall: float
    help_recall: float
    false_opt_ins: int


class Report(TypedDict):
    """One data set's measurement, printed as JSON by `--json` (its keys in this order)."""

    messages: int
    per_intent: dict[str, Scores]
    confusion: dict[str, dict[str, int]]  # confusion[gold][predicted]
    false_opt_outs: list[str]
    missed_opt_outs: list[str]
    median_us: float
    false_opt_out_rate: float
    opt_out_recall: float
    calibration: Calibration
    by_language: NotRequired[dict[str, Headline]]  # with breakdown=True
    by_category: NotRequired[dict[str, Headline]]


class BadTestFile(ValueError):
    """The TSV is not 'label<TAB>text[<TAB>…]' with known labels."""


@dataclass(frozen=True)
class Row:
    """One labelled message, with its language and category when the file has them."""

    label: str
    text: str
    language: str = ""
    category: str = ""


def read_tsv(path: Path) -> list[tuple[str, str]]:
    """(label, text) rows of a TSV whose header starts label<TAB>text."""
    return [(row.label, row.text) for row in read_rows(path)]


def read_rows(path: Path) -> list[Row]:
    """Rows of a TSV with header label<TAB>text, then optional language, category or source."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if not header or header[:2] != ["label", "text"]:
                raise BadTestFile(f"{path}: first line must be 'label<TAB>text', not {header}")
            rows = []
            for fields in reader:
                if fields and len(fields) < 2:
                    raise BadTestFile(f"{path}: line {reader.line_num} has no text after its label")
                if fields:
                    rows.append(_row(dict(zip(header, fields))))
    except (UnicodeDecodeError, csv.Error) as error:
        raise BadTestFile(f"{path}: not a UTF-8 label<TAB>text TSV ({error})") from None
    unknown = {row.label for row in rows} - set(INTENT_NAMES)
    if unknown:
        raise BadTestFile(f"{path}: unknown labels {sorted(unknown)}")
    return rows


def _row(fields: dict[str, str]) -> Row:
    """A row; without a category column, a 'source' column's labelling note stands in."""
    category = fields.get("category") or _source_category(fields.get("source", ""))
    return Row(fields["label"], fields["text"], fields.get("language", ""), category)


def _source_category(source: str) -> str:
    """'where … | vendor label 'Unsub' | kind=…' -> "vendor label 'Unsub'" (dev.tsv's notes)."""
    parts = [p.strip() for p in source.split(" | ")]
    note = parts[1] if len(parts) > 1 else ""
    return note.split(";")[0].split(":")[0][:40]


def evaluate(rows: Sequence[tuple[str, str] | Row], classify: Callable[[str], Intent], breakdown: bool = False) -> Report:
    """Run every row through `classify` and collect the numbers (per language/category too)."""
    full = [r if isinstance(r, Row) else Row(*r) for r in rows]
    report = _evaluate([(r.label, r.text) for r in full], classify)
    if breakdown:
        report["by_language"] = _groups(full, classify, lambda r: r.language)
        report["by_category"] = _groups(full, classify, lambda r: r.category)
    return report


def _groups(rows: list[Row], classify: Callable[[str], Intent], key: Callable[[Row], str]) -> dict[str, Headline]:
    """The headline numbers for each group of rows that has a name."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if key(row):
            groups.setdefault(key(row), []).append(row)
    return {name: headline(_evaluate([(r.label, r.text) for r in members], classify)) for name, members in sorted(groups.items())}


def headline(report: Report) -> Headline:
    """What the targets are about: opt-out recall, false opt-outs, opt-in and help recall."""
    per = report["per_intent"]
    return {
        "messages": report["messages"],
        "opt_out_recall": per["opt_out"]["recall"],
        "opt_outs": per["opt_out"]["support"],
        "false_opt_outs": len(report["false_opt_outs"]),
        "false_opt_out_rate": round(report["false_opt_out_rate"], 4),
        "opt_in_recall": per["opt_in"]["recall"],
        "help_recall": per["help"]["recall"],
        "false_opt_ins": report["confusion"]["other"]["opt_in"] + report["confusion"]["help"]["opt_in"],
    }


def _evaluate(rows: list[tuple[str, str]], classify: Callable[[str], Intent]) -> Report:
    """Run every row through `classify` and collect the numbers."""
    results, timings = [], []
    for _, text in rows:
        start = time.perf_counter()
        results.append(classify(text))
        timings.append(time.perf_counter() - start)
    gold = [label for label, _ in rows]
    predictions: list[str] = [r.name for r in results]
    per_intent = _per_intent(gold, predictions)
    false_opt_outs = [t for (g, t), p in zip(rows, predictions) if p == "opt_out" and g != "opt_out"]
    negatives = sum(g != "opt_out" for g in gold)
    model = [(r, g) for r, g in zip(results, gold) if r.source.startswith("model")]
    return {
        "messages": len(rows),
        "per_intent": per_intent,
        "confusion": _confusion(gold, predictions),
        "false_opt_outs": false_opt_outs,
        "missed_opt_outs": [t for (g, t), p in zip(rows, predictions) if g == "opt_out" and p != "opt_out"],
        "median_us": round(statistics.median(timings) * 1e6, 1) if timings else 0.0,
        "false_opt_out_rate": len(false_opt_outs) / negatives if negatives else 0.0,
        "opt_out_recall": per_intent["opt_out"]["recall"],
        "calibration": {
            "ece": calibration_error(list(zip(results, gold))),
            "model_ece": calibration_error(model),
            "model_decisions": len(model),
        },
    }


def calibration_error(pairs: list[tuple[Intent, str]], bins: int = 10) -> float:
    """Expected calibration error: |accuracy - mean confidence| per confidence bin, weighted."""
    if not pairs:
        return 0.0
    grouped: dict[int, list[tuple[float, bool]]] = {}
    for intent, gold in pairs:
        grouped.setdefault(min(bins - 1, int(intent.confidence * bins)), []).append((intent.confidence, intent.name == gold))
    total = sum(
        abs(sum(ok for _, ok in group) / len(group) - sum(c for c, _ in group) / len(group)) * len(group)
        for group in grouped.values()
    )
    return round(total / len(pairs), 4)


def _per_intent(gold: list[str], predicted: list[str]) -> dict[str, Scores]:
    """Precision, recall, F1 and support per intent."""
    table: dict[str, Scores] = {}
    for name in INTENT_NAMES:
        tp = sum(g == p == name for g, p in zip(gold, predicted))
        fp = sum(p == name != g for g, p in zip(gold, predicted))
        fn = sum(g == name != p for g, p in zip(gold, predicted))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[name] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}
    return table


def _confusion(gold: list[str], predicted: list[str]) -> dict[str, dict[str, int]]:
    """confusion[gold][predicted] = count."""
    return {g: {p: sum(a == g and b == p for a, b in zip(gold, predicted)) for p in INTENT_NAMES} for g in INTENT_NAMES}


def format_report(report: Report) -> str:
    """A human-readable report."""
    lines = [
        f"{report['messages']} messages; opt-out recall {report['opt_out_recall']:.2%}; "
        f"false opt-outs {len(report['false_opt_outs'])} "
        f"({report['false_opt_out_rate']:.2%} of non-opt-outs); "
        f"median {report['median_us']} µs/message",
        f"calibration: expected calibration error {report['calibration']['ece']:.3f} "
        f"(model decisions only: {report['calibration']['model_ece']:.3f} over "
        f"{report['calibration']['model_decisions']})",
        "",
        f"{'intent':<8} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}",
    ]
    for name, scores in report["per_intent"].items():
        lines.append(
            f"{name:<8} {scores['precision']:>9.3f} {scores['recall']:>7.3f} {scores['f1']:>7.3f} {scores['support']:>8}"
        )
    lines += ["", "confusion (rows: true, columns: predicted)", " " * 9 + "".join(f"{p:>9}" for p in INTENT_NAMES)]
    for g, row in report["confusion"].items():
        lines.append(f"{g:<9}" + "".join(f"{row[p]:>9}" for p in INTENT_NAMES))
    for title, texts in (("false opt-outs", report["false_opt_outs"]), ("missed opt-outs", report["missed_opt_outs"])):
        lines += ["", f"{title} ({len(texts)}):"] + [f"  {t}" for t in texts]
    return "\n".join(lines)
