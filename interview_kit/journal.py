"""The private interview journal: one SQLite file, owner-only, never silently repaired.

Storage rules (the user's data comes first):

* The file is created atomically (built beside the target, then hard-linked into
  place) with mode 0600, in a folder created 0700; SQLite gives its ``-wal`` and
  ``-shm`` files the same mode as the database.
* A file is only ever written to once its header says it is an interview_kit
  journal (SQLite magic plus our ``application_id``) of a schema we know. Anything
  else (not SQLite, another program's database, a damaged file, a newer journal)
  raises :class:`JournalError` and the file's bytes stay exactly as they were.
* An older journal is upgraded in place, after a backup copy is written beside it.
* Every write is one ``BEGIN IMMEDIATE`` transaction; WAL mode with a busy timeout
  lets two kernels and the CLI save at once, and a killed process loses at most
  its own uncommitted transaction.

Records are the data contract's interviews (schema 1, stored as validated JSON)
plus the journal's own fields: id, created/updated times (UTC ISO), revision,
the weights used, a weights profile name and the outcome's date.

Named weight profiles live beside them (schema 2): the built-in ``default``
profile is the catalog's weights, always listed first and never stored; saved
ones carry a note (e.g. where fitted weights came from). An interview keeps the
weights it was saved with even when its profile is later changed or deleted.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import io
import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import InputError
from .interview import OUTCOMES, Interview, check_date, parse_json
from .signals import observed_signals, signal_ids
from .weights import validate_weights

#: ``PRAGMA application_id``: "IKJN" marks a file as an interview_kit journal.
APPLICATION_ID = 0x494B4A4E
#: ``PRAGMA user_version``: the journal's schema. 0 was the first prototype.
SCHEMA_VERSION = 2
EXPORT_FORMAT = "interview_kit.journal"
EXPORT_VERSION = 1
ENV_VAR = "INTERVIEW_KIT_JOURNAL"
FILE_NAME = "journal.sqlite3"
DEFAULT_PROFILE = "default"
PROFILE_LIMIT = 60
#: Profile recorded for an interview saved with weights that are no saved profile.
#: Its parentheses keep it apart from every name a user can save.
CUSTOM_PROFILE = "(custom)"
#: Names a user can save: 1 to 40 letters, digits, spaces, ``-`` and ``_``.
PROFILE_NAME_LIMIT = 40
PROFILE_NOTE_LIMIT = 500
#: Seconds a writer waits for another one before giving up.
BUSY_TIMEOUT = 30.0
SQLITE_MAGIC = b"SQLite format 3\x00"

_META_FIELDS = ("id", "created", "updated", "revision", "weights", "profile", "outcome_date")
_CONTRACT_FIELDS = tuple(Interview(scheduled_minutes=1).to_dict())


class JournalError(InputError):
    """The journal file cannot be used as it is (foreign, damaged, newer, busy).

    One line naming the file; the file is left untouched.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__("journal", str(path), reason)
        shown = str(path) if str(path).isprintable() else repr(str(path))
        self.args = (f"journal {shown}: {reason}",)  # the whole path, not a shortened one


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Entry:
    """One saved interview with the journal's bookkeeping."""

    id: int
    interview: Interview
    created: str
    updated: str
    revision: int
    weights: Mapping[str, float]
    profile: str = DEFAULT_PROFILE
    outcome_date: str | None = None

    @property
    def company(self) -> str:
        return self.interview.company

    @property
    def role(self) -> str:
        return self.interview.role

    @property
    def date(self) -> str | None:
        return self.interview.date

    @property
    def stage(self) -> str:
        return self.interview.stage

    @property
    def outcome(self) -> str | None:
        return self.interview.outcome

    @property
    def pending(self) -> bool:
        """No outcome yet: silence is not a verdict."""
        return self.interview.outcome is None

    def to_record(self) -> dict[str, Any]:
        """The export record: every contract field plus the journal's fields."""
        record = self.interview.to_dict()
        record.update(
            id=self.id,
            created=self.created,
            updated=self.updated,
            revision=self.revision,
            weights=dict(self.weights),
            profile=self.profile,
            outcome_date=self.outcome_date,
        )
        return record


@dataclass(frozen=True)
class Profile:
    """A named set of weights. ``default`` (the catalog's) is built in, never stored."""

    name: str
    weights: Mapping[str, float]
    note: str = ""
    created: str | None = None  # None for the built-in profile
    updated: str | None = None

    @property
    def builtin(self) -> bool:
        return self.name == DEFAULT_PROFILE

    def to_record(self) -> dict[str, Any]:
        """The export record (also the CLI's ``--json``)."""
        return {"name": self.name, "weights": dict(self.weights), "note": self.note,
                "created": self.created, "updated": self.updated}


def default_profile() -> Profile:
    """The built-in profile: the catalog's weights."""
    return Profile(DEFAULT_PROFILE, MappingProxyType(validate_weights(None)),
                   "the catalog's default weights (built in)")


def profile_from_record(record: Any, where: str = "profile") -> Profile:
    """Validate one exported profile (JSON object) into a :class:`Profile`."""
    if not isinstance(record, Mapping):
        raise InputError(where, record, "must be a JSON object")
    unknown = sorted(set(record) - {"name", "weights", "note", "created", "updated"})
    if unknown:
        raise InputError(f"{where}.{unknown[0]}", record[unknown[0]], "is not a profile field")
    try:
        name = check_profile_name(record.get("name"))
        if not isinstance(record.get("weights"), Mapping):
            raise InputError("weights", record.get("weights"),
                             "must be an object of signal id -> number")
        weights = validate_weights(record["weights"])
        note = _check_note(record.get("note"))
        stamp = now_utc()
        created = _check_time("created", record.get("created") or stamp)
        updated = _check_time("updated", record.get("updated") or created)
    except InputError as error:
        raise _prefixed(where, error) from None
    return Profile(name, MappingProxyType(weights), note, created, updated)


def now_utc() -> str:
    """The current UTC time as ISO 8601 (microseconds, ``+00:00``)."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")


def today_utc() -> str:
    """Today's date in UTC: the default outcome date, the same on every machine."""
    return _dt.datetime.now(_dt.UTC).date().isoformat()


def _check_time(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InputError(field, value, "must be a UTC time like 2026-11-20T18:00:00+00:00")
    try:
        parsed = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError(field, value,
                         "must be a UTC time like 2026-11-20T18:00:00+00:00") from None
    if parsed.tzinfo is None or parsed.utcoffset() != _dt.timedelta(0):
        raise InputError(field, value, "must be a UTC time (ending in +00:00 or Z)")
    return value


def _check_profile(value: Any, field: str = "profile") -> str:
    if value is None:
        return DEFAULT_PROFILE
    if not isinstance(value, str) or not value.strip() or len(value) > PROFILE_LIMIT:
        raise InputError(field, value, f"must be a name of 1 to {PROFILE_LIMIT} characters")
    return value


def check_profile_name(value: Any, field: str = "name") -> str:
    """A name a profile can be saved under (``default`` is built in, so refused)."""
    if not isinstance(value, str) or not 1 <= len(value) <= PROFILE_NAME_LIMIT:
        raise InputError(field, value,
                         f"must be a name of 1 to {PROFILE_NAME_LIMIT} characters")
    if not all(ch.isalnum() or ch in " -_" for ch in value) or not value.isprintable():
        raise InputError(field, value, "may hold only letters, digits, spaces, - and _")
    if value != value.strip():
        raise InputError(field, value, "must not start or end with a space")
    if name_key(value) == DEFAULT_PROFILE:
        raise InputError(field, value, "is the built-in profile (the catalog's weights) "
                                       "and cannot be saved over; choose another name")
    return value


def name_key(name: str) -> str:
    """Profile names differ by more than ASCII case (SQLite's ``NOCASE`` rule)."""
    return "".join(ch.lower() if ch.isascii() else ch for ch in name)


def _check_note(value: Any, field: str = "note") -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > PROFILE_NOTE_LIMIT:
        raise InputError(field, value, f"must be text of at most {PROFILE_NOTE_LIMIT} "
                                       "characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(field, value, "contains characters that cannot be stored") from None
    return value


def _check_outcome(value: Any) -> str | None:
    if value in (None, "", "pending"):
        return None
    if value not in OUTCOMES:
        raise InputError("outcome", value, f"must be one of {', '.join(OUTCOMES)} or pending")
    return value


def _as_interview(interview: Interview | Mapping[str, Any]) -> Interview:
    interview = interview if isinstance(interview, Interview) else Interview.from_dict(interview)
    for name in ("company", "role", "stage", "notes"):
        try:  # JSON can carry lone surrogates ("\ud800") that UTF-8 cannot store
            getattr(interview, name).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(name, getattr(interview, name),
                             "contains characters that cannot be stored (lone surrogates)"
                             ) from None
    return interview


def _prefixed(prefix: str, error: InputError) -> InputError:
    return InputError(f"{prefix}.{error.field}", error.value, error.reason)


def entry_from_record(record: Any, where: str = "record") -> Entry:
    """Validate one export record (JSON object) into an :class:`Entry`.

    A missing id becomes 0 (a new id is given on import); missing times become
    now. Errors name ``where`` and the field, e.g. ``interviews[3].signals.ease``.
    """
    if not isinstance(record, Mapping):
        raise InputError(where, record, "must be a JSON object")
    raw_id = record.get("id")
    if raw_id is not None:
        if isinstance(raw_id, bool) or not isinstance(raw_id, int) or not 0 < raw_id <= MAX_ID:
            raise InputError(f"{where}.id", raw_id, "must be a positive whole number")
        where = f"{where} (id {raw_id})"
    contract = {k: v for k, v in record.items() if k not in _META_FIELDS}
    try:
        interview = _as_interview(contract)
        stamp = now_utc()
        created = _check_time("created", record.get("created") or stamp)
        updated = _check_time("updated", record.get("updated") or created)
        revision = record.get("revision", 1)
        if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
            raise InputError("revision", revision, "must be a whole number >= 1")
        weights = validate_weights(record.get("weights"))
        profile = _check_profile(record.get("profile"))
        outcome_date = check_date("outcome_date", record.get("outcome_date"))
        if outcome_date is not None and interview.outcome is None:
            raise InputError("outcome_date", outcome_date, "is set but there is no outcome")
    except InputError as error:
        raise _prefixed(where, error) from None
    return Entry(id=raw_id or 0, interview=interview, created=created, updated=updated,
                 revision=revision, weights=MappingProxyType(weights), profile=profile,
                 outcome_date=outcome_date)


# --------------------------------------------------------------------------- export

def export_json(entries: Iterable[Entry], profiles: Iterable[Profile] = ()) -> str:
    """The journal's JSON export: one record per line, inside the format header.

    Saved profiles (never the built-in one) come first as a ``profiles`` list,
    present only when there are some, so a journal without profiles exports
    exactly as before and older readers, which ignore the key, still import it.
    """
    return _wrap_export([json.dumps(e.to_record(), ensure_ascii=False) for e in entries],
                        [_profile_line(p) for p in profiles if not p.builtin])


def _profile_line(profile: Profile) -> str:
    return json.dumps(profile.to_record(), ensure_ascii=False)


def _wrap_export(lines: list[str], profile_lines: list[str] | None = None) -> str:
    head = json.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION})[:-1]
    if profile_lines:
        head += ', "profiles": [\n' + ",\n".join(profile_lines) + "\n]"
    if not lines:
        return head + ', "interviews": []}\n'
    return head + ', "interviews": [\n' + ",\n".join(lines) + "\n]}\n"


def parse_export(text: str) -> tuple[list[Entry], list[Profile]]:
    """A JSON export's interviews and saved profiles, all validated (an export
    without a ``profiles`` list, as older versions wrote, has none)."""
    data = parse_json(text, field="json")  # also too deep or too long numbers: one line
    if isinstance(data, list):  # a bare list of records is accepted too
        data = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "interviews": data}
    if not isinstance(data, Mapping) or data.get("format") != EXPORT_FORMAT:
        got = data.get("format") if isinstance(data, Mapping) else data
        raise InputError("format", got, f"is not an {EXPORT_FORMAT} export")
    if data.get("version") != EXPORT_VERSION:
        raise InputError("version", data.get("version"),
                         f"unsupported export version (expected {EXPORT_VERSION})")
    records = data.get("interviews")
    if not isinstance(records, list):
        raise InputError("interviews", records, "must be a list of interviews")
    raw_profiles = data.get("profiles", [])
    if not isinstance(raw_profiles, list):
        raise InputError("profiles", raw_profiles, "must be a list of profiles")
    profiles = [profile_from_record(r, f"profiles[{i}]") for i, r in enumerate(raw_profiles)]
    seen: set[str] = set()
    for i, profile in enumerate(profiles):
        if name_key(profile.name) in seen:
            raise InputError(f"profiles[{i}].name", profile.name, "appears twice")
        seen.add(name_key(profile.name))
    entries = [entry_from_record(r, f"interviews[{i}]") for i, r in enumerate(records)]
    return entries, profiles


def csv_columns() -> list[str]:
    """Flat CSV columns: journal fields, contract fields, ``signal_<id>``, ``weight_<id>``."""
    return [
        "id", "created", "updated", "revision", "profile",
        "company", "role", "date", "stage",
        "scheduled_minutes", "actual_minutes", "behavioral_share",
        *(f"signal_{s.id}" for s in observed_signals()),
        "notes", "outcome", "outcome_date",
        *(f"weight_{sid}" for sid in signal_ids()),
    ]


def _cell(value: Any) -> Any:
    return "" if value is None else value


#: A spreadsheet runs a cell starting with one of these as a formula (CSV injection:
#: a company name like ``=HYPERLINK(...)`` in an export opened in a spreadsheet).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Prefix that makes such a text cell inert; it is itself escaped by doubling.
CSV_GUARD = "'"


def guard_cell(text: str) -> str:
    """A free-text cell a spreadsheet shows as text, never evaluates.

    A cell starting with a formula character, or with the guard itself, gets one
    guard in front; :func:`unguard_cell` removes exactly that one, so the CSV
    round-trip stays exact (``'abc`` is written ``''abc`` and read back as ``'abc``).
    """
    return CSV_GUARD + text if text.startswith((*FORMULA_START, CSV_GUARD)) else text


def unguard_cell(text: str) -> str:
    """Undo :func:`guard_cell`. A guard not followed by a character it protects is
    kept (an older export's ``'abc`` stays ``'abc``)."""
    if text.startswith(CSV_GUARD) and text[1:].startswith((*FORMULA_START, CSV_GUARD)):
        return text[1:]
    return text


def export_csv(entries: Iterable[Entry]) -> str:
    """One row per interview; empty cell = null. Floats use ``repr`` (exact round-trip).

    Free-text cells (company, role, stage, notes, profile) pass through
    :func:`guard_cell`, so the file is safe to open in a spreadsheet; numbers and
    validated dates need no guard (a negative number is data, not a formula).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_columns())
    signals = [s.id for s in observed_signals()]
    weights = signal_ids()
    for e in entries:
        i = e.interview
        writer.writerow([
            e.id, e.created, e.updated, e.revision, guard_cell(e.profile),
            guard_cell(i.company), guard_cell(i.role), _cell(i.date), guard_cell(i.stage),
            i.scheduled_minutes, _cell(i.actual_minutes), _cell(i.behavioral_share),
            *(_cell(i.signals[s]) for s in signals),
            guard_cell(i.notes), _cell(i.outcome), _cell(e.outcome_date),
            *(e.weights[w] for w in weights),
        ])
    return out.getvalue()


def _csv_number(field: str, text: str) -> float | int | None:
    if text.strip() == "":
        return None
    try:
        return int(text) if field in ("id", "revision") else float(text)
    except ValueError:
        raise InputError(field, text, "must be a number") from None


def parse_export_csv(text: str) -> list[Entry]:
    """Validate a CSV export completely (columns as :func:`csv_columns`; extra ones refused)."""
    reader = csv.DictReader(io.StringIO(text))
    try:  # csv.Error: e.g. a cell over the csv module's size limit
        columns = reader.fieldnames or []
        rows = list(reader)
    except csv.Error as error:
        raise InputError("csv", f"after line {reader.line_num}",
                         f"malformed CSV: {error}") from None
    known = set(csv_columns())
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise InputError("csv", unknown[0], "is not a column of a journal export")
    twice = [c for n, c in enumerate(columns) if c in columns[:n]]
    if twice:  # DictReader would silently keep the last one
        raise InputError("csv", twice[0], "is a column that appears twice")
    if "scheduled_minutes" not in columns:
        raise InputError("csv", columns[:3], "has no scheduled_minutes column")
    entries = []
    for n, row in enumerate(rows, start=2):
        where = f"line {n}"
        try:
            if None in row:
                raise InputError("csv", row[None], "has more cells than columns")
            record: dict[str, Any] = {"signals": {}}
            weights: dict[str, Any] = {}
            for name, cell in row.items():
                cell = cell or ""
                if name.startswith("signal_"):
                    record["signals"][name[7:]] = _csv_number(name, cell)
                elif name.startswith("weight_"):
                    if cell != "":
                        weights[name[7:]] = _csv_number(name, cell)
                elif name in ("id", "revision", "scheduled_minutes", "actual_minutes",
                              "behavioral_share"):
                    value = _csv_number(name, cell)
                    if value is not None:
                        record[name] = value
                elif name in ("date", "outcome", "outcome_date", "created", "updated"):
                    if cell != "":
                        record[name] = cell
                else:  # free text: company, role, stage, notes, profile
                    record[name] = unguard_cell(cell)
            record["weights"] = weights or None
        except InputError as error:
            raise _prefixed(where, error) from None
        entries.append(entry_from_record(record, where))
    return entries


# --------------------------------------------------------------------------- paths

def default_path() -> Path:
    """``$INTERVIEW_KIT_JOURNAL`` if set, else the platform's user data folder."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return _expand(env, ENV_VAR)
    import platformdirs

    return Path(platformdirs.user_data_dir("interview_kit", appauthor=False)) / FILE_NAME


def _expand(path: str | os.PathLike[str], field: str) -> Path:
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

#: Schema 2's addition; the 1 -> 2 migration runs it too (hence IF NOT EXISTS).
PROFILES_SQL = """
CREATE TABLE IF NOT EXISTS profiles (
    name    TEXT PRIMARY KEY COLLATE NOCASE,
    weights TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
"""

SCHEMA_SQL = """
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
    revision     INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);
CREATE INDEX interviews_thread ON interviews (company COLLATE NOCASE, role COLLATE NOCASE);
CREATE INDEX interviews_date ON interviews (date, id);
""" + PROFILES_SQL


def create_schema(conn: sqlite3.Connection) -> None:
    """The current schema's tables, inside the caller's transaction."""
    for statement in SCHEMA_SQL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (EXPORT_FORMAT,))
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (now_utc(),))


def _read_header(path: Path) -> bytes:
    if path.is_dir():
        raise JournalError(path, "is a folder, not a journal file")
    if not path.is_file():  # reading a named pipe would hang; a device is no journal
        raise JournalError(path, "is not a regular file (a device, pipe or socket); "
                                 "left as it is")
    try:
        with open(path, "rb") as handle:
            return handle.read(100)
    except OSError as error:
        raise JournalError(path, f"cannot be read: {error.strerror}") from None


def _check_header(path: Path, head: bytes) -> None:
    if not head:
        raise JournalError(path, "is an empty file, not an interview_kit journal; "
                                 "left as it is")
    if not head.startswith(SQLITE_MAGIC):
        raise JournalError(path, "is not an interview_kit journal (not an SQLite database); "
                                 "left as it is")
    if len(head) < 100:
        raise JournalError(path, "is damaged (truncated header); left as it is")
    app_id = int.from_bytes(head[68:72], "big", signed=True)
    if app_id != APPLICATION_ID:
        raise JournalError(path, "is an SQLite database of another program, not an "
                                 "interview_kit journal; left as it is")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    return conn


def _make_private_dir(folder: Path) -> None:
    if folder.exists():
        return
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)


def _create_file(path: Path) -> None:
    """Build a new journal beside ``path`` and link it into place (never clobbers)."""
    _make_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o600)
    try:
        conn = _connect(Path(tmp))
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


# --------------------------------------------------------------------------- journal

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
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise JournalError(self.path, "is busy (another program is writing); "
                                              "try again") from None
            raise JournalError(self.path, f"cannot be used: {error}") from None
        except sqlite3.DatabaseError as error:
            raise JournalError(self.path, f"is damaged ({error}); left as it is") from None

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._errors():
            return self._conn.execute(sql, tuple(params)).fetchall()

    def _entry(self, row: tuple[Any, ...]) -> Entry:
        id_, data, weights, profile, created, updated, revision, outcome_date = row
        try:
            interview = _stored_interview(data)
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
        note = _check_note(note)
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
        interview = _as_interview(interview)
        stamp = now_utc()
        with self._tx() as conn:
            used, name = self._resolve(conn, weights, profile)
            entry = Entry(id=0, interview=interview, created=stamp, updated=stamp, revision=1,
                          weights=MappingProxyType(used), profile=name,
                          outcome_date=_outcome_date(interview, outcome_date))
            return self._insert(conn, entry, keep_id=False)

    @staticmethod
    def _insert(conn: sqlite3.Connection, e: Entry, keep_id: bool) -> int:
        i = e.interview
        cur = conn.execute(
            "INSERT INTO interviews (id, company, role, date, stage, outcome, outcome_date, "
            "data, weights, profile, created, updated, revision) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (e.id if keep_id else None, i.company, i.role, i.date, i.stage, i.outcome,
             e.outcome_date, i.to_json(indent=None), json.dumps(dict(e.weights)),
             e.profile, e.created, e.updated, e.revision),
        )
        return int(cur.lastrowid or 0)

    def update(self, id: int, interview: Interview | Mapping[str, Any],
               weights: Any = None, profile: str | None = None) -> Entry:
        """Replace an interview's fields; revision + 1.

        Weights and profile both None keep the stored ones; otherwise as :meth:`add`.
        """
        interview = _as_interview(interview)
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
            self._write(conn, old, interview, new_weights, outcome_date, name)
            return self._get_in(conn, id)

    def set_outcome(self, id: int, outcome: str | None, date: Any = None) -> Entry:
        """Record what happened next (None or "pending" clears it); date defaults to today.

        Like any edit it bumps the revision and the updated time.
        """
        outcome = _check_outcome(outcome)
        with self._tx() as conn:
            old = self._get_in(conn, id)
            interview = old.interview.replace(outcome=outcome)
            when = None if outcome is None else (check_date("date", date) or today_utc())
            if when is not None and old.date is not None and when < old.date:
                raise InputError("date", when,
                                 f"is before the interview's date ({old.date})")
            self._write(conn, old, interview, old.weights, when, old.profile)
            return self._get_in(conn, id)

    @staticmethod
    def _write(conn: sqlite3.Connection, old: Entry, interview: Interview,
               weights: Mapping[str, float], outcome_date: str | None, profile: str) -> None:
        conn.execute(
            "UPDATE interviews SET company = ?, role = ?, date = ?, stage = ?, outcome = ?, "
            "outcome_date = ?, data = ?, weights = ?, profile = ?, updated = ?, "
            "revision = revision + 1 WHERE id = ?",
            (interview.company, interview.role, interview.date, interview.stage,
             interview.outcome, outcome_date, interview.to_json(indent=None),
             json.dumps(dict(weights)), profile, now_utc(), old.id),
        )

    def delete(self, id: int) -> None:
        """Delete one interview (the caller asks for confirmation); unknown id: InputError."""
        with self._tx() as conn:
            if conn.execute("DELETE FROM interviews WHERE id = ?", (_check_id(id),)).rowcount == 0:
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
                           (_check_id(id),)).fetchone()
        if row is None:
            raise InputError("id", id, "no such interview in the journal")
        return self._entry(row)

    def get(self, id: int) -> Entry:
        """One saved interview; an unknown id is an InputError naming it."""
        with self._lock, self._errors():
            return self._get_in(self._conn, id)

    def list(self, *, company: str | None = None, role: str | None = None,
             outcome: str | None = None, profile: str | None = None,
             pending: bool | None = None) -> list[Entry]:
        """Entries ordered by interview date (undated last), then id; filters optional."""
        where, params = [], []
        if company is not None:
            where.append("trim(company) = ? COLLATE NOCASE")
            params.append(company.strip())
        if role is not None:
            where.append("trim(role) = ? COLLATE NOCASE")
            params.append(role.strip())
        if outcome is not None:
            where.append("outcome = ?")
            params.append(_check_outcome(outcome))
        if profile is not None:
            where.append("profile = ?")
            params.append(profile)
        if pending is not None:
            where.append("outcome IS NULL" if pending else "outcome IS NOT NULL")
        sql = f"SELECT {_COLUMNS} FROM interviews"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date IS NULL, date, id"
        rows = self._query(sql, params)
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
        """Every round with one company for one role (case and spaces ignored), by date."""
        return self.list(company=company, role=role)

    def threads(self) -> list[tuple[str, str, int]]:
        """(company, role, number of rounds) for every company + role, most rounds first."""
        # With max(), SQLite's bare columns come from the newest row: its spelling wins.
        rows = self._query(
            "SELECT trim(company), trim(role), count(*), max(id) FROM interviews "
            "GROUP BY trim(company) COLLATE NOCASE, trim(role) COLLATE NOCASE "
            "ORDER BY count(*) DESC, trim(company) COLLATE NOCASE, trim(role) COLLATE NOCASE")
        return [(c, r, n) for c, r, n, _ in rows]

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) FROM interviews")[0][0])

    def export_json(self) -> str:
        """The JSON export, by id. Same text as :func:`export_json` of the entries
        and saved profiles, but spliced from the stored JSON (validated when
        written) rather than re-parsed: a 10,000-record export stays far under a second."""
        dumps = json.dumps
        lines = []
        for id_, data, weights, profile, created, updated, revision, outcome_date in \
                self._query(f"SELECT {_COLUMNS} FROM interviews ORDER BY id"):
            if not (data.startswith('{"schema": ') and data.endswith("}")
                    and weights.startswith("{") and weights.endswith("}")):
                raise JournalError(self.path, f"record {id_} is damaged; left as it is")
            lines.append(
                f'{data[:-1]}, "id": {id_}, "created": {dumps(created)}, '
                f'"updated": {dumps(updated)}, "revision": {revision}, "weights": {weights}, '
                f'"profile": {dumps(profile, ensure_ascii=False)}, '
                f'"outcome_date": {dumps(outcome_date)}}}')
        return _wrap_export(lines, [_profile_line(p) for p in self.profiles()[1:]])

    def export_csv(self) -> str:
        """The CSV export, by id (see :func:`export_csv`)."""
        return export_csv(self._by_id())

    def _by_id(self) -> list[Entry]:
        return sorted(self.list(), key=lambda e: e.id)  # list() reuses parsed rows

    def integrity_check(self) -> str:
        return str(self._query("PRAGMA integrity_check")[0][0])


def _stored_interview(text: str) -> Interview:
    """A stored record, checked once more on the way out (the dataclass validates
    every field; ``from_dict`` would do it twice), so a damaged row is reported."""
    fields = json.loads(text)
    if not isinstance(fields, dict) or fields.pop("schema", None) != 1:
        raise ValueError("not a schema 1 interview")
    return Interview(**fields)


#: SQLite's largest INTEGER: a larger id cannot exist, and would overflow the driver.
MAX_ID = 2**63 - 1


def _check_id(id: Any) -> int:
    if isinstance(id, bool) or not isinstance(id, int) or not 0 < id <= MAX_ID:
        raise InputError("id", id, "must be a positive whole number")
    return id


def _outcome_date(interview: Interview, date: Any) -> str | None:
    if interview.outcome is None:
        if date not in (None, ""):
            raise InputError("outcome_date", date, "is set but there is no outcome")
        return None
    return check_date("outcome_date", date) or today_utc()


# --------------------------------------------------------------------------- opening

def open_journal(path: str | os.PathLike[str] | None = None) -> Journal:
    """Open (or create on first use) the journal at ``path`` / ``$INTERVIEW_KIT_JOURNAL`` /
    the user data folder. Refuses, untouched, a file that is not a usable journal."""
    from . import migrations

    target = _expand(path, "journal") if path is not None else default_path()
    if not target.exists():
        try:
            _create_file(target)
        except OSError as error:
            raise JournalError(target, f"cannot be created: {error.strerror or error}") from None
    _check_header(target, _read_header(target))
    try:
        conn = _connect(target)
    except sqlite3.DatabaseError as error:
        raise JournalError(target, f"cannot be opened ({error}); left as it is") from None
    try:
        version = _inspect(target, conn)
        _tighten(target)
        migrated_from, backup = None, None
        if version < SCHEMA_VERSION:
            backup = migrations.upgrade(target, conn, version)
            migrated_from = version
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.OperationalError as error:
        conn.close()
        raise JournalError(target, f"cannot be opened now ({error}); try again") from None
    except sqlite3.DatabaseError as error:
        conn.close()
        raise JournalError(target, f"is damaged ({error}); left as it is") from None
    except BaseException:
        conn.close()
        raise
    return Journal(target, conn, migrated_from, backup)


def _tighten(path: Path) -> None:
    """A journal we accepted is owner-only, even if it was copied in with a looser mode."""
    with contextlib.suppress(OSError):
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)


def _inspect(path: Path, conn: sqlite3.Connection) -> int:
    """The schema version of a journal we may write to; raises (writing nothing) if not."""
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise JournalError(path, f"was written by a newer interview_kit (journal schema "
                                     f"{version}, this version reads up to {SCHEMA_VERSION}); "
                                     "left as it is: upgrade interview_kit to open it")
        check = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            raise JournalError(path, f"is damaged ({check[0]}); left as it is")
        row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as error:
        raise JournalError(path, f"is damaged or unreadable ({error}); left as it is") from None
    if row is None or row[0] != EXPORT_FORMAT:
        raise JournalError(path, "is not an interview_kit journal (no journal marker); "
                                 "left as it is")
    return version
