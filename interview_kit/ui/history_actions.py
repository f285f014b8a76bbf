"""What History does to the interviews it lists: Open the ticked one in the form,
Delete it (asking "Really delete?" first, the safe answer focused), and export the
interviews the search and filters keep, as JSON or CSV, on one click.

:class:`RowActions` is a part of :class:`~interview_kit.ui.history.HistoryPanel`
(its buttons, and what they do); the panel gives it the journal, the ticked rows
and the redraw after a change.

CSS hooks: ``ik-history-open``, ``ik-history-delete``, ``ik-history-confirm`` /
``ik-history-cancel`` (Buttons), ``ik-history-export-json`` /
``ik-history-export-csv`` (Buttons), ``ik-history-download`` (the link).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from ..core.errors import InputError
from ..journal.exchange import export_csv, export_json
from ..journal.history import HistoryRow, Listed
from ..journal.store import Journal
from .events import Begin, Focus
from .history_table import row_name
from .kit import download_link, export_name
from .session import READING_TAB, Session


class RowActions:
    """Open, Delete and export, for :class:`~interview_kit.ui.history.HistoryPanel`."""

    session: Session
    status: w.Label
    selected: list[int]
    rows: Sequence[HistoryRow | Listed]

    def journal(self) -> Journal | None:  # the panel's
        raise NotImplementedError

    def _one(self, verb: str) -> HistoryRow | Listed | None:  # the panel's
        raise NotImplementedError

    def _journal_changed(self) -> None:  # the panel's
        raise NotImplementedError

    def _build_actions(self) -> None:
        self._pending_delete: HistoryRow | Listed | None = None
        self.open_button = w.Button(
            description="Open",
            icon="folder-open",
            tooltip="Open the ticked interview in the form to edit it",
        )
        self.open_button.add_class("ik-history-open")
        self.open_button.on_click(self.open_selected)
        self.delete_button = w.Button(
            description="Delete", icon="trash", tooltip="Delete the ticked interview (asks first)"
        )
        self.delete_button.add_class("ik-history-delete")
        self.delete_button.on_click(self.ask_delete)
        self.confirm_button = w.Button(
            description="Really delete?",
            button_style="danger",
            tooltip="Yes, delete it from the journal",
            layout=w.Layout(display="none"),
        )
        self.confirm_button.add_class("ik-history-confirm")
        self.confirm_button.on_click(self.confirm_delete)
        self.cancel_button = w.Button(
            description="Cancel", tooltip="Keep the interview", layout=w.Layout(display="none")
        )
        self.cancel_button.add_class("ik-history-cancel")
        self.cancel_button.on_click(self.cancel_delete)
        self.export_json_button = w.Button(
            description="Download JSON",
            icon="download",
            tooltip="Download the interviews shown as a JSON file (the journal's export format)",
        )
        self.export_json_button.add_class("ik-history-export-json")
        self.export_json_button.on_click(lambda _b: self.prepare_export("json"))
        self.export_csv_button = w.Button(
            description="Download CSV",
            icon="download",
            tooltip="Download the interviews shown as a CSV file "
            "(one row each, with its score, for a "
            "spreadsheet)",
        )
        self.export_csv_button.add_class("ik-history-export-csv")
        self.export_csv_button.on_click(lambda _b: self.prepare_export("csv"))
        self._starts = 0
        self.download = w.HTML("")
        self.download.add_class("ik-history-download")
        self.download.add_class("ik-link")

    # -- export ----------------------------------------------------------------------
    def prepare_export(self, kind: str) -> None:
        """Download the interviews the search and filter keep, in the journal's JSON
        (with saved profiles) or CSV export format: the browser starts it on this one
        click (:func:`~.kit.download_link`)."""
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
        self._starts += 1  # the click starts the download; the link stays, to repeat it
        n = len(entries)
        self.download.value = download_link(
            text.encode("utf-8"),
            mime,
            export_name(self.session.source.location(), kind),
            f"Download {n} interview{'' if n == 1 else 's'} as {kind.upper()} again",
            start=self._starts,
        )

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
        if linked is not None and linked.id == entry.id:  # (else the question has it)
            self.status.value = f"Opened #{entry.id} ({row_name(row)}) in the form."
            self.session.request(Focus("ik-company"))  # the form's first field

    def ask_delete(self, _button: Any = None) -> None:
        row = self._one("delete")
        if row is None:
            return
        self._pending_delete = row
        self.status.value = f"Delete #{row.id} ({row_name(row)})? This cannot be undone."
        self.confirm_button.layout.display = ""
        self.cancel_button.layout.display = ""
        self.session.request(Focus("ik-history-cancel"))  # the safe answer first

    def cancel_delete(self, _button: Any = None) -> None:
        if self._pending_delete is not None and _button is not None:
            self.status.value = "Nothing deleted."
            self.session.request(Focus("ik-history-delete"))  # back where it was asked
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
        self.session.request(Focus("ik-history-search"))  # the list's top, not the body
