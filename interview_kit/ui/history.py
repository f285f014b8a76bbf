"""The dashboard's History tab: what is due, every saved interview, searchable, with charts.

:class:`HistoryPanel` reads the session's one journal (opened lazily; a refused
file shows one message) and shows:

- what is due (:mod:`interview_kit.ui.due`): thank-you notes and follow-ups, overdue
  first, each thank-you with a "Mark thank-you sent" button;
- a search box (company, role, notes, the debrief's questions and answers, people
  met), an outcome filter, an application status filter, a sort key and direction;
- a choice of view: the interviews, or the applications
  (:mod:`interview_kit.ui.applications`: each company and role's rounds in order,
  with a status, and "New round of this application"; built when first chosen);
- the interviews as a real HTML ``<table>`` (caption, column headers, a row header),
  escaped cell by cell, ``PAGE_SIZE`` rows a page. It is markup, not a table widget:
  a screen reader gets the table semantics of the browser itself, nothing runs in
  the page, no extra dependency is served, and 10,000 rows cost only one page of
  text. On a phone the rows become stacked cards (explicit ARIA roles keep them a
  table), so no column is ever off-screen;
- beside the table (above it on a phone): one tick box per row shown, Open, Delete
  (asks "Really delete?" first) and the comparison radar of the two or three ticked
  interviews, with a legend as an HTML table under it (names are never clipped);
- export of the interviews shown (the filter applies) as JSON or CSV, through
  :mod:`interview_kit.journal.exchange` (the CLI's formats): a button prepares a
  download link (a 10,000-interview payload is never sent on every visit);
- the trend chart, one line per application, outcomes marked;
- a footer naming the journal file.

The panel loads when its tab is first shown and re-reads the journal on every visit
and after every save, outcome or delete; its charts follow the chart theme.

CSS hooks: ``ik-history`` (panel), ``ik-history-search`` (Text),
``ik-history-outcome-filter``, ``ik-history-status-filter``, ``ik-history-sort``,
``ik-history-direction`` (Dropdowns), ``ik-history-view`` (ToggleButtons: interviews
or applications), ``ik-due`` and ``ik-applications`` (see their modules),
``ik-history-table`` (HTML holding the ``<table>``; each ``<tr>`` a ``ik-history-row``),
``ik-history-prev``/``ik-history-next``, ``ik-history-page``,
``ik-history-side`` (the picks, actions and comparison), ``ik-history-pick`` (each
Checkbox, its label naming the interview), ``ik-history-open``, ``ik-history-delete``,
``ik-history-confirm`` / ``ik-history-cancel``, ``ik-history-status``, ``ik-overlay``
(img), ``ik-overlay-legend``, ``ik-overlay-summary``, ``ik-history-export-json`` /
``ik-history-export-csv`` (Buttons), ``ik-history-download`` (the link),
``ik-trend`` (img), ``ik-trend-summary``, ``ik-history-footer``, ``ik-journal-error``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from ..charts.radar import overlay_png
from ..charts.theme import SERIES_STYLES, series_words
from ..charts.trend import trend_png, trend_summary
from ..core.applications import STATUS_WORDS, STATUSES, Application, group_applications
from ..core.errors import InputError
from ..core.fields import DATE
from ..core.interview import Interview
from ..core.outcomes import OUTCOME_TABLE, PENDING_OUTCOME
from ..journal.exchange import export_csv, export_json
from ..journal.history import (
    ANY_OUTCOME,
    ANY_STATUS,
    NO_OUTCOME,
    SORT_KEYS,
    HistoryRow,
    filter_rows,
    history_rows,
    sort_rows,
    trend_points,
)
from ..journal.store import Journal
from .applications import ApplicationsView
from .due import DueList
from .events import Begin, JournalChanged, JournalRefused, ReadingChanged
from .history_table import HISTORY_CSS, legend_html, row_name, table_html, table_rows
from .kit import (
    ChartImage,
    alert_html,
    download_link,
    page_of,
    paragraph_html,
    range_words,
    show_chart,
)
from .session import HISTORY_TAB, READING_TAB, Session

PAGE_SIZE = 10
MAX_OVERLAY = len(SERIES_STYLES)
#: Sort menu: one choice per sortable column, in the data's own order.
_SORT_OPTIONS = [("Saved order" if key == "id" else key.capitalize(), key) for key in SORT_KEYS]
#: Outcome filter: everything, then each outcome in the outcome table's order.
_OUTCOME_OPTIONS = [("All outcomes", ANY_OUTCOME),
                    (PENDING_OUTCOME.choice, NO_OUTCOME),
                    *((o.choice, o.id) for o in OUTCOME_TABLE)]
#: Application status filter: everything, then each status in the core's order.
_STATUS_OPTIONS = [("Any application status", ANY_STATUS),
                   *((STATUS_WORDS[None if s == "interviewing" else s], s) for s in STATUSES)]
#: The two views of the journal.
INTERVIEWS, APPLICATIONS = "interviews", "applications"
_NO_PICK = "Tick two or three interviews to compare them on one radar."


class _Pick:
    """One reusable tick box, for one row of the page shown."""

    def __init__(self, on_pick: Any) -> None:
        self.row: HistoryRow | None = None
        self.box = w.Checkbox(value=False, description="Select", indent=False,
                              layout=w.Layout(display="none", width="auto"))
        self.box.add_class("ik-history-pick")
        self.box.observe(lambda change: on_pick(self, change["new"]), names="value")


class HistoryPanel:
    """The History tab; the App shows ``container`` as the tab titled :attr:`title`
    and calls :meth:`shown` on each visit (which re-reads: the CLI or another
    dashboard may have saved meanwhile)."""

    title = HISTORY_TAB

    def __init__(self, session: Session) -> None:
        self.session = session
        self.all_rows: list[HistoryRow] = []  # every interview, sorted
        self.rows: list[HistoryRow] = []  # those the search and filter keep
        self.selected: list[int] = []  # ids, in the order they were ticked
        self.page = 0
        self.loaded = False
        self._quiet = False
        self._drawn_theme = session.state.theme
        self._pending_delete: HistoryRow | None = None
        self._rounds: list[tuple[int, Interview]] = []  # (id, interview), as read
        self._applications: list[Application] | None = None  # grouped when first needed
        self._apps_view: ApplicationsView | None = None
        self._build()
        session.on(JournalChanged, lambda _e: self._on_journal_change())
        session.on(JournalRefused, lambda _e: self._show_journal_error())
        session.on(ReadingChanged, lambda _e: self._on_reading())

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.error_box = w.HTML("")
        self.error_box.add_class("ik-journal-error")
        self.due = DueList(self.session, self._journal_changed)
        self.search = w.Text(value="", description="Search",
                             placeholder="company, role, notes, questions",
                             tooltip="Show only interviews whose company, role, notes, "
                                     "questions and answers, your questions or the people "
                                     "you met contain this",
                             style={"description_width": "5em"},
                             layout=w.Layout(width="17em", max_width="100%"))
        self.search.add_class("ik-history-search")
        self.outcome_filter = w.Dropdown(options=_OUTCOME_OPTIONS, value=ANY_OUTCOME,
                                         description="Outcome", tooltip="Show one outcome",
                                         style={"description_width": "5em"},
                                         layout=w.Layout(width="17em", max_width="100%"))
        self.outcome_filter.add_class("ik-history-outcome-filter")
        self.status_filter = w.Dropdown(options=_STATUS_OPTIONS, value=ANY_STATUS,
                                        description="Status",
                                        tooltip="Show the rounds of applications with "
                                                "this status",
                                        style={"description_width": "5em"},
                                        layout=w.Layout(width="19em", max_width="100%"))
        self.status_filter.add_class("ik-history-status-filter")
        for control in (self.search, self.outcome_filter, self.status_filter):
            control.observe(self._on_filter, names="value")
        self.view = w.ToggleButtons(options=[("Interviews", INTERVIEWS),
                                             ("Applications", APPLICATIONS)],
                                    value=INTERVIEWS,
                                    tooltips=["Show every interview, a page at a time",
                                              "Show each application's rounds in order, "
                                              "with its status"],
                                    style={"button_width": "8em"})
        self.view.add_class("ik-history-view")
        self.view.observe(self._on_view, names="value")
        self.sort = w.Dropdown(options=_SORT_OPTIONS, value=DATE.key, description="Sort by",
                               tooltip="Column to sort the table by",
                               style={"description_width": "5em"},
                               layout=w.Layout(width="14em", max_width="100%"))
        self.sort.add_class("ik-history-sort")
        self.direction = w.Dropdown(options=[("Newest / highest first", True),
                                             ("Oldest / lowest first", False)],
                                    value=True, description="Order", tooltip="Sort direction",
                                    style={"description_width": "5em"},
                                    layout=w.Layout(width="18em", max_width="100%"))
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
        self.table = w.HTML("", layout=w.Layout(width="100%"))
        self.table.add_class("ik-history-table")
        self._picks = [_Pick(self._on_pick) for _ in range(PAGE_SIZE)]
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
        self.overlay = ChartImage(format="png", value=b"", layout=w.Layout(
            width="100%", max_width="480px", display="none"))
        self.overlay.add_class("ik-overlay")
        self.overlay_legend = w.HTML("")
        self.overlay_legend.add_class("ik-overlay-legend")
        self.overlay_text = w.Label(_NO_PICK)
        self.overlay_text.add_class("ik-overlay-summary")
        self.export_json_button = w.Button(description="Export JSON", icon="download",
                                           tooltip="Prepare the interviews shown as a JSON "
                                                   "file (the journal's export format)")
        self.export_json_button.add_class("ik-history-export-json")
        self.export_json_button.on_click(lambda _b: self.prepare_export("json"))
        self.export_csv_button = w.Button(description="Export CSV", icon="download",
                                          tooltip="Prepare the interviews shown as a CSV file "
                                                  "(one row each, for a spreadsheet)")
        self.export_csv_button.add_class("ik-history-export-csv")
        self.export_csv_button.on_click(lambda _b: self.prepare_export("csv"))
        self.download = w.HTML("")
        self.download.add_class("ik-history-download")
        self.download.add_class("ik-link")
        self.trend = ChartImage(format="png", value=b"", layout=w.Layout(
            width="100%", max_width="560px", display="none"))
        self.trend.add_class("ik-trend")
        self.trend_text = w.Label("")
        self.trend_text.add_class("ik-trend-summary")
        self.footer = w.HTML("")
        self.footer.add_class("ik-history-footer")
        wrap = w.Layout(flex_flow="row wrap", align_items="center")
        listing = w.VBox([
            self.table,
            w.HBox([self.prev_button, self.page_label, self.next_button], layout=wrap),
        ], layout=w.Layout(flex="1 1 30em", min_width="0"))
        listing.add_class("ik-history-list")
        side = w.VBox([
            w.HTML("<h3 class='ik-heading'>Pick to compare, open or delete</h3>"),
            w.VBox([p.box for p in self._picks]),
            w.HBox([self.open_button, self.delete_button, self.confirm_button,
                    self.cancel_button], layout=w.Layout(flex_flow="row wrap")),
            self.status,
            self.overlay, self.overlay_legend, self.overlay_text,
        ], layout=w.Layout(flex="1 1 20em", min_width="0", max_width="100%"))
        side.add_class("ik-history-side")
        self.main = w.Box([listing, side], layout=w.Layout(
            display="flex", flex_flow="row wrap", align_items="flex-start", width="100%"))
        self.main.add_class("ik-history-main")
        self.apps_holder = w.VBox([], layout=w.Layout(width="100%", display="none"))
        self.container = w.VBox([
            w.HTML(HISTORY_CSS),
            self.error_box,
            self.due.container,
            w.HTML("<h2 class='ik-heading'>Your interviews</h2>"),
            w.HBox([self.search, self.outcome_filter, self.status_filter, self.sort,
                    self.direction, self.view], layout=wrap),
            self.main, self.apps_holder,
            w.HBox([self.export_json_button, self.export_csv_button, self.download],
                   layout=wrap),
            w.HTML("<h2 class='ik-heading'>Score over time</h2>"),
            self.trend, self.trend_text,
            self.footer,
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
        self.all_rows, self._rounds, self._applications = [], [], None
        readable = journal is not None
        if journal is not None:
            try:
                entries = journal.entries()
                self.all_rows = history_rows(entries, sort=self.sort.value,
                                             descending=self.direction.value)
            except InputError as error:  # a record damaged on disk: say so, change nothing
                self.status.value = f"The journal cannot be read: {error}"
                readable = False
            else:
                self._rounds = [(e.id, e.interview) for e in entries]
        self.due.show(self._rounds, readable=readable)
        ids = {r.id for r in self.all_rows}
        self.selected = [i for i in self.selected if i in ids]
        self.download.value = ""  # a prepared export may be out of date now
        self.footer.value = paragraph_html(
            f"Journal file: {self.session.source.location()}")
        self._apply_filter()
        self._draw_overlay()  # a ticked interview may have changed or gone
        self._draw_trend()

    def _on_journal_change(self) -> None:
        """A save, outcome or delete: redraw now only if the tab is on screen (the
        next visit re-reads anyway; re-scoring a long journal and redrawing the trend
        behind the user's back would slow every save)."""
        if self.session.state.tab == self.title:
            self.refresh()

    def _on_reading(self) -> None:
        """The chart theme changed: redraw the charts shown (after a first load)."""
        if self.loaded and self.session.state.theme != self._drawn_theme:
            self._draw_trend()
            self._draw_overlay()

    def _on_sort(self, _change: Any) -> None:
        self.all_rows = sort_rows(self.all_rows, self.sort.value, self.direction.value)
        self._apply_filter()

    def _on_filter(self, _change: Any) -> None:
        self.download.value = ""
        self._apply_filter(first_page=True)

    def _apply_filter(self, first_page: bool = False) -> None:
        """Keep the rows the search and the filters match. The ticks, and so the
        comparison, stay as they are: a keystroke in the search never redraws the radar."""
        self.rows = filter_rows(self.all_rows, self.search.value, self.outcome_filter.value,
                                self.status_filter.value)
        self.show_page(0 if first_page else self.page)
        if self.view.value == APPLICATIONS:
            self._show_applications(first_page)

    # -- applications --------------------------------------------------------------
    @property
    def applications(self) -> ApplicationsView:
        """The Applications view (built now if it was never chosen)."""
        if self._apps_view is None:
            self._apps_view = ApplicationsView(self.session)
            self.apps_holder.children = (self._apps_view.container,)
        return self._apps_view

    def _on_view(self, _change: Any) -> None:
        apps = self.view.value == APPLICATIONS
        self.main.layout.display = "none" if apps else "flex"
        self.apps_holder.layout.display = "" if apps else "none"
        for control in (self.sort, self.direction):  # the applications have one order
            control.layout.display = "none" if apps else ""
        if apps:
            self._show_applications(first_page=True)

    def _show_applications(self, first_page: bool = False) -> None:
        """The applications with a round the search and filters keep, all their rounds."""
        if self._applications is None:
            self._applications = group_applications(self._rounds)
        kept = {r.id for r in self.rows}
        view = self.applications
        if first_page:
            view.page = 0
        view.show([a for a in self._applications if any(i in kept for i, _ in a.rounds)],
                  total=len(self._applications))

    # -- table ---------------------------------------------------------------------
    @property
    def pages(self) -> int:
        return page_of(self.rows, self.page, PAGE_SIZE)[1]

    def visible_rows(self) -> list[HistoryRow]:
        return list(page_of(self.rows, self.page, PAGE_SIZE)[2])

    def show_page(self, page: int) -> None:
        self.page = page_of(self.rows, page, PAGE_SIZE)[0]
        shown = self.visible_rows()
        total, everything = len(self.rows), len(self.all_rows)
        if everything == 0:
            where = "No interviews saved yet."
        elif total == 0:
            where = f"None of your {everything} interviews matches the search."
        else:
            where = (range_words(self.page, PAGE_SIZE, len(shown), total, everything, " saved")
                     + f", page {self.page + 1} of {self.pages}")
        order = dict((key, text) for text, key in _SORT_OPTIONS)[self.sort.value]
        direction = "descending" if self.direction.value else "ascending"
        self.table.value = table_html(
            shown, f"Interviews {where.rstrip('.')}; sorted by {order.lower()}, {direction}.")
        self.page_label.value = where
        picked = set(self.selected)
        self._quiet = True
        try:
            for slot, row in zip(self._picks, [*shown, *[None] * PAGE_SIZE], strict=False):
                slot.row = row
                if row is None:
                    slot.box.layout.display = "none"
                    slot.box.value = False
                    slot.box.description = "Select"
                    continue
                slot.box.value = row.id in picked
                slot.box.description = f"#{row.id} {row_name(row)}"
                slot.box.tooltip = f"Tick to compare, open or delete #{row.id}"
                slot.box.layout.display = "flex"
        finally:
            self._quiet = False
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page >= self.pages - 1

    def _on_pick(self, slot: _Pick, picked: bool) -> None:
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
        by_id = {r.id: r for r in self.all_rows}
        return [by_id[i] for i in self.selected if i in by_id]

    def _one(self, verb: str) -> HistoryRow | None:
        chosen = self._selected_rows()
        if len(chosen) != 1:
            self.status.value = f"Tick exactly one interview to {verb} it."
            return None
        return chosen[0]

    # -- export ----------------------------------------------------------------------
    def prepare_export(self, kind: str) -> None:
        """A download link for the interviews the search and filter keep, in the
        journal's JSON (with saved profiles) or CSV export format."""
        journal = self.journal()
        if journal is None:
            return
        keep = {r.id for r in self.rows}
        try:
            entries = sorted((e for e in journal.entries() if e.id in keep), key=lambda e: e.id)
            if kind == "json":
                text = export_json(entries, journal.profiles())
            else:
                text = export_csv(entries)
        except InputError as error:
            self.download.value = ""
            self.status.value = f"Not exported: {error}"
            return
        mime = "application/json" if kind == "json" else "text/csv"
        self.download.value = download_link(
            text.encode("utf-8"), mime, f"interview-journal.{kind}",
            f"Download {len(entries)} interviews as {kind.upper()}")

    # -- charts --------------------------------------------------------------------
    def _draw_trend(self) -> None:
        self._drawn_theme = self.session.state.theme
        points = trend_points(self.all_rows)
        words = trend_summary(points, undated=len(self.all_rows) - len(points))
        show_chart(self.trend, trend_png(points, theme=self.session.state.theme), words)
        self.trend.layout.display = "block"
        self.trend_text.value = words

    def _draw_overlay(self) -> None:
        chosen = self._selected_rows()
        if not 2 <= len(chosen) <= MAX_OVERLAY:
            self._hide_overlay(_NO_PICK if len(chosen) <= MAX_OVERLAY else
                               f"{len(chosen)} ticked: the radar compares at most "
                               f"{MAX_OVERLAY}.")
            return
        journal = self.journal()
        if journal is None:
            self._hide_overlay("")
            return
        try:
            items = [(f"#{r.id} {row_name(r)}", journal.get(r.id).interview) for r in chosen]
        except InputError as error:
            self._hide_overlay(f"Cannot compare: {error}")
            return
        theme = self.session.state.theme
        words = "Radar comparing " + "; ".join(
            f"{label}: overall {r.score:.0f}, {r.verdict}, drawn as {series_words(n)}"
            for n, ((label, _), r) in enumerate(zip(items, chosen, strict=True)))
        show_chart(self.overlay, overlay_png(items, theme=theme), words)
        self.overlay.layout.display = "block"
        self.overlay_legend.value = legend_html(chosen, theme)
        self.overlay_text.value = words

    def _hide_overlay(self, text: str) -> None:
        self.overlay.layout.display = "none"
        self.overlay_legend.value = ""
        self.overlay_text.value = text

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
        # Asks first (in the Reading tab) when the form has unsaved changes.
        self.session.request(Begin(entry.interview, entry, ask=True, then=READING_TAB))
        linked = self.session.state.linked
        if linked is not None and linked.id == entry.id:
            self.status.value = f"Opened #{entry.id} ({row_name(row)}) in the form."

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
        self._journal_changed()

    def _journal_changed(self) -> None:
        """This panel changed the journal: announce it (every view re-reads; this
        panel redraws if its tab is on screen) and redraw here either way."""
        self.session.announce(JournalChanged())
        if self.session.state.tab != self.title:
            self.refresh()  # called from code (tests, a notebook): show the result


def shown_rows(panel: HistoryPanel) -> Sequence[tuple[str, ...]]:
    """The text of the table rows on the current page (what a person reads, taken
    from the markup sent to the page), in :data:`COLUMNS` order."""
    return table_rows(panel.table.value)
