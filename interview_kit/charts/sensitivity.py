"""The sensitivity chart: for one interview, how far the overall score moves when
each weight is doubled or switched off. A ``matplotlib.figure.Figure`` (never pyplot);
the series differ by hatch as well as colour, and :func:`sensitivity_text` says the
same in a sentence (its text alternative)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..learn.sensitivity import SensitivityRow
from ..learn.sensitivity import describe as describe_sensitivity

DOUBLE_COLOR = "#0072B2"  # blue
ZERO_COLOR = "#E69F00"  # orange


def sensitivity_figure(rows: Sequence[SensitivityRow]) -> Figure:
    """For one interview: the overall score's change when each weight is doubled or
    set to 0, as paired horizontal bars (points out of 100)."""
    labels = [r.label for r in rows]
    double = np.array([r.delta_double for r in rows])
    zero = np.array([r.delta_zero for r in rows])
    figure = Figure(figsize=(6.0, 0.45 * len(rows) + 1.6), layout="constrained")
    ax = figure.add_subplot()
    y = np.arange(len(rows))
    h = 0.38
    ax.barh(y - h / 2, double, height=h, color=DOUBLE_COLOR, label="Weight doubled",
            edgecolor="black", linewidth=0.4)
    ax.barh(y + h / 2, zero, height=h, color=ZERO_COLOR, hatch="..", label="Weight set to 0",
            edgecolor="black", linewidth=0.4)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, [f"{label}{'' if r.value is not None else ' (not noticed)'}"
                      for label, r in zip(labels, rows, strict=True)])
    ax.invert_yaxis()
    span = max(1.0, float(np.max(np.abs(np.concatenate([double, zero])), initial=0.0)) * 1.15)
    ax.set_xlim(-span, span)
    ax.set_xlabel("Change in the overall score (points)")
    ax.set_title("Which weights matter for this interview", fontsize=11)
    figure.legend(loc="outside lower center", ncols=2, fontsize=8)
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
