"""The dashboard's History tab: what is due, every saved interview, searchable, with charts.

:class:`HistoryPanel` reads the session's one journal (opened lazily; a refused
file shows one message) and shows, in order: what is due (:mod:`.due`, each item
with its next steps); the filter bar (:mod:`.history_filters`: search, outcome,
application status, sort, direction, view) and what it keeps, in words; the
interviews as a real, escaped HTML ``<table>`` (:mod:`.history_table`), ``PAGE_SIZE``
rows a page (markup, not a table widget: the browser's own table semantics, and
10,000 rows cost one page of text; stacked cards on a phone) or the applications
(:mod:`.applications`, built when first chosen); beside the table, a tick box per
row, Open, Delete and export (:mod:`.history_actions`) and the comparison radar
(:mod:`.history_compare`); the trend chart (:mod:`.history_trend`); the journal file.

The panel loads when its tab is first shown and re-reads the journal on every visit
and after every save, outcome or delete; its charts follow the chart theme.

A long journal costs the first render only its columns and one page: the rows are
listed, sorted, filtered and counted from the journal's columns
(:func:`~interview_kit.journal.history.listed_rows`), the due list comes from the
journal's own query, and only the rows on the page are read and scored. Every row
is scored, and the trend drawn, just after (through the event loop, so the page is
on screen first; at once outside a kernel), or as soon as something needs them
sooner (a search, sorting by score or verdict, the applications view). Scores are
kept per entry revision: a refresh re-scores only what changed.

CSS hooks: ``ik-history`` (panel), ``ik-history-found`` (what the filters keep),
``ik-history-table`` (HTML holding the ``<table>``; each ``<tr>`` a
``ik-history-row``), ``ik-history-prev`` / ``ik-history-next``, ``ik-history-page``,
``ik-history-side`` (picks, actions, comparison), ``ik-history-status``,
``ik-history-footer``, ``ik-journal-error``; the parts' own in their modules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from ..core.applications import Application, group_applications
from ..core.errors import InputError
from ..core.interview import Interview
from ..journal.history import (
    HistoryRow,
    Listed,
    Scored,
    filter_rows,
    history_rows,
    listed_rows,
    revision_key,
    sort_rows,
)
from ..journal.store import Journal
from .applications import ApplicationsView
from .due import DueList
from .events import JournalChanged, JournalRefused, ReadingChanged
from .history_actions import RowActions
from .history_compare import MAX_OVERLAY, Comparison, Pick
from .history_filters import APPLICATIONS, INTERVIEWS, FilterBar
from .history_table import HISTORY_CSS, table_html, table_rows
from .history_trend import TrendChart
from .kit import alert_html, on_loop, page_of, paragraph_html, range_words
from .session import HISTORY_TAB, Session

__all__ = ["APPLICATIONS", "INTERVIEWS", "MAX_OVERLAY", "PAGE_SIZE", "HistoryPanel", "shown_rows"]

PAGE_SIZE = 10
#: Sorting by these needs every row scored.
_SCORED_KEYS = ("score", "verdict")
#: Runs a callback later (after the page's first render), or now.
Later = Callable[[Callable[[], None]], Any]


class HistoryPanel(RowActions):
    """The History tab; the App shows ``container`` as the tab titled :attr:`title`
    and calls :meth:`shown` on each visit (which re-reads: the CLI or another
    dashboard may have saved meanwhile). ``later`` runs the work done after the
    first render (default :func:`~interview_kit.ui.kit.on_loop`; a benchmark may hold it back)."""

    title = HISTORY_TAB

    def __init__(self, session: Session, *, later: Later = on_loop) -> None:
        self.session = session
        self.all_rows: Sequence[HistoryRow | Listed] = []  # every interview, sorted
        self.rows: Sequence[HistoryRow | Listed] = []  # those the search and filter keep
        self.selected: list[int] = []  # ids, in the order they were ticked
        self.page = 0
        self.loaded = False
        self._quiet = False
        self._later = later
        self._pending: list[Callable[[], None]] = []  # the work after the first render
        self._scores: dict[tuple[int, int, str], Scored] = {}  # per entry revision
        self._full = False  # all_rows are every scored row (else listed ones)
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
        self.filters = bar = FilterBar()
        self.search, self.outcome_filter, self.status_filter = (
            bar.search,
            bar.outcome_filter,
            bar.status_filter,
        )
        self.sort, self.direction, self.view = bar.sort, bar.direction, bar.view
        for control in (self.search, self.outcome_filter, self.status_filter):
            control.observe(self._on_filter, names="value")
        self.view.observe(self._on_view, names="value")
        for control in (self.sort, self.direction):
            control.observe(self._on_sort, names="value")
        self.found = w.Label("", layout=w.Layout(display="none"))
        self.found.add_class("ik-history-found")
        self.prev_button = w.Button(
            description="Previous page", icon="chevron-left", tooltip="Previous page of interviews"
        )
        self.prev_button.add_class("ik-history-prev")
        self.prev_button.on_click(lambda _b: self.show_page(self.page - 1))
        self.next_button = w.Button(
            description="Next page", icon="chevron-right", tooltip="Next page of interviews"
        )
        self.next_button.add_class("ik-history-next")
        self.next_button.on_click(lambda _b: self.show_page(self.page + 1))
        self.page_label = w.Label("")
        self.page_label.add_class("ik-history-page")
        self.table = w.HTML("", layout=w.Layout(width="100%"))
        self.table.add_class("ik-history-table")
        self._picks = [Pick(self._on_pick) for _ in range(PAGE_SIZE)]
        self.status = w.Label("")
        self.status.add_class("ik-history-status")
        self.comparison = Comparison()
        self.overlay = self.comparison.overlay
        self.overlay_legend, self.overlay_text = self.comparison.legend, self.comparison.text
        self._build_actions()
        self.trend_chart = TrendChart()
        self.footer = w.HTML("")
        self.footer.add_class("ik-history-footer")
        wrap = w.Layout(flex_flow="row wrap", align_items="center")
        listing = w.VBox(
            [
                self.table,
                w.HBox([self.prev_button, self.page_label, self.next_button], layout=wrap),
            ],
            layout=w.Layout(flex="1 1 30em", min_width="0"),
        )
        listing.add_class("ik-history-list")
        side = w.VBox(
            [
                w.HTML("<h3 class='ik-heading'>Pick to compare, open or delete</h3>"),
                w.VBox([p.box for p in self._picks]),
                w.HBox(
                    [self.open_button, self.delete_button, self.confirm_button, self.cancel_button],
                    layout=w.Layout(flex_flow="row wrap"),
                ),
                self.status,
                *self.comparison.widgets,
            ],
            layout=w.Layout(flex="1 1 20em", min_width="0", max_width="100%"),
        )
        side.add_class("ik-history-side")
        self.main = w.Box(
            [listing, side],
            layout=w.Layout(
                display="flex", flex_flow="row wrap", align_items="flex-start", width="100%"
            ),
        )
        self.main.add_class("ik-history-main")
        self.apps_holder = w.VBox([], layout=w.Layout(width="100%", display="none"))
        self.container = w.VBox(
            [
                w.HTML(HISTORY_CSS),
                self.error_box,
                self.due.container,
                w.HTML("<h2 class='ik-heading'>Your interviews</h2>"),
                bar.box,
                self.found,
                self.main,
                self.apps_holder,
                w.HBox(
                    [self.export_json_button, self.export_csv_button, self.download], layout=wrap
                ),
                w.HTML("<h2 class='ik-heading'>Score over time</h2>"),
                self.trend_chart.image,
                self.trend_chart.text,
                self.footer,
            ],
            layout=w.Layout(width="100%"),
        )
        self.container.add_class("ik-history")

    @property
    def trend(self) -> w.Image:
        """The trend chart's image (drawn now if it is still on its way)."""
        self.finish()
        return self.trend_chart.image

    @property
    def trend_text(self) -> w.Label:
        """The trend chart's text alternative (drawn now if it is still on its way)."""
        self.finish()
        return self.trend_chart.text

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
        """Re-read the journal and redraw: the table's first render from the journal's
        columns and one page; every row scored and the trend drawn just after
        (:meth:`finish`)."""
        self.loaded = True
        journal = self.journal()
        self.all_rows, self._full = [], False
        self._rounds, self._applications = [], None
        self._pending = []
        if journal is None:
            self.due.show([], readable=False)
        else:
            try:
                listed = listed_rows(journal.listing())
                due = journal.due(today=self.due.today(), days=self.due.days)
            except InputError as error:  # a record damaged on disk: say so, change nothing
                self._unreadable(error)
            else:
                self.all_rows = sort_rows(listed, *self._order())
                self.due.show_items(due, self._interview_of, {r.id: r.revision for r in listed})
        self._after_read()
        if journal is not None:
            self.trend_chart.wait()
            self._pending = [self._complete, self._draw_trend]
            self._later(self._next_step)

    def _after_read(self) -> None:
        """What follows every read: the picks, the export, the footer, the table."""
        ids = {r.id for r in self.all_rows}
        self.selected = [i for i in self.selected if i in ids]
        self.download.value = ""  # a prepared export may be out of date now
        self.footer.value = paragraph_html(f"Journal file: {self.session.source.location()}")
        self._apply_filter()
        self._draw_overlay()  # a ticked interview may have changed or gone

    def _unreadable(self, error: InputError) -> None:
        """A record damaged on disk: say so, show no rows (the trend says it has none)."""
        self.status.value = f"The journal cannot be read: {error}"
        self.all_rows, self._rounds, self._full = [], [], True
        self.due.show([], readable=False)

    def _next_step(self) -> None:
        """One step of the work after the first render; the next one goes after it
        (the page stays responsive between them)."""
        if self._pending:
            self._pending.pop(0)()
        if self._pending:
            self._later(self._next_step)

    def finish(self) -> None:
        """Do now whatever is left of the work after the first render (every row
        scored, the trend drawn): for code that reads the result at once."""
        while self._pending:
            self._pending.pop(0)()

    def _complete(self, redraw: bool = True) -> None:
        """Every interview read and scored (the scores of unchanged ones are kept):
        the rows then carry what a search and a sort by score need."""
        if self._full:
            return
        journal = self.journal()
        if journal is None:
            return
        try:
            entries = journal.entries()
            rows = history_rows(
                entries, sort=self.sort.value, descending=self.direction.value, cache=self._scores
            )
        except InputError as error:
            self._unreadable(error)
            self._after_read()
            return
        self._rounds = [(e.id, e.interview) for e in entries]
        held = {revision_key(e) for e in entries}  # keep only what the journal holds
        self._scores = {k: v for k, v in self._scores.items() if k in held}
        self.all_rows, self._full = rows, True
        if redraw:
            self._apply_filter()

    def _interview_of(self, id: int) -> Interview | None:
        """One interview, as the due list draws it (read when it is drawn)."""
        if self._full:
            return next((i for n, i in self._rounds if n == id), None)
        journal = self.session.usable_journal()
        try:
            return None if journal is None else journal.get(id).interview
        except InputError:
            return None

    def _scored(self, rows: Sequence[HistoryRow | Listed]) -> list[HistoryRow]:
        """``rows`` scored, in order (listed rows are read and scored now; one that
        cannot be read is left out, the next full read says why)."""
        listed = [r for r in rows if isinstance(r, Listed)]
        if not listed:
            return [r for r in rows if isinstance(r, HistoryRow)]
        journal = self.session.usable_journal()
        entries = []
        for row in listed:
            try:
                entries.append(journal.get(row.id) if journal is not None else None)
            except InputError:
                entries.append(None)
        found = [e for e in entries if e is not None]
        statuses = {r.id: r.status for r in listed}
        scored = {r.id: r for r in history_rows(found, statuses=statuses, cache=self._scores)}
        return [
            r if isinstance(r, HistoryRow) else scored[r.id]
            for r in rows
            if isinstance(r, HistoryRow) or r.id in scored
        ]

    def _order(self) -> tuple[str, bool]:
        return self.sort.value, self.direction.value

    def _on_journal_change(self) -> None:
        """A save, outcome or delete: redraw now only if the tab is on screen (the
        next visit re-reads anyway; re-scoring a long journal and redrawing the trend
        behind the user's back would slow every save)."""
        if self.session.state.tab == self.title:
            self.refresh()

    def _on_reading(self) -> None:
        """The chart theme changed: redraw the charts shown (after a first load)."""
        if self.loaded and self.session.state.theme != self.trend_chart.theme:
            if not self._pending:  # (else the trend is on its way, in the new theme)
                self._draw_trend()
            self._draw_overlay()

    def _on_sort(self, _change: Any) -> None:
        if self.sort.value in _SCORED_KEYS:
            self._complete(redraw=False)
        self.all_rows = sort_rows(self.all_rows, *self._order())
        self._apply_filter()

    def _on_filter(self, _change: Any) -> None:
        self.download.value = ""
        self._apply_filter(first_page=True)

    def _apply_filter(self, first_page: bool = False) -> None:
        """Keep the rows the search and the filters match. The ticks, and so the
        comparison, stay as they are: a keystroke in the search never redraws the radar."""
        if self.search.value.strip() and self.all_rows:
            self._complete(redraw=False)  # the search reads every record's text
        self.rows = filter_rows(
            self.all_rows, self.search.value, self.outcome_filter.value, self.status_filter.value
        )
        self.found.value = self.filters.found(len(self.rows), len(self.all_rows))
        self.found.layout.display = "" if self.found.value else "none"  # no empty line
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
        self._complete(redraw=False)  # the rounds are every interview, read
        if self._applications is None:
            self._applications = group_applications(self._rounds)
        kept = {r.id for r in self.rows}
        view = self.applications
        if first_page:
            view.page = 0
        view.show(
            [a for a in self._applications if any(i in kept for i, _ in a.rounds)],
            total=len(self._applications),
        )

    # -- table ---------------------------------------------------------------------
    @property
    def pages(self) -> int:
        return page_of(self.rows, self.page, PAGE_SIZE)[1]

    def visible_rows(self) -> list[HistoryRow]:
        """The rows on the page shown, scored (only these are read for it)."""
        return self._scored(page_of(self.rows, self.page, PAGE_SIZE)[2])

    def show_page(self, page: int) -> None:
        self.page = page_of(self.rows, page, PAGE_SIZE)[0]
        shown = self.visible_rows()
        total, everything = len(self.rows), len(self.all_rows)
        found = self.found.value
        if everything == 0:
            where = "No interviews saved yet."
        elif total == 0:
            where = found or f"None of your {everything} interviews is shown."
        else:
            where = (
                range_words(self.page, PAGE_SIZE, len(shown), total, everything, " saved")
                + f", page {self.page + 1} of {self.pages}"
            )
        caption = f"Interviews {where.rstrip('.')}; {self.filters.order_words()}."
        if total and found:
            caption = f"{found} {caption}"
        self.table.value = table_html(shown, caption)
        self.page_label.value = where
        picked = set(self.selected)
        self._quiet = True
        try:
            for slot, row in zip(self._picks, [*shown, *[None] * PAGE_SIZE], strict=False):
                slot.show(row, row is not None and row.id in picked)
        finally:
            self._quiet = False
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page >= self.pages - 1

    def _on_pick(self, slot: Pick, picked: bool) -> None:
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

    def _selected_rows(self) -> list[HistoryRow | Listed]:
        by_id = {r.id: r for r in self.all_rows}
        return [by_id[i] for i in self.selected if i in by_id]

    def _one(self, verb: str) -> HistoryRow | Listed | None:
        chosen = self._selected_rows()
        if len(chosen) != 1:
            self.status.value = f"Tick exactly one interview to {verb} it."
            return None
        return chosen[0]

    # -- charts --------------------------------------------------------------------
    def _draw_trend(self) -> None:
        self._complete()
        if self._full:
            rows = [r for r in self.all_rows if isinstance(r, HistoryRow)]
            self.trend_chart.draw(rows, self.session.state.theme)

    def _draw_overlay(self) -> None:
        chosen = self._selected_rows()
        why = self.comparison.words_for(len(chosen))
        if why is not None:
            self.comparison.hide(why)
            return
        journal = self.journal()
        if journal is None:
            self.comparison.hide("")
            return
        try:
            interviews = [journal.get(r.id).interview for r in chosen]
        except InputError as error:
            self.comparison.hide(f"Cannot compare: {error}")
            return
        self.comparison.show(self._scored(chosen), interviews, self.session.state.theme)

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
