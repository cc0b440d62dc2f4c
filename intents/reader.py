"""The clause reader: classify each clause by the kind of request it makes, then combine.

One clause that asks to stop — however short, wherever it stands — makes the message an
opt-out, unless that clause is negated ("don't stop sending deals"), a question about
how opting out works, or uses the keyword about something else ("stop being bullies").
"""
from __future__ import annotations

from dataclasses import dataclass

from .clauses import Clause, command_reading, dismisses, names_someone_else, split_clauses
from .keywords import Keywords
from .patterns import (CALLS_ONLY_RE, HELP_RE, MENTION_RE, NEGATED_STOP_RE, OPT_IN_RE,
                       PREFERS_TEXTS_RE, REQUEST_RE, SELF_MISTAKE_RE, WRONG_RECIPIENT_RE)

# (intent, rule, confidence, flagged for review)
RULES = {
    "command": ("opt_out", 0.97, False),
    "request": ("opt_out", 0.95, False),
    "wrong-recipient": ("opt_out", 0.93, False),
    "wrong-name": ("opt_out", 0.9, True),
    "dismissal": ("opt_out", 0.9, True),
    "opt-in-request": ("opt_in", 0.9, False),
    "help-question": ("help", 0.9, False),
}
PRECEDENCE = ("opt_out", "opt_in", "help")


@dataclass(frozen=True)
class Reading:
    """What the clauses say: the deciding rule (or none), and whether the model may opt out."""

    rule: str = ""
    clause: str = ""
    veto: bool = False

    @property
    def intent(self) -> str | None:
        return RULES[self.rule][0] if self.rule else None

    @property
    def confidence(self) -> float:
        return RULES[self.rule][1] if self.rule else 0.0

    @property
    def flagged(self) -> bool:
        return RULES[self.rule][2] if self.rule else False


class ClauseReader:
    """Reads a message clause by clause with the given keyword lists."""

    def __init__(self, keywords: Keywords) -> None:
        self.keywords = keywords

    def read(self, text: str) -> Reading:
        """The strongest reading over all clauses (opt-out first), and any veto."""
        found: dict[str, Reading] = {}
        veto = False
        clauses = split_clauses(text)
        wants_texts = any(PREFERS_TEXTS_RE.search(c.folded) for c in clauses)
        own_mistake = any(SELF_MISTAKE_RE.search(c.folded) for c in clauses)
        for clause in clauses:
            rule, vetoed = self.clause_rule(clause, alone=len(clauses) == 1)
            if wants_texts and RULES.get(rule, ("",))[0] == "opt_out" and CALLS_ONLY_RE.search(clause.folded):
                rule, vetoed = "", True
            if own_mistake and rule in ("wrong-recipient", "wrong-name"):
                rule, vetoed = "", True
            veto = veto or vetoed
            if rule:
                found.setdefault(RULES[rule][0], Reading(rule, clause.raw))
        for intent in PRECEDENCE:
            if intent in found:
                return Reading(found[intent].rule, found[intent].clause, veto)
        return Reading(veto=veto)

    def clause_rule(self, clause: Clause, alone: bool = False) -> tuple[str, bool]:
        """(rule name or '', whether the clause uses a stop word about something else)."""
        folded = clause.folded
        if MENTION_RE.search(folded):
            return "", True
        negated = NEGATED_STOP_RE.search(folded) is not None
        if not negated:
            reading = command_reading(clause, self.keywords, alone)
            if reading == "command":
                return "command", False
            if REQUEST_RE.search(folded):
                return "request", False
            if reading == "mention":
                return self._other_kinds(clause), True
        return self._other_kinds(clause), negated

    def _other_kinds(self, clause: Clause) -> str:
        """Requests that need no stop keyword: go away, wrong person, back on, who is this."""
        folded = clause.folded
        if WRONG_RECIPIENT_RE.search(folded):
            return "wrong-recipient"
        if dismisses(folded):
            return "dismissal"
        if names_someone_else(clause):
            return "wrong-name"
        if OPT_IN_RE.search(folded):
            return "opt-in-request"
        if HELP_RE.search(folded):
            return "help-question"
        return ""
