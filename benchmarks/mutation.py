"""Mutation testing: plant one small bug at a time and check that the tests catch it.

Usage: python benchmarks/mutation.py [--limit N] [--jobs-dir DIR] [MODULE ...]
Copies the repository to a scratch folder (the working tree is never touched), then for each
mutation site of each module (comparison flipped, and/or swapped, `not` dropped, True/False
swapped, a number moved by one, a `return` of a value made `return None`) writes the mutant,
runs the tests that cover that module, and counts the mutant killed when they fail. Prints
the kill rate per module and every survivor with its line, so each can be explained.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# module -> the tests that should notice a bug in it
TARGETS: dict[str, list[str]] = {
    "handlers/actions.py": [
        "tests/test_conversations.py",
        "tests/test_consent.py",
        "tests/test_webhook.py",
        "tests/test_unsubscribe.py",
        "tests/test_terms.py",
    ],
    "handlers/dialogue.py": ["tests/test_conversations.py", "tests/test_consent.py"],
    "domain/records.py": ["tests/test_conversations.py", "tests/test_consent.py", "tests/test_service.py"],
    "handlers/turn.py": ["tests/test_conversations.py", "tests/test_consent.py", "tests/test_service.py"],
    "handlers/replies.py": ["tests/test_conversations.py", "tests/test_webhook.py"],
    "handlers/registry.py": ["tests/test_service.py", "tests/test_conversations.py"],
    "web/signature.py": ["tests/test_webhook.py", "tests/test_webhook_form.py"],
    "web/webhook.py": ["tests/test_webhook_form.py", "tests/test_webhook.py", "tests/test_faults.py"],
    "service/links.py": ["tests/test_unsubscribe.py", "tests/test_consent.py"],
    "service/binding.py": ["tests/test_architecture.py", "tests/test_cli.py", "tests/test_api.py"],
    "domain/times.py": ["tests/test_times.py", "tests/test_api.py", "tests/test_ops.py"],
    "domain/numbers.py": ["tests/test_webhook.py", "tests/test_api.py"],
    "ops/charts.py": ["tests/test_ops.py", "-k", "chart or dashboard"],
    "assistant/actions.py": ["tests/test_rasa.py"],
    "ops/auth.py": ["tests/test_ops.py", "tests/test_security.py"],
    "ops/sessions.py": ["tests/test_security.py", "tests/test_ops.py"],
    "intents/prefilter.py": ["tests/test_intent_speed.py"],
    "intents/cues.py": ["tests/test_intents.py", "tests/test_intent_speed.py", "-k", "not training and not generated"],
    "intents/policy.py": ["tests/test_intents.py", "tests/test_consent.py", "-k", "not training and not generated"],
    "store/keys.py": ["tests/test_service.py", "tests/test_webhook.py"],
    "store/subscribers.py": [
        "tests/test_service.py",
        "tests/test_consent.py",
        "tests/test_webhook.py",
        "tests/test_ops.py",
        "tests/test_faults.py",
        "tests/test_migrate.py",
    ],
    "store/intent_log.py": ["tests/test_service.py", "tests/test_api.py", "tests/test_consent.py", "tests/test_ops.py"],
    "store/commit.py": ["tests/test_service.py", "tests/test_consent.py", "tests/test_ops.py", "tests/test_migrate.py"],
    "store/entries.py": ["tests/test_service.py", "tests/test_api.py", "tests/test_ops.py", "tests/test_migrate.py"],
    "store/migrate.py": ["tests/test_migrate.py"],
    "store/connection.py": ["tests/test_embedded.py", "tests/test_service.py"],
}
FLIPS = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


def sites(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    """Every node a mutation can change, with a description (skipping docstrings)."""
    found: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and type(node.ops[0]) in FLIPS:
            found.append((node, f"{type(node.ops[0]).__name__} -> {FLIPS[type(node.ops[0])].__name__}"))
        elif isinstance(node, ast.BoolOp):
            found.append((node, "and <-> or"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            found.append((node, "drop not"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            found.append((node, f"{node.value} -> {not node.value}"))
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value not in (0, 1):
            found.append((node, f"{node.value} -> {node.value + 1}"))
        elif (
            isinstance(node, ast.Return)
            and node.value is not None
            and not (isinstance(node.value, ast.Constant) and node.value.value is None)
        ):
            found.append((node, "return None"))
    return sorted(found, key=lambda item: (getattr(item[0], "lineno", 0), item[1]))


def mutate(node: ast.AST) -> None:
    """Change one node in place."""
    if isinstance(node, ast.Compare):
        node.ops[0] = FLIPS[type(node.ops[0])]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):
        node.op = ast.UAdd()  # +x: truthiness of x, the `not` gone
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        node.value = not node.value
    elif isinstance(node, ast.Constant):
        node.value = node.value + 1
    elif isinstance(node, ast.Return):
        node.value = None


def mutants(source: str, limit: int) -> list[tuple[int, str, str]]:
    """(line, description, mutated source) for up to `limit` sites spread over the module."""
    tree = ast.parse(source)
    everything = sites(tree)
    step = max(1, len(everything) / limit) if limit else 1
    chosen = [everything[int(i * step)] for i in range(min(len(everything), limit or len(everything)))]
    result = []
    for node, description in chosen:
        index = everything.index((node, description))
        copy_tree = copy.deepcopy(tree)
        target = sites(copy_tree)[index][0]
        mutate(target)
        unparsed = ast.unparse(copy_tree)
        if unparsed != ast.unparse(tree):
            result.append((getattr(node, "lineno", 0), description, unparsed + "\n"))
    return result


ALWAYS = ("tests/test_store.py", "tests/test_dialogue.py", "tests/test_numbers.py")  # every mutant meets these


def killed(workdir: Path, tests: list[str], seconds: float = 120) -> bool:
    """True when the tests fail (or cannot even run, or hang past `seconds`: a mutant that makes
    a loop endless) with the mutant in place; a hung run is stopped with all it started."""
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-x", "-q", *ALWAYS, *tests],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        return run.wait(timeout=seconds) != 0
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(TARGETS))
    parser.add_argument("--limit", type=int, default=0, help="at most N mutants per module (0: all)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="mutation-"))
    work = scratch / "repo"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(".git", ".venv", "instance", "test-artifacts"))
    (work.parent / "shared").symlink_to(ROOT.parent / "shared") if (ROOT.parent / "shared").exists() else None
    total_killed = total = 0
    try:
        for module in args.modules:
            path = work / module
            original = path.read_text(encoding="utf-8")
            survivors, count, dead = [], 0, 0
            for line, description, source in mutants(original, args.limit):
                path.write_text(source, encoding="utf-8")
                started = time.monotonic()
                caught = killed(work, TARGETS[module])
                path.write_text(original, encoding="utf-8")
                count += 1
                dead += caught
                if not caught:
                    survivors.append(f"  {module}:{line} {description}")
                print(
                    f"{module}:{line} {description}: {'killed' if caught else 'SURVIVED'} ({time.monotonic() - started:.0f} s)",
                    flush=True,
                )
            total, total_killed = total + count, total_killed + dead
            rate = dead / count if count else 1.0
            print(f"== {module}: {dead}/{count} killed ({rate:.0%})", flush=True)
            print("\n".join(survivors), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"== total: {total_killed}/{total} killed ({total_killed / max(total, 1):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
