"""Charts for the calibration view, as matplotlib ``Figure`` objects.

Built with ``matplotlib.figure.Figure`` (never pyplot: no global registry, nothing
leaks on a server). Colours are from the Okabe-Ito palette and every series also
differs by marker or hatch, so nothing relies on colour alone. Each chart has a
``*_text`` function giving the same reading in a sentence, for its alt text. Each
follows the page theme (``theme="dark"``: drawn on the dark page colours, like the
radar) and keeps its text readable on a phone (:func:`.theme.min_font_pt`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from ..core.batch import score_many
from ..core.interview import Interview
from ..core.outcomes import outcome_label
from ..core.signals import all_signals
from ..core.weights import Weights
from ..learn.calibration import Calibration, HeldOutCheck
from .theme import get_theme, min_font_pt, style_axes

GOOD_COLOR = "#0072B2"  # blue
BAD_COLOR = "#D55E00"  # vermillion
DEFAULT_COLOR = "#999999"  # grey
FITTED_COLOR = "#009E73"  # bluish green
#: Width of both charts in inches, and their one text size (readable on a phone).
WIDTH = 4.8
FONT = min_font_pt(WIDTH)


def _outcome_scores(
    interviews: Iterable[Interview], weights: Weights | None
) -> tuple[np.ndarray, np.ndarray]:
    kept = [(i, outcome_label(i.outcome)) for i in interviews]
    kept = [(i, y) for i, y in kept if y is not None]
    if not kept:
        return np.empty(0), np.empty(0, dtype=int)
    scores = score_many([i for i, _ in kept], weights).overall
    return scores, np.array([y for _, y in kept], dtype=int)


def _held_out_caption(check: HeldOutCheck | None) -> str:
    if check is None:
        return "Not enough outcomes yet for a held-out check."
    rough = " (rough indication)" if check.rough else ""
    return (
        f"Held-out ranking: {check.concordance:.0%} fitted, "
        f"{check.concordance_default:.0%} default, n = {check.n}{rough}; 50% = chance"
    )


def outcome_figure(
    interviews: Sequence[Interview],
    weights: Weights | None = None,
    calibration: Calibration | None = None,
    theme: str = "light",
) -> Figure:
    """Overall score of each interview with a known outcome, good vs not good.

    Points are spread sideways by a fixed pattern (no randomness), so the same
    journal always gives the same picture.
    """
    scores, labels = _outcome_scores(interviews, weights)
    t = get_theme(theme)
    figure = Figure(figsize=(WIDTH, 5.0), layout="constrained", facecolor=t.background)
    ax = figure.add_subplot()
    groups = (
        (1, "Good outcome\n(offer or\nnext round)", GOOD_COLOR, "o"),
        (0, "Not good\n(rejected or\nno response)", BAD_COLOR, "s"),
    )
    for position, (label, name, color, marker) in enumerate(groups):
        ys = scores[labels == label]
        offsets = ((np.arange(len(ys)) * 0.618033988749895) % 1.0 - 0.5) * 0.5
        ax.scatter(
            position + offsets,
            ys,
            color=color,
            marker=marker,
            alpha=0.8,
            edgecolors=t.foreground,
            linewidths=0.4,
            label=f"{name.splitlines()[0]} ({len(ys)})",
        )
        if len(ys):
            ax.hlines(
                float(np.median(ys)),
                position - 0.3,
                position + 0.3,
                colors=t.foreground,
                linewidth=1.5,
            )
    ax.axhline(50, color=DEFAULT_COLOR, linestyle=":", linewidth=1)
    ax.set_xticks([0, 1], [g[1] for g in groups])
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylim(0, 100)
    ax.set_ylabel("Overall score with\nthese weights (0-100)")
    check = calibration.held_out if calibration is not None else None
    ax.set_title(
        "Scores against outcomes\n(bar = median)\n" + textwrap.fill(_held_out_caption(check), 40)
    )
    style_axes(ax, t, FONT)
    return figure


def outcome_text(
    interviews: Sequence[Interview],
    weights: Weights | None = None,
    calibration: Calibration | None = None,
) -> str:
    """The outcome chart in a sentence or two."""
    scores, labels = _outcome_scores(interviews, weights)
    good, bad = scores[labels == 1], scores[labels == 0]
    if len(good) == 0 or len(bad) == 0:
        text = (
            f"{len(good)} interviews with a good outcome and {len(bad)} without are "
            "plotted by their overall score; both kinds are needed to compare them."
        )
    else:
        text = (
            f"Overall scores of {len(good)} interviews with a good outcome (median "
            f"{np.median(good):.0f}) and {len(bad)} without (median {np.median(bad):.0f})."
        )
    check = calibration.held_out if calibration is not None else None
    if check is not None:
        text += " " + check.describe()
    return text


def weights_figure(calibration: Calibration, theme: str = "light") -> Figure:
    """Fitted weights beside the defaults, one pair of horizontal bars per signal.

    Error bars span about +-2 standard errors (Laplace approximation), cut at 0.
    """
    ids = [s.id for s in all_signals()]
    labels = [s.label for s in all_signals()]
    prior = np.array([calibration.prior_weights[k] for k in ids])
    fitted = np.array([calibration.weights[k] for k in ids])
    se = np.array([calibration.std_errors[k] for k in ids])
    t = get_theme(theme)
    figure = Figure(
        figsize=(WIDTH, 0.5 * len(ids) + 2.4), layout="constrained", facecolor=t.background
    )
    ax = figure.add_subplot()
    y = np.arange(len(ids))
    h = 0.38
    ax.barh(
        y - h / 2,
        prior,
        height=h,
        color=DEFAULT_COLOR,
        label="Default",
        edgecolor=t.foreground,
        linewidth=0.4,
    )
    if calibration.enough_data:
        low = np.minimum(1.96 * se, fitted)
        ax.barh(
            y + h / 2,
            fitted,
            height=h,
            color=FITTED_COLOR,
            hatch="//",
            edgecolor=t.foreground,
            linewidth=0.4,
            label="Fitted (approx. 95% range)",
            xerr=np.vstack([low, 1.96 * se]),
            error_kw={"ecolor": t.foreground, "capsize": 3},
        )
        ax.set_title(f"Weights fitted from {calibration.n}\noutcomes vs defaults")
    else:
        ax.set_title("Default weights\n(not enough outcomes to fit yet)")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    ax.set_xlabel("Weight (0 switches a sign off)")
    style_axes(ax, t, FONT)
    figure.legend(
        loc="outside lower center", ncols=1, fontsize=FONT, frameon=False, labelcolor=t.foreground
    )
    return figure


def weights_text(calibration: Calibration) -> str:
    """The weights chart in words, without the held-out check: views say that once,
    under its own heading (the Calibration tab showed the same sentences twice)."""
    return calibration.describe(held_out=False)


def weights_table(calibration: Calibration) -> list[Mapping[str, Any]]:
    """Rows (signal, label, default, fitted, std_error) for a table beside the chart."""
    return [
        {
            "signal": s.id,
            "label": s.label,
            "default": calibration.prior_weights[s.id],
            "fitted": round(calibration.weights[s.id], 3),
            "std_error": round(calibration.std_errors[s.id], 3),
        }
        for s in all_signals()
    ]
