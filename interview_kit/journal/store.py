"""The open journal (:class:`Journal`), the one way to open it (:func:`open_journal`)
and a lazy holder for views (:class:`JournalSource`).

* An older journal is upgraded in place, after a backup copy is written beside it.
* Every write is one ``BEGIN IMMEDIATE`` transaction; WAL mode with a busy timeout
  lets two kernels and the CLI save at once, and a killed process loses at most
  its own uncommitted transaction.
* A file that is not a usable journal is refused (:class:`JournalError`, one line)
  and left byte for byte as it was (see :mod:`interview_kit.journal.schema`).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..core.due import DEFAULT_DAYS, Due
from ..core.errors import InputError
from ..core.interview import Interview, check_date
from ..core.weights import validate_weights
from . import migrations
from .due import DUE_SQL, DamagedRow, due_from_rows, due_params
from .exchange import export_csv, parse_export, parse_export_csv, profile_line, wrap_export
from .filters import where_clause
from .records import (
    COLUMN_TYPES,
    CUSTOM_PROFILE,
    DEFAULT_PROFILE,
    MAX_IMPORT_ID,
    PROFILE_TYPES,
    Entry,
    Profile,
    check_id,
    check_note,
    check_outcome,
    check_profile_name,
    default_profile,
    name_key,
    now_utc,
    outcome_date_for,
    storable_interview,
    stored_interview,
    today_utc,
    wrong_column,
)
from .schema import (
    SCHEMA_VERSION,
    JournalError,
    cannot_use,
    check_header,
    connect,
    create_file,
    default_path,
    expand_path,
    inspect_untouched,
    inspect_version,
    read_header,
    tighten,
)

_COLUMNS = "id, data, weights, profile, created, updated, revision, outcome_date"


class Journal:
    """An open journal file. Methods take and return data; each write is one transaction."""

    def __init__(self, path: Path, conn: sqlite3.Connection,
                 migrated_from: int | None = None, backup: Path | None = None) -> None:
        self.path = path
        self.migrated_from = migrated_from
        self.backup = backup
        self._conn = conn
        self._lock = threading.RLock()
        self._weights: dict[str, Mapping[str, float]] = {}
        self._cache: dict[tuple[Any, ...], Entry] = {}

    # -- lifecycle
    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:  # SQLite may have rolled back already
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise cannot_use(self.path, error, damaged=False) from None

    def _query(self, sql: str,
               params: Iterable[Any] | Mapping[str, Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._errors():
            args = params if isinstance(params, Mapping) else tuple(params)
            return self._conn.execute(sql, args).fetchall()

    def _check_row(self, row: tuple[Any, ...]) -> None:
        wrong = wrong_column(row, _COLUMNS, COLUMN_TYPES)
        if wrong is not None:
            raise JournalError(self.path, f"record {row[0]} is damaged ({wrong}); "
                                          "left as it is")

    def _entry(self, row: tuple[Any, ...]) -> Entry:
        self._check_row(row)
        id_, data, weights, profile, created, updated, revision, outcome_date = row
        try:
            interview = stored_interview(data)
            stored = self._weights.get(weights)
            if stored is None:  # most rows share a few weight sets: check each once
                # Validated like any weights file: a hand-edited row with a negative or
                # NaN weight is reported as damaged, never scored.
                stored = self._weights.setdefault(
                    weights, MappingProxyType(validate_weights(json.loads(weights))))
        except (InputError, ValueError, TypeError) as error:
            raise JournalError(self.path, f"record {id_} is damaged ({error}); "
                                          "left as it is") from None
        return Entry(id=id_, interview=interview, created=created, updated=updated,
                     revision=revision, weights=stored, profile=profile,
                     outcome_date=outcome_date)

    # -- profiles
    def profiles(self) -> list[Profile]:
        """The built-in ``default`` first, then the saved profiles by name."""
        rows = self._query("SELECT name, weights, note, created, updated FROM profiles "
                           "ORDER BY name COLLATE NOCASE, name")
        return [default_profile(), *(self._profile(row) for row in rows)]

    def get_profile(self, name: str) -> Profile:
        """A profile by name (``default`` is the catalog's weights)."""
        with self._lock, self._errors():
            return self._get_profile_in(self._conn, name)

    def save_profile(self, name: str, weights: Any, note: str = "") -> Profile:
        """Save (or replace) a named profile; weights are validated like any weights file.

        Signals the weights leave out get their default, so the stored profile
        is always complete. Replacing keeps the created time.
        """
        name = check_profile_name(name, "profile")
        complete = validate_weights(weights)
        note = check_note(note)
        stamp = now_utc()
        with self._tx() as conn:
            row = conn.execute("SELECT name, created FROM profiles WHERE name = ?",
                               (name,)).fetchone()
            if row is not None:
                conn.execute("DELETE FROM profiles WHERE name = ?", (row[0],))
            conn.execute("INSERT INTO profiles VALUES (?, ?, ?, ?, ?)",
                         (name, json.dumps(complete), note,
                          stamp if row is None else row[1], stamp))
            return self._get_profile_in(conn, name)

    def delete_profile(self, name: str) -> None:
        """Delete a saved profile. Interviews saved with it keep their stored weights."""
        if not isinstance(name, str):
            raise InputError("profile", name, "must be a profile name")
        if name_key(name) == DEFAULT_PROFILE:
            raise InputError("profile", name, "is the built-in profile (the catalog's "
                                              "weights) and cannot be deleted")
        with self._tx() as conn:
            if conn.execute("DELETE FROM profiles WHERE name = ?", (name,)).rowcount == 0:
                raise InputError("profile", name, self._no_such_profile(conn))

    def _get_profile_in(self, conn: sqlite3.Connection, name: Any) -> Profile:
        if isinstance(name, str) and name_key(name) == DEFAULT_PROFILE:
            return default_profile()
        if not isinstance(name, str):
            raise InputError("profile", name, "must be a profile name")
        row = conn.execute("SELECT name, weights, note, created, updated FROM profiles "
                           "WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise InputError("profile", name, self._no_such_profile(conn))
        return self._profile(row)

    @staticmethod
    def _no_such_profile(conn: sqlite3.Connection) -> str:
        names = [DEFAULT_PROFILE, *(r[0] for r in conn.execute(
            "SELECT name FROM profiles ORDER BY name COLLATE NOCASE, name"))]
        shown = ", ".join(names[:10]) + (", ..." if len(names) > 10 else "")
        return f"no such profile in the journal (saved: {shown})"

    def _profile(self, row: tuple[Any, ...]) -> Profile:
        wrong = wrong_column(row, "name, weights, note, created, updated", PROFILE_TYPES)
        if wrong is not None:
            raise JournalError(self.path, f"a profile is damaged ({wrong}); left as it is")
        name, weights, note, created, updated = row
        try:
            parsed = validate_weights(json.loads(weights))
        except (InputError, ValueError, TypeError) as error:
            raise JournalError(self.path, f"profile {name!r} is damaged ({error}); "
                                          "left as it is") from None
        return Profile(name, MappingProxyType(parsed), note, created, updated)

    def _resolve(self, conn: sqlite3.Connection, weights: Any,
                 profile: str | None) -> tuple[dict[str, float], str]:
        """The weights and profile name to record for a save.

        A profile given by name supplies its weights (weights passed too must
        equal them); weights alone are recorded as ``default`` when they are the
        catalog's, else as :data:`CUSTOM_PROFILE`. An unknown profile is refused.
        """
        if profile is None:
            complete = validate_weights(weights)
            return complete, (DEFAULT_PROFILE if complete == validate_weights(None)
                              else CUSTOM_PROFILE)
        stored = self._get_profile_in(conn, profile)
        if weights is not None and validate_weights(weights) != dict(stored.weights):
            raise InputError("weights", weights,
                             f"differ from profile {stored.name!r}'s weights: save them as "
                             "a profile first, or give the weights without a profile")
        return dict(stored.weights), stored.name

    # -- writes
    def add(self, interview: Interview | Mapping[str, Any], weights: Any = None,
            profile: str | None = None, *, outcome_date: Any = None) -> int:
        """Save a new interview with the weights it was scored with; return its id.

        ``profile``: a saved profile's name (its weights are stored) or None
        (``weights`` as given, recorded as ``default`` or ``(custom)``).
        """
        interview = storable_interview(interview)
        stamp = now_utc()
        with self._tx() as conn:
            self._unstick_sequence(conn)
            used, name = self._resolve(conn, weights, profile)
            entry = Entry(id=0, interview=interview, created=stamp, updated=stamp, revision=1,
                          weights=MappingProxyType(used), profile=name,
                          outcome_date=outcome_date_for(interview, outcome_date))
            return self._insert(conn, entry, keep_id=False)

    @staticmethod
    def _unstick_sequence(conn: sqlite3.Connection) -> None:
        """An older version let an import bring an id near SQLite's maximum, after which
        AUTOINCREMENT could give no id, even once that record was deleted: bring the
        sequence back down to the largest id left, so saving works again."""
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'interviews'"
                           ).fetchone()
        if row is not None and isinstance(row[0], int) and row[0] > MAX_IMPORT_ID:
            top = conn.execute("SELECT max(id) FROM interviews").fetchone()[0] or 0
            if top <= MAX_IMPORT_ID:
                conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'interviews'",
                             (top,))

    @staticmethod
    def _insert(conn: sqlite3.Connection, e: Entry, keep_id: bool) -> int:
        i = e.interview
        cur = conn.execute(
            "INSERT INTO interviews (id, company, role, date, stage, outcome, outcome_date, "
            "data, weights, profile, created, updated, revision, decision_by, thank_you_sent) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (e.id if keep_id else None, i.company, i.role, i.date, i.stage, i.outcome,
             e.outcome_date, i.to_json(indent=None), json.dumps(dict(e.weights)),
             e.profile, e.created, e.updated, e.revision, i.decision_by, i.thank_you_sent),
        )
        return int(cur.lastrowid or 0)

    def update(self, id: int, interview: Interview | Mapping[str, Any],
               weights: Any = None, profile: str | None = None) -> Entry:
        """Replace an interview's fields; revision + 1 (none when nothing differs:
        a revision counts changes, not clicks on Save).

        Weights and profile both None keep the stored ones; otherwise as :meth:`add`.
        """
        interview = storable_interview(interview)
        with self._tx() as conn:
            old = self._get_in(conn, id)
            if weights is None and profile is None:
                new_weights, name = old.weights, old.profile
            else:
                new_weights, name = self._resolve(conn, weights, profile)
            if interview.outcome == old.outcome:
                outcome_date = old.outcome_date
            else:
                outcome_date = None if interview.outcome is None else today_utc()
            if not self._changed(old, interview, new_weights, outcome_date, name):
                return old
            self._write(conn, old, interview, new_weights, outcome_date, name)
            return self._get_in(conn, id)

    def set_outcome(self, id: int, outcome: str | None, date: Any = None) -> Entry:
        """Record what happened next (None or "pending" clears it); date defaults to today.

        Like any edit it bumps the revision and the updated time (recording the
        outcome and date already stored changes nothing).
        """
        outcome = check_outcome(outcome)
        with self._tx() as conn:
            old = self._get_in(conn, id)
            interview = old.interview.replace(outcome=outcome)
            when = None if outcome is None else (check_date("date", date) or today_utc())
            if when is not None and old.date is not None and when < old.date:
                raise InputError("date", when,
                                 f"is before the interview's date ({old.date})")
            if not self._changed(old, interview, old.weights, when, old.profile):
                return old
            self._write(conn, old, interview, old.weights, when, old.profile)
            return self._get_in(conn, id)

    def set_thank_you_sent(self, id: int, date: Any) -> Entry:
        """Record the day a thank-you note went out (None clears it); never before the
        interview. Like any edit it bumps the revision (unless nothing changes)."""
        when = check_date("date", date)
        with self._tx() as conn:
            old = self._get_in(conn, id)
            if when is not None and old.date is not None and when < old.date:
                raise InputError("date", when, f"is before the interview's date ({old.date})")
            interview = old.interview.replace(thank_you_sent=when)
            if not self._changed(old, interview, old.weights, old.outcome_date, old.profile):
                return old
            self._write(conn, old, interview, old.weights, old.outcome_date, old.profile)
            return self._get_in(conn, id)

    @staticmethod
    def _changed(old: Entry, interview: Interview, weights: Mapping[str, float],
                 outcome_date: str | None, profile: str) -> bool:
        """Whether a write would store anything the entry does not hold already."""
        return (interview.to_dict() != old.interview.to_dict()
                or dict(weights) != dict(old.weights)
                or outcome_date != old.outcome_date or profile != old.profile)

    @staticmethod
    def _write(conn: sqlite3.Connection, old: Entry, interview: Interview,
               weights: Mapping[str, float], outcome_date: str | None, profile: str) -> None:
        conn.execute(
            "UPDATE interviews SET company = ?, role = ?, date = ?, stage = ?, outcome = ?, "
            "outcome_date = ?, data = ?, weights = ?, profile = ?, updated = ?, "
            "revision = revision + 1, decision_by = ?, thank_you_sent = ? WHERE id = ?",
            (interview.company, interview.role, interview.date, interview.stage,
             interview.outcome, outcome_date, interview.to_json(indent=None),
             json.dumps(dict(weights)), profile, now_utc(), interview.decision_by,
             interview.thank_you_sent, old.id),
        )

    def delete(self, id: int) -> None:
        """Delete one interview (the caller asks for confirmation); unknown id: InputError."""
        with self._tx() as conn:
            if conn.execute("DELETE FROM interviews WHERE id = ?", (check_id(id),)).rowcount == 0:
                raise InputError("id", id, "no such interview in the journal")

    def import_entries(self, entries: Iterable[Entry],
                       profiles: Iterable[Profile] = ()) -> list[int]:
        """Add validated entries (and saved profiles) in one transaction (all or nothing).

        An entry keeps its id when that id is free; one identical to the stored
        record with its id is skipped (importing twice adds nothing); otherwise
        it gets a new id. A profile is added when its name is free and skipped
        when the journal already has it with the same weights; the same name
        with other weights refuses the whole import (nothing is overwritten).
        Returns the journal id of each entry, in order.
        """
        entries = list(entries)
        profiles = list(profiles)
        ids: list[int] = []
        with self._tx() as conn:
            self._unstick_sequence(conn)
            for i, profile in enumerate(profiles):
                row = conn.execute("SELECT name, weights FROM profiles WHERE name = ?",
                                   (profile.name,)).fetchone()
                if row is None:
                    conn.execute("INSERT INTO profiles VALUES (?, ?, ?, ?, ?)",
                                 (profile.name, json.dumps(dict(profile.weights)),
                                  profile.note, profile.created, profile.updated))
                elif json.loads(row[1]) != dict(profile.weights):
                    raise InputError(f"profiles[{i}].name", profile.name,
                                     f"the journal already has a profile {row[0]!r} with "
                                     "other weights; rename or delete one first")
            for e in entries:
                if e.id:
                    row = conn.execute(f"SELECT {_COLUMNS} FROM interviews WHERE id = ?",
                                       (e.id,)).fetchone()
                    if row is None:
                        ids.append(self._insert(conn, e, keep_id=True))
                        continue
                    if self._entry(row).to_record() == e.to_record():
                        ids.append(e.id)
                        continue
                ids.append(self._insert(conn, e, keep_id=False))
        return ids

    def import_json(self, text: str) -> list[int]:
        """Import a JSON export (interviews and profiles), all or nothing."""
        return self.import_entries(*parse_export(text))

    def import_csv(self, text: str) -> list[int]:
        """Import a CSV export, all or nothing (CSV carries no profiles)."""
        return self.import_entries(parse_export_csv(text))

    # -- reads
    def _get_in(self, conn: sqlite3.Connection, id: int) -> Entry:
        row = conn.execute(f"SELECT {_COLUMNS} FROM interviews WHERE id = ?",
                           (check_id(id),)).fetchone()
        if row is None:
            raise InputError("id", id, "no such interview in the journal")
        return self._entry(row)

    def get(self, id: int) -> Entry:
        """One saved interview; an unknown id is an InputError naming it."""
        with self._lock, self._errors():
            return self._get_in(self._conn, id)

    def entries(self, *, company: str | None = None, role: str | None = None,
                outcome: str | None = None, profile: str | None = None,
                pending: bool | None = None, search: str | None = None) -> list[Entry]:
        """Entries ordered by interview date (undated last), then id; filters optional
        (see :func:`~interview_kit.journal.filters.where_clause`), applied in SQL."""
        where, params = where_clause(company=company, role=role, outcome=outcome,
                                     profile=profile, pending=pending, search=search)
        rows = self._query(f"SELECT {_COLUMNS} FROM interviews{where} "
                           "ORDER BY date IS NULL, date, id", params)
        # Rows are immutable values: an unchanged row (same bytes) reuses its parsed
        # Entry, so the History view refreshes after a save without re-parsing 10,000
        # records. Only an unfiltered listing replaces the cache (bounded by the journal).
        cache, fresh = self._cache, {}
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

    def rounds(self, company: str, role: str) -> list[Entry]:
        """Every round of one application, by date: grouped as the core groups them
        (:func:`~interview_kit.core.applications.application_key`)."""
        return self.entries(company=company, role=role)

    def threads(self) -> list[tuple[str, str, int]]:
        """(company, role, number of rounds) for every application, most rounds first."""
        # With max(), SQLite's bare columns come from the newest row: its spelling wins.
        rows = self._query(
            "SELECT trim(company), trim(role), count(*), max(id), application(company, role) "
            "AS app FROM interviews GROUP BY app ORDER BY count(*) DESC, app")
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

    def export_json(self) -> str:
        """The JSON export, by id. Same text as :func:`export_json` of the entries
        and saved profiles, but spliced from the stored JSON (validated when
        written) rather than re-parsed: a 10,000-record export stays far under a second."""
        dumps = json.dumps
        lines = []
        for row in self._query(f"SELECT {_COLUMNS} FROM interviews ORDER BY id"):
            self._check_row(row)
            id_, data, weights, profile, created, updated, revision, outcome_date = row
            if not (data.startswith('{"schema": ') and data.endswith("}")
                    and weights.startswith("{") and weights.endswith("}")):
                raise JournalError(self.path, f"record {id_} is damaged (its data or weights "
                                              "are not a JSON object); left as it is")
            lines.append(
                f'{data[:-1]}, "id": {id_}, "created": {dumps(created)}, '
                f'"updated": {dumps(updated)}, "revision": {revision}, "weights": {weights}, '
                f'"profile": {dumps(profile, ensure_ascii=False)}, '
                f'"outcome_date": {dumps(outcome_date)}}}')
        return wrap_export(lines, [profile_line(p) for p in self.profiles()[1:]])

    def export_csv(self) -> str:
        """The CSV export, by id (see :func:`export_csv`)."""
        return export_csv(self._by_id())

    def _by_id(self) -> list[Entry]:
        return sorted(self.entries(), key=lambda e: e.id)  # entries() reuses parsed rows

    def integrity_check(self) -> str:
        return str(self._query("PRAGMA integrity_check")[0][0])


# --------------------------------------------------------------------------- opening

def open_journal(path: str | os.PathLike[str] | None = None) -> Journal:
    """Open (or create on first use) the journal at ``path`` / ``$INTERVIEW_KIT_JOURNAL`` /
    the user data folder. Refuses, untouched, a file that is not a usable journal."""
    target = expand_path(path, "journal") if path is not None else default_path()
    if not target.exists():
        try:
            create_file(target)
        except OSError as error:
            raise JournalError(target, f"cannot be created: {error.strerror or error}") from None
    head = read_header(target)
    check_header(target, head)
    checked = inspect_untouched(target, head)
    try:
        conn = connect(target)
    except sqlite3.Error as error:
        raise cannot_use(target, error, damaged=False) from None
    try:
        version = checked if checked is not None else inspect_version(target, conn)
        tighten(target)
        migrated_from, backup = None, None
        if version < SCHEMA_VERSION:
            backup = migrations.upgrade(target, conn, version)
            migrated_from = version
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        conn.close()
        raise cannot_use(target, error, damaged=False) from None
    except BaseException:
        conn.close()
        raise
    return Journal(target, conn, migrated_from, backup)


#: What names a journal: an open one, a path, or None (the default journal).
JournalArg = Journal | str | os.PathLike[str] | None


class JournalSource:
    """One journal for a whole view, opened on first use (never at construction).

    The one lazy opener the dashboard has: saving, History, profiles and calibration
    all ask it. A journal that cannot be opened (a refused file, or a path that names
    no usable place) is tried once; the refusal (one line, the file untouched) is
    remembered and raised again on every later :meth:`get`, so a view never retries
    behind the user's back.
    """

    def __init__(self, journal: JournalArg = None) -> None:
        self._given = journal
        self._journal: Journal | None = journal if isinstance(journal, Journal) else None
        self.failure: InputError | None = None

    @property
    def tried(self) -> bool:
        """Whether the journal was opened, or refused, already."""
        return self._journal is not None or self.failure is not None

    def location(self) -> str:
        """Where the journal lives (or would be created), as the user would type it;
        computed without opening anything."""
        if self._journal is not None:
            return str(self._journal.path)
        try:
            target = (default_path() if self._given is None
                      else expand_path(self._given, "journal"))  # type: ignore[arg-type]
        except InputError:
            return str(self._given)
        return str(Path(os.path.abspath(target)))

    def name(self) -> str:
        """The journal in words for a status line: "your journal" for the user's own
        (the default, or ``$INTERVIEW_KIT_JOURNAL``), else which file it is (the
        workbook's sandbox must never be called the user's journal)."""
        return "your journal" if self._given is None else f"the journal {self.location()}"

    def get(self) -> Journal:
        """The journal; raises the remembered refusal (an :class:`InputError`, usually a
        :class:`JournalError`) if it could not be opened."""
        if self._journal is None:
            if self.failure is not None:
                raise self.failure
            try:
                self._journal = open_journal(self._given)  # type: ignore[arg-type]
            except InputError as error:
                self.failure = error
                raise
        return self._journal
