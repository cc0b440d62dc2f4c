"""The clause reader: classify each clause by the kind of request it makes, then combine.

One clause that asks to stop — however short, wherever it stands — makes the message an
opt-out, unless that clause is negated ("don't stop sending deals"), a question about
how opting out works, or uses the keyword about something else ("stop being bullies").
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from .clauses import Clause, command_reading, dismissal, negates_opt_in, someone_else_named, split_clauses
from .cues import has_opt_out_cue
from .matcher import Keywords
from .patterns import (
    ACCIDENT_RE,
    CALLS_ONLY_RE,
    DISMISSAL_RE,
    HELP_RE,
    HOW_TO_RE,
    HYPOTHETICAL_RE,
    LATER_RE,
    MENTION_RE,
    NEGATED_STOP_RE,
    OPT_IN_RE,
    OTHER_CHANNEL_RE,
    OTHER_LANGUAGE_REQUEST_RE,
    PREFERS_TEXTS_RE,
    REQUEST_RE,
    SELF_MISTAKE_RE,
    SMS_WORD_RE,
    STATEMENT_RE,
    WRONG_RECIPIENT_RE,
    fired,
)
from .prefilter import Prefilter

# rule kind -> (intent, confidence, flagged for review); a rule is named '<kind>.<pattern>'
RULES = {
    "command": ("opt_out", 0.97, False),
    "request": ("opt_out", 0.95, False),
    "wrong-recipient": ("opt_out", 0.93, False),
    "wrong-name": ("opt_out", 0.9, True),
    "dismissal": ("opt_out", 0.9, True),
    "opt-in-request": ("opt_in", 0.9, False),
    "negated-opt-in": ("opt_out", 0.8, True),  # "don't put me back on": stay off; ops looks
    "help-question": ("help", 0.9, False),
    "quoted": ("other", 1.0, False),  # nothing but a phone's reaction to our message (pipeline)
    "other-channel": ("other", 0.9, True),  # 'stop calling, texting is fine', 'no catalogues, SMS ok': ops looks
    # 'no more emails' in reply to a text: often meant for the texts (people mix channels up), so the
    # grey zone's policy decides: by default a flagged opt-out, with GREY_ZONE_POLICY=confirm a question
    "other-channel-alone": ("opt_out", 0.6, True),
}
# requests that name another channel to ask for it instead of texts: an SMS opt-out ('email only')
INSTEAD_OF_TEXTS = frozenset({"request.email_only", "request.only_email_me"})
PRECEDENCE: tuple[str, ...] = ("opt_out", "opt_in", "help", "other")
# opt-in patterns that hold a stop keyword or an unsubscribe in them (resume.py): the clause reports
# or undoes that stop, so it is read as the opt-in it is before any command or request reading
KEYWORD_REPORTS = ("sent_stop_by_accident", "unsubscribed_by_accident", "undo_stop", "didnt_mean_to_unsubscribe")
# the opt-out kinds whose object can be another channel ('stop emailing me', 'no more catalogues')
CHANNEL_KINDS = frozenset({"command", "request"})
FAMILIES = (
    MENTION_RE,
    NEGATED_STOP_RE,
    REQUEST_RE,
    OTHER_LANGUAGE_REQUEST_RE,
    WRONG_RECIPIENT_RE,
    DISMISSAL_RE,
    OPT_IN_RE,
    HELP_RE,
    STATEMENT_RE,
    PREFERS_TEXTS_RE,
    SELF_MISTAKE_RE,
    ACCIDENT_RE,
    OTHER_CHANNEL_RE,
    HYPOTHETICAL_RE,
    LATER_RE,
)
PREFILTER = Prefilter(FAMILIES)


@dataclass(frozen=True)
class Reading:
    """What the clauses say: the deciding rule (or none), and whether the model may opt out."""

    rule: str = ""  # '<kind>.<pattern>': 'request.take_me_off', 'command.leading_keyword'
    clause: str = ""
    veto: bool = False

    @property
    def kind(self) -> str:
        return kind_of(self.rule)

    @property
    def intent(self) -> str | None:
        return RULES[self.kind][0] if self.rule else None

    @property
    def confidence(self) -> float:
        return RULES[self.kind][1] if self.rule else 0.0

    @property
    def flagged(self) -> bool:
        return RULES[self.kind][2] if self.rule else False


def kind_of(rule: str) -> str:
    """'request' of 'request.take_me_off': the kind of request a named rule reads."""
    return rule.partition(".")[0]


class ClauseReader:
    """Reads a message clause by clause with the given keyword lists."""

    def __init__(self, keywords: Keywords) -> None:
        self.keywords = keywords

    def read(self, text: str, language: str = "en") -> Reading:
        """The strongest reading over all clauses (opt-out first), and any veto."""
        clauses = split_clauses(text)
        hits = Hits(clauses, english=language == "en" and text.isascii())
        found: dict[str, Reading] = {}
        veto = False
        wants_texts, own_mistake = hits.anywhere(PREFERS_TEXTS_RE), hits.anywhere(SELF_MISTAKE_RE)
        other_channel = hits.anywhere(OTHER_CHANNEL_RE) and not self._texts_named(clauses, hits)
        # emails, post or calls stopped while texts are kept: the model may not opt out either
        kept_channel = wants_texts and (
            other_channel or (CALLS_ONLY_RE.search(hits.text) is not None and not self._texts_named(clauses, hits))
        )
        veto = kept_channel
        # 'how do I unsubscribe if I need to?', 'if I ever want out I'll say so': opting out some day
        hits.asks = "?" in text or "？" in text or hits.anywhere(HOW_TO_RE)  # the full-width mark of zh, ja
        condition = hits.anywhere(HYPOTHETICAL_RE)
        hypothetical = condition or (hits.asks and hits.anywhere(LATER_RE))
        held_back = False  # an opt-out clause the condition turned into a question
        for index, clause in enumerate(clauses):
            rule, vetoed = self.clause_rule(clause, hits, index, alone=len(clauses) == 1)
            kind = kind_of(rule)
            if hypothetical and kind in CHANNEL_KINDS and RULES[kind][0] == "opt_out":
                rule, vetoed, held_back = "", True, True
            if RULES.get(kind, ("",))[0] == "opt_out" and kind in CHANNEL_KINDS and rule not in INSTEAD_OF_TEXTS:
                channel = hits.name(OTHER_CHANNEL_RE, index) if other_channel else ""
                if not channel and wants_texts and CALLS_ONLY_RE.search(clause.folded):
                    channel = "calls_texts_kept"  # 'stop calling me, text me instead'
                if channel and wants_texts:  # not our texts to this number: an SMS opt-out it is not
                    found.setdefault("other", Reading(f"other-channel.{channel}", clause.raw))
                    rule, vetoed = "", True
                elif channel:  # another channel alone: the grey zone
                    rule = f"other-channel-alone.{channel}"
            elif wants_texts and RULES.get(kind, ("",))[0] == "opt_out" and CALLS_ONLY_RE.search(clause.folded):
                rule, vetoed = "", True
            if own_mistake and kind in ("wrong-recipient", "wrong-name"):
                rule, vetoed = "", True
            veto = veto or vetoed
            if rule:
                found.setdefault(RULES[kind][0], Reading(rule, clause.raw))
        if kept_channel and not found and has_opt_out_cue(hits.text):  # no rule read it: ops looks all the same
            channel = next(
                (hits.name(OTHER_CHANNEL_RE, i) for i in range(len(clauses)) if hits.name(OTHER_CHANNEL_RE, i)),
                "calls_texts_kept",
            )
            found["other"] = Reading(f"other-channel.{channel}", text)
        if hypothetical:
            veto = True
            if hits.asks and "help" not in found and (condition or held_back):
                found["help"] = Reading("help-question.how_to_opt_out_later", clauses[0].raw if clauses else "")
        precedence = PRECEDENCE
        if "opt_in" in found and hits.anywhere(ACCIDENT_RE):  # 'I replied stop by accident, add me back'
            precedence = ("opt_in", "opt_out", "help", "other")
        for intent in precedence:
            if intent in found:
                return Reading(found[intent].rule, found[intent].clause, veto)
        return Reading(veto=veto)

    @staticmethod
    def _texts_named(clauses: list[Clause], hits: Hits) -> bool:
        """Whether our texts (or this number) are named outside a 'texting is fine' clause."""
        return any(
            SMS_WORD_RE.search(clause.folded) and not hits.has(PREFERS_TEXTS_RE, index) for index, clause in enumerate(clauses)
        )

    def clause_rule(self, clause: Clause, hits: Hits, index: int, alone: bool = False) -> tuple[str, bool]:
        """(named rule '<kind>.<pattern>' or '', whether the clause uses a stop word about something else)."""
        mention = hits.name(MENTION_RE, index)
        if mention:  # 'if I reply stop will I lose my points?': a question about opting out here
            about_it = hits.asks and mention != "what_happens_if" and has_opt_out_cue(clause.folded)
            # 'what does this mean?' mentions no keyword, but still asks for help
            return ("help-question.about_opting_out" if about_it else help_question(hits, index)), True
        negated = hits.has(NEGATED_STOP_RE, index)
        report = hits.name(OPT_IN_RE, index)
        if report.endswith(KEYWORD_REPORTS) and not negates_opt_in(clause.folded):
            # 'i accidentally texted stop', 'undo my unsubscribe': the keyword is reported, not sent
            return f"opt-in-request.{report}", True
        if not negated:
            reading = command_reading(clause, self.keywords, alone)
            if reading is not None and reading.startswith("command."):
                return reading, False
            request = hits.name(REQUEST_RE, index) or hits.other_language_request(index)
            if request:
                return f"request.{request}", False
            if reading == "mention":
                return self._other_kinds(clause, hits, index), True
        return self._other_kinds(clause, hits, index), negated or hits.has(STATEMENT_RE, index)

    def _other_kinds(self, clause: Clause, hits: Hits, index: int) -> str:
        """Requests that need no stop keyword: go away, wrong person, back on, who is this."""
        wrong = hits.name(WRONG_RECIPIENT_RE, index)
        if wrong:
            return f"wrong-recipient.{wrong}"
        go_away = dismissal(clause.folded) if hits.has(DISMISSAL_RE, index) else ""
        if go_away:
            return f"dismissal.{go_away}"
        someone = someone_else_named(clause)
        if someone:
            return f"wrong-name.{someone}"
        opt_in = hits.name(OPT_IN_RE, index)
        if opt_in:
            return f"negated-opt-in.{opt_in}" if negates_opt_in(clause.folded) else f"opt-in-request.{opt_in}"
        return help_question(hits, index)


def help_question(hits: Hits, index: int) -> str:
    """The clause's help question as a named rule ('help-question.fr_who'), or ''."""
    question = hits.name(HELP_RE, index)
    return f"help-question.{question}" if question else ""


class Hits:
    """Each pattern family run once over all clauses (one per line), remembered per clause."""

    def __init__(self, clauses: list[Clause], english: bool = False) -> None:
        self.english = english
        self.asks = False  # the message asks something: a '?' or 'how do I …'
        self.text = "\n".join(c.folded for c in clauses)
        self.starts = list(itertools.accumulate((len(c.folded) + 1 for c in clauses), initial=0))
        # by id() (hashing a pattern hashes its text): clause index -> the pattern that fired first there
        self.found: dict[int, dict[int, str]] = {}
        self.ruled_out = PREFILTER.ruled_out(self.text)  # families that cannot match here

    def has(self, pattern: re.Pattern[str], index: int) -> bool:
        """Whether `pattern` matches inside clause `index`."""
        return bool(self.name(pattern, index))

    def name(self, pattern: re.Pattern[str], index: int) -> str:
        """The name of the first of the family's patterns to match inside clause `index`, or ''."""
        key = id(pattern)
        if key in self.ruled_out:
            return ""
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = {}
            for match in pattern.finditer(self.text):
                found.setdefault(bisect.bisect_right(self.starts, match.start()) - 1, fired(match))
        return found.get(index, "")

    def anywhere(self, pattern: re.Pattern[str]) -> bool:
        """Whether `pattern` matches in any clause."""
        if id(pattern) in self.ruled_out:
            return False
        return pattern.search(self.text) is not None

    def other_language_request(self, index: int) -> str:
        """The request written in another language (its pattern's name), looked for unless the
        text reads as English."""
        return "" if self.english else self.name(OTHER_LANGUAGE_REQUEST_RE, index)
