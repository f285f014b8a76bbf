"""The dashboard's session: one state value, the one journal, and what panels may ask.

A store in Solara's manner: :class:`State` is a frozen value, replaced (never
mutated) by the session's methods; views read it and call those methods. Panels
receive the session, never the App: what only the App can do (move the form to
another interview, put weights in the controls, show a tab) they *request* with a
typed event (:mod:`interview_kit.ui.events`) through :meth:`Session.request`, and
the App carries it out in its one funnel. Changes are announced the same way, by
event class (:meth:`Session.on`).

The state knows what was last saved (``saved``: the linked entry as the page holds
it, or an empty new interview) and whether the page differs from it (``unsaved``):
the status beside Save, the question before discarding, the draft and the
browser's "leave the page?" all read that one flag.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..core import signals as _signals
from ..core.assessment import Assessment
from ..core.errors import InputError
from ..core.interview import Interview
from ..core.weights import default_weights
from ..journal.records import DEFAULT_PROFILE, Entry
from ..journal.store import Journal, JournalArg, JournalSource
from .events import (
    Announcement,
    Begin,
    JournalRefused,
    LinkChanged,
    Load,
    NextRound,
    Request,
    SetWeights,
    ShowTab,
    SignsChanged,
)
from .record import PageRecord

#: The first tab: the form and its reading.
READING_TAB = "Reading"
#: The tabs built when first opened (the App names them before their panels exist).
HISTORY_TAB = "History"
CALIBRATION_TAB = "Calibration"
#: The booked length a new interview starts with (the form needs one to score).
NEW_MINUTES = 45.0


def new_interview(next_round_of: Interview | None = None) -> Interview:
    """What "a new interview" is: nothing noticed, no notes, no date, no outcome,
    :data:`NEW_MINUTES` booked. Nothing carries over from the interview on screen
    unless the user asked for the next round of the same application: then its
    company and role, and only those (the button says so)."""
    if next_round_of is None:
        return Interview.create(scheduled_minutes=NEW_MINUTES)
    return Interview.create(
        scheduled_minutes=NEW_MINUTES, company=next_round_of.company, role=next_round_of.role
    )


@dataclass(frozen=True)
class State:
    """Everything the dashboard shows; replaced as a whole on each change."""

    #: The page's values as typed and picked (the source the reading derives from).
    values: Mapping[str, Any] = field(default_factory=dict)
    interview: Interview | None = None
    weights: Mapping[str, float] = field(default_factory=default_weights)
    assessment: Assessment | None = None
    error: str = ""
    png: bytes = field(default=b"", repr=False)
    theme: str = "light"
    #: The profile picked in the weights panel (recorded on save only while the
    #: weights are still exactly that profile's).
    profile: str = DEFAULT_PROFILE
    #: The saved entry the form is linked to: the next save updates it.
    linked: Entry | None = None
    tab: str = READING_TAB
    #: The outcome date picked on the page (None: none picked).
    outcome_date: str | None = None
    #: What was last saved (the linked entry, or the new interview the page began).
    saved: PageRecord = field(default_factory=lambda: PageRecord(new_interview()))
    #: The page differs from ``saved`` (a value being fixed counts as a difference).
    unsaved: bool = False

    @property
    def page(self) -> PageRecord | None:
        """What Save would write (None while a value is being fixed)."""
        if self.error or self.interview is None:
            return None
        return PageRecord(self.interview, self.outcome_date)


class Session:
    """State, the one journal source, listeners by event class, and requests to the App.

    ``journal``: a :class:`Journal`, a path, or None for the default journal
    (``$INTERVIEW_KIT_JOURNAL`` or the user data folder), opened on first use.
    """

    def __init__(
        self,
        journal: JournalArg | JournalSource = None,
        theme: str = "light",
        handle: Callable[[Request], None] | None = None,
    ) -> None:
        self.source = journal if isinstance(journal, JournalSource) else JournalSource(journal)
        self.state = State(theme=theme)
        self._listeners: dict[type, list[Callable[[Any], object]]] = {}
        #: The App's funnel for requests (a panel shown without an App: nothing happens).
        self._handle = handle

    # -- the store -------------------------------------------------------------
    def replace(self, **changes: Any) -> State:
        """A new state with ``changes`` (the old value is never mutated)."""
        self.state = replace(self.state, **changes)
        return self.state

    def on(self, kind: type, callback: Callable[[Any], object]) -> None:
        """Call ``callback(event)`` whenever an event of class ``kind`` is announced."""
        if not isinstance(kind, type):  # a string topic would never be heard
            raise TypeError(f"listen for an event class from ui.events, not {kind!r}")
        self._listeners.setdefault(kind, []).append(callback)

    def announce(self, event: Announcement) -> None:
        """Tell the listeners of ``event``'s class, in the order they subscribed."""
        for callback in list(self._listeners.get(type(event), ())):
            callback(event)

    def request(self, event: Request) -> None:
        """Ask the App to carry out ``event`` (see :mod:`interview_kit.ui.events`)."""
        if self._handle is not None:
            self._handle(event)

    def link(self, entry: Entry | None) -> None:
        """Link the form to a saved entry (None: a new, unsaved interview), keeping
        what the form shows (its linked entry was deleted, say): what counts as saved
        follows the link."""
        saved = PageRecord.of(entry) if entry is not None else PageRecord(new_interview())
        page = self.state.page
        self.replace(
            linked=entry, saved=saved, unsaved=page is None or page.to_dict() != saved.to_dict()
        )
        self.announce(LinkChanged())

    def begin(self, interview: Interview, entry: Entry | None = None, *, ask: bool = False) -> None:
        """The one way the page moves to an interview (:class:`Begin`): New interview
        and Next round (``entry`` None), Open, and after a save or a recorded outcome.
        The form shows exactly ``interview``, the link follows ``entry``, and the
        outcome controls take the entry's outcome and date or blanks."""
        self.request(Begin(interview, entry, ask=ask))

    # -- the journal -------------------------------------------------------------
    def journal(self) -> Journal:
        """The one journal, opened on first use. A refusal (one line, the file left
        as it is) is announced once (:class:`JournalRefused`) and raised on every call."""
        first = not self.source.tried
        before = _signals.current()
        try:
            journal = self.source.get()
            if first and _signals.current() != before:  # opening it activated its signs
                self.announce(SignsChanged())
            return journal
        except InputError:
            if first:
                self.announce(JournalRefused())
            raise

    def usable_journal(self) -> Journal | None:
        """The journal, or None when it was refused (the page says why: listeners of
        :class:`JournalRefused` show :attr:`journal_error`)."""
        try:
            return self.journal()
        except InputError:
            return None

    @property
    def journal_error(self) -> str:
        """Why the journal was refused ("" while it is usable or not yet opened)."""
        failure = self.source.failure
        return "" if failure is None else str(failure)

    # -- requests the App carries out (shorthands for :meth:`request`) -----------
    def load(self, interview: Interview) -> None:
        """Ask for ``interview`` in the form; the link is left as it is."""
        self.request(Load(interview))

    def set_weights(self, weights: Mapping[str, float]) -> None:
        """Ask for ``weights`` in the weights panel (validated by the core)."""
        self.request(SetWeights(weights))

    def show(self, tab: str) -> None:
        """Ask for the tab titled ``tab`` to be shown."""
        self.request(ShowTab(tab))

    def next_round(self, of: Interview | None = None) -> None:
        """Ask for the next round of ``of``'s application (None: the interview on
        screen) in the form: a new interview with its company and role only."""
        self.request(NextRound(of))
