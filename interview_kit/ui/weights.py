"""The weights panel: how much each sign counts, named profiles, and which weights
matter for the interview on screen. One module owns all of it.

:class:`WeightsPanel` is a collapsed Accordion built from the catalog (one number
box per signal, so a new signal gets its box here without a code change), a reset
button, :class:`ProfileControls` and a :class:`SensitivityView`; its contents are
built when it is first opened (until then it holds the weights as values), so the
first page does not create widgets nobody sees yet. Its values reach
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
from ..core.weights import ALL_ZERO, default_weights
from ..journal.records import DEFAULT_PROFILE
from .events import ProfileSaved, ReadingChanged, SignsChanged
from .kit import (
    ChartImage,
    FieldMessages,
    loading_widget,
    message_html,
    paragraph_html,
    show_chart,
    text_widget,
)
from .my_signs import MySignControls
from .session import Session


class WeightsPanel:
    """The collapsible weights panel. Show ``accordion``; ``values()`` is what the
    controls say now (validated by the core when the App reads it)."""

    def __init__(self, session: Session, loading: w.Widget | None = None) -> None:
        self.session = session
        #: What the boxes hold until they are built (the panel starts closed).
        self._values: dict[str, Any] = dict(default_weights())
        self._profile = DEFAULT_PROFILE
        self._callbacks: list[Callable[[dict[str, Any]], None]] = []
        self._built = False
        self._messages = FieldMessages({})
        self.accordion = w.Accordion(children=[loading or loading_widget()], selected_index=None)
        self.accordion.observe(self._on_open, names="selected_index")
        self.accordion.set_title(0, "Weights")
        self.accordion.add_class("ik-weights")
        session.on(ReadingChanged, lambda _e: self._on_reading())
        session.on(ProfileSaved, lambda event: self._on_profiles(event.name))
        session.on(SignsChanged, lambda _e: self._on_signs())

    def _build(self) -> None:
        """The boxes, the profiles and the sensitivity view: built on the first
        opening (or first use), holding the values set meanwhile."""
        if self._built:
            return
        self._built = True
        self._controls: dict[str, w.FloatText] = {}
        style = {"description_width": "9.5em"}
        box = w.Layout(width="18em")  # one Layout for every box
        for signal in _signals.all_signals():  # read at build: a new signal gets its box
            control = w.FloatText(
                value=self._values[signal.id],
                step=0.25,
                description=signal.label,
                style=style,
                tooltip=f"Weight of {signal.label} (0 switches it off)",
                layout=box,
            )
            control.add_class(f"ik-weight-{signal.id}")
            self._controls[signal.id] = control
        self.reset_button = w.Button(
            description="Reset to defaults",
            icon="undo",
            tooltip="Reset all weights to the defaults",
        )
        self.reset_button.add_class("ik-weights-reset")
        self.reset_button.on_click(lambda _b: self.reset())
        intro = text_widget(
            "How much each sign counts (0 switches it off). The reading follows your changes."
        )
        self._profiles = ProfileControls(session=self.session, values=self.values)
        self._profiles.select.value = self._profile
        self._sensitivity = SensitivityView()
        self._my_signs: MySignControls = getattr(self, "_my_signs", None) or MySignControls(
            self.session
        )
        state = self.session.state
        self._sensitivity.show(state.interview, state.weights, state.theme)
        #: A weight's error sits right under its box ("Weight of Engagement: ...").
        self._messages = FieldMessages(
            {
                f"weights.{sid}": (control, f"Weight of {control.description}")
                for sid, control in self._controls.items()
            }
        )
        boxes = [
            item
            for sid, control in self._controls.items()
            for item in (control, self._messages.slot(f"weights.{sid}"))
        ]
        for control in (*self._controls.values(), self._profiles.select):
            for callback in self._callbacks:
                control.observe(callback, names="value")
        self.accordion.children = [
            w.VBox(
                [
                    intro,
                    *boxes,
                    self.reset_button,
                    self._profiles.container,
                    self._my_signs.container,
                    self._sensitivity.container,
                ]
            )
        ]

    @property
    def controls(self) -> dict[str, w.FloatText]:
        """One number box per catalog signal (built now if the panel never opened)."""
        self._build()
        return self._controls

    @property
    def profiles(self) -> ProfileControls:
        self._build()
        return self._profiles

    @property
    def sensitivity(self) -> SensitivityView:
        self._build()
        return self._sensitivity

    @property
    def messages(self) -> FieldMessages:
        """The weight boxes' message slots (none before the boxes exist: the values
        they hold then were validated when set)."""
        return self._messages

    def observe(self, callback: Callable[[dict[str, Any]], None]) -> None:
        """Call ``callback(change)`` when a weight or the picked profile changes."""
        self._callbacks.append(callback)
        if self._built:
            for control in (*self._controls.values(), self._profiles.select):
                control.observe(callback, names="value")

    def values(self) -> dict[str, Any]:
        """The weight boxes' values, as typed (the core validates them)."""
        if not self._built:
            return dict(self._values)
        return {sid: control.value for sid, control in self._controls.items()}

    @property
    def profile(self) -> str:
        """The profile picked in the menu."""
        return str(self._profiles.select.value) if self._built else self._profile

    def reset(self) -> None:
        """The catalog's weights, and the menu names the built-in profile again: it
        must never name a profile whose weights are no longer the ones in use."""
        if self._built:
            self._profiles.select.value = DEFAULT_PROFILE
        self._profile = DEFAULT_PROFILE
        self.session.set_weights(default_weights())

    def set_values(self, weights: Mapping[str, float]) -> None:
        """Put complete, validated weights in the boxes (the App holds its updates)."""
        self._values = dict(weights)
        if self._built:
            for sid, control in self._controls.items():
                control.value = weights[sid]

    @property
    def my_signs(self) -> MySignControls:
        """ "Add a sign of your own" (built now if the panel never opened)."""
        self._build()
        return self._my_signs

    def _on_signs(self) -> None:
        """The catalog changed: a box for each sign (a new one at its default weight)."""
        values = {**default_weights(), **self.values()}
        self._values = {sid: values[sid] for sid in default_weights()}
        if self._built:  # rebuilt with the values they hold (the add boxes kept)
            self._profile = self.profile
            self._built = False
            self._build()
            self._profiles.refresh(select=self._profile)
            self._sensitivity.set_active(self.accordion.selected_index == 0)

    def _on_profiles(self, name: str | None = None) -> None:
        """The journal's profiles changed: the menu lists them and picks ``name``
        (built now if need be: a profile saved elsewhere is picked the same way)."""
        self.profiles.refresh(select=name)

    def _on_open(self, change: Any) -> None:
        """Opening the panel lists the profiles and draws the sensitivity chart."""
        is_open = change["new"] == 0
        if is_open:
            self._build()
            self._profiles.refresh()
        if self._built:
            self._sensitivity.set_active(is_open)

    def _on_reading(self) -> None:
        if not self._built:  # drawn from the state when built
            return
        self._profiles.clear_refusal()  # its value is fixed: a refusal about it goes
        state = self.session.state
        self._sensitivity.show(state.interview, state.weights, state.theme)
        if state.weights and not any(v > 0 for v in state.weights.values()):
            self._profiles.refuse(f"All weights are 0: {ALL_ZERO}.")


class ProfileControls:
    """Dropdown + Load, name + Save as profile, Delete (with a confirmation step)."""

    def __init__(self, session: Session, values: Callable[[], Mapping[str, Any]]) -> None:
        self.session = session
        self._values = values
        self._confirm: str | None = None  # the profile a second Delete click removes
        self._refused = False  # the message shown is a refusal (cleared once all is valid)
        self.select = w.Dropdown(
            options=[DEFAULT_PROFILE],
            value=DEFAULT_PROFILE,
            description="Profile",
            style={"description_width": "5em"},
            layout=w.Layout(width="16em"),
        )
        self.select.add_class("ik-profile-select")
        self.load_button = w.Button(
            description="Load",
            icon="upload",
            tooltip="Put this profile's weights in the controls",
            layout=w.Layout(width="auto"),
        )
        self.load_button.add_class("ik-profile-load")
        self.delete_button = w.Button(
            description="Delete",
            icon="trash",
            tooltip="Delete the selected profile (asks to confirm)",
            layout=w.Layout(width="auto"),
        )
        self.delete_button.add_class("ik-profile-delete")
        self.name = w.Text(
            value="",
            description="Name",
            placeholder="e.g. my weights",
            style={"description_width": "5em"},
            layout=w.Layout(width="16em"),
        )
        self.name.add_class("ik-profile-name")
        self.save_button = w.Button(
            description="Save as profile",
            icon="save",
            tooltip="Save the weights above under this name",
            layout=w.Layout(width="auto"),
        )
        self.save_button.add_class("ik-profile-save")
        self.message = w.HTML("")
        self.message.add_class("ik-profile-message")
        self.load_button.on_click(lambda _b: self.load())
        self.save_button.on_click(lambda _b: self.save())
        self.delete_button.on_click(lambda _b: self.delete())
        self.select.observe(self._on_select, names="value")
        row = w.Layout(flex_flow="row wrap", align_items="center")
        self.container = w.VBox(
            [
                text_widget("Profiles: named sets of weights kept in your journal."),
                w.HBox([self.select, self.load_button, self.delete_button], layout=row),
                w.HBox([self.name, self.save_button], layout=row),
                self.message,
            ]
        )
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
            self._say(
                f"Click 'Confirm delete' to delete {name!r}; interviews saved with it "
                "keep their weights.",
                ok=False,
            )
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

    def refuse(self, text: str) -> None:
        """Say why the weights in the boxes cannot be used (all of them 0)."""
        self._say(text, ok=False)

    def _say(self, text: str, ok: bool = True) -> None:
        if ok:
            self._reset_confirm()
        self._refused = not ok
        self.message.value = message_html(text, ok)

    def clear_refusal(self) -> None:
        """A valid reading again: a refusal shown here (a wrong weight) is out of date."""
        if self._refused and self._confirm is None:
            self._refused = False
            self.message.value = ""


class SensitivityView:
    """The sensitivity bar chart for the interview on screen, with its text alternative.

    ``show(interview, weights)`` remembers what to draw; it draws only when
    ``active`` (the weights panel is open) and the input changed since the last draw.
    """

    def __init__(self) -> None:
        self.image = ChartImage(
            format="png", value=b"", layout=w.Layout(width="calc(100% - 4px)", max_width="480px")
        )
        self.image.add_class("ik-sensitivity")
        self.image.tooltip = "Which weights matter for this interview (drawn when shown)"
        self.text = text_widget("")
        self.text.add_class("ik-sensitivity-text")
        self.active = False
        self._pending: tuple[Any, Mapping[str, float], str] | None = None
        self._drawn: Any = None
        self.container = w.VBox(
            [w.HTML("<h3 class='ik-heading'>Which weights matter here</h3>"), self.image, self.text]
        )
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
