"""The History view's trend chart: overall score over time, outcomes marked.

A ``matplotlib.figure.Figure`` (never pyplot) rendered to PNG. Each outcome has
its own marker shape *and* an Okabe-Ito colour (the core's outcome table), so the
legend reads without colour; pending interviews are hollow grey circles. A thin
line joins the rounds of one application (same company and role) only: two
applications are never joined into one zig-zag, and a few of them are named at
their latest round. :func:`trend_summary` says the same in words (the chart's text
alternative). Text sizes stay readable on a phone (:func:`.theme.min_font_pt`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure

from ..core.assessment import CONCERNING_AT, NEUTRAL, PROMISING_AT
from ..core.outcomes import OUTCOME_TABLE, PENDING_OUTCOME, outcome_words
from ..journal.history import TrendPoint
from .theme import figure_png, get_theme, min_font_pt

#: The figure's size in inches, and its one text size (readable on a phone).
SIZE = (4.8, 4.4)
FONT = min_font_pt(SIZE[0])
#: Applications with several rounds named on the chart (more would be clutter).
NAMED_APPLICATIONS = 4
#: Up to this many interviews, a tick at each date and each point named (company,
#: round) on the chart and in its text; beyond, the dates are spread and the first
#: applications named.
TICK_EACH_DATE = 6
LABEL_EACH_POINT = 8


def trend_figure(
    points: Sequence[TrendPoint], theme: str = "light", figure: Figure | None = None
) -> Figure:
    """Scores (0-100) against interview dates; one marker style per outcome."""
    t = get_theme(theme)
    if figure is None:
        figure = Figure(figsize=SIZE, dpi=100)
        FigureCanvasAgg(figure)
    else:
        figure.clear()
    figure.set_facecolor(t.background)
    ax = figure.add_axes((0.15, 0.42, 0.8, 0.5))
    ax.set_facecolor(t.background)
    for spine in ax.spines.values():
        spine.set_color(t.grid)
    ax.tick_params(colors=t.foreground, labelsize=FONT)
    ax.set_ylim(0, 100)
    ax.set_ylabel("Overall score", color=t.foreground, fontsize=FONT)
    ax.axhline(NEUTRAL, color=t.neutral, linestyle="--", linewidth=0.8, zorder=1)
    ax.axhspan(PROMISING_AT, 100, color="#009E73", alpha=0.06, zorder=0)
    ax.axhspan(0, CONCERNING_AT, color="#D55E00", alpha=0.06, zorder=0)
    ax.set_title("Overall score over time", color=t.foreground, fontsize=FONT)
    if not points:
        ax.text(
            0.5,
            0.5,
            "No dated interviews yet",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=t.neutral,
            fontsize=FONT,
        )
        ax.set_xticks([])
        return figure
    dates = [_dt.date.fromisoformat(p.date) for p in points]
    scores = [p.score for p in points]
    if len(points) <= 200:  # lines through thousands of points are only noise
        _join_rounds(ax, points, dates, t, named=len(points) > LABEL_EACH_POINT)
    many = len(points) > 500
    for row in (*OUTCOME_TABLE, PENDING_OUTCOME):
        chosen = [n for n, p in enumerate(points) if p.outcome == row.id]
        if not chosen:
            continue
        words, colour, marker, hollow = row.label, row.colour, row.marker, row.id is None
        ax.scatter(
            [dates[n] for n in chosen],  # type: ignore[arg-type]
            [scores[n] for n in chosen],
            marker=marker,
            s=(70 if marker == "*" else 44) * (0.4 if many else 1.0),
            alpha=0.6 if many else 1.0,
            facecolors="none" if hollow else colour,
            edgecolors=colour,
            linewidths=1.3,
            label=f"{words} ({len(chosen)})",
            zorder=3,
        )
    pad = max(_dt.timedelta(days=3), (dates[-1] - dates[0]) / 30)  # whole days on the axis
    ax.set_xlim(dates[0] - pad, dates[-1] + pad)  # type: ignore[arg-type]
    days = sorted(set(dates))
    if len(days) <= TICK_EACH_DATE:  # a few interviews: a tick at each one's date
        ax.set_xticks(days)  # type: ignore[arg-type]
    else:
        ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=6))
    ax.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
    if len(points) <= LABEL_EACH_POINT:
        _label_points(ax, points, dates, t)
    for label in ax.get_xticklabels():
        label.set_rotation(25)
        label.set_horizontalalignment("right")
    legend = figure.legend(
        loc="lower center",
        ncol=2,
        fontsize=FONT,
        frameon=False,
        labelcolor=t.foreground,
        handletextpad=0.2,
        columnspacing=0.7,
        borderaxespad=0.2,
    )
    legend.set_in_layout(False)
    return figure


def round_labels(points: Sequence[TrendPoint]) -> list[str]:
    """Each point's name on the chart and in its text: company and round ("Acme, round
    2"), the round counted within its application in date order."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for p in points:
        seen[p.application] = seen.get(p.application, 0) + 1
        name = p.company.strip() or "(no company)"
        out.append(f"{name if len(name) <= 14 else name[:13] + '…'}, round {seen[p.application]}")
    return out


def _label_points(ax, points: Sequence[TrendPoint], dates: Sequence[_dt.date], t) -> None:
    """Each point named beside it (a few points only), alternately above and below
    so neighbours do not overlap; names in the right half run leftward."""
    for n, (p, words) in enumerate(zip(points, round_labels(points), strict=True)):
        right = n > (len(points) - 1) / 2 and len(points) > 1
        ax.annotate(
            words,
            (dates[n], p.score),
            xytext=(-5 if right else 5, 7 if n % 2 == 0 else -13),
            textcoords="offset points",
            ha="right" if right else "left",
            fontsize=FONT,
            color=t.foreground,
            annotation_clip=False,
        ).set_parse_math(False)  # user text


def _join_rounds(
    ax, points: Sequence[TrendPoint], dates: Sequence[_dt.date], t, *, named: bool = True
) -> None:
    """A thin line through the rounds of each application (never across two), the
    first few applications with several rounds named at their latest round (unless
    every point is named already)."""
    rounds: dict[tuple[str, str], list[int]] = {}
    for n, p in enumerate(points):
        rounds.setdefault(p.application, []).append(n)
    several = [members for members in rounds.values() if len(members) > 1]
    several.sort(key=lambda members: -len(members))
    for k, members in enumerate(several):
        ax.plot(
            [dates[n] for n in members],
            [points[n].score for n in members],
            color=t.neutral,
            linewidth=1,
            zorder=2,
        )
        if named and k < NAMED_APPLICATIONS:
            last = points[members[-1]]
            name = last.company or "(no company)"
            # A name in the right half runs leftward from its point: never off the figure.
            right = members[-1] > (len(points) - 1) / 2 and len(points) > 1
            ax.annotate(
                name if len(name) <= 14 else name[:13] + "…",
                (dates[members[-1]], last.score),
                xytext=(-4 if right else 4, 5),
                textcoords="offset points",
                ha="right" if right else "left",
                fontsize=FONT,
                color=t.foreground,
                annotation_clip=False,
            ).set_parse_math(False)  # user text


def trend_png(points: Sequence[TrendPoint], theme: str = "light") -> bytes:
    return figure_png(trend_figure(points, theme))


def trend_summary(points: Sequence[TrendPoint], undated: int = 0) -> str:
    """The trend in words: how many, the range of dates, the latest score, outcomes."""
    extra = f" ({undated} without a date not shown)" if undated else ""
    if not points:
        return f"Overall score over time: no dated interviews yet{extra}."
    counts: dict[str | None, int] = {}
    for p in points:
        counts[p.outcome] = counts.get(p.outcome, 0) + 1
    outcomes = ", ".join(f"{outcome_words(o).lower()} {n}" for o, n in counts.items())
    mean = sum(p.score for p in points) / len(points)
    applications = len({p.application for p in points})
    each = ""
    if len(points) <= LABEL_EACH_POINT:  # what the labels say, in words
        each = (
            " Each: "
            + "; ".join(
                f"{p.date} {words} {p.score:.0f} ({outcome_words(p.outcome).lower()})"
                for p, words in zip(points, round_labels(points), strict=True)
            )
            + "."
        )
    return (
        f"Overall score over time: {_count(len(points), 'dated interview')} from "
        f"{points[0].date} to {points[-1].date}, {_count(applications, 'application')} "
        f"(the rounds of one application are joined by a line); latest "
        f"{points[-1].score:.0f} / 100, average {mean:.0f}; outcomes: {outcomes}{extra}."
        f"{each}"
    )


def _count(n: int, thing: str) -> str:
    """A count and its noun, in agreement ("1 dated interview", "2 applications")."""
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"
