"""The SMS program's public terms, built from the running configuration and the keyword lists.

Nothing here is copy that can drift: every keyword, the retention period, the contact and
the program's own keywords come from what the service really does. English, Spanish, French.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intents.keywords import KEYWORDS
from intents.matcher import program_keywords

LANGUAGES = ("en", "es", "fr")
NATIVE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "ru": "Russian",
    "zh": "Chinese",
}
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "title": "{brand} text messages: terms",
        "program": "The program",
        "frequency": "Message frequency: {frequency}.",
        "rates": "Msg & data rates may apply.",
        "stop": "How to stop",
        "stop_keywords": "Reply with any of these words, in any case, even with a typo, and you are unsubscribed at once:",
        "program_keywords": "This program's own words:",
        "plain": 'You can also say it in your own words: "please stop texting me", "take me off your list", "wrong number" — in any language we read, we honour it.',
        "link": "Every message we send can carry a personal unsubscribe link; one tap on its button unsubscribes you.",
        "confirmation": "We send one confirmation, with no marketing in it, and may ask why (answering is optional). Then nothing more.",
        "revoke_all": "One opt-out stops every message from {brand}, on any of its numbers, including numbers it starts using later.",
        "resubscribe": "How to start again",
        "start_keywords": "Only you can resubscribe: reply with one of",
        "start_here": "START resubscribes you only to the number you send it to; the others stay stopped until you send them START too.",
        "help": "Help",
        "help_text": "For help, reply {help_words}, or contact {contact}.",
        "default_description": "Text messages from {brand}.",
        "evidence": "What we keep",
        "evidence_text": "Every opt-out and opt-in is kept permanently as evidence (who, when, the exact text, and how it was decided). Other messages are kept for {days} days.",
        "privacy": "Privacy policy",
        "privacy_contact": "For privacy questions, write to {contact}.",
        "carriers": "Carriers are not liable for delayed or undelivered messages.",
        "languages": "Keywords in other languages",
    },
    "es": {
        "title": "Mensajes de texto de {brand}: condiciones",
        "program": "El programa",
        "frequency": "Frecuencia de mensajes: {frequency}.",
        "rates": "Pueden aplicarse tarifas de mensajes y datos.",
        "stop": "Cómo darte de baja",
        "stop_keywords": "Responde con cualquiera de estas palabras, en mayúsculas o minúsculas, incluso con una errata, y te damos de baja al instante:",
        "program_keywords": "Palabras propias de este programa:",
        "plain": 'También puedes decirlo con tus palabras: "no me manden más mensajes", "sáquenme de la lista", "número equivocado": lo respetamos en cualquier idioma que entendemos.',
        "link": "Cada mensaje puede llevar un enlace personal para darte de baja con un solo toque.",
        "confirmation": "Enviamos una sola confirmación, sin publicidad, y podemos preguntar el motivo (responder es opcional). Nada más.",
        "revoke_all": "Una sola baja detiene todos los mensajes de {brand}, desde cualquiera de sus números, incluidos los que empiece a usar más adelante.",
        "resubscribe": "Cómo volver a suscribirte",
        "start_keywords": "Solo tú puedes volver a suscribirte: responde con",
        "start_here": "START te vuelve a suscribir solo al número al que lo envías; los demás siguen detenidos hasta que también les envíes START.",
        "help": "Ayuda",
        "help_text": "Para obtener ayuda, responde {help_words}, o escribe a {contact}.",
        "default_description": "Mensajes de texto de {brand}.",
        "evidence": "Qué guardamos",
        "evidence_text": "Cada baja y cada alta se guarda de forma permanente como prueba (quién, cuándo, el texto exacto y cómo se decidió). Los demás mensajes se guardan {days} días.",
        "privacy": "Política de privacidad",
        "privacy_contact": "Para preguntas de privacidad, escribe a {contact}.",
        "carriers": "Los operadores no son responsables de mensajes retrasados o no entregados.",
        "languages": "Palabras clave en otros idiomas",
    },
    "fr": {
        "title": "SMS de {brand} : conditions",
        "program": "Le programme",
        "frequency": "Fréquence des messages : {frequency}.",
        "rates": "Des frais de messages et de données peuvent s'appliquer.",
        "stop": "Comment vous désinscrire",
        "stop_keywords": "Répondez par l'un de ces mots, en majuscules ou minuscules, même avec une faute de frappe, et vous êtes désinscrit(e) immédiatement :",
        "program_keywords": "Les mots propres à ce programme :",
        "plain": "Vous pouvez aussi le dire avec vos mots : « ne m'envoyez plus de SMS », « retirez-moi de la liste », « mauvais numéro » — dans toutes les langues que nous lisons, nous le respectons.",
        "link": "Chaque message peut contenir un lien personnel de désinscription : un seul appui suffit.",
        "confirmation": "Nous envoyons une seule confirmation, sans publicité, et pouvons demander pourquoi (répondre est facultatif). Rien de plus.",
        "revoke_all": "Une seule désinscription arrête tous les messages de {brand}, depuis n'importe lequel de ses numéros, y compris ceux qu'il utilisera plus tard.",
        "resubscribe": "Comment vous réinscrire",
        "start_keywords": "Vous seul(e) pouvez vous réinscrire : répondez par",
        "start_here": "START ne vous réinscrit qu'au numéro auquel vous l'envoyez ; les autres restent arrêtés jusqu'à ce que vous leur envoyiez START aussi.",
        "help": "Aide",
        "help_text": "Pour obtenir de l'aide, répondez {help_words}, ou écrivez à {contact}.",
        "default_description": "SMS de {brand}.",
        "evidence": "Ce que nous conservons",
        "evidence_text": "Chaque désinscription et réinscription est conservée de façon permanente comme preuve (qui, quand, le texte exact et comment elle a été décidée). Les autres messages sont conservés {days} jours.",
        "privacy": "Politique de confidentialité",
        "privacy_contact": "Pour toute question de confidentialité, écrivez à {contact}.",
        "carriers": "Les opérateurs ne sont pas responsables des messages retardés ou non distribués.",
        "languages": "Mots-clés dans d'autres langues",
    },
}


@dataclass(frozen=True)
class Terms:
    """Everything the page states, already in one language."""

    language: str
    phrases: dict[str, str]
    brand: str
    description: str
    frequency: str
    privacy_url: str
    contact: str
    retention_days: int
    links_on: bool
    keywords: dict[str, dict[str, list[str]]]  # intent -> language -> words as people type them
    program: dict[str, list[str]]
    revoke_all: bool = False  # REVOKE_ALL: one opt-out stops every number, START only its own

    def say(self, key: str, **values: Any) -> str:
        """One phrase, filled in."""
        return self.phrases[key].format(
            brand=self.brand, frequency=self.frequency, contact=self.contact, days=self.retention_days, **values
        )


def pick_language(asked: str | None, accepted: Any = None) -> str:
    """?lang= first, then the browser's Accept-Language, else English."""
    if asked and asked.lower()[:2] in LANGUAGES:
        return asked.lower()[:2]
    best = accepted.best_match(LANGUAGES) if accepted is not None else None
    return best or "en"


def terms_for(config: Mapping[str, Any], language: str) -> Terms:
    """The terms as the running configuration makes them true."""
    keywords = {
        intent: {lang: [w.upper() for w in words] for lang, words in languages.items()} for intent, languages in KEYWORDS.items()
    }
    description = config["PROGRAM_DESCRIPTION"] or PHRASES[language]["default_description"].format(brand=config["BRAND_NAME"])
    return Terms(
        language,
        PHRASES[language],
        config["BRAND_NAME"],
        description,
        config["MESSAGE_FREQUENCY"],
        config["PRIVACY_URL"],
        config["HELP_CONTACT"],
        int(config["LOG_RETENTION_DAYS"]),
        bool(config["SECRET_KEY"]),
        keywords,
        program_keywords(config),
        config["REVOKE_ALL"],
    )


def to_markdown(terms: Terms) -> str:
    """The same text for a privacy policy or a carrier registration form."""
    own = terms.keywords
    lines = [
        f"# {terms.say('title')}",
        "",
        f"## {terms.say('program')}",
        "",
        terms.description,
        "",
        f"{terms.say('frequency')} {terms.say('rates')}",
        "",
        f"## {terms.say('stop')}",
        "",
        f"{terms.say('stop_keywords')} {', '.join(stop_words(terms))}.",
    ]
    if terms.program["opt_out"]:
        lines.append(f"{terms.say('program_keywords')} {', '.join(w.upper() for w in terms.program['opt_out'])}.")
    lines += ["", terms.say("plain")]
    if terms.links_on:
        lines += ["", terms.say("link")]
    lines += ["", terms.say("revoke_all")] if terms.revoke_all else []
    lines += [
        "",
        terms.say("confirmation"),
        "",
        f"## {terms.say('resubscribe')}",
        "",
        f"{terms.say('start_keywords')} {', '.join(start_words(terms))}.",
        *(["", terms.say("start_here")] if terms.revoke_all else []),
        "",
        f"## {terms.say('help')}",
        "",
        terms.say("help_text", help_words=", ".join(help_words(terms))),
        "",
        f"## {terms.say('evidence')}",
        "",
        terms.say("evidence_text"),
        "",
        f"## {terms.say('languages')}",
        "",
    ]
    lines += [
        f"- {LANGUAGE_NAMES.get(lang, lang)}: {', '.join(words)}"
        for lang, words in own["opt_out"].items()
        if lang not in ("en", terms.language)
    ]
    if terms.privacy_url:
        lines += ["", f"[{terms.say('privacy')}]({terms.privacy_url})"]
    lines += ["", terms.say("carriers")]
    return "\n".join(lines) + "\n"


def stop_words(terms: Terms) -> list[str]:
    """The opt-out keywords of English (every carrier's) and of the page's language."""
    return list(dict.fromkeys(terms.keywords["opt_out"]["en"] + terms.keywords["opt_out"].get(terms.language, [])))


def start_words(terms: Terms) -> list[str]:
    """The opt-in keywords of the page's language and English, and the program's own."""
    words = terms.keywords["opt_in"]["en"] + terms.keywords["opt_in"].get(terms.language, [])
    return list(dict.fromkeys(words + [w.upper() for w in terms.program["opt_in"]]))


def help_words(terms: Terms) -> list[str]:
    """HELP in English and the page's language, and the program's own help words."""
    words = terms.keywords["help"]["en"] + terms.keywords["help"].get(terms.language, [])
    return list(dict.fromkeys(words + [w.upper() for w in terms.program["help"]]))
