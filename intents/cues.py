"""Opt-out cues: a message with none of these is never an opt-out by the model.

This gate keeps ordinary chatter ('k tell me anything about you', 'I am alone
also') from ever reaching the grey zone; the model decides only among messages
that talk about messages, lists, stopping or consent. Three kinds of cue:
strong word stems (prefixes), whole words, and weak words that count only in
an opt-out phrase ('leave me alone', 'wrong number', 'lose my number').
"""

from __future__ import annotations

import functools
import re

from .normalise import tokens

STRONG_STEMS: tuple[str, ...] = tuple(
    sorted(
        set(
            """
stop stp text txt msg mesag messag sms remove remov unsub subscri contact spam cancel optout
delete block consent revoke withdraw cease halt unsolicited unwant promo marketing harass bother
mensaj baja escrib envia envie envio envien equivocad suscri dejen borr saque sacame
desabon desinscri arret envoy retirez retirer
nachricht abmeld schreib abbestell entfern
mensag parem inscri
messagg scriv togliet smett
bericht afmeld lijst
wiadomo pisac pisz wypis przestan
пиш писа сообщ удал хват отпис
""".split()
        )
    )
)
WHOLE_WORDS = frozenset(
    "quit quits quitting basta tire tirem opt list lists liste listing mande manden mandes mandar mandan".split()
)
WEAK_PHRASES = re.compile(
    "|".join(
        [
            r"\b(leave|let) (me|us) (alone|be)\b",
            r"\balone please\b",
            r"\bgo away\b",
            r"\bstay away from me\b",
            r"\bwrong (number|person|#|guy|girl|numbr|no)\b",
            r"\b(my|this|our) (number|numbr|no|#|phone)\b",
            r"\bnumber (off|from|out)\b",
            r"\b(lose|forget|delete) (my|this|me)\b",
            r"\bcount me out\b",
            r"\bsign me (off|out)\b",
            r"\breport(ed|ing)? (you|u|this|as)\b",
            r"\b(numer[oa]?|nummer)\b",
            r"\bномер\b",
            r"\b(falsch\w*|sbagliat\w*|verkeerd|errad[oa]|zly)\b",
            r"\bmelden\b.*\bab\b",
            r"\b(dont|don't|do not|never|stop) (send|sending|write|writing) (me|us|this|anything)\b",
            r"\bi (dont|don't|do not) know you\b|\b(dont|don't|do not) know who (you are|this is)\b",
            r"\bno (idea|clue) who\b",
        ]
    )
)
CJK_CUES = ("短信", "消息", "名单", "打错", "发", "退订")


OPT_OUT_WORD, OPT_IN_WORD, HELP_WORD = 1, 2, 4


@functools.lru_cache(maxsize=65536)  # words repeat: each word's stems are looked up once
def word_cues(word: str) -> int:
    """Which kinds of cue one word carries, as bits."""
    return (
        (OPT_OUT_WORD if word.startswith(STRONG_STEMS) or word in WHOLE_WORDS else 0)
        | (OPT_IN_WORD if word.startswith(OPT_IN_STEMS) else 0)
        | (HELP_WORD if word.startswith(HELP_STEMS) else 0)
    )


def _any_word(folded: str, kind: int) -> bool:
    """Whether some word of the text carries a cue of this kind."""
    return any(word_cues(word) & kind for word in tokens(folded))


def has_opt_out_cue(folded: str) -> bool:
    """True when the folded message has a strong stem, a whole-word cue or an opt-out phrase."""
    if not folded.isascii() and any(cue in folded for cue in CJK_CUES):
        return True
    return _any_word(folded, OPT_OUT_WORD) or _opt_out_phrase(folded)


def _opt_out_phrase(folded: str) -> bool:
    """A weak word that counts in an opt-out phrase ('leave me alone', 'wrong number')."""
    return WEAK_PHRASES.search(folded) is not None


OPT_IN_STEMS: tuple[str, ...] = (
    "subscri",
    "resubscri",
    "start",
    "restart",
    "resum",
    "rejoin",
    "unstop",
    "enrol",
    "opt",
    "signup",
    "text",
    "txt",
    "messag",
    "msg",
    "sms",
    "alert",
    "notif",
    "deal",
    "offer",
    "promo",
    "updat",
    "inscri",
    "suscri",
    "abonn",
    "anmeld",
    "mensag",
    "messagg",
    "nachricht",
    "recib",
    "receb",
    "recev",
    "ricev",
    "wiadom",
    "berich",
    "сообщ",
    "подпис",
)


def has_opt_in_cue(folded: str) -> bool:
    """An opt-in talks about the messages or the subscription; 'again' alone is chatter."""
    return _any_word(folded, OPT_IN_WORD) or _opt_in_phrase(folded)


def _opt_in_phrase(folded: str) -> bool:
    """'again' in another language, or a CJK word for the messages."""
    return any(cue in folded for cue in OPT_IN_PHRASES)


# 'again' in other languages: the opt-in cue that English chatter ('again', 'back') is not
OPT_IN_PHRASES = (
    "订阅",
    "短信",
    "消息",
    "重新",
    "문자",
    "구독",
    "다시",
    "tin nhan",
    "رسائل",
    "wieder",
    "de volta",
    "di nuovo",
    "a nouveau",
    "otra vez",
    "de nuevo",
    "de novo",
    "opnieuw",
    "ponownie",
    "znowu",
    "снова",
    "phir se",
    "ulit",
)


HELP_STEMS: tuple[str, ...] = (
    "who",
    "what",
    "how",
    "where",
    "why",
    "which",
    "help",
    "info",
    "support",
    "question",
    "contact",
    "cost",
    "charg",
    "rate",
    "fee",
    "ayud",
    "aide",
    "hilf",
    "ajud",
    "aiut",
    "hulp",
    "pomoc",
    "quien",
    "qui",
    "wer",
    "woher",
    "quem",
    "chi",
    "kto",
    "кто",
    "помощ",
    "kaun",
    "sino",
    "ai ",
)


def has_any_cue(text: str, folded: str) -> bool:
    """Anything for the model to decide: an opt-out, opt-in or help cue, or a question."""
    if "?" in text or "？" in text or not folded.isascii():
        return True
    # ASCII from here, so no CJK cue: any word cue (one pass over the words), else a phrase
    return _any_word(folded, HELP_WORD | OPT_IN_WORD | OPT_OUT_WORD) or _opt_out_phrase(folded) or _opt_in_phrase(folded)
