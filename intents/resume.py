"""Back on the messages (#28): a request to resume them, and a STOP sent by accident, one table per language.

Most false opt-outs of the grouped k-fold were requests to *resume* the messages ("renvoyez-moi
vos SMS", "voltem a me mandar mensagens") and accident reports ("ho scritto stop per sbaglio",
"I accidentally texted stop, can you undo it"): a stop word inside them won because no opt-in
frame read them in that language. Each language gives the same parts (on folded text: lower case,
no accents), and one builder makes the same named patterns of them all:

- `<lang>_resend`: a send-again verb with a messaging object ("rimandatemi gli sms"), or a
  resume phrase complete in itself ("vuelvan a mandarme");
- `<lang>_send_again`: a send verb with "again" and a messaging object ("schickt mir wieder SMS");
- `<lang>_sent_stop_by_accident`: a keyword sent by accident, the words in any order ("aus
  Versehen STOP geschickt", "STOP versehentlich gesendet", "I accidentally texted stop");
- `<lang>_unsubscribed_by_accident`: an unsubscribe done by accident ("me di de baja por error");
- `<lang>_undo_stop`: undo the stop or the unsubscribe ("annulez mon stop", "undo my unsubscribe").

The accident words also go to the `accident` family, which lets an opt-in reading of the message
beat the STOP it reports. English keeps its own older names (`sent_stop_by_accident`, ...) in
`patterns.OPT_IN`; its table here adds the orders and words those did not read.
"""

from __future__ import annotations

from .resume_others import OTHERS

RESUME: dict[str, dict[str, str]] = {
    "en": {
        # plural: "send me that message again" asks for one message, not for the messages
        "noun": r"(?:te?xts|txts|messages|msgs|sms|alerts|deals|offers|promos|updates|notifications|coupons|reminders|ads|"
        r"newsletters)",
        "resend": r"(?:resend|resume|restart|reactivate|re-?enable|unpause) (?:me |us )?(?:my |the |your |those |these |all )?",
        "resend_alone": r"(?:start|resume|restart) (?:sending|texting|messaging) (?:me |us )?(?:again|back)",
        "send": r"(?:send|text|message) (?:me|us)",
        "again": r"(?:again|once more)",
        "kw": r"(?:stop|stopall|unsubscribe|cancel|end|quit|opt ?out)",
        "sent": r"(?:texted|sent|replied|typed|said|hit|pressed|wrote|responded|answered|tapped|clicked)",
        "unsub": r"(?:unsubscribed|unsubbed|opted (?:me )?out|stopped (?:the |my |your )?(?:texts|messages|alerts))",
        "accident": r"(?:by (?:accident|mistake|error)|accidentally|mistakenly|"
        r"on accident|in error|unintentionally|without meaning to)",
        "undo": r"(?:undo|reverse|revert|ignore|disregard)",
        "undone": r"(?:my |that |the |this |last )*(?:stop|unsubscribe|unsubscription|opt ?out|cancellation)",
        "want": r"(?:i|we) (?:want|would like|'d like|wanna|need)",
        "keep": r"(?:i|we) (?:want|would like|'d like|wanna) to (?:keep|continue) (?:getting|receiving)|keep (?:me|"
        r"us) (?:subscribed|signed up|on the list)",
        "resubscribe": r"count (?:me|us) back in|(?:i'?m|we'?re) back in(?! \w)|(?:add|put) my (?:phone )?number back|"
        r"get (?:me |us )?back on (?:the|your|this) list|(?:i'?d like|i want|i wish) to opt (?:back )?in",
        "accident_verb": r"\b(?:that|my|the) (?:stop|unsubscribe|opt ?out) (?:was|is) (?:a mistake|an accident|by mistake|"
        r"accidental|an error)\b",
    },
    "es": {
        "noun": r"(?:mensajes|mensajitos|sms|textos|promociones|ofertas|notificaciones|"
        r"alertas|cupones|recordatorios|anuncios|publicidad|avisos)",
        "resend": r"(?:reenvi(?:en|e|a)(?:me|nme)?|reactiv(?:en|e|a)(?:me|nme)?|"
        r"mandenme de nuevo|envienme de nuevo) (?:mis |sus |los |las |el |la )?",
        "resend_alone": r"(?:vuelvan|vuelva|vuelve) a (?:mandar|enviar|escribir)\w*|(?:reactivenme|reactivame|reactiveme)",
        "send": r"(?:mandenme|envienme|mandame|enviame|mandeme|envieme|manden|envien)",
        "again": r"(?:otra vez|de nuevo|nuevamente)",
        "kw": r"(?:stop|baja|alto|cancelar|parar|fin|stopall)",
        "sent": r"(?:mande|envie|respondi|escribi|puse|conteste|marque|le di a)",
        "unsub": r"(?:me di de baja|me dieron de baja|me desuscribi|me desinscribi|"
        r"me borre de la lista|cancele (?:la suscripcion|los mensajes|mis mensajes))",
        "accident": r"(?:por (?:error|equivocacion|accidente)|sin querer|accidentalmente|sin darme cuenta)",
        "undo": r"(?:deshagan|deshaga|deshacer|anulen|anular|ignoren|ignorar|reviertan|revertir)",
        "undone": r"(?:mi |el |la |ese |esa )*(?:stop|baja|cancelacion|desuscripcion)",
        "want": r"(?:quiero|quisiera|me gustaria|deseo)",
        "keep": r"(?:quiero|quisiera|deseo) (?:seguir|continuar) recibiendo",
        "resubscribe": r"(?:denme|deme|dame) de alta (?:otra vez|de nuevo|nuevamente)",
    },
    "fr": {
        "noun": r"(?:sms|textos|messages|promos|promotions|offres|notifications|"
        r"alertes|bons plans|rappels|newsletters?|pubs|publicites|relances)",
        "resend": r"(?:renvoy(?:ez|er)[ -]?moi|reenvoy(?:ez|er)[ -]?moi|reactiv(?:ez|er)) (?:mes |vos |les |des )?",
        "resend_alone": r"recommencez a (?:m'?|me )?(?:envoyer|ecrire)|"
        r"reactivez[ -]moi|je veux (?:de nouveau|a nouveau) recevoir",
        "send": r"(?:envoyez[ -]?moi|envoie[ -]?moi|ecrivez[ -]?moi|(?:vous pouvez|pouvez vous) m'envoyer)",
        "again": r"(?:a nouveau|de nouveau|encore)",
        "kw": r"(?:stop|arret|arreter|desabonner|stopall)",
        "sent": r"(?:envoye|repondu|ecrit|tape|mis|appuye sur)",
        "unsub": r"(?:desabonnee?|desinscrite?|(?:ai |j'ai )annule (?:mon abonnement|les sms|les messages))",
        "accident": r"(?:par (?:erreur|accident|megarde)|sans faire expres|sans le vouloir|accidentellement|involontairement)",
        "undo": r"(?:annulez|annuler|ignorez|ignorer)",
        "undone": r"(?:mon |le |ce |cet )*(?:stop|desabonnement|desinscription)",
        "want": r"(?:je veux|je voudrais|j'aimerais|je souhaite|je souhaiterais)",
        "keep": r"(?:je veux|je voudrais|je souhaite) continuer a recevoir",
    },
    "pt": {
        "noun": r"(?:mensagens|mensagem|sms|torpedos|promocoes|ofertas|notificacoes|"
        r"alertas|cupons|anuncios|avisos|lembretes|propagandas)",
        "resend": r"(?:reenvi(?:em|e)|reativ(?:em|e)|me mandem de novo|"
        r"me enviem de novo) (?:me )?(?:as |os |minhas |meus |suas |seus )?",
        "resend_alone": r"(?:voltem|volte|volta|podem voltar|pode voltar) a (?:me )?(?:mandar|enviar|escrever)",
        "send": r"(?:me mandem|me enviem|me manda|me envia|mandem[ -]me|enviem[ -]me|mandem|enviem)",
        "again": r"(?:de novo|novamente|outra vez)",
        "kw": r"(?:stop|sair|parar|pare|cancelar|fim)",
        "sent": r"(?:mandei|enviei|respondi|escrevi|digitei|cliquei em|apertei)",
        "unsub": r"(?:cancelei|me descadastrei|descadastrei|me desinscrevi|sai da lista)",
        "accident": r"(?:por (?:engano|acidente|erro)|sem querer|acidentalmente|sem perceber)",
        "undo": r"(?:desfacam|desfaca|desfazer|anulem|anular|ignorem|ignorar)",
        "undone": r"(?:meu |o |esse |este )*(?:stop|sair|cancelamento|descadastro)",
        "want": r"(?:quero|queria|gostaria de|desejo)",
        "keep": r"(?:quero|queria|gostaria de|desejo) continuar (?:a )?receb(?:endo|er)",
        "resubscribe": r"(?:me )?(?:cadastrem|cadastre|recadastrem|recadastre)(?: me)? (?:de novo|novamente)",
    },
    "it": {
        "noun": r"(?:messaggi|sms|promozioni|offerte|notifiche|avvisi|coupon|newsletter|pubblicita|promemoria)",
        "resend": r"(?:rimandatemi|rimandami|reinviatemi|reinviami|riattivate(?:mi)?|"
        r"riattiva(?:mi)?) (?:i |gli |le |miei |mie |vostri |vostre )?",
        "resend_alone": r"ricominciate a (?:mandarmi|inviarmi|scrivermi)|riattivatemi",
        "send": r"(?:mandatemi|inviatemi|scrivetemi|mandami|inviami)",
        "again": r"(?:di nuovo|ancora|nuovamente)",
        "kw": r"(?:stop|basta|cancella|annulla|disiscrivi)",
        "sent": r"(?:scritto|risposto|inviato|mandato|digitato|premuto|cliccato)",
        "unsub": r"(?:mi sono (?:disiscritt|cancellat)[oa]|disiscritt[oa]|ho annullato l'iscrizione)",
        "accident": r"(?:per (?:sbaglio|errore|distrazione)|senza volerlo|accidentalmente|involontariamente)",
        "undo": r"(?:annullate|annullare|ignorate|ignorare)",
        "undone": r"(?:il mio |lo |quello |quel )*(?:stop|disiscrizione|cancellazione)",
        "want": r"(?:voglio|vorrei|desidero)",
        "keep": r"(?:voglio|vorrei|desidero) continuare a ricevere",
        "resubscribe": r"(?:reiscrivetemi|reiscrivimi|riscrivetemi|riscrivimi)|rimettetemi (?:nella|in) lista",
    },
    "de": {
        "noun": r"(?:nachrichten|sms|werbe ?sms|angebote|mitteilungen|"
        r"benachrichtigungen|newsletter|gutscheine|infos|erinnerungen|werbung)",
        "resend": r"(?:reaktivieren sie|aktivieren sie wieder|schalten sie wieder) (?:meine |die |ihre )?",
        # the verb last: "bitte wieder SMS schicken", "ich möchte die Nachrichten wieder bekommen"
        "resend_alone": r"(?:wieder (?:\w+ )?(?:nachrichten|sms|werbe ?sms|angebote|mitteilungen|newsletter)|"
        r"(?:nachrichten|sms|angebote|mitteilungen|newsletter) wieder) (?:zu)?(?:schicken|senden|bekommen|erhalten|empfangen)",
        "send": r"(?:schickt mir|schicken sie mir|sendet mir|senden sie mir|schick mir)",
        "again": r"(?:wieder|erneut|nochmal|wieder mal)",
        "kw": r"(?:stop|stopp|abmelden|ende|abbestellen)",
        "sent": r"(?:geschickt|gesendet|geschrieben|geantwortet|getippt|gesandt|gedruckt|eingegeben)",
        "unsub": r"(?:abgemeldet|ausgetragen|abbestellt)",
        "accident": r"(?:aus versehen|versehentlich|unabsichtlich|irrtumlich(?:erweise)?|ohne absicht)",
        "undo": r"(?:ignorieren sie|ignoriert|widerrufen sie|machen sie (?:\w+ )?ruckgangig)",
        "undone": r"(?:mein |das |dieses |den )*(?:stop|stopp|abmeldung)",
        "undo_after": r"(?:ruckgangig|widerrufen|ignorieren)",  # the verb after its object: "das STOP rückgängig machen"
        "want": r"(?:ich will|ich mochte|ich hatte gern|wir wollen|ich wurde gern)",
    },
}
RESUME.update(OTHERS)  # nl pl ru tl hi vi ar zh ko, in a module of their own


def _near(first: str, second: str, words: int, spaceless: bool = False) -> str:
    """`first`, then up to `words` other words (a few characters in a script without spaces), then `second`."""
    if spaceless:
        return f"{first}.{{0,{2 * words}}}?{second}"
    return rf"{first} (?:\w+ ){{0,{words}}}?{second}"


def _either(one: str, other: str, words: int, spaceless: bool = False) -> str:
    """`one` and `other` within `words` words of each other, in either order."""
    return f"(?:{_near(one, other, words, spaceless)}|{_near(other, one, words, spaceless)})"


def patterns_of(language: str, t: dict[str, str]) -> dict[str, str]:
    """The named opt-in patterns of one language's table (a part it lacks makes no pattern)."""
    gap = "spaceless" in t  # zh: no spaces, no word boundaries inside a sentence

    def near(first: str, second: str, words: int) -> str:
        return _near(first, second, words, gap)

    b = "" if gap else r"\b"
    sent = _either(t["sent"], t["kw"], 2, gap)  # a keyword sent, in either order: 'texted stop', 'stop geschickt'
    inside = f"{near(near(t['kw'], t['accident'], 1), t['sent'], 1)}|{near(near(t['sent'], t['accident'], 1), t['kw'], 1)}"
    undo = [near(t["undo"], t["undone"], 2)] if "undo" in t else []
    undo += [near(t["undone"], t["undo_after"], 2)] if "undo_after" in t else []
    words = ".{0,4}?" if gap else r"(?:\w+ ){0,2}?"
    resend = [f"{t['resend']}{words}{t['noun']}{b}"] if "resend" in t else []
    resend += [f"(?:{t['resend_alone']}){b}"] if "resend_alone" in t else []
    unsub = [_either(t["unsub"], t["accident"], 3, gap)] + ([t["accident_verb"]] if "accident_verb" in t else [])
    again = ""
    if "send" in t:  # 'send me the texts again', 'send me again the texts'
        again = rf"{t['send']} (?:(?:\w+ ){{0,2}}?{near(t['noun'], t['again'], 1)}|(?:\w+ )?{near(t['again'], t['noun'], 2)})"
    found = {
        "resend": "|".join(resend),
        "send_again": again,
        "want_again": _want_again(t),
        "keep_receiving": t.get("keep", ""),
        "sign_me_back": t.get("resubscribe", ""),
        "sent_stop_by_accident": f"{_either(sent, t['accident'], 3, gap)}|{inside}",
        "unsubscribed_by_accident": "|".join(unsub),
        "undo_stop": "|".join(undo),
    }
    return {f"{language}_{name}": _bounded(p, gap) for name, p in found.items() if p}


def _want_again(t: dict[str, str]) -> str:
    """'je voudrais recevoir de nouveau les SMS', 'ich will wieder SMS', 'i want the texts again'."""
    if "want" not in t:
        return ""
    wanted = f"(?:{t['receive']}|{t['noun']})" if "receive" in t else t["noun"]
    return f"{t['want']} (?:\\w+ ){{0,2}}?(?:{_near(t['again'], wanted, 2)}|{_near(wanted, t['again'], 2)})"


def opt_in_patterns() -> dict[str, str]:
    """Every language's resume and accident patterns, by name."""
    return {name: p for language, table in RESUME.items() for name, p in patterns_of(language, table).items()}


def accident_patterns() -> dict[str, str]:
    """Each language's words for 'by accident', for the accident family."""
    return {f"{language}_accident_words": _bounded(table["accident"], "spaceless" in table) for language, table in RESUME.items()}


def _bounded(pattern: str, spaceless: bool) -> str:
    """The pattern as whole words (as it stands, in a script without spaces)."""
    return pattern if spaceless else rf"\b(?:{pattern})\b"


def negators() -> frozenset[str]:
    """Each language's words that turn a request around when they stand before it ('huwag', 'mat')."""
    return frozenset(word for table in RESUME.values() for word in table.get("not", "").split())
