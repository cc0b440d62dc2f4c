"""Language detection good enough to pick a reply language: scripts, then common words."""

from __future__ import annotations

import re
from collections import Counter

from .normalise import tokens

CYRILLIC = re.compile("[\u0400-\u04ff]")
HAN = re.compile("[\u4e00-\u9fff]")

COMMON_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the you me my i to please stop text texts texting messages dont don't not "
        "no more this is are your and want remove unsubscribe number wrong",
        "es": "no me de la el que los mas más por favor mensajes quiero mi numero número "
        "dejen envien envíen manden baja gracias para ya deja",
        "fr": "je ne me pas plus de la le les vous svp merci messages mon numero numéro arretez arrêtez envoyez veux desabonner",
        "de": "ich nicht mir mehr keine bitte nachrichten sie nummer mich und der die das schreiben abmelden",
        "pt": "nao não me mais mensagens quero de meu numero número por favor parem obrigado voce você receber",
        "it": "non mi piu più messaggi voglio il mio numero per favore basta grazie smettetela di",
        "nl": "ik niet geen meer berichten mij me wil nummer alsjeblieft stuur afmelden",
        "pl": "nie mi wiecej więcej wiadomosci wiadomości prosze proszę moj mój numer chce chcę",
        "tl": "po ang ng mga na ako ko mo niyo nyo kayo sa hindi huwag wag salamat ito yung lang",
        "hi": "mujhe mera meri aap hai hain nahi mat karo kar do ko ye yeh kya bhai band bhejo",
    }.items()
}


def detect_language(folded: str, default: str = "en") -> str:
    """Cyrillic -> ru, Han -> zh, else the language whose common words appear most."""
    if not folded.isascii():
        if CYRILLIC.search(folded):
            return "ru"
        if HAN.search(folded):
            return "zh"
    scores = Counter(lang for word in tokens(folded) for lang in LANGUAGES_OF.get(word, ()))
    best = max(COMMON_WORDS, key=lambda lang: (scores[lang], lang == default))  # ties: table order
    return best if scores[best] else default


def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each common word and the languages it is common in (one look-up per word, not per language)."""
    found: dict[str, list[str]] = {}
    for lang, common in COMMON_WORDS.items():
        for word in common:
            found.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in found.items()}


LANGUAGES_OF = _languages_of()
