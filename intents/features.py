"""Features for the classifier: words, word pairs, character n-grams and length."""

from __future__ import annotations

import functools

from .normalise import tokens

NEGATIONS = frozenset(
    "dont not never no cannot didnt doesnt cant wont couldnt wouldnt shouldnt isnt arent "
    "wasnt werent havent hasnt aint nao pas nicht kein keine non niet geen nie не 不 别".split()
)


def length_bucket(count: int) -> str:
    """Short messages carry 'stop' differently from long ones."""
    return "len:1" if count <= 1 else "len:2-3" if count <= 3 else "len:4-7" if count <= 7 else "len:8+"


def features(folded: str) -> list[str]:
    """Sparse binary features of a folded message (see intents.normalise.fold)."""
    words = [w.replace("'", "") for w in tokens(folded)]
    found = {"bias", length_bucket(len(words))}
    found.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    found.update(_negated(words))
    for word in words:
        found.update(_word_features(word))
    if len(words) == 1 and not words[0].isascii():
        found.update(f"c:{ch}" for ch in words[0])
    return sorted(found)


def _negated(words: list[str]) -> set[str]:
    """Words within three places after a negation ('don't ever stop' -> neg:stop)."""
    marked: set[str] = set()
    for i, word in enumerate(words):
        if word in NEGATIONS:
            marked.update(f"neg:{w}" for w in words[i + 1 : i + 4])
    return marked


@functools.lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[str, ...]:
    """A word and its character 3- and 4-grams (words repeat: computed once each)."""
    padded = f"<{word}>"
    grams = [f"c:{padded[i : i + size]}" for size in (3, 4) for i in range(len(padded) - size + 1)]
    return (f"w:{word}", *grams)
