"""Server-side SVG charts: no JavaScript, no internet, readable by screen readers."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

PALETTE = ("#0b57d0", "#e8710a", "#188038", "#a142f4", "#d93025", "#5f6368")
WIDTH, HEIGHT, PAD = 640, 240, 36


def _frame(title: str, body: str, legend: str = "") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + 40}" '
            f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
            f'{body}{legend}</svg>')


def _legend(names: Sequence[str]) -> str:
    items = "".join(
        f'<rect x="{PAD + i * 120}" y="{HEIGHT + 18}" width="10" height="10" '
        f'fill="{PALETTE[i % len(PALETTE)]}"/><text x="{PAD + i * 120 + 14}" y="{HEIGHT + 27}" '
        f'font-size="11">{escape(name)}</text>' for i, name in enumerate(names))
    return f'<g class="legend">{items}</g>'


def stacked_bars(title: str, columns: Mapping[str, Mapping[str, int]]) -> str:
    """One bar per column (e.g. day), stacked by series (e.g. source)."""
    series = sorted({name for stack in columns.values() for name in stack})
    top = max((sum(stack.values()) for stack in columns.values()), default=0) or 1
    width = (WIDTH - 2 * PAD) / max(1, len(columns))
    bars = []
    for i, (label, stack) in enumerate(columns.items()):
        y = float(HEIGHT - PAD)
        for k, name in enumerate(series):
            height = (HEIGHT - 2 * PAD) * stack.get(name, 0) / top
            if height:
                y -= height
                bars.append(f'<rect x="{PAD + i * width + 2:.1f}" y="{y:.1f}" width="{width - 4:.1f}" '
                            f'height="{height:.1f}" fill="{PALETTE[k % len(PALETTE)]}">'
                            f'<title>{escape(label)} {escape(name)}: {stack[name]}</title></rect>')
        bars.append(f'<text x="{PAD + i * width + width / 2:.1f}" y="{HEIGHT - PAD + 14}" '
                    f'font-size="10" text-anchor="middle">{escape(label[-5:])}</text>')
    axis = f'<text x="4" y="{PAD}" font-size="10">{top}</text>'
    return _frame(title, axis + "".join(bars), _legend(series))


def bars(title: str, values: Mapping[str, int]) -> str:
    """Horizontal bars, one per category."""
    top = max(values.values(), default=0) or 1
    row = (HEIGHT - PAD) / max(1, len(values))
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
    return stacked_bars(title, buckets)
