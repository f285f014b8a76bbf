"""The interview form, built from the signal catalog with ipywidgets.

One loop over ``observed_signals()`` makes a control per sign (no per-signal
code): a dropdown whose options carry the behaviour-anchored words of each level,
a "Didn't notice" choice distinct from neutral, the words of both ends, and an
info toggle with what the sign suggests and how strong its evidence is.

The order of the form, top to bottom, is one list of data in
:mod:`interview_kit.ui.form_order` (what you noticed first, the identifiers after).

Every value a browser sends goes through :meth:`Interview.from_dict` in
:meth:`InterviewForm.to_interview`; the view itself trusts nothing.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ..core import fields
from ..core import signals as _signals
from ..core.errors import InputError
from ..core.fields import Control, Field
from ..core.interview import STAGES, Interview
from ..core.signals import Signal
from ..core.wording import EVIDENCE_WORDS
from . import form_order
from .debrief import SECTION_FIELDS, DebriefSection
from .derive import typed_minutes
from .kit import (
    FieldMessages,
    html_widget,
    set_shown,
    shared_layout,
    shared_style,
    stage_label,
    text_widget,
)

#: The dropdown label of "did not notice" (value None), kept apart from neutral (0).
NOT_NOTICED = "Didn't notice"
#: Its option value (a Dropdown treats a None value as "nothing selected").
UNSET = "unset"
_SIGN = {-2: "−2", -1: "−1", 0: "0", 1: "+1", 2: "+2"}
_DESCRIPTION_STYLE = {"description_width": "9.5em"}
_FIT = "calc(100% - 4px)"  # 100% plus the widgets' 2px margins would overflow a phone


def _style(kind: type[w.DOMWidget]) -> Any:
    """The form's description style for ``kind``: one shared model per kind."""
    return shared_style(kind, **_DESCRIPTION_STYLE)


class _Layouts:
    """One ``Layout`` per kind, shared by every widget of that kind: the page creates
    one model for each, not one per control (only a layout that is changed later,
    such as a box shown and hidden, stays the widget's own)."""

    def __init__(self) -> None:
        self.full = w.Layout(width=_FIT, max_width="34em")
        self.row = w.Layout(margin="0.3em 0 0.5em 0")


def level_options(signal: Signal) -> list[tuple[str, float | str]]:
    """Dropdown options for one signal: "Didn't notice", then -2..+2 with their words."""
    options: list[tuple[str, float | str]] = [(NOT_NOTICED, UNSET)]
    for index, words in enumerate(signal.levels):
        value = index + int(_signals.LOW)
        options.append((f"{_SIGN.get(value, str(value))} · {words}", float(value)))
    return options


def _offer(control: w.Dropdown, value: float, label: str) -> None:
    """Add ``value`` to a dropdown's choices when no level matches it exactly, so a
    saved value between two levels is shown and re-saved as it is, never rounded."""
    if value not in [choice for _, choice in control.options]:
        control.options = sorted(
            [*control.options, (label, value)],
            key=lambda option: -9.0 if option[1] == UNSET else option[1],
        )


def _reset_options(control: w.Dropdown, options: list[tuple[str, Any]]) -> None:
    """Back to the standard choices (only when they differ: every change is a sync)."""
    if list(control.options) != options:
        keep = control.value if control.value in [v for _, v in options] else options[0][1]
        control.options = options
        control.value = keep


def share_options() -> list[tuple[str, float | str]]:
    """Behavioural share choices in tenths, with "Didn't notice" first."""
    options: list[tuple[str, float | str]] = [(NOT_NOTICED, UNSET)]
    for tenth in range(11):
        share = tenth / 10
        words = {0: " · all technical", 5: " · an even mix", 10: " · all about your experience"}
        options.append((f"{share:.0%}{words.get(tenth, '')}", share))
    return options


def info_html(signal: Signal) -> str:
    """What a sign suggests and how strong its evidence is, escaped for an HTML widget."""
    return (
        f"<div class='ik-info-text'><p><b>What it suggests.</b> {html.escape(signal.meaning)}</p>"
        f"<p><b>Evidence ({html.escape(EVIDENCE_WORDS[signal.evidence_level])}).</b> "
        f"{html.escape(signal.evidence)}</p></div>"
    )


def about_html(signal: Signal) -> str:
    """What goes under a sign's menu, escaped: its two ends, then "About <sign>"
    (:func:`info_html`) folded in a ``<details>``. The page opens and closes it by
    itself (click, Enter or Space on the summary): no kernel round trip, and one
    widget model where a toggle button, its box and their row took four."""
    ends = html.escape(f"−2 = {signal.negative}  ·  +2 = {signal.positive}")
    return (
        f"<p class='ik-text ik-ends'>{ends}</p>"
        f"<details class='ik-info ik-info-{html.escape(signal.id)}'>"
        f"<summary>About {html.escape(signal.label.lower())}</summary>"
        f"{info_html(signal)}</details>"
    )


def _unset_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and value == UNSET else value


def _minutes_text(minutes: float | None) -> str:
    """Minutes for a text box, exact: ``45`` rather than ``45.0``, and never rounded
    (``:g`` alone keeps six digits, so a saved 55.1234567 would come back changed)."""
    if minutes is None:
        return ""
    short = f"{minutes:g}"
    return short if float(short) == minutes else repr(minutes)


#: The controls the form builds from the table by themselves (the signals have their
#: rows, the outcome sits beside Save, the debrief's lists and read are its section's).
SIMPLE_CONTROLS = (
    Control.TEXT,
    Control.TEXTAREA,
    Control.MINUTES,
    Control.SHARE,
    Control.DATE,
    Control.STAGE,
)
#: The controls whose text a draft gives back exactly as typed.
_TYPED = (Control.TEXT, Control.TEXTAREA, Control.MINUTES)


def simple_fields() -> tuple[Field, ...]:
    """The fields with a simple control in the form, in the table's order, read from
    the table when a form is built (a row added to the table is a control here)."""
    section = {f.key for f in SECTION_FIELDS}
    return tuple(f for f in fields.FIELDS if f.control in SIMPLE_CONTROLS and f.key not in section)


def hook_class(f: Field) -> str:
    """A simple field's stable CSS class: ``ik-`` and the first word of its key
    (``ik-company``, ``ik-scheduled``), ``ik-share`` for the share."""
    return "ik-share" if f.control == Control.SHARE else "ik-" + f.key.split("_")[0]


def stage_options() -> list[tuple[str, str]]:
    return [("(not set)", ""), *[(stage_label(s), s) for s in STAGES]]


def _read(f: Field, control: w.ValueWidget, typed: bool) -> Any:
    """A control's value as the contract holds it (not yet validated)."""
    value = control.value
    if f.control == Control.DATE:
        return value.isoformat() if isinstance(value, _dt.date) else value
    if f.control == Control.MINUTES and not typed:
        return typed_minutes(f.key, value, required=f.required)
    if f.control == Control.SHARE:
        return _unset_to_none(value)
    return value


def _show(f: Field, control: w.ValueWidget, value: Any) -> None:
    """Show ``value`` of ``f`` in its control, exactly (never rounded)."""
    if f.control == Control.DATE:
        control.value = _dt.date.fromisoformat(value) if value else None
    elif f.control == Control.MINUTES:
        control.value = _minutes_text(value)
    elif f.control == Control.STAGE:
        if value not in [v for _, v in control.options]:
            control.options = [*control.options, (value, value)]
        control.value = value
    elif f.control == Control.SHARE:
        if value is not None:
            _offer(control, value, f"{value:.0%}")
        control.value = UNSET if value is None else value
    else:
        control.value = value


def _form_children(form: InterviewForm) -> list[w.Widget]:
    """The form's widgets top to bottom, as :func:`~.form_order.form_plan` orders them
    (the order is data there): headings, each simple field's control with its message
    slot (the share with its question above it), the article's signs, "More signs"."""
    out: list[w.Widget] = []
    by_key = {f.key: f for f in form.fields}
    for kind, value in form_order.form_plan(form.fields):
        if kind == "heading":
            out.append(html_widget(f"<h2 class='ik-heading'>{html.escape(value)}</h2>"))
        elif kind == form_order.SIGNS:
            out += [form._rows[s.id] for s in form.signals if not s.optional]
        elif kind == form_order.MORE_SIGNS:
            out.append(form.more_signs)
        else:
            if by_key[value].control == Control.SHARE:
                out.append(form._share_question)
            out += [form.controls[value], form.messages.slot(value)]
    return out


def _best_interview(values: dict[str, Any]) -> Interview:
    """The interview a half-typed form describes as far as the core accepts it: each
    refused value is left out in turn (the minutes are read as the form reads them)."""
    for f in simple_fields():
        if f.control == Control.MINUTES:
            try:
                values[f.key] = typed_minutes(f.key, values.get(f.key), required=f.required)
            except InputError:
                values.pop(f.key, None)
    for _ in range(40):
        try:
            return Interview.from_dict(values)
        except InputError as error:
            top, _dot, part = error.field.partition(".")
            top = top.partition("[")[0]
            inner = values.get(top)
            if part and isinstance(inner, dict) and part in inner:
                inner.pop(part)
            elif top in values:
                values.pop(top)
            else:
                break
    return Interview.create(scheduled_minutes=45)


class InterviewForm:
    """The form for one interview. ``container`` is the widget to show.

    Public controls: ``company``, ``role``, ``date``, ``stage``, ``scheduled``,
    ``actual``, ``share``, ``notes``, ``signal_controls`` (signal
    id -> Dropdown) and ``about`` (signal id -> the HTML under its menu); ``debrief``,
    the collapsed :class:`~interview_kit.ui.debrief.DebriefSection` (built when first
    opened; ``went_well`` is its box). ``loading`` stands in for the section until then;
    ``focus`` asks the page to move the keyboard focus (the App's page aid).
    """

    def __init__(
        self, loading: w.Widget | None = None, focus: Callable[[str], None] | None = None
    ) -> None:
        self.signals: tuple[Signal, ...] = _signals.observed_signals()
        self._outcome: str | None = None
        self._callbacks: list[Callable[[dict[str, Any]], None]] = []
        self._layouts = _Layouts()
        self._build_simple()
        self.signal_controls: dict[str, w.Dropdown] = {}
        #: Signal id -> the HTML under its menu: its ends and "About" (:func:`about_html`).
        self.about: dict[str, w.HTML] = {}
        self._picked: dict[str, w.HTML] = {}
        signal_rows = [self._signal_row(signal) for signal in self.signals]
        self._rows = dict(zip((s.id for s in self.signals), signal_rows, strict=True))
        self.debrief = DebriefSection(loading, focus)
        #: One message slot beside each control, keyed by the core's field name.
        self.messages = FieldMessages(
            {
                **{f.key: (self.controls[f.key], f.label) for f in self.fields},
                **{
                    f"signals.{sid}": (control, control.description)
                    for sid, control in self.signal_controls.items()
                },
            }
        )
        slot = self.messages.slot
        for sid, row in zip(self.signal_controls, signal_rows, strict=True):
            row.children = (*row.children[:3], slot(f"signals.{sid}"), *row.children[3:])
        #: Signs beyond the article and signs of your own: folded, counted where noted.
        self.more_signs = w.Accordion(children=[w.VBox()], selected_index=None)
        self.more_signs.set_title(0, "More signs")
        self.more_signs.add_class("ik-more-signs")
        self._fill_more_signs()
        self.container = w.VBox(
            [*_form_children(self), self.debrief.accordion],
            layout=w.Layout(flex="1 1 22em", min_width="0", max_width="36em"),
        )
        self.container.add_class("ik-form")

    def _fill_more_signs(self) -> None:
        intro = text_widget(
            "Signs beyond the article, and signs of your own (add them "
            "under Weights). Each counts only if you note it."
        )
        rows = [self._rows[s.id] for s in self.signals if s.optional]
        self.more_signs.children = [w.VBox([intro, *rows])]

    def refresh_signs(self) -> bool:
        """Follow the active catalog (a sign of your own added or removed): a control
        for each new sign in "More signs", none for a removed one. True if changed."""
        signals = _signals.observed_signals()
        if signals == self.signals:
            return False
        for signal in signals:
            if signal.id not in self.signal_controls:
                row = self._rows[signal.id] = self._signal_row(signal)
                name = f"signals.{signal.id}"
                self.messages.add(name, self.signal_controls[signal.id], signal.label)
                row.children = (*row.children[:3], self.messages.slot(name), *row.children[3:])
                for callback in self._callbacks:
                    self.signal_controls[signal.id].observe(callback, names="value")
        for sid in [sid for sid in self.signal_controls if sid not in {s.id for s in signals}]:
            del self.signal_controls[sid], self._rows[sid], self.about[sid]
        self.signals = signals
        self._fill_more_signs()
        return True

    # -- building --------------------------------------------------------------
    def _build_simple(self) -> None:
        """One control per simple field of the table (:func:`simple_fields`), by its kind of
        control; the share is asked like a sign (its question above its menu)."""
        #: The fields this form has a simple control for (:func:`simple_fields`).
        self.fields = simple_fields()
        self.controls: dict[str, w.ValueWidget] = {}
        for f in self.fields:
            self.controls[f.key] = self._control(f)
        # Named and asked like every signal row, from the catalog's derived question-mix
        # sign (its radar spoke): a bare "About you" read as a question about the user.
        share_signal = _signals.get_signal(_signals.QUESTIONS_SIGNAL)
        self._share_question = text_widget(share_signal.question)
        self._share_question.add_class("ik-question")
        c = self.controls
        # The names the rest of the kit and the tests use (attribute access, no keys).
        self.company, self.role = c[fields.COMPANY.key], c[fields.ROLE.key]
        self.date, self.stage = c[fields.DATE.key], c[fields.STAGE.key]
        self.scheduled = c[fields.SCHEDULED_MINUTES.key]
        self.actual = c[fields.ACTUAL_MINUTES.key]
        self.share, self.notes = c[fields.BEHAVIORAL_SHARE.key], c[fields.NOTES.key]

    def _control(self, f: Field) -> w.ValueWidget:
        """The widget that edits ``f``, from its ``control`` (every one named by its
        label, with its help as tooltip, and the hook class :func:`hook_class`)."""
        common: dict[str, Any] = {"description": f.label, "tooltip": f.help or f.label}
        control: w.ValueWidget
        if f.control == Control.TEXTAREA:
            control = w.Textarea(
                placeholder=f.placeholder,
                rows=4,
                style=_style(w.Textarea),
                layout=w.Layout(width=_FIT, max_width="34em"),
                continuous_update=False,
                **common,
            )
        elif f.control == Control.DATE:
            control = w.DatePicker(style=_style(w.DatePicker), layout=shared_layout(), **common)
        elif f.control == Control.STAGE:
            control = w.Dropdown(
                options=stage_options(),
                value="",
                style=_style(w.Dropdown),
                layout=shared_layout(),
                **common,
            )
        elif f.control == Control.SHARE:
            control = w.Dropdown(
                options=share_options(),
                value=UNSET,
                style=_style(w.Dropdown),
                layout=self._layouts.full,
                **common,
            )
        else:  # text, minutes
            suggested = _minutes_text(f.suggested) if f.control == Control.MINUTES else ""
            control = w.Text(
                value=suggested,
                placeholder=f.placeholder,
                style=_style(w.Text),
                layout=self._layouts.full if f.control == Control.TEXT else shared_layout(),
                continuous_update=False,
                **common,
            )
        control.add_class(hook_class(f))
        return control

    def _signal_row(self, signal: Signal) -> w.VBox:
        control = w.Dropdown(
            description=signal.label,
            options=level_options(signal),
            value=UNSET,
            style=_style(w.Dropdown),
            layout=self._layouts.full,
            tooltip=signal.question,
        )
        control.add_class(f"ik-signal-{signal.id}")
        control.add_class("ik-signal")
        about = self.about[signal.id] = html_widget(about_html(signal), "ik-about")
        self.signal_controls[signal.id] = control
        question = text_widget(signal.question)
        question.add_class("ik-question")
        picked = html_widget("", "ik-picked", layout=shared_layout(display="none"))
        control.observe(
            lambda change, box=picked, c=control: self._show_picked(box, c), names="value"
        )
        self._picked[signal.id] = picked
        row = w.VBox([question, control, picked, about], layout=self._layouts.row)
        row.add_class("ik-signal-row")
        return row

    @staticmethod
    def _show_picked(box: w.HTML, control: w.Dropdown) -> None:
        """The picked level's full words under its menu: a phone's narrow menu cuts
        them (the stylesheet shows this line on narrow screens only)."""
        label = control.label if control.value != UNSET else ""
        with box.hold_sync():  # words and visibility in one message
            box.value = (
                ""
                if not label
                else (f"<p class='ik-text' aria-hidden='true'>{html.escape(label)}</p>")
            )
            set_shown(box, bool(label))

    # -- reading and writing -----------------------------------------------------
    @property
    def went_well(self) -> w.Textarea:
        """The "One thing that went well" box, in the Debrief section (built now if
        the section was never opened)."""
        return self.debrief.build().went_well

    def value_widgets(self) -> list[w.ValueWidget]:
        """Every control outside the Debrief section whose value feeds the interview."""
        return [*self.controls.values(), *self.signal_controls.values()]

    def observe(self, callback: Callable[[dict[str, Any]], None]) -> None:
        """Call ``callback(change)`` whenever any value in the form changes (the
        Debrief's controls too, those built later included)."""
        self._callbacks.append(callback)
        for widget in self.value_widgets():
            widget.observe(callback, names="value")
        self.debrief.observe(callback)

    def show_error(self, error: InputError | None) -> dict[str, str]:
        """Mark ``error``'s control with its message beside it (or clear every mark):
        hook class -> message id, for the page aid."""
        return {**self.messages.show(error), **self.debrief.show_error(error)}

    def to_dict(self, *, typed: bool = False) -> dict[str, Any]:
        """The contract object the form currently describes (not yet validated);
        ``typed``: the minutes as typed (a draft keeps a half-typed form as it is)."""
        return {
            # The section's part first: what it holds of a field the form has a control
            # for (a later schema's row) is the form's to say.
            **self.debrief.to_dict(),
            **{f.key: _read(f, self.controls[f.key], typed) for f in self.fields},
            fields.SIGNALS.key: {
                sid: _unset_to_none(control.value) for sid, control in self.signal_controls.items()
            },
            fields.OUTCOME.key: self._outcome,
        }

    def to_interview(self) -> Interview:
        """Validate the form through the core; raises :class:`InputError` on bad input."""
        return Interview.from_dict(self.to_dict())

    def draft_values(self, outcome: str | None, outcome_date: str | None) -> dict[str, Any]:
        """The form as typed, with the outcome picked: what a draft keeps."""
        return {"values": self.to_dict(typed=True), "picked": [outcome, outcome_date]}

    def restore_values(self, draft: Mapping[str, Any]) -> tuple[str | None, str | None]:
        """Show a draft's values (:meth:`draft_values`), a half-typed one too: what the
        core accepts is shown as an interview, and the text boxes get their text back
        as typed (a wrong value is then marked as before). Gives the picked outcome
        and date back."""
        values = draft.get("values")
        values = dict(values) if isinstance(values, Mapping) else {}
        typed = {
            self.controls[f.key]: values.get(f.key) for f in self.fields if f.control in _TYPED
        }
        self.set_interview(_best_interview(values))
        for box, text in typed.items():
            if isinstance(text, str) and box.value != text:
                box.value = text
        picked = draft.get("picked")
        outcome, day = picked if isinstance(picked, list) and len(picked) == 2 else (None, None)
        return (
            outcome if isinstance(outcome, str) else None,
            day if isinstance(day, str) else None,
        )

    def set_interview(self, interview: Interview) -> None:
        """Show exactly ``interview`` (its outcome kept as is): a choice offered for
        the last one's in-between value is dropped first, nothing carries over."""
        self._outcome = interview.outcome
        _reset_options(self.share, share_options())
        for signal in self.signals:
            _reset_options(self.signal_controls[signal.id], level_options(signal))
        _reset_options(self.stage, stage_options())
        for f in self.fields:
            _show(f, self.controls[f.key], interview.value(f.key))
        self.debrief.set_interview(interview)
        for sid, control in self.signal_controls.items():
            value = interview.signals.get(sid)
            if value is not None:
                _offer(control, value, f"{value:+g} · as saved, between two levels")
            control.value = UNSET if value is None else float(value)
