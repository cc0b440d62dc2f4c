"""The shape of one language's frames, shared by every frame module and the generator."""

from __future__ import annotations

from typing import TypedDict


class Frames(TypedDict, total=False):
    """One language's templates per intent and the values of their {slots}; a layer of
    additions names only what it adds, so every key may be absent."""

    slots: dict[str, tuple[str, ...]]
    opt_out: list[str]
    opt_in: list[str]
    help: list[str]
    other: list[str]
