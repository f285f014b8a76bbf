"""The dashboard's session: one state value, the one journal, and what panels may ask.

A store in Solara's manner: :class:`State` is a frozen value, replaced (never
mutated) by the session's methods; views read it and call those methods. Panels
receive the session, never the App: what only the App can do (load an interview
into the form, put weights in the controls, show a tab) they *request* through
the session, and the App, connected once, carries it out through its one update
funnel. Changes are announced by topic:

``reading``        a new reading is in ``state`` (after every successful update)
``link``           the form was linked to another saved entry (or to none); after
                   :meth:`Session.begin` listeners get the entry's outcome and date
                   (blank for a new interview)
``journal``        the journal's entries changed (a save, an outcome, a delete)
``profiles``       a weight profile was saved elsewhere (listeners get its name)
``journal_error``  the journal was refused (once, when first opened)
``signs``          the active catalog changed (a sign of your own added, or the
                   journal's own signs read when it was first opened)
``next_round``     the next round of an application was asked for (listeners get an
                   interview of it); the journal controls start it (one path for
                   their own button and History's applications)
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

TOPICS = ("reading", "link", "journal", "profiles", "journal_error", "next_round", "signs")
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
    return Interview.create(scheduled_minutes=NEW_MINUTES, company=next_round_of.company,
                            role=next_round_of.role)


@dataclass(frozen=True)
class State:
    """Everything the dashboard shows; replaced as a whole on each change."""

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


def _ignore(*_args: Any) -> None:
    """A request nobody is connected to (a panel shown without an App) does nothing."""


class Session:
    """State, the one journal source, listeners by topic, and the App's requests.

    ``journal``: a :class:`Journal`, a path, or None for the default journal
    (``$INTERVIEW_KIT_JOURNAL`` or the user data folder), opened on first use.
    """

    def __init__(self, journal: JournalArg | JournalSource = None, theme: str = "light") -> None:
        self.source = journal if isinstance(journal, JournalSource) else JournalSource(journal)
        self.state = State(theme=theme)
        self._listeners: dict[str, list[Callable[..., object]]] = {t: [] for t in TOPICS}
        self._load: Callable[[Interview], None] = _ignore
        self._set_weights: Callable[[Mapping[str, float]], None] = _ignore
        self._show: Callable[[str], None] = _ignore

    # -- the store -------------------------------------------------------------
    def replace(self, **changes: Any) -> State:
        """A new state with ``changes`` (the old value is never mutated)."""
        self.state = replace(self.state, **changes)
        return self.state

    def on(self, topic: str, callback: Callable[..., object]) -> None:
        """Call ``callback(*args)`` whenever ``topic`` is announced with ``args``."""
        self._listeners[topic].append(callback)

    def notify(self, topic: str, *args: Any) -> None:
        """Announce ``topic`` to its listeners, in the order they subscribed."""
        for callback in list(self._listeners[topic]):
            callback(*args)

    def link(self, entry: Entry | None) -> None:
        """Link the form to a saved entry (None: a new, unsaved interview), keeping
        what the form shows (its linked entry was deleted, say)."""
        self.replace(linked=entry)
        self.notify("link")

    def begin(self, interview: Interview, entry: Entry | None = None) -> None:
        """The one way the page moves to an interview: New interview and Next round
        (``entry`` None), Open, and after a save or a recorded outcome (the saved
        entry, so the form carries its outcome and the reading re-reads at once).
        The form shows exactly ``interview``, the link follows ``entry``, and the
        journal controls take the entry's outcome and date or blanks: nothing else
        carries over."""
        self.replace(linked=entry)
        self._load(interview)
        self.notify("link")

    # -- the journal -------------------------------------------------------------
    def journal(self) -> Journal:
        """The one journal, opened on first use. A refusal (one line, the file left
        as it is) is announced once on ``journal_error`` and raised on every call."""
        first = not self.source.tried
        before = _signals.current()
        try:
            journal = self.source.get()
            if first and _signals.current() != before:  # opening it activated its signs
                self.notify("signs")
            return journal
        except InputError:
            if first:
                self.notify("journal_error")
            raise

    def usable_journal(self) -> Journal | None:
        """The journal, or None when it was refused (the page says why: listeners of
        ``journal_error`` show :attr:`journal_error`)."""
        try:
            return self.journal()
        except InputError:
            return None

    @property
    def journal_error(self) -> str:
        """Why the journal was refused ("" while it is usable or not yet opened)."""
        failure = self.source.failure
        return "" if failure is None else str(failure)

    # -- requests the App carries out -------------------------------------------
    def connect(self, *, load: Callable[[Interview], None],
                set_weights: Callable[[Mapping[str, float]], None],
                show: Callable[[str], None]) -> None:
        """The App's handlers for the requests below (one App per session)."""
        self._load, self._set_weights, self._show = load, set_weights, show

    def load(self, interview: Interview) -> None:
        """Ask for ``interview`` in the form (one update, then a new reading); the
        link is left as it is (see :meth:`begin` to move to another interview)."""
        self._load(interview)

    def set_weights(self, weights: Mapping[str, float]) -> None:
        """Ask for ``weights`` in the weights panel (validated by the core)."""
        self._set_weights(weights)

    def show(self, tab: str) -> None:
        """Ask for the tab titled ``tab`` to be shown."""
        self._show(tab)

    def next_round(self, of: Interview | None = None) -> None:
        """Ask for the next round of ``of``'s application (None: the interview on
        screen) in the form: a new interview with its company and role only."""
        self.notify("next_round", of)
