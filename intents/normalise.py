"""Normalisation: make 'S.T.O.P!!', 'stoppp', 'st0p' and '🛑' look alike to later layers."""

from __future__ import annotations

import functools
import re
import unicodedata

from .distance import deletion_index, deletions, edit_distance

STROKED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ħ": "h", "ŧ": "t"})
STOP_EMOJI = ("🛑", "⛔", "🚫", "✋", "🤚", "🙅", "📵", "🔕")
GO_AWAY_EMOJI = ("🖕",)
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
LEET_CHARACTER = re.compile(r"[0-9@$]")
LEET_TOKEN = re.compile(r"[\w@$]*[0-9@$][\w@$]*")
NOT_LEET = re.compile(r"\d+(st|nd|rd|th|am|pm|h|k|min|s)?|\w*_\w*")
RUNS = re.compile(r"(\w)\1{2,}")
NON_WORD = re.compile(r"[^\w\s']+")
HASH_NUMBER = re.compile(r"#(?=\d|\s|$)")  # 'wrong #', 'order #123': '#' reads 'number'
TYPO_VOCABULARY = (
    "stop",
    "remove",
    "unsubscribe",
    "text",
    "texting",
    "texts",
    "message",
    "messages",
    "cancel",
    "number",
    "contact",
)
# real words one edit from the vocabulary: never 'corrected'
REAL_NEIGHBOURS = frozenset(
    "step shop stow slop spot atop stops stoop stomp next test tent texas tests testing "
    "massage massages messaged messager cancer cancels lumber numbers contract contacts "
    "removed remote remover removes".split()
)


def strip_accents(text: str) -> str:
    """Drop combining marks so 'arrêt' and 'arret' compare equal."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # recompose what is not an accent (Hangul syllables); letters with strokes have no decomposition
    return unicodedata.normalize("NFC", stripped).translate(STROKED)


def replace_emoji(text: str) -> str:
    """Stop-sign emoji become the word 'stop', a raised middle finger 'fuck off'."""
    text = text.replace("\ufe0f", "")
    for emoji in STOP_EMOJI:
        text = text.replace(emoji, " stop ")
    for emoji in GO_AWAY_EMOJI:
        text = text.replace(emoji, " fuck off ")
    return text


def undo_leet(text: str) -> str:
    """Digits standing for letters inside a word: 'st0p' -> 'stop', not '24h' alone."""
    if not LEET_CHARACTER.search(text):  # most text: no digit, '@' or '$' at all
        return text
    return LEET_TOKEN.sub(lambda m: _unleet(m.group(0)), text)


def _unleet(token: str) -> str:
    """Translate a token only when it is mostly letters and not a number with a unit."""
    letters = sum(ch.isalpha() for ch in token)
    if letters < 2 or letters <= len(token) - letters or NOT_LEET.fullmatch(token):
        return token
    return token.translate(LEET)


@functools.lru_cache(maxsize=256)  # fold() and fold_lines() of one message share the work
def _folded(text: str) -> str:
    """Case, width, accents, emoji, leetspeak, letter runs and punctuation; spacing left as is."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = strip_accents(replace_emoji(text))
    text = undo_leet(text.replace("’", "'"))
    if RUNS.search(text):  # rare: a search is cheaper than a substitution by template
        text = RUNS.sub(r"\1", text)
    if "#" in text:
        text = HASH_NUMBER.sub(" number ", text)
    return NON_WORD.sub(" ", text)


def forget_messages() -> None:
    """Drop what is cached per message text (not per word): a benchmark's next call then
    costs what a message never seen before costs in a running process."""
    _folded.cache_clear()
    _tokens.cache_clear()


def fold(text: str) -> str:
    """Case, width, accents, emoji, leetspeak and letter runs folded; words kept apart."""
    return " ".join(_folded(text).split())  # str.split() and \s agree on what is a space


def fold_lines(text: str) -> list[str]:
    """fold() of each line of `text`, in one pass (the clause reader's clauses)."""
    return [" ".join(line.split()) for line in _folded(text).split("\n")]


NEIGHBOURS: dict[str, tuple[str, ...]] = {}


def correct_typos(folded: str) -> str:
    """Words one edit from a key opt-out word are read as it ('stpo texting' -> 'stop texting')."""
    return " ".join(_corrected(word) for word in folded.split())


@functools.lru_cache(maxsize=65536)  # words repeat across messages
def _corrected(word: str) -> str:
    """The vocabulary word within one edit of `word`, or `word` itself."""
    if len(word) < 4 or word in REAL_NEIGHBOURS or word in TYPO_VOCABULARY:
        return word
    for variant in deletions(word):
        for known in NEIGHBOURS.get(variant, ()):
            if edit_distance(word, known) <= 1:
                return known
    return word


def for_model(text: str) -> str:
    """What the classifier reads: the folded text with key words' typos corrected."""
    return correct_typos(fold(text))


NOT_LETTERS = re.compile(r"[\W\d_]+")


def letters_only(folded: str) -> str:
    """Every letter run together: 'S T O P', 's.t.o.p' and 'opt-out' become one word."""
    return folded if folded.isalpha() else NOT_LETTERS.sub("", folded)  # a letter is never \W, \d or _


def squeeze(word: str) -> str:
    """Collapse every doubled letter so 'stopp' meets 'stop' and 'stopall' meets 'stop al'."""
    return DOUBLED.sub(r"\1", word) if DOUBLED.search(word) else word  # the search is the cheap part


DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=4096)
def _tokens(folded: str) -> tuple[str, ...]:
    return tuple(t for t in (w.strip("'") for w in folded.split()) if t)


def tokens(folded: str) -> tuple[str, ...]:
    """Words of a folded text, apostrophes kept inside ('don't'); each text split once (the
    layers ask for the same clause's words several times)."""
    return _tokens(folded)


NEIGHBOURS.update(deletion_index(TYPO_VOCABULARY))
