"""Which of two consent decisions stands: the one rule the live path, the replay, the journal
and every view apply (a pure function: no layer owns it more than another)."""

from __future__ import annotations


def overrides(made_at: float, opts_out: bool, last_at: float | None, tie: float = 0.0) -> bool:
    """Does a consent decision made at `made_at` override the one made at `last_at`? The later
    wins; two less than `tie` seconds apart (or at the same instant) are simultaneous, and then
    the opt-out wins: a worker's clock stamp cannot order two messages that close (never text
    on a doubt)."""
    if last_at is None:
        return True
    if made_at == last_at or abs(made_at - last_at) < tie:
        return opts_out
    return made_at > last_at
