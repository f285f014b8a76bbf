""" "Add a sign of your own": a few boxes in the weights panel that define a sign
(id, label, category, the words for -2 and +2, a weight) and keep it in the journal.

The sign is checked by the core (core/my_signs) and stored by the journal, which makes
it part of the active catalog; the session then announces ``signs`` and the form, the
weights and the radar follow (they are built from the catalog).
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from ..core.errors import InputError
from ..core.my_signs import MAX_LABEL, MAX_WORDS, make_sign
from ..core.signals import CATEGORIES
from .events import SignsChanged
from .kit import html_widget, plain_reason, text_widget
from .session import Session


class MySignControls:
    """The boxes and the button; ``container`` is what the weights panel shows."""

    def __init__(self, session: Session, added: Callable[[], None] | None = None) -> None:
        self.session = session
        self._added = added or (lambda: None)
        style = {"description_width": "9.5em"}
        layout = w.Layout(width="100%", max_width="28em")
        self.id = w.Text(
            description="Id",
            placeholder="e.g. salary (a-z, 0-9, _)",
            style=style,
            layout=layout,
            tooltip="Sign id",
        )
        self.label = w.Text(
            description="Label",
            placeholder=f"at most {MAX_LABEL} characters",
            style=style,
            layout=layout,
            tooltip="The sign's name",
        )
        self.category = w.Dropdown(
            description="Category",
            style=style,
            layout=layout,
            options=[(c.label, c.id) for c in CATEGORIES],
            value="flow",
            tooltip="Category of the sign",
        )
        self.low = w.Text(
            description="-2 looks like",
            style=style,
            layout=layout,
            placeholder=f"at most {MAX_WORDS} characters",
            tooltip="What the -2 end looks like",
        )
        self.high = w.Text(
            description="+2 looks like",
            style=style,
            layout=layout,
            placeholder=f"at most {MAX_WORDS} characters",
            tooltip="What the +2 end looks like",
        )
        self.weight = w.FloatText(
            value=1.0,
            step=0.25,
            description="Weight",
            style=style,
            layout=w.Layout(width="18em"),
            tooltip="Weight of the sign",
        )
        self.button = w.Button(
            description="Add the sign",
            icon="plus",
            tooltip="Add this sign of your own to the journal",
        )
        self.button.add_class("ik-add-sign")
        self.button.on_click(lambda _b: self.add())
        self.status = html_widget("", "ik-add-sign-status")
        for name in ("id", "label", "low", "high"):
            getattr(self, name).add_class(f"ik-my-sign-{name}")
        self.container = w.VBox(
            [
                html_widget("<h3 class='ik-heading'>Add a sign of your own</h3>"),
                text_widget(
                    "Something you want to note that the list lacks: it joins the "
                    "form (under More signs), the radar and the reading."
                ),
                self.id,
                self.label,
                self.category,
                self.low,
                self.high,
                self.weight,
                self.button,
                self.status,
            ]
        )
        self.container.add_class("ik-my-signs")

    def add(self) -> bool:
        """Check and keep the sign; say what happened (one line). True if added."""
        journal = self.session.usable_journal()
        if journal is None:
            self._say(f"Your journal could not be opened: {self.session.journal_error}", False)
            return False
        try:
            sign = make_sign(
                self.id.value.strip(),
                self.label.value,
                self.category.value,
                self.low.value,
                self.high.value,
                self.weight.value,
                catalog=journal.sign_catalog(),
            )
            journal.add_sign(sign)
        except InputError as error:
            label = error.label or error.field
            self._say(f"{label}: {plain_reason(error.reason)}", False)
            return False
        self._say(f"Added “{sign.label}”: find it under More signs in the form.")
        for box in (self.id, self.label, self.low, self.high):
            box.value = ""
        self.session.announce(SignsChanged())
        self._added()
        return True

    def _say(self, text: str, ok: bool = True) -> None:
        role = "status" if ok else "alert"
        self.status.value = f"<p class='ik-text' role='{role}'>{html.escape(text)}</p>"
