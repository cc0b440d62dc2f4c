"""Edit distances for typo tolerance (no dependency: the strings are a few letters long)."""

from __future__ import annotations

from collections.abc import Iterable

QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, frozenset[str]]:
    """Keys that touch on a QWERTY keyboard: same row either side, the staggered rows above and below."""
    near: dict[str, set[str]] = {}
    for r, row in enumerate(QWERTY_ROWS):
        for c, key in enumerate(row):
            touching = {(r, c - 1), (r, c + 1), (r + 1, c - 1), (r + 1, c), (r - 1, c), (r - 1, c + 1)}
            near[key] = {
                QWERTY_ROWS[rr][cc] for rr, cc in touching if 0 <= rr < len(QWERTY_ROWS) and 0 <= cc < len(QWERTY_ROWS[rr])
            }
    return {key: frozenset(keys) for key, keys in near.items()}


ADJACENT = _neighbours()


def edit_distance(a: str, b: str, slip: float = 1.0) -> float:
    """Optimal-string-alignment distance: a swap ('stpo') is one edit; a slip onto a
    neighbouring key ('wuit' for 'quit') costs `slip` (1 = plain OSA distance)."""
    prev2: list[float] = []
    prev: list[float] = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [float(i)] + [0.0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0.0 if ca == cb else slip if cb in ADJACENT.get(ca, ()) else 1.0
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def keyboard_distance(a: str, b: str) -> float:
    """Edit distance where hitting a neighbouring key costs half an edit."""
    return edit_distance(a, b, slip=0.5)


def deletions(word: str, depth: int = 1) -> set[str]:
    """The word and every string `depth` or fewer deletions away from it."""
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def deletion_index(words: Iterable[str], depth: int = 1) -> dict[str, tuple[str, ...]]:
    """Deletion variant -> words: typo candidates in a few lookups (symmetric delete)."""
    index: dict[str, set[str]] = {}
    for word in words:
        for variant in deletions(word, depth):
            index.setdefault(variant, set()).add(word)
    return {variant: tuple(sorted(found)) for variant, found in index.items()}
