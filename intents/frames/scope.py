"""Addressee and scope (#28): frames for the false opt-outs of a clause that is not about our texts
to this number, each beside the true opt-out of the same shape.

- a phone's reaction quoting our message (`Liked “… Reply STOP to opt out”`) is no request, but a
  STOP outside the quote still is;
- a stop verb aimed at something else ('cancel the parade', 'end the war') asks nothing of us,
  'stop the texts' does;
- another channel stopped while texts are kept ('no more emails, texts are fine');
- opting out as a condition or a later plan ('how do I unsubscribe if I ever need to?') is a
  question, 'how do I stop these? I want out now' a request.

Written for this project; not taken from any evaluation set.
"""

from __future__ import annotations

from collections.abc import Sequence

from .spec import Frames

EN: Frames = {
    "slots": {
        "sc_react": (
            "Liked",
            "Loved",
            "Emphasized",
            "Laughed at",
            "Questioned",
            "Disliked",
            "Reacted 👍 to",
            "Reacted 😂 to",
            "👍 to",
            "Reacted ❤️ to",
            "Removed a heart from",
        ),
        "sc_ours": (
            "Big sale this weekend! Reply STOP to opt out",
            "Your order is on its way. Text STOP to end",
            "Early voting starts Monday. Reply STOP to unsubscribe",
            "Your appointment is tomorrow at 10. Reply STOP to cancel",
            "New menu items today. Reply STOP to quit",
            "Rent is due on the 1st. Text STOP to stop",
            "Open house on Saturday, 1-4pm. Reply STOP to opt out",
            "Thanks for signing up! Msg&data rates may apply. Reply STOP to end",
        ),
        "sc_after": (
            "STOP",
            "stop texting me",
            "but unsubscribe me",
            "now please stop",
            "remove me",
            "but no more texts please",
            "cancel",
        ),
        "sc_verb": ("stop", "cancel", "end", "quit", "halt"),
        "sc_topic": (
            "the war",
            "the spending",
            "the parade",
            "the tax hike",
            "the shutdown",
            "the fundraiser",
            "the construction on main street",
            "the layoffs",
            "the strike",
            "the price gouging",
            "the student loan payments",
            "the violence",
            "the merger",
            "the audit",
            "the subsidies",
            "the rezoning plan",
            "the budget cuts",
            "the pipeline project",
        ),
        "sc_habit": (
            "smoking",
            "drinking soda",
            "vaping",
            "gambling",
            "your job",
            "the gym",
            "eating sugar",
            "lying to voters",
            "raising prices",
        ),
        "sc_msgs": (
            "the texts",
            "these messages",
            "the campaign texts",
            "your texts",
            "all the messages",
            "these alerts",
            "the promo texts",
            "this spam",
        ),
        "sc_channel": (
            "emails",
            "phone calls",
            "calls",
            "catalogs",
            "postcards",
            "newsletters",
            "flyers",
            "paper catalogues",
            "robocalls",
        ),
        "sc_keep": (
            "texting is fine",
            "texts are ok",
            "sms is fine",
            "keep texting",
            "text me instead",
            "texts only",
            "sms ok",
            "texting me is fine",
        ),
        "sc_how": (
            "how do i unsubscribe",
            "what do i text to opt out",
            "how can i stop these",
            "what would i reply to cancel",
            "how do i opt out",
            "how would i get off this list",
            "what's the word to stop these",
        ),
        "sc_if": (
            "if i ever need to",
            "if i want to later",
            "some day",
            "in the future",
            "if i change my mind",
            "down the road",
            "if i ever want out",
            "later on",
        ),
        "sc_leave": ("reply stop", "unsubscribe", "opt out", "text stop", "cancel the texts"),
        "sc_lose": (
            "lose my points",
            "still get the coupon",
            "lose my discount",
            "miss the giveaway",
            "keep my rewards",
            "still be entered in the raffle",
        ),
    },
    "opt_out": [
        "{sc_react} “{sc_ours}” {sc_after}",
        '{sc_react} "{sc_ours}". {sc_after}',
        "{sc_verb} {sc_msgs}",
        "{sc_verb} {sc_msgs} now",
        "please {sc_verb} {sc_msgs}",
        "forget {sc_topic}, {sc_verb} {sc_msgs}",
        "no {sc_channel}, no texts, nothing",
        "{sc_how}? i want out now",
        "{sc_how}, i'm done with these",
    ],
    "help": [
        "{sc_how} {sc_if}?",
        "{sc_if}, {sc_how}?",
        "if i {sc_leave} will i {sc_lose}?",
        "will i {sc_lose} if i {sc_leave}?",
    ],
    "other": [
        "{sc_react} “{sc_ours}”",
        '{sc_react} "{sc_ours}"',
        "{sc_verb} {sc_topic}",
        "{sc_verb} {sc_topic} now",
        "please {sc_verb} {sc_topic}",
        "we need to {sc_verb} {sc_topic}",
        "quit {sc_habit}",
        "no more {sc_channel}, {sc_keep}",
        "stop sending {sc_channel}, {sc_keep}",
        "take me off the {sc_channel} list, {sc_keep}",
        "if i ever want to stop i'll {sc_leave}",
        "i'll {sc_leave} when i'm ready, not yet",
    ],
}


def _scope(
    slots: dict[str, tuple[str, ...]],
    *,
    quote: tuple[str, str],
    now: str | None,
    no_more: str,
    help: list[str],
    verb_msgs: bool = True,
    msgs_now: bool = True,
    opt_out_extra: Sequence[str] = (),
    other_quotes: Sequence[tuple[str, str]] = (),
    other_extra: Sequence[str] = (),
) -> Frames:
    """One language's scope frames from its table: the reaction quoting our message (the
    language's quote marks) with and without a STOP after it, the stop verb on the messages
    (opt-out) and on a topic (other), now or not ('ya', 'sofort'), and 'no more {channel}' with
    the texts kept (other); `help` asks how to opt out some day, and the extras are what only
    that language says."""
    opened, closed = quote
    opt_out = [f"{{sc_react}} {opened}{{sc_ours}}{closed} {{sc_after}}"]
    opt_out += ["{sc_verb} {sc_msgs}"] if verb_msgs else []
    opt_out += [f"{{sc_verb}} {{sc_msgs}} {now}"] if now and msgs_now else []
    other = [f"{{sc_react}} {a}{{sc_ours}}{b}" for a, b in (quote, *other_quotes)]
    other += ["{sc_verb} {sc_topic}", *([f"{{sc_verb}} {{sc_topic}} {now}"] if now else [])]
    other.append(no_more.replace("{}", "{sc_channel}") + ", {sc_keep}")
    return {"slots": slots, "opt_out": [*opt_out, *opt_out_extra], "help": help, "other": [*other, *other_extra]}


ES = _scope(
    {
        "sc_react": ("Le gustó", "Le encantó", "Enfatizó", "Se rió de", "Reaccionó con 👍 a", "No le gustó", "Cuestionó"),
        "sc_ours": (
            "Ofertas este fin de semana. Responde STOP para darte de baja",
            "Tu cita es mañana. Envía BAJA para cancelar",
            "Vota el martes. Responde STOP para no recibir más",
            "Tu pedido va en camino. Responde STOP para salir",
        ),
        "sc_after": ("pero ya no me manden mensajes", "BAJA", "dejen de escribirme", "y sáquenme de la lista"),
        "sc_verb": ("paren", "cancelen", "detengan", "alto a", "terminen"),
        "sc_topic": (
            "la guerra",
            "el desfile",
            "la corrupción",
            "los recortes",
            "el alza de impuestos",
            "la construcción",
            "la huelga",
            "los despidos",
        ),
        "sc_msgs": ("los mensajes", "los textos", "los sms", "las promociones por mensaje"),
        "sc_channel": ("correos", "llamadas", "catálogos", "cartas", "folletos"),
        "sc_keep": ("los mensajes están bien", "por sms está bien", "los sms están bien", "los textos están bien"),
        "sc_if": ("si algún día quiero", "en el futuro", "más adelante", "si lo necesito algún día"),
    },
    quote=("«", "»"),
    now="ya",
    no_more="no más {}",
    help=["¿cómo me doy de baja {sc_if}?", "¿qué respondo para salir {sc_if}?"],
    opt_out_extra=["{sc_topic} no me importa, dejen de mandarme mensajes"],
    other_quotes=[("“", "”")],
    other_extra=["dejen de mandarme {sc_channel}, {sc_keep}"],
)

FR = _scope(
    {
        "sc_react": ("A aimé", "A adoré", "A souligné", "A ri de", "A réagi avec 👍 à", "N'a pas aimé", "A mis en doute"),
        "sc_ours": (
            "Soldes ce week-end ! Répondez STOP pour vous désabonner",
            "Votre colis arrive demain. Envoyez STOP pour arrêter",
            "Votre rendez-vous est demain. Répondez STOP pour ne plus recevoir nos SMS",
        ),
        "sc_after": ("mais arrêtez de m'envoyer des SMS", "STOP", "désabonnez-moi", "et retirez-moi de la liste"),
        "sc_verb": ("arrêtez", "annulez", "stoppez", "halte à"),
        "sc_topic": (
            "la guerre",
            "le défilé",
            "la corruption",
            "les travaux",
            "la hausse des impôts",
            "la grève",
            "les licenciements",
        ),
        "sc_msgs": ("les SMS", "les messages", "les textos", "vos promotions par SMS"),
        "sc_channel": ("courriels", "appels", "catalogues", "lettres", "prospectus"),
        "sc_keep": ("les SMS ça va", "les textos c'est bon", "les messages c'est ok", "les SMS sont ok"),
        "sc_if": ("si un jour je veux", "plus tard", "à l'avenir", "si je change d'avis"),
    },
    quote=("« ", " »"),
    now="maintenant",
    no_more="plus de {}",
    help=["comment je me désabonne {sc_if} ?", "je réponds quoi pour arrêter {sc_if} ?"],
    other_extra=["arrêtez les {sc_channel}, {sc_keep}"],
)

DE = _scope(
    {
        "sc_react": ("Gefällt", "Gefällt nicht", "Liebt", "Betont", "Lacht über"),
        "sc_ours": (
            "Neue Angebote im Shop. Antworte STOP zum Abmelden",
            "Ihr Termin ist morgen. Senden Sie STOP zum Abbestellen",
            "Ihr Paket kommt heute. Antworte STOP um keine SMS mehr zu bekommen",
        ),
        "sc_after": ("aber bitte keine SMS mehr", "STOP", "und melden Sie mich ab"),
        "sc_verb": ("stoppt", "beendet", "stoppen Sie", "schluss mit"),
        "sc_topic": ("den Krieg", "die Parade", "die Korruption", "die Baustelle", "die Steuererhöhung", "den Streik"),
        "sc_msgs": ("die SMS", "die Nachrichten", "die Werbe-SMS"),
        "sc_channel": ("Werbebriefe", "Kataloge", "Anrufe", "Prospekte"),
        "sc_keep": ("SMS sind ok", "Nachrichten sind in Ordnung", "SMS sind gut"),
        "sc_if": ("später", "irgendwann", "falls ich will", "in Zukunft"),
    },
    quote=("„", "“"),
    now="sofort",
    no_more="keine {} mehr",
    help=["wie kann ich mich {sc_if} abmelden?", "was schreibe ich {sc_if} zum Abmelden?"],
)

PT = _scope(
    {
        "sc_react": ("Curtiu", "Amou", "Enfatizou", "Riu de", "Reagiu com 👍 a", "Não curtiu"),
        "sc_ours": (
            "Promoção só hoje! Responda SAIR para cancelar",
            "Seu pedido saiu para entrega. Envie PARE para sair",
            "Sua consulta é amanhã. Responda STOP para não receber mais",
        ),
        "sc_after": ("mas parem de me mandar mensagens", "SAIR", "e me tirem da lista"),
        "sc_verb": ("parem", "cancelem", "acabem com"),
        "sc_topic": ("a guerra", "a corrupção", "o desfile", "as obras", "o aumento de impostos", "a greve"),
        "sc_msgs": ("as mensagens", "os sms", "as promoções por sms"),
        "sc_channel": ("ligações", "e-mails", "cartas", "folhetos", "catálogos"),
        "sc_keep": ("mensagens estão bem", "sms estão ok", "sms tudo bem"),
        "sc_if": ("se eu quiser no futuro", "um dia", "mais tarde", "se eu mudar de ideia"),
    },
    quote=("“", "”"),
    now="já",
    no_more="chega de {}",
    help=["como faço para sair {sc_if}?", "o que respondo para cancelar {sc_if}?"],
)

IT = _scope(
    {
        "sc_react": ("Ha messo Mi piace a", "Ha amato", "Ha enfatizzato", "Ha riso di", "Ha reagito con 👍 a"),
        "sc_ours": (
            "Saldi da oggi. Rispondi STOP per disiscriverti",
            "Il tuo ordine è in arrivo. Invia STOP per non ricevere più sms",
        ),
        "sc_after": ("ma non mandatemi più messaggi", "STOP", "e cancellatemi dalla lista"),
        "sc_verb": ("fermate", "annullate", "basta con"),
        "sc_topic": ("la guerra", "la parata", "la corruzione", "i lavori in centro", "l'aumento delle tasse"),
        "sc_msgs": ("i messaggi", "gli sms", "le promozioni via sms"),
        "sc_channel": ("cataloghi", "lettere", "volantini", "chiamate"),
        "sc_keep": ("gli sms vanno bene", "i messaggi vanno bene", "sms ok"),
        "sc_if": ("in futuro", "un giorno", "se un giorno voglio", "più avanti"),
    },
    quote=("“", "”"),
    now="subito",
    no_more="niente più {}",
    help=["come faccio a disiscrivermi {sc_if}?", "cosa rispondo per uscire {sc_if}?"],
    msgs_now=False,
    opt_out_extra=["smettete di mandarmi {sc_msgs}"],
)

NL = _scope(
    {
        "sc_react": ("Vind ik leuk", "Benadrukte", "Lachte om", "Reageerde met 👍 op"),
        "sc_ours": (
            "Nieuwe aanbiedingen! Antwoord STOP om af te melden",
            "Je pakket komt morgen. Stuur STOP om geen sms meer te krijgen",
        ),
        "sc_after": ("maar stuur me geen sms meer", "STOP", "en haal me van de lijst"),
        "sc_verb": ("stop", "stop met", "schrap"),
        "sc_topic": ("de oorlog", "de optocht", "de corruptie", "de bouw", "de belastingverhoging"),
        "sc_msgs": ("de sms", "de berichten", "de reclame-sms"),
        "sc_channel": ("nieuwsbrief", "folders", "brieven", "catalogus"),
        "sc_keep": ("sms is prima", "berichten zijn ok", "sms is goed"),
        "sc_if": ("later", "ooit", "in de toekomst", "als ik wil"),
    },
    quote=("„", "“"),
    now=None,
    no_more="geen {} meer",
    help=["hoe kan ik me {sc_if} afmelden?", "wat stuur ik {sc_if} om af te melden?"],
    verb_msgs=False,
    opt_out_extra=["stop met {sc_msgs} sturen", "geen {sc_msgs} meer"],
)
FRAMES: dict[str, Frames] = {"en": EN, "es": ES, "fr": FR, "de": DE, "pt": PT, "it": IT, "nl": NL}
