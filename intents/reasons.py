"""Map the answer to 'why did you unsubscribe?' onto a few categories ops can count, in every
language the layer reads: one table a category, one line a language (text folded: lower case,
no accents), so adding a language adds a line to each category."""

from __future__ import annotations

import re

from .normalise import fold

# the first category that matches wins: a wrong number is not a 'never signed up'
CATEGORIES: dict[str, dict[str, str]] = {
    "wrong_number": {
        "en": r"wrong (number|person|#)|not (me|my number)|new number|who is this|don'?t know (you|who)",
        "es": r"numero equivocado|equivocad[oa]s? de (numero|persona)|no soy (yo|esa persona)|quien (es|eres)\b|nuevo numero",
        "fr": r"mauvais numero|faux numero|erreur de numero|(ce n'?est|c'?est) pas (moi|mon numero)|qui (est-ce|etes-vous)",
        "it": r"numero sbagliato|non sono (io|quella persona)|chi (sei|e)\b|nuovo numero|non (ti|vi) conosco",
        "pt": r"numero errado|nao sou (eu|essa pessoa)|quem (e|fala)\b|numero novo|nao (te|vos|os) conheco",
        "de": r"falsche nummer|falsch verbunden|wer (ist das|sind sie)|neue nummer|kenne (sie|dich|euch) nicht",
    },
    "never_signed_up": {
        "en": r"never (signed|subscribed|asked|opted|gave|agreed)|didn'?t (sign|subscribe|ask)|did not (sign|subscribe|ask)"
        r"|no consent|spam|how did you get my (number|#)",
        "es": r"nunca (me )?(suscribi|inscribi|registre|apunte)|no me (suscribi|inscribi|registre)|nunca (lo )?(pedi|autorice)"
        r"|sin (mi )?(permiso|consentimiento)|como (consiguieron|obtuvieron|tienen) mi numero",
        "fr": r"jamais (inscrit|abonne|demande|accepte|donne)|ne me suis (jamais|pas) (inscrit|abonne)"
        r"|sans (mon )?(accord|consentement)|comment (avez-vous|vous avez) (eu|obtenu) mon numero",
        "it": r"mai (iscritt|chiesto|dato|accettato)|non mi sono (mai )?iscritt|senza (il mio )?consenso"
        r"|come avete (avuto|preso) il mio numero",
        "pt": r"nunca (me )?(inscrevi|cadastrei|registrei|pedi|autorizei)|nao me (inscrevi|cadastrei)"
        r"|sem (o )?meu consentimento|como (conseguiram|tem|obtiveram) (o )?meu numero",
        "de": r"nie (angemeldet|registriert|abonniert|zugestimmt|eingetragen)|nicht angemeldet"
        r"|ohne (meine )?(zustimmung|einwilligung)|woher haben sie meine nummer",
    },
    "too_many": {
        "en": r"too (many|much|often|frequent)|every ?day|so many|constant|daily|annoying",
        "es": r"demasiad|muchos mensajes|todos los dias|cada dia|a diario|muy seguido",
        "fr": r"trop (de|souvent)|tous les jours|chaque jour|sans arret",
        "it": r"troppi|troppo spesso|ogni giorno|tutti i giorni|di continuo",
        "pt": r"demais\b|muitas mensagens|todo dia|todos os dias|toda hora",
        "de": r"zu (viele|oft)|jeden tag|taglich|standig",
    },
    "cost": {
        "en": r"cost|expensive|price|pay|charge|money|rates?\b|plan",
        "es": r"(muy|demasiado|mas|es|son|esta|estan) car[oa]s?\b|cuesta|cobr|precio|pagar|tarifa",  # 'caro' alone: dear
        "fr": r"(trop|tres|plus|c'?est|si) chers?\b|couteux|cout\b|payer|factur|prix\b|tarif",  # 'cher ami': dear
        "it": r"(troppo|molto|piu|e|sono) car[oie]\b|costa\b|costo|prezz|pagare|tariff",  # 'caro amico': dear
        "pt": r"(muito|mais|e|sao|esta) car[oa]s?\b|custa|custo|preco|pagar|tarifa|cobr",  # 'caro amigo': dear
        "de": r"teuer|kostet|kosten|preis|bezahl|gebuhr",
    },
    "not_relevant": {
        "en": r"not (interested|relevant|useful|for me)|no longer|don'?t (need|want|care|use)|irrelevant|moved"
        r"|never (buy|shop)",
        "es": r"no me interesa|ya no|no (lo )?necesito|no me sirve|me mude|irrelevante",
        "fr": r"pas interesse|ne m'?interesse (plus|pas)|plus besoin|pas besoin|demenage|ne sert a rien",
        "it": r"non (mi )?interessa|non sono interessat|non ho bisogno|non mi serve|trasferit",
        "pt": r"nao (me )?interessa|nao tenho interesse|nao preciso|mudei|ja nao",
        "de": r"kein interesse|nicht interessiert|brauche (das|es|ich) nicht|nicht mehr|umgezogen",
    },
}
REASON_CATEGORIES = frozenset(CATEGORIES) | {"other"}
COMPILED = tuple((name, re.compile(r"\b(?:" + "|".join(by_language.values()) + ")")) for name, by_language in CATEGORIES.items())


def classify_reason(text: str) -> str:
    """The first matching category, or 'other'."""
    folded = fold(text or "")
    return next((name for name, pattern in COMPILED if pattern.search(folded)), "other")
