"""History's Applications view: the rounds of each company and role, in order, with a
status and the dates.

The grouping and the status are :func:`interview_kit.core.applications.group_applications`'
(the one rule; the trend chart joins the same rounds). Each application is one escaped
HTML block (a heading, its status and dates in words, its rounds as a table, oldest
first) followed by a "New round of this application" button, which asks the journal
controls' one new-round path (:meth:`Session.next_round`) for a new interview with that
company and role only, and shows it in the form. :data:`APPS_PAGE` applications a page.

CSS hooks: ``ik-applications`` (the view), ``ik-applications-summary`` (how many, which
page), ``ik-application`` (one application's block; its table ``ik-rounds``, each body
row ``ik-round``), ``ik-application-new-round`` (Buttons), ``ik-applications-prev`` /
``ik-applications-next`` (Buttons), ``ik-applications-status``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as w

from ..core.applications import Application
from ..core.outcomes import outcome_words
from .kit import message_html, page_of, range_words, stage_label, who_words
from .session import READING_TAB, Session

APPS_PAGE = 5

APPLICATIONS_CSS = """<style>
.ik-applications .ik-rounds { border-collapse: collapse; margin: 0.2em 0 0.3em 0; }
.ik-applications .ik-rounds caption { text-align: left; }
.ik-applications .ik-rounds th, .ik-applications .ik-rounds td { text-align: left;
  padding: 0.15em 0.5em; border-bottom: 1px solid var(--jp-border-color2, #ccc);
  overflow-wrap: anywhere; }
.ik-applications .ik-application h3 { overflow-wrap: anywhere; }
.ik-applications .ik-application-new-round { margin-bottom: 0.6em; }
</style>"""


def application_name(app: Application) -> str:
    """An application as the page names it: company and role."""
    return who_words(app.company, app.role)


def dates_words(app: Application) -> str:
    """The application's status and dates in one sentence."""
    count = len(app.rounds)
    parts = [f"Status: {app.status_words}", "1 round" if count == 1 else f"{count} rounds"]
    first, last = app.first_date, app.last_date
    if first is None:
        parts.append("no dates recorded")
    elif first == last:
        parts.append(f"on {first}")
    else:
        parts.append(f"from {first} to {last}")
    told = app.latest.decision_by
    if told and app.latest.outcome is None:
        parts.append(f"decision expected by {told}")
    return " · ".join(parts) + "."


def application_html(app: Application) -> str:
    """One application as escaped markup: heading, status and dates, rounds table."""
    name = application_name(app)
    rows = []
    for number, (id, interview) in enumerate(app.rounds, start=1):
        cells = (
            interview.date or "no date",
            stage_label(interview.stage) if interview.stage else "(not set)",
            outcome_words(interview.outcome),
        )
        rows.append(
            f"<tr class='ik-round'><th scope='row'>Round {number} (#{id})</th>"
            + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
            + "</tr>"
        )
    return (
        f"<h3 class='ik-heading'>{html.escape(name)}</h3>"
        f"<p class='ik-text'>{html.escape(dates_words(app))}</p>"
        f"<table class='ik-rounds'><caption class='ik-text'>Rounds of "
        f"{html.escape(name)}, oldest first</caption><thead><tr>"
        "<th scope='col'>Round</th><th scope='col'>Date</th><th scope='col'>Stage</th>"
        "<th scope='col'>Outcome</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


class _Slot:
    """One reusable place on the page: an application's block and its button."""

    def __init__(self, view: ApplicationsView) -> None:
        self.app: Application | None = None
        self.text = w.HTML("", layout=w.Layout(display="none"))
        self.text.add_class("ik-application")
        self.button = w.Button(
            description="New round of this application",
            icon="plus",
            layout=w.Layout(display="none", width="auto", align_self="flex-start"),
        )
        self.button.add_class("ik-application-new-round")
        self.button.on_click(lambda _b: view.new_round(self.app))


class ApplicationsView:
    """The applications, a page at a time. :meth:`show` takes them (already filtered,
    most recently active first); "New round of this application" starts the next
    interview of one of them in the form."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.applications: list[Application] = []
        self.total = 0  # applications in the journal
        self.page = 0
        self.summary = w.HTML("")
        self.summary.add_class("ik-applications-summary")
        self._slots = [_Slot(self) for _ in range(APPS_PAGE)]
        self.prev_button = w.Button(
            description="Previous applications", icon="chevron-left", layout=w.Layout(width="auto")
        )
        self.prev_button.add_class("ik-applications-prev")
        self.prev_button.on_click(lambda _b: self.show_page(self.page - 1))
        self.next_button = w.Button(
            description="Next applications", icon="chevron-right", layout=w.Layout(width="auto")
        )
        self.next_button.add_class("ik-applications-next")
        self.next_button.on_click(lambda _b: self.show_page(self.page + 1))
        self.status = w.HTML("")
        self.status.add_class("ik-applications-status")
        self.container = w.VBox(
            [
                w.HTML(APPLICATIONS_CSS),
                self.summary,
                self.status,
                *(part for slot in self._slots for part in (slot.text, slot.button)),
                w.HBox([self.prev_button, self.next_button], layout=w.Layout(flex_flow="row wrap")),
            ],
            layout=w.Layout(width="100%"),
        )
        self.container.add_class("ik-applications")

    def show(self, applications: Sequence[Application], total: int) -> None:
        """Show ``applications`` (those the search and filters keep, of ``total``)."""
        self.applications = list(applications)
        self.total = total
        self.show_page(self.page)

    def visible(self) -> list[Application]:
        return list(page_of(self.applications, self.page, APPS_PAGE)[2])

    def show_page(self, page: int) -> None:
        self.page, pages, shown = page_of(self.applications, page, APPS_PAGE)
        count = len(self.applications)
        if self.total == 0:
            line = "No applications yet: save an interview and it starts one."
        elif count == 0:
            line = f"None of your {self.total} applications matches the search and filters."
        else:
            which = range_words(self.page, APPS_PAGE, len(shown), count, self.total)
            line = (
                f"Applications {which}, most recently active first; "
                f"page {self.page + 1} of {pages}. "
                "The rounds of one company and role make one application."
            )
        self.summary.value = f"<p class='ik-text'>{html.escape(line)}</p>"
        for slot, app in zip(self._slots, [*shown, *[None] * APPS_PAGE], strict=False):
            slot.app = app
            display = "none" if app is None else ""
            slot.text.value = "" if app is None else application_html(app)
            slot.button.tooltip = (
                ""
                if app is None
                else f"Start the next interview of {application_name(app)}: "
                "company and role filled in, everything else empty"
            )
            slot.text.layout.display = slot.button.layout.display = display
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page >= pages - 1

    def new_round(self, app: Application | None) -> None:
        """The next interview of ``app`` in the form (company and role only), through
        the journal controls' one new-round path; then the form is shown."""
        if app is None:
            return
        self.session.next_round(app.latest)
        self.status.value = message_html(
            f"Started a new round of {application_name(app)} in the form (not saved yet)."
        )
        self.session.show(READING_TAB)
