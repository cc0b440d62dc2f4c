"""Server-side SVG charts: no JavaScript, no internet, readable by screen readers.

Each chart is drawn at a width (viewBox units ≈ CSS pixels where it is shown), so that the
console can show a wide one on a desk and a narrow one on a phone with text that stays legible."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

PALETTE = ("#0b57d0", "#e8710a", "#188038", "#a142f4", "#d93025", "#5f6368")
WIDTH, HEIGHT, PAD, LEFT = 640, 240, 36, 56  # LEFT: room for the y-axis
WIDE, NARROW = 1000, 360  # a desk's and a phone's drawing widths
LEGEND_ITEM, LABEL_ROOM = 120, 44  # px per legend entry; px a day label needs


def _frame(title: str, body: str, width: int, height: int, css: str = "chart") -> str:
    """The SVG element: a title for screen readers, scaled to its container."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" class="{css}"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def _legend(names: Sequence[str], width: int) -> tuple[str, int]:
    """Legend entries wrapped into rows that fit the width, and the height they take."""
    per_row = max(1, (width - PAD) // LEGEND_ITEM)
    items = []
    for i, name in enumerate(names):
        x, y = PAD + (i % per_row) * LEGEND_ITEM, HEIGHT + 18 + (i // per_row) * 20
        items.append(
            f'<rect x="{x}" y="{y}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{x + 14}" y="{y + 9}" font-size="12">{escape(name)}</text>'
        )
    rows = -(-len(names) // per_row)
    return f'<g class="legend">{"".join(items)}</g>', HEIGHT + 20 + 20 * max(rows, 1)


def ticks(top: int) -> list[int]:
    """0 up to a round maximum at or above `top`, in at most 5 steps of 1, 2 or 5 x 10^k."""
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            step = base * magnitude
            if top <= 5 * step:
                return list(range(0, -(-max(top, 1) // step) * step + 1, step))
        magnitude *= 10


def _y_axis(marks: list[int], label: str, width: int) -> str:
    """Gridlines with their values, the axis line, and what the axis counts."""
    span = HEIGHT - 2 * PAD
    lines = []
    for mark in marks:
        y = HEIGHT - PAD - span * mark / marks[-1]
        lines.append(
            f'<line x1="{LEFT}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dadce0"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end">{mark}</text>'
        )
    lines.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{PAD}" y2="{HEIGHT - PAD}" stroke="#5f6368"/>')
    lines.append(
        f'<text x="12" y="{HEIGHT / 2:.1f}" font-size="12" text-anchor="middle" '
        f'transform="rotate(-90 12 {HEIGHT / 2:.1f})">{escape(label)}</text>'
    )
    return '<g class="y-axis">' + "".join(lines) + "</g>"


def _stack(i: int, label: str, stack: Mapping[str, int], series: list[str], top: int, width: float) -> str:
    """One column's bars, bottom up, each with its count as a tooltip."""
    y, parts = float(HEIGHT - PAD), []
    for k, name in enumerate(series):
        height = (HEIGHT - 2 * PAD) * stack.get(name, 0) / top
        if height:
            y -= height
            parts.append(
                f'<rect x="{LEFT + i * width + 2:.1f}" y="{y:.1f}" width="{max(width - 4, 1):.1f}" '
                f'height="{height:.1f}" fill="{PALETTE[k % len(PALETTE)]}">'
                f"<title>{escape(label)} {escape(name)}: {stack[name]}</title></rect>"
            )
    return "".join(parts)


def _x_label(i: int, label: str, width: float) -> str:
    return (
        f'<text x="{LEFT + i * width + width / 2:.1f}" y="{HEIGHT - PAD + 16}" '
        f'font-size="12" text-anchor="middle">{escape(label[-5:])}</text>'
    )


def stacked_bars(
    title: str, columns: Mapping[str, Mapping[str, int]], y_label: str = "count", width: int = WIDTH, css: str = "chart"
) -> str:
    """One bar per column (e.g. day), stacked by series (e.g. source), on a labelled y-axis;
    only every n-th column labelled when labels would overlap."""
    series = sorted({name for stack in columns.values() for name in stack})
    marks = ticks(max((sum(stack.values()) for stack in columns.values()), default=0))
    column = (width - LEFT - 8) / max(1, len(columns))
    every = max(1, -(-LABEL_ROOM // max(int(column), 1)))
    bars = [_stack(i, label, stack, series, marks[-1], column) for i, (label, stack) in enumerate(columns.items())]
    labels = [
        _x_label(i, label, column) for i, label in enumerate(columns) if (len(columns) - 1 - i) % every == 0
    ]  # the newest day always labelled
    legend, height = _legend(series, width)
    return _frame(title, _y_axis(marks, y_label, width) + "".join(bars + labels) + legend, width, height, css)


def bars(title: str, values: Mapping[str, float], width: int = WIDTH, css: str = "chart", shown: str = "{}") -> str:
    """Horizontal bars, one per category, its name above it (long names fit a phone); each value
    written as `shown` formats it (a count as it is, a rate as '40.0%')."""
    top, row = max(values.values(), default=0) or 1, 40
    parts = []
    for i, (label, count) in enumerate(values.items()):
        y, length, text = 8 + i * row, (width - 60) * count / top, escape(shown.format(count))
        parts.append(
            f'<text x="4" y="{y + 12}" font-size="12">{escape(label)}</text>'
            f'<rect x="4" y="{y + 16}" width="{length:.1f}" height="16" fill="{PALETTE[0]}">'
            f"<title>{escape(label)}: {text}</title></rect>"
            f'<text x="{10 + length:.1f}" y="{y + 29}" font-size="12">{text}</text>'
        )
    return _frame(title, "".join(parts), width, 16 + row * max(1, len(values)), css)


def histogram(title: str, buckets: Mapping[str, Mapping[str, int]], width: int = WIDTH, css: str = "chart") -> str:
    """Confidence buckets (columns) stacked by intent."""
    return stacked_bars(title, buckets, "decisions", width, css)
