"""Which layer decided a consent change, spelt once for every reader (the register export and
the opt-out feed name it the same way)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)  # a handful of rules decide nearly every row
def decided_by(source: str, detail: str) -> str:
    """'source:rule' with the source named once, whatever the detail starts with: 'keyword:stop'
    from ('keyword', 'keyword:stop'), 'carrier:OptOutType=STOP' from ('carrier', 'OptOutType=STOP');
    a head naming the same layer more precisely ('program-keyword:', 'keyword+filler:') is kept."""
    rest = detail
    named = source
    while rest:
        head, sep, tail = rest.partition(":")
        if _layer(head) != _layer(source):
            break
        named = source if _layer(source) != source else head  # the more precise spelling
        rest = tail if sep else ""
    return f"{named}:{rest}" if rest else named


def _layer(name: str) -> str:
    """The deciding layer a source or detail head names: 'program-keyword+filler' -> 'keyword'."""
    return name.removeprefix("program-").split("+", 1)[0]
