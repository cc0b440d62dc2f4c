"""Quoted text is someone else's words: a phone's reaction to our message, or our message quoted back.

iMessage and Google Messages send a tapback to a phone that cannot show it as a text of its own:
`Liked “Great deals! Reply STOP to opt out”`, `Reacted 👍 to "…"`, `Le gustó «…»`, `A aimé « … »`,
`Gefällt „…“`. The quoted part is our own message, STOP instruction and all: it asks nothing.
`strip_quotes` drops a leading reaction with its quote, and any quoted span that is one of our
keyword instructions ("Reply STOP to …"), before keywords, clause rules and the model read the
message. What stands outside the quotes still counts (`Liked “…” STOP` is an opt-out), and a short
quote is left alone (`I already replied "STOP"` asks to stop).
"""

from __future__ import annotations

import re

# paired quotation marks: “…” "…" «…» „…“ „…" ‚…‘ ‘…’ '…' 「…」
QUOTE = r"(?:“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”\"]*[“”\"]|‚[^‘’]*[‘’]|‘[^’]*’|(?<!\w)'[^']{8,}'(?!\w)|「[^」]*」)"
# 'Reacted 👍 to', 'A réagi avec ❤️ à': the reaction itself is an emoji or a word
REACTION_WITH = r"\S{1,12}"
# the words a phone puts before the quote, by language (iOS and Android forms), case ignored
REACTION_VERBS = {
    "en": [
        r"liked",
        r"loved",
        r"disliked",
        r"emphasi[sz]ed",
        r"laughed at",
        r"questioned",
        rf"reacted(?: with)? {REACTION_WITH} to",
        r"reacted to",
        r"removed an? \w+ from",
        r"[^\w\s]{1,12} to",
    ],  # Google Messages: '👍 to “…”'
    "es": [
        r"le gust[oó]",
        r"le encant[oó]",
        r"no le gust[oó]",
        r"enfatiz[oó]",
        r"destac[oó]",
        r"se ri[oó] de",
        r"le dio risa",
        r"le hizo gracia",
        r"cuestion[oó]",
        r"dud[oó] de",
        rf"reaccion[oó] con {REACTION_WITH} a",
        r"me gusta",
        r"me encanta",
    ],
    "fr": [
        r"a aim[ée]",
        r"a ador[ée]",
        r"n[’']a pas aim[ée]",
        r"a soulign[ée]",
        r"a mis en [ée]vidence",
        r"a ri (?:de|à)",
        r"a mis en doute",
        r"a questionn[ée]",
        rf"a r[ée]agi(?: avec)? {REACTION_WITH} [àa]",
        r"j[’']aime",
    ],
    "de": [
        r"gef[äa]llt(?: nicht)?",
        r"mag(?: nicht)?",
        r"liebt",
        r"hat(?: über)?",
        r"betont",
        r"lacht über",
        r"hat gelacht über",
        rf"hat mit {REACTION_WITH} (?:auf|reagiert auf)",
    ],
    "pt": [
        r"curtiu",
        r"amou",
        r"n[ãa]o curtiu",
        r"enfatizou",
        r"destacou",
        r"riu de",
        r"questionou",
        rf"reagiu com {REACTION_WITH} (?:a|à)",
        r"gostou de",
    ],
    "it": [
        r"ha messo mi piace a",
        r"mi piace",
        r"ha amato",
        r"non (?:mi )?piace",
        r"ha enfatizzato",
        r"ha evidenziato",
        r"ha riso (?:di|per)",
        r"ha messo in dubbio",
        rf"ha reagito con {REACTION_WITH} a",
    ],
    "nl": [
        r"vind ik leuk",
        r"vond",
        r"houdt van",
        r"vindt leuk",
        r"benadrukte",
        r"lachte om",
        r"heeft vraagtekens bij",
        rf"reageerde met {REACTION_WITH} op",
    ],
}
# what a German or Dutch phone puts after the quote: 'Hat „…“ hervorgehoben', 'Vond „…“ leuk'
AFTER_QUOTE = (
    r"(?:hervorgehoben|geliebt|gelacht|gemocht|nicht gemocht|infrage gestellt|in frage gestellt|"
    r"geliked|gelikt|betont|leuk|niet leuk|benadrukt)"
)
REACTION = re.compile(
    r"^\s*(?:"
    + "|".join(v for verbs in REACTION_VERBS.values() for v in verbs)
    + r")\s*"
    + QUOTE
    + r"(?:\s*"
    + AFTER_QUOTE
    + r"\b)?[\s.!]*",
    re.IGNORECASE,
)
# our keyword instruction inside a quote: 'Reply STOP to opt out', 'Responde BAJA', 'Envoyez STOP'
INSTRUCTION = re.compile(
    r"\b(?:reply|replying|text|txt|send|respond|msg|responde|responda|responder|env[ií]a|envie|manda|"
    r"r[ée]ponde?z?|r[ée]pondre|envoye?z?|antworte[nt]?|sende[nt]?|schick(?:e|en)?|rispondi|rispondere|"
    r"invia|antwoord|stuur|odpowiedz|wyslij)\s+\W*\w+\W*\s+(?:to|para|pour|zum|zur|um|per|om|a|pra|aby)\b"
    r"|\b(?:to|para|pour) (?:opt ?out|unsubscribe|end|stop|quit|cancel|darte de baja|cancelar|"
    r"vous d[ée]sabonner|vous d[ée]sinscrire|sair|descadastrar)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(QUOTE)
OPENING = frozenset("“\"«„‚‘'「")


def strip_quotes(text: str) -> tuple[str, str]:
    """(the text without a leading reaction and without quoted instructions, what was taken out:
    'reaction', 'quoted-instruction' or '')."""
    if not OPENING.intersection(text):
        return text, ""
    how = ""
    reaction = REACTION.match(text)
    if reaction:
        text, how = text[reaction.end() :], "reaction"
    if OPENING.intersection(text):
        kept = QUOTED.sub(lambda m: " " if _is_instruction(m.group(0)) else m.group(0), text)
        if kept != text:
            text, how = kept, how or "quoted-instruction"
    return text, how


def _is_instruction(quoted: str) -> bool:
    """A quote of three words or more that tells how to use a keyword: our message quoted back."""
    return len(quoted.split()) >= 3 and INSTRUCTION.search(quoted) is not None
