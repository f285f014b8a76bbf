"""The form's Debrief section: what happened, beside how it felt.

:class:`DebriefSection` is a collapsed Accordion in the form (its header reachable by
Tab, through the page aid): who you met, the questions they asked with notes on
your answers, the questions you asked (each a list with Add and Remove buttons),
one thing that went well, your own read of them, the decision date they named, the
day you sent a thank-you note, and a thank-you draft to copy. Its contents are
built when it is first opened (or first used); until then it holds the loaded
interview's debrief as values, so the first page creates one widget for it.

Values reach the interview only through the form's ``to_dict`` and the core's
:meth:`~interview_kit.core.interview.Interview.from_dict`: a row left wholly blank
is no item (adding a row never makes the reading wrong), anything else is checked
by :mod:`interview_kit.core.debrief`, and a refusal is shown beside the very control,
named in the user's words ("Question 2, your answer"). User text stays in
``Text``/``Textarea`` widgets or goes through ``html.escape``: never raw HTML.

CSS hooks: ``ik-debrief`` (the Accordion), the lists' rows and buttons (see
:mod:`interview_kit.ui.debrief_rows`), ``ik-went-well``, ``ik-interest``,
``ik-red-flags``, ``ik-decision-by``, ``ik-thank-you-sent``, ``ik-thank-you-draft``
(the Button), ``ik-draft`` (the read-only Textarea), ``ik-draft-note``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..core import fields
from ..core.debrief import debrief_label
from ..core.errors import InputError
from ..core.interview import Interview
from .debrief_rows import ASKED, MINE, PEOPLE, PLAIN, RowList
from .kit import (
    FieldMessages,
    loading_widget,
    shared_layout,
    shared_style,
    text_widget,
)
from .notes import DRAFT_HIDE as DRAFT_HIDE  # re-exported: the form's tests read them here
from .notes import DRAFT_SHOW as DRAFT_SHOW
from .notes import CheckInDraft, ThankYouDraft

Callback = Callable[[dict[str, Any]], None]
#: Asks the page to move the keyboard focus to the control with this (unique) class:
#: :meth:`~interview_kit.ui.kit.PageAid.focus`.
FocusRequest = Callable[[str], None]

#: The interest menu: "Not sure" is no read (null), distinct from any number.
NOT_SURE = "not_sure"
INTEREST_OPTIONS: list[tuple[str, int | str]] = [
    ("Not sure", NOT_SURE),
    ("1 · not any more", 1),
    ("2 · a little", 2),
    ("3 · somewhat", 3),
    ("4 · quite a lot", 4),
    ("5 · very much", 5),
]
#: The section's header while nothing is filled in.
EMPTY_TITLE = "Debrief: who you met, what they asked, your read (optional)"
_STYLE = {"description_width": "9.5em"}


def _style(kind: type[w.DOMWidget]) -> Any:
    """The form's shared description style for ``kind`` (one model per kind)."""
    return shared_style(kind, **_STYLE)


#: Full width less room for the 3 px focus ring and its offset: the section's box
#: would clip it on the right.
_FIT = "calc(100% - 12px)"


#: The table's fields with a simple control that this section shows itself (the form
#: builds every other simple field; the lists and the read are this section's too).
SECTION_FIELDS = (fields.WENT_WELL, fields.DECISION_BY, fields.THANK_YOU_SENT)


def debrief_title(interview: Interview | None) -> str:
    """The section's header: what it holds, so a loaded debrief is seen while closed."""
    if interview is None or not interview.has_debrief:
        return EMPTY_TITLE

    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    parts = [
        text
        for n, text in (
            (len(interview.interviewers), count(len(interview.interviewers), "person", "people")),
            (
                len(interview.questions),
                count(len(interview.questions), "question they asked", "questions they asked"),
            ),
            (len(interview.my_questions), f"{len(interview.my_questions)} you asked"),
            (interview.went_well, "what went well"),
            (interview.my_read, "your read"),
            (interview.decision_by, f"decision by {interview.decision_by}"),
            (interview.thank_you_sent, "thank-you sent"),
        )
        if n
    ]
    return "Debrief: " + ", ".join(parts)


def _focuser(request: FocusRequest | None) -> Callable[[w.DOMWidget, str], None]:
    """Focus a control by its hook class through the page aid, which waits until it
    is drawn; without one (a notebook), by the widget's own ``focus()``."""

    def focus(widget: w.DOMWidget, hook: str) -> None:
        if request is None:
            widget.focus()
        else:
            request(hook)

    return focus


class DebriefSection:
    """The collapsed Debrief section of the form. Show ``accordion``; ``to_dict()``
    gives its part of the contract object; ``observe`` feeds the App's funnel."""

    def __init__(self, loading: w.Widget | None = None, focus: FocusRequest | None = None) -> None:
        self._focus = _focuser(focus)
        #: The debrief held until the controls exist (the last interview set).
        self._values: dict[str, Any] = {}
        #: The interview of the last reading (the draft starts from it when built).
        self._interview: Interview | None = None
        self._callbacks: list[Callback] = []
        self._built = False
        self._messages = FieldMessages({})
        self._marked: FieldMessages | None = None
        self._lists: list[RowList] = []
        self.accordion = w.Accordion(
            children=[loading or loading_widget()], selected_index=None, titles=(EMPTY_TITLE,)
        )
        self.accordion.add_class("ik-debrief")
        self.accordion.observe(self._on_open, names="selected_index")

    @property
    def built(self) -> bool:
        return self._built

    def _on_open(self, change: dict[str, Any]) -> None:
        if change["new"] == 0:
            self._build()

    # -- building --------------------------------------------------------------
    def _build(self) -> None:
        """Every control, filled from the held values: on first opening or first use."""
        if self._built:
            return
        self._built = True
        # Shared models (never changed): a row's removal closes only what it owns.
        layouts = {
            "Text": shared_layout(width=_FIT, max_width="34em"),
            "Textarea": shared_layout(width=_FIT, max_width="34em"),
        }
        self.people, self.asked, self.mine = (
            RowList(spec, self._callbacks, self._focus) for spec in (PEOPLE, ASKED, MINE)
        )
        self._lists = [self.people, self.asked, self.mine]
        went_well = fields.WENT_WELL.label
        self.went_well_question = text_widget(f"{went_well} (in your own words)")
        self.went_well_question.add_class("ik-question")
        self.went_well = w.Textarea(
            description="Went well",
            placeholder="e.g. a good answer, a question you asked (kept private)",
            rows=3,
            layout=layouts["Textarea"],
            style=_style(w.Textarea),
            continuous_update=False,
            tooltip=f"{went_well}: in your own words; the reading keeps it",
        )
        self.went_well.add_class("ik-went-well")
        read = fields.MY_READ.part_labels()
        self.interest = w.Dropdown(
            description="Still interested",
            options=INTEREST_OPTIONS,
            value=NOT_SURE,
            style=_style(w.Dropdown),
            layout=layouts["Text"],
            tooltip="Do you still want the job? 1 (not any more) to 5 (very much)",
        )
        self.interest.add_class("ik-interest")
        self.red_flags = w.Textarea(
            description="Worries",
            placeholder="Anything that worried you (kept private)",
            rows=3,
            layout=layouts["Textarea"],
            style=_style(w.Textarea),
            continuous_update=False,
            tooltip=read["red_flags"],
        )
        self.red_flags.add_class("ik-red-flags")
        self.decision_by = w.DatePicker(
            description="Decision by",
            style=_style(w.DatePicker),
            tooltip="The date they said they would decide by",
        )
        self.decision_by.add_class("ik-decision-by")
        self.thank_you_sent = w.DatePicker(
            description="Thank-you sent",
            style=_style(w.DatePicker),
            tooltip="The day you sent a thank-you note",
        )
        self.thank_you_sent.add_class("ik-thank-you-sent")
        self.draft = ThankYouDraft(self._focus)
        self.draft.follow(self._interview)
        self.check_in = CheckInDraft(self._focus)
        self.check_in.follow(self._interview)
        self._messages = FieldMessages(
            {
                fields.WENT_WELL.key: (self.went_well, went_well),
                f"{fields.MY_READ.key}.interest": (self.interest, read["interest"]),
                f"{fields.MY_READ.key}.red_flags": (self.red_flags, read["red_flags"]),
                fields.DECISION_BY.key: (self.decision_by, fields.DECISION_BY.label),
                fields.THANK_YOU_SENT.key: (self.thank_you_sent, fields.THANK_YOU_SENT.label),
            }
        )
        slot = self._messages.slot
        self._fill(self._values)  # before observing: filling is no change to re-read
        for control in self._singles():
            for callback in self._callbacks:
                control.observe(callback, names="value")
        self.accordion.children = [
            w.VBox(
                [
                    text_widget(
                        "What happened, in your words: kept private, used for the "
                        "thank-you draft and for what is due. Every part is optional."
                    ),
                    *(rows.container for rows in self._lists),
                    self.went_well_question,
                    self.went_well,
                    slot(fields.WENT_WELL.key),
                    w.HTML(f"<h3 class='ik-heading'>{fields.MY_READ.label}</h3>"),
                    self.interest,
                    slot(f"{fields.MY_READ.key}.interest"),
                    self.red_flags,
                    slot(f"{fields.MY_READ.key}.red_flags"),
                    w.HTML("<h3 class='ik-heading'>Dates</h3>"),
                    text_widget(f"{fields.DECISION_BY.label}: the date they named, if any."),
                    self.decision_by,
                    slot(fields.DECISION_BY.key),
                    self.thank_you_sent,
                    slot(fields.THANK_YOU_SENT.key),
                    w.HTML("<h3 class='ik-heading'>Thank-you and check-in notes</h3>"),
                    self.draft.container,
                    self.check_in.container,
                ]
            )
        ]

    def _singles(self) -> list[w.ValueWidget]:
        return [
            self.went_well,
            self.interest,
            self.red_flags,
            self.decision_by,
            self.thank_you_sent,
        ]

    def _fill(self, values: dict[str, Any]) -> None:
        """Put a contract debrief (``Interview.debrief_dict()``) in the controls."""
        read = values.get(fields.MY_READ.key) or {}
        self.went_well.value = values.get(fields.WENT_WELL.key, "")
        interest = read.get("interest")
        self.interest.value = NOT_SURE if interest is None else interest
        self.red_flags.value = read.get("red_flags", "")
        for picker, name in (
            (self.decision_by, fields.DECISION_BY.key),
            (self.thank_you_sent, fields.THANK_YOU_SENT.key),
        ):
            day = values.get(name)
            picker.value = _dt.date.fromisoformat(day) if day else None
        self.people.set_items([dict(p) for p in values.get(fields.INTERVIEWERS.key, ())])
        self.asked.set_items([dict(q) for q in values.get(fields.QUESTIONS.key, ())])
        self.mine.set_items([{PLAIN: text} for text in values.get(fields.MY_QUESTIONS.key, ())])

    def build(self) -> DebriefSection:
        """Build the controls now (as opening does); returns the section."""
        self._build()
        return self

    # -- reading and writing -----------------------------------------------------
    def observe(self, callback: Callback) -> None:
        """Call ``callback(change)`` when any debrief value changes (rows added later
        included, and a row removed with words in it)."""
        self._callbacks.append(callback)
        if self._built:
            for control in self._singles():
                control.observe(callback, names="value")
            for rows in self._lists:
                for row in rows.rows:
                    for control in row.controls.values():
                        control.observe(callback, names="value")

    def to_dict(self) -> dict[str, Any]:
        """The debrief part of the contract object (not yet validated)."""
        if not self._built:
            return dict(self._values)
        interest = self.interest.value
        day = {
            name: picker.value.isoformat() if isinstance(picker.value, _dt.date) else picker.value
            for name, picker in (
                (fields.DECISION_BY.key, self.decision_by),
                (fields.THANK_YOU_SENT.key, self.thank_you_sent),
            )
        }
        return {
            fields.WENT_WELL.key: self.went_well.value,
            **day,
            fields.INTERVIEWERS.key: self.people.items(),
            fields.QUESTIONS.key: self.asked.items(),
            fields.MY_QUESTIONS.key: self.mine.items(),
            fields.MY_READ.key: {
                "interest": None if interest == NOT_SURE else interest,
                "red_flags": self.red_flags.value,
            },
        }

    def set_interview(self, interview: Interview) -> None:
        """Show exactly ``interview``'s debrief (rows rebuilt; nothing carries over)."""
        self._values = interview.debrief_dict()
        if self._built:
            self._fill(self._values)
        self.follow(interview)

    def follow(self, interview: Interview | None) -> None:
        """A new reading: the header says what the debrief holds, the draft follows."""
        self._interview = interview
        title = debrief_title(interview)
        if self.accordion.titles != (title,):
            self.accordion.titles = (title,)
        if self._built:
            self.draft.follow(interview)
            self.check_in.follow(interview)

    # -- messages ----------------------------------------------------------------
    def owns(self, field: str) -> bool:
        """Whether an error's field is one of this section's."""
        return field == fields.WENT_WELL.key or debrief_label(field) is not None

    def show_error(self, error: InputError | None) -> dict[str, str]:
        """Mark the control an error points at (or clear the mark for None) and open
        the section so its message is seen; hook class -> message id, for the page aid."""
        if self._marked is not None:
            self._marked.show(None)
            self._marked = None
        if error is None or not self._built:
            return {}
        if error.field in self._messages.fields:
            self._marked = self._messages
            found = self._messages.show(error)
        else:
            spot = next((s for rows in self._lists if (s := rows.locate(error))), None)
            if spot is None:
                return {}
            row, key = spot
            self._marked = row.messages
            found = row.messages.show(InputError(key, error.value, error.reason))
        self.accordion.selected_index = 0
        return found
