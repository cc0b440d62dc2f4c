"""Split a message into clauses and read a stop keyword as a command or as a mere word.

"Never been open to offers. STOP texting me!!!!" holds a short clause that asks to stop;
"Stop being bullies" and "I can't stop laughing" use the word about something else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import is_first_name, is_real_word
from .matcher import Keywords
from .normalise import fold, fold_lines, tokens
from .patterns import DISMISSAL_RE, OPT_IN_RE, fired
from .resume import negators

# 'and' joins clauses, not 'you and your family' or 'me and my wife'
# the leading lookahead names every character a break can start with: elsewhere the engine
# moves on after one test instead of trying each alternative (same matches, ~3x faster)
CLAUSE_BREAK = re.compile(
    r"(?=[.!?;:\n(),/\s-])(?:[.!?;:\n()]+|,+|\s[-–—]+\s|-{2,}|/|\s+(?:but|or)\s+|"
    r"(?<!\byou)(?<!\bme)(?<!\bu)\s+and\s+)",
    re.IGNORECASE,
)
# words that may stand around a command without changing it ('STOP NOW!!', 'Hell no. QUIT')
COMMAND_FILLERS = frozenset(
    "please pls plz now already forever asap immediately right away again it this that all thanks "
    "thank you thx ty ok okay k just so hell no nope nah yes yeah fucking fuckin freaking damn dammit "
    "god the i mean means seriously for good too me us to 2 and end two just really lol ugh omg "
    "man dude bro sir madam stp u".split()
)
# keywords that are ordinary verbs inside sentences ('end it with her', 'remove its fee')
SENTENCE_WORDS = frozenset("end remove fin alto basta halt".split())
COMMAND_WORDS = frozenset("exit out delete block unsub cease desist remove unsubscribe".split())
# a messaging object after a stop verb: 'stop texting', 'stop it', 'quit sending'
OBJECTS = frozenset(
    "texting text texts txt txting txts sending send messaging messages message msg msgs sms "
    "contacting contact calling call calls emailing spamming spam bothering harassing pestering "
    "bugging asking soliciting writing reaching hitting me us it this that these them all now please "
    "immediately asap right forever".split()
)
MESSAGING_STEMS = (
    "text",
    "txt",
    "tex",
    "msg",
    "messag",
    "sms",
    "send",
    "contact",
    "call",
    "email",
    "spam",
    "bother",
    "harass",
    "pester",
    "solicit",
)
# 'stop it', 'quit this' are commands; 'cancel that', 'end it' are about an order or a call
PRONOUN_VERBS = frozenset({"stop", "quit", "stopall", "unsubscribe", "unsub", "optout"})
MESSAGING_NOUNS = frozenset(
    "texts messages propaganda spam junk crap garbage ads stuff emails calls "
    "notifications alerts promotions offers solicitations".split()
)
# after 'stop the …', 'quit your …': only a messaging word makes it about the messages ('stop the
# texts now'), not an adverb that happens to follow a stop word alone ('stop the spending now')
MESSAGING_OBJECTS = OBJECTS - frozenset("now please immediately asap right forever all".split())
# what may follow a stop verb and still leave it a command: the sender named or sworn at, or
# everything ('stop asshole', 'quit it already', 'stop everything'); any other real word is the
# object the verb is about ('stop biden', 'stop illegal immigration', 'cancel student debt')
VOCATIVES = frozenset(
    "asshole assholes idiot idiots bitch bitches jerk jerks moron morons loser losers creep creeps "
    "scammer scammers spammer spammers scam dude bro man sir maam madam people guys yall fool fools "
    "clown clowns dumbass dipshit motherfucker motherfuckers mf mfs fucker fuckers bot bots robot "
    "everything anything everyone whatever already lol lmao omg wtf ffs dammit damn "
    "harassment subscription subscriptions service services membership "
    "stalking stalker stalkers".split()
)
# other channels are messages too: 'stop the emails and the texts' is about messages (the reader
# then asks which channel: reader.py)
CHANNEL_NOUNS = frozenset(
    "emails email newsletters newsletter flyers postcards catalogs catalogues catalog "
    "robocalls calls mail mailers brochures voicemails".split()
)
# the stop verb's article and messaging words in the other keyword languages: 'stoppt die SMS',
# 'stop de berichten', 'arretez les messages' (not 'stoppt die Korruption')
ARTICLES = frozenset("the die der den das la le les el los las il lo gli het".split())
FOREIGN_ARTICLES = ARTICLES - {"the"}
FOREIGN_MESSAGING_STEMS = (
    "nachricht",
    "mensaj",
    "mensag",
    "messagg",
    "bericht",
    "wiadomo",
    "textos",
    "llam",
    "envi",
    "mand",
    "escrib",
    "ligar",
    "appel",
    "anruf",
    "schreib",
    "schick",
    "invi",
    "stuur",
    "sturen",
    "courriel",
    "correo",
    "werbe",
    "suscri",
    "subscri",
    "inscri",
    "abonn",
    "abmeld",
    "lista",
    "liste",
    "lijst",
    "notif",
    "promo",
    "alert",
    "molest",
    "harcel",
    "acos",
    "incomod",
    "bell",
)
# the English stop verbs: only their object is read against the English word list
ENGLISH_STOP_VERBS = frozenset("stop quit cancel end unsubscribe unsub stopall halt optout revoke".split())
NEW_SENTENCE = frozenset("i im i'm we this that there you youre you're no not nfs its it's he she they".split())
TO_ME = frozenset({"phone", "cell", "number", "inbox", "line"})
PREPOSITIONS = frozenset("of in at on by for from up over into about after before until around under off down out".split())
NOT_BEFORE_COMMAND = frozenset(
    "to will would can cant can't won't wont never dont don't not needs need should must gonna "
    "wanna didnt didn't doesnt doesn't cannot could might may the a an full bus last next first one "
    "it this that they he she we i you u which who what where when pit truck rest dead weekend "
    "front back make let lets let's without non 2 4 completely totally then".split()
)
ADVERBS = frozenset("completely totally just really ever even finally never all soon".split())
MODALS = frozenset(
    "will would can could should must to gonna wanna might may did does didnt didn't cant can't wont won't 2".split()
)
LEADING_WORDS = frozenset(
    "please pls plz just so ok okay hey hi no nope nah hell yes yeah well bitch fucking fuckin seriously now i said".split()
)
NAME_CUE = re.compile(
    r"\b(?:(?:i'?m|i am|im|this is|this'?s|it'?s) not|this isn'?t|this ain'?t|ain'?t no|my name is not|"
    r"my name isn'?t|my name'?s not|who (?:the \w+ )?is|who'?s|^not|^no)\s+(?:fucking\s+|effing\s+)?"
    r"([A-Za-z]+)(?:'s)?\s*(\S*)",
    re.IGNORECASE,
)
NAME_CUE_WORDS = frozenset("not no who who's whos isn't isnt ain't aint".split())
AFTER_NAME = frozenset({"", "here", "anymore", "phone", "number", "cell", "at", "and", "ok"})


# how a clause reads as a command, and how it names someone else: rules 'command.<how>', 'wrong-name.<how>'
COMMAND_HOW = ("keywords_only", "among_fillers", "compound", "leading_keyword", "trailing_keyword")
NAME_HOW = ("census_name", "capitalised_non_word", "cued_census_name")


@dataclass(frozen=True)
class Clause:
    """One clause: as typed (for capital letters) and folded (for everything else)."""

    raw: str
    folded: str
    words: tuple[str, ...]


def split_clauses(text: str) -> list[Clause]:
    """Sentences and the parts joined by but/and/or, commas, dashes and slashes."""
    lines = CLAUSE_BREAK.sub("\n", text)  # one pass; a line break is itself a clause break
    raw = lines.split("\n")
    folded = fold_lines(lines.replace("\r", " "))
    if len(folded) != len(raw):  # a character that folds into a line break: go one by one
        folded = [fold(part) for part in raw]
    return [Clause(r.strip(), f, tokens(f)) for r, f in zip(raw, folded) if f]


def is_command(word: str, keywords: Keywords, alone: bool = False) -> bool:
    """An opt-out keyword, its typo or compound; alone in a message also 'exit', 'out', 'quite'."""
    if alone and word in COMMAND_WORDS:
        return True
    found = keywords.word_intent(word, lone=alone)
    return found is not None and found[0] == "opt_out"


def command_reading(clause: Clause, keywords: Keywords, alone: bool = False) -> str | None:
    """'command.<how>' when the clause uses a stop keyword as a command, 'mention' when not, else None.

    How: 'keywords_only' (every other word a filler: 'STOP NOW'), 'among_fillers' ('please stp'),
    'compound' ('Stop2End …'), 'leading_keyword' ('stop texting me'), 'trailing_keyword'
    ('… so stop'). `alone`: the clause is the whole message, so 'Out', 'Exit' and 'Quite' count too."""
    words = clause.words
    # a lone word finds all a word in a sentence finds, and more ('exit', three-letter typos)
    if not any(keywords.word_intent(w, lone=alone) for w in words) and not (alone and COMMAND_WORDS.intersection(words)):
        return None  # no keyword, typo or compound at all: most clauses
    content = [w for w in words if w not in COMMAND_FILLERS]
    if content and all(is_command(w, keywords, alone) for w in content):
        pronoun_object = any(w in ("it", "this", "that") for w in words)
        if not pronoun_object or any(keywords.key_of(w) in PRONOUN_VERBS for w in content):
            return "command.keywords_only"
    if not content and any(is_command(w, keywords) for w in words if w not in ("it", "end", "to")):
        return "command.among_fillers"
    start = next((i for i, w in enumerate(words) if w not in LEADING_WORDS), len(words))
    if start < len(words) and _is_compound(words[start], keywords):
        return "command.compound"
    if start < len(words) and _is_verb_command(words[start], keywords):
        leading = _leading(words[start + 1 :], keywords.key_of(words[start]))
        return "command.leading_keyword" if leading == "command" else leading
    if (
        len(words) >= 2
        and _is_verb_command(words[-1], keywords)
        and words[-2] not in NOT_BEFORE_COMMAND
        and words[-2] not in MODALS
        and not (len(words) >= 3 and words[-3] in MODALS and words[-2] in ADVERBS)
    ):
        return "command.trailing_keyword"
    if (
        start + 1 < len(words)
        and words[start + 1] in FOREIGN_ARTICLES
        and is_command(words[start], keywords)
        and not any(_messaging_word(w) for w in words[start + 2 : start + 6])
    ):
        return "mention"  # a stop keyword of another language aimed at a thing: 'arrêtez la guerre'
    for i, word in enumerate(words[start + 1 :], start + 1):  # '... again Stop the Soros funded ...'
        if _is_verb_command(word, keywords) and _leading(words[i + 1 :], keywords.key_of(word)) == "mention":
            return "mention"
    return None


def _is_verb_command(word: str, keywords: Keywords) -> bool:
    """A stop keyword that reads as an imperative in a sentence ('end' and 'remove' do not alone)."""
    found = keywords.word_intent(word)
    return (
        found is not None
        and found[0] == "opt_out"
        and found[2] not in SENTENCE_WORDS
        and (found[1] != "typo" or keywords.language_of(found[2]) == "en")
    )


def _is_compound(word: str, keywords: Keywords) -> bool:
    """'stop2end', 'quittwoend': a program keyword, never an ordinary verb."""
    found = keywords.word_intent(word)
    return found is not None and found[1] == "compound"


def _leading(rest: Sequence[str], verb: str = "stop") -> str | None:
    """What follows a clause-initial keyword decides: an object, a new sentence, or a topic."""
    if not rest:
        return "command"
    following = rest[0]
    if following in OBJECTS and (following not in NEW_SENTENCE or len(rest) <= 2):
        return "command" if verb in PRONOUN_VERBS or following in ("me", "us", "all") else None
    if following in NEW_SENTENCE or following.startswith(MESSAGING_STEMS):
        return "command"
    if following in ("my", "our"):
        return "command" if any(w in MESSAGING_NOUNS for w in rest[1:4]) else "mention"
    if following == "being" or (following.endswith("ing") and len(following) > 5):
        # something done to me is about me: 'stop blowing up my phone', 'quit bugging us'
        return "command" if TO_ME.intersection(rest[1:4]) else "mention"
    if following in PREPOSITIONS:
        return None
    if (
        following in ("with", "your", "ur", "those", "sending") or following in ARTICLES or (following == "de" and verb == "stop")
    ):  # Dutch 'stop de oorlog', not 'sair de la lista'
        return "command" if any(_messaging_word(w) for w in rest[1:5]) else "mention"
    content = [w for w in rest if w not in COMMAND_FILLERS]
    # the verb aims at something else: 'stop illegal immigration now', 'cancel student debt'; two
    # words after a bare stop/quit stay a command ('Stop Marxist', 'quit already'): too short to tell
    if (
        content
        and verb in ENGLISH_STOP_VERBS
        and (len(rest) > 2 or verb not in ("stop", "quit"))
        and not _messaging_word(content[0])
        and is_real_word(content[0])
    ):
        return "mention"
    return "command" if len(rest) <= 2 and verb in ("stop", "quit") else None


def _messaging_word(word: str) -> bool:
    """A word about the messages: 'texts', 'spam', 'msgs', or the sender sworn at."""
    return (
        word in MESSAGING_OBJECTS
        or word in MESSAGING_NOUNS
        or word in VOCATIVES
        or word in CHANNEL_NOUNS
        or word.startswith(MESSAGING_STEMS)
        or word.startswith(FOREIGN_MESSAGING_STEMS)
    )


def someone_else_named(clause: Clause) -> str:  # noqa: C901
    """'I'm not Amy', 'This is not Thomas's number', 'Not byron!', 'Who is GRANT?': how the name
    was told ('census_name', 'capitalised_non_word', 'cued_census_name'), or ''."""
    if not NAME_CUE_WORDS.intersection(clause.words):
        return ""
    for match in NAME_CUE.finditer(clause.raw):
        name, after = match.group(1), match.group(2).strip("!?.,'\"")
        if after.lower() not in AFTER_NAME and not (after[:1].isupper() and after.isalpha()):
            continue
        folded = fold(name)
        cue = match.group(0).lower()
        if cue.startswith("no ") and after != "here":
            continue
        if is_first_name(folded) and not is_real_word(folded, ("en",)):
            return "census_name"
        if _looks_like_name(name) and after.lower() in AFTER_NAME:
            return "capitalised_non_word"
        if is_first_name(folded) and (name[:1].isupper() or " not" in f" {cue}"):
            return "cued_census_name" if folded not in COMMON_PREDICATES else ""
    return ""


def _looks_like_name(word: str) -> bool:
    """Capitalised (not shouted) and not a common word: 'Otho', 'Runiela', 'Yeshwant'."""
    return len(word) >= 3 and word.istitle() and word.isalpha() and not is_real_word(fold(word), ("en", "es"))


# first names that are also what follows "I'm not …" in ordinary sentences
COMMON_PREDICATES = frozenset(
    "sure happy ready able going gonna interested selling buying home free well fine good bad "
    "young old rich sick sorry okay alone done single late early will may can an a the so "
    "very really too that this here there in at on for into from your you my".split()
)


# a go-away said about someone else, or as a condition: 'get this dude to fuck off', 'if u go away'
NOT_BEFORE_DISMISSAL = frozenset("to can will would wont won't it they he she if the this that dude guy them cant can't".split())
NOT_AFTER_YOU = re.compile(
    r"^fu\w* (?:you|u) (?:are|r|were|think|have|know|doing|want|need|going|"
    r"gonna|and your family)\b"
)


def dismissal(folded: str) -> str:
    """The name of the go-away pattern addressed to the sender ('fuck_off', 'leave_me_alone'), or ''."""
    for match in DISMISSAL_RE.finditer(folded):
        before = folded[: match.start()].split()
        if before[-1:] and before[-1] in NOT_BEFORE_DISMISSAL or "if" in before[-3:]:
            continue
        if NOT_AFTER_YOU.match(folded[match.start() :]):
            continue
        return fired(match)
    return ""


# words that negate a request that follows them, in the keyword languages
NEGATORS = (
    frozenset(
        "don't dont not never nao nunca ne jamais nicht nie kein keine non niet nooit не didn't won't shouldn't wouldn't".split()
    )
    | negators()  # each resume table's own: 'huwag', 'mat', 'khong' (resume.py); Italian 'mai' comes with 'non'
)
WANTING = frozenset("want wants wish need would like you u to ever".split())  # between a negator and its request
NOT_AFTER_NO = frozenset("i we you u thanks thank problem worries way".split())  # 'oh no I texted stop…'


def negates_opt_in(folded: str) -> bool:
    """'Don't put me back on the list', 'não quero voltar a receber', 'ne me remettez pas':
    a negator up to three words before the request turns it around (it asks to stay off)."""
    match = OPT_IN_RE.search(folded)
    if match is None:
        return False
    inside = folded[match.start() : match.end()].split()[1:]  # 'schickt mir eure SMS nicht wieder'
    if any(word in NEGATORS for word in inside):
        return True
    before = [word for word in folded[: match.start()].split() if word not in WANTING][-3:]  # 'not want you to send'
    following = [*before[1:], ""]
    return any(word in NEGATORS or (word == "no" and after not in NOT_AFTER_NO) for word, after in zip(before, following))
