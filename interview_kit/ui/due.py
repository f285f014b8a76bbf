"""History's "What is due" list: thank-you notes and follow-ups, overdue first.

What is due, and when, is decided by :func:`interview_kit.core.due.due_list` alone (the
CLI's ``due``, the calendar export and the reminders ask it too); today is this
computer's date. Each item says in words what to do, for which company and role, when,
and "Overdue" when its day is past. Each item carries its next steps (:mod:`.due_slot`):
the draft of the note opens in place, Open moves the form to it, and Mark sent, Mark
followed up and Record outcome write through the journal, based on the revision the
list was drawn from (a change made elsewhere in between is refused, not overwritten);
then the whole History tab redraws from the journal.

The list shows :data:`DUE_STEP` items at first and more on request; each item's text is
one escaped HTML widget with its actions right after it (reading order is tab order).

CSS hooks: ``ik-due`` (the list), ``ik-due-summary`` (heading and how much is due, or
that nothing is), the slot's hooks (:mod:`.due_slot`), ``ik-due-more`` (Button),
``ik-due-status`` (what the last action did).
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import ipywidgets as w

from ..core import clock
from ..core.due import DEFAULT_DAYS, NO_DATE_FOLLOW_UP_DAYS, Due, due_list
from ..core.errors import InputError
from ..core.interview import Interview
from ..core.outcomes import outcome_words
from ..journal.records import Entry
from .due_slot import DueSlot, happened
from .events import Begin, Focus
from .kit import message_html, who_words
from .session import Session

#: How many items the list shows at first, and how many more each "Show more" adds.
DUE_STEP = 3

#: An item's text and its actions share a line when there is room (the text takes
#: the rest of it); on a phone the actions go under the text, the draft under both.
DUE_CSS = """<style>
.ik-due .ik-due-summary :is(h2, p) { display: inline; margin: 0 0.6em 0 0; }
.ik-due .ik-due-entry { display: flex; flex-flow: row wrap; align-items: center;
  gap: 0 0.8em; margin: 0; }
.ik-due .ik-due-entry > .ik-due-item { flex: 1 1 24em; min-width: min(20em, 100%); }
.ik-due .ik-due-entry > .ik-due-actions { flex: 0 0 auto; max-width: 100%; }
.ik-due .ik-due-entry > .ik-due-draft { flex: 1 1 100%; }
.ik-due .ik-due-item p { margin: 0; }
.ik-due .ik-due-item .ik-when { font-weight: 600; }
.ik-due .ik-due-actions { overflow: visible; padding: 0; gap: 0.3em; }
.ik-due .ik-due-actions button { padding: 0 0.6em; }
.ik-due .ik-due-actions > * { flex: 0 0 auto; width: auto; }
.ik-due .ik-due-more { width: auto; align-self: flex-start; }
</style>"""


def day_words(day: _dt.date) -> str:
    """A date as the list says it: weekday and ISO date ("Mon 2026-11-30")."""
    return f"{day:%a} {day.isoformat()}"


def when_words(due: _dt.date, today: _dt.date) -> str:
    """When an item is due, relative to today, in words; "Overdue" said plainly."""
    days = (due - today).days
    if days < 0:
        ago = "1 day ago" if days == -1 else f"{-days} days ago"
        return f"Overdue: was due {day_words(due)} ({ago})"
    if days == 0:
        return f"Due today ({day_words(due)})"
    if days == 1:
        return f"Due tomorrow ({day_words(due)})"
    return f"Due {day_words(due)} (in {days} days)"


def what_words(item: Due, interview: Interview | None) -> str:
    """What is due, for which application, in words (the interview adds its dates)."""
    who = who_words(item.company, item.role)
    date = interview.date if interview is not None else None
    on = f" on {day_words(_dt.date.fromisoformat(date))}" if date else ""
    if item.kind == "thank_you":
        return f"send a thank-you note for your interview with {who}{on}"
    told = interview.decision_by if interview is not None else None
    if told:
        why = f"they said they would decide by {day_words(_dt.date.fromisoformat(told))}"
    else:
        why = f"no decision date named; {NO_DATE_FOLLOW_UP_DAYS} days after the interview{on}"
    return f"follow up with {who} ({why})"


def item_html(item: Due, interview: Interview | None, today: _dt.date) -> str:
    """One item as escaped markup: when (bold), then what and for whom."""
    return (
        f"<p class='ik-text'><span class='ik-when'>"
        f"{html.escape(when_words(item.due, today))}</span>: "
        f"{html.escape(what_words(item, interview))}.</p>"
    )


def summary_html(items: Sequence[Due], shown: int, today: _dt.date, days: int) -> str:
    """The list's heading and one line saying how much is due (or that nothing is)."""
    until = day_words(today + _dt.timedelta(days=days))
    if not items:
        line = (
            f"Nothing is due: no thank-you note or follow-up is waiting, today or in the "
            f"next {days} days (up to {until})."
        )
    else:
        n, late = len(items), sum(1 for d in items if d.overdue(today))
        line = ("1 thing is" if n == 1 else f"{n} things are") + f" due by {until}"
        if late:
            line += " (it is overdue)" if n == 1 else f" ({late} overdue)"
        line += "." + (" Overdue first, then by date." if n > 1 else "")
        if shown < n:
            line += f" Showing the first {shown}."
    return f"<h2 class='ik-heading'>What is due</h2><p class='ik-text'>{html.escape(line)}</p>"


def can_mark_sent(item: Due, interview: Interview | None, today: _dt.date) -> bool:
    """A thank-you can be recorded as sent today once its interview has happened."""
    return item.kind == "thank_you" and item.id is not None and happened(interview, today)


#: The tab Open shows the interview in.
READING_TAB = "Reading"


class DueList:
    """The "What is due" list. :meth:`show` draws it from the journal's interviews;
    ``changed`` is called after a write (History redraws through the journal-change
    funnel). ``today`` gives the local date (tests may fix it)."""

    def __init__(
        self,
        session: Session,
        changed: Callable[[], None],
        *,
        today: Callable[[], _dt.date] = clock.today,
        days: int = DEFAULT_DAYS,
    ) -> None:
        self.session = session
        self.changed = changed
        self.today = today
        self.days = days
        self.items: list[Due] = []
        self.limit = DUE_STEP
        self._interview_of: Callable[[int], Interview | None] = lambda _id: None
        self._revisions: Mapping[int, int] = {}
        self._slots: list[DueSlot] = []
        self.summary = w.HTML(summary_html([], 0, today(), days))
        self.summary.add_class("ik-due-summary")
        self.list = w.VBox([], layout=w.Layout(width="100%"))
        self.list.add_class("ik-due-list")
        self.more_button = w.Button(
            description="Show more",
            icon="chevron-down",
            tooltip="Show more of what is due",
            layout=w.Layout(display="none"),
        )
        self.more_button.add_class("ik-due-more")
        self.more_button.on_click(self.show_more)
        self.status = w.HTML("")
        self.status.add_class("ik-due-status")
        self.container = w.VBox(
            [w.HTML(DUE_CSS), self.summary, self.list, self.status], layout=w.Layout(width="100%")
        )
        self.container.add_class("ik-due")

    def show(
        self,
        interviews: Iterable[tuple[int, Interview]],
        *,
        readable: bool = True,
        revisions: Mapping[int, int] | None = None,
    ) -> None:
        """Work out what is due today from ``interviews`` (journal id, interview) and
        draw it; ``revisions`` (id -> revision shown) are what the writes are based
        on; ``readable=False``: the journal could not be read, so say that rather
        than "nothing is due"."""
        found = dict(interviews)
        items = due_list(found.items(), today=self.today(), days=self.days)
        self.show_items(items, found.get, revisions, readable=readable)

    def show_items(
        self,
        items: Sequence[Due],
        interview_of: Callable[[int], Interview | None],
        revisions: Mapping[int, int] | None = None,
        *,
        readable: bool = True,
    ) -> None:
        """Draw ``items``, worked out already (by :meth:`Journal.due
        <interview_kit.journal.queries.QueriesMixin.due>`, from the journal's columns):
        ``interview_of(id)`` is asked only for the items drawn (no need to read every
        interview of a long journal). ``revisions`` and ``readable``: as :meth:`show`."""
        self._interview_of = interview_of
        self._revisions = dict(revisions or {})
        self.items = list(items)
        self._draw()
        if not readable:
            self.summary.value = (
                "<h2 class='ik-heading'>What is due</h2><p class='ik-text'>What is due "
                "cannot be worked out: the journal cannot be read (see the message "
                "above).</p>"
            )

    def show_more(self, _button: Any = None) -> None:
        self.limit += DUE_STEP
        self._draw()

    def shown(self) -> list[Due]:
        """The items on screen, in order."""
        return self.items[: self.limit]

    def _draw(self) -> None:
        today = self.today()
        shown = self.shown()
        while len(self._slots) < len(shown):  # places are made when first needed
            self._slots.append(DueSlot(len(self._slots), self._act))
            self.list.children = (*(s.container for s in self._slots), self.more_button)
        self.summary.value = summary_html(self.items, len(shown), today, self.days)
        for slot, item in zip(self._slots, [*shown, *[None] * len(self._slots)], strict=False):
            interview = self._interview_of(item.id) if item and item.id is not None else None
            slot.show(item, interview, item_html(item, interview, today) if item else "", today)
        left = len(self.items) - len(shown)
        self.more_button.description = f"Show {min(left, DUE_STEP)} more"
        self.more_button.layout.display = "" if left > 0 else "none"

    def _act(self, slot: DueSlot, action: str) -> None:
        """One click (or outcome chosen) in a slot, carried out for its item."""
        item = slot.item
        if item is None:
            return
        if action in ("draft_thanks", "draft_check_in"):
            if slot.open_draft(action, self.today()):
                self.session.request(Focus(slot.draft_hook))
        elif action == "open":
            self.open(item)
        elif action == "sent":
            self.mark_sent(item)
        elif action == "followed":
            self.mark_followed_up(item)
        elif action.startswith("outcome:"):
            slot.reset_outcome()
            self.record_outcome(item, action.removeprefix("outcome:"))

    def _say(self, text: str, ok: bool = True) -> None:
        self.status.value = message_html(text, ok)

    def open(self, item: Due) -> None:
        """Move the form to the item's interview (asking first about unsaved work)."""
        journal = self.session.usable_journal()
        if journal is None or item.id is None:
            self._say("Cannot open it: the journal file cannot be used.", ok=False)
            return
        try:
            entry = journal.get(item.id)
        except InputError as error:
            self._say(f"Cannot open it: {error}", ok=False)
            return
        self.session.request(Begin(entry.interview, entry, ask=True, then=READING_TAB))

    def _write(
        self,
        item: Due,
        write: Callable[[Any, int | None], Entry],
        done: Callable[[Entry], str],
        already: Callable[[Entry], str | None],
    ) -> Entry | None:
        """One write for ``item``, based on the revision the list shows; says what it
        did (or why nothing was written) and redraws."""
        journal = self.session.usable_journal()
        if journal is None or item.id is None:
            self._say("Not recorded: the journal file cannot be used.", ok=False)
            return None
        try:
            old = journal.get(item.id)  # as stored now: another window may have saved
            said = already(old)
            entry = old if said else write(journal, self._revisions.get(item.id))
        except InputError as error:
            self._say(f"Not recorded: {error}", ok=False)
            self.changed()  # show what the journal holds now
            return None
        if said:
            self._say(said)
        else:
            self._say(done(entry))
            self._follow(entry)
        self.changed()
        return entry

    def mark_sent(self, item: Due) -> Entry | None:
        """Record today as the day the thank-you note for ``item`` was sent, through
        the journal's one path for it (``interview-kit journal sent`` uses it too)."""
        today = self.today()
        who = who_words(item.company, item.role)
        return self._write(
            item,
            lambda j, rev: j.set_thank_you_sent(item.id, today, based_on=rev),
            lambda e: f"Recorded: thank-you note for {who} sent today, {day_words(today)}.",
            lambda old: (
                (
                    f"The thank-you note for {who} was already recorded as sent on "
                    f"{old.interview.thank_you_sent}."
                )
                if old.interview.thank_you_sent
                else None
            ),
        )

    def mark_followed_up(self, item: Due) -> Entry | None:
        """Record today as the day a check-in went out for ``item``: the follow-up
        reminder ends (:func:`interview_kit.core.due.follow_up_due`)."""
        today = self.today()
        who = who_words(item.company, item.role)

        def write(journal: Any, rev: int | None) -> Entry:
            old = journal.get(item.id)
            return journal.update(
                item.id, old.interview.replace(followed_up=today.isoformat()), based_on=rev
            )

        return self._write(
            item,
            write,
            lambda e: f"Recorded: followed up with {who} today, {day_words(today)}.",
            lambda old: (
                (f"A check-in for {who} was already recorded on {old.interview.followed_up}.")
                if old.interview.followed_up
                else None
            ),
        )

    def record_outcome(self, item: Due, outcome: str) -> Entry | None:
        """Record ``outcome`` for the item's interview (dated today): its reminders end."""
        who = who_words(item.company, item.role)
        return self._write(
            item,
            lambda j, rev: j.set_outcome(item.id, outcome, self.today(), based_on=rev),
            lambda e: f"Recorded: {outcome_words(outcome)} for {who}.",
            lambda old: None,
        )

    def _follow(self, entry: Entry) -> None:
        """The form, when it shows this interview, shows the new values too and stays
        linked to the new revision (its unsaved edits are kept)."""
        state = self.session.state
        if state.linked is None or state.linked.id != entry.id:
            return
        if state.error or state.interview is None:  # a value being fixed: keep the form
            self.session.link(entry)
            return
        new = entry.interview
        self.session.request(
            Begin(
                state.interview.replace(
                    thank_you_sent=new.thank_you_sent,
                    followed_up=new.followed_up,
                    outcome=new.outcome,
                ),
                entry,
            )
        )
