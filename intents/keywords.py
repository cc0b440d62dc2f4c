"""Carrier and regulator keywords in several languages, matched on the whole message.

Sources: Twilio, CTIA, FCC 24-24, AWS End User Messaging, Telnyx, Plivo, Bird,
Sinch (see the README). A bare keyword is always honoured with confidence 1.0.
"""

from __future__ import annotations

from .normalise import squeeze

# intent -> language -> keywords (as a person types them; matched after folding)
KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "opt_out": {
        "en": (
            "stop",
            "stop all",
            "stopall",
            "unsubscribe",
            "cancel",
            "end",
            "quit",
            "revoke",
            "opt out",
            "optout",
            "opt-out",
            "remove",
            "unsub",
        ),
        "fr": ("arret", "arrêt", "arrete", "arrêter", "stop sms", "desabonner", "désinscrire", "desinscription", "désabonnement"),
        "es": (
            "detener",
            "baja",
            "alto",
            "cancelar",
            "darme de baja",
            "parar de enviar",
            "no mas",
            "desuscribir",
            "anular suscripción",
        ),
        "de": ("halt", "stopp", "abmelden", "abbestellen", "kündigen", "austragen", "beenden"),
        "pt": ("parar", "pare", "sair", "descadastrar", "cancelar inscrição"),
        "it": ("ferma", "basta", "annulla", "disiscriviti", "cancellami", "disdici"),
        "nl": ("afmelden", "uitschrijven", "stoppen", "opzeggen"),
        "pl": ("zatrzymaj", "wypisz", "rezygnuję", "rezygnacja", "koniec"),
        "ru": ("остановить", "стоп", "отписаться", "отписка", "хватит"),
        "zh": ("退订", "取消订阅", "停止", "退出", "td", "取消"),
    },
    "opt_in": {
        "en": ("start", "unstop", "yes", "resume", "subscribe", "resubscribe", "begin", "revert"),
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
# A lone real word is not a typo, except these: inflections and autocorrect's favourite swaps.
KEYWORD_VARIANTS = {
    "stops": "stop",
    "stopped": "stop",
    "stopping": "stop",
    "quite": "quit",
    "quits": "quit",
    "quitting": "quit",
    "ended": "end",
    "cancelled": "cancel",
    "canceled": "cancel",
    "removed": "remove",
    "unsubscribed": "unsubscribe",
}
# pieces that join keywords in one token: 'quit2end', 'stop to quit', 'quittwoend'
CONNECTORS = ("", "to", "two", "wo", "o", "and", "n")
