"""One place in the "What is due" list: the item's words, its actions, and its draft.

Why a module of its own: the list (:mod:`.due`) decides what is shown and writes to
the journal; a slot only holds the widgets of one item and says which actions apply.
An item carries every next step where the user is looking: Draft thank-you or Draft
check-in (the note opens here, in a read-only text area to copy), Open (the form),
Mark sent or Mark followed up (today, once the interview has happened), and Record
outcome. Each control shows a short word and is named, for a screen reader, with its
item ("Draft thank-you for Acme, Data analyst"): the tooltip, made the accessible
name by :class:`~.kit.PageAid` (``ik-named``). The name starts with the visible words
(WCAG 2.5.3, label in name: a voice user says what they see).

Slots are made once and reused as the list changes (no widget churn in the page).

CSS hooks: ``ik-due-entry`` (one slot), ``ik-due-item`` (its words), ``ik-due-actions``,
``ik-due-draft-thanks``, ``ik-due-draft-check-in``, ``ik-due-open``, ``ik-due-sent``,
``ik-due-followed``, ``ik-due-outcome`` (the outcome menu), ``ik-due-draft`` (the draft
box) and ``ik-due-draft-<n>`` (its text area, unique per slot, for the focus).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..core.check_in import check_in_draft, check_in_status
from ..core.due import Due
from ..core.interview import Interview
from ..core.outcomes import OUTCOME_TABLE
from ..core.thank_you import thank_you_draft, thank_you_status
from .kit import paragraph_html, who_words

#: The actions a slot offers: key -> (the button's words, its icon, the accessible
#: name's pattern; ``{who}`` is the item's company and role, ``{day}`` today).
ACTIONS: dict[str, tuple[str, str, str]] = {
    "draft_thanks": ("Draft thank-you", "", "Draft thank-you for {who}"),
    "draft_check_in": ("Draft check-in", "", "Draft check-in for {who}"),
    "open": ("Open", "", "Open {who} in the form"),
    "sent": ("Mark sent", "", "Mark sent: the thank-you note for {who}, today {day}"),
    "followed": ("Mark followed up", "", "Mark followed up: a check-in to {who} sent today {day}"),
}
#: Each action's hook class.
HOOKS = {
    "draft_thanks": "ik-due-draft-thanks",
    "draft_check_in": "ik-due-draft-check-in",
    "open": "ik-due-open",
    "sent": "ik-due-sent",
    "followed": "ik-due-followed",
}
#: The outcome menu's first entry: nothing chosen yet (its name says "Record outcome
#: for ..."). Words only, no icons: the row stays one line beside its item.
NO_OUTCOME = ("Outcome…", "")


def happened(interview: Interview | None, today: _dt.date) -> bool:
    """Whether the interview is on or before today (a note can have gone out)."""
    return (
        interview is not None and interview.date is not None and interview.date <= today.isoformat()
    )


def actions_for(item: Due, interview: Interview | None, today: _dt.date) -> list[str]:
    """The actions that apply to ``item``, in the order they are offered."""
    if item.id is None or interview is None:
        return []
    done = happened(interview, today)
    if item.kind == "thank_you":
        return ["draft_thanks", "open", *(["sent"] if done else [])]
    return ["draft_check_in", "open", *(["followed"] if done else [])]


def draft_for(kind: str, interview: Interview, today: _dt.date) -> tuple[str, str]:
    """(the draft's text, a line on its timing or "") for ``kind`` ("draft_thanks" or
    "draft_check_in")."""
    if kind == "draft_thanks":
        return thank_you_draft(interview, today), thank_you_status(interview, today)
    status = check_in_status(interview, today)
    return check_in_draft(interview, today) or status, status


class DueSlot:
    """The widgets of one item; ``act(slot, action)`` is called for every click and
    every outcome chosen (``action`` "outcome:<id>")."""

    def __init__(self, number: int, act: Callable[[DueSlot, str], Any]) -> None:
        self.item: Due | None = None
        self.interview: Interview | None = None
        self.drafting = ""  # the action whose draft is open, or ""
        self.text = w.HTML("")
        self.text.add_class("ik-due-item")
        self.buttons: dict[str, w.Button] = {}
        for key, (words, icon, _name) in ACTIONS.items():
            button = w.Button(
                description=words, icon=icon, layout=w.Layout(width="auto", display="none")
            )
            button.add_class(HOOKS[key])
            button.add_class("ik-named")
            button.on_click(lambda _b, key=key: act(self, key))
            self.buttons[key] = button
        self.outcome = w.Dropdown(
            options=[NO_OUTCOME, *((o.choice, o.id) for o in OUTCOME_TABLE)],
            value="",
            layout=w.Layout(width="auto", display="none"),
        )
        self.outcome.add_class("ik-due-outcome")
        self.outcome.add_class("ik-named")
        self.outcome.observe(self._chosen, "value")
        self.actions = w.HBox(
            [*self.buttons.values(), self.outcome], layout=w.Layout(flex_flow="row wrap")
        )
        self.actions.add_class("ik-due-actions")
        self.draft_hook = f"ik-due-draft-{number}"
        self.draft_status = w.HTML("")
        self.draft_text = w.Textarea(
            value="", rows=9, description="Draft", layout=w.Layout(width="100%", max_width="36em")
        )
        self.draft_text.add_class(self.draft_hook)
        self.draft_text.add_class("ik-readonly")
        self.draft_text.add_class("ik-named")
        self.draft = w.VBox([self.draft_status, self.draft_text], layout=w.Layout(display="none"))
        self.draft.add_class("ik-due-draft")
        self.container = w.Box(
            [self.text, self.actions, self.draft], layout=w.Layout(display="none", width="100%")
        )
        self.container.add_class("ik-due-entry")
        self._act = act

    def _chosen(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self._act(self, f"outcome:{change['new']}")

    def reset_outcome(self) -> None:
        """The menu back to "Record outcome…" (after a write, or a refusal)."""
        self.outcome.unobserve(self._chosen, "value")
        self.outcome.value = ""
        self.outcome.observe(self._chosen, "value")

    def show(
        self, item: Due | None, interview: Interview | None, html: str, today: _dt.date
    ) -> None:
        """Show ``item`` (None: hide the slot); its draft closes when the item changes."""
        if item != self.item or interview != self.interview:
            self.close_draft()
        self.item, self.interview = item, interview
        if item is None:
            self.text.value = ""
            self.container.layout.display = "none"
            return
        self.container.layout.display = ""
        self.text.value = html
        (self.text.add_class if item.overdue(today) else self.text.remove_class)("ik-overdue")
        who = who_words(item.company, item.role)
        day = f"{today:%a} {today.isoformat()}"
        offered = actions_for(item, interview, today)
        for key, button in self.buttons.items():
            button.tooltip = ACTIONS[key][2].format(who=who, day=day)
            button.layout.display = "" if key in offered else "none"
        self.outcome.tooltip = f"Record outcome for {who}"
        self.outcome.layout.display = "" if offered else "none"
        self.draft_text.tooltip = f"Draft note for {who}: select it and copy it"

    def open_draft(self, kind: str, today: _dt.date) -> bool:
        """Show the draft of ``kind`` for this item here (the same button again hides
        it); True when it is now shown."""
        if self.interview is None or self.drafting == kind:
            self.close_draft()
            return False
        text, status = draft_for(kind, self.interview, today)
        self.drafting = kind
        self.draft_text.value = text
        self.draft_status.value = paragraph_html(status) if status else ""
        self.draft.layout.display = ""
        button = self.buttons[kind]
        button.description = "Hide draft"
        button.tooltip = "Hide draft" + button.tooltip.removeprefix(ACTIONS[kind][0])
        return True

    def close_draft(self) -> None:
        if self.drafting:
            button = self.buttons[self.drafting]
            button.description = ACTIONS[self.drafting][0]
            button.tooltip = ACTIONS[self.drafting][0] + button.tooltip.removeprefix("Hide draft")
        self.drafting = ""
        self.draft.layout.display = "none"
        self.draft_text.value = ""
