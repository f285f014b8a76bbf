"""Reading the journal's interviews many at a time: the filtered listing, one
application's rounds, the applications, what is due, and the count."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..core.due import DEFAULT_DAYS, Due
from ..core.fields import COMPANY, DATE, ROLE
from .base import COLUMNS, JournalCore
from .due import DUE_SQL, DamagedRow, due_from_rows, due_params
from .filters import where_clause
from .records import Entry
from .schema import JournalError

#: The columns the listings order and group by, named by the field table.
_COMPANY, _ROLE, _DATE = (str(f.sql_column) for f in (COMPANY, ROLE, DATE))

#: What :meth:`QueriesMixin.listing` reads of each entry (no stored record).
LISTING_COLUMNS = "id, date, company, role, stage, outcome, outcome_date, revision, updated"
#: 1 for a listed row whose column holds what no saved record would (a hand-edited
#: file), else 0: read with the row, so the listing is one pass over the table.
_DAMAGED = (
    "(typeof(id) != 'integer' OR typeof(revision) != 'integer'"
    + "".join(f" OR typeof({c}) != 'text'" for c in ("company", "role", "stage", "updated"))
    + "".join(
        f" OR typeof({c}) NOT IN ('text', 'null')" for c in ("date", "outcome", "outcome_date")
    )
    + ")"
)


class QueriesMixin(JournalCore):
    """Listings over the ``interviews`` table (drafts live elsewhere and never show)."""

    def entries(
        self,
        *,
        company: str | None = None,
        role: str | None = None,
        outcome: str | None = None,
        profile: str | None = None,
        pending: bool | None = None,
        search: str | None = None,
    ) -> list[Entry]:
        """Entries ordered by interview date (undated last), then id; filters optional
        (see :func:`~interview_kit.journal.filters.where_clause`), applied in SQL."""
        where, params = where_clause(
            company=company,
            role=role,
            outcome=outcome,
            profile=profile,
            pending=pending,
            search=search,
        )
        rows = self._query(
            f"SELECT {COLUMNS} FROM interviews{where} ORDER BY {_DATE} IS NULL, {_DATE}, id", params
        )
        # Rows are immutable values: an unchanged row (same bytes) reuses its parsed
        # Entry, so the History view refreshes after a save without re-parsing 10,000
        # records. Only an unfiltered listing replaces the cache (bounded by the journal).
        cache: dict[tuple[Any, ...], Entry] = self._cache
        fresh: dict[tuple[Any, ...], Entry] = {}
        entries = []
        for row in rows:
            entry = cache.get(row)
            if entry is None:
                entry = self._entry(row)
            fresh[row] = entry
            entries.append(entry)
        if not where:
            self._cache = fresh
        return entries

    def listing(self) -> list[tuple[Any, ...]]:
        """Every entry's :data:`LISTING_COLUMNS` (and a last one, 0), by id, parsing no
        stored record: what
        History sorts, filters, counts and pages by
        (:func:`~interview_kit.journal.history.listed_rows` reads them). A column of
        the wrong kind (a hand-edited file) is a :class:`JournalError` naming the record."""
        rows = self._query(f"SELECT {LISTING_COLUMNS}, {_DAMAGED} FROM interviews ORDER BY id")
        damaged = next((row[0] for row in rows if row[-1]), None)
        if damaged is not None:
            raise JournalError(
                self.path,
                f"record {damaged} is damaged (a column holds "
                "the wrong kind of value); left as it is",
            )
        return rows

    def rounds(self, company: str, role: str) -> list[Entry]:
        """Every round of one application, by date: grouped as the core groups them
        (:func:`~interview_kit.core.applications.application_key`)."""
        return self.entries(company=company, role=role)

    def threads(self) -> list[tuple[str, str, int]]:
        """(company, role, number of rounds) for every application, most rounds first."""
        # With max(), SQLite's bare columns come from the newest row: its spelling wins.
        rows = self._query(
            f"SELECT trim({_COMPANY}), trim({_ROLE}), count(*), max(id), "
            f"application({_COMPANY}, {_ROLE}) AS app FROM interviews GROUP BY app "
            "ORDER BY count(*) DESC, app"
        )
        return [(c, r, n) for c, r, n, _, _ in rows]

    def due(self, *, today: _dt.date, days: int = DEFAULT_DAYS) -> list[Due]:
        """What is due up to ``days`` after ``today``, overdue first: one indexed query
        over the date columns, decided by :func:`interview_kit.core.due.due_list`."""
        rows = self._query(DUE_SQL, due_params(today, days))
        try:
            return due_from_rows(rows, today=today, days=days)
        except DamagedRow as error:
            raise JournalError(self.path, f"{error}; left as it is") from None

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) FROM interviews")[0][0])
