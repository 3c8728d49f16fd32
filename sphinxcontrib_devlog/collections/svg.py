"""Horizontal bar charts as inline SVG, drawn from numbers (no Sphinx, no library).

A :class:`Figure` is what one chart says: rows of bars, each bar made of segments, and
the same numbers as table cells and as words. :func:`draw` makes its SVG: sized by its
``viewBox`` (it fits any column), text in ``currentColor`` (the theme's text colour), bars
in CSS classes whose colours the stylesheet sets for light and dark themes
(``devlog.css``), ``role="img"`` named by its ``<title>`` and described, every number in
words, by its ``<desc>``. Every text is escaped; numbers are formatted the same way on
every run, so the same figure always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

#: the drawing's width in its own units; text is :data:`FONT` units high
WIDTH = 480
FONT = 12
#: the height of a bar, the space between bars of a row, and between rows
BAR, BAR_GAP, ROW_GAP = 14, 2, 8
#: an estimate of a character's width at :data:`FONT` (labels are short: months, ages)
CHAR = 7


@dataclass(frozen=True)
class Segment:
    """A part of a bar: its value, its CSS class (``devlog-chart-<css>``), its name."""

    value: float
    css: str
    name: str


@dataclass(frozen=True)
class Bar:
    segments: tuple[Segment, ...]
    #: written after the bar: its total, a ratio
    note: str

    @property
    def total(self) -> float:
        return sum(s.value for s in self.segments)


@dataclass(frozen=True)
class Row:
    """One row of the chart (a month, an age): its label and its bars, one under the
    other (estimate and spent side by side), and its numbers as text."""

    label: str
    bars: tuple[Bar, ...]
    #: the row's cells in the table of numbers (the label first)
    cells: tuple[str, ...]
    #: the row's numbers in words, for the description
    words: str


@dataclass(frozen=True)
class Figure:
    title: str
    #: what the chart shows, before the rows' words in its description
    summary: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    #: the legend: (CSS class, name), in order
    legend: tuple[tuple[str, str], ...] = ()
    #: rows of the table that are not drawn (a total)
    extra_cells: tuple[tuple[str, ...], ...] = ()

    @property
    def description(self) -> str:
        return " ".join([self.summary, *(row.words for row in self.rows)])


def number(value: float) -> str:
    """A whole number as such, any other with one decimal."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _text_width(text: str) -> int:
    return len(text) * CHAR


def draw(figure: Figure, ident: str) -> str:
    """The SVG of *figure*; *ident* (unique on the page) names its title and
    description."""
    label_width = max((_text_width(r.label) for r in figure.rows), default=0) + CHAR
    note_width = max((_text_width(b.note) for r in figure.rows for b in r.bars), default=0) + CHAR
    left = label_width
    span = max(WIDTH - left - note_width, WIDTH // 4)
    most = max((b.total for r in figure.rows for b in r.bars), default=0)
    scale = span / most if most > 0 else 0.0
    out: list[str] = []
    y = 0
    if figure.legend:
        x = 0
        y = FONT
        for css, name in figure.legend:
            if x and x + _text_width(name) + FONT + 4 > WIDTH:
                x, y = 0, y + FONT + 6
            out.append(
                f'<rect class="devlog-chart-key devlog-chart-{_attr(css)}" '
                f'x="{x}" y="{y - FONT + 2}" width="{FONT - 2}" height="{FONT - 2}"/>'
            )
            out.append(f'<text x="{x + FONT + 2}" y="{y}">{escape(name)}</text>')
            x += FONT + 2 + _text_width(name) + 2 * CHAR
        y += ROW_GAP
    for row in figure.rows:
        height = len(row.bars) * BAR + (len(row.bars) - 1) * BAR_GAP
        middle = y + height / 2 + FONT / 2 - 2
        out.append(
            f'<text class="devlog-chart-label" x="{left - CHAR}" y="{number(middle)}" '
            f'text-anchor="end">{escape(row.label)}</text>'
        )
        for i, bar in enumerate(row.bars):
            top = y + i * (BAR + BAR_GAP)
            x_at = float(left)
            for segment in bar.segments:
                width = segment.value * scale
                if width <= 0:
                    continue
                # a hair of space between segments, so that neighbours stay apart
                drawn = max(width - 1, 0.5) if len(bar.segments) > 1 else width
                out.append(
                    f'<rect class="devlog-chart-bar devlog-chart-{_attr(segment.css)}" '
                    f'x="{x_at:.1f}" y="{top}" width="{drawn:.1f}" height="{BAR}">'
                    f"<title>{escape(row.label)}, {escape(segment.name)}: "
                    f"{number(segment.value)}</title></rect>"
                )
                x_at += width
            out.append(
                f'<text class="devlog-chart-note" x="{x_at + 4:.1f}" '
                f'y="{number(top + BAR / 2 + FONT / 2 - 2)}">{escape(bar.note)}</text>'
            )
        y += height + ROW_GAP
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="devlog-chart-svg" '
        f'viewBox="0 0 {WIDTH} {max(y, 1)}" width="100%" role="img" '
        f'aria-labelledby="{_attr(title_id)} {_attr(desc_id)}" '
        f'fill="currentColor" font-size="{FONT}">'
        f'<title id="{_attr(title_id)}">{escape(figure.title)}</title>'
        f'<desc id="{_attr(desc_id)}">{escape(figure.description)}</desc>' + "".join(out) + "</svg>"
    )


def table_rows(figure: Figure) -> list[Sequence[str]]:
    """The cells of the table of numbers under (or instead of) the chart."""
    return [*(row.cells for row in figure.rows), *figure.extra_cells]
