"""How often each named rule fires on labelled messages, and how often it is right.

`python -m intents patterns [FILE.tsv | ham]`: one line per named pattern (`family.name`, as a
rule decision's detail `rule:<family>.<name>` names it), worst precision first. A pattern of a
family that decides (request, wrong-recipient, dismissal, opt-in-request, help-question; and
the code rules command.* and wrong-name.*) is judged on the messages it decided; a pattern
that only keeps a rule or the model from deciding (mention, negated-stop, statement,
prefers-texts, self-mistake, accident) on the messages it matches. Without a file: the
training examples of intents/data/. The patterns are written by hand, not fitted, and a rule
decision never consults the model, so a cross-validation would give the same figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from .clauses import COMMAND_HOW, NAME_HOW, split_clauses
from .evaluate import Row
from .patterns import NAMED_FAMILIES
from .reader import RULES
from .types import Intent

NOT_OPT_OUT = "not opt_out"


class PatternFigures(TypedDict):
    """One pattern's line of `patterns --json`."""

    rule: str
    goal: str
    fires: int
    precision: float | None
    decided: int
    decided_right: int
    matched: int
    matched_right: int


@dataclass
class PatternStat:
    """One named pattern's figures on a labelled set."""

    family: str
    name: str
    goal: str  # the intent it stands for, or 'not opt_out' for what vetoes an opt-out
    decided: int = 0
    decided_right: int = 0
    matched: int = 0
    matched_right: int = 0
    regex: re.Pattern[str] | None = None  # None for a code rule (command.*, wrong-name.*)

    @property
    def rule(self) -> str:
        return f"{self.family}.{self.name}"

    @property
    def fires(self) -> int:
        """Decisions for a deciding family's pattern, else matches."""
        return self.decided if self.judged_on_decisions else self.matched

    @property
    def judged_on_decisions(self) -> bool:
        return self.family in RULES

    @property
    def precision(self) -> float | None:
        """Right / fires; None when it never fired."""
        right = self.decided_right if self.judged_on_decisions else self.matched_right
        return right / self.fires if self.fires else None

    def to_dict(self) -> PatternFigures:
        return {
            "rule": self.rule,
            "goal": self.goal,
            "fires": self.fires,
            "precision": self.precision,
            "decided": self.decided,
            "decided_right": self.decided_right,
            "matched": self.matched,
            "matched_right": self.matched_right,
        }


def named_patterns() -> dict[str, PatternStat]:
    """Every named rule, empty: the patterns of every family and the code rules."""
    stats: dict[str, PatternStat] = {}
    for family in NAMED_FAMILIES:
        for name, pattern in family.patterns.items():
            stat = PatternStat(family.name, name, family.intent, regex=re.compile(pattern, re.MULTILINE))
            stats[stat.rule] = stat
    for kind, names in (("command", COMMAND_HOW), ("wrong-name", NAME_HOW)):
        for name in names:
            stats[f"{kind}.{name}"] = PatternStat(kind, name, RULES[kind][0])
    return stats


def right(goal: str, label: str) -> bool:
    """Whether a message labelled `label` is what a pattern with this goal stands for."""
    return label != "opt_out" if goal == NOT_OPT_OUT else label == goal


def decided_rule(intent: Intent) -> str:
    """'request.take_me_off' of a rule decision ('rule:request.take_me_off:grey:opt_out'), else ''."""
    if intent.source != "rule" or not intent.detail.startswith("rule:"):
        return ""
    return intent.detail.removeprefix("rule:").split(":", 1)[0]


def pattern_stats(rows: Iterable[tuple[str, str] | Row], classify: Callable[[str], Intent]) -> list[PatternStat]:
    """Each named pattern's decisions and matches over the labelled rows."""
    stats = named_patterns()
    by_family = [(family.regex, [stats[f"{family.name}.{name}"] for name in family.patterns]) for family in NAMED_FAMILIES]
    for row in rows:
        label, text = (row.label, row.text) if isinstance(row, Row) else row
        rule = decided_rule(classify(text))
        if rule:
            if rule not in stats:  # negated-opt-in.<opt-in pattern>: named when it fires
                kind, _, name = rule.partition(".")
                stats[rule] = PatternStat(kind, name, RULES[kind][0])
            stats[rule].decided += 1
            stats[rule].decided_right += right(stats[rule].goal, label)
        clauses = "\n".join(clause.folded for clause in split_clauses(text))
        for family_regex, members in by_family:
            if not family_regex.search(clauses):  # one pass rules the family's patterns out
                continue
            for stat in members:
                if stat.regex is not None and stat.regex.search(clauses):
                    stat.matched += 1
                    stat.matched_right += right(stat.goal, label)
    return sorted(stats.values(), key=_worst_first)


def _worst_first(stat: PatternStat) -> tuple[float, int, str]:
    """Lowest precision first, then the busiest; patterns that never fired last."""
    precision = stat.precision
    return (2.0 if precision is None else precision, -stat.fires, stat.rule)


def format_stats(stats: Sequence[PatternStat], source: str, messages: int) -> str:
    """One line per named pattern, worst precision first."""
    fired = [s for s in stats if s.fires]
    lines = [
        f"{messages} messages from {source}; {len(stats)} named patterns, {len(fired)} fired. "
        "precision: right / fires (decided by the rule, or matched for a veto family)",
        f"{'precision':>9} {'fires':>6} {'matched':>8} {'goal':<12} rule",
    ]
    for stat in stats:
        precision = "-" if stat.precision is None else f"{stat.precision:.1%}"
        matched = "-" if stat.regex is None else str(stat.matched)
        lines.append(f"{precision:>9} {stat.fires:>6} {matched:>8} {stat.goal:<12} {stat.rule}")
    return "\n".join(lines)
