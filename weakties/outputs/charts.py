"""Bar charts as small hand-written SVG, for the plots of report.html (:mod:`.onepage`).

Why not matplotlib: measured on the bundled team sample (``weakties analyze
sample_exports/team``, 2.3 s end to end on an idle 2-core machine, target 1.0 s), matplotlib
cost ~1.3 s of it: ~0.45 s to import (``matplotlib.figure``, and ``font_manager`` building its
font cache) and ~0.8 s to draw the six figures and ``savefig(format="svg")`` them. The report's
plots are bars, lines and text; written here they take milliseconds, and the bytes are ours:
the same on every machine and library version, with no font cache written to the user's home.

Four kinds, one function each: :func:`hbars` (one bar per row, value at its end),
:func:`hbars_stacked`, :func:`hbars_grouped` (bars side by side in a row, values at their
ends) and :func:`columns_stacked` (vertical, for counts per year). They share the frame:
legend above the plot, "nice" ticks (1, 2 or 5 × 10ⁿ, whole numbers for counts), gridlines,
axis labels.

What the page relies on:

- text is ``<text>``, escaped with :func:`html.escape`: a label is never markup and never maths;
  no script, ``foreignObject`` or link; every id starts with the plot's name (``ties-hatch``);
- nothing depends on fonts installed: a text's width is estimated from its characters with
  DejaVu Sans's (wide) advances rounded up, and the label column is as wide as the longest
  label, so no label is cut; when labels leave too little room the chart gets wider and the
  browser scales it down;
- ``viewBox`` and ``width="100%"``: the chart scales with its column (two to a row on A4);
- each bar is a ``<rect class="bar">`` whose length is proportional to its value.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Series", "hbars", "hbars_stacked", "hbars_grouped", "columns_stacked",
           "text_width", "nice_ticks"]

WIDTH = 440.0  # viewBox units; a plot fills half the page, so 11 units of text read as ~13 px
FONT = 11.0  # labels, ticks, legend
SMALL = 9.0  # values at bar ends
PAD = 4.0  # empty margin around everything
MIN_PLOT = 150.0  # narrowest plot area before the chart grows wider instead
LEGEND_ROW = 17.0
INK, MUTED, AXIS, GRID = "#222222", "#333333", "#555555", "#dddddd"
FONTS = "'DejaVu Sans', Verdana, 'Noto Sans', sans-serif"  # wide fonts: the estimate holds

# Advance widths in em, rounded up from DejaVu Sans (Verdana is no wider).
_NARROW = set(" .,:;|!'`ijlI·")  # ≤ 0.40 em
_SEMI = set("ftr()[]{}-/\\\"*")  # ≤ 0.46 em
_WIDE = set("mwMW@%…#&<>=^~+_—")  # ≤ 1 em
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in XML


@dataclass(frozen=True)
class Series:
    """One colour of bars: a legend ``label``, a value per row (None: not known) and a fill;
    ``hatch`` lays white diagonal lines over the fill, so a grey print still tells it apart."""

    label: str
    values: Sequence[float | None]
    colour: str
    hatch: bool = False


def text_width(text: str, size: float = FONT) -> float:
    """An upper estimate of ``text``'s width at font ``size`` (no font metrics needed).

    >>> text_width("Acme") < text_width("MWMW")
    True
    """
    em = 0.0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        if unicodedata.east_asian_width(ch) in "WF" or ch in _WIDE:
            em += 1.0
        elif ch in _NARROW:
            em += 0.40
        elif ch in _SEMI:
            em += 0.46
        elif ch.isupper():
            em += 0.80
        else:
            em += 0.64
    return em * size


def nice_ticks(hi: float, most: int = 8) -> list[int]:
    """Whole-number ticks from 0 to the first one at or past ``hi``, at most ``most`` + 1,
    a step of 1, 2 or 5 × 10ⁿ.

    >>> nice_ticks(13)
    [0, 2, 4, 6, 8, 10, 12, 14]
    >>> nice_ticks(57, most=6)
    [0, 10, 20, 30, 40, 50, 60]
    >>> nice_ticks(0)
    [0, 1]
    """
    hi = max(float(hi), 1.0)
    scale = 1
    while True:
        for step in (scale, 2 * scale, 5 * scale):
            if math.ceil(hi / step) <= max(most, 1):
                return list(range(0, step * math.ceil(hi / step) + 1, step))
        scale *= 10


# --------------------------------------------------------------------------------------------
# The chart kinds


def hbars(name: str, labels: Sequence[str], values: Sequence[int], colours: Sequence[str], *,
          xlabel: str, row: float = 19.0) -> str:
    """One bar per label, top to bottom, with its value at its end (counts)."""
    ends = [str(v) for v in values]
    c = _Canvas(name)
    frame = c.hframe(labels, row=row, hi=max(values, default=0), xlabel=xlabel,
                     right=_ends_width(ends))
    for i, (v, colour) in enumerate(zip(values, colours, strict=True)):
        y = frame.centre(i) - 0.35 * row
        c.bar(frame.x0, y, frame.scale * v, 0.7 * row, colour)
        c.text(frame.x0 + frame.scale * v + 2, frame.centre(i), ends[i], size=SMALL,
               fill=MUTED)
    return c.svg()


def hbars_stacked(name: str, labels: Sequence[str], series: Sequence[Series], *, xlabel: str,
                  row: float = 30.0, thickness: float = 0.6) -> str:
    """Per label, the series laid end to end (parts of one whole), legend above."""
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(labels))]
    c = _Canvas(name)
    frame = c.hframe(labels, row=row, hi=max(totals, default=0), xlabel=xlabel, legend=series)
    for i in range(len(labels)):
        left = 0.0
        for s in series:
            v = s.values[i] or 0
            c.bar(frame.x0 + frame.scale * left, frame.centre(i) - thickness * row / 2,
                  frame.scale * v, thickness * row, c.fill(s), edge=True)
            left += v
    return c.svg()


def hbars_grouped(name: str, labels: Sequence[str], series: Sequence[Series], *, xlabel: str,
                  ticks: Sequence[float], fmt: Callable[[float], str], row: float) -> str:
    """Per label, one bar per series side by side, each with its value at its end ("–" when
    unknown); a fixed axis (``ticks``, e.g. 0 to 1 for an index)."""
    ends = [["–" if v is None else fmt(v) for v in s.values] for s in series]
    c = _Canvas(name)
    frame = c.hframe(labels, row=row, hi=ticks[-1], xlabel=xlabel, ticks=ticks, fmt=fmt,
                     right=_ends_width([e for each in ends for e in each]),
                     legend=series)
    thick = 0.8 * row / len(series)
    for j, s in enumerate(series):
        for i, v in enumerate(s.values):
            top = frame.centre(i) - 0.8 * row / 2 + j * thick
            width = frame.scale * (v or 0)
            c.bar(frame.x0, top + 0.05 * thick, width, 0.9 * thick, c.fill(s))
            c.text(frame.x0 + width + 2, top + thick / 2, ends[j][i], size=SMALL, fill=MUTED)
    return c.svg()


def columns_stacked(name: str, categories: Sequence[str], series: Sequence[Series], *,
                    ylabel: str, legend: bool = True, height: float = 200.0) -> str:
    """One column per category (years, left to right), the series stacked bottom up."""
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    c = _Canvas(name)
    top = PAD + (c.legend(series, PAD) if legend else 0) + FONT / 2
    ticks = nice_ticks(max(totals, default=0), most=max(2, int(height // 28)))
    tick_labels = [str(t) for t in ticks]
    x0 = PAD + FONT + 6 + max(text_width(t) for t in tick_labels) + 6
    x1 = WIDTH - PAD - 6
    bottom = top + height
    scale = height / ticks[-1]
    slot = (x1 - x0) / max(len(categories), 1)
    for t, text in zip(ticks, tick_labels, strict=True):
        y = bottom - scale * t
        c.grid.append(_line(x0, y, x1, y, GRID))
        c.front.append(_line(x0 - 3.5, y, x0, y, AXIS))
        c.text(x0 - 6, y, text, anchor="end")
    for j, s in enumerate(series):
        for i, v in enumerate(s.values):
            below = sum(t.values[i] or 0 for t in series[:j])
            c.bar(x0 + slot * (i + 0.1), bottom - scale * (below + (v or 0)), 0.8 * slot,
                  scale * (v or 0), c.fill(s))
    room = max(map(text_width, categories), default=0) + 6  # a label, and air around it
    every = next((k * 10 ** p for p in range(6) for k in (1, 2, 5) if k * 10 ** p * slot >= room),
                 len(categories))  # label every year, or every 2nd, 5th, 10th … that fits
    for i, cat in enumerate(categories):
        if not cat.isdigit() or int(cat) % every == 0:
            x = x0 + slot * (i + 0.5)
            c.front.append(_line(x, bottom, x, bottom + 3.5, AXIS))
            c.text(x, bottom + 6 + FONT / 2, cat, anchor="middle")
    c.front.append(_line(x0, top, x0, bottom, AXIS) + _line(x0, bottom, x1, bottom, AXIS))
    mid = top + height / 2
    c.text(PAD + FONT / 2, mid, ylabel, anchor="middle", rotate=True)
    c.height = bottom + 6 + FONT + PAD
    return c.svg()


# --------------------------------------------------------------------------------------------
# The shared frame


@dataclass
class _HFrame:
    x0: float  # where bars start
    scale: float  # units per unit of value
    top: float  # first row's top edge
    row: float

    def centre(self, i: int) -> float:
        return self.top + self.row * (i + 0.5)


class _Canvas:
    """One chart being drawn: gridlines behind bars, axes and text in front."""

    def __init__(self, name: str):
        self.name = name
        self.width = WIDTH
        self.height = 0.0
        self.defs: dict[str, str] = {}  # hatch colour -> id
        self.grid: list[str] = []
        self.bars: list[str] = []
        self.front: list[str] = []

    def fill(self, s: Series) -> str:
        """The series' fill: its colour, or a hatch pattern over it (made once per colour)."""
        if not s.hatch:
            return s.colour
        if s.colour not in self.defs:
            n = len(self.defs)
            self.defs[s.colour] = f"{self.name}-hatch" + (f"-{n + 1}" if n else "")
        return f"url(#{self.defs[s.colour]})"

    def bar(self, x: float, y: float, w: float, h: float, fill: str, edge: bool = False) -> None:
        if w <= 0 or h <= 0:
            return  # a zero is no bar (its value label still says 0)
        stroke = ' stroke="#ffffff" stroke-width="0.6"' if edge else ""
        self.bars.append(f'<rect class="bar" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" '
                         f'height="{_n(h)}" fill="{fill}"{stroke}/>')

    def text(self, x: float, y: float, text: str, *, anchor: str = "start", size: float = FONT,
             fill: str = INK, rotate: bool = False) -> None:
        """``text`` with its vertical middle at ``y``."""
        body = html.escape(_CONTROL.sub("", text), quote=True)
        if rotate:  # reads bottom to top, centred on (x, y)
            where = f'transform="translate({_n(x + 0.35 * size)} {_n(y)}) rotate(-90)"'
        else:
            where = f'x="{_n(x)}" y="{_n(y + 0.35 * size)}"'
        size_attr = "" if size == FONT else f' font-size="{_n(size)}"'
        fill_attr = "" if fill == INK else f' fill="{fill}"'
        anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
        self.front.append(f"<text {where}{anchor_attr}{size_attr}{fill_attr}>{body}</text>")

    def legend(self, series: Sequence[Series], y: float) -> float:
        """Swatches and labels centred above the plot, wrapped to the width; the height used."""
        items = [(s, 16 + 5 + text_width(s.label)) for s in series]
        rows: list[list[tuple[Series, float]]] = [[]]
        for item in items:
            used = sum(w + 14 for _, w in rows[-1])
            if rows[-1] and used + item[1] > self.width - 2 * PAD:
                rows.append([])
            rows[-1].append(item)
        for k, line in enumerate(rows):
            x = (self.width - sum(w for _, w in line) - 14 * (len(line) - 1)) / 2
            mid = y + LEGEND_ROW * (k + 0.5)
            for s, w in line:
                self.front.append(f'<rect x="{_n(x)}" y="{_n(mid - 4.5)}" width="16" '
                                  f'height="9" fill="{self.fill(s)}"/>')
                self.text(x + 21, mid, s.label)
                x += w + 14
        return LEGEND_ROW * len(rows) + 4

    def hframe(self, labels: Sequence[str], *, row: float, hi: float, xlabel: str,
               right: float = 0.0, legend: Sequence[Series] = (),
               ticks: Sequence[float] | None = None,
               fmt: Callable[[float], str] = str) -> _HFrame:
        """Labels at the left, as wide as the longest; ticks, gridlines and axis label below;
        sets the chart's size and returns where the bars go."""
        x0 = PAD + max((text_width(t) for t in labels), default=0.0) + 8
        right = max(right, text_width(fmt(max(hi, 1)) + "0") / 2)  # the last tick's label
        self.width = max(WIDTH, x0 + MIN_PLOT + right + PAD)
        x1 = self.width - PAD - right
        top = PAD + (self.legend(legend, PAD) if legend else 0)
        if ticks is None:
            fits = int((x1 - x0) // (text_width(fmt(max(hi, 1)) + "0") + 12))
            ticks = nice_ticks(hi, most=min(8, max(2, fits)))
        scale = (x1 - x0) / ticks[-1]
        bottom = top + row * len(labels)
        for t in ticks:
            x = x0 + scale * t
            self.grid.append(_line(x, top, x, bottom, GRID))
            self.front.append(_line(x, bottom, x, bottom + 3.5, AXIS))
            self.text(x, bottom + 6 + FONT / 2, fmt(t), anchor="middle")
        self.front.append(_line(x0, top, x0, bottom, AXIS) + _line(x0, bottom, x1, bottom, AXIS))
        self.text((x0 + x1) / 2, bottom + 10 + 1.5 * FONT, xlabel, anchor="middle")
        for i, label in enumerate(labels):
            self.text(x0 - 6, top + row * (i + 0.5), label, anchor="end")
        self.height = bottom + 10 + 2 * FONT + PAD
        return _HFrame(x0, scale, top, row)

    def svg(self) -> str:
        patterns = "".join(
            f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="5" height="5" fill="{colour}"/>'
            '<line x1="0" y1="0" x2="0" y2="5" stroke="#ffffff" stroke-width="1.6"/></pattern>'
            for colour, pid in self.defs.items())
        return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
                f'aria-labelledby="cap-{self.name}" viewBox="0 0 {_n(self.width)} '
                f'{_n(self.height)}" width="100%" font-family="{FONTS}" font-size="{_n(FONT)}" '
                'stroke-width="0.8">' + (f"<defs>{patterns}</defs>" if patterns else "")
                + "".join(self.grid) + "".join(self.bars) + "".join(self.front) + "</svg>")


def _line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return (f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
            f'stroke="{colour}"/>')


def _ends_width(texts: Sequence[str]) -> float:
    """Room right of the plot for the values written at bar ends."""
    return max((text_width(t, SMALL) for t in texts), default=0.0) + 4


def _n(x: float) -> str:
    """A coordinate, two decimals at most: short, and the same bytes on every machine."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
