"""Build the shipped word lists (dev only): real words per language, and common first names.

`python -m intents wordlists` needs the dev packages `wordfreq` (word frequencies, data
CC BY-SA 4.0, Robyn Speer) and `names` (US Census 1990 first names, public domain). The
webhook only reads the small files this writes, so neither package is a runtime dependency.
"""

from __future__ import annotations

import gzip
import importlib.resources
from pathlib import Path

from .normalise import strip_accents

LEXICON_DIR = Path(__file__).parent / "data" / "lexicon"
# how many of each language's most frequent words count as "real words"
WORD_COUNTS = {"en": 30000, "es": 20000, "fr": 20000, "de": 20000, "pt": 20000, "it": 20000, "nl": 15000, "pl": 15000}


def folded_word(word: str) -> str:
    """A word as the intent layer sees it: case and accents folded."""
    return strip_accents(word.casefold())


def build_words() -> dict[str, list[str]]:
    """language -> sorted real words (letters only, folded)."""
    from wordfreq import top_n_list  # dev dependency

    lists = {}
    for language, count in WORD_COUNTS.items():
        words = {folded_word(w) for w in top_n_list(language, count)}
        lists[language] = sorted(w for w in words if w.isalpha() and w.isascii() and len(w) >= 2)
    return lists


def build_names() -> list[str]:
    """First names of the 1990 US Census (public domain), folded."""
    folder = importlib.resources.files("names")  # dev dependency
    found = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in folder.joinpath(name).read_text().splitlines():
            if line.strip():
                found.add(folded_word(line.split()[0]))
    return sorted(found)


def write_all(directory: Path = LEXICON_DIR) -> list[Path]:
    """Write words-<lang>.txt.gz and first-names.txt.gz; byte-stable for the same input."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    files = {f"words-{lang}": words for lang, words in build_words().items()}
    files["first-names"] = build_names()
    for stem, words in files.items():
        path = directory / f"{stem}.txt.gz"
        with gzip.GzipFile(path, "wb", mtime=0) as handle:
            handle.write(("\n".join(words) + "\n").encode())
        written.append(path)
    return written
