"""The History view's data: one scored row per journal entry, sorted, no widgets.

Scoring goes through :mod:`interview_kit.core.batch` (numpy, imported when called),
bit-identical to :func:`interview_kit.score`, so 10,000 rows stay well under a second.
Each row carries what the search reads (company, role, notes, the debrief's
questions and answers, the people met), folded once when the row is made: a
keystroke in the search box is one substring test per row, never a re-parse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..core.applications import application_key, fold, group_applications
from ..core.assessment import VERDICTS
from ..core.errors import InputError
from ..core.fields import COMPANY, DATE, OUTCOME, ROLE, STAGE
from ..core.interview import Interview
from ..core.weights import validate_weights
from .records import Entry

#: Columns a History table can sort by.
SORT_KEYS = (DATE.key, COMPANY.key, ROLE.key, STAGE.key, "score", "verdict", OUTCOME.key,
             "id")


@dataclass(frozen=True)
class HistoryRow:
    id: int
    date: str | None
    company: str
    role: str
    stage: str
    score: float
    verdict: str
    confidence: float
    outcome: str | None
    outcome_date: str | None
    #: The status of the application this round belongs to (one of
    #: :data:`~interview_kit.core.applications.STATUSES`).
    status: str = "interviewing"
    #: What the search matches, folded (see :func:`searchable_text`); not a column.
    search_text: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["search_text"]
        return data


#: A row's columns (:meth:`HistoryRow.to_dict`'s keys), in order.
HISTORY_COLUMNS = tuple(f.name for f in fields(HistoryRow) if f.name != "search_text")


#: Between two fields of :func:`searchable_text`: NUL, which is not whitespace
#: (fold keeps it), taken out of every query by :func:`filter_rows`.
_FIELD_BREAK = "\x00"


def searchable_text(interview: Interview) -> str:
    """Everything the History search looks in, folded as :func:`fold` folds a query:
    company, role, notes, what went well, each question they asked and your answer,
    your own questions, the people you met. Fields are joined by a character no
    query holds, so a query never matches across two of them. (One casefold and one
    split for the whole record: 10,000 records with debriefs take milliseconds.)"""
    parts = [interview.company, interview.role, interview.notes, interview.went_well]
    for exchange in interview.questions:
        parts += (exchange.question, exchange.answer)
    parts += interview.my_questions
    for person in interview.interviewers:
        parts += (person.name, person.role)
    return fold(_FIELD_BREAK.join(parts))


def history_rows(entries: Sequence[Entry], weights: Mapping[str, float] | None = None, *,
                 sort: str = DATE.key, descending: bool = False) -> list[HistoryRow]:
    """Score ``entries`` and return their rows, sorted (undated rows last, then by id).

    ``weights=None`` scores each entry with the weights it was saved with; a
    mapping scores all of them alike (what a trend comparison wants).
    """
    if sort not in SORT_KEYS:
        raise InputError("sort", sort, f"must be one of {', '.join(SORT_KEYS)}")
    entries = list(entries)
    if not entries:
        return []
    from ..core.batch import score_many  # numpy: paid when rows are first scored

    fixed = None if weights is None else validate_weights(weights)
    groups: dict[tuple[tuple[str, float], ...], list[int]] = {}
    seen: dict[int, tuple[tuple[str, float], ...]] = {}  # journal entries share weight maps
    for n, e in enumerate(entries):
        w = fixed if fixed is not None else e.weights
        key = seen.get(id(w))
        if key is None:
            key = seen[id(w)] = tuple(sorted(w.items()))
        groups.setdefault(key, []).append(n)
    overall = [0.0] * len(entries)
    confidence = [0.0] * len(entries)
    verdict = [""] * len(entries)
    for key, members in groups.items():
        scores = score_many([entries[n].interview for n in members], dict(key))
        for n, o, c, v in zip(members, scores.overall.tolist(), scores.confidence.tolist(),
                              scores.verdict_code.tolist(), strict=True):
            overall[n], confidence[n], verdict[n] = o, c, VERDICTS[v]
    status = {application_key(a.company, a.role): a.status
              for a in group_applications((e.id, e.interview) for e in entries)}
    rows = [HistoryRow(id=e.id, date=e.date, company=e.company, role=e.role, stage=e.stage,
                       score=overall[n], verdict=verdict[n], confidence=confidence[n],
                       outcome=e.outcome, outcome_date=e.outcome_date,
                       status=status[application_key(e.company, e.role)],
                       search_text=searchable_text(e.interview))
            for n, e in enumerate(entries)]
    return sort_rows(rows, sort, descending)


def sort_rows(rows: Sequence[HistoryRow], key: str = DATE.key,
              descending: bool = False) -> list[HistoryRow]:
    """Rows sorted by one column; empty values (no date, no outcome) always last."""
    rows = sorted(rows, key=lambda r: r.id)
    present = [r for r in rows if _value(r, key) not in (None, "")]
    missing = [r for r in rows if _value(r, key) in (None, "")]
    present.sort(key=lambda r: _sortable(_value(r, key)), reverse=descending)
    return present + missing


def _value(row: HistoryRow, key: str) -> Any:
    return row.score if key == "score" else getattr(row, key)


def _sortable(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


#: The outcome filter's "every interview" and "no outcome yet" values.
ANY_OUTCOME, NO_OUTCOME = "any", "pending"
#: The application status filter's "every status" value.
ANY_STATUS = "any"


def filter_rows(rows: Sequence[HistoryRow], text: str = "",
                outcome: str | None = ANY_OUTCOME,
                status: str = ANY_STATUS) -> list[HistoryRow]:
    """Rows whose searchable text (:func:`searchable_text`) contains ``text`` (case and
    spaces ignored), whose outcome is ``outcome`` (:data:`ANY_OUTCOME`,
    :data:`NO_OUTCOME` or an outcome id) and whose application's status is
    ``status`` (:data:`ANY_STATUS` or one of the statuses); the order is kept."""
    needle = fold(text.replace(_FIELD_BREAK, " "))
    wanted = (None if outcome in (None, NO_OUTCOME) else outcome)
    return [r for r in rows
            if (not needle or needle in r.search_text)
            and (outcome == ANY_OUTCOME or r.outcome == wanted)
            and (status == ANY_STATUS or r.status == status)]


@dataclass(frozen=True)
class TrendPoint:
    """One dated interview on the trend chart; ``outcome`` marks it (None = pending).
    ``company`` and ``role`` name its application (the rounds of one application
    are joined on the chart, different applications never)."""

    id: int
    date: str
    score: float
    outcome: str | None
    company: str = ""
    role: str = ""

    @property
    def application(self) -> tuple[str, str]:
        """The application this round belongs to (the one rule:
        :func:`~interview_kit.core.applications.application_key`)."""
        return application_key(self.company, self.role)


def trend_points(rows: Sequence[HistoryRow]) -> list[TrendPoint]:
    """Dated rows in date order, for the score-over-time chart (undated ones can't be placed)."""
    dated = sorted((r for r in rows if r.date), key=lambda r: (r.date, r.id))
    return [TrendPoint(r.id, r.date or "", r.score, r.outcome, r.company, r.role)
            for r in dated]
