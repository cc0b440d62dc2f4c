"""Benchmark: model load time and per-message classification latency (median, p99).

Usage: python benchmarks/classify_latency.py [--passes N] [FILE.tsv ...]  (default: the test set)

Each message is classified once per pass, with the per-message caches dropped before it (no
message is ever timed on a repeat of itself). Two figures per data set:
- first sight: the first pass, after warming on the training data only, so most of the set's
  words are new to the process (word caches cold);
- running: the best of N further passes (lowest median: the least disturbed by other load),
  with the words already seen once, as in a webhook that has run for a while.
Run it pinned to one core (`taskset -c 0`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.evaluate import read_tsv  # noqa: E402
from intents.ham import ham_rows  # noqa: E402
from intents.normalise import forget_messages  # noqa: E402
from intents.training_data import training_pairs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def one_pass(texts: list[str], classify: Callable[[str], object]) -> list[float]:
    """Microseconds per message, each message once, never from a per-message cache."""
    timings = []
    for text in texts:
        forget_messages()
        start = time.perf_counter()
        classify(text)
        timings.append((time.perf_counter() - start) * 1e6)
    return timings


def measure(name: str, texts: list[str], classify: Callable[[str], object], passes: int) -> None:
    """First sight, then the best of `passes` running passes."""
    first = one_pass(texts, classify)
    running = min((one_pass(texts, classify) for _ in range(passes)), key=statistics.median)
    print(
        f"{name}: {len(texts)} messages\n"
        f"  first sight: median {statistics.median(first):.1f} µs, p99 {percentile(first, 0.99):.1f} µs\n"
        f"  running:     median {statistics.median(running):.1f} µs, p99 {percentile(running, 0.99):.1f} µs,"
        f" max {max(running):.1f} µs (best of {passes} passes)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    start = time.perf_counter()
    from intents.pipeline import Pipeline

    pipeline = Pipeline()
    print(
        f"model load + pipeline build: {(time.perf_counter() - start) * 1000:.0f} ms "
        f"(model {pipeline.model.version}, {len(pipeline.model.weights)} features)"
    )
    for _, text in training_pairs():  # the process has seen its own data, nothing else
        pipeline(text)
    sets = [
        (file, [text for _, text in read_tsv(Path(file))])
        for file in args.files or [str(ROOT / "intents" / "testdata" / "test.tsv")]
    ]
    try:
        sets.append(("sms-spam-collection ham", [text for _, text in ham_rows()]))
    except OSError:
        print("sms-spam-collection not found beside the repo; skipped")
    for name, texts in sets:
        measure(name, texts, pipeline, args.passes)


if __name__ == "__main__":
    main()
