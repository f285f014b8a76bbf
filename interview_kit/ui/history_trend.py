"""History's score-over-time chart: one line per application, outcomes marked, and
its text alternative beside it (the same words as the image's title).

Drawing it reads every scored row and renders a PNG (about 0.2 s with 10,000
interviews), so the panel draws it just after its first render (:meth:`TrendChart.wait`
says so meanwhile, in words): the table is on screen first, the chart follows
without any action from the user.

CSS hooks: ``ik-trend`` (img), ``ik-trend-summary`` (its text alternative).
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from ..charts.trend import trend_png, trend_summary
from ..journal.history import HistoryRow, trend_points
from .kit import ChartImage, show_chart

#: What the text alternative says while the chart is being drawn.
DRAWING = "Drawing the chart of your scores over time…"


class TrendChart:
    """The chart's image and its words (``image``, ``text``)."""

    def __init__(self) -> None:
        self.image = ChartImage(
            format="png",
            value=b"",
            layout=w.Layout(width="100%", max_width="560px", display="none"),
        )
        self.image.add_class("ik-trend")
        self.text = w.Label("")
        self.text.add_class("ik-trend-summary")
        self.theme: str | None = None  # the theme it was last drawn in

    def wait(self) -> None:
        """Say the chart is on its way (the last one stays until the new one comes)."""
        if not self.image.value:
            self.text.value = DRAWING

    def draw(self, rows: Sequence[HistoryRow], theme: str) -> None:
        """Draw every dated row (undated ones are counted in the words)."""
        self.theme = theme
        points = trend_points(rows)
        words = trend_summary(points, undated=len(rows) - len(points))
        show_chart(self.image, trend_png(points, theme=theme), words)
        self.image.layout.display = "block"
        self.text.value = words
