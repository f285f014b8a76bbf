"""The dashboard's History tab: every saved interview, sortable, with charts.

:class:`HistoryPanel` reads the session's one journal (opened lazily; a refused
file shows one message) and shows:

- a table, one row per interview (date, company, role, stage, score, verdict,
  outcome), sorted by a Dropdown key and direction, paged (``PAGE_SIZE`` rows,
  the row widgets are reused, so 10,000 interviews stay fast);
- a trend chart of the overall score over time, outcomes marked;
- a radar overlay of two or three interviews ticked in the table;
- Open (loads one into the form and links it, so a save updates it) and Delete
  (asks "Really delete?" first).

User text only ever reaches the page through ``Label`` values (plain text).
The panel loads when its tab is first shown (the journal opens then) and re-reads
the journal on every visit and after every save, outcome or delete.

CSS hooks: ``ik-history`` (panel), ``ik-history-table``, ``ik-history-row`` (each
row; its checkbox ``ik-history-pick``), ``ik-history-sort`` (key Dropdown),
``ik-history-direction``, ``ik-history-prev``/``ik-history-next``,
``ik-history-page``, ``ik-history-open``, ``ik-history-delete``,
``ik-history-confirm`` / ``ik-history-cancel``, ``ik-history-status``,
``ik-trend`` (img), ``ik-trend-summary``, ``ik-overlay`` (img), ``ik-journal-error``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from ..charts.radar import overlay_png
from ..charts.trend import trend_png, trend_summary
from ..core.errors import InputError
from ..core.outcomes import outcome_words
from ..journal.history import SORT_KEYS, HistoryRow, history_rows, sort_rows, trend_points
from ..journal.store import Journal
from .kit import ChartImage, alert_html, show_chart, stage_label
from .session import READING_TAB, Session

PAGE_SIZE = 25
MAX_OVERLAY = 3
#: (heading, width) of the table's columns after the tick box.
COLUMNS = (("Date", "6.5em"), ("Company", "10em"), ("Role", "10em"), ("Stage", "7em"),
           ("Score", "3.5em"), ("Verdict", "6em"), ("Outcome", "8em"))
#: Sort menu: one choice per sortable column, in the data's own order.
_SORT_OPTIONS = [("Saved order" if key == "id" else key.capitalize(), key) for key in SORT_KEYS]


def row_cells(row: HistoryRow) -> tuple[str, ...]:
    """The table's text for one row (plain text: it goes into Labels)."""
    return (row.date or "no date", row.company or "(no company)", row.role or "",
            stage_label(row.stage) if row.stage else "", f"{row.score:.0f}", row.verdict,
            outcome_words(row.outcome))


def row_name(row: HistoryRow) -> str:
    """How a row is named in messages and legends."""
    return " · ".join(x for x in (row.company or "(no company)", row.date or "no date") if x)


class _Row:
    """One reusable table row: a tick box and a Label per column."""

    def __init__(self, on_pick: Any) -> None:
        self.row: HistoryRow | None = None
        self.pick = w.Checkbox(value=False, description="Select", indent=False,
                               layout=w.Layout(width="5.5em"))
        self.pick.add_class("ik-history-pick")
        self.pick.observe(lambda change: on_pick(self, change["new"]), names="value")
        self.cells = [w.Label("", layout=w.Layout(width=width)) for _, width in COLUMNS]
        self.box = w.HBox([self.pick, *self.cells], layout=w.Layout(display="none"))
        self.box.add_class("ik-history-row")


class HistoryPanel:
    """The History tab; the App shows ``container`` as the tab titled :attr:`title`
    and calls :meth:`shown` on each visit (which re-reads: the CLI or another
    dashboard may have saved meanwhile)."""

    title = "History"

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: list[HistoryRow] = []
        self.selected: list[int] = []  # ids, in the order they were ticked
        self.page = 0
        self.loaded = False
        self._quiet = False
        self._pending_delete: HistoryRow | None = None
        self._build()
        session.on("journal", self._on_journal_change)
        session.on("journal_error", self._show_journal_error)

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.error_box = w.HTML("")
        self.error_box.add_class("ik-journal-error")
        self.sort = w.Dropdown(options=_SORT_OPTIONS, value="date", description="Sort by",
                               tooltip="Column to sort the table by",
                               style={"description_width": "5em"}, layout=w.Layout(width="14em"))
        self.sort.add_class("ik-history-sort")
        self.direction = w.Dropdown(options=[("Newest / highest first", True),
                                             ("Oldest / lowest first", False)],
                                    value=True, description="Order", tooltip="Sort direction",
                                    style={"description_width": "4em"},
                                    layout=w.Layout(width="18em"))
        self.direction.add_class("ik-history-direction")
        for control in (self.sort, self.direction):
            control.observe(self._on_sort, names="value")
        self.prev_button = w.Button(description="Previous page", icon="chevron-left",
                                    tooltip="Previous page of interviews")
        self.prev_button.add_class("ik-history-prev")
        self.prev_button.on_click(lambda _b: self.show_page(self.page - 1))
        self.next_button = w.Button(description="Next page", icon="chevron-right",
                                    tooltip="Next page of interviews")
        self.next_button.add_class("ik-history-next")
        self.next_button.on_click(lambda _b: self.show_page(self.page + 1))
        self.page_label = w.Label("")
        self.page_label.add_class("ik-history-page")
        header = w.HBox([w.Label("Pick", layout=w.Layout(width="5.5em")),
                         *(w.Label(title, layout=w.Layout(width=width))
                           for title, width in COLUMNS)])
        header.add_class("ik-history-header")
        self._rows = [_Row(self._on_pick) for _ in range(PAGE_SIZE)]
        self.table = w.VBox([header, *(r.box for r in self._rows)])
        self.table.add_class("ik-history-table")
        self.open_button = w.Button(description="Open", icon="folder-open",
                                    tooltip="Open the ticked interview in the form to edit it")
        self.open_button.add_class("ik-history-open")
        self.open_button.on_click(self.open_selected)
        self.delete_button = w.Button(description="Delete", icon="trash",
                                      tooltip="Delete the ticked interview (asks first)")
        self.delete_button.add_class("ik-history-delete")
        self.delete_button.on_click(self.ask_delete)
        self.confirm_button = w.Button(description="Really delete?", button_style="danger",
                                       tooltip="Yes, delete it from the journal",
                                       layout=w.Layout(display="none"))
        self.confirm_button.add_class("ik-history-confirm")
        self.confirm_button.on_click(self.confirm_delete)
        self.cancel_button = w.Button(description="Cancel", tooltip="Keep the interview",
                                      layout=w.Layout(display="none"))
        self.cancel_button.add_class("ik-history-cancel")
        self.cancel_button.on_click(self.cancel_delete)
        self.status = w.Label("")
        self.status.add_class("ik-history-status")
        self.trend = ChartImage(format="png", value=b"", layout=w.Layout(
            width="100%", max_width="640px", display="none"))
        self.trend.add_class("ik-trend")
        self.trend_text = w.Label("")
        self.trend_text.add_class("ik-trend-summary")
        self.overlay = ChartImage(format="png", value=b"", layout=w.Layout(
            width="100%", max_width="520px", display="none"))
        self.overlay.add_class("ik-overlay")
        self.overlay_text = w.Label("Tick two or three interviews to compare them on one radar.")
        self.overlay_text.add_class("ik-overlay-summary")
        self.container = w.VBox([
            w.HTML("<h2 class='ik-heading'>Your interviews</h2>"),
            self.error_box,
            w.HBox([self.sort, self.direction], layout=w.Layout(flex_flow="row wrap")),
            self.table,
            w.HBox([self.prev_button, self.page_label, self.next_button],
                   layout=w.Layout(flex_flow="row wrap", align_items="center")),
            w.HBox([self.open_button, self.delete_button, self.confirm_button,
                    self.cancel_button], layout=w.Layout(flex_flow="row wrap")),
            self.status,
            w.HTML("<h2 class='ik-heading'>Score over time</h2>"),
            self.trend, self.trend_text,
            w.HTML("<h2 class='ik-heading'>Compare on one radar</h2>"),
            self.overlay, self.overlay_text,
        ], layout=w.Layout(width="100%"))
        self.container.add_class("ik-history")

    # -- data ----------------------------------------------------------------------
    def journal(self) -> Journal | None:
        """The session's journal, or None when it was refused (the page says why)."""
        journal = self.session.usable_journal()
        if journal is None:  # refused before this panel listened, too
            self._show_journal_error()
        return journal

    def _show_journal_error(self) -> None:
        self.error_box.value = alert_html(self.session.journal_error)

    def shown(self) -> None:
        """The tab was selected: re-read the journal and redraw."""
        self.refresh()

    def refresh(self) -> None:
        """Re-read the journal, re-score, redraw the table, the trend and the overlay."""
        self.loaded = True
        journal = self.journal()
        if journal is None:
            self.rows = []
        else:
            try:
                self.rows = history_rows(journal.entries(), sort=self.sort.value,
                                         descending=self.direction.value)
            except InputError as error:  # a record damaged on disk: say so, change nothing
                self.rows = []
                self.status.value = f"The journal cannot be read: {error}"
        ids = {r.id for r in self.rows}
        self.selected = [i for i in self.selected if i in ids]
        self._draw_trend()
        self.show_page(self.page)
        self._draw_overlay()

    def _on_journal_change(self) -> None:
        """A save, outcome or delete: redraw now only if the tab is on screen (the
        next visit re-reads anyway; re-scoring a long journal and redrawing the trend
        behind the user's back would slow every save)."""
        if self.session.state.tab == self.title:
            self.refresh()

    def _on_sort(self, _change: Any) -> None:
        self.rows = sort_rows(self.rows, self.sort.value, self.direction.value)
        self.show_page(0)

    # -- table ---------------------------------------------------------------------
    @property
    def pages(self) -> int:
        return max(1, -(-len(self.rows) // PAGE_SIZE))

    def visible_rows(self) -> list[HistoryRow]:
        start = self.page * PAGE_SIZE
        return self.rows[start:start + PAGE_SIZE]

    def show_page(self, page: int) -> None:
        self.page = min(max(0, page), self.pages - 1)
        shown = self.visible_rows()
        picked = set(self.selected)
        self._quiet = True
        try:
            for slot, row in zip(self._rows, [*shown, *[None] * PAGE_SIZE], strict=False):
                slot.row = row
                if row is None:
                    slot.box.layout.display = "none"
                    slot.pick.value = False
                    continue
                for label, text in zip(slot.cells, row_cells(row), strict=True):
                    label.value = text
                slot.pick.value = row.id in picked
                slot.pick.description = "Select"
                slot.pick.tooltip = f"Select {row_name(row)}"
                slot.box.layout.display = "flex"
        finally:
            self._quiet = False
        total = len(self.rows)
        if total == 0:
            self.page_label.value = "No interviews saved yet."
        else:
            first = self.page * PAGE_SIZE + 1
            self.page_label.value = (f"{first}–{first + len(shown) - 1} of {total} "
                                     f"(page {self.page + 1} of {self.pages})")
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page >= self.pages - 1

    def _on_pick(self, slot: _Row, picked: bool) -> None:
        if self._quiet or slot.row is None:
            return
        if picked and slot.row.id not in self.selected:
            self.selected.append(slot.row.id)
        elif not picked and slot.row.id in self.selected:
            self.selected.remove(slot.row.id)
        self.cancel_delete()
        self._draw_overlay()

    def pick(self, *ids: int) -> None:
        """Tick exactly these interviews (tests, notebooks)."""
        self.selected = list(ids)
        self.show_page(self.page)
        self._draw_overlay()

    def _selected_rows(self) -> list[HistoryRow]:
        by_id = {r.id: r for r in self.rows}
        return [by_id[i] for i in self.selected if i in by_id]

    def _one(self, verb: str) -> HistoryRow | None:
        chosen = self._selected_rows()
        if len(chosen) != 1:
            self.status.value = f"Tick exactly one interview to {verb} it."
            return None
        return chosen[0]

    # -- charts --------------------------------------------------------------------
    def _draw_trend(self) -> None:
        points = trend_points(self.rows)
        words = trend_summary(points, undated=len(self.rows) - len(points))
        show_chart(self.trend, trend_png(points, theme=self.session.state.theme), words)
        self.trend.layout.display = "block"
        self.trend_text.value = words

    def _draw_overlay(self) -> None:
        chosen = self._selected_rows()
        journal = self.journal()
        if not 2 <= len(chosen) <= MAX_OVERLAY or journal is None:
            self.overlay.layout.display = "none"
            self.overlay_text.value = (
                "Tick two or three interviews to compare them on one radar."
                if len(chosen) <= MAX_OVERLAY else
                f"{len(chosen)} ticked: the radar compares at most {MAX_OVERLAY}.")
            return
        try:
            items = [(f"#{r.id} {row_name(r)}", journal.get(r.id).interview) for r in chosen]
        except InputError as error:
            self.overlay_text.value = f"Cannot compare: {error}"
            return
        words = "Radar comparing " + "; ".join(
            f"{label}: overall {r.score:.0f}, {r.verdict}"
            for (label, _), r in zip(items, chosen, strict=True))
        show_chart(self.overlay, overlay_png(items, theme=self.session.state.theme), words)
        self.overlay.layout.display = "block"
        self.overlay_text.value = words

    # -- actions -------------------------------------------------------------------
    def open_selected(self, _button: Any = None) -> None:
        """Load the ticked interview into the form, link it, show the reading tab."""
        row = self._one("open")
        journal = self.journal()
        if row is None or journal is None:
            return
        try:
            entry = journal.get(row.id)
        except InputError as error:
            self.status.value = f"Cannot open it: {error}"
            return
        self.session.load(entry.interview)
        self.session.link(entry)
        self.status.value = f"Opened #{entry.id} ({row_name(row)}) in the form."
        self.session.show(READING_TAB)

    def ask_delete(self, _button: Any = None) -> None:
        row = self._one("delete")
        if row is None:
            return
        self._pending_delete = row
        self.status.value = f"Delete #{row.id} ({row_name(row)})? This cannot be undone."
        self.confirm_button.layout.display = ""
        self.cancel_button.layout.display = ""

    def cancel_delete(self, _button: Any = None) -> None:
        if self._pending_delete is not None and _button is not None:
            self.status.value = "Nothing deleted."
        self._pending_delete = None
        self.confirm_button.layout.display = "none"
        self.cancel_button.layout.display = "none"

    def confirm_delete(self, _button: Any = None) -> None:
        row = self._pending_delete
        journal = self.journal()
        self.cancel_delete()
        if row is None or journal is None:
            return
        try:
            journal.delete(row.id)
        except InputError as error:
            self.status.value = f"Not deleted: {error}"
            return
        linked = self.session.state.linked
        if linked is not None and linked.id == row.id:
            self.session.link(None)
        self.selected = [i for i in self.selected if i != row.id]
        self.status.value = f"Deleted #{row.id} ({row_name(row)})."
        self.session.notify("journal")  # redraws this panel if its tab is on screen
        if self.session.state.tab != self.title:
            self.refresh()  # called from code (tests, a notebook): show the result


def shown_rows(panel: HistoryPanel) -> Sequence[tuple[str, ...]]:
    """The text of the rows on the current page (what a person reads)."""
    return [tuple(label.value for label in slot.cells) for slot in panel._rows
            if slot.row is not None]
