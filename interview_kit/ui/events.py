"""What moves through the dashboard, as small frozen values rather than string topics.

Why typed: a panel's request can be followed by reading the code (find the class,
find its one handler in :meth:`App._handle`), a misspelt topic is an import error,
and an event carries its data by name. Two kinds:

*Requests* go from a panel to the App, through :meth:`Session.request`, and are
carried out in the App's one funnel (only the App holds the form, the weights
controls and the tabs): :class:`Begin`, :class:`Load`, :class:`SetWeights`,
:class:`ShowTab`, :class:`NextRound`, :class:`Focus`.

*Announcements* go from the session to whoever listens (:meth:`Session.on` with
the class): :class:`ReadingChanged`, :class:`LinkChanged`, :class:`JournalChanged`,
:class:`ProfileSaved`, :class:`JournalRefused`, :class:`SignsChanged`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core.interview import Interview
from ..journal.records import Entry

# -- requests: carried out by the App --------------------------------------------


@dataclass(frozen=True)
class Begin:
    """Move the page to ``interview``, linked to ``entry`` (None: a new, unsaved
    one). ``ask``: with unsaved changes on the page, ask before discarding them
    (New interview, Open); a save or a recorded outcome moves without asking.
    ``then``: a tab to show once moved; ``said``: what the status beside Save says
    then; ``back``: the hook class of the control that asked, where the keyboard
    focus returns after the question (Save when none)."""

    interview: Interview
    entry: Entry | None = None
    ask: bool = False
    then: str = ""
    said: str = ""
    back: str = ""


@dataclass(frozen=True)
class Load:
    """Show ``interview`` in the form, keeping the link (one update)."""

    interview: Interview


@dataclass(frozen=True)
class SetWeights:
    """Put ``weights`` in the weights panel (validated by the core) and re-score."""

    weights: Mapping[str, float]


@dataclass(frozen=True)
class ShowTab:
    """Show the tab titled ``title``."""

    title: str


@dataclass(frozen=True)
class NextRound:
    """A new interview for the next round of ``of``'s application (None: the one
    on screen): its company and role only."""

    of: Interview | None = None


@dataclass(frozen=True)
class Focus:
    """Move the keyboard focus to the control carrying the hook class ``hook`` (a
    panel's own control, e.g. a draft it just opened), as soon as it is drawn."""

    hook: str


Request = Begin | Load | SetWeights | ShowTab | NextRound | Focus

# -- announcements: heard by panels ----------------------------------------------


@dataclass(frozen=True)
class ReadingChanged:
    """A new reading is in the session's state (after every successful update)."""


@dataclass(frozen=True)
class LinkChanged:
    """The page was linked to another saved entry (or to none), or moved to
    another interview."""


@dataclass(frozen=True)
class JournalChanged:
    """The journal's entries changed (a save, an outcome, a delete)."""


@dataclass(frozen=True)
class ProfileSaved:
    """A weight profile was saved elsewhere in the page."""

    name: str


@dataclass(frozen=True)
class JournalRefused:
    """The journal was refused (once, when first opened)."""


@dataclass(frozen=True)
class SignsChanged:
    """The active sign catalog changed: a sign of your own was added, or the journal's
    own signs were read when it was first opened (the form, weights and radar follow)."""


Announcement = (
    ReadingChanged | LinkChanged | JournalChanged | ProfileSaved | JournalRefused | SignsChanged
)
