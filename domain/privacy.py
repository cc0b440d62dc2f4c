"""Phone numbers are personal data: logs and screens show them masked."""

from __future__ import annotations


def mask(number: str) -> str:
    """'+14155550100' -> '+1415•••0100'; short or odd senders keep only their ends."""
    if len(number) <= 6:
        return number[:1] + "•" * max(0, len(number) - 1)
    return number[:5] + "•••" + number[-4:] if len(number) > 10 else number[:3] + "•••" + number[-2:]
