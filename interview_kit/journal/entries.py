"""Writing the journal's interviews: add, update, record an outcome or a thank-you,
delete, and read one back.

Each write is one transaction. A write to a saved interview may name the revision it
was based on (``based_on``): if the entry moved on meanwhile, it is refused with
:class:`~interview_kit.journal.revisions.StaleRevision` and nothing is written, so no
writer silently undoes another's change (see :mod:`interview_kit.journal.revisions`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..core import fields as _fields
from ..core.errors import InputError
from ..core.fields import Field
from ..core.interview import Interview, check_date
from .profiles import ProfilesMixin
from .records import (
    MAX_IMPORT_ID,
    Entry,
    check_id,
    check_outcome,
    now_utc,
    outcome_date_for,
    storable_interview,
    today_utc,
)
from .revisions import (
    KEEP,
    OutcomeDate,
    check_based_on,
    check_fresh,
    check_room,
    outcome_date_rule,
)


@dataclass(frozen=True)
class InterviewColumns:
    """The interviews table's own columns, from the field table
    (:func:`~interview_kit.core.fields.sql_fields`: the columns the listings, filters
    and due list query; the whole record is kept in ``data`` as well), and the two
    statements that write them, built once per table rather than once per row."""

    table: tuple[Field, ...]  # the field table this was built from
    fields: tuple[Field, ...]
    insert_sql: str
    update_sql: str

    def values(self, interview: Interview) -> list[Any]:
        """Each column's value: text, a number or NULL; a structured value as its JSON."""
        values = [interview.value(f.key) for f in self.fields]
        for n, value in enumerate(values):
            if not (value is None or isinstance(value, str | int | float)):
                values[n] = json.dumps(
                    interview.to_dict().get(self.fields[n].json_key), ensure_ascii=False
                )
        return values


def _build_columns() -> InterviewColumns:
    chosen = _fields.sql_fields()
    names = [str(f.sql_column) for f in chosen]
    insert = (
        f"INSERT INTO interviews (id, {', '.join(names)}, outcome_date, data, weights, "
        f"profile, created, updated, revision) VALUES (?{', ?' * len(names)}, "
        "?, ?, ?, ?, ?, ?, ?)"
    )
    update = (
        f"UPDATE interviews SET {''.join(f'{name} = ?, ' for name in names)}"
        "outcome_date = ?, data = ?, weights = ?, profile = ?, updated = ?, "
        "revision = revision + 1 WHERE id = ?"
    )
    return InterviewColumns(_fields.FIELDS, chosen, insert, update)


_columns: InterviewColumns | None = None


def interview_columns() -> InterviewColumns:
    """The columns for today's field table (rebuilt when the table is replaced, as a
    test's copy of it is)."""
    global _columns
    if _columns is None or _columns.table is not _fields.FIELDS:
        _columns = _build_columns()
    return _columns


class EntriesMixin(ProfilesMixin):
    """The saved interviews, one at a time (a write needs the profiles: it records
    the weights it was scored with)."""

    def add(
        self,
        interview: Interview | Mapping[str, Any],
        weights: Any = None,
        profile: str | None = None,
        *,
        outcome_date: Any = None,
    ) -> int:
        """Save a new interview with the weights it was scored with; return its id.

        ``profile``: a saved profile's name (its weights are stored) or None
        (``weights`` as given, recorded as ``default`` or ``(custom)``).
        """
        interview = storable_interview(interview)
        stamp = now_utc()
        with self._tx() as conn:
            self._unstick_sequence(conn)
            used, name = self._resolve(conn, weights, profile)
            entry = Entry(
                id=0,
                interview=interview,
                created=stamp,
                updated=stamp,
                revision=1,
                weights=MappingProxyType(used),
                profile=name,
                outcome_date=outcome_date_for(interview, outcome_date),
            )
            return self._insert(conn, entry, keep_id=False)

    @staticmethod
    def _unstick_sequence(conn: sqlite3.Connection) -> None:
        """An older version let an import bring an id near SQLite's maximum, after which
        AUTOINCREMENT could give no id, even once that record was deleted: bring the
        sequence back down to the largest id left, so saving works again."""
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'interviews'").fetchone()
        if row is not None and isinstance(row[0], int) and row[0] >= MAX_IMPORT_ID:
            top = conn.execute("SELECT max(id) FROM interviews").fetchone()[0] or 0
            if top < MAX_IMPORT_ID:
                conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'interviews'", (top,))

    @staticmethod
    def _insert(conn: sqlite3.Connection, e: Entry, keep_id: bool) -> int:
        """Store ``e`` (inside the caller's transaction); a new id never passes
        :data:`~.records.MAX_IMPORT_ID`, the largest a JSON export carries exactly, so
        every journal the kit writes, its own import takes back."""
        columns = interview_columns()
        cur = conn.execute(
            columns.insert_sql,
            (
                e.id if keep_id else None,
                *columns.values(e.interview),
                e.outcome_date,
                e.interview.to_json(indent=None),
                json.dumps(dict(e.weights)),
                e.profile,
                e.created,
                e.updated,
                e.revision,
            ),
        )
        given = int(cur.lastrowid or 0)
        if not keep_id and given > MAX_IMPORT_ID:  # the transaction rolls back
            raise InputError(
                "id",
                given,
                f"would be past {MAX_IMPORT_ID}, the largest id "
                f"an export carries exactly (#{MAX_IMPORT_ID} is taken): "
                "delete that interview, or import the export into a new "
                "journal, to save again; nothing was written",
            )
        return given

    def update(
        self,
        id: int,
        interview: Interview | Mapping[str, Any],
        weights: Any = None,
        profile: str | None = None,
        *,
        based_on: int | None = None,
        outcome_date: OutcomeDate = KEEP,
    ) -> Entry:
        """Replace an interview's fields; revision + 1 (none when nothing differs:
        a revision counts changes, not clicks on Save).

        Weights and profile both None keep the stored ones; otherwise as :meth:`add`.
        ``based_on``: the revision the caller edited; refused (:class:`StaleRevision`,
        nothing written) if the entry is at another one now. ``outcome_date``: stored
        as given, with the outcome (a whole-page save); :data:`KEEP` applies
        :func:`~interview_kit.journal.revisions.outcome_date_rule`.
        """
        interview = storable_interview(interview)
        based_on = check_based_on(based_on)
        with self._tx() as conn:
            old = self._get_in(conn, id)
            check_fresh(old, based_on)
            if weights is None and profile is None:
                new_weights, name = old.weights, old.profile
            else:
                new_weights, name = self._resolve(conn, weights, profile)
            when = outcome_date_rule(interview, old, outcome_date)
            if not self._changed(old, interview, new_weights, when, name):
                return old
            self._write(conn, old, interview, new_weights, when, name)
            return self._get_in(conn, id)

    def set_outcome(
        self, id: int, outcome: str | None, date: Any = None, *, based_on: int | None = None
    ) -> Entry:
        """Record what happened next (None or "pending" clears it); date defaults to today.

        Like any edit it bumps the revision and the updated time (recording the
        outcome and date already stored changes nothing). ``based_on`` as :meth:`update`.
        """
        outcome = check_outcome(outcome)
        based_on = check_based_on(based_on)
        with self._tx() as conn:
            old = self._get_in(conn, id)
            check_fresh(old, based_on)
            interview = old.interview.replace(outcome=outcome)
            when = None if outcome is None else (check_date("date", date) or today_utc())
            if when is not None and old.date is not None and when < old.date:
                raise InputError("date", when, f"is before the interview's date ({old.date})")
            if not self._changed(old, interview, old.weights, when, old.profile):
                return old
            self._write(conn, old, interview, old.weights, when, old.profile)
            return self._get_in(conn, id)

    def set_thank_you_sent(self, id: int, date: Any, *, based_on: int | None = None) -> Entry:
        """Record the day a thank-you note went out (None clears it); never before the
        interview. Like any edit it bumps the revision (unless nothing changes).
        ``based_on`` as :meth:`update`."""
        when = check_date("date", date)
        based_on = check_based_on(based_on)
        with self._tx() as conn:
            old = self._get_in(conn, id)
            check_fresh(old, based_on)
            if when is not None and old.date is not None and when < old.date:
                raise InputError("date", when, f"is before the interview's date ({old.date})")
            interview = old.interview.replace(thank_you_sent=when)
            if not self._changed(old, interview, old.weights, old.outcome_date, old.profile):
                return old
            self._write(conn, old, interview, old.weights, old.outcome_date, old.profile)
            return self._get_in(conn, id)

    @staticmethod
    def _changed(
        old: Entry,
        interview: Interview,
        weights: Mapping[str, float],
        outcome_date: str | None,
        profile: str,
    ) -> bool:
        """Whether a write would store anything the entry does not hold already."""
        return (
            interview.to_dict() != old.interview.to_dict()
            or dict(weights) != dict(old.weights)
            or outcome_date != old.outcome_date
            or profile != old.profile
        )

    @staticmethod
    def _write(
        conn: sqlite3.Connection,
        old: Entry,
        interview: Interview,
        weights: Mapping[str, float],
        outcome_date: str | None,
        profile: str,
    ) -> None:
        check_room(old)
        columns = interview_columns()
        conn.execute(
            columns.update_sql,
            (
                *columns.values(interview),
                outcome_date,
                interview.to_json(indent=None),
                json.dumps(dict(weights)),
                profile,
                now_utc(),
                old.id,
            ),
        )

    def delete(self, id: int, *, based_on: int | None = None) -> None:
        """Delete one interview (the caller asks for confirmation); unknown id: InputError.

        ``based_on``: the revision the caller showed when asking; refused
        (:class:`StaleRevision`) if the entry changed since, so an edit made meanwhile is
        never deleted unseen."""
        based_on = check_based_on(based_on)
        with self._tx() as conn:
            if based_on is not None:
                check_fresh(self._get_in(conn, id), based_on)
            if conn.execute("DELETE FROM interviews WHERE id = ?", (check_id(id),)).rowcount == 0:
                raise InputError("id", id, "no such interview in the journal")

    def get(self, id: int) -> Entry:
        """One saved interview; an unknown id is an InputError naming it."""
        with self._lock, self._errors():
            return self._get_in(self._conn, id)
