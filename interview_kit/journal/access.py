"""Opening a journal file for reading only: nothing SQLite does then may change the file,
its ``-wal`` or its ``-shm``.

Why a module of its own: a read-write connection is not a neutral reader. Closing the
last one checkpoints the ``-wal`` into the main file and deletes ``-wal`` and ``-shm``,
and even a plain ``mode=ro`` reader writes its read marks into the ``-shm``. A journal
that is refused (damaged, newer, foreign), a journal the user cannot write (a read-only
file or folder) and a journal on a full disk must all be read without that:

* no ``-wal`` beside the file: ``immutable=1`` (no lock, no ``-wal``/``-shm`` created,
  nothing written);
* a ``-wal`` and its ``-shm``: ``mode=ro&readonly_shm=1`` (the ``-wal`` is read
  consistently, the ``-shm`` is mapped read-only: SQLite keeps its wal-index in
  memory when the mapped one cannot be trusted);
* a ``-wal`` without its ``-shm`` (copied by hand, or left by a tool): SQLite cannot
  read it without creating a ``-shm``, so both files are copied into a private
  temporary folder and read there.

The URIs carry the path as bytes (``os.fsencode``), so a file name that is not UTF-8
is opened as it is named, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote


def side_file(path: Path, suffix: str) -> Path:
    """``path``'s ``-wal`` or ``-shm`` file."""
    return path.with_name(path.name + suffix)


def file_uri(path: Path, **params: str) -> str:
    """An SQLite ``file:`` URI for ``path`` (absolute, percent-encoded bytes)."""
    encoded = quote(os.fsencode(os.path.abspath(path)))
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{encoded}?{query}"


def writable(path: Path) -> bool:
    """Whether this process may write the journal and create files beside it (SQLite
    needs both: the ``-wal`` and ``-shm`` live in the same folder). Root passes every
    permission check, so for root this is True unless the file system is read-only."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


@dataclass
class ReadOnly:
    """A read-only connection and what it needs cleaned up (a private copy's folder)."""

    conn: sqlite3.Connection
    copy: Path | None = None
    how: str = field(default="immutable")  # immutable | readonly_shm | copy

    def close(self) -> None:
        self.conn.close()
        if self.copy is not None:
            shutil.rmtree(self.copy, ignore_errors=True)


def open_read_only(path: Path, timeout: float, *, shared: bool = False) -> ReadOnly:
    """A connection that reads ``path`` (with its ``-wal``, when there is one) and can
    change none of its files; see the module's docstring for the three ways.

    ``shared``: the journal is a healthy one others may write to meanwhile; with no
    ``-wal`` yet and a folder we may write, a plain ``mode=ro`` reader is used (it
    creates an empty ``-wal`` and ``-shm`` and takes part in locking, so a writer
    that starts mid-read is seen consistently); where it cannot (a full disk), the
    ``immutable`` reader."""
    wal, shm = side_file(path, "-wal"), side_file(path, "-shm")
    if not wal.exists():
        if shared and writable(path):
            conn = _connect(file_uri(path, mode="ro"), timeout)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return ReadOnly(conn, how="ro")
            except sqlite3.Error:
                conn.close()
            if wal.exists():  # made by that attempt: read as the ladder says
                return open_read_only(path, timeout)
        return ReadOnly(_connect(file_uri(path, mode="ro", immutable="1"), timeout))
    if shm.exists():
        return ReadOnly(
            _connect(file_uri(path, mode="ro", readonly_shm="1"), timeout), how="readonly_shm"
        )
    folder = Path(tempfile.mkdtemp(prefix=".interview_kit-read-"))
    try:
        copy = folder / "journal.sqlite3"
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, side_file(copy, "-wal"))
        return ReadOnly(_connect(file_uri(copy, mode="ro"), timeout), folder, how="copy")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _connect(uri: str, timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(
        uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )


@contextlib.contextmanager
def reading(path: Path, timeout: float) -> Iterator[sqlite3.Connection]:
    """:func:`open_read_only` for one look (the check before a journal is accepted)."""
    handle = open_read_only(path, timeout)
    try:
        yield handle.conn
    finally:
        handle.close()
