"""Unsaved work kept as a draft in the journal, and offered back after a reload, a
closed tab, a culled kernel or a crash.

Why in the journal: the kernel that holds the page's state can die (culled after
idle minutes, a crash), and the browser's own storage is per browser and holds no
schema; the journal already survives all of that. Each page writes under its own
key, the tab id the page aid keeps in the browser's ``sessionStorage`` (a reload of
the same tab finds its own draft; a new tab gets a new id), so several open pages
never overwrite each other's work. A page offers back its own draft, else the newest
draft of a tab that is not open any more (the page aid says which tabs are alive by
their heartbeat). Writes are debounced (:data:`DRAFT_DELAY` after the last change);
a write that fails says so in one line beside Save and the page keeps working.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as w

from ..core.errors import InputError
from ..core.fields import COMPANY
from ..journal.records import Entry
from ..journal.store import Draft, Journal
from .kit import local_time, message_html, on_loop, set_shown, shared_style
from .record import PageRecord
from .session import Session

#: Seconds after the last change before the draft is written.
DRAFT_DELAY = 2.0
#: The draft's own keys (the page's values, and the record they were edited from).
PAGE, SAVED = "page", "saved"


def draft_time(draft: Draft) -> str:
    """When a draft was last written, in this computer's time: "14:32" today, else
    the day too."""
    stamp = local_time(draft.updated)
    today = _dt.date.today().isoformat()
    return stamp[len(today) + 1 :] if stamp.startswith(today) else stamp


def draft_payload(page: Mapping[str, Any], saved: PageRecord) -> dict[str, Any]:
    """A draft's data: the page's values as typed, and the record they were edited
    from (a save after a restore merges against it)."""
    return {PAGE: dict(page), SAVED: saved.to_dict()}


def draft_page(draft: Draft) -> Mapping[str, Any]:
    """The page's values a draft kept ({} for a draft of another shape)."""
    page = draft.data.get(PAGE)
    return page if isinstance(page, Mapping) else {}


def draft_base(journal: Journal | None, draft: Draft) -> Entry | None:
    """The entry a draft edits as it was when editing began: its id from the journal,
    its record and revision from the draft (None for a new interview, or one deleted
    since)."""
    saved = draft.data.get(SAVED)
    if draft.entry_id is None or journal is None or not isinstance(saved, Mapping):
        return None
    try:
        current = journal.get(draft.entry_id)
        base = PageRecord.from_dict(saved)
    except InputError:
        return None
    return dataclasses.replace(
        current,
        interview=base.interview,
        outcome_date=base.outcome_date,
        revision=draft.based_on or current.revision,
    )


def tab_of(key: str) -> str:
    """The tab a draft key belongs to: the key itself, or what comes before ``_`` in
    a key the tab took while its older draft was still on offer (tab ids have no
    ``_``)."""
    return key.split("_", 1)[0]


def pick_offer(drafts: Sequence[Draft], own: str, live: Sequence[str]) -> Draft | None:
    """The draft to offer back: this tab's own (a reload), else the newest one of a tab
    that is not open any more (a closed tab, a culled kernel). ``drafts`` newest first."""
    for draft in drafts:
        if tab_of(draft.key) == own:
            return draft
    return next((d for d in drafts if tab_of(d.key) not in live), None)


class DraftKeeper:
    """Writes the page's draft while it is unsaved, removes it once saved or
    discarded, and offers one back (``offer``, a box of two buttons).

    ``collect()`` gives the page's draft data; ``restore(draft)`` puts one back on
    the page. ``later(delay, fn)`` schedules a write (default: the kernel's event
    loop; none running, as in tests: written at once)."""

    def __init__(
        self,
        session: Session,
        collect: Callable[[], Mapping[str, Any]],
        restore: Callable[[Draft], None],
        later: Callable[[float, Callable[[], None]], Any] | None = None,
    ) -> None:
        self.session = session
        self.tab = ""  # the page's tab id (from the page aid)
        self.key = ""  # the key this page's draft is written under (the tab id, mostly)
        self.written = False
        self._collect, self._restore = collect, restore
        self._later = later
        self._timer: Any = None
        self._offered: Draft | None = None
        self.status = w.HTML("", style=shared_style(w.HTML))
        self.status.add_class("ik-draft-status")
        button = shared_style(w.Button)
        self.restore_button = w.Button(
            description="Restore", style=button, icon="undo", layout=w.Layout(width="auto")
        )
        self.restore_button.add_class("ik-draft-restore")
        self.discard_button = w.Button(
            description="Discard",
            style=button,
            tooltip="Delete the unsaved interview kept as a draft",
        )
        self.discard_button.add_class("ik-draft-discard")
        self.restore_button.on_click(lambda _b: self.restore())
        self.discard_button.on_click(lambda _b: self.discard_offer())
        self.offer = w.HBox([self.restore_button, self.discard_button])
        self.offer.add_class("ik-draft-offer")
        set_shown(self.offer, False)

    # -- the page says who it is -------------------------------------------------
    def hello(self, key: str, live: Sequence[str] = ()) -> Draft | None:
        """The page's tab id (and the other tabs still open): offer a draft back."""
        if key == self.tab or not key:
            return self._offered
        self.tab = self.key = key
        journal = self.session.usable_journal()
        drafts: list[Draft] = []
        if journal is not None:
            try:
                drafts = journal.drafts()
            except InputError as error:
                self._say(f"Drafts cannot be read: {error}")
            if journal.draft_problems:
                self._say(f"A damaged draft was skipped: {journal.draft_problems[0]}")
        offered = pick_offer(drafts, key, live)
        if offered is not None and tab_of(offered.key) == key:
            # This tab's own draft is on offer: the page's new work goes under a key of
            # its own meanwhile, so typing before answering never overwrites it.
            self.key = f"{key[:50]}_r{secrets.token_hex(4)}"
        if self.written:  # written before the page said its key: under its key now
            self.write()
        self._show_offer(offered)
        return offered

    def _show_offer(self, draft: Draft | None) -> None:
        self._offered = draft
        if draft is not None:
            values = draft_page(draft).get("values")
            company = values.get(COMPANY.key) if isinstance(values, Mapping) else None
            words = f"Restore the unsaved interview from {draft_time(draft)}"
            self.restore_button.description = words
            self.restore_button.tooltip = words + (f" ({company})" if company else "")
        set_shown(self.offer, draft is not None)

    def restore(self) -> None:
        """Put the offered draft back on the page; it becomes this page's draft."""
        draft = self._offered
        self._show_offer(None)
        if draft is None:
            return
        self._restore(draft)
        if draft.key != self.key:
            self._discard(draft.key)
        self.write()

    def discard_offer(self) -> None:
        draft = self._offered
        self._show_offer(None)
        if draft is not None:
            self._discard(draft.key)
            self._say("The unsaved interview was discarded.", ok=True)

    # -- the page changed ------------------------------------------------------------
    def changed(self) -> None:
        """After every update: keep the draft while the page is unsaved, drop it once
        the page matches what was saved again."""
        if self.session.state.unsaved:
            self._schedule()
        elif self.written:
            self.drop()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._later is not None:
            self._timer = self._later(DRAFT_DELAY, self._fire)
            return
        self._timer = on_loop(self._fire, DRAFT_DELAY)  # no loop: written at once

    def _fire(self) -> None:
        self._timer = None
        if self.session.state.unsaved:
            self.write()

    def write(self) -> None:
        """Write the draft now (under this page's key, once it is known)."""
        if not self.key:
            self.written = True  # kept in mind: written once the page says its key
            return
        journal = self.session.usable_journal()
        if journal is None:
            return
        linked: Entry | None = self.session.state.linked
        try:
            journal.save_draft(
                self.key,
                dict(self._collect()),
                entry_id=None if linked is None else linked.id,
                based_on=None if linked is None else linked.revision,
            )
        except (InputError, OSError) as error:
            self._say(f"Unsaved work could not be kept as a draft: {error}")
            return
        self.written = True
        self._say("")

    def drop(self) -> None:
        """Saved, or discarded on purpose: this page's draft goes."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.written and self.key:
            self._discard(self.key)
        self.written = False

    def _discard(self, key: str) -> None:
        journal = self.session.usable_journal()
        if journal is None:
            return
        try:
            journal.discard_draft(key)
        except (InputError, OSError) as error:
            self._say(f"The draft could not be removed: {error}")

    def _say(self, text: str, ok: bool = False) -> None:
        self.status.value = message_html(text, ok)
