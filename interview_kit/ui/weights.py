"""The weights panel: how much each sign counts, named profiles, and which weights
matter for the interview on screen. One module owns all of it.

:class:`WeightsPanel` is a collapsed Accordion built from the catalog (one number
box per signal, so a new signal gets its box here without a code change), a reset
button, :class:`ProfileControls` and a :class:`SensitivityView`. Its values reach
the reading only through the App's update funnel (``observe``); changes it asks
for (a profile loaded, a reset) go through the session's ``set_weights`` request.

:class:`ProfileControls` lists the journal's weight profiles (the built-in
``default`` first), loads one, saves the current weights under a name and deletes
a saved one (never ``default``; a second click confirms). :class:`SensitivityView`
draws, for the interview on screen, how much the overall score moves when each
weight is doubled or switched off; it renders only while the panel is open, so
typing in the form stays cheap; it follows the page's chart theme. The journal is
the session's, opened on first use; one that can't be opened gives a one-line
message in the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ..core import signals as _signals
from ..core.errors import InputError
from ..core.weights import default_weights
from ..journal.records import DEFAULT_PROFILE
from .kit import (
    ChartImage,
    FieldMessages,
    message_html,
    paragraph_html,
    show_chart,
    text_widget,
)
from .session import Session


class WeightsPanel:
    """The collapsible weights panel. Show ``accordion``; ``values()`` is what the
    controls say now (validated by the core when the App reads it)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        defaults = default_weights()
        self.controls: dict[str, w.FloatText] = {}
        for signal in _signals.CATALOG:  # read at build: a new signal gets its box
            control = w.FloatText(value=defaults[signal.id], step=0.25,
                                  description=signal.label,
                                  style={"description_width": "9.5em"},
                                  tooltip=f"Weight of {signal.label} (0 switches it off)",
                                  layout=w.Layout(width="18em"))
            control.add_class(f"ik-weight-{signal.id}")
            self.controls[signal.id] = control
        self.reset_button = w.Button(description="Reset to defaults", icon="undo",
                                     tooltip="Reset all weights to the defaults")
        self.reset_button.add_class("ik-weights-reset")
        self.reset_button.on_click(lambda _b: self.reset())
        intro = text_widget("How much each sign counts (0 switches it off). "
                            "The reading follows your changes.")
        self.profiles = ProfileControls(session, self.values)
        self.sensitivity = SensitivityView()
        #: A weight's error sits right under its box ("Weight of Engagement: ...").
        self.messages = FieldMessages({
            f"weights.{sid}": (control, f"Weight of {control.description}")
            for sid, control in self.controls.items()})
        boxes = [item for sid, control in self.controls.items()
                 for item in (control, self.messages.slot(f"weights.{sid}"))]
        self.accordion = w.Accordion(
            children=[w.VBox([intro, *boxes, self.reset_button,
                              self.profiles.container, self.sensitivity.container])],
            selected_index=None)
        self.accordion.observe(self._on_open, names="selected_index")
        self.accordion.set_title(0, "Weights")
        self.accordion.add_class("ik-weights")
        session.on("reading", self._on_reading)
        session.on("profiles", lambda name: self.profiles.refresh(select=name))

    def observe(self, callback: Callable[[dict[str, Any]], None]) -> None:
        """Call ``callback(change)`` when a weight or the picked profile changes."""
        for control in (*self.controls.values(), self.profiles.select):
            control.observe(callback, names="value")

    def values(self) -> dict[str, Any]:
        """The weight boxes' values, as typed (the core validates them)."""
        return {sid: control.value for sid, control in self.controls.items()}

    @property
    def profile(self) -> str:
        """The profile picked in the menu."""
        return str(self.profiles.select.value)

    def reset(self) -> None:
        """The catalog's weights, and the menu names the built-in profile again: it
        must never name a profile whose weights are no longer the ones in use."""
        self.profiles.select.value = DEFAULT_PROFILE
        self.session.set_weights(default_weights())

    def set_values(self, weights: Mapping[str, float]) -> None:
        """Put complete, validated weights in the boxes (the App holds its updates)."""
        for sid, control in self.controls.items():
            control.value = weights[sid]

    def _on_open(self, change: Any) -> None:
        """Opening the panel lists the profiles and draws the sensitivity chart."""
        is_open = change["new"] == 0
        if is_open:
            self.profiles.refresh()
        self.sensitivity.set_active(is_open)

    def _on_reading(self) -> None:
        state = self.session.state
        self.sensitivity.show(state.interview, state.weights, state.theme)


class ProfileControls:
    """Dropdown + Load, name + Save as profile, Delete (with a confirmation step)."""

    def __init__(self, session: Session, values: Callable[[], Mapping[str, Any]]) -> None:
        self.session = session
        self._values = values
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
            names = [p.name for p in self.session.journal().profiles()]
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
            profile = self.session.journal().get_profile(name)
            self.session.set_weights(profile.weights)
        except InputError as error:
            self._say(str(error), ok=False)
            return
        self._say(f"Loaded the profile {name!r}.")

    def save(self, name: str | None = None) -> None:
        name = self.name.value.strip() if name is None else name
        try:
            weights = dict(self._values())
            profile = self.session.journal().save_profile(name, weights)
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
            self.session.journal().delete_profile(name)
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
        self._pending: tuple[Any, Mapping[str, float], str] | None = None
        self._drawn: Any = None
        self.container = w.VBox([
            w.HTML("<h3 class='ik-heading'>Which weights matter here</h3>"),
            self.image, self.text])
        self.container.add_class("ik-sensitivity-view")

    def show(self, interview: Any, weights: Mapping[str, float], theme: str = "light") -> None:
        """Remember what to draw, in the page's chart theme (drawn now if open)."""
        self._pending = (interview, dict(weights), theme)
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
        # Imported on the first draw: the panel starts closed, so most visits never pay.
        from ..charts.sensitivity import sensitivity_figure, sensitivity_text
        from ..charts.theme import figure_png
        from ..learn.sensitivity import sensitivity

        interview, weights, theme = self._pending
        rows = sensitivity(interview, weights)
        words = sensitivity_text(rows)
        if any(r.value is not None for r in rows):
            show_chart(self.image, figure_png(sensitivity_figure(rows, theme)), words)
            self.image.layout.display = ""
        else:  # an empty frame of "(not noticed)" bars says nothing: the words alone
            self.image.layout.display = "none"
        self.text.value = paragraph_html(words)
        self._drawn = self._pending
