"""Radar charts: valid PNGs on fixed limits, gaps for unnoticed signs, no pyplot."""

import io
import math
import sys

import pytest
from matplotlib.figure import Figure

from interview_kit import Interview
from interview_kit.charts.radar import (
    RADIUS_LIMITS,
    RADIUS_MIN,
    RadarChart,
    overlay_figure,
    overlay_png,
    spoke_signals,
)
from interview_kit.charts.theme import SERIES_STYLES, THEMES, figure_png, series_colour
from interview_kit.core.signals import CATALOG, CATEGORIES, get_category

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _interview(**signals):
    return Interview.create(
        scheduled_minutes=45, actual_minutes=55, behavioral_share=0.6, signals=signals
    )


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_png_is_valid_and_changes_with_the_data():
    chart = RadarChart()
    empty = chart.to_png()
    assert _png_size(empty) == (480, 480)
    filled = chart.update(_interview(engagement=2, ease=-1)).to_png()
    assert _png_size(filled) == (480, 480)
    assert filled != empty
    # Decodes with matplotlib's own reader too.
    from matplotlib import image

    pixels = image.imread(io.BytesIO(filled), format="png")
    assert pixels.shape[:2] == (480, 480)


def test_one_spoke_per_catalog_signal_grouped_by_category():
    chart = RadarChart()
    assert [s.id for s in chart.spokes] == [s.id for s in spoke_signals()]
    assert {s.id for s in chart.spokes} == {s.id for s in CATALOG}
    order = [c.id for c in CATEGORIES]
    positions = [order.index(s.category) for s in chart.spokes]
    assert positions == sorted(positions)
    labels = chart.ax.get_xticklabels()
    assert len(labels) == len(CATALOG)
    for label, spoke in zip(labels, chart.spokes, strict=True):
        assert label.get_color() == get_category(spoke.category).color


def test_fixed_radial_limits_do_not_follow_the_data():
    chart = RadarChart()
    for values in ({"engagement": 2}, {"engagement": -2, "ease": -2}, {}):
        chart.update(_interview(**values))
        chart.to_png()
        assert chart.ax.get_ylim() == pytest.approx(RADIUS_LIMITS)


def test_unnoticed_is_a_gap_not_zero():
    chart = RadarChart()
    chart.update(_interview(engagement=0))
    _x, y = chart._outline.get_data()
    index = [s.id for s in chart.spokes].index("engagement")
    assert y[index] == pytest.approx(0 - RADIUS_MIN)
    chart.update(_interview())  # engagement not noticed
    _x, y = chart._outline.get_data()
    assert math.isnan(y[index])
    gaps = chart._missing.get_offsets()
    assert len(gaps) == len([s for s in CATALOG if not s.derived])
    assert chart.to_png() != RadarChart().update(_interview(engagement=0)).to_png()


def test_figure_and_artists_are_reused():
    chart = RadarChart()
    figure, ax, outline = chart.figure, chart.ax, chart._outline
    count = len(ax.lines)
    for value in (-2, -1, 0, 1, 2):
        chart.update(_interview(engagement=value)).to_png()
    assert chart.figure is figure and chart.ax is ax and chart._outline is outline
    assert len(ax.lines) == count
    assert figure.axes == [ax]


def test_no_pyplot_figures():
    before = "matplotlib.pyplot" in sys.modules
    RadarChart().update(_interview(engagement=1)).to_png()
    overlay_png([("a", _interview(engagement=1)), ("b", _interview(ease=2))])
    if before:
        import matplotlib.pyplot as plt

        assert plt.get_fignums() == []
    else:
        assert "matplotlib.pyplot" not in sys.modules


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_themes_use_their_background(theme):
    chart = RadarChart(theme=theme).update(_interview(engagement=1))
    from matplotlib import image
    from matplotlib.colors import to_rgb

    pixels = image.imread(io.BytesIO(chart.to_png()), format="png")
    assert tuple(pixels[2, 2, :3]) == pytest.approx(to_rgb(THEMES[theme].background), abs=0.01)


def test_unknown_theme_is_refused():
    with pytest.raises(ValueError, match="theme"):
        RadarChart(theme="sepia")


def test_overlay_has_a_legend_with_one_entry_per_interview():
    items = [
        ("Acme", _interview(engagement=2)),
        ("Beta", _interview(ease=-2)),
        ("Gamma", {"comfort": 1.0}),
    ]
    figure = overlay_figure(items)
    assert isinstance(figure, Figure)
    legend = figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["Acme", "Beta", "Gamma"]
    colours = {h.get_color() for h in legend.legend_handles}
    assert len(colours) == 3 == len({s[0] for s in SERIES_STYLES})
    # Apart from the category colours too (a series never reads as a category).
    from interview_kit.core.signals import CATEGORIES

    for theme in ("light", "dark"):
        series = {series_colour(n, theme).lower() for n in range(len(SERIES_STYLES))}
        assert len(series) == len(SERIES_STYLES)
        assert not series & {c.color.lower() for c in CATEGORIES}
    assert figure.axes[0].get_ylim() == pytest.approx(RADIUS_LIMITS)
    assert _png_size(figure_png(figure))[0] > 0


def test_overlay_redraws_into_a_given_figure_and_limits_series():
    figure = Figure()
    again = overlay_figure([("a", _interview(engagement=1))], figure=figure, theme="dark")
    assert again is figure and len(figure.axes) == 1
    overlay_figure([("a", _interview()), ("b", _interview())], figure=figure)
    assert len(figure.axes) == 1
    with pytest.raises(ValueError):
        overlay_figure([])
    with pytest.raises(ValueError):
        overlay_figure([(str(i), _interview()) for i in range(4)])


def test_user_text_is_not_mathtext():
    tricky = r"Acme $\frac{1}{ & Co"
    chart = RadarChart().update(_interview(engagement=1), title=tricky)
    assert chart.to_png()[:8] == PNG_MAGIC
    assert chart._title.get_text() == tricky
    figure = overlay_figure([(tricky, _interview()), ("$x^$", _interview(ease=1))])
    assert figure_png(figure)[:8] == PNG_MAGIC


def test_background_is_drawn_once_and_updates_match_a_fresh_chart(monkeypatch):
    chart = RadarChart()
    chart.to_png()
    draws = []
    monkeypatch.setattr(chart.canvas, "draw", lambda: draws.append(1))
    for value in (-2, 0, 2):
        updated = chart.update(_interview(engagement=value, ease=1)).to_png()
    assert draws == []
    assert updated == RadarChart().update(_interview(engagement=2, ease=1)).to_png()


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_palette_chosen_once_keeps_every_colour_drawn(theme):
    """The palette is chosen with the background: pictures drawn later, whatever
    their values and title, decode to the pixels matplotlib drew (as faithfully as a
    palette chosen for each picture)."""
    import random

    import numpy as np
    from PIL import Image

    from interview_kit.charts.theme import pixels_png

    chart = RadarChart(theme=theme)
    palette = chart.to_png() and chart._palette
    draw = random.Random(7)
    for n in range(12):
        values = {s.id: draw.choice((None, -2, -1, 0, 1, 2)) for s in CATALOG}
        png = chart.update(values, title=f"Ünïcode & Co {n}").to_png()
        assert chart._palette is palette  # chosen once, not per picture
        size = chart.canvas.get_width_height()
        drawn = np.asarray(
            Image.frombuffer("RGBA", size, chart.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert(
                "RGB"
            ),
            dtype=int,
        )
        errors = {}
        for name, data in (
            ("fixed", png),
            ("per picture", pixels_png(chart.canvas.buffer_rgba(), size)),
        ):
            decoded = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=int)
            errors[name] = np.abs(decoded - drawn).max(axis=2)
        fixed, own = errors["fixed"], errors["per picture"]
        assert fixed.mean() <= own.mean() * 1.25 + 0.05, n
        assert (fixed > 24).mean() <= max((own > 24).mean() * 2, 0.0005), n


def test_fill_never_bridges_a_gap():
    from interview_kit.charts.radar import fill_shapes

    angles = [0.0, 1.0, 2.0, 3.0, 4.0]
    nan = math.nan
    assert fill_shapes(angles, [1, 2, 3, 2, 1]) == [list(zip(angles, [1, 2, 3, 2, 1], strict=True))]
    assert fill_shapes(angles, [nan] * 5) == []
    shapes = fill_shapes(angles, [1, 2, nan, 3, nan])
    assert shapes == [[(0.0, 0.0), (0.0, 1), (1.0, 2), (1.0, 0.0)]]  # lone point: no area
    wrapped = fill_shapes(angles, [1, nan, 2, 3, 4])
    assert [p[0] for p in wrapped[0][1:-1]] == [2.0, 3.0, 4.0, 0.0]
