"""History's picks and comparison: one reusable tick box per row of the page shown,
and the radar comparing the two or three ticked interviews, with its legend as an
HTML table (names are never clipped) and its text alternative.

CSS hooks: ``ik-history-pick`` (each Checkbox, its label naming the interview),
``ik-overlay`` (img), ``ik-overlay-legend``, ``ik-overlay-summary``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from ..charts.radar import overlay_png
from ..charts.theme import SERIES_STYLES, series_words
from ..core.interview import Interview
from ..journal.history import HistoryRow, Listed
from .history_table import legend_html, row_name
from .kit import ChartImage, show_chart

MAX_OVERLAY = len(SERIES_STYLES)
#: What the comparison says when fewer than two are ticked.
NO_PICK = "Tick two or three interviews to compare them on one radar."


class Pick:
    """One reusable tick box, for one row of the page shown."""

    def __init__(self, on_pick: Callable[[Pick, bool], None]) -> None:
        self.row: HistoryRow | Listed | None = None
        self.box = w.Checkbox(
            value=False,
            description="Select",
            indent=False,
            layout=w.Layout(display="none", width="auto"),
        )
        self.box.add_class("ik-history-pick")
        self.box.observe(lambda change: on_pick(self, change["new"]), names="value")

    def show(self, row: HistoryRow | Listed | None, picked: bool) -> None:
        """Name ``row`` (None: hide the box)."""
        self.row = row
        if row is None:
            self.box.layout.display = "none"
            self.box.value = False
            self.box.description = "Select"
            return
        self.box.value = picked
        self.box.description = f"#{row.id} {row_name(row)}"
        self.box.tooltip = f"Tick to compare, open or delete #{row.id}"
        self.box.layout.display = "flex"


class Comparison:
    """The radar of the ticked interviews (``overlay``), its legend and its words."""

    def __init__(self) -> None:
        self.overlay = ChartImage(
            format="png",
            value=b"",
            layout=w.Layout(width="100%", max_width="480px", display="none"),
        )
        self.overlay.add_class("ik-overlay")
        self.legend = w.HTML("")
        self.legend.add_class("ik-overlay-legend")
        self.text = w.Label(NO_PICK)
        self.text.add_class("ik-overlay-summary")
        self.widgets: tuple[Any, ...] = (self.overlay, self.legend, self.text)

    def show(
        self, chosen: Sequence[HistoryRow], interviews: Sequence[Interview], theme: str
    ) -> None:
        """Draw ``chosen`` (two or three rows, their interviews in the same order)."""
        items = [(f"#{r.id} {row_name(r)}", i) for r, i in zip(chosen, interviews, strict=True)]
        words = "Radar comparing " + "; ".join(
            f"{label}: overall {r.score:.0f}, {r.verdict}, drawn as {series_words(n)}"
            for n, ((label, _), r) in enumerate(zip(items, chosen, strict=True))
        )
        show_chart(self.overlay, overlay_png(items, theme=theme), words)
        self.overlay.layout.display = "block"
        self.legend.value = legend_html(chosen, theme)
        self.text.value = words

    def hide(self, text: str) -> None:
        self.overlay.layout.display = "none"
        self.legend.value = ""
        self.text.value = text

    def words_for(self, ticked: int) -> str | None:
        """Why ``ticked`` interviews cannot be compared, or None when they can."""
        if 2 <= ticked <= MAX_OVERLAY:
            return None
        if ticked <= MAX_OVERLAY:
            return NO_PICK
        return f"{ticked} ticked: the radar compares at most {MAX_OVERLAY}."
