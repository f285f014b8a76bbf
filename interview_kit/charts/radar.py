"""Radar charts of an interview's signs, drawn with matplotlib on a server.

Built on ``matplotlib.figure.Figure`` (never pyplot: no global figure registry,
nothing leaks between dashboard visitors) and rendered to PNG bytes for an
``ipywidgets.Image``. The spokes come from the signal catalog, grouped and
coloured by category, so a new signal adds a spoke without touching this file.

Radial axis: a signal's value in [-2, 2] is drawn at radius ``value - RADIUS_MIN``
on fixed limits, so shapes compare across interviews; the neutral ring (0) is
marked. A sign nobody noticed is a *gap* in the outline with a hollow grey marker,
never a point at 0.

Public API:

- ``RadarChart(theme="light", size=4.8, dpi=100)``: one interview; keeps its
  artists; ``update(interview_or_values)`` then ``to_png() -> bytes``.
- ``overlay_figure(items, theme="light", figure=None) -> Figure``: 2-3
  ``(label, Interview)`` pairs on one radar with a legend (used by the workbook's
  comparison and the journal's history view); ``overlay_png(items, ...) -> bytes``.
- ``before_after_figure(interview, weights)``: one interview under two sets of weights;
  ``spoke_signals()``. Themes and the PNG renderer are in :mod:`.theme`.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..core import signals as _signals
from ..core.interview import Interview
from ..core.scoring import score
from ..core.signals import HIGH, LOW, Signal
from ..core.weights import validate_weights
from .theme import (
    SERIES_STYLES,
    Theme,
    figure_png,
    get_theme,
    label_colour,
    min_font_pt,
    palette_of,
    pixels_png,
    series_colour,
    stack_frame,
)

#: Radius of the centre: values are drawn at ``value - RADIUS_MIN`` so -2 sits a
#: little off the centre (a hollow core keeps low points readable).
RADIUS_MIN = LOW - 0.6
RADIUS_LIMITS = (0.0, HIGH - RADIUS_MIN)


def spoke_signals() -> tuple[Signal, ...]:
    """Every catalog signal, grouped by category (category order, then catalog order)."""
    catalog = _signals.all_signals()
    return tuple(s for c in _signals.CATEGORIES for s in catalog if s.category == c.id)


def _values_of(source: Interview | Mapping[str, float | None]) -> dict[str, float | None]:
    if isinstance(source, Interview):
        return source.signal_values()
    return dict(source)


def _radius(value: float | None) -> float:
    """Radius of a value on the fixed scale; NaN (a gap) for 'did not notice'."""
    if value is None:
        return math.nan
    clipped = max(LOW, min(HIGH, float(value)))
    return clipped - RADIUS_MIN


def fill_shapes(angles: Sequence[float], radii: Sequence[float]) -> list[list[tuple]]:
    """Areas to shade: the whole outline when every spoke was noted, else one fan
    from the centre per run of neighbouring noted spokes (never bridging a gap)."""
    count = len(radii)
    noted = [not math.isnan(r) for r in radii]
    if all(noted):
        return [list(zip(angles, radii, strict=True))]
    if not any(noted):
        return []
    start = noted.index(False)  # walk the circle from a gap so runs don't wrap
    shapes, run = [], []
    for step in range(1, count + 1):
        i = (start + step) % count
        if noted[i]:
            run.append((angles[i], radii[i]))
        if (not noted[i] or step == count) and run:
            if len(run) >= 2:
                shapes.append([(run[0][0], 0.0), *run, (run[-1][0], 0.0)])
            run = []
    return shapes


def _axes(
    figure: Figure, spokes: Sequence[Signal], theme: Theme, *, rect=None, fontsize: float = 9.0
) -> Any:
    """Polar axes with the fixed scale, category-coloured spoke labels and the neutral ring."""
    figure.set_facecolor(theme.background)
    ax: Any = figure.add_axes(rect or (0.23, 0.16, 0.54, 0.64), projection="polar")  # PolarAxes
    ax.set_facecolor(theme.background)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_ylim(*RADIUS_LIMITS)
    ax.set_autoscale_on(False)
    angles = [2 * math.pi * i / len(spokes) for i in range(len(spokes))]
    ax.set_xticks(angles)
    ax.set_xticklabels(
        [textwrap.fill(s.label, 11 if len(spokes) <= 11 else 10) for s in spokes], fontsize=fontsize
    )
    for label, spoke, angle in zip(ax.get_xticklabels(), spokes, angles, strict=True):
        label.set_color(label_colour(_signals.get_category(spoke.category).color, theme))
        label.set_fontweight("bold")
        # Grow away from the circle (a right-hand label starts at its spoke and runs
        # right), so long labels neither cover the category arc nor leave the figure.
        x, y = math.sin(angle), math.cos(angle)
        label.set_horizontalalignment("left" if x > 0.3 else "right" if x < -0.3 else "center")
        label.set_verticalalignment("bottom" if y > 0.3 else "top" if y < -0.3 else "center")
    ax.tick_params(axis="x", pad=9)
    rings = [v - RADIUS_MIN for v in (-2, -1, 0, 1, 2)]
    ax.set_yticks(rings)
    ax.set_yticklabels([])
    # Ring labels half-way between the first two spokes, just outside each ring, so
    # they never sit on an outline (at all -2 the outline is the innermost ring).
    middle = math.pi / max(len(spokes), 1)
    for ring, text in zip(rings, ("-2", "-1", "0", "+1", "+2"), strict=True):
        outer = ring >= RADIUS_LIMITS[1]  # clear of the category arc on the outer ring
        ax.text(
            middle,
            ring + (0.22 if outer else 0.08),
            text,
            fontsize=fontsize,
            color=theme.neutral,
            ha="left",
            va="bottom",
            zorder=6,
            clip_on=False,
        )
    ax.grid(color=theme.grid, linewidth=0.6)
    ax.spines["polar"].set_color(theme.grid)
    # The neutral ring: "no sign either way".
    circle = [i * 2 * math.pi / 120 for i in range(121)]
    ax.plot(
        circle,
        [-RADIUS_MIN] * len(circle),
        color=theme.neutral,
        linewidth=1.2,
        linestyle=(0, (4, 3)),
        zorder=1,
    )
    # A thin arc in each category's colour just outside the outer ring.
    step = 2 * math.pi / len(spokes)
    edge = RADIUS_LIMITS[1]
    for index, spoke in enumerate(spokes):
        colour = _signals.get_category(spoke.category).color
        arc = [angles[index] - step / 2 + step * k / 12 for k in range(13)]
        ax.plot(
            arc,
            [edge] * len(arc),
            color=colour,
            linewidth=5,
            solid_capstyle="butt",
            zorder=0,
            clip_on=False,
        )
    return ax, angles


def spread_labels(figure: Figure, ax: Any, rounds: int = 12) -> None:
    """Move spoke labels apart until no two overlap (up to 14 spokes, at the size a
    phone shows): the label nearer the vertical of an overlapping pair moves outwards
    (its tick's pad grows), which separates neighbours at the top and bottom, where
    centred labels meet. Measured on the drawn text boxes."""
    canvas = (
        figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    )
    ticks = ax.xaxis.get_major_ticks()
    for _ in range(rounds):
        canvas.draw()
        renderer = canvas.get_renderer()
        labels = [t.label1 for t in ticks]
        boxes = [label.get_window_extent(renderer) for label in labels]
        moved = False
        for i, j in ((i, (i + 1) % len(ticks)) for i in range(len(ticks))):
            if i == j or not boxes[i].overlaps(boxes[j]):
                continue
            angle_i, angle_j = (float(t.get_loc()) for t in (ticks[i], ticks[j]))
            mover = i if abs(math.sin(angle_i)) < abs(math.sin(angle_j)) else j
            other = j if mover == i else i
            gap = min(boxes[mover].y1, boxes[other].y1) - max(boxes[mover].y0, boxes[other].y0)
            step = gap * 72.0 / figure.dpi + 1.0  # points
            ticks[mover].set_pad(ticks[mover].get_pad() + step)
            moved = True
        if not moved:
            return


class RadarChart:
    """One interview on a radar, drawn once and then updated in place.

    The Figure, axes and artists are created in ``__init__``; ``update`` only sets
    their data, and ``to_png`` renders. Reuse one instance per view.
    """

    def __init__(self, theme: str = "light", size: float = 4.8, dpi: int = 100) -> None:
        self.theme_name = theme
        self.theme = get_theme(theme)
        self.spokes = spoke_signals()
        self.figure = Figure(figsize=(size, size), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        font = min_font_pt(size)  # readable on a phone
        self.ax, self.angles = _axes(
            self.figure, self.spokes, self.theme, rect=(0.28, 0.27, 0.44, 0.5), fontsize=font
        )
        spread_labels(self.figure, self.ax)
        t = self.theme
        self._fill = PolyCollection(
            [], facecolors=t.foreground, alpha=t.fill_alpha, edgecolors="none", zorder=2
        )
        self.ax.add_collection(self._fill, autolim=False)
        (self._outline,) = self.ax.plot([], [], color=t.foreground, linewidth=2, zorder=3)
        colours = [_signals.get_category(s.category).color for s in self.spokes]
        self._points = self.ax.scatter(
            self.angles,
            [0.0] * len(self.spokes),
            s=46,
            c=colours,
            edgecolors=t.foreground,
            linewidths=0.8,
            zorder=4,
        )
        self._missing = self.ax.scatter(
            [], [], s=46, facecolors="none", edgecolors=t.missing, linewidths=1.4, zorder=4
        )
        # User text: never parsed as mathtext ("$..." would render or fail).
        self._title = self.figure.text(
            0.5,
            0.975,
            "",
            ha="center",
            va="top",
            fontsize=font * 1.1,
            color=t.foreground,
            parse_math=False,
        )
        self._legend = self.figure.text(
            0.5,
            0.015,
            "dashed ring = neutral (0)\nhollow grey dot = not noticed",
            ha="center",
            va="bottom",
            fontsize=font,
            color=t.neutral,
            linespacing=1.2,
        )
        self.values: dict[str, float | None] = {}
        self._background: Any = None
        self._palette: Any = None
        self.update({})

    def update(self, source: Interview | Mapping[str, float | None], title: str = "") -> RadarChart:
        """Set the chart's data from an Interview or a {signal id: value|None} mapping."""
        values = _values_of(source)
        self.values = {s.id: values.get(s.id) for s in self.spokes}
        radii = [_radius(self.values[s.id]) for s in self.spokes]
        # Closed outline with NaN gaps where a sign was not noticed.
        self._outline.set_data(self.angles + self.angles[:1], radii + radii[:1])
        self._fill.set_verts(fill_shapes(self.angles, radii))
        self._points.set_offsets(
            [(a, 0.0 if math.isnan(r) else r) for a, r in zip(self.angles, radii, strict=True)]
        )
        sizes = [0.0 if math.isnan(r) else 46.0 for r in radii]
        self._points.set_sizes(sizes)
        gaps = [(a, -RADIUS_MIN) for a, r in zip(self.angles, radii, strict=True) if math.isnan(r)]
        self._missing.set_offsets(gaps if gaps else [(math.nan, math.nan)])
        self._title.set_text(title[:60])
        return self

    def _dynamic(self) -> tuple[Any, ...]:
        return (self._fill, self._outline, self._points, self._missing, self._title)

    def _draw_background(self) -> None:
        """Draw everything but the data once and keep the pixels (blitting), then
        choose the chart's palette once from a few sample pictures."""
        shown = [artist.get_visible() for artist in self._dynamic()]
        for artist in self._dynamic():
            artist.set_visible(False)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        for artist, visible in zip(self._dynamic(), shown, strict=True):
            artist.set_visible(visible)
        self._palette = self._sample_palette()

    def _sample_palette(self) -> Any:
        """A palette holding every colour an update can draw: the background, and
        the data drawn two ways with a title: every spoke at the top (the most fill),
        then high, low and not noticed (hollow markers) in turn."""
        values, title = dict(self.values), self._title.get_text()
        ids = [s.id for s in self.spokes]
        samples: tuple[dict[str, float | None], ...] = (
            dict.fromkeys(ids, HIGH),
            {i: (HIGH, LOW, None)[n % 3] for n, i in enumerate(ids)},
        )
        size = self.canvas.get_width_height()
        stack = None
        for n, sample in enumerate(samples):
            self.update(sample, title="Sample title, Ag")
            self._blit()
            stack = stack_frame(stack, self.canvas.buffer_rgba(), size, n, len(samples))
        self.update(values, title=title)
        return palette_of(stack)

    def _blit(self) -> None:
        self.canvas.restore_region(self._background)
        for artist in self._dynamic():
            if artist is self._title:
                self.figure.draw_artist(artist)
            else:
                self.ax.draw_artist(artist)

    def to_png(self) -> bytes:
        """The current chart as PNG bytes.

        The axes, rings, labels and category arcs are drawn once; an update only
        redraws the data artists over a copy of them (about 100x cheaper than a full
        draw), then encodes the pixels (:func:`.theme.pixels_png`: a palette PNG, a
        third of the bytes to send and decode on every change) onto the palette
        chosen with the background, which halves the cost of an update again.
        """
        if self._background is None:
            self._draw_background()
        self._blit()
        return pixels_png(self.canvas.buffer_rgba(), self.canvas.get_width_height(), self._palette)


#: Characters per line of an overlay legend entry (longer names wrap, never clip).
LEGEND_WRAP = 34


def overlay_figure(
    items: Sequence[tuple[str, Interview | Mapping[str, float | None]]],
    theme: str = "light",
    figure: Figure | None = None,
    size: float = 4.8,
) -> Figure:
    """Several interviews (2-3 read best) on one radar, each with its own colour,
    dash and marker, and a legend naming them.

    ``items`` are ``(label, Interview)`` pairs (a {signal id: value} mapping works
    too). Pass ``figure`` to redraw into an existing Figure (it is cleared and
    resized). The legend sits below the radar, one interview per line, long names
    wrapped: the figure grows to hold it, so no name is ever cut off. Text sizes are
    readable on a phone (:func:`.theme.min_font_pt`).
    """
    if not items:
        raise ValueError("overlay_figure needs at least one (label, interview) pair")
    if len(items) > len(SERIES_STYLES):
        raise ValueError(f"overlay_figure draws at most {len(SERIES_STYLES)} interviews")
    t = get_theme(theme)
    font = min_font_pt(size)
    names = [textwrap.fill(str(label), LEGEND_WRAP) or " " for label, _ in items]
    line = font * 1.45 / 72  # inches per legend text line
    legend_in = sum(name.count("\n") + 1 for name in names) * line + 0.12 * len(names)
    note_in, margin, side = 2.6 * line, 0.8, size * 0.44  # the polar square's side
    height = note_in + 2 * margin + side + legend_in + 0.1
    if figure is None:
        figure = Figure(figsize=(size, height), dpi=100)
        FigureCanvasAgg(figure)
    else:
        figure.clear()
        figure.set_size_inches(size, height)
    spokes = spoke_signals()
    rect = (
        (size - side) / 2 / size,
        (legend_in + 0.1 + margin) / height,
        side / size,
        side / height,
    )
    ax, angles = _axes(figure, spokes, t, rect=rect, fontsize=font)
    if len(spokes) > len(_signals.CATALOG):  # signs of your own: keep labels apart
        spread_labels(figure, ax)
    handles = []
    for index, (name, (_, source)) in enumerate(zip(names, items, strict=True)):
        _, dash, marker = SERIES_STYLES[index]
        colour = series_colour(index, theme)
        values = _values_of(source)
        radii = [_radius(values.get(s.id)) for s in spokes]
        ax.plot(
            angles + angles[:1],
            radii + radii[:1],
            color=colour,
            linestyle=dash,
            linewidth=2,
            zorder=3 + index,
        )
        seen = [(a, r) for a, r in zip(angles, radii, strict=True) if not math.isnan(r)]
        ax.add_collection(
            PolyCollection(
                fill_shapes(angles, radii),
                facecolors=colour,
                alpha=0.10,
                edgecolors="none",
                zorder=2,
            ),
            autolim=False,
        )
        if seen:
            ax.scatter(
                [a for a, _ in seen],
                [r for _, r in seen],
                marker=marker,
                s=36,
                color=colour,
                zorder=5 + index,
            )
        gaps = [a for a, r in zip(angles, radii, strict=True) if math.isnan(r)]
        if gaps:
            ax.scatter(
                gaps,
                [-RADIUS_MIN] * len(gaps),
                marker=marker,
                s=36,
                facecolors="none",
                edgecolors=colour,
                zorder=5 + index,
            )
        handles.append(
            Line2D(
                [],
                [],
                color=colour,
                linestyle=dash,  # type: ignore[arg-type]
                marker=marker,
                linewidth=2,
                label=name,
            )
        )
    legend = figure.legend(
        handles=handles,
        loc="lower center",
        ncol=1,
        bbox_to_anchor=(0.5, 0.05 / height),
        frameon=False,
        fontsize=font,
        labelcolor=t.foreground,
        handlelength=2.6,
    )
    legend.set_in_layout(False)
    for text in legend.get_texts():
        text.set_parse_math(False)  # labels are user text
    figure.text(
        0.5,
        1 - 0.08 / height,
        "dashed grey ring = neutral (0)\nhollow marker = not noticed",
        ha="center",
        va="top",
        fontsize=font,
        color=t.neutral,
        linespacing=1.2,
    )
    return figure


def overlay_png(
    items: Sequence[tuple[str, Interview | Mapping[str, float | None]]], theme: str = "light"
) -> bytes:
    """:func:`overlay_figure` rendered to PNG bytes."""
    return figure_png(overlay_figure(items, theme=theme))


def before_after_figure(
    interview: Interview,
    weights: Mapping[str, float] | None,
    theme: str = "light",
    labels: tuple[str, str] = ("Catalog weights", "Your weights"),
) -> Figure:
    """One interview on two radars side by side: the catalog's weights, then ``weights``.

    Weights don't change the shape (it is what you noticed); each radar's title
    gives the reading under its weights and each spoke label its weight, so the
    difference is where it really is.
    """
    t = get_theme(theme)
    figure = Figure(figsize=(11.0, 5.8), dpi=100)
    FigureCanvasAgg(figure)
    spokes = spoke_signals()
    values = _values_of(interview)
    radii = [_radius(values.get(s.id)) for s in spokes]
    for index, (name, chosen) in enumerate(zip(labels, (None, weights), strict=True)):
        full = validate_weights(chosen)
        reading = score(interview, full)
        ax, angles = _axes(figure, spokes, t, rect=(0.115 + 0.5 * index, 0.2, 0.27, 0.51))
        ax.set_xticklabels([f"{textwrap.fill(s.label, 11)}\n×{full[s.id]:g}" for s in spokes])
        colour = series_colour(index, theme)
        ax.plot(angles + angles[:1], radii + radii[:1], color=colour, linewidth=2, zorder=3)
        ax.add_collection(
            PolyCollection(
                fill_shapes(angles, radii),
                facecolors=colour,
                alpha=0.15,
                edgecolors="none",
                zorder=2,
            ),
            autolim=False,
        )
        seen = [(a, r) for a, r in zip(angles, radii, strict=True) if not math.isnan(r)]
        if seen:
            ax.scatter([a for a, _ in seen], [r for _, r in seen], s=30, color=colour, zorder=4)
        figure.text(
            0.25 + 0.5 * index,
            0.97,
            f"{name}: overall {reading.overall:.0f} / 100, {reading.verdict}, {reading.coverage}",
            ha="center",
            va="top",
            fontsize=10,
            color=t.foreground,
            parse_math=False,
        )
    figure.text(
        0.5,
        0.02,
        "dashed ring = neutral (0); × = the sign's weight",
        ha="center",
        va="bottom",
        fontsize=8,
        color=t.neutral,
    )
    return figure


def before_after_png(
    interview: Interview, weights: Mapping[str, float] | None, theme: str = "light"
) -> bytes:
    """:func:`before_after_figure` rendered to PNG bytes."""
    return figure_png(before_after_figure(interview, weights, theme=theme))
