"""Applications: the rounds of one company and role, in order, with a status.

Rounds are grouped by company and role as typed, ignoring case and spacing
("Acme " and "acme" are one application); the status is what the latest round's
outcome says about the whole application.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .interview import Interview

#: An application's status, as the user reads it, keyed by the latest round's outcome.
STATUS_WORDS = {
    None: "Interviewing",
    "next_round": "Next round",
    "offer": "Offer",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "no_response": "No response",
}
STATUSES = ("interviewing", "next_round", "offer", "rejected", "withdrawn", "no_response")


def fold(text: str) -> str:
    """Text as it is matched: case and runs of spaces ignored ("Acme  X" is "acme x")."""
    return " ".join(text.casefold().split())


def application_key(company: str, role: str) -> tuple[str, str]:
    """The grouping key: case and runs of spaces do not make a new application."""
    return (fold(company), fold(role))


@dataclass(frozen=True)
class Application:
    """One application: its rounds (journal id, interview), oldest first."""

    company: str
    role: str
    rounds: tuple[tuple[int, Interview], ...]

    @property
    def latest(self) -> Interview:
        return self.rounds[-1][1]

    @property
    def status(self) -> str:
        """One of STATUSES: the latest round's outcome, "interviewing" while pending."""
        return status_of(self.latest.outcome)

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.latest.outcome]

    @property
    def first_date(self) -> str | None:
        return next((i.date for _, i in self.rounds if i.date), None)

    @property
    def last_date(self) -> str | None:
        return next((i.date for _, i in reversed(self.rounds) if i.date), None)


def status_of(latest_outcome: str | None) -> str:
    """An application's status from its latest round's outcome (one of STATUSES)."""
    return latest_outcome or "interviewing"


def round_order(id: int, date: str | None) -> tuple[bool, str, int]:
    """Where a round falls in its application: by date, undated ones after the dated
    (as recorded), then by id. The last is the latest, whose outcome is the status."""
    return (date is None, date or "", id)


def _round_order(item: tuple[int, Interview]) -> tuple[bool, str, int]:
    id, interview = item
    return round_order(id, interview.date)


def group_applications(rounds: Iterable[tuple[int, Interview]]) -> list[Application]:
    """Every application, the most recently active first; rounds without a date come
    after the dated ones (in the order they were recorded)."""
    groups: dict[tuple[str, str], list[tuple[int, Interview]]] = {}
    for id, interview in rounds:
        groups.setdefault(application_key(interview.company, interview.role), []).append(
            (id, interview)
        )
    apps = []
    for items in groups.values():
        items.sort(key=_round_order)
        latest = items[-1][1]
        apps.append(Application(latest.company, latest.role, tuple(items)))
    return sorted(
        apps, key=lambda a: (a.last_date or "", max(id for id, _ in a.rounds)), reverse=True
    )
