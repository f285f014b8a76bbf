"""History's filter bar: the search box, the outcome and application status filters,
the sort key and direction, the choice of view, and what they keep in words.

:class:`FilterBar` only builds and holds the controls (the panel observes them);
:func:`found_words` says what the search and filters keep in the user's own terms,
naming each condition that applies and no other ("3 of your 12 interviews are in
applications whose status is Offer", never "matches the search" when nothing was
typed), with the words agreeing in number (none, one, many).

CSS hooks: ``ik-history-search`` (Text), ``ik-history-outcome-filter``,
``ik-history-status-filter``, ``ik-history-sort``, ``ik-history-direction``
(Dropdowns), ``ik-history-view`` (ToggleButtons: interviews or applications).
"""

from __future__ import annotations

import ipywidgets as w

from ..core.applications import STATUS_WORDS, STATUSES
from ..core.fields import DATE
from ..core.outcomes import OUTCOME_TABLE, PENDING_OUTCOME
from ..journal.history import ANY_OUTCOME, ANY_STATUS, NO_OUTCOME, SORT_KEYS

#: Sort menu: one choice per sortable column, in the data's own order.
SORT_OPTIONS = [("Saved order" if key == "id" else key.capitalize(), key) for key in SORT_KEYS]
#: Outcome filter: everything, then each outcome in the outcome table's order.
OUTCOME_OPTIONS = [
    ("All outcomes", ANY_OUTCOME),
    (PENDING_OUTCOME.choice, NO_OUTCOME),
    *((o.choice, o.id) for o in OUTCOME_TABLE),
]
#: Application status filter: everything, then each status in the core's order.
STATUS_OPTIONS = [
    ("Any application status", ANY_STATUS),
    *((STATUS_WORDS[None if s == "interviewing" else s], s) for s in STATUSES),
]
#: The two views of the journal.
INTERVIEWS, APPLICATIONS = "interviews", "applications"

#: The outcome filter's words for each outcome id (the menu's, before any bracket).
_OUTCOME_LABELS = {o.id: o.label for o in OUTCOME_TABLE}


def _conditions(search: str, outcome: str | None, status: str) -> list[tuple[str, str]]:
    """Each condition that applies, as (what one interview does, what several do)."""
    said = []
    query = " ".join(search.split())
    if query:
        said.append((f'matches the search "{query}"', f'match the search "{query}"'))
    if outcome == NO_OUTCOME:
        said.append(("has no outcome yet", "have no outcome yet"))
    elif outcome not in (None, ANY_OUTCOME):
        label = _OUTCOME_LABELS.get(outcome, str(outcome))
        said.append((f"has the outcome {label}", f"have the outcome {label}"))
    if status != ANY_STATUS:
        word = STATUS_WORDS.get(None if status == "interviewing" else status, status)
        said.append(
            (
                f"is in an application whose status is {word}",
                f"are in applications whose status is {word}",
            )
        )
    return said


def found_words(
    kept: int,
    total: int,
    search: str = "",
    outcome: str | None = ANY_OUTCOME,
    status: str = ANY_STATUS,
) -> str:
    """What the search and filters keep of ``total`` interviews, as a sentence naming
    only the conditions that apply; "" when none does (or nothing is saved)."""
    said = _conditions(search, outcome, status)
    if not said or total == 0:
        return ""
    one = " and ".join(s for s, _ in said)
    many = " and ".join(p for _, p in said)
    if kept == 0:
        if total == 1:
            return f"Your 1 interview is not one that {one}."
        return f"None of your {total} interviews {one}."
    if kept == total == 1:
        return f"Your 1 interview {one}."
    if kept == total:
        return f"All {total} of your interviews {many}."
    if kept == 1:
        return f"1 of your {total} interviews {one}."
    return f"{kept} of your {total} interviews {many}."


class FilterBar:
    """The controls above the table, in reading order (see the module's CSS hooks)."""

    def __init__(self) -> None:
        self.search = w.Text(
            value="",
            description="Search",
            placeholder="company, role, notes, questions",
            tooltip="Show only interviews whose company, role, notes, questions and "
            "answers, your questions or the people you met contain this",
            style={"description_width": "5em"},
            layout=w.Layout(width="17em", max_width="100%"),
        )
        self.search.add_class("ik-history-search")
        self.outcome_filter = w.Dropdown(
            options=OUTCOME_OPTIONS,
            value=ANY_OUTCOME,
            description="Outcome",
            tooltip="Show one outcome",
            style={"description_width": "5em"},
            layout=w.Layout(width="17em", max_width="100%"),
        )
        self.outcome_filter.add_class("ik-history-outcome-filter")
        self.status_filter = w.Dropdown(
            options=STATUS_OPTIONS,
            value=ANY_STATUS,
            description="Status",
            tooltip="Show the rounds of applications with this status",
            style={"description_width": "5em"},
            layout=w.Layout(width="19em", max_width="100%"),
        )
        self.status_filter.add_class("ik-history-status-filter")
        self.view = w.ToggleButtons(
            options=[("Interviews", INTERVIEWS), ("Applications", APPLICATIONS)],
            value=INTERVIEWS,
            tooltips=[
                "Show every interview, a page at a time",
                "Show each application's rounds in order, with its status",
            ],
            style={"button_width": "8em"},
        )
        self.view.add_class("ik-history-view")
        self.sort = w.Dropdown(
            options=SORT_OPTIONS,
            value=DATE.key,
            description="Sort by",
            tooltip="Column to sort the table by",
            style={"description_width": "5em"},
            layout=w.Layout(width="14em", max_width="100%"),
        )
        self.sort.add_class("ik-history-sort")
        self.direction = w.Dropdown(
            options=[("Newest / highest first", True), ("Oldest / lowest first", False)],
            value=True,
            description="Order",
            tooltip="Sort direction",
            style={"description_width": "5em"},
            layout=w.Layout(width="18em", max_width="100%"),
        )
        self.direction.add_class("ik-history-direction")
        self.box = w.HBox(
            [
                self.search,
                self.outcome_filter,
                self.status_filter,
                self.sort,
                self.direction,
                self.view,
            ],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )

    def found(self, kept: int, total: int) -> str:
        """:func:`found_words` for the controls' values now."""
        return found_words(
            kept, total, self.search.value, self.outcome_filter.value, self.status_filter.value
        )

    def order_words(self) -> str:
        """The table's order in words: "sorted by date, descending"."""
        order = dict((key, text) for text, key in SORT_OPTIONS)[self.sort.value]
        direction = "descending" if self.direction.value else "ascending"
        return f"sorted by {order.lower()}, {direction}"
