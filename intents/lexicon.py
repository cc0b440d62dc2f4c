"""Shipped word lists: is a token a real word (never a typo), or a first name (wrong person)?

Built by `python -m intents wordlists` (see intents/wordlists.py for the sources).
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "data" / "lexicon"


@functools.cache
def _read(stem: str) -> frozenset[str]:
    """One gzipped word-per-line file, read once per process."""
    path = LEXICON_DIR / f"{stem}.txt.gz"
    return frozenset(gzip.decompress(path.read_bytes()).decode().split())


@functools.cache
def words(language: str) -> frozenset[str]:
    """The real words of one language (folded), empty when none are shipped (looked up once)."""
    path = LEXICON_DIR / f"words-{language}.txt.gz"
    return _read(f"words-{language}") if path.exists() else frozenset()


def is_real_word(word: str, languages: tuple[str, ...] = ("en",)) -> bool:
    """True when `word` (folded) is a common word of any of `languages`."""
    return any(word in words(language) for language in languages)


def is_first_name(word: str) -> bool:
    """True for a common first name (folded)."""
    return word in _read("first-names")
