"""The open journal (:class:`Journal`), the one way to open it (:func:`open_journal`)
and a lazy holder for views (:class:`JournalSource`).

* ``Journal`` composes its parts, one module each, grouped by what they do:
  :mod:`.entries` (add, update, outcome, thank-you, delete, get), :mod:`.profiles`,
  :mod:`.queries` (listings, rounds, threads, due), :mod:`.transfer` (import and
  export), :mod:`.drafts` (the page's unsaved work), :mod:`.signs` (signs of your
  own); :mod:`.base` holds the connection they share, :mod:`.revisions` the rule
  that no write undoes another.
* An older journal is upgraded in place, after a backup copy is written beside it.
* Every write is one ``BEGIN IMMEDIATE`` transaction; WAL mode with a busy timeout
  lets two kernels and the CLI save at once, and a killed process loses at most
  its own uncommitted transaction.
* A file that is not a usable journal is refused (:class:`JournalError`, one line)
  and left byte for byte as it was (see :mod:`interview_kit.journal.schema`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..core.errors import InputError
from ..core.files import os_reason
from . import migrations
from .access import open_read_only, writable
from .drafts import Draft, DraftsMixin
from .revisions import KEEP, StaleRevision
from .schema import (
    BUSY_TIMEOUT,
    SCHEMA_VERSION,
    JournalError,
    cannot_use,
    check_header,
    connect,
    create_file,
    default_path,
    expand_path,
    inspect_untouched,
    prepare,
    read_header,
    tighten,
)
from .transfer import TransferMixin

__all__ = [
    "KEEP",
    "Draft",
    "Journal",
    "JournalArg",
    "JournalError",
    "JournalSource",
    "StaleRevision",
    "open_journal",
]


class Journal(TransferMixin, DraftsMixin):
    """An open journal file. Methods take and return data; each write is one transaction.

    The methods live in the mixins by what they do (see the module's docstring); this
    class is what callers name.
    """

    def __enter__(self) -> Journal:
        return self


# --------------------------------------------------------------------------- opening


def open_journal(path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Journal:
    """Open (or create on first use) the journal at ``path`` / ``$INTERVIEW_KIT_JOURNAL`` /
    the user data folder. Refuses, untouched, a file that is not a usable journal.

    ``read_only``: the caller only reads (a listing, an export): the journal is read
    through a connection that writes nothing, so it works on a full disk and leaves the
    files as they were. A journal this process may not write (a read-only file or
    folder) is opened that way whatever the caller asked; its writes are refused in
    one line. An older journal is still upgraded first when it can be written.
    """
    target = expand_path(path, "journal") if path is not None else default_path()
    if not target.exists():
        _create(target)
    head = read_header(target)
    check_header(target, head)
    version = inspect_untouched(target, head)  # read-only: a refused file stays as it was
    if version < SCHEMA_VERSION:
        if not writable(target):
            raise JournalError(
                target,
                f"was written by an older interview_kit (schema "
                f"{version}) and needs an upgrade, but it is "
                "read-only; make it writable once; left as it is",
            )
        migrations.rehearse(target, version)  # a failing upgrade: refused, no backup
        return _open_writable(target, version)
    if read_only or not writable(target):
        return _open_read_only(target)
    return _open_writable(target, version)


def _create(target: Path) -> None:
    """A new, empty journal; a full disk or a folder that cannot be made is one line."""
    try:
        create_file(target)
    except OSError as error:
        raise JournalError(target, f"cannot be created: {os_reason(error)}") from None
    except sqlite3.Error as error:  # e.g. the disk filled up while SQLite wrote it
        raise cannot_use(target, error, damaged=False, verb="created") from None


def _open_read_only(target: Path) -> Journal:
    try:
        handle = open_read_only(target, BUSY_TIMEOUT, shared=True)
    except OSError as error:
        raise JournalError(target, f"cannot be read: {os_reason(error)}; left as it is") from None
    except sqlite3.Error as error:
        raise cannot_use(target, error, damaged=False) from None
    try:
        prepare(handle.conn)
    except sqlite3.Error as error:
        handle.close()
        raise cannot_use(target, error, damaged=False) from None
    return Journal(target, handle.conn, read_only=handle)


def _open_writable(target: Path, version: int) -> Journal:
    try:
        conn = connect(target)
    except sqlite3.Error as error:
        raise cannot_use(target, error, damaged=False) from None
    try:
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
    journal = Journal(target, conn, migrated_from, backup)
    try:
        journal.activate_signs()  # its records may name them (see journal/signs)
    except BaseException:
        journal.close()
        raise
    return journal


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
            target = default_path() if self._given is None else expand_path(self._given, "journal")  # type: ignore[arg-type]
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
