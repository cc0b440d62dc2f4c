"""python -m intents train | classify TEXT | classify --jsonl | evaluate FILE.tsv | ham"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .evaluate import BadTestFile, carrier_exact, evaluate, format_report, read_tsv
from .ham import SHARED, ham_rows
from .model import MODEL_PATH, train
from .pipeline import classify
from .training_data import TrainingDataError, training_pairs


def cmd_train(args: argparse.Namespace) -> int:
    """Train from intents/data/*.yml and write intents/model.json."""
    pairs = training_pairs()
    model = train(pairs)
    Path(args.output).write_text(model.to_json(), encoding="utf-8")
    print(f"trained model {model.version} on {len(pairs)} examples -> {args.output}")
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    """One text, or JSON Lines on stdin."""
    if args.jsonl:
        for number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)["text"]
            except (ValueError, KeyError, TypeError):
                print(f"line {number}: expected {{\"text\": ...}}", file=sys.stderr)
                return 2
            print(json.dumps(classify(str(text)).to_dict(), ensure_ascii=False))
        return 0
    if args.text is None:
        print("give a TEXT or --jsonl", file=sys.stderr)
        return 2
    print(json.dumps(classify(args.text).to_dict(), ensure_ascii=False))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Report on a labelled TSV (or the SMS ham lines with 'ham')."""
    rows = ham_rows(Path(args.dir)) if args.command == "ham" else read_tsv(Path(args.file))
    report = evaluate(rows, carrier_exact if args.baseline else classify)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line."""
    top = argparse.ArgumentParser(prog="python -m intents", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="train the model from intents/data/*.yml")
    p.add_argument("--output", default=str(MODEL_PATH))
    p.set_defaults(run=cmd_train)
    p = sub.add_parser("classify", help="classify TEXT, or JSON Lines on stdin")
    p.add_argument("text", nargs="?")
    p.add_argument("--jsonl", action="store_true")
    p.set_defaults(run=cmd_classify)
    for name, help_text in (("evaluate", "evaluate on a label<TAB>text TSV"),
                            ("ham", "false opt-outs on the SMS Spam Collection ham lines")):
        p = sub.add_parser(name, help=help_text)
        if name == "evaluate":
            p.add_argument("file")
        else:
            p.add_argument("--dir", default=str(SHARED))
        p.add_argument("--json", action="store_true")
        p.add_argument("--baseline", action="store_true",
                       help="measure Twilio's exact whole-body keyword matcher instead")
        p.set_defaults(run=cmd_evaluate)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (BadTestFile, TrainingDataError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
