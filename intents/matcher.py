"""Keyword matching: built-in lists plus a program's own, with typo and compound tolerance.

A typo never crosses intents ('resubscribe' is not 'unsubscribe'), never hits a real word
('top', 'are'), and is found through a symmetric-delete index rather than a scan.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping

from domain.events import Source

from .distance import deletion_index, deletions, keyboard_distance
from .keywords import ALL_SCOPES, CONNECTORS, FILLERS, KEYWORD_VARIANTS, KEYWORDS
from .lexicon import is_real_word
from .normalise import fold, letters_only, squeeze, tokens
from .types import Intent, IntentName, intent_name

# the settings (and environment variables) that declare a program's own keywords
PROGRAM_KEYWORD_SETTINGS = {"opt_out": "OPT_OUT_KEYWORDS", "opt_in": "OPT_IN_KEYWORDS", "help": "HELP_KEYWORDS"}
SOURCE_BUILT_IN = "keyword"
SOURCE_PROGRAM = "program-keyword"
CACHE_SIZE = 50_000


def program_keywords(config: Mapping[str, object]) -> dict[str, list[str]]:
    """The program's own keywords per intent, from comma-separated settings (absent = none)."""
    return {
        intent: [w.strip() for w in str(config.get(name, "")).split(",") if w.strip()]
        for intent, name in PROGRAM_KEYWORD_SETTINGS.items()
    }


class Keywords:
    """Keyword lookup: built-in lists plus the program's own, with typo and compound tolerance."""

    def __init__(self, program: Mapping[str, Iterable[str]] | None = None) -> None:
        self.index: dict[str, tuple[IntentName, str, str]] = {}  # the name checked once, here
        self.spelling: dict[str, str] = {}
        for intent, languages in KEYWORDS.items():
            for language, words in languages.items():
                for word in words:
                    self._add(word, intent, language, SOURCE_BUILT_IN)
        for intent, chosen in (program or {}).items():
            for word in chosen:
                self._add(word, intent, "en", SOURCE_PROGRAM)
        self.typo_keys = tuple(k for k in self.index if len(k) >= 3 and k.isascii())
        self.candidates = deletion_index(self.typo_keys, depth=2)
        ascii_keys = sorted((k for k in self.typo_keys), key=len, reverse=True)
        self.any_key = re.compile("|".join(map(re.escape, ascii_keys)))
        self.cache: dict[tuple[str, bool], tuple[IntentName, str, str] | None] = {}
        # a key's squeezed letters use at most this many distinct letters: a text using more
        # cannot squeeze into any key (a cheap exact test before two regex passes)
        self.most_letters = max(len(set(key)) for key in self.index)

    def _add(self, word: str, intent: str, language: str, source: str) -> None:
        """Index one keyword by its squeezed letters; clashes between intents fail loudly."""
        key = squeeze(letters_only(fold(word)))
        if not key:
            raise ValueError(f"keyword {word!r} has no letters")
        known = self.index.get(key)
        if known and known[0] != intent:
            raise ValueError(f"keyword {word!r} is both {known[0]} and {intent}")
        if not known:
            self.index[key] = (intent_name(intent), language, source)
            self.spelling[key] = letters_only(fold(word))  # 'stopall', not the squeezed 'stopal'

    def match(self, folded: str) -> Intent | None:
        """The whole message is one keyword, however typed, optionally with 'please'/'thanks'."""
        exact = self._lookup(self._key(folded), "", 1.0)
        if exact:
            return exact
        words = tokens(folded)
        core = [t for t in words if t not in FILLERS]
        if core and len(core) < len(words):
            return self._lookup(self._key(" ".join(core)), "+filler", 0.99)
        return None

    def _key(self, folded: str) -> str:
        """The squeezed letters of a text, or '' when it has more distinct letters than any key."""
        letters = letters_only(folded)
        return "" if len(set(letters)) > self.most_letters else squeeze(letters)

    def _lookup(self, key: str, how: str, confidence: float) -> Intent | None:
        """One dictionary probe of a squeezed key."""
        found = self.index.get(key)
        if not found:
            return None
        intent, language, source = found
        return Intent(
            intent, confidence, language, Source.KEYWORD, f"{source}{how}:{self.spelling[key]}", all_scopes=key in ALL_SCOPES
        )

    def match_typo(self, folded: str) -> Intent | None:
        """A lone misspelt keyword ('stpo', 'pls unsubscirbe'), never a real word, never another intent."""
        words = [t for t in tokens(folded) if t not in FILLERS]
        if len(words) != 1:
            return None
        found = self.word_intent(words[0], lone=True)
        if found is None or found[1] == "exact":
            return None
        intent, how, key = found
        confidence = 0.95 if intent == "opt_out" else 0.9
        return Intent(intent, confidence, self.index[key][1], Source.TYPO, f"{how}:{words[0]}->{key}")

    def word_intent(self, word: str, lone: bool = False) -> tuple[IntentName, str, str] | None:
        """(intent, 'exact'|'typo'|'compound'|'variant', key) for one token, or None (cached)."""
        key = (word, lone)
        try:
            return self.cache[key]
        except KeyError:
            if len(self.cache) >= CACHE_SIZE:
                self.cache.clear()
            found = self.cache[key] = self._word_intent(word, lone)
            return found

    def _word_intent(self, word: str, lone: bool) -> tuple[IntentName, str, str] | None:
        """The uncached lookup."""
        letters = squeeze(letters_only(word))
        if letters in self.index:
            return self.index[letters][0], "exact", letters
        if lone and word in KEYWORD_VARIANTS:
            key = KEYWORD_VARIANTS[word]
            return self.index[key][0], "variant", key
        compound = self._compound(word)
        if compound:
            return compound
        if len(letters) < (3 if lone else 4) or is_real_word(word, ("en",)) or is_real_word(letters, ("en",)):
            return None
        closest = self._closest(letters)
        return (self.index[closest][0], "typo", closest) if closest else None

    def language_of(self, key: str) -> str:
        """The language a keyword key belongs to."""
        return self.index[key][1]

    def key_of(self, word: str) -> str:
        """The keyword a token stands for, or '' (for reading what follows it)."""
        found = self.word_intent(word)
        return found[2] if found else ""

    def _compound(self, word: str) -> tuple[IntentName, str, str] | None:
        """Keywords run together or joined by digits: 'quit2end', 'stoptoquit', 'quitend'."""
        raw_parts = [p for p in re.split(r"[^a-z]+", word) if p]
        parts = [squeeze(p) for p in raw_parts]
        if len(parts) > 1 and re.search(r"\d", word):
            joined_to_keyword = any(p in self.index for p in parts[1:])
            first = self._piece(parts[0], typo_len=3, real_words_too=joined_to_keyword) or self._piece(
                raw_parts[0], typo_len=3, real_words_too=joined_to_keyword
            )
            if first:
                return self.index[first][0], "compound", first
        letters = squeeze(letters_only(word))
        if len(letters) < 6 or not self.any_key.search(letters):
            return None
        pieces = _segment(letters, self._piece, self.index)
        if pieces:
            return self.index[pieces[0]][0], "compound", pieces[0]
        return None

    def _piece(self, piece: str, typo_len: int = 4, real_words_too: bool = False) -> str | None:
        """The keyword a piece is, exactly or one edit away ('atop' only beside a keyword: 'atop2end')."""
        if piece in self.index:
            return piece
        if len(piece) >= typo_len and (real_words_too or not is_real_word(piece, ("en",))):
            return self._closest(piece)
        return None

    def _closest(self, word: str) -> str | None:
        """The keyword within the allowed edit distance, when every nearest one shares an intent."""
        best: list[str] = []
        best_distance = 3.0
        found = set(itertools.chain.from_iterable(self.candidates.get(v, ()) for v in deletions(word, 2)))
        for key in sorted(found):
            allowed = 2 if len(key) >= 8 else 1
            if abs(len(key) - len(word)) > allowed:
                continue
            distance = keyboard_distance(word, key)
            if distance <= allowed and distance <= best_distance:
                best = [k for k in best if distance == best_distance] + [key]
                best_distance = distance
        if not best or len({self.index[k][0] for k in best}) != 1:
            return None
        return min(best)


def _segment(letters: str, piece_key: Callable[[str], str | None], index: Mapping[str, tuple[str, str, str]]) -> list[str] | None:
    """Split `letters` into >= 2 keyword pieces of one intent, joined by connectors."""
    if len(letters) > 40:
        return None
    for cut in range(3, len(letters) - 2):
        head = piece_key(letters[:cut])
        if not head:
            continue
        rest = letters[cut:]
        for connector in CONNECTORS:
            if not rest.startswith(connector) or len(rest) <= len(connector):
                continue
            tail = rest[len(connector) :]
            tail_key = piece_key(tail)
            if tail_key and index[tail_key][0] == index[head][0]:
                return [head, tail_key]
            deeper = _segment(tail, piece_key, index)
            if deeper and index[deeper[0]][0] == index[head][0]:
                return [head, *deeper]
    return None


DEFAULT_KEYWORDS = Keywords()
