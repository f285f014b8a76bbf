"""Upgrade an older journal in place, after a backup copy written beside it.

Each step turns schema ``n`` into ``n + 1`` inside one transaction, so a crash
or a bad record leaves the journal as it was (and the backup is there anyway).

Schema 0 (the first prototype): ``meta(key, value)`` and
``interviews(id INTEGER PRIMARY KEY, data TEXT, created TEXT)``, the contract
JSON in ``data``; no weights, revision, profile or outcome date.

Schema 1: ``interviews`` with the journal's fields (weights, profile name,
revision, outcome date). Schema 2 adds the ``profiles`` table of named weights.
Schema 3 adds the ``decision_by`` and ``thank_you_sent`` columns, copied from each
stored record, and an index over them, so the due list is one indexed query.
Schema 4 adds the ``drafts`` table (the page's unsaved work); records are untouched.
Schema 5 adds the ``signs`` table (signs of your own); records are untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..core.errors import InputError
from ..core.interview import Interview
from ..core.weights import default_weights
from .access import reading
from .records import DEFAULT_PROFILE
from .schema import (
    BUSY_TIMEOUT,
    DRAFTS_SQL,
    DUE_INDEX_SQL,
    PROFILES_SQL,
    SCHEMA_VERSION,
    SIGNS_SQL,
    JournalError,
    backup_path,
    cannot_use,
    create_schema,
)


def _record(path: Path, id_: object, data: object) -> Interview:
    """A stored record read for an upgrade; a bad one stops it (nothing changed)."""
    try:
        return Interview.from_dict(json.loads(data))  # type: ignore[arg-type]
    except (InputError, ValueError, TypeError) as error:
        raise JournalError(
            path, f"record {id_} cannot be upgraded ({error}); the journal is left as it was"
        ) from None


def _v0_to_v1(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute("ALTER TABLE interviews RENAME TO interviews_v0")
    create_schema(conn)
    weights = json.dumps(default_weights())
    rows = conn.execute("SELECT id, data, created FROM interviews_v0 ORDER BY id").fetchall()
    for id_, data, created in rows:
        interview = _record(path, id_, data)
        conn.execute(
            "INSERT INTO interviews (id, company, role, date, stage, outcome, outcome_date, "
            "data, weights, profile, created, updated, revision) "
            "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 1)",
            (
                id_,
                interview.company,
                interview.role,
                interview.date,
                interview.stage,
                interview.outcome,
                interview.to_json(indent=None),
                weights,
                DEFAULT_PROFILE,
                created,
                created,
            ),
        )
    conn.execute("DROP TABLE interviews_v0")


def _v1_to_v2(conn: sqlite3.Connection, path: Path) -> None:
    """Add the (empty) profiles table; interviews keep their weights and profile names."""
    conn.execute(PROFILES_SQL)


def _v2_to_v3(conn: sqlite3.Connection, path: Path) -> None:
    """Add the decision and thank-you date columns, filled from each stored record
    (every record is read and checked: a damaged one stops the upgrade)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(interviews)")}
    for column in ("decision_by", "thank_you_sent"):
        if column not in have:  # a schema 0 journal gets them from create_schema already
            conn.execute(f"ALTER TABLE interviews ADD COLUMN {column} TEXT")
    rows = conn.execute("SELECT id, data FROM interviews ORDER BY id").fetchall()
    for id_, data in rows:
        interview = _record(path, id_, data)
        conn.execute(
            "UPDATE interviews SET decision_by = ?, thank_you_sent = ? WHERE id = ?",
            (interview.decision_by, interview.thank_you_sent, id_),
        )
    conn.execute(DUE_INDEX_SQL)


def _v3_to_v4(conn: sqlite3.Connection, path: Path) -> None:
    """Add the (empty) drafts table; every record stays as it was."""
    conn.execute(DRAFTS_SQL)


def _v4_to_v5(conn: sqlite3.Connection, path: Path) -> None:
    """Add the (empty) signs table; every record stays as it was."""
    conn.execute(SIGNS_SQL)


#: STEPS[n] upgrades schema n to n + 1.
STEPS: dict[int, Callable[[sqlite3.Connection, Path], None]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}


def rehearse(path: Path, version: int) -> None:
    """Run the upgrade on a copy in memory, read through a connection that writes
    nothing: a journal whose upgrade would fail (a damaged record) is refused before
    any backup is written or any read-write connection opened (closing one
    checkpoints the ``-wal``), so retrying costs no disk and changes no file."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        with reading(path, BUSY_TIMEOUT) as source:
            source.backup(memory)
        memory.execute("BEGIN")
        for step in range(version, SCHEMA_VERSION):
            STEPS[step](memory, path)
    except sqlite3.Error as error:
        raise cannot_use(path, error, damaged=True) from None
    except OSError as error:
        raise JournalError(
            path, f"cannot be checked for an upgrade: {error.strerror or error}; left as it is"
        ) from None
    finally:
        memory.close()


def write_backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the open journal (SQLite backup API) to a new owner-only file beside it."""
    target = backup_path(path, version)
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        dest = sqlite3.connect(os.fsencode(target))
        try:
            conn.backup(dest)
        finally:
            dest.close()
    except (OSError, sqlite3.Error) as error:
        discard_backup(target)  # a half-written copy is no backup
        raise JournalError(
            path,
            f"needs an upgrade but the backup {target.name} could not be "
            f"written ({error}); left as it is",
        ) from None
    return target


def discard_backup(target: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(target)


def upgrade(path: Path, conn: sqlite3.Connection, version: int) -> Path:
    """Back up, then run every step from ``version`` to the current schema; return the backup.

    A failed upgrade rolls back, so the journal is exactly what the backup holds: that
    backup is removed again. Without that, every retry of an upgrade that cannot succeed
    (a damaged record) wrote one more full copy, until the disk was full.
    """
    backup = write_backup(conn, path, version)
    try:
        conn.execute("BEGIN IMMEDIATE")
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        while current < SCHEMA_VERSION:  # another process may have upgraded it meanwhile
            STEPS[current](conn, path)
            current += 1
            conn.execute(f"PRAGMA user_version = {current}")
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        if not conn.in_transaction:  # rolled back: the journal is what the backup holds
            discard_backup(backup)
        raise
    return backup
