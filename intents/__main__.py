"""python -m intents train | generate | wordlists | classify TEXT | classify --jsonl | evaluate FILE.tsv | ham |
kfold | patterns [FILE.tsv | ham]"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .evaluate import BadTestFile, Row, carrier_exact, evaluate, format_report, read_rows
from .ham import SHARED, ham_rows
from .matcher import Keywords, program_keywords
from .model import MODEL_PATH, train
from .pipeline import Pipeline
from .suite import format_suite, grouped_cross_validate, run_suite
from .training_data import TrainingDataError, training_pairs


def cmd_train(args: argparse.Namespace) -> int:
    """Train from intents/data/*.yml and write intents/model.json."""
    pairs = training_pairs()
    model = train(pairs)
    Path(args.output).write_text(model.to_json(), encoding="utf-8")
    print(f"trained model {model.version} on {len(pairs)} examples -> {args.output}")
    return 0


def pipeline() -> Pipeline:
    """The default pipeline plus the program keywords of OPT_OUT_KEYWORDS etc. in the environment."""
    return Pipeline(keywords=Keywords(program_keywords(os.environ)))


def cmd_generate(args: argparse.Namespace) -> int:
    """Write intents/data/generated.yml from the frames in intents/frames/."""
    from .generate import GENERATED_PATH, write

    print(f"wrote {write()} generated examples -> {GENERATED_PATH}")
    return 0


def cmd_wordlists(args: argparse.Namespace) -> int:
    """Rebuild the shipped word lists (needs the dev packages wordfreq and names)."""
    from .wordlists import write_all

    for path in write_all():
        print(f"wrote {path}")
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    """One text, or JSON Lines on stdin."""
    classify = pipeline()
    if args.jsonl:
        for number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)["text"]
            except (ValueError, KeyError, TypeError):
                print(f'line {number}: expected {{"text": ...}}', file=sys.stderr)
                return 2
            print(json.dumps(classify(str(text)).to_dict(), ensure_ascii=False))
        return 0
    if args.text is None:
        print("give a TEXT or --jsonl", file=sys.stderr)
        return 2
    print(json.dumps(classify(args.text).to_dict(), ensure_ascii=False))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Report on a labelled TSV, the SMS ham lines ('ham'), or everything (no file)."""
    classify = carrier_exact if args.baseline else pipeline()
    if args.command == "evaluate" and args.file is None:
        suite = run_suite(classify, 0 if args.no_kfold else args.folds)
        print(json.dumps(suite, ensure_ascii=False, indent=2) if args.json else format_suite(suite))
        return 0
    rows = ham_rows(Path(args.dir)) if args.command == "ham" else read_rows(Path(args.file))
    report = evaluate(rows, classify, breakdown=True)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    return 0


def cmd_kfold(args: argparse.Namespace) -> int:
    """k-fold of the whole layer on the training data, folds drawn by template / hand-written block."""
    result = grouped_cross_validate(args.folds)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(
        f"grouped {result['folds']}-fold over {result['messages']} training examples in {result['groups']} "
        f"groups, whole layer: opt-out recall {result['opt_out_recall']:.2%} of {result['opt_outs']}; "
        f"false opt-outs {result['false_opt_outs']} ({result['false_opt_out_rate']:.2%}); opt-in recall "
        f"{result['opt_in_recall']:.2%}; help recall {result['help_recall']:.2%}"
    )
    for text in result["false_opt_out_texts"]:
        print(f"  false opt-out: {text}")
    return 0


def cmd_patterns(args: argparse.Namespace) -> int:
    """Each named pattern's fires and precision on a labelled TSV, the ham lines, or the training data."""
    from .pattern_stats import format_stats, pattern_stats
    from .training_data import load_examples

    rows: Sequence[tuple[str, str] | Row]
    if args.file is None:
        rows, source = load_examples(), "the training data (intents/data/*.yml)"
    elif args.file == "ham":
        rows, source = ham_rows(Path(args.dir)), "the SMS ham lines"
    else:
        rows, source = read_rows(Path(args.file)), args.file
    stats = pattern_stats(rows, pipeline())
    if args.json:
        print(json.dumps([s.to_dict() for s in stats], ensure_ascii=False, indent=2))
    else:
        print(format_stats(stats, source, len(rows)))
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line."""
    top = argparse.ArgumentParser(prog="python -m intents", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="train the model from intents/data/*.yml")
    p.add_argument("--output", default=str(MODEL_PATH))
    p.set_defaults(run=cmd_train)
    sub.add_parser("generate", help="write intents/data/generated.yml").set_defaults(run=cmd_generate)
    sub.add_parser("wordlists", help="rebuild intents/data/lexicon (dev packages)").set_defaults(run=cmd_wordlists)
    p = sub.add_parser("classify", help="classify TEXT, or JSON Lines on stdin")
    p.add_argument("text", nargs="?")
    p.add_argument("--jsonl", action="store_true")
    p.set_defaults(run=cmd_classify)
    for name, help_text in (
        ("evaluate", "evaluate on a label<TAB>text TSV"),
        ("ham", "false opt-outs on the SMS Spam Collection ham lines"),
    ):
        p = sub.add_parser(name, help=help_text)
        if name == "evaluate":
            p.add_argument("file", nargs="?", help="a label<TAB>text TSV; none = every data set")
            p.add_argument("--folds", type=int, default=5, help="k of the cross-validation")
            p.add_argument("--no-kfold", action="store_true", help="skip the cross-validation")
        else:
            p.add_argument("--dir", default=str(SHARED))
        p.add_argument("--json", action="store_true")
        p.add_argument("--baseline", action="store_true", help="measure Twilio's exact whole-body keyword matcher instead")
        p.set_defaults(run=cmd_evaluate)
    p = sub.add_parser("kfold", help="grouped k-fold of the whole layer on the training data (~4 min)")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_kfold)
    p = sub.add_parser("patterns", help="each named pattern's fires and precision, worst first")
    p.add_argument("file", nargs="?", help="a label<TAB>text TSV, or 'ham'; none = the training data")
    p.add_argument("--dir", default=str(SHARED), help="where the ham lines are (for 'ham')")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_patterns)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (BadTestFile, TrainingDataError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
