"""Reply texts per language. The opt-out confirmation never carries marketing (FCC 24-24)."""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "opt_out": "You are unsubscribed from {brand}. No more messages will be sent. Reply START to resubscribe.",
        # REVOKE_ALL: one opt-out stops every number of the business; START resubscribes where it is sent
        "opt_out_all": "You are unsubscribed: no more messages from {brand} on any number. Reply START here to resubscribe.",
        "ask_reason": " Optional: reply with why you unsubscribed.",
        "opt_in": "You are resubscribed to {brand} messages. Reply STOP to opt out, HELP for help.",
        "help": "{brand}: for help contact {contact}. Msg&data rates may apply. Reply STOP to opt out.",
        "reason_ack": "Thank you, your answer is recorded.",
        "confirm_opt_out": "{brand}: reply STOP to stop all messages from us.",
        "instruction": "Reply STOP to opt out.",
        "how_to_opt_in": "{brand}: to get our messages again, reply START.",
    },
    "es": {
        "opt_out": "Has cancelado tu suscripción a {brand}. No recibirás más mensajes. Responde START para volver a suscribirte.",
        "opt_out_all": "Has cancelado tu suscripción: ya no recibirás mensajes de {brand} desde ningún número. "
        "Responde START aquí para volver a suscribirte.",
        "ask_reason": " Opcional: responde con el motivo de tu baja.",
        "opt_in": "Te has vuelto a suscribir a los mensajes de {brand}. Responde STOP para darte de baja, AYUDA para ayuda.",
        "help": "{brand}: para ayuda escribe a {contact}. Pueden aplicarse tarifas de mensajes "
        "y datos. Responde STOP para darte de baja.",
        "reason_ack": "Gracias, hemos registrado tu respuesta.",
        "confirm_opt_out": "{brand}: responde STOP para no recibir más mensajes.",
        "instruction": "Responde STOP para darte de baja.",
        "how_to_opt_in": "{brand}: para volver a recibir nuestros mensajes, responde START.",
    },
    "fr": {
        "opt_out": "Vous êtes désinscrit(e) de {brand}. Vous ne recevrez plus de messages. Répondez START pour vous réinscrire.",
        "opt_out_all": "Vous êtes désinscrit(e) : plus aucun message de {brand}, quel que soit le numéro. "
        "Répondez START ici pour vous réinscrire.",
        "ask_reason": " Facultatif : répondez en indiquant pourquoi vous vous désinscrivez.",
        "opt_in": "Vous êtes de nouveau inscrit(e) aux messages de {brand}. "
        "Répondez STOP pour vous désinscrire, AIDE pour de l'aide.",
        "help": "{brand} : aide auprès de {contact}. Des frais de messages et de données "
        "peuvent s'appliquer. Répondez STOP pour vous désinscrire.",
        "reason_ack": "Merci, votre réponse est enregistrée.",
        "confirm_opt_out": "{brand} : répondez STOP pour ne plus recevoir de messages.",
        "instruction": "Répondez STOP pour vous désinscrire.",
        "how_to_opt_in": "{brand} : pour recevoir de nouveau nos messages, répondez START.",
    },
}


def reply_language(*candidates: str) -> str:
    """The first candidate language that has templates; English otherwise."""
    return next((lang for lang in candidates if lang in TEMPLATES), "en")


def render(key: str, language: str, brand: str, contact: str = "") -> str:
    """One template filled in."""
    return TEMPLATES[reply_language(language)][key].format(brand=brand, contact=contact)
