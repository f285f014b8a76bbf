"""The interview form, built from the signal catalog with ipywidgets.

One loop over ``observed_signals()`` makes a control per sign (no per-signal
code): a dropdown whose options carry the behaviour-anchored words of each level,
a "Didn't notice" choice distinct from neutral, the words of both ends, and an
info toggle with what the sign suggests and how strong its evidence is.

Every value a browser sends goes through :meth:`Interview.from_dict` in
:meth:`InterviewForm.to_interview`; the view itself trusts nothing.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..core import signals as _signals
from ..core.durations import parse_minutes
from ..core.errors import InputError
from ..core.interview import FIELD_LABELS, STAGES, Interview, field_error
from ..core.signals import Signal
from ..core.wording import EVIDENCE_WORDS
from .debrief import DebriefSection
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
        control.options = sorted([*control.options, (label, value)],
                                 key=lambda option: -9.0 if option[1] == UNSET else option[1])


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
    return (f"<p class='ik-text ik-ends'>{ends}</p>"
            f"<details class='ik-info ik-info-{html.escape(signal.id)}'>"
            f"<summary>About {html.escape(signal.label.lower())}</summary>"
            f"{info_html(signal)}</details>")


def _unset_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and value == UNSET else value


def _minutes_text(minutes: float | None) -> str:
    """Minutes for a text box, exact: ``45`` rather than ``45.0``, and never rounded
    (``:g`` alone keeps six digits, so a saved 55.1234567 would come back changed)."""
    if minutes is None:
        return ""
    short = f"{minutes:g}"
    return short if float(short) == minutes else repr(minutes)


def _parse_minutes(field: str, text: Any, *, required: bool) -> Any:
    """Minutes typed in a text box ("45", "45 min", "1h 30"); blank is None. Range
    checks stay in the core."""
    if text is None:
        return None
    if not isinstance(text, str):
        return text  # a number (or anything else) goes to the core as is
    try:
        minutes = parse_minutes(text)
    except ValueError as error:
        raise field_error(field, text, str(error)) from None
    if minutes is None and required:
        raise field_error(field, text, "is required (the minutes booked, e.g. 45)")
    return minutes


class InterviewForm:
    """The form for one interview. ``container`` is the widget to show.

    Public controls: ``company``, ``role``, ``date``, ``stage``, ``scheduled``,
    ``actual``, ``share``, ``notes``, ``signal_controls`` (signal
    id -> Dropdown) and ``about`` (signal id -> the HTML under its menu); ``debrief``,
    the collapsed :class:`~interview_kit.ui.debrief.DebriefSection` (built when first
    opened; ``went_well`` is its box). ``loading`` stands in for the section until then;
    ``focus`` asks the page to move the keyboard focus (the App's page aid).
    """

    def __init__(self, loading: w.Widget | None = None,
                 focus: Callable[[str], None] | None = None) -> None:
        self.signals: tuple[Signal, ...] = _signals.observed_signals()
        self._outcome: str | None = None
        self._callbacks: list[Callable[[dict[str, Any]], None]] = []
        self._layouts = _Layouts()
        self._build_details()
        self._build_minutes()
        self.signal_controls: dict[str, w.Dropdown] = {}
        #: Signal id -> the HTML under its menu: its ends and "About" (:func:`about_html`).
        self.about: dict[str, w.HTML] = {}
        self._picked: dict[str, w.HTML] = {}
        signal_rows = [self._signal_row(signal) for signal in self.signals]
        self._rows = dict(zip((s.id for s in self.signals), signal_rows, strict=True))
        self.notes = w.Textarea(
            description=FIELD_LABELS["notes"],
            placeholder="Anything else you noticed (kept private)",
            rows=4, layout=w.Layout(width=_FIT, max_width="34em"),
            style=_style(w.Textarea), continuous_update=False,
            tooltip="Notes: anything else you noticed")
        self.notes.add_class("ik-notes")
        self.debrief = DebriefSection(loading, focus)
        #: One message slot beside each control, keyed by the core's field name.
        typed = {"company": self.company, "role": self.role, "date": self.date,
                 "stage": self.stage, "scheduled_minutes": self.scheduled,
                 "actual_minutes": self.actual, "notes": self.notes}
        self.messages = FieldMessages({
            **{name: (control, FIELD_LABELS[name]) for name, control in typed.items()},
            "behavioral_share": (self.share, self.share.description),
            **{f"signals.{sid}": (control, control.description)
               for sid, control in self.signal_controls.items()},
        })
        slot = self.messages.slot
        for sid, row in zip(self.signal_controls, signal_rows, strict=True):
            row.children = (*row.children[:3], slot(f"signals.{sid}"), *row.children[3:])
        #: Signs beyond the article and signs of your own: folded, counted where noted.
        self.more_signs = w.Accordion(children=[w.VBox()], selected_index=None)
        self.more_signs.set_title(0, "More signs")
        self.more_signs.add_class("ik-more-signs")
        self._fill_more_signs()
        self.container = w.VBox(
            [
                html_widget("<h2 class='ik-heading'>The interview</h2>"),
                self.company, slot("company"), self.role, slot("role"),
                self.date, slot("date"), self.stage, slot("stage"),
                html_widget("<h2 class='ik-heading'>Time and questions</h2>"),
                self.scheduled, slot("scheduled_minutes"), self.actual, slot("actual_minutes"),
                self._share_question, self.share, slot("behavioral_share"),
                html_widget("<h2 class='ik-heading'>What you noticed</h2>"),
                *(self._rows[s.id] for s in self.signals if not s.optional),
                self.more_signs,
                self.notes, slot("notes"),
                self.debrief.accordion,
            ],
            layout=w.Layout(flex="1 1 22em", min_width="0", max_width="36em"),
        )
        self.container.add_class("ik-form")

    def _fill_more_signs(self) -> None:
        intro = text_widget("Signs beyond the article, and signs of your own (add them "
                            "under Weights). Each counts only if you note it.")
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
                row.children = (*row.children[:3], self.messages.slot(name),
                                *row.children[3:])
                for callback in self._callbacks:
                    self.signal_controls[signal.id].observe(callback, names="value")
        for sid in [sid for sid in self.signal_controls if sid not in
                    {s.id for s in signals}]:
            del self.signal_controls[sid], self._rows[sid], self.about[sid]
        self.signals = signals
        self._fill_more_signs()
        return True

    # -- building --------------------------------------------------------------
    def _build_details(self) -> None:
        self.company = w.Text(description=FIELD_LABELS["company"], placeholder="e.g. Acme",
                              style=_style(w.Text), layout=self._layouts.full,
                              continuous_update=False, tooltip="Company")
        self.company.add_class("ik-company")
        self.role = w.Text(description=FIELD_LABELS["role"], placeholder="e.g. Data analyst",
                           style=_style(w.Text), layout=self._layouts.full,
                           continuous_update=False, tooltip="Role")
        self.role.add_class("ik-role")
        self.date = w.DatePicker(description=FIELD_LABELS["date"], style=_style(w.DatePicker),
                                 layout=shared_layout(),
                                 tooltip="Date of the interview")
        self.date.add_class("ik-date")
        self.stage = w.Dropdown(
            description=FIELD_LABELS["stage"],
            options=[("(not set)", ""), *[(stage_label(s), s) for s in STAGES]],
            value="", style=_style(w.Dropdown), layout=shared_layout(),
            tooltip="Stage of the process")
        self.stage.add_class("ik-stage")

    def _build_minutes(self) -> None:
        self.scheduled = w.Text(value="45", description=FIELD_LABELS["scheduled_minutes"],
                                placeholder="minutes booked, e.g. 45",
                                style=_style(w.Text), layout=shared_layout(),
                                continuous_update=False,
                                tooltip="Scheduled length in minutes (required)")
        self.scheduled.add_class("ik-scheduled")
        self.actual = w.Text(value="", description=FIELD_LABELS["actual_minutes"],
                             placeholder="blank if unsure", style=_style(w.Text),
                             layout=shared_layout(), continuous_update=False,
                             tooltip="How many minutes it actually lasted (blank if unsure)")
        self.actual.add_class("ik-actual")
        # Named and asked like every signal row, from the catalog's derived "questions"
        # sign (its radar spoke): a bare "About you" read as a question about the user.
        share_signal = _signals.get_signal("questions")
        self._share_question = text_widget(share_signal.question)
        self._share_question.add_class("ik-question")
        self.share = w.Dropdown(
            description=share_signal.label, options=share_options(), value=UNSET,
            style=_style(w.Dropdown), layout=self._layouts.full,
            tooltip="Share of the questions about your past experience (the rest technical)")
        self.share.add_class("ik-share")

    def _signal_row(self, signal: Signal) -> w.VBox:
        control = w.Dropdown(
            description=signal.label, options=level_options(signal), value=UNSET,
            style=_style(w.Dropdown), layout=self._layouts.full, tooltip=signal.question)
        control.add_class(f"ik-signal-{signal.id}")
        control.add_class("ik-signal")
        about = self.about[signal.id] = html_widget(about_html(signal), "ik-about")
        self.signal_controls[signal.id] = control
        question = text_widget(signal.question)
        question.add_class("ik-question")
        picked = html_widget("", "ik-picked", layout=shared_layout(display="none"))
        control.observe(lambda change, box=picked, c=control: self._show_picked(box, c),
                        names="value")
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
            box.value = "" if not label else (
                f"<p class='ik-text' aria-hidden='true'>{html.escape(label)}</p>")
            set_shown(box, bool(label))

    # -- reading and writing -----------------------------------------------------
    @property
    def went_well(self) -> w.Textarea:
        """The "One thing that went well" box, in the Debrief section (built now if
        the section was never opened)."""
        return self.debrief.build().went_well

    def value_widgets(self) -> list[w.ValueWidget]:
        """Every control outside the Debrief section whose value feeds the interview."""
        return [self.company, self.role, self.date, self.stage, self.scheduled, self.actual,
                self.share, self.notes, *self.signal_controls.values()]

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

    def to_dict(self) -> dict[str, Any]:
        """The contract object the form currently describes (not yet validated)."""
        date = self.date.value
        return {
            "company": self.company.value,
            "role": self.role.value,
            "date": date.isoformat() if isinstance(date, _dt.date) else date,
            "stage": self.stage.value,
            "scheduled_minutes": _parse_minutes("scheduled_minutes", self.scheduled.value,
                                                required=True),
            "actual_minutes": _parse_minutes("actual_minutes", self.actual.value,
                                             required=False),
            "behavioral_share": _unset_to_none(self.share.value),
            "signals": {sid: _unset_to_none(control.value)
                        for sid, control in self.signal_controls.items()},
            "notes": self.notes.value,
            "outcome": self._outcome,
            **self.debrief.to_dict(),
        }

    def to_interview(self) -> Interview:
        """Validate the form through the core; raises :class:`InputError` on bad input."""
        return Interview.from_dict(self.to_dict())

    def set_interview(self, interview: Interview) -> None:
        """Show exactly ``interview`` (its outcome kept as is): a choice offered for
        the last one's in-between value is dropped first, nothing carries over."""
        self._outcome = interview.outcome
        _reset_options(self.share, share_options())
        for signal in self.signals:
            _reset_options(self.signal_controls[signal.id], level_options(signal))
        stage_options = [("(not set)", ""), *[(stage_label(s), s) for s in STAGES]]
        _reset_options(self.stage, stage_options)
        self.company.value = interview.company
        self.role.value = interview.role
        self.date.value = _dt.date.fromisoformat(interview.date) if interview.date else None
        stages = [value for _, value in self.stage.options]
        if interview.stage not in stages:
            self.stage.options = [*self.stage.options, (interview.stage, interview.stage)]
        self.stage.value = interview.stage
        self.scheduled.value = _minutes_text(interview.scheduled_minutes)
        self.actual.value = _minutes_text(interview.actual_minutes)
        share = interview.behavioral_share
        if share is not None:
            _offer(self.share, share, f"{share:.0%}")
        self.share.value = UNSET if share is None else share
        self.notes.value = interview.notes
        self.debrief.set_interview(interview)
        for sid, control in self.signal_controls.items():
            value = interview.signals.get(sid)
            if value is not None:
                _offer(control, value, f"{value:+g} · as saved, between two levels")
            control.value = UNSET if value is None else float(value)
