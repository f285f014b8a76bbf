"""The interview record (data contract, schema 1 or 2): validation and JSON round-trip.

Schema 2 adds the optional debrief (``core/debrief``: who you met, what was asked,
when they decide, your own read, ``went_well``); a record without any of it is
written as schema 1, so older files and tools keep reading it.

The fields, their checks, words and JSON keys come from the field table
(:mod:`interview_kit.core.fields`): one check and one JSON writer per kind of field,
so this module names no field by a string, and a new row there is checked, read and
written here with no change.

Everything that reaches the scoring passes through :meth:`Interview.from_dict`,
whether it came from a file, the command line or a widget in a browser, so a
hostile or broken client cannot push a NaN or an out-of-range value past it.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from types import MappingProxyType
from typing import Any

from . import fields as _fields
from .debrief import Exchange, MyRead, Person, check_lines, check_my_read, check_rows, debrief_label
from .errors import InputError
from .fields import MAX_MINUTES as MAX_MINUTES
from .fields import SIGNALS, Field, Kind
from .signals import (
    HIGH,
    LOW,
    QUESTIONS_SIGNAL,
    all_signals,
    find_signal,
    get_signal,
    observed_signals,
    suggest_signal,
)

SCHEMA = _fields.BASE_SCHEMA
#: The schema a record is written with when it carries a debrief field.
DEBRIEF_SCHEMA = 2
SCHEMAS = (SCHEMA, DEBRIEF_SCHEMA)
#: Suggested stages (the field is free text; these feed the form's choices).
STAGES = ("phone_screen", "technical", "onsite", "panel", "final", "other")
#: The key that names a record's schema version (not a field: it says which fields a
#: record may hold).
SCHEMA_KEY = "schema"
# The names below are views of the field table (core/fields), kept for their readers.
TEXT_LIMITS = {f.key: f.limit for f in _fields.FIELDS if f.kind == Kind.TEXT}
#: Each field as the user sees it (the dashboard form's labels), for messages.
FIELD_LABELS = {SCHEMA_KEY: "Schema version", **{f.key: f.label for f in _fields.FIELDS}}
#: The schema-2 fields: a record holding any of them is written as schema 2.
DEBRIEF_FIELDS = tuple(f.key for f in _fields.later_fields())

# Duration: within this share of the booked time counts as "on time" ...
DURATION_DEAD_ZONE = 0.05
# ... and every further this-much of it moves the sign one step.
DURATION_STEP = 0.225


def duration_value(scheduled_minutes: float, actual_minutes: float | None) -> float | None:
    """Map actual/scheduled time to [-2, 2]: on time is 0, over is positive.

    Monotone: more minutes never give a lower value.
    """
    if actual_minutes is None:
        return None
    offset = actual_minutes / scheduled_minutes - 1.0
    size = min(max((abs(offset) - DURATION_DEAD_ZONE) / DURATION_STEP, 0.0), HIGH)
    return size if offset >= 0 or size == 0.0 else -size  # on time is +0.0, never -0.0


def questions_value(behavioral_share: float | None) -> float | None:
    """Map the behavioural share of questions (0..1) linearly to [-2, 2]."""
    if behavioral_share is None:
        return None
    return behavioral_share * 4.0 - 2.0


def as_number(name: str, value: Any) -> float:
    """``value`` as a float; bools, text and ints too large for a float are InputErrors.

    -0.0 becomes 0.0, so a record never carries a negative zero into a report.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(name, value, "must be a number")
    try:
        return float(value) + 0.0
    except (OverflowError, ValueError, TypeError):
        raise InputError(name, value, "must be a finite number") from None


def label_of(name: str) -> str:
    """A field as the user sees it: ``actual_minutes`` is "Actual minutes",
    ``signals.ease`` is "Answering"; an unknown name is shown as it is."""
    prefix = SIGNALS.key + "."
    if name.startswith(prefix):
        signal = find_signal(name[len(prefix) :])
        return signal.label if signal is not None else name
    row = _fields.find_field(name)
    if row is not None:
        return row.label
    return debrief_label(name) or FIELD_LABELS.get(name) or name


def field_error(name: str, value: Any, reason: str) -> InputError:
    """An InputError naming the field by its label (and its key)."""
    return InputError(name, value, reason, label=label_of(name))


def _number(
    name: str,
    value: Any,
    low: float,
    high: float,
    *,
    nullable: bool,
    words: str,
    low_open: bool | None = None,
) -> float | None:
    """A number in [low, high] (``low`` excluded when ``low`` is 0 and the field is
    required: booked minutes); ``words`` says the valid range to the user."""
    if value is None:
        if nullable:
            return None
        raise field_error(name, value, f"is required ({words})")
    try:
        number = as_number(name, value)
    except InputError:
        raise field_error(name, value, words) from None
    if low_open is None:
        low_open = not nullable and low == 0.0
    if not math.isfinite(number) or (number <= low if low_open else number < low) or number > high:
        raise field_error(name, value, words)
    return number


def _text(row: Field, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise field_error(row.key, value, "must be text")
    limit = row.limit or 0
    if len(value) > limit:
        raise field_error(row.key, value, f"must be at most {limit} characters")
    return value


def check_date(field: str, value: Any) -> str | None:
    """An ISO date (``2026-11-20``) or None for empty; a real calendar day, so
    ``2026-02-30`` is an InputError naming ``field``. A ``datetime.date`` is accepted
    (a widget's value); a datetime is not (its time would be silently dropped)."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()
    if not isinstance(value, str):
        raise field_error(field, value, "must be a date like 2026-11-20")
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise field_error(field, value, "must be a real date like 2026-11-20") from None


def signal_range_words(signal_id: str) -> str:
    """The valid values of one sign, in plain words."""
    signal = get_signal(signal_id)
    return (
        f"must be a number from -2 ({signal.negative}) to +2 ({signal.positive}), "
        "or null if you did not notice"
    )


def _signals(value: Any) -> Mapping[str, float | None]:
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise field_error(SIGNALS.key, value, SIGNALS.words)
    signals = observed_signals()
    known = [s.id for s in signals]
    out: dict[str, float | None] = {}
    for key, raw in value.items():
        signal = find_signal(key) if isinstance(key, str) else None
        if signal is None or signal.id not in known:
            raise field_error(
                SIGNALS.key, key, "is not a sign you can set; " + suggest_signal(key, known)
            )
        if signal.id in out:
            raise field_error(f"{SIGNALS.key}.{signal.id}", key, "is given twice (by id and label)")
        if raw is None or (type(raw) in (int, float) and LOW <= raw <= HIGH):
            # The usual case (a stored record, a form), settled without building the
            # error's words: every journal read checks each record once more.
            out[signal.id] = None if raw is None else float(raw) + 0.0
            continue
        out[signal.id] = _number(
            f"{SIGNALS.key}.{signal.id}",
            raw,
            LOW,
            HIGH,
            nullable=True,
            words=signal_range_words(signal.id),
        )
    # Catalog order: every article sign present (None = did not notice); a sign beyond
    # the article only where it was noted, so records that never name one stay as they were.
    return MappingProxyType(
        {s.id: out.get(s.id) for s in signals if not s.optional or out.get(s.id) is not None}
    )


@dataclass(frozen=True)
class Interview:
    """One interview as the candidate remembers it. Build with :meth:`from_dict`
    (or :meth:`create`) so every field is checked.

    The attributes are the field table's (core/fields), typed for the code that reads
    them; a field in the table without an attribute here is held in ``extras`` and
    read with :meth:`value`, so a new field needs no change in this class.
    """

    scheduled_minutes: float
    actual_minutes: float | None = None
    behavioral_share: float | None = None
    signals: Mapping[str, float | None] = field(default_factory=lambda: _signals({}))
    company: str = ""
    role: str = ""
    date: str | None = None
    stage: str = ""
    notes: str = ""
    outcome: str | None = None
    # Schema 2, the debrief (all optional):
    went_well: str = ""  # one thing the candidate names as having gone well
    decision_by: str | None = None  # the date they said they would decide by
    thank_you_sent: str | None = None  # the date a thank-you note went out
    followed_up: str | None = None  # the date a check-in note went out
    interviewers: tuple[Person, ...] = ()
    questions: tuple[Exchange, ...] = ()  # what they asked, and how you answered
    my_questions: tuple[str, ...] = ()  # what you asked them
    my_read: MyRead = field(default_factory=MyRead)
    #: Fields of the table without an attribute above: key -> checked value.
    extras: Mapping[str, Any] = field(default_factory=lambda: _NO_EXTRAS)

    def __post_init__(self) -> None:
        extras = self.extras
        plan = _plan()
        for row in plan.choices:  # an unknown outcome says so before the rest
            _choice(row, getattr(self, row.key) if row.key in _ATTRIBUTES else extras.get(row.key))
        more = {}
        set_attribute = object.__setattr__
        for slot in plan.slots:
            if slot.attribute:
                set_attribute(self, slot.key, slot.check(slot.row, getattr(self, slot.key)))
            else:
                more[slot.key] = slot.check(slot.row, extras.get(slot.key))
        unknown = [key for key in extras if key not in more]
        if unknown:
            raise _not_a_field(unknown[0], extras[unknown[0]])
        object.__setattr__(self, "extras", MappingProxyType(more) if more else _NO_EXTRAS)

    @classmethod
    def create(cls, **fields: Any) -> Interview:
        """Keyword form of :meth:`from_dict`."""
        return cls.from_dict(fields)

    @classmethod
    def from_dict(cls, data: Any) -> Interview:
        """Validate a contract object; raise :class:`InputError` on the first bad field."""
        if not isinstance(data, Mapping):
            raise InputError("interview", data, "must be a JSON object")
        plan = _plan()
        unknown = [key for key in data if key not in plan.json_keys]
        if unknown:
            raise _not_a_field(unknown[0], data[unknown[0]])
        _check_schema(data.get(SCHEMA_KEY, SCHEMA))
        # Raw values in, checked once by __post_init__ (absent fields keep their default;
        # a required one absent is None, refused by its check).
        given = {
            s.key: data.get(s.json_key) for s in plan.slots if s.json_key in data or s.row.required
        }
        return cls.from_fields(given)

    @classmethod
    def from_fields(cls, given: Mapping[str, Any]) -> Interview:
        """An Interview from raw values by field key, checked once (no ``schema`` key:
        the journal's stored rows, read back fast). A key that is not a field is an
        :class:`InputError` like any bad value."""
        if _ATTRIBUTES.issuperset(given):
            return cls(**given)
        attributes = {k: v for k, v in given.items() if k in _ATTRIBUTES}
        extras = {k: v for k, v in given.items() if k not in _ATTRIBUTES}
        return cls(**attributes, extras=extras)

    @classmethod
    def from_json(cls, text: str, *, field: str = "json") -> Interview:
        """Parse and validate JSON text; malformed JSON is an :class:`InputError` too
        (``field`` names the source in that message, e.g. the file)."""
        return cls.from_dict(parse_json(text, field=field))

    def value(self, key: str) -> Any:
        """One field's value by its key (an attribute, or a field held in ``extras``)."""
        if key in _ATTRIBUTES:
            return getattr(self, key)
        return self.extras.get(key, _fields.get_field(key).default)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object: schema 1, or schema 2 with the debrief fields
        that are filled in (so a record without a debrief stays schema 1)."""
        data: dict[str, Any] = {SCHEMA_KEY: SCHEMA}
        schema = SCHEMA
        for slot in _plan().slots:
            value = getattr(self, slot.key) if slot.attribute else self.value(slot.key)
            if slot.schema > SCHEMA:
                if not value:
                    continue  # a later field left empty: the record stays readable as before
                schema = max(schema, slot.schema)
            data[slot.json_key] = value if slot.write is None else slot.write(value)
        data[SCHEMA_KEY] = schema
        return data

    def debrief_dict(self) -> dict[str, Any]:
        """The debrief fields that are filled in, as the contract writes them."""
        out: dict[str, Any] = {}
        for row in _fields.later_fields():
            value = self.value(row.key)
            if value:
                out[row.json_key] = json_value(row, value)
        return out

    @property
    def has_debrief(self) -> bool:
        return any(self.value(row.key) for row in _fields.later_fields())

    def to_json(self, indent: int | None = 2) -> str:
        """The contract's JSON text; non-ASCII kept readable (names, notes)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def replace(self, **changes: Any) -> Interview:
        """A validated copy with some fields changed (records are never mutated)."""
        unknown = [key for key in changes if _fields.find_field(key) is None]
        if unknown:
            raise _not_a_field(unknown[0], changes[unknown[0]])
        extras = {k: v for k, v in changes.items() if k not in _ATTRIBUTES}
        attributes = {k: v for k, v in changes.items() if k in _ATTRIBUTES}
        if extras:
            attributes["extras"] = {**self.extras, **extras}
        return replace(self, **attributes)

    def with_signal(self, signal_id: str, value: float | None) -> Interview:
        """A copy with one observed signal set (None = did not notice)."""
        return self.replace(signals={**self.signals, signal_id: value})

    def signal_values(self) -> dict[str, float | None]:
        """Every catalog signal's value in [-2, 2], derived ones included; None = unknown."""
        values: dict[str, float | None] = {s.id: self.signals.get(s.id) for s in all_signals()}
        values["duration"] = duration_value(self.scheduled_minutes, self.actual_minutes)
        values[QUESTIONS_SIGNAL] = questions_value(self.behavioral_share)
        return values


_NO_EXTRAS: Mapping[str, Any] = MappingProxyType({})
#: The fields with a typed attribute on Interview.
_ATTRIBUTES = frozenset(f.name for f in dataclass_fields(Interview)) - {"extras"}


#: How each kind of field's checked value is written as JSON (kinds not listed: as is).
WRITERS: dict[str, Callable[[Any], Any]] = {
    Kind.SIGNALS: dict,
    Kind.PEOPLE: lambda items: [item.to_dict() for item in items],
    Kind.EXCHANGES: lambda items: [item.to_dict() for item in items],
    Kind.LINES: list,
    Kind.MY_READ: lambda read: read.to_dict(),
}


def json_value(row: Field, value: Any) -> Any:
    """A checked value as the contract's JSON writes it (lists, objects, numbers...)."""
    write = WRITERS.get(row.kind)
    return value if write is None else write(value)


def parse_json(text: str, *, field: str = "json") -> Any:
    """``json.loads`` that reports malformed input as one clear line naming ``field``."""
    if not isinstance(text, str):
        raise InputError(field, text, "must be JSON text")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            field,
            text[max(0, error.pos - 10) : error.pos + 10],
            f"malformed JSON at line {error.lineno} column {error.colno}: {error.msg}",
        ) from None
    except ValueError as error:  # e.g. an integer with more digits than Python converts
        raise InputError(field, text[:40], f"malformed JSON: {error}") from None
    except RecursionError:
        raise InputError(field, text[:40], "malformed JSON: nested too deeply") from None


def _not_a_field(key: Any, value: Any) -> InputError:
    """An unknown field, with the closest real one and the list of all of them."""
    import difflib

    known = (SCHEMA_KEY, *_fields.keys())
    close = difflib.get_close_matches(str(key), known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return InputError(
        str(key), value, f"is not a field of an interview ({hint}fields: {', '.join(known)})"
    )


def known_schemas() -> tuple[int, ...]:
    """The schema versions a record may name: the first, and each a field was added in
    (a field of a new version in the table makes that version known)."""
    return tuple(sorted({SCHEMA, *SCHEMAS, *(f.schema for f in _fields.FIELDS)}))


def _check_schema(schema: Any) -> None:
    known = known_schemas()
    if schema not in known or isinstance(schema, bool):
        raise field_error(
            SCHEMA_KEY,
            schema,
            "unsupported schema version (expected " + " or ".join(map(str, known)) + ")",
        )


def _number_field(row: Field, value: Any) -> float | None:
    return _number(
        row.key,
        value,
        row.low or 0.0,
        row.high or 0.0,
        nullable=not row.required,
        words=row.words,
        low_open=row.low_open,
    )


def _choice(row: Field, value: Any) -> Any:
    if value is not None and value not in row.choices:
        raise field_error(row.key, value, row.words)
    return value


def _date_field(row: Field, value: Any) -> str | None:
    return check_date(row.key, value)


#: Each kind of field's check: (its row, the raw value) -> the checked value.
CHECKS: dict[str, Callable[[Field, Any], Any]] = {
    Kind.TEXT: _text,
    Kind.NUMBER: _number_field,
    Kind.DATE: _date_field,
    Kind.CHOICE: _choice,
    Kind.SIGNALS: lambda row, value: _signals(value),
    Kind.PEOPLE: check_rows,
    Kind.EXCHANGES: check_rows,
    Kind.LINES: check_lines,
    Kind.MY_READ: lambda row, value: check_my_read(value, row),
}


def _validate(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of ``data`` (schema already checked) validated and normalised, in
    the table's order (a choice first: an unknown outcome says so before the rest)."""
    plan = _plan()
    for row in plan.choices:
        _choice(row, data.get(row.key))
    return {slot.key: slot.check(slot.row, data.get(slot.key)) for slot in plan.slots}


@dataclass(frozen=True)
class _Slot:
    """One field as the record's hot paths use it (every journal read checks and
    writes each record): its check and JSON writer looked up once."""

    row: Field
    key: str
    json_key: str
    schema: int
    attribute: bool  # a typed attribute of Interview (else held in ``extras``)
    check: Callable[[Field, Any], Any]
    write: Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Plan:
    table: tuple[Field, ...]
    slots: tuple[_Slot, ...]
    choices: tuple[Field, ...]
    json_keys: frozenset[str]  # every key a contract object may hold (schema included)


_plans: list[_Plan] = []


def _plan() -> _Plan:
    """The table's slots, rebuilt when the table is replaced (a test's copy of it)."""
    table = _fields.FIELDS
    if not _plans or _plans[0].table is not table:
        slots = tuple(
            _Slot(
                row,
                row.key,
                row.json_key,
                row.schema,
                row.key in _ATTRIBUTES,
                CHECKS[row.kind],
                WRITERS.get(row.kind),
            )
            for row in table
        )
        _plans[:] = [
            _Plan(
                table,
                slots,
                tuple(r for r in table if r.kind == Kind.CHOICE),
                frozenset((SCHEMA_KEY, *(r.json_key for r in table))),
            )
        ]
    return _plans[0]
