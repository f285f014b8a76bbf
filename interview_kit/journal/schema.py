"""The journal file: its format, its schema, where it lives, how it is created and how
a file is checked before anything is written to it.

Storage rules (the user's data comes first):

* The file is created atomically (built beside the target, then hard-linked into
  place) with mode 0600, in a folder created 0700; SQLite gives its ``-wal`` and
  ``-shm`` files the same mode as the database.
* A file is only ever written to once its header says it is an interview_kit
  journal (SQLite magic plus our ``application_id``) of a schema we know. Anything
  else (not SQLite, another program's database, a damaged file, a newer journal)
  raises :class:`JournalError` and the file's bytes stay exactly as they were.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import secrets
import sqlite3
import tempfile
from pathlib import Path

from ..core.applications import application_key, fold
from ..core.errors import InputError
from .access import reading
from .records import now_utc

#: ``PRAGMA application_id``: "IKJN" marks a file as an interview_kit journal.
APPLICATION_ID = 0x494B4A4E
#: ``PRAGMA user_version``: the journal's schema. 0 was the first prototype.
SCHEMA_VERSION = 5
#: The marker in the file's ``meta`` table, and the name of its export format.
JOURNAL_FORMAT = "interview_kit.journal"
ENV_VAR = "INTERVIEW_KIT_JOURNAL"
FILE_NAME = "journal.sqlite3"
#: Seconds a writer waits for another one before giving up.
BUSY_TIMEOUT = 30.0
SQLITE_MAGIC = b"SQLite format 3\x00"


class JournalError(InputError):
    """The journal file cannot be used as it is (foreign, damaged, newer, busy).

    One line naming the file; the file is left untouched.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, *, disk: bool = False) -> None:
        super().__init__("journal", str(path), reason)
        self.disk = disk
        shown = str(path) if str(path).isprintable() else repr(str(path))
        # The whole path, not a shortened one; one line even when SQLite's own message
        # (an integrity check's report) spans several.
        self.args = (f"journal {shown}: {' '.join(reason.split())}",)


#: SQLite result codes (``sqlite3.Error.sqlite_errorcode``, primary part) said plainly.
_SQLITE_REASONS = {
    13: "the disk is full",  # SQLITE_FULL
    10: "a disk read or write failed",  # SQLITE_IOERR
    8: "it is read-only",  # SQLITE_READONLY
    14: "it cannot be opened",  # SQLITE_CANTOPEN
    3: "permission denied",  # SQLITE_PERM
    23: "permission denied",  # SQLITE_AUTH
}


def sqlite_reason(error: sqlite3.Error) -> str | None:
    """What an SQLite error says about the disk or the file's access, in plain words
    (``None`` when it is about the data, e.g. a damaged file)."""
    code = getattr(error, "sqlite_errorcode", None)
    reason = None if code is None else _SQLITE_REASONS.get(code & 0xFF)
    if reason is None and "disk is full" in str(error):
        reason = _SQLITE_REASONS[13]
    return None if reason is None else f"{reason} ({error})"


#: Result codes that say the disk, not the journal, failed (exit 1 on the command line).
_DISK_CODES = (13, 10)


def cannot_use(
    path: Path, error: sqlite3.Error, *, damaged: bool, verb: str = "used now"
) -> JournalError:
    """The one-line refusal for an SQLite error: the disk or access when that is the
    cause (a healthy journal on a full disk is not "damaged"), else damaged or busy."""
    plain = sqlite_reason(error)
    if plain is not None:
        code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        disk = code in _DISK_CODES or "disk is full" in str(error)
        return JournalError(path, f"cannot be {verb}: {plain}; nothing was changed", disk=disk)
    if "locked" in str(error) or "busy" in str(error):
        return JournalError(path, "is busy (another program is writing); try again")
    if damaged or not isinstance(error, sqlite3.OperationalError):
        return JournalError(path, f"is damaged ({error}); left as it is")
    return JournalError(path, f"cannot be used: {error}")


# --------------------------------------------------------------------------- paths


def default_path() -> Path:
    """``$INTERVIEW_KIT_JOURNAL`` if set, else the platform's user data folder."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return expand_path(env, ENV_VAR)
    import platformdirs

    return Path(platformdirs.user_data_dir("interview_kit", appauthor=False)) / FILE_NAME


def expand_path(path: str | os.PathLike[str], field: str) -> Path:
    """``path`` with ``~`` expanded; an unknown user's ``~name`` is an InputError."""
    try:
        return Path(path).expanduser()
    except RuntimeError:  # "Could not determine home directory"
        raise InputError(field, str(path), "names a home folder that does not exist") from None


def backup_path(path: Path, version: int) -> Path:
    """A free name beside ``path`` for the copy taken before a migration."""
    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.v{version}-{stamp}-{n}.bak")
    return candidate


# --------------------------------------------------------------------------- schema

PROFILES_SQL = """
CREATE TABLE IF NOT EXISTS profiles (
    name    TEXT PRIMARY KEY COLLATE NOCASE,
    weights TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
"""

#: The due query reads only pending, dated rows, and of them only these columns.
DUE_INDEX_SQL = """
CREATE INDEX IF NOT EXISTS interviews_due
    ON interviews (date, decision_by, thank_you_sent) WHERE outcome IS NULL;
"""

#: The page's unsaved work (schema 4): apart from ``interviews``, so no listing,
#: export or calibration can see a draft. No foreign key: a draft of an interview
#: deleted meanwhile is still the user's work.
DRAFTS_SQL = """
CREATE TABLE IF NOT EXISTS drafts (
    key      TEXT PRIMARY KEY,
    entry_id INTEGER,
    based_on INTEGER,
    data     TEXT NOT NULL,
    updated  TEXT NOT NULL
);
"""

#: Signs of your own (schema 5): each a JSON object (core/my_signs), in the order added.
SIGNS_SQL = """
CREATE TABLE IF NOT EXISTS signs (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id       TEXT NOT NULL UNIQUE,
    data     TEXT NOT NULL,
    created  TEXT NOT NULL
);
"""

SCHEMA_SQL = (
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE interviews (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    company      TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    date         TEXT,
    stage        TEXT NOT NULL DEFAULT '',
    outcome      TEXT,
    outcome_date TEXT,
    data         TEXT NOT NULL,
    weights      TEXT NOT NULL,
    profile      TEXT NOT NULL DEFAULT 'default',
    created      TEXT NOT NULL,
    updated      TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    decision_by    TEXT,
    thank_you_sent TEXT
);
CREATE INDEX interviews_thread ON interviews (company COLLATE NOCASE, role COLLATE NOCASE);
CREATE INDEX interviews_date ON interviews (date, id);
"""
    + PROFILES_SQL
    + DUE_INDEX_SQL
    + DRAFTS_SQL
    + SIGNS_SQL
)


def create_schema(conn: sqlite3.Connection) -> None:
    """The current schema's tables, inside the caller's transaction."""
    for statement in SCHEMA_SQL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (JOURNAL_FORMAT,))
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (now_utc(),))
    # the journal's own id, for its calendar UIDs (see journal/identity.py)
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('uid', ?)", (secrets.token_hex(8),))


def read_header(path: Path) -> bytes:
    if path.is_dir():
        raise JournalError(path, "is a folder, not a journal file")
    if not path.is_file():  # reading a named pipe would hang; a device is no journal
        raise JournalError(path, "is not a regular file (a device, pipe or socket); left as it is")
    try:
        with open(path, "rb") as handle:
            return handle.read(100)
    except OSError as error:
        raise JournalError(path, f"cannot be read: {error.strerror}") from None


def check_header(path: Path, head: bytes) -> None:
    if not head:
        raise JournalError(path, "is an empty file, not an interview_kit journal; left as it is")
    if not head.startswith(SQLITE_MAGIC):
        raise JournalError(
            path, "is not an interview_kit journal (not an SQLite database); left as it is"
        )
    if len(head) < 100:
        raise JournalError(path, "is damaged (truncated header); left as it is")
    app_id = int.from_bytes(head[68:72], "big", signed=True)
    if app_id != APPLICATION_ID:
        raise JournalError(
            path,
            "is an SQLite database of another program, not an interview_kit journal; left as it is",
        )


def _wal_user_version(path: Path) -> int | None:
    """The ``user_version`` the newest committed copy of page 1 in ``path``'s ``-wal``
    file holds, read as bytes (no SQLite connection: opening one could checkpoint or
    rebuild the ``-wal``/``-shm`` of a file we are about to refuse); None if none.
    Only frame headers and page 1's first 100 bytes are read, however big the file."""
    try:
        handle = open(f"{path}-wal", "rb")
    except OSError:
        return None
    with handle:
        head = handle.read(32)
        if len(head) < 32 or int.from_bytes(head[:4], "big") not in (0x377F0682, 0x377F0683):
            return None
        page_size = int.from_bytes(head[8:12], "big") or 65536
        salts = head[16:24]
        size = os.fstat(handle.fileno()).st_size
        version = committed = None
        offset = 32
        while offset + 24 + page_size <= size:  # a torn last frame is not committed
            handle.seek(offset)
            frame = handle.read(24)
            if frame[8:16] != salts:  # from an earlier, already checkpointed round
                break
            if int.from_bytes(frame[:4], "big") == 1:
                version = int.from_bytes(handle.read(100)[60:64], "big", signed=True)
            if int.from_bytes(frame[4:8], "big"):  # a commit frame
                committed = version if version is not None else committed
            offset += 24 + page_size
    return committed


def peek_version(path: Path, head: bytes) -> int:
    """The journal's schema version, read without opening it for writing: the main
    file's header, or a newer committed one still waiting in its ``-wal``."""
    version = int.from_bytes(head[60:64], "big", signed=True)
    in_wal = _wal_user_version(path)
    return version if in_wal is None else in_wal


def refuse_newer(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise JournalError(
            path,
            f"was written by a newer interview_kit (journal schema "
            f"{version}, this version reads up to {SCHEMA_VERSION}); "
            "left as it is: upgrade interview_kit to open it",
        )


def inspect_untouched(path: Path, head: bytes) -> int:
    """Every check that can refuse a file, made on a read-only connection before any
    read-write one, so a refused file and its ``-wal``/``-shm`` stay byte for byte as
    they were (a read-write connection checkpoints on close: main file rewritten,
    ``-wal`` and ``-shm`` deleted). See :mod:`.access` for how the ``-wal`` is read
    without writing. Returns the schema version."""
    refuse_newer(path, peek_version(path, head))
    try:
        with reading(path, BUSY_TIMEOUT) as conn:
            return inspect_version(path, conn)
    except OSError as error:  # copying a -wal without its -shm aside failed
        raise JournalError(
            path, f"cannot be checked: {error.strerror or error}; left as it is"
        ) from None


def _application(company: object, role: object) -> str | None:
    """SQL ``application(company, role)``: the core's one grouping rule, as text."""
    if not isinstance(company, str) or not isinstance(role, str):
        return None
    return json.dumps(application_key(company, role), ensure_ascii=False)


def _folded(text: object) -> str | None:
    """SQL ``folded(text)``: the core's matching rule (:func:`core.applications.fold`:
    Unicode case folding, runs of spaces as one; SQLite's lower() knows only ASCII)."""
    return fold(text) if isinstance(text, str) else None


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection (the path as bytes: a name that is not UTF-8 opens)."""
    return prepare(
        sqlite3.connect(
            os.fsencode(path), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
    )


def prepare(conn: sqlite3.Connection) -> sqlite3.Connection:
    """The busy timeout and the SQL functions the queries use, on any connection."""
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    conn.create_function("application", 2, _application, deterministic=True)
    conn.create_function("folded", 1, _folded, deterministic=True)
    return conn


def _make_private_dir(folder: Path) -> None:
    if folder.exists():
        return
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)


def create_file(path: Path) -> None:
    """Build a new journal beside ``path`` and link it into place (never clobbers)."""
    _make_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o600)
    try:
        conn = connect(Path(tmp))
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("BEGIN")
            create_schema(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError:  # no hard links on this file system
            if not path.exists():
                os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def tighten(path: Path) -> None:
    """A journal we accepted is owner-only, even if it was copied in with a looser mode."""
    with contextlib.suppress(OSError):
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)


def inspect_version(path: Path, conn: sqlite3.Connection) -> int:
    """The schema version of a journal we may write to; raises (writing nothing) if not."""
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        refuse_newer(path, version)
        check = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            raise JournalError(path, f"is damaged ({check[0]}); left as it is")
        row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.Error as error:
        raise cannot_use(path, error, damaged=True) from None
    if row is None or row[0] != JOURNAL_FORMAT:
        raise JournalError(
            path, "is not an interview_kit journal (no journal marker); left as it is"
        )
    return version
