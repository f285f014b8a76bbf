"""The radar stays readable with the most spokes a catalog may hold (14): no two spoke
labels overlap, and every label stays inside the picture, at the size the phone sees."""

from __future__ import annotations

import itertools

import pytest

from interview_kit.charts.radar import RadarChart, spoke_signals
from interview_kit.core import signals
from interview_kit.core.my_signs import make_sign
from interview_kit.core.signals import MAX_SIGNS, Catalog

OWN = (
    ("salary", "Salary range named", "flow", "avoided the topic", "named a generous range"),
    ("team_lunch", "Invited to lunch with the team", "duration", "no", "yes, on the spot"),
    ("tour", "Office tour", "body_language", "none", "a long tour of every floor"),
)


def full_catalog() -> Catalog:
    catalog = signals.BUILTIN
    for row in OWN:
        catalog = catalog.with_signs((*catalog.mine, make_sign(*row, catalog=catalog)))
    return catalog


def label_boxes(chart: RadarChart) -> list:
    canvas = chart.figure.canvas
    canvas.draw()
    renderer = canvas.get_renderer()  # type: ignore[attr-defined]
    return [t.get_window_extent(renderer) for t in chart.ax.get_xticklabels() if t.get_text()]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_fourteen_spokes_labels_never_overlap_and_stay_in_the_picture(theme):
    with signals.using(full_catalog()):
        assert len(spoke_signals()) == MAX_SIGNS
        chart = RadarChart(theme=theme)
        boxes = label_boxes(chart)
    assert len(boxes) == MAX_SIGNS
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    width, height = chart.figure.bbox.width, chart.figure.bbox.height
    for box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, box


def test_the_built_in_eleven_spokes_do_not_overlap_either():
    chart = RadarChart()
    boxes = label_boxes(chart)
    assert len(boxes) == len(signals.CATALOG)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)


def test_a_sign_of_ones_own_is_a_spoke():
    with signals.using(full_catalog()):
        chart = RadarChart().update({"salary": 2.0})
        texts = [" ".join(t.get_text().split()) for t in chart.ax.get_xticklabels()]
        assert "Salary range named" in texts
        assert chart.values["salary"] == 2.0


def test_overlay_with_fourteen_spokes_keeps_labels_apart():
    from interview_kit.charts.radar import overlay_figure
    from interview_kit.core.interview import Interview

    with signals.using(full_catalog()):
        a = Interview.create(scheduled_minutes=30, signals={"salary": 2, "ease": 1})
        b = Interview.create(scheduled_minutes=30, signals={"salary": -1, "tour": 2})
        figure = overlay_figure([("#1 A", a), ("#2 B", b)])
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        boxes = [t.get_window_extent(renderer) for t in figure.axes[0].get_xticklabels()]
    assert len(boxes) == MAX_SIGNS
    for x, y in itertools.combinations(boxes, 2):
        assert not x.overlaps(y), (x, y)
