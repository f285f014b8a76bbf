"""Questions the page asks in the page: before discarding unsaved changes, and which
value to keep where a save met a change made elsewhere to the same field.

Why in the page and not ``window.confirm``: a browser dialog blocks every tab of the
kernel's page and cannot be tested without a browser; these are widgets, reachable
by keyboard (the page aid gives them ``role="alertdialog"``, moves the focus into
them, closes the discard question on Escape, and puts the focus back afterwards).
Every value shown is text in a ``Label`` or a button's words: never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..core.merge import Conflict
from .kit import shared_layout, shared_style
from .saving import conflict_label, conflict_words

Focus = Callable[[str], None]
#: The two answers to a conflict, as (words, value).
KEEP_MINE, TAKE_THEIRS = "mine", "theirs"


_RED, _BLUE = "2px solid #b00020", "2px solid #0b57d0"


def _frame(shown: bool, border: str) -> w.Layout:
    """A dialog's box, shown or hidden (shared layouts: none of its own)."""
    return shared_layout(
        display="" if shown else "none", padding="0.4em", border=border, margin="0.3em 0"
    )


def _title(text: str) -> w.Label:
    label = w.Label(text, layout=shared_layout())
    label.add_class("ik-dialog-title")
    return label


def _answer_buttons(
    answer: Callable[[bool], None], yes: dict[str, str], no: dict[str, str]
) -> tuple[w.Button, w.Button]:
    """A question's two answers as buttons (``hook`` is each one's CSS hook class, the
    rest its widget settings): the first calls ``answer(True)``, the second
    ``answer(False)``."""
    made = []
    for truth, spec in ((True, yes), (False, no)):
        settings = dict(spec)
        hook = settings.pop("hook")
        button = w.Button(style=shared_style(w.Button), **settings)
        button.add_class(hook)
        button.on_click(lambda _button, truth=truth: answer(truth))
        made.append(button)
    return made[0], made[1]


class ConfirmDiscard:
    """ "Discard changes" / "Keep editing", shown in the action bar while asking.

    :meth:`ask` shows the question and runs ``discard`` only on "Discard changes";
    either answer hides it and puts the focus back on ``back`` (a hook class)."""

    def __init__(self, focus: Focus) -> None:
        self._focus = focus
        self._then: Callable[[], None] | None = None
        self._back = ""
        self.text = _title("")
        self.discard_button, self.keep_button = _answer_buttons(
            self._answer,
            {
                "hook": "ik-confirm-discard",
                "description": "Discard changes",
                "button_style": "danger",
                "icon": "trash",
                "tooltip": "Discard the unsaved changes and go on",
            },
            {
                "hook": "ik-confirm-keep",
                "description": "Keep editing",
                "tooltip": "Stay here with the unsaved changes (Escape)",
            },
        )
        self.container = w.VBox(
            [self.text, w.HBox([self.discard_button, self.keep_button])], layout=_frame(False, _RED)
        )
        self.container.add_class("ik-dialog")
        self.container.add_class("ik-confirm")

    @property
    def asking(self) -> bool:
        return self._then is not None

    def ask(self, question: str, discard: Callable[[], None], back: str = "") -> None:
        """Show ``question``; ``discard`` runs if the user says so."""
        self._then, self._back = discard, back
        self.text.value = question
        self.container.layout = _frame(True, _RED)
        self._focus("ik-confirm-keep")

    def _answer(self, discard: bool) -> None:
        then, self._then = self._then, None
        self.container.layout = _frame(False, _RED)
        if discard and then is not None:
            then()
        if self._back:
            self._focus(self._back)


class ConflictQuestion:
    """Where both this page and another writer changed the same field: both values,
    and a choice per field (keep mine / take theirs); then Save with those answers.

    :meth:`ask` shows the conflicts; ``save(take_theirs)`` runs on "Save with these
    choices" with the keys whose other value was chosen."""

    def __init__(self, focus: Focus) -> None:
        self._focus = focus
        self._save: Callable[[set[str]], Any] | None = None
        self._choices: list[tuple[Conflict, w.RadioButtons]] = []
        self.rows = w.VBox([])
        self.save_button, self.cancel_button = _answer_buttons(
            self._answer,
            {
                "hook": "ik-conflict-save",
                "description": "Save with these choices",
                "button_style": "primary",
                "icon": "save",
                "tooltip": "Save the interview with the values chosen above",
            },
            {
                "hook": "ik-conflict-cancel",
                "description": "Not now",
                "tooltip": "Keep editing: nothing is saved yet",
            },
        )
        self.container = w.VBox(
            [
                _title("Changed here and elsewhere since you opened it: choose which to keep"),
                self.rows,
                w.HBox([self.save_button, self.cancel_button]),
            ],
            layout=_frame(False, _BLUE),
        )
        self.container.add_class("ik-dialog")
        self.container.add_class("ik-conflicts")

    @property
    def asking(self) -> bool:
        return self._save is not None

    def ask(self, conflicts: tuple[Conflict, ...], save: Callable[[set[str]], Any]) -> None:
        self._save = save
        self._choices = []
        rows = []
        for conflict in conflicts:
            name = conflict_label(conflict)
            words = (
                f"{name}: here “{conflict_words(conflict.key, conflict.mine)}” · "
                f"elsewhere “{conflict_words(conflict.key, conflict.theirs)}”"
            )
            label = w.Label(words, layout=shared_layout())
            label.add_class("ik-conflict-values")
            choice = w.RadioButtons(
                options=[
                    ("Keep mine (this page)", KEEP_MINE),
                    ("Take theirs (saved elsewhere)", TAKE_THEIRS),
                ],
                value=KEEP_MINE,
                description=name,
                style={"description_width": "initial"},
                layout=shared_layout(),
            )
            choice.add_class("ik-conflict-choice")
            self._choices.append((conflict, choice))
            row = w.VBox([label, choice])
            row.add_class("ik-conflict")
            rows.append(row)
        self.rows.children = rows
        self.container.layout = _frame(True, _BLUE)
        self._focus("ik-conflict-choice")

    def close(self) -> None:
        """Withdraw the question unanswered (the page moved to another interview)."""
        if self._save is not None:
            self._save = None
            self.container.layout = _frame(False, _BLUE)
            self.rows.children = []
            self._choices = []

    def _answer(self, save: bool) -> None:
        then, self._save = self._save, None
        self.container.layout = _frame(False, _BLUE)
        take = {c.key for c, choice in self._choices if choice.value == TAKE_THEIRS}
        self.rows.children = []
        self._choices = []
        if save and then is not None:
            then(take)
        self._focus("ik-save")
