"""Extras for the dashboard's weights panel: named profiles and a sensitivity chart.

:class:`ProfileControls` lists the journal's weight profiles (the built-in
``default`` first), loads one into the weight controls, saves the current
weights under a name and deletes a saved one (never ``default``; a second click
confirms). :class:`SensitivityView` draws, for the interview on screen, how much
the overall score moves when each weight is doubled or switched off; it renders
only while the weights panel is open, so typing in the form stays cheap.

The journal is opened lazily through :class:`JournalSource` (a ``Journal``, a
callable returning one, or ``None`` for :func:`~interview_kit.journal.open_journal`),
so building the dashboard never touches a file; a journal that can't be opened
gives a one-line message in the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

import ipywidgets as w

from .errors import InputError
from .journal import DEFAULT_PROFILE, Journal, open_journal
from .widgets import ChartImage, message_html, paragraph_html, show_chart, text_widget

JournalLike = Journal | Callable[[], Journal] | None


class JournalSource:
    """Hands out one journal, opened on first use (never at construction).

    ``journal``: a Journal, a callable returning one (or None), or None; None in
    the end means :func:`open_journal` (``$INTERVIEW_KIT_JOURNAL`` or the user's).
    """

    def __init__(self, journal: JournalLike = None) -> None:
        self._given = journal
        self._journal: Journal | None = journal if isinstance(journal, Journal) else None

    def get(self) -> Journal:
        """The journal; raises :class:`InputError` (one line) when it can't be opened."""
        if self._journal is None:
            journal: Any = self._given() if callable(self._given) else self._given
            if journal is None:
                journal = open_journal()
            if not isinstance(journal, Journal):
                raise InputError("journal", journal, "is not a journal")
            self._journal = journal
        return self._journal


class WeightsHost(Protocol):
    """What the profile controls need from the dashboard (``App`` has these)."""

    weight_controls: Mapping[str, Any]

    def set_weights(self, weights: Mapping[str, float]) -> None: ...


class ProfileControls:
    """Dropdown + Load, name + Save as profile, Delete (with a confirmation step)."""

    def __init__(self, host: WeightsHost, journal: JournalLike | JournalSource = None) -> None:
        self.host = host
        self.source = journal if isinstance(journal, JournalSource) else JournalSource(journal)
        self._confirm: str | None = None  # the profile a second Delete click removes
        self.select = w.Dropdown(options=[DEFAULT_PROFILE], value=DEFAULT_PROFILE,
                                 description="Profile", style={"description_width": "5em"},
                                 layout=w.Layout(width="16em"))
        self.select.add_class("ik-profile-select")
        self.load_button = w.Button(description="Load", icon="upload",
                                    tooltip="Put this profile's weights in the controls",
                                    layout=w.Layout(width="auto"))
        self.load_button.add_class("ik-profile-load")
        self.delete_button = w.Button(description="Delete", icon="trash",
                                      tooltip="Delete the selected profile (asks to confirm)",
                                    layout=w.Layout(width="auto"))
        self.delete_button.add_class("ik-profile-delete")
        self.name = w.Text(value="", description="Name", placeholder="e.g. my weights",
                           style={"description_width": "5em"}, layout=w.Layout(width="16em"))
        self.name.add_class("ik-profile-name")
        self.save_button = w.Button(description="Save as profile", icon="save",
                                    tooltip="Save the weights above under this name",
                                    layout=w.Layout(width="auto"))
        self.save_button.add_class("ik-profile-save")
        self.message = w.HTML("")
        self.message.add_class("ik-profile-message")
        self.load_button.on_click(lambda _b: self.load())
        self.save_button.on_click(lambda _b: self.save())
        self.delete_button.on_click(lambda _b: self.delete())
        self.select.observe(self._on_select, names="value")
        row = w.Layout(flex_flow="row wrap", align_items="center")
        self.container = w.VBox([
            text_widget("Profiles: named sets of weights kept in your journal."),
            w.HBox([self.select, self.load_button, self.delete_button], layout=row),
            w.HBox([self.name, self.save_button], layout=row),
            self.message,
        ])
        self.container.add_class("ik-profiles")

    # -- actions (also called by tests and the calibration view) ---------------
    def refresh(self, select: str | None = None) -> bool:
        """Re-read the profile names from the journal; False (and a message) if it can't."""
        try:
            names = [p.name for p in self.source.get().profiles()]
        except InputError as error:
            self._say(f"Profiles are unavailable: {error}", ok=False)
            return False
        keep = select if select in names else self.select.value
        self.select.options = names
        self.select.value = keep if keep in names else DEFAULT_PROFILE
        return True

    def load(self, name: str | None = None) -> None:
        name = self.select.value if name is None else name
        try:
            profile = self.source.get().get_profile(name)
            self.host.set_weights(profile.weights)
        except InputError as error:
            self._say(str(error), ok=False)
            return
        self._say(f"Loaded the profile {name!r}.")

    def save(self, name: str | None = None) -> None:
        name = self.name.value.strip() if name is None else name
        try:
            weights = {sid: c.value for sid, c in self.host.weight_controls.items()}
            profile = self.source.get().save_profile(name, weights)
        except InputError as error:
            self._say(f"Not saved: {error}", ok=False)
            return
        self.refresh(select=profile.name)
        self._say(f"Saved the current weights as {profile.name!r}.")

    def delete(self) -> None:
        """First click asks; a second click on the same profile deletes it."""
        name = self.select.value
        if name == DEFAULT_PROFILE:
            self._say("The default profile is built in and cannot be deleted.", ok=False)
            return
        if self._confirm != name:
            self._confirm = name
            self.delete_button.description = "Confirm delete"
            self._say(f"Click 'Confirm delete' to delete {name!r}; interviews saved with it "
                      "keep their weights.", ok=False)
            return
        try:
            self.source.get().delete_profile(name)
        except InputError as error:
            self._say(str(error), ok=False)
            return
        self.refresh(select=DEFAULT_PROFILE)
        self._say(f"Deleted the profile {name!r}.")

    # -- helpers ------------------------------------------------------------------
    def _on_select(self, _change: Any = None) -> None:
        self._reset_confirm()

    def _reset_confirm(self) -> None:
        self._confirm = None
        self.delete_button.description = "Delete"

    def _say(self, text: str, ok: bool = True) -> None:
        if ok:
            self._reset_confirm()
        self.message.value = message_html(text, ok)


class SensitivityView:
    """The sensitivity bar chart for the interview on screen, with its text alternative.

    ``show(interview, weights)`` remembers what to draw; it draws only when
    ``active`` (the weights panel is open) and the input changed since the last draw.
    """

    def __init__(self) -> None:
        self.image = ChartImage(format="png", value=b"",
                                layout=w.Layout(width="calc(100% - 4px)", max_width="480px"))
        self.image.add_class("ik-sensitivity")
        self.image.tooltip = "Which weights matter for this interview (drawn when shown)"
        self.text = text_widget("")
        self.text.add_class("ik-sensitivity-text")
        self.active = False
        self._pending: tuple[Any, Mapping[str, float]] | None = None
        self._drawn: Any = None
        self.container = w.VBox([
            w.HTML("<h3 class='ik-heading'>Which weights matter here</h3>"),
            self.image, self.text])
        self.container.add_class("ik-sensitivity-view")

    def show(self, interview: Any, weights: Mapping[str, float]) -> None:
        self._pending = (interview, dict(weights))
        if self.active:
            self.render()

    def set_active(self, active: bool) -> None:
        self.active = bool(active)
        if self.active:
            self.render()

    def render(self) -> None:
        """Draw the pending interview (skipped when nothing changed)."""
        if self._pending is None or self._pending == self._drawn:
            return
        from .calibration_charts import figure_png, sensitivity_figure, sensitivity_text
        from .sensitivity import sensitivity

        interview, weights = self._pending
        rows = sensitivity(interview, weights)
        words = sensitivity_text(rows)
        if any(r.value is not None for r in rows):
            show_chart(self.image, figure_png(sensitivity_figure(rows), dpi=80), words)
            self.image.layout.display = ""
        else:  # an empty frame of "(not noticed)" bars says nothing: the words alone
            self.image.layout.display = "none"
        self.text.value = paragraph_html(words)
        self._drawn = self._pending
