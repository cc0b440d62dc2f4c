"""Server-side SVG charts: no JavaScript, no internet, readable by screen readers."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

PALETTE = ("#0b57d0", "#e8710a", "#188038", "#a142f4", "#d93025", "#5f6368")
WIDTH, HEIGHT, PAD, LEFT = 640, 240, 36, 56  # LEFT: room for the y-axis


def _frame(title: str, body: str, legend: str = "") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + 40}" '
            f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
            f'{body}{legend}</svg>')


def _legend(names: Sequence[str]) -> str:
    items = "".join(
        f'<rect x="{PAD + i * 120}" y="{HEIGHT + 18}" width="10" height="10" '
        f'fill="{PALETTE[i % len(PALETTE)]}"/><text x="{PAD + i * 120 + 14}" y="{HEIGHT + 27}" '
        f'font-size="12">{escape(name)}</text>' for i, name in enumerate(names))
    return f'<g class="legend">{items}</g>'


def ticks(top: int) -> list[int]:
    """0 up to a round maximum at or above `top`, in at most 5 steps of 1, 2 or 5 x 10^k."""
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            step = base * magnitude
            if top <= 5 * step:
                return list(range(0, -(-max(top, 1) // step) * step + 1, step))
        magnitude *= 10


def _y_axis(marks: list[int], label: str) -> str:
    """Gridlines with their values, the axis line, and what the axis counts."""
    span = HEIGHT - 2 * PAD
    lines = []
    for mark in marks:
        y = HEIGHT - PAD - span * mark / marks[-1]
        lines.append(f'<line x1="{LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dadce0"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end">{mark}</text>')
    lines.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{PAD}" y2="{HEIGHT - PAD}" stroke="#5f6368"/>')
    lines.append(f'<text x="12" y="{HEIGHT / 2:.1f}" font-size="12" text-anchor="middle" '
                 f'transform="rotate(-90 12 {HEIGHT / 2:.1f})">{escape(label)}</text>')
    return '<g class="y-axis">' + "".join(lines) + "</g>"


def stacked_bars(title: str, columns: Mapping[str, Mapping[str, int]], y_label: str = "count") -> str:
    """One bar per column (e.g. day), stacked by series (e.g. source), on a labelled y-axis."""
    series = sorted({name for stack in columns.values() for name in stack})
    marks = ticks(max((sum(stack.values()) for stack in columns.values()), default=0))
    width = (WIDTH - LEFT - 8) / max(1, len(columns))
    bars = []
    for i, (label, stack) in enumerate(columns.items()):
        y = float(HEIGHT - PAD)
        for k, name in enumerate(series):
            height = (HEIGHT - 2 * PAD) * stack.get(name, 0) / marks[-1]
            if height:
                y -= height
                bars.append(f'<rect x="{LEFT + i * width + 2:.1f}" y="{y:.1f}" width="{width - 4:.1f}" '
                            f'height="{height:.1f}" fill="{PALETTE[k % len(PALETTE)]}">'
                            f'<title>{escape(label)} {escape(name)}: {stack[name]}</title></rect>')
        bars.append(f'<text x="{LEFT + i * width + width / 2:.1f}" y="{HEIGHT - PAD + 16}" '
                    f'font-size="12" text-anchor="middle">{escape(label[-5:])}</text>')
    return _frame(title, _y_axis(marks, y_label) + "".join(bars), _legend(series))


def bars(title: str, values: Mapping[str, int]) -> str:
    """Horizontal bars, one per category."""
    top = max(values.values(), default=0) or 1
    row = min((HEIGHT - PAD) / max(1, len(values)), 40.0)  # one reason: a bar, not a wall
    parts = []
    for i, (label, count) in enumerate(values.items()):
        y = PAD / 2 + i * row
        length = (WIDTH - 200) * count / top
        parts.append(f'<text x="4" y="{y + row / 2 + 4:.1f}" font-size="12">{escape(label)}</text>'
                     f'<rect x="140" y="{y + 3:.1f}" width="{length:.1f}" height="{row - 6:.1f}" '
                     f'fill="{PALETTE[0]}"><title>{escape(label)}: {count}</title></rect>'
                     f'<text x="{146 + length:.1f}" y="{y + row / 2 + 4:.1f}" font-size="12">'
                     f'{count}</text>')
    return _frame(title, "".join(parts))


def histogram(title: str, buckets: Mapping[str, Mapping[str, int]]) -> str:
    """Confidence buckets (columns) stacked by intent."""
    return stacked_bars(title, buckets, "decisions")
