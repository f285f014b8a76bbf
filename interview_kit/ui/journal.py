"""The reading view's journal controls: save, new, outcome, follow-up plan.

:class:`JournalControls` works on a :class:`~interview_kit.ui.session.Session`: the
session's one journal opens on the first save (or on whatever panel needs it first).
A file the journal refuses (damaged, foreign, newer) is reported in the page once
and never written: the dashboard keeps working, without saving.

After a save the form is *linked* to that entry (``session.state.linked``), so the
next save updates it, based on the revision the page loaded (the journal counts
revisions; a save with no change makes none). Save writes everything on the page,
the outcome and its date included ("Record outcome" is the quick path for those
two alone); a save that meets a newer revision is merged (:mod:`.saving`), and
only a field changed on both sides is asked about (:class:`.dialogs.ConflictQuestion`).
Every move to another interview (New interview, Next round, a save, a recorded
outcome, History's Open) is a :class:`~.events.Begin` request, which says what
carries over: nothing, or company and role for the next round; New and Open ask
first when the page has unsaved changes. Every change to the journal is announced
(:class:`~.events.JournalChanged`; the History tab listens). The status beside
Save says "Unsaved changes" while the page differs from what was last saved.
Times are shown in the computer's local time.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ..core.errors import InputError
from ..core.interview import Interview
from ..core.outcomes import OUTCOME_TABLE, PENDING, PENDING_OUTCOME, get_outcome
from ..journal.records import Entry
from ..journal.reminders import follow_up_offer, to_ics
from ..journal.store import Journal
from .dialogs import ConflictQuestion
from .events import Begin, JournalChanged, JournalRefused, LinkChanged
from .kit import (
    alert_html,
    download_link,
    html_widget,
    local_time,
    message_html,
    shared_layout,
    shared_style,
)
from .saving import Ask, Saved, save_answer, save_page
from .session import Session, new_interview

#: How the follow-up plan names each reminder.
_REMINDER_WORDS = {
    "thank_you": "thank-you note by",
    "follow_up": "follow up, if there is no news, on",
}

#: The outcome menu: "pending" clears an outcome (silence is not a verdict).
OUTCOME_OPTIONS = [(PENDING_OUTCOME.choice, PENDING), *((o.choice, o.id) for o in OUTCOME_TABLE)]


def safe_filename(*parts: str | None, suffix: str = ".ics") -> str:
    """ASCII letters, digits and dashes only (user text never shapes a path)."""
    words = [re.sub(r"[^a-z0-9]+", "-", (p or "").lower()).strip("-") for p in parts]
    stem = "-".join(x for x in words if x)[:60].strip("-") or "interview"
    return stem + suffix


def profile_for(journal: Journal, name: Any, weights: Mapping[str, float]) -> str | None:
    """The profile to record: ``name`` when its saved weights are exactly ``weights``,
    else None (the journal then records ``default`` or ``(custom)``)."""
    name = getattr(name, "name", name)  # a Profile object works too
    if not isinstance(name, str) or not name:
        return None
    try:
        stored = journal.get_profile(name)
    except InputError:
        return None
    return stored.name if dict(stored.weights) == dict(weights) else None


class JournalControls:
    """Save / New / outcome / follow-up widgets for one app. The App shows them in
    its action bar; ``container`` holds them all in one box (built when asked for)."""

    def __init__(self, session: Session, focus: Callable[[str], None] | None = None) -> None:
        self.session = session
        #: The last thing an action said (shown until the page changes again).
        self._said = ("", True)
        self.conflicts = ConflictQuestion(focus or (lambda _hook: None))
        self._build()
        session.on(LinkChanged, lambda _e: self.show_followup())
        session.on(JournalRefused, lambda _e: self._show_journal_error())

    @property
    def linked(self) -> Entry | None:
        """The saved entry the form is linked to (the session holds it)."""
        return self.session.state.linked

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        button = shared_style(w.Button)  # one style model for the four buttons
        plain = shared_layout()  # and one layout for the controls sized by their content
        self.save_button = w.Button(
            description="Save to journal",
            icon="save",
            style=button,
            layout=plain,
            tooltip="Save this interview to your private journal",
        )
        self.save_button.add_class("ik-save")
        self.save_button.on_click(self.save)
        self.new_button = w.Button(
            description="New interview",
            icon="file",
            style=button,
            layout=plain,
            tooltip="Start a new, empty interview: nothing is kept",
        )
        self.new_button.add_class("ik-new")
        self.new_button.on_click(self.new)
        self.next_round_button = w.Button(
            style=button,
            description="Next round (keeps company, role)",
            icon="forward",
            tooltip="A new interview for the next round of this application: only the "
            "company and role are kept",
            layout=w.Layout(width="auto"),
        )
        self.next_round_button.add_class("ik-next-round")
        self.next_round_button.on_click(self.next_round)
        self.status = html_widget("", "ik-saved-status")
        self.journal_error_box = html_widget("", "ik-journal-error")
        self.outcome = w.Dropdown(
            options=OUTCOME_OPTIONS,
            value=PENDING,
            description="Outcome",
            style={"description_width": "6em"},
            tooltip="What happened next",
            layout=w.Layout(width="20em"),
        )
        self.outcome.add_class("ik-outcome")
        self.outcome_date = w.DatePicker(
            description="On",
            style={"description_width": "3em"},
            layout=plain,
            tooltip="Date of the outcome (blank = today)",
        )
        self.outcome_date.add_class("ik-outcome-date")
        self.outcome_button = w.Button(
            description="Record outcome",
            icon="check",
            style=button,
            layout=plain,
            tooltip="Record the outcome for the saved interview",
        )
        self.outcome_button.add_class("ik-outcome-save")
        self.outcome_button.on_click(self.record_outcome)
        for control in (self.outcome, self.outcome_date):
            control.observe(lambda _change: self._describe_record(), names="value")
        self.followup = w.Label("", style=shared_style(w.Label), layout=shared_layout())
        self.followup.add_class("ik-followup")
        self.ics = html_widget("", "ik-ics", "ik-link")
        row = w.Layout(flex_flow="row wrap", align_items="center")
        #: Save, New, Next round (the App puts them in its action bar).
        self.buttons = w.HBox(
            [self.save_button, self.new_button, self.next_round_button], layout=row
        )
        #: The outcome menu, its date and Record.
        self.outcome_row = w.HBox(
            [self.outcome, self.outcome_date, self.outcome_button], layout=row
        )
        self.show_entry(None)

    @functools.cached_property
    def container(self) -> w.VBox:
        """Every control in one box under a heading (``ik-journal``)."""
        box = w.VBox(
            [
                html_widget("<h2 class='ik-heading'>Journal</h2>"),
                self.journal_error_box,
                self.buttons,
                self.status,
                self.outcome_row,
                self.followup,
                self.ics,
            ]
        )
        box.add_class("ik-journal")
        return box

    # -- actions -------------------------------------------------------------------
    def save(self, _button: Any = None) -> Entry | None:
        """Save everything on the page (add, or update the linked entry based on the
        revision the page loaded; an unchanged one keeps its revision). A newer
        revision met on the way is merged; a field changed on both sides is asked."""
        state = self.session.state
        page = state.page
        if page is None:
            self._say("Not saved: please fix the value marked in the form first.", ok=False)
            return None
        journal = self.session.usable_journal()
        if journal is None:
            self._say(
                "Not saved: the journal file cannot be used (see the message above).", ok=False
            )
            return None
        weights = dict(state.weights)
        profile = profile_for(journal, state.profile, weights)
        try:
            result = save_page(journal, page, state.linked, weights, profile)
        except InputError as error:  # JournalError too: busy, damaged, deleted meanwhile
            self._say(f"Not saved: {error}", ok=False)
            return None
        return self._saved(result, weights, profile)

    def _saved(
        self, result: Saved | Ask, weights: Mapping[str, float], profile: str | None
    ) -> Entry | None:
        if isinstance(result, Ask):
            self._say(
                "Not saved yet: this interview was changed elsewhere too. Choose "
                "which value to keep below, then save.",
                ok=False,
            )
            self.conflicts.ask(
                result.merge.conflicts, lambda take: self._answer(result, take, weights, profile)
            )
            return None
        entry = result.entry
        self.session.request(Begin(entry.interview, entry))
        if not result.changed:
            self._say(
                f"No changes since revision {entry.revision}: nothing new to save. "
                + self._entry_words(entry)
            )
            return entry
        if result.merged:
            self._say(
                self._entry_words(entry) + " · merged with the changes saved elsewhere meanwhile"
            )
        self.session.announce(JournalChanged())
        return entry

    def _answer(
        self, ask: Ask, take: set[str], weights: Mapping[str, float], profile: str | None
    ) -> Entry | None:
        state = self.session.state
        journal = self.session.usable_journal()
        if state.page is None or journal is None:
            self._say("Not saved: please fix the value marked in the form first.", ok=False)
            return None
        try:
            result = save_answer(journal, state.page, state.linked, ask, take, weights, profile)
        except InputError as error:
            self._say(f"Not saved: {error}", ok=False)
            return None
        return self._saved(result, weights, profile)

    def new(self, _button: Any = None) -> None:
        """A new, empty interview: nothing carries over (asks first when unsaved)."""
        self.session.request(
            Begin(
                new_interview(),
                ask=True,
                back="ik-new",
                said="New interview: every field is empty and nothing is saved yet.",
            )
        )

    def next_round(self, _button: Any = None, of: Interview | None = None) -> None:
        """The next round of an application (``of``, else the one on screen):
        company and role kept (asks first when unsaved)."""
        current = of if of is not None else self.session.state.interview
        kept = " · ".join(x for x in (current.company, current.role) if x) if current else ""
        self.session.request(
            Begin(
                new_interview(next_round_of=current),
                ask=True,
                back="ik-next-round",
                said=f"Next round{' of ' + kept if kept else ''}: company and role kept, "
                "everything else empty; not saved yet.",
            )
        )

    @property
    def picked_outcome(self) -> str | None:
        """The outcome picked on the page (None: pending)."""
        value = self.outcome.value
        return None if value == PENDING else value

    @property
    def picked_date(self) -> str | None:
        """The outcome date picked on the page (None: blank)."""
        day = self.outcome_date.value
        return day.isoformat() if isinstance(day, _dt.date) else None

    def record_outcome(self, _button: Any = None) -> Entry | None:
        """Record the outcome menu's choice for the linked entry, alone (the quick
        path: the form's other unsaved changes stay on the page, unsaved). A blank
        date is today, here."""
        linked = self.linked
        journal = self.session.usable_journal() if linked is not None else None
        if linked is None or journal is None:
            self._say("Save the interview first, then record its outcome.", ok=False)
            return None
        value = self.picked_outcome
        day = self.picked_date
        if day is None and value is not None:
            day = _dt.date.today().isoformat()  # the user's today, not the server's UTC day
        try:
            entry = journal.set_outcome(linked.id, value, day)
        except InputError as error:
            self._say(f"Outcome not recorded: {error}", ok=False)
            return None
        state = self.session.state
        if state.page is None or state.interview is None:  # a value being fixed: keep it
            self.show_entry(entry)
            self.session.link(entry)
        else:  # the page's other changes stay on it, unsaved
            self.session.request(Begin(state.interview.replace(outcome=entry.outcome), entry))
        if entry.revision != linked.revision:
            self.session.announce(JournalChanged())
        return entry

    # -- showing -------------------------------------------------------------------
    def _describe_record(self) -> None:
        """The Record button's tooltip names what it will record (and a keyboard user
        hears it on focus)."""
        day = self.outcome_date.value
        when = day.isoformat() if isinstance(day, _dt.date) else "today"
        choice = dict((v, k) for k, v in OUTCOME_OPTIONS)[self.outcome.value]
        self.outcome_button.tooltip = (
            "Clear the outcome of the saved interview"
            if self.outcome.value == PENDING
            else f"Record {choice} on {when} for the saved interview"
        )

    def _say(self, text: str, ok: bool = True) -> None:
        """Say what an action did: shown until the page changes again."""
        self._said = (text, ok)
        self.status.value = message_html(text, ok)

    def status_words(self) -> tuple[str, bool]:
        """What the status beside Save says now: "Unsaved changes" while the page
        differs from what was last saved; else what the last action said, or the
        linked entry. An action's refusal (a value to fix) goes once the page changes."""
        state = self.session.state
        e = self.linked
        if state.unsaved:
            where = (
                f" (editing #{e.id}, saved at revision {e.revision})"
                if e is not None
                else " (not in the journal yet)"
            )
            return "Unsaved changes" + where + ": Save keeps them.", True
        text, ok = self._said
        if text and ok:
            return text, ok
        if e is None:
            return "Not saved yet: Save adds it to your journal.", True
        return self._entry_words(e), True

    def show_state(self) -> None:
        """After every update: the status follows the state, the follow-up plan too."""
        text, ok = self.status_words()
        self._said = ("", True)
        self.status.value = message_html(text, ok)
        unsaved = self.session.state.unsaved
        if unsaved != ("ik-unsaved" in self.status._dom_classes):  # a sync only on change
            (self.status.add_class if unsaved else self.status.remove_class)("ik-unsaved")
        self.show_followup()

    def moved(self, said: str = "") -> None:
        """The page moved to another interview: what the last action said goes."""
        self._said = (said, True)

    def _show_journal_error(self) -> None:
        message = self.session.journal_error
        self.journal_error_box.value = alert_html(
            message or "",
            "The journal cannot be used, so nothing is saved (the file is left as it is): ",
        )
        self.save_button.disabled = bool(message)

    @staticmethod
    def _entry_words(e: Entry) -> str:
        outcome = get_outcome(e.outcome).choice
        when = f" on {e.outcome_date}" if e.outcome_date else ""
        return (
            f"Saved as #{e.id} · revision {e.revision} · updated "
            f"{local_time(e.updated)} · outcome: {outcome}{when}"
        )

    def show_picked(self, outcome: str | None, day: str | None) -> None:
        """Show an outcome and date picked earlier (a restored draft)."""
        self.outcome.value = outcome if outcome in dict(OUTCOME_OPTIONS).values() else PENDING
        try:
            self.outcome_date.value = _dt.date.fromisoformat(day) if day else None
        except ValueError:
            self.outcome_date.value = None

    def show_entry(self, e: Entry | None) -> None:
        """The outcome menu and date take ``e``'s, or blanks for none (a new interview
        never inherits the last one's outcome or its date). The caller holds the
        update: the page then reads them in its one update."""
        self.outcome_button.disabled = e is None
        self.outcome.value = PENDING if e is None else (e.outcome or PENDING)
        self.outcome_date.value = (
            _dt.date.fromisoformat(e.outcome_date) if e is not None and e.outcome_date else None
        )

    def show_followup(self) -> None:
        """The thank-you and follow-up dates still ahead, and their .ics, when the one
        rule (:func:`~interview_kit.journal.reminders.follow_up_offer`) offers them:
        never once an outcome is recorded, never for a day already past."""
        interview = self.session.state.interview
        if interview is None:
            self.followup.value = ""
            self.ics.value = ""
            return
        key = "interview"  # a saved one's UIDs carry the journal's own id (journal/identity.py)
        if self.linked is not None:
            key = f"journal-{self.session.journal().journal_uid}-{self.linked.id}"
        try:
            offer = follow_up_offer(interview, key=key)
        except InputError as error:
            self.followup.value = f"Follow-up plan: {error}"
            self.ics.value = ""
            return
        if not offer:
            self.followup.value = f"Follow-up plan: {offer.reason}"
            self.ics.value = ""
            return
        self.followup.value = (
            "Follow-up plan: "
            + "; ".join(f"{_REMINDER_WORDS[r.kind]} {r.date.isoformat()}" for r in offer.reminders)
            + "."
        )
        name = safe_filename("follow-ups", interview.company, interview.date)
        self.ics.value = download_link(
            to_ics(offer.reminders).encode("utf-8"),
            "text/calendar",
            name,
            "Add reminders to calendar (.ics)",
        )
