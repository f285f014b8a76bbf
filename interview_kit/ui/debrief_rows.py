"""The Debrief's lists: who you met, the questions they asked, the questions you asked.

Each list (:class:`RowList`) is rows under a heading with an Add button after them;
each row (:class:`Row`) is its controls, a message slot under each, and a Remove
button. What a list holds is data (:data:`PEOPLE`, :data:`ASKED`, :data:`MINE`): the
contract field, its limit, its words and, per control, how wide it starts.

A row is compact at every width: its controls sit side by side and wrap (at most two
lines on a 390 px phone), each label above its box, the Remove button after the last
control on the same line. The tab order is the reading order (the controls, then
Remove). User text stays in ``Text``/``Textarea`` widgets: never raw HTML.

CSS hooks: ``ik-debrief-list`` (a list with its heading and Add), ``ik-debrief-row``
and ``ik-person`` / ``ik-asked`` / ``ik-my-question`` (each row), ``ik-row-cell`` (a
control with its message), the controls ``ik-person-name``, ``ik-person-role``,
``ik-asked-question``, ``ik-asked-answer``, ``ik-my-question-text``, the button
``ik-remove-row``; ``ik-add-person`` / ``ik-add-asked`` / ``ik-add-my-question``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from ..core import fields
from ..core.debrief import (
    MAX_INTERVIEWERS,
    MAX_MY_QUESTIONS,
    MAX_QUESTIONS,
    debrief_label,
)
from ..core.errors import InputError
from .kit import FieldMessages, close_owned, shared_layout, shared_style

Callback = Callable[[dict[str, Any]], None]
#: Moves the keyboard focus to a widget known by its (unique) hook class.
Focuser = Callable[[w.DOMWidget, str], None]

#: A row part that is the whole item (your questions are plain strings).
PLAIN = "text"


@dataclass(frozen=True)
class Part:
    """One control of a row: its contract key (:data:`PLAIN` when the item is plain
    text), the widget kind, its words (``{n}``: the row's number), its CSS hook and
    the width it starts from before the row wraps (``100%``: a line of its own)."""

    key: str
    kind: type[w.Text] | type[w.Textarea]
    description: str
    placeholder: str
    css: str
    basis: str = "9em"


@dataclass(frozen=True)
class ListSpec:
    """One list of the debrief: the contract field, its limit and its words."""

    field: str
    limit: int
    add: str
    css: str
    parts: tuple[Part, ...]


PEOPLE = ListSpec(
    fields.INTERVIEWERS.key,
    MAX_INTERVIEWERS,
    "Add a person",
    "ik-person",
    (
        Part("name", w.Text, "Person {n}", "Name, e.g. Ana Diaz", "ik-person-name", "7em"),
        Part("role", w.Text, "Their role", "optional, e.g. manager", "ik-person-role", "7em"),
    ),
)
ASKED = ListSpec(
    fields.QUESTIONS.key,
    MAX_QUESTIONS,
    "Add a question they asked",
    "ik-asked",
    (
        Part("question", w.Text, "Question {n}", "What they asked", "ik-asked-question", "100%"),
        Part(
            "answer",
            w.Textarea,
            "Your answer",
            "Notes on how you answered (kept private)",
            "ik-asked-answer",
            "12em",
        ),
    ),
)
MINE = ListSpec(
    fields.MY_QUESTIONS.key,
    MAX_MY_QUESTIONS,
    "Add a question you asked",
    "ik-my-question",
    (
        Part(
            PLAIN,
            w.Text,
            "Your question {n}",
            "A question you asked them",
            "ik-my-question-text",
            "12em",
        ),
    ),
)


def place(spec: ListSpec, index: int, part: Part | None = None) -> str:
    """The contract's place of a row's part: ``questions[1].answer``."""
    key = "" if part is None or part.key == PLAIN else f".{part.key}"
    return f"{spec.field}[{index}]{key}"


def _row_style(kind: type[w.DOMWidget]) -> Any:
    """A row control's description style: its label sits above the box (the
    stylesheet's row rules), so it takes the cell's width, not a column's."""
    return shared_style(kind, description_width="auto")


class Row:
    """One row of a list: its controls side by side, a message slot under each, and
    a Remove button after them (see the module's words on the layout)."""

    def __init__(self, spec: ListSpec, number: int, values: dict[str, str]) -> None:
        self.controls: dict[str, w.Text | w.Textarea] = {}
        fit = shared_layout(width="calc(100% - 8px)")
        for part in spec.parts:
            sized = {"rows": 2} if part.kind is w.Textarea else {}
            control = part.kind(
                value=values.get(part.key, ""),
                placeholder=part.placeholder,
                style=_row_style(part.kind),
                continuous_update=False,
                layout=fit,
                **sized,
            )
            control.add_class(part.css)
            self.controls[part.key] = control
        #: Keyed by part (:data:`PLAIN` for a text item); labels follow the row's number.
        self.messages = FieldMessages(
            {key: (control, "") for key, control in self.controls.items()}
        )
        self.remove_button = w.Button(icon="trash", layout=shared_layout(width="auto"))
        self.remove_button.add_class("ik-remove-row")
        self._cells: list[w.VBox] = []
        for part in spec.parts:
            cell = w.VBox(
                [self.controls[part.key], self.messages.slot(part.key)],
                layout=shared_layout(flex=f"1 1 {part.basis}", min_width="0"),
            )
            cell.add_class("ik-row-cell")
            self._cells.append(cell)
        self.container = w.Box(
            [*self._cells, self.remove_button],
            layout=shared_layout(
                flex_flow="row wrap",
                align_items="flex-end",
                margin="0.2em 0 0.5em 0",
                padding="0 4px 0 0.5em",
            ),
        )
        self.container.add_class("ik-debrief-row")
        self.container.add_class(spec.css)
        self.spec = spec
        self.number(number)

    def number(self, number: int) -> None:
        """Name the row's controls, button and messages for its place in the list."""
        index = number - 1
        for part in self.spec.parts:
            control = self.controls[part.key]
            control.description = part.description.format(n=number)
            label = debrief_label(place(self.spec, index, part)) or control.description
            control.tooltip = label
            self.messages.fields[part.key] = (control, label)
        item = debrief_label(place(self.spec, index)) or ""
        self.remove_button.description = f"Remove {item[:1].lower()}{item[1:]}"
        self.remove_button.tooltip = f"Remove {item.lower()} from the debrief"

    def values(self) -> dict[str, Any]:
        return {key: control.value for key, control in self.controls.items()}

    def focus(self, focus: Focuser) -> None:
        """Move the keyboard focus to the row's first control."""
        key, control = next(iter(self.controls.items()))
        focus(control, self.messages.hooks[key])

    @property
    def blank(self) -> bool:
        """Nothing but spaces in every part (a blank row is no item: never an error)."""
        return all(isinstance(v, str) and not v.strip() for v in self.values().values())

    def item(self) -> Any:
        """The row as the contract writes it (a plain string for your questions)."""
        values = self.values()
        return values[PLAIN] if PLAIN in values else values

    def close(self) -> None:
        """Close the row's widget models, and the styles and layouts only they use
        (the shared layouts stay): a removed row leaves nothing behind."""
        slots = [self.messages.slot(key) for key in self.controls]
        close_owned(*self.controls.values(), *slots, self.remove_button, *self._cells)
        close_owned(self.container)


class RowList:
    """A growing list of rows under a heading, with an Add button after them."""

    def __init__(self, spec: ListSpec, callbacks: list[Callback], focus: Focuser) -> None:
        self.spec = spec
        self._callbacks = callbacks
        self._focus = focus
        self.rows: list[Row] = []
        #: The k-th item the core last saw -> its row (blank rows are skipped).
        self._order: list[Row] = []
        self.box = w.VBox([])
        self.add_button = w.Button(
            description=spec.add,
            icon="plus",
            tooltip=f"{spec.add} (at most {spec.limit})",
            layout=shared_layout(width="auto", align_self="flex-start"),
        )
        self._add_hook = f"ik-add-{spec.css[3:]}"
        self.add_button.add_class(self._add_hook)
        self.add_button.on_click(lambda _button: self.add(focus=True))
        title = html.escape(fields.get_field(spec.field).label)
        heading = w.HTML(f"<h3 class='ik-heading'>{title}</h3>")
        self.container = w.VBox([heading, self.box, self.add_button])
        self.container.add_class("ik-debrief-list")

    def add(self, values: dict[str, str] | None = None, *, focus: bool = False) -> Row | None:
        """A new row at the end (None at the limit: a client can click a disabled
        button, so the limit is kept here, not only by disabling it)."""
        if len(self.rows) >= self.spec.limit:
            return None
        row = Row(self.spec, len(self.rows) + 1, values or {})
        row.remove_button.on_click(lambda _button, r=row: self.remove(r))
        for control in row.controls.values():
            for callback in self._callbacks:
                control.observe(callback, names="value")
        self.rows.append(row)
        self._show()
        if focus:
            row.focus(self._focus)
        return row

    def remove(self, row: Row) -> None:
        """Drop a row (its words with it); the reading re-reads when it held any."""
        if row not in self.rows:
            return
        held = not row.blank
        index = self.rows.index(row)
        self.rows.remove(row)
        self._show()
        row.close()
        for number, later in enumerate(self.rows[index:], start=index + 1):
            later.number(number)
        if self.rows:  # the row that took its place (or the new last one)
            self.rows[min(index, len(self.rows) - 1)].focus(self._focus)
        else:
            self._focus(self.add_button, self._add_hook)
        if held:
            change = {"name": "value", "owner": self, "old": None, "new": None, "type": "change"}
            for callback in self._callbacks:
                callback(change)

    def set_items(self, items: Sequence[dict[str, str]]) -> None:
        """Exactly these items, in new rows (the old ones are closed); rows that
        already hold exactly them are kept (a save re-loads what it saved)."""
        if [row.values() for row in self.rows] == [dict(item) for item in items]:
            return
        for row in self.rows:
            row.close()
        self.rows = []
        for values in items:
            self.add(values)
        self._show()

    def _show(self) -> None:
        self.box.children = tuple(row.container for row in self.rows)
        self.add_button.disabled = len(self.rows) >= self.spec.limit

    def items(self) -> list[Any]:
        """The rows that hold something, as the contract writes them."""
        self._order = [row for row in self.rows if not row.blank]
        return [row.item() for row in self._order]

    def locate(self, error: InputError) -> tuple[Row, str] | None:
        """The row and part a core error about this list points at."""
        prefix = f"{self.spec.field}["
        if not error.field.startswith(prefix):
            return None
        index, _, part = error.field[len(prefix) :].partition("]")
        if not index.isdigit() or int(index) >= len(self._order):
            return None
        key = part.lstrip(".") or PLAIN
        row = self._order[int(index)]
        return (row, key) if key in row.controls else None
