"""What every part of the :class:`~interview_kit.journal.store.Journal` shares: the open
connection, its lock, one-transaction writes and the reading of a stored row.

The journal's methods are grouped by what they do (:mod:`.entries`, :mod:`.profiles`,
:mod:`.queries`, :mod:`.transfer`, :mod:`.drafts`); each group is a class built on
:class:`JournalCore`, and ``Journal`` composes them. Keeping the connection and the
row reading here means no group reaches into another's SQL.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..core.errors import InputError
from ..core.weights import validate_weights
from .access import ReadOnly
from .records import COLUMN_TYPES, Entry, check_id, stored_interview, wrong_column
from .schema import JournalError, cannot_use

#: The columns a stored entry is read from, in the order :meth:`JournalCore._entry` expects.
COLUMNS = "id, data, weights, profile, created, updated, revision, outcome_date"


class JournalCore:
    """An open journal file: its path, connection and lock (see ``Journal``)."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        migrated_from: int | None = None,
        backup: Path | None = None,
        read_only: ReadOnly | None = None,
    ) -> None:
        self.path = path
        self.migrated_from = migrated_from
        self.backup = backup
        #: Opened for reading only (a read-only file or folder, a full disk, or a command
        #: that only reads): every write is refused in one line, nothing is changed.
        self.read_only = read_only is not None
        self._read_only = read_only
        self._conn = conn
        self._lock = threading.RLock()
        self._weights: dict[str, Mapping[str, float]] = {}
        self._cache: dict[tuple[Any, ...], Entry] = {}

    # -- lifecycle
    def close(self) -> None:
        with self._lock:
            if self._read_only is not None:
                self._read_only.close()  # also removes a private copy, if one was read
            else:
                self._conn.close()

    def __enter__(self) -> Any:  # the composed Journal, for ``with open_journal(...) as j``
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

    def _query(
        self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()
    ) -> list[tuple[Any, ...]]:
        with self._lock, self._errors():
            args = params if isinstance(params, Mapping) else tuple(params)
            return self._conn.execute(sql, args).fetchall()

    def _check_row(self, row: tuple[Any, ...]) -> None:
        wrong = wrong_column(row, COLUMNS, COLUMN_TYPES)
        if wrong is not None:
            raise JournalError(self.path, f"record {row[0]} is damaged ({wrong}); left as it is")

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
                    weights, MappingProxyType(validate_weights(json.loads(weights)))
                )
        except (InputError, ValueError, TypeError) as error:
            raise JournalError(
                self.path, f"record {id_} is damaged ({error}); left as it is"
            ) from None
        return Entry(
            id=id_,
            interview=interview,
            created=created,
            updated=updated,
            revision=revision,
            weights=stored,
            profile=profile,
            outcome_date=outcome_date,
        )

    def _get_in(self, conn: sqlite3.Connection, id: int) -> Entry:
        row = conn.execute(
            f"SELECT {COLUMNS} FROM interviews WHERE id = ?", (check_id(id),)
        ).fetchone()
        if row is None:
            raise InputError("id", id, "no such interview in the journal")
        return self._entry(row)

    def integrity_check(self) -> str:
        return str(self._query("PRAGMA integrity_check")[0][0])
