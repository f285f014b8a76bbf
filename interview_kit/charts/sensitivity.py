"""The sensitivity chart: for one interview, how far the overall score moves when
each weight is doubled or switched off. A ``matplotlib.figure.Figure`` (never pyplot);
the series differ by hatch as well as colour, and :func:`sensitivity_text` says the
same in a sentence (its text alternative). It follows the page theme and keeps its
text readable on a phone (:func:`.theme.min_font_pt`)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..learn.sensitivity import SensitivityRow
from ..learn.sensitivity import describe as describe_sensitivity
from .theme import get_theme, min_font_pt, style_axes

DOUBLE_COLOR = "#0072B2"  # blue
ZERO_COLOR = "#E69F00"  # orange
#: Width in inches, and the one text size: readable on a phone, where the chart
#: sits in the weights panel's collapsible section (about 280 px wide).
WIDTH = 4.8
FONT = min_font_pt(WIDTH, phone_px=270)


def sensitivity_figure(rows: Sequence[SensitivityRow], theme: str = "light") -> Figure:
    """For one interview: the overall score's change when each weight is doubled or
    set to 0, as paired horizontal bars (points out of 100)."""
    labels = [r.label for r in rows]
    double = np.array([r.delta_double for r in rows])
    zero = np.array([r.delta_zero for r in rows])
    t = get_theme(theme)
    figure = Figure(
        figsize=(WIDTH, 0.62 * len(rows) + 2.4), layout="constrained", facecolor=t.background
    )
    ax = figure.add_subplot()
    y = np.arange(len(rows))
    h = 0.38
    ax.barh(
        y - h / 2,
        double,
        height=h,
        color=DOUBLE_COLOR,
        label="Weight doubled",
        edgecolor=t.foreground,
        linewidth=0.4,
    )
    ax.barh(
        y + h / 2,
        zero,
        height=h,
        color=ZERO_COLOR,
        hatch="..",
        label="Weight set to 0",
        edgecolor=t.foreground,
        linewidth=0.4,
    )
    ax.axvline(0, color=t.foreground, linewidth=0.8)
    ax.set_yticks(
        y,
        [
            textwrap.fill(label, 12) + ("" if r.value is not None else "\n(not noticed)")
            for label, r in zip(labels, rows, strict=True)
        ],
    )
    ax.invert_yaxis()
    span = max(1.0, float(np.max(np.abs(np.concatenate([double, zero])), initial=0.0)) * 1.15)
    ax.set_xlim(-span, span)
    ax.set_xlabel("Change in the overall\nscore (points)")
    ax.set_title("Which weights matter\nfor this interview")
    style_axes(ax, t, FONT)
    figure.legend(
        loc="outside lower center", ncols=1, fontsize=FONT, frameon=False, labelcolor=t.foreground
    )
    return figure


#: Why a heavier weight on a good sign can lower the score (the one puzzle of the chart).
AVERAGE_NOTE = (
    "Why doubling a good sign's weight can lower the score: the score is a weighted "
    "average, so more weight pulls it toward that sign's own level, and {label} is "
    "good but less good than the average of your other signs."
)


def sensitivity_text(rows: Sequence[SensitivityRow]) -> str:
    """The sensitivity chart in words, with one line on why a good sign's heavier
    weight can lower the score, whenever the chart shows that."""
    words = describe_sensitivity(list(rows))
    puzzle = [r for r in rows if r.value is not None and r.value > 0 and r.delta_double < 0]
    if puzzle:
        words += " " + AVERAGE_NOTE.format(label=puzzle[0].label.lower())
    return words
