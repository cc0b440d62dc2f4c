"""A linear-time first pass that rules pattern families out before Python's regex engine runs.

Python's engine tries every alternative of a family at every word, so a message that matches
nothing costs the most. RE2 (google-re2) matches all families at once in one pass over the
text. Each family is given to RE2 with its lookarounds removed, so RE2 matches a superset of
what the family matches: a family RE2 rules out cannot match, and a family it lets through is
still decided by Python's regex, so the result is identical (a test compares on every corpus).
RE2's \\w, \\s and \\b are ASCII-only: other text goes straight to Python, as without RE2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

try:
    import re2
except ImportError:  # an optional speed-up: without it every family is scanned
    re2 = None

LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
NOTHING: frozenset[int] = frozenset()
PLAIN_SPACING = re.compile(r"[^\S \n]")  # whitespace RE2's \s reads differently (\v, \x1c-\x1f)


def without_lookarounds(pattern: str) -> str:
    """The pattern with every lookahead and lookbehind group dropped: it matches a superset."""
    kept, skip_to = [], 0
    for i, unit, in_class in _units(pattern):
        if i < skip_to:
            continue
        if not in_class and pattern.startswith(LOOKAROUNDS, i):
            skip_to = _group_end(pattern, i) + 1
        else:
            kept.append(unit)
    return "".join(kept)


def _group_end(pattern: str, start: int) -> int:
    """The index of the ')' that closes the group opened at `start`."""
    depth = 0
    for i, unit, in_class in _units(pattern, start):
        if not in_class and unit in "()":
            depth += 1 if unit == "(" else -1
            if depth == 0:
                return i
    raise ValueError(f"unbalanced group in pattern at {start}")


def _units(pattern: str, start: int = 0) -> Iterator[tuple[int, str, bool]]:
    """(index, one character or an escape, whether it stands inside a [character class])."""
    i, in_class = start, False
    while i < len(pattern):
        unit = pattern[i : i + 2] if pattern[i] == "\\" else pattern[i]
        yield i, unit, in_class and unit != "]"
        if len(unit) == 1:
            in_class = unit != "]" if in_class else unit == "["
        i += len(unit)


class Prefilter:
    """ruled_out(text): ids of the families that cannot match `text` (none when RE2 cannot say)."""

    def __init__(self, families: Sequence[re.Pattern[str]]) -> None:
        self.families = list(families)
        self.engine = _compile(self.families) if re2 is not None else None
        self.every_id = frozenset(id(family) for family in self.families)

    def ruled_out(self, text: str) -> frozenset[int]:
        """ids of the families whose superset RE2 found no match of; a pattern this prefilter
        was not given is never ruled out."""
        if self.engine is None or not text.isascii() or PLAIN_SPACING.search(text):
            return NOTHING
        found = self.engine.Match(text)
        if not found:  # most messages: no family at all
            return self.every_id
        return frozenset(id(family) for i, family in enumerate(self.families) if i not in found)


def _compile(families: Sequence[re.Pattern[str]]) -> Any:
    """One RE2 set of every family, in the families' order; loud if RE2 refuses one."""
    options = re2.Options()
    options.max_mem = 64 << 20  # the families' DFA is larger than RE2's 8 MB default
    engine = re2.Set.SearchSet(options)
    for family in families:
        if family.flags & re.IGNORECASE:
            raise ValueError("the prefilter does not handle case-insensitive families")
        # (?m) always: its ^ and $ match wherever Python's do, with or without re.MULTILINE
        engine.Add("(?m)" + without_lookarounds(family.pattern))
    engine.Compile()
    return engine
