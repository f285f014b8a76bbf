"""The notes to send beside the debrief: a thank-you draft and a check-in draft.

(Not to be confused with :mod:`~interview_kit.ui.drafts`, the page's unsaved work.)

Each is a button that shows a plain-text draft in a read-only, selectable text area,
with the note that nothing is sent and one line on its timing (a note already sent,
a check-in that is early). They follow every new reading while shown; the words come
from the core (:mod:`~interview_kit.core.thank_you`, :mod:`~interview_kit.core.check_in`),
as of the kit's clock.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..core.check_in import check_in_draft, check_in_status
from ..core.interview import Interview
from ..core.thank_you import DRAFT_NOTE, thank_you_draft, thank_you_status
from .kit import paragraph_html, shared_style, text_widget

DRAFT_SHOW = "Draft a thank-you note"
DRAFT_HIDE = "Hide the thank-you draft"
#: The debrief form's description width and full width (less room for the focus ring).
_STYLE = {"description_width": "9.5em"}
_FIT = "calc(100% - 12px)"


class ThankYouDraft:
    """A button that shows a thank-you draft in a read-only, selectable text area,
    with :data:`DRAFT_NOTE` beside it and a line on its timing (a note already sent,
    a late one still welcome); it follows every new reading while shown. Nothing is
    ever sent anywhere. :class:`CheckInDraft` is the same box for the check-in."""

    SHOW, HIDE, WHAT = DRAFT_SHOW, DRAFT_HIDE, "thank-you"
    ICON, CLASS, TEXT_CLASS = "envelope", "ik-thank-you-draft", "ik-draft"

    def __init__(self, focus: Callable[[w.DOMWidget, str], None] | None = None) -> None:
        self._interview: Interview | None = None
        self._focus = focus or (lambda widget, _hook: widget.focus())
        self.button = w.Button(
            description=self.SHOW,
            icon=self.ICON,
            tooltip=f"Show a {self.WHAT} note draft to copy (nothing is sent)",
            layout=w.Layout(width="auto", align_self="flex-start"),
        )
        self.button.add_class(self.CLASS)
        self.button.on_click(lambda _button: self.toggle())
        self.note = text_widget(DRAFT_NOTE)
        self.note.add_class("ik-draft-note")
        self.status = text_widget("")  # when the draft fits (early, late, already sent)
        self.status.add_class("ik-draft-status")
        # A Textarea shows its value as text, never as markup; the page aid makes it
        # read-only (ipywidgets has no such trait), so it is selected, not edited.
        self.text = w.Textarea(
            value="",
            description="Draft",
            tooltip=f"The {self.WHAT} draft: select it and copy it",
            style=shared_style(w.Textarea, **_STYLE),
            rows=10,
            layout=w.Layout(width=_FIT, max_width="34em"),
        )
        self.text.add_class(self.TEXT_CLASS)
        self.text.add_class("ik-readonly")
        self.box = w.VBox(
            [self.status, self.note, self.text],
            layout=w.Layout(display="none", margin="0 0 0.6em 0"),
        )
        self.container = w.VBox([self.button, self.box])

    @property
    def shown(self) -> bool:
        return self.box.layout.display != "none"

    def toggle(self) -> None:
        """Show the draft (of the interview of the last reading), or hide it."""
        show = not self.shown
        self.box.layout.display = "" if show else "none"
        self.button.description = self.HIDE if show else self.SHOW
        self.follow(self._interview)
        if show:
            self._focus(self.text, self.TEXT_CLASS)

    def follow(self, interview: Interview | None) -> None:
        """A new reading: the draft follows it (computed only while shown)."""
        self._interview = interview
        if self.shown and interview is not None:
            self.text.value = self._draft(interview)
            status = self._status(interview)
            self.status.value = paragraph_html(status) if status else ""

    def _draft(self, interview: Interview) -> str:
        return thank_you_draft(interview)

    def _status(self, interview: Interview) -> str:
        return thank_you_status(interview)


class CheckInDraft(ThankYouDraft):
    """The check-in draft beside the thank-you draft: a polite note when the answer is
    slow, or what the outcome calls for (feedback after a no). Never sent."""

    SHOW, HIDE, WHAT = "Draft a check-in note", "Hide the check-in draft", "check-in"
    ICON, CLASS, TEXT_CLASS = "envelope", "ik-check-in-draft", "ik-check-in"

    def _draft(self, interview: Interview) -> str:
        return check_in_draft(interview) or check_in_status(interview)

    def _status(self, interview: Interview) -> str:
        return check_in_status(interview)
