"""One place for time: what people may type for "since", and what the project prints."""

from __future__ import annotations

import pytest

from domain import times

NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("24h", NOW - 86400),
        ("7d", NOW - 7 * 86400),
        ("30m", NOW - 1800),
        ("2w", NOW - 1_209_600),
        (" 90s ", NOW - 90),
        ("1700000000", 1_700_000_000.0),
        ("0", 0.0),
        ("1e11", 1e11),
    ],
)
def test_since_reads_durations_and_unix_seconds(raw, expected):
    assert times.since(raw, now=NOW) == expected


@pytest.mark.parametrize("raw", ["yesterday", "-5", "-0.001", "nan", "inf", "100000000001", "", "24x", "1700000000000"])
def test_since_refuses_what_it_cannot_read_in_one_sentence(raw):
    with pytest.raises(ValueError, match="want"):
        times.since(raw, now=NOW)


def test_the_formats():
    assert times.iso(0) == "1970-01-01T00:00:00+00:00"
    assert times.iso_or_none(None) is None and times.iso_or_none(86400) == "1970-01-02T00:00:00+00:00"
    assert times.utc(86399.9, "day") == "1970-01-01"
    assert times.utc(3661, "minute") == "1970-01-01 01:01"
    assert times.utc(3661) == "1970-01-01 01:01:01"
