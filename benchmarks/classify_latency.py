"""Benchmark: model load time and per-message classification latency (median, p99).

Usage: python benchmarks/classify_latency.py [FILE.tsv ...]  (default: the test set)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents.evaluate import read_tsv  # noqa: E402
from intents.ham import ham_rows  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(name: str, texts: list[str], classify) -> None:
    """Time every message three times, keep each message's best, print median and p99."""
    timings = []
    for text in texts:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            classify(text)
            best = min(best, time.perf_counter() - start)
        timings.append(best * 1e6)
    print(f"{name}: {len(texts)} messages, median {statistics.median(timings):.1f} µs, "
          f"p99 {percentile(timings, 0.99):.1f} µs, max {max(timings):.1f} µs")


def main() -> None:
    start = time.perf_counter()
    from intents.pipeline import Pipeline

    pipeline = Pipeline()
    print(f"model load + pipeline build: {(time.perf_counter() - start) * 1000:.0f} ms "
          f"(model {pipeline.model.version}, {len(pipeline.model.weights)} features)")
    files = sys.argv[1:] or [str(ROOT / "intents" / "testdata" / "test.tsv")]
    for file in files:
        measure(file, [text for _, text in read_tsv(Path(file))], pipeline)
    try:
        measure("sms-spam-collection ham", [text for _, text in ham_rows()], pipeline)
    except OSError:
        print("sms-spam-collection not found beside the repo; skipped")


if __name__ == "__main__":
    main()
