"""What the journal keeps: a saved interview (:class:`Entry`) and a named weight
profile (:class:`Profile`), with the checks every way into the journal shares.

Records are the data contract's interviews (schema 1 or 2, stored as validated JSON)
plus the journal's own fields: id, created/updated times (UTC ISO), revision,
the weights used, a weights profile name and the outcome's date. The built-in
``default`` profile is the catalog's weights, always listed first and never
stored; saved ones carry a note. An interview keeps the weights it was saved with
even when its profile is later changed or deleted.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..core.errors import InputError
from ..core.interview import SCHEMAS, Interview, check_date, field_error
from ..core.outcomes import OUTCOMES, PENDING
from ..core.weights import validate_weights

DEFAULT_PROFILE = "default"
PROFILE_LIMIT = 60
#: Profile recorded for an interview saved with weights that are no saved profile.
#: Its parentheses keep it apart from every name a user can save.
CUSTOM_PROFILE = "(custom)"
#: Names a user can save: 1 to 40 letters, digits, spaces, ``-`` and ``_``.
PROFILE_NAME_LIMIT = 40
PROFILE_NOTE_LIMIT = 500
#: SQLite's largest INTEGER: a larger id cannot exist, and would overflow the driver.
MAX_ID = 2**63 - 1
#: The largest id an import may bring, and the largest revision: the largest whole
#: number JSON tools (JavaScript, spreadsheets) keep exactly. Far below MAX_ID, so
#: AUTOINCREMENT always has room to give the next id, and ``revision + 1`` to grow.
MAX_IMPORT_ID = MAX_REVISION = 2**53 - 1

#: What each column a journal row is read with must hold (``id, data, weights, profile,
#: created, updated, revision, outcome_date``); anything else (a BLOB, a number where
#: text belongs) is a hand-damaged row, reported in one line, never a traceback.
COLUMN_TYPES = (int, str, str, str, str, str, int, (str, type(None)))
PROFILE_TYPES = (str, str, str, (str, type(None)), (str, type(None)))


def wrong_column(
    row: tuple[Any, ...], names: str, types: tuple[type | tuple[type, ...], ...]
) -> str | None:
    """The first column of ``row`` whose value is not of its type, said plainly."""
    for name, value, kind in zip(names.split(", "), row, types, strict=True):
        if not isinstance(value, kind) or isinstance(value, bool):
            what = "binary data" if isinstance(value, bytes) else type(value).__name__
            return f"{name} holds {what}"
    return None


_META_FIELDS = ("id", "created", "updated", "revision", "weights", "profile", "outcome_date")


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
        return {
            "name": self.name,
            "weights": dict(self.weights),
            "note": self.note,
            "created": self.created,
            "updated": self.updated,
        }


def default_profile() -> Profile:
    """The built-in profile: the catalog's weights."""
    return Profile(
        DEFAULT_PROFILE,
        MappingProxyType(validate_weights(None)),
        "the catalog's default weights (built in)",
    )


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
            raise InputError(
                "weights", record.get("weights"), "must be an object of signal id -> number"
            )
        weights = validate_weights(record["weights"])
        note = check_note(record.get("note"))
        stamp = now_utc()
        created = _check_time("created", record.get("created") or stamp)
        updated = _check_time("updated", record.get("updated") or created)
    except InputError as error:
        raise prefixed(where, error) from None
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
        raise InputError(
            field, value, "must be a UTC time like 2026-11-20T18:00:00+00:00"
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() != _dt.timedelta(0):
        raise InputError(field, value, "must be a UTC time (ending in +00:00 or Z)")
    return value


def _check_profile(value: Any, field: str = "profile") -> str:
    if value is None:
        return DEFAULT_PROFILE
    if not isinstance(value, str) or not value.strip() or len(value) > PROFILE_LIMIT:
        raise InputError(field, value, f"must be a name of 1 to {PROFILE_LIMIT} characters")
    return check_storable_text(value, field)


def check_storable_text(value: Any, field: str) -> Any:
    """``value`` unchanged if every string in it (nested lists and objects included)
    can be stored as UTF-8; JSON can carry lone surrogates (``"\\ud800"``) that cannot."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise field_error(
                field, value, "contains characters that cannot be stored (lone surrogates)"
            ) from None
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_storable_text(key, field)
            check_storable_text(item, f"{field}.{key}")
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            check_storable_text(item, f"{field}[{n}]")
    return value


def check_profile_name(value: Any, field: str = "name") -> str:
    """A name a profile can be saved under (``default`` is built in, so refused)."""
    if not isinstance(value, str) or not 1 <= len(value) <= PROFILE_NAME_LIMIT:
        raise InputError(field, value, f"must be a name of 1 to {PROFILE_NAME_LIMIT} characters")
    if not all(ch.isalnum() or ch in " -_" for ch in value) or not value.isprintable():
        raise InputError(field, value, "may hold only letters, digits, spaces, - and _")
    if value != value.strip():
        raise InputError(field, value, "must not start or end with a space")
    if name_key(value) == DEFAULT_PROFILE:
        raise InputError(
            field,
            value,
            "is the built-in profile (the catalog's weights) "
            "and cannot be saved over; choose another name",
        )
    return value


def name_key(name: str) -> str:
    """Profile names differ by more than ASCII case (SQLite's ``NOCASE`` rule)."""
    return "".join(ch.lower() if ch.isascii() else ch for ch in name)


def check_note(value: Any, field: str = "note") -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > PROFILE_NOTE_LIMIT:
        raise InputError(field, value, f"must be text of at most {PROFILE_NOTE_LIMIT} characters")
    return check_storable_text(value, field)


def check_outcome(value: Any) -> str | None:
    """An outcome id, or None for none yet ("pending" and "" say the same)."""
    if value in (None, "", PENDING):
        return None
    if value not in OUTCOMES:
        raise field_error("outcome", value, f"must be one of {', '.join(OUTCOMES)} or pending")
    return value


def storable_interview(interview: Interview | Mapping[str, Any]) -> Interview:
    """An interview whose every text field (debrief lists included) can be stored."""
    interview = interview if isinstance(interview, Interview) else Interview.from_dict(interview)
    for name, value in interview.to_dict().items():
        check_storable_text(value, name)
    return interview


def prefixed(prefix: str, error: InputError) -> InputError:
    return InputError(f"{prefix}.{error.field}", error.value, error.reason, label=error.label)


def entry_from_record(record: Any, where: str = "record") -> Entry:
    """Validate one export record (JSON object) into an :class:`Entry`.

    A missing id becomes 0 (a new id is given on import); missing times become
    now. Errors name ``where`` and the field, e.g. ``interviews[3].signals.ease``.
    """
    if not isinstance(record, Mapping):
        raise InputError(where, record, "must be a JSON object")
    raw_id = record.get("id")
    if raw_id is not None:
        if isinstance(raw_id, bool) or not isinstance(raw_id, int) or raw_id <= 0:
            raise InputError(f"{where}.id", raw_id, "must be a positive whole number")
        if raw_id > MAX_IMPORT_ID:  # the sequence must keep room to give the next id
            raise InputError(f"{where}.id", raw_id, f"is too large (at most {MAX_IMPORT_ID})")
        where = f"{where} (id {raw_id})"
    contract = {k: v for k, v in record.items() if k not in _META_FIELDS}
    try:
        interview = storable_interview(contract)
        stamp = now_utc()
        created = _check_time("created", record.get("created") or stamp)
        updated = _check_time("updated", record.get("updated") or created)
        revision = record.get("revision", 1)
        if (
            isinstance(revision, bool)
            or not isinstance(revision, int)
            or not (1 <= revision <= MAX_REVISION)
        ):
            raise InputError(
                "revision", revision, f"must be a whole number from 1 to {MAX_REVISION}"
            )
        weights = validate_weights(record.get("weights"))
        profile = _check_profile(record.get("profile"))
        outcome_date = check_date("outcome_date", record.get("outcome_date"))
        if outcome_date is not None and interview.outcome is None:
            raise InputError("outcome_date", outcome_date, "is set but there is no outcome")
    except InputError as error:
        raise prefixed(where, error) from None
    return Entry(
        id=raw_id or 0,
        interview=interview,
        created=created,
        updated=updated,
        revision=revision,
        weights=MappingProxyType(weights),
        profile=profile,
        outcome_date=outcome_date,
    )


def stored_interview(text: str) -> Interview:
    """A stored record, checked once more on the way out (the dataclass validates
    every field; ``from_dict`` would do it twice), so a damaged row is reported."""
    fields = json.loads(text)
    if not isinstance(fields, dict) or fields.pop("schema", None) not in SCHEMAS:
        raise ValueError("not an interview of a known schema")
    return Interview.from_fields(fields)


def check_id(id: Any) -> int:
    if isinstance(id, bool) or not isinstance(id, int) or not 0 < id <= MAX_ID:
        raise InputError("id", id, "must be a positive whole number")
    return id


def outcome_date_for(interview: Interview, date: Any) -> str | None:
    if interview.outcome is None:
        if date not in (None, ""):
            raise InputError("outcome_date", date, "is set but there is no outcome")
        return None
    return check_date("outcome_date", date) or today_utc()
