"""The History view's data: one scored row per journal entry, sorted, no widgets.

Scoring goes through :mod:`interview_kit.core.batch` (numpy, imported when called),
bit-identical to :func:`interview_kit.score`, so 10,000 rows stay well under a second.
Each row carries what the search reads (company, role, notes, the debrief's
questions and answers, the people met), folded once when the row is made: a
keystroke in the search box is one substring test per row, never a re-parse.

A long journal is listed first from its columns alone (:class:`Listed`, from
:meth:`Journal.listing <interview_kit.journal.queries.QueriesMixin.listing>`): that is
enough to sort by any column but the score and verdict, to filter by outcome and
application status, to count and to page, with no stored record parsed. Only the
rows shown need scoring; :func:`history_rows` takes a cache keyed by each entry's
revision, so what was scored once is never scored again.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any, NamedTuple, TypeVar

from ..core.applications import (
    application_key,
    fold,
    group_applications,
    round_order,
    status_of,
)
from ..core.assessment import VERDICTS
from ..core.errors import InputError
from ..core.fields import COMPANY, DATE, OUTCOME, ROLE, STAGE
from ..core.interview import Interview
from ..core.weights import validate_weights
from .records import Entry

#: Columns a History table can sort by.
SORT_KEYS = (DATE.key, COMPANY.key, ROLE.key, STAGE.key, "score", "verdict", OUTCOME.key, "id")


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


class Listed(NamedTuple):
    """One interview as the journal's columns list it (no stored record parsed): all
    of a :class:`HistoryRow` but the score, verdict, confidence and search text."""

    id: int
    date: str | None
    company: str
    role: str
    stage: str
    outcome: str | None
    outcome_date: str | None
    status: str
    revision: int
    updated: str


#: A row of either kind: what sorting, the outcome and status filters and paging read.
R = TypeVar("R", bound="HistoryRow | Listed")


def listed_rows(columns: Sequence[Sequence[Any]]) -> list[Listed]:
    """:class:`Listed` rows from the journal's listing (by id, its columns checked), each
    with its application's status, decided as
    :func:`~interview_kit.core.applications.group_applications` decides it: the latest
    round's outcome (undated rounds count as the latest, then by date, then by id)."""
    latest: dict[tuple[str, str], tuple[tuple[bool, str, int], str | None]] = {}
    folded: dict[tuple[str, str], tuple[str, str]] = {}  # an application's rounds: one fold
    keys = []
    for id_, date, company, role, _stage, outcome, *_rest in columns:
        key = folded.get((company, role))
        if key is None:
            key = folded[company, role] = application_key(company, role)
        order = round_order(id_, date)
        seen = latest.get(key)
        if seen is None or seen[0] < order:
            latest[key] = (order, outcome)
        keys.append(key)
    status = {key: status_of(outcome) for key, (_, outcome) in latest.items()}
    return [
        Listed._make((*row[:7], status[key], *row[7:9]))  # the columns, status inserted
        for row, key in zip(columns, keys, strict=True)
    ]


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


#: What scoring adds to a listed row: score, verdict, confidence, search text.
Scored = tuple[float, str, float, str]
#: Scored parts kept between reads, keyed by :func:`revision_key` (see :func:`history_rows`).
ScoreCache = MutableMapping[tuple[int, int, str], Scored]


def revision_key(row: Entry | Listed) -> tuple[int, int, str]:
    """What names one saved version of an entry: id, revision and updated time."""
    return (row.id, row.revision, row.updated)


def history_rows(
    entries: Sequence[Entry],
    weights: Mapping[str, float] | None = None,
    *,
    sort: str = DATE.key,
    descending: bool = False,
    statuses: Mapping[int, str] | None = None,
    cache: ScoreCache | None = None,
) -> list[HistoryRow]:
    """Score ``entries`` and return their rows, sorted (undated rows last, then by id).

    ``weights=None`` scores each entry with the weights it was saved with; a
    mapping scores all of them alike (what a trend comparison wants). ``statuses``
    (id -> application status) when ``entries`` are not the whole journal (a page):
    a status is the whole application's. ``cache`` (only with ``weights=None``):
    entries whose version is in it are not scored again, new ones are added.
    """
    if sort not in SORT_KEYS:
        raise InputError("sort", sort, f"must be one of {', '.join(SORT_KEYS)}")
    entries = list(entries)
    if not entries:
        return []
    known: ScoreCache = {} if cache is None or weights is not None else cache
    fresh = [n for n, e in enumerate(entries) if revision_key(e) not in known]
    if fresh:
        _score_into(known, [entries[n] for n in fresh], weights)
    if statuses is None:
        apps = group_applications((e.id, e.interview) for e in entries)
        by_app = {application_key(a.company, a.role): a.status for a in apps}
        statuses = {e.id: by_app[application_key(e.company, e.role)] for e in entries}
    rows = []
    for e in entries:
        score, verdict, confidence, text = known[revision_key(e)]
        rows.append(
            HistoryRow(
                id=e.id,
                date=e.date,
                company=e.company,
                role=e.role,
                stage=e.stage,
                score=score,
                verdict=verdict,
                confidence=confidence,
                outcome=e.outcome,
                outcome_date=e.outcome_date,
                status=statuses[e.id],
                search_text=text,
            )
        )
    return sort_rows(rows, sort, descending)


def _score_into(
    known: ScoreCache, entries: Sequence[Entry], weights: Mapping[str, float] | None
) -> None:
    """Score ``entries`` in one batch per weight set, into ``known``."""
    from ..core.batch import score_many  # numpy: paid when rows are first scored

    fixed = None if weights is None else validate_weights(weights)
    groups: dict[tuple[tuple[str, float], ...], list[Entry]] = {}
    seen: dict[int, tuple[tuple[str, float], ...]] = {}  # journal entries share weight maps
    for e in entries:
        w = fixed if fixed is not None else e.weights
        key = seen.get(id(w))
        if key is None:
            key = seen[id(w)] = tuple(sorted(w.items()))
        groups.setdefault(key, []).append(e)
    for key, members in groups.items():
        scores = score_many([e.interview for e in members], dict(key))
        for e, o, c, v in zip(
            members,
            scores.overall.tolist(),
            scores.confidence.tolist(),
            scores.verdict_code.tolist(),
            strict=True,
        ):
            known[revision_key(e)] = (o, VERDICTS[v], c, searchable_text(e.interview))


def sort_rows(rows: Sequence[R], key: str = DATE.key, descending: bool = False) -> list[R]:
    """Rows sorted by one column; empty values (no date, no outcome) always last.
    :class:`Listed` rows have no score or verdict to sort by."""
    rows = sorted(rows, key=lambda r: r.id)
    present = [r for r in rows if getattr(r, key) not in (None, "")]
    missing = [r for r in rows if getattr(r, key) in (None, "")]
    present.sort(key=lambda r: _sortable(getattr(r, key)), reverse=descending)
    return present + missing


def _sortable(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


#: The outcome filter's "every interview" and "no outcome yet" values.
ANY_OUTCOME, NO_OUTCOME = "any", "pending"
#: The application status filter's "every status" value.
ANY_STATUS = "any"


def filter_rows(
    rows: Sequence[R], text: str = "", outcome: str | None = ANY_OUTCOME, status: str = ANY_STATUS
) -> list[R]:
    """Rows whose searchable text (:func:`searchable_text`) contains ``text`` (case and
    spaces ignored), whose outcome is ``outcome`` (:data:`ANY_OUTCOME`,
    :data:`NO_OUTCOME` or an outcome id) and whose application's status is
    ``status`` (:data:`ANY_STATUS` or one of the statuses); the order is kept. A
    search needs scored rows (:class:`Listed` rows have no search text)."""
    needle = fold(text.replace(_FIELD_BREAK, " "))
    wanted = None if outcome in (None, NO_OUTCOME) else outcome
    kept = [
        r
        for r in rows
        if (outcome == ANY_OUTCOME or r.outcome == wanted)
        and (status == ANY_STATUS or r.status == status)
    ]
    return [r for r in kept if needle in _search_text(r)] if needle else kept


def _search_text(row: HistoryRow | Listed) -> str:
    if isinstance(row, Listed):
        raise TypeError("a search needs scored rows (history_rows), not listed ones")
    return row.search_text


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
    return [TrendPoint(r.id, r.date or "", r.score, r.outcome, r.company, r.role) for r in dated]
