"""Carrier and regulator keywords in several languages, matched on the whole message.

Sources: Twilio, CTIA, FCC 24-24, AWS End User Messaging, Telnyx, Plivo, Bird,
Sinch (see the README). A bare keyword is always honoured with confidence 1.0.
"""
from __future__ import annotations

from typing import Iterable

from .distance import edit_distance
from .normalise import fold, letters_only, squeeze, tokens
from .types import Intent

# intent -> language -> keywords (as a person types them; matched after folding)
KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "opt_out": {
        "en": ("stop", "stop all", "stopall", "unsubscribe", "cancel", "end", "quit",
               "revoke", "opt out", "optout", "opt-out", "remove", "unsub"),
        "fr": ("arret", "arrêt", "arrete", "arrêter", "stop sms", "desabonner", "désinscrire",
               "desinscription", "désabonnement"),
        "es": ("detener", "baja", "alto", "cancelar", "darme de baja", "parar de enviar",
               "no mas", "desuscribir", "anular suscripción"),
        "de": ("halt", "stopp", "abmelden", "abbestellen", "kündigen", "austragen", "beenden"),
        "pt": ("parar", "pare", "sair", "descadastrar", "cancelar inscrição"),
        "it": ("ferma", "basta", "annulla", "disiscriviti", "cancellami", "disdici"),
        "nl": ("afmelden", "uitschrijven", "stoppen", "opzeggen"),
        "pl": ("zatrzymaj", "wypisz", "rezygnuję", "rezygnacja", "koniec"),
        "ru": ("остановить", "стоп", "отписаться", "отписка", "хватит"),
        "zh": ("退订", "取消订阅", "停止", "退出", "td", "取消"),
    },
    "opt_in": {
        "en": ("start", "unstop", "yes", "resume", "subscribe", "begin", "revert"),
        "fr": ("nonarret", "non arret", "reprendre"),
        "es": ("alta", "reanudar", "suscribir"),
        "de": ("anmelden", "fortsetzen"),
        "pt": ("retomar", "voltar"),
        "it": ("riprendi", "iscriviti"),
        "nl": ("aanmelden",),
        "pl": ("wznow", "wznów"),
        "ru": ("подписаться", "старт"),
        "zh": ("订阅", "开始"),
    },
    "help": {
        "en": ("help", "info"),
        "fr": ("aide",),
        "es": ("ayuda",),
        "de": ("hilfe",),
        "pt": ("ajuda",),
        "it": ("aiuto",),
        "nl": ("hulp",),
        "pl": ("pomocy", "pomoc"),
        "ru": ("помощь",),
        "zh": ("帮助",),
    },
}
ALL_SCOPES = {squeeze("stopall")}
FILLERS = frozenset(
    "please pls plz thanks thank you thx ty now ok okay it just and so much very asap por favor gracias merci "
    "svp danke bitte grazie obrigado obrigada dank je per favore".split()
)
# Real words one edit away from a keyword: a typo match never turns these into opt-outs.
NOT_TYPOS = frozenset(
    "top step shop stow slop spot stoop atop stops stone store story stock stay soap "
    "and bend send ends end quite quiet quilt suit quiz cancer candle remote removed "
    "halt salt hold hello held helps info".split()
)


def _index() -> dict[str, tuple[str, str]]:
    """Squeezed letters of every keyword -> (intent, language); fails loudly on clashes."""
    index: dict[str, tuple[str, str]] = {}
    for intent, languages in KEYWORDS.items():
        for language, words in languages.items():
            for word in words:
                key = squeeze(letters_only(fold(word)))
                known = index.get(key)
                if known and known[0] != intent:
                    raise ValueError(f"keyword {word!r} is both {known[0]} and {intent}")
                index.setdefault(key, (intent, language))
    return index


INDEX = _index()
# opt-out keys long enough for typo matching (computed once, not per message)
OPT_OUT_KEYS = tuple(k for k, (i, _) in INDEX.items() if i == "opt_out" and len(k) >= 4 and k.isascii())


def match_keyword(folded: str) -> Intent | None:
    """The whole message is one keyword, however typed, optionally with 'please'/'thanks'."""
    exact = _lookup(squeeze(letters_only(folded)), "keyword", 1.0)
    if exact:
        return exact
    core = [t for t in tokens(folded) if t not in FILLERS]
    if core and len(core) < len(tokens(folded)):
        return _lookup(squeeze(letters_only(" ".join(core))), "keyword+filler", 0.99)
    return None


def _lookup(key: str, detail: str, confidence: float) -> Intent | None:
    """One dictionary probe of a squeezed key."""
    found = INDEX.get(key)
    if not found:
        return None
    intent, language = found
    return Intent(intent, confidence, language, "keyword", f"{detail}:{key}",
                  all_scopes=key in ALL_SCOPES)


def match_typo(folded: str) -> Intent | None:
    """A lone misspelt opt-out keyword ('stpo', 'pls unsubscirbe'), never a real word."""
    words = [t for t in tokens(folded) if t not in FILLERS]
    if len(words) != 1 or words[0] in NOT_TYPOS:
        return None
    word = squeeze(letters_only(words[0]))
    best = _closest(word, OPT_OUT_KEYS)
    if best is None:
        return None
    return Intent("opt_out", 0.95, INDEX[best][1], "typo", f"typo:{word}->{best}")


def _closest(word: str, candidates: Iterable[str]) -> str | None:
    """The keyword within the allowed edit distance (1, or 2 for long words)."""
    if len(word) < 3:
        return None
    for key in candidates:
        allowed = 2 if len(key) >= 8 else 1
        if abs(len(key) - len(word)) <= allowed and edit_distance(word, key) <= allowed:
            return key
    return None
