"""The dashboard's tabs after the first, registered in one place.

Why a registry: adding a panel used to mean editing the App's constructor, a
property and the session, with nothing to say so. Now a panel is a class that takes
the :class:`~interview_kit.ui.session.Session` (never the App) and has ``title``,
``container`` and ``shown()``; one line in :data:`PANELS` makes it a tab, built on
its first visit (its module imported then too), in the order listed. It asks the App
for what only the App can do with typed requests (:mod:`interview_kit.ui.events`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

import ipywidgets as w

from .kit import shared_layout
from .session import CALIBRATION_TAB, HISTORY_TAB, Session

if TYPE_CHECKING:  # imported when first built
    from .calibration import CalibrationPanel
    from .history import HistoryPanel


class Panel(Protocol):
    """A tab the App shows: its title, its widget, and what a visit does."""

    title: str
    container: w.Widget

    def shown(self) -> None: ...


P = TypeVar("P", bound=Panel)


class Deferred(Generic[P]):
    """A tab whose panel is built on its first visit: until then the tab holds one
    short "Loading…" line, so the first page creates no widget for it."""

    def __init__(self, title: str, build: Callable[[], P], loading: w.Widget) -> None:
        self.title = title
        self._build = build
        self._panel: P | None = None
        self.container = w.VBox([loading], layout=shared_layout())

    @property
    def built(self) -> bool:
        return self._panel is not None

    def panel(self) -> P:
        """The panel, built (and put in the tab) on first use."""
        if self._panel is None:
            self._panel = self._build()
            self.container.children = (self._panel.container,)
        return self._panel

    def shown(self) -> None:
        self.panel().shown()


@dataclass(frozen=True)
class PanelSpec:
    """One registered tab: its title and how to build its panel from the session."""

    title: str
    build: Callable[[Session], Panel]


def _history(session: Session) -> HistoryPanel:
    from .history import HistoryPanel

    return HistoryPanel(session)


def _calibration(session: Session) -> CalibrationPanel:
    from .calibration import CalibrationPanel

    return CalibrationPanel(session)


#: The tabs after "Reading", in order. Add a panel here (and nowhere else).
PANELS: tuple[PanelSpec, ...] = (
    PanelSpec(HISTORY_TAB, _history),
    PanelSpec(CALIBRATION_TAB, _calibration),
)
