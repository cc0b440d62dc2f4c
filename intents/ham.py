"""The SMS Spam Collection's ham lines as an outside test of false opt-outs (never trained on)."""

from __future__ import annotations

import csv
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "sms-spam-collection"


def ham_rows(directory: Path = SHARED) -> list[tuple[str, str]]:
    """(label, text) for every ham line: 'opt_out' for the listed genuine ones, else 'other'."""
    optouts = set()
    with open(directory / "optout-lines.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            optouts.add(int(row["line"]))
    rows = []
    with open(directory / "SMSSpamCollection", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            label, _, text = line.rstrip("\n").partition("\t")
            if label == "ham":
                rows.append(("opt_out" if number in optouts else "other", text))
    return rows
