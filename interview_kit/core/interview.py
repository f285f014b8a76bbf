"""The interview record (data contract, schema 1): validation and JSON round-trip.

Everything that reaches the scoring passes through :meth:`Interview.from_dict`,
whether it came from a file, the command line or a widget in a browser, so a
hostile or broken client cannot push a NaN or an out-of-range value past it.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from .errors import InputError
from .outcomes import OUTCOMES
from .signals import HIGH, LOW, observed_signals

SCHEMA = 1
MAX_MINUTES = 600.0
#: Suggested stages (the field is free text; these feed the form's choices).
STAGES = ("phone_screen", "technical", "onsite", "panel", "final", "other")
TEXT_LIMITS = {"company": 200, "role": 200, "stage": 60, "notes": 10_000}

_FIELDS = (
    "schema",
    "company",
    "role",
    "date",
    "stage",
    "scheduled_minutes",
    "actual_minutes",
    "behavioral_share",
    "signals",
    "notes",
    "outcome",
)

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


def _number(name: str, value: Any, low: float, high: float, *, nullable: bool,
            low_open: bool = False) -> float | None:
    if value is None:
        if nullable:
            return None
        raise InputError(name, value, "is required")
    number = as_number(name, value)
    if not math.isfinite(number):
        raise InputError(name, value, "must be a finite number")
    if (number <= low if low_open else number < low) or number > high:
        bracket = "(" if low_open else "["
        raise InputError(name, value, f"must be in {bracket}{low:g}, {high:g}]")
    return number


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(name, value, "must be text")
    limit = TEXT_LIMITS[name]
    if len(value) > limit:
        raise InputError(name, value, f"must be at most {limit} characters")
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
        raise InputError(field, value, "must be a date like 2026-11-20")
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(field, value, "must be a date like 2026-11-20") from None


def _signals(value: Any) -> Mapping[str, float | None]:
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise InputError("signals", value, "must be an object of signal id -> number")
    known = {s.id for s in observed_signals()}
    out: dict[str, float | None] = {}
    for key, raw in value.items():
        if key not in known:
            raise InputError("signals", key, f"unknown signal (known: {', '.join(sorted(known))})")
        out[key] = _number(f"signals.{key}", raw, LOW, HIGH, nullable=True)
    # Catalog order, every observed signal present (None = did not notice).
    return MappingProxyType({s.id: out.get(s.id) for s in observed_signals()})


@dataclass(frozen=True)
class Interview:
    """One interview as the candidate remembers it. Build with :meth:`from_dict`
    (or :meth:`create`) so every field is checked."""

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

    def __post_init__(self) -> None:
        checked = _validate({name: getattr(self, name) for name in _FIELDS[1:]})
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    @classmethod
    def create(cls, **fields: Any) -> Interview:
        """Keyword form of :meth:`from_dict`."""
        return cls.from_dict(fields)

    @classmethod
    def from_dict(cls, data: Any) -> Interview:
        """Validate a contract object; raise :class:`InputError` on the first bad field."""
        if not isinstance(data, Mapping):
            raise InputError("interview", data, "must be a JSON object")
        unknown = [key for key in data if key not in _FIELDS]
        if unknown:
            raise InputError(str(unknown[0]), data[unknown[0]], "is not a field of an interview")
        _check_schema(data.get("schema", SCHEMA))
        # Raw values in, checked once by __post_init__ (absent fields keep their default).
        given = {name: data[name] for name in _FIELDS[1:] if name in data}
        given.setdefault("scheduled_minutes", None)
        return cls(**given)

    @classmethod
    def from_json(cls, text: str, *, field: str = "json") -> Interview:
        """Parse and validate JSON text; malformed JSON is an :class:`InputError` too
        (``field`` names the source in that message, e.g. the file)."""
        return cls.from_dict(parse_json(text, field=field))

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (schema 1)."""
        return {
            "schema": SCHEMA,
            "company": self.company,
            "role": self.role,
            "date": self.date,
            "stage": self.stage,
            "scheduled_minutes": self.scheduled_minutes,
            "actual_minutes": self.actual_minutes,
            "behavioral_share": self.behavioral_share,
            "signals": dict(self.signals),
            "notes": self.notes,
            "outcome": self.outcome,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The contract's JSON text; non-ASCII kept readable (names, notes)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def replace(self, **changes: Any) -> Interview:
        """A validated copy with some fields changed (records are never mutated)."""
        unknown = [key for key in changes if key not in _FIELDS[1:]]
        if unknown:
            raise InputError(str(unknown[0]), changes[unknown[0]],
                             "is not a field of an interview")
        return replace(self, **changes)

    def with_signal(self, signal_id: str, value: float | None) -> Interview:
        """A copy with one observed signal set (None = did not notice)."""
        return self.replace(signals={**self.signals, signal_id: value})

    def signal_values(self) -> dict[str, float | None]:
        """Every catalog signal's value in [-2, 2], derived ones included; None = unknown."""
        values: dict[str, float | None] = dict(self.signals)
        values["duration"] = duration_value(self.scheduled_minutes, self.actual_minutes)
        values["questions"] = questions_value(self.behavioral_share)
        return values


def parse_json(text: str, *, field: str = "json") -> Any:
    """``json.loads`` that reports malformed input as one clear line naming ``field``."""
    if not isinstance(text, str):
        raise InputError(field, text, "must be JSON text")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(field, text[max(0, error.pos - 10): error.pos + 10],
                         f"malformed JSON at line {error.lineno} column {error.colno}: "
                         f"{error.msg}") from None
    except ValueError as error:  # e.g. an integer with more digits than Python converts
        raise InputError(field, text[:40], f"malformed JSON: {error}") from None
    except RecursionError:
        raise InputError(field, text[:40], "malformed JSON: nested too deeply") from None


def _check_schema(schema: Any) -> None:
    if schema != SCHEMA or isinstance(schema, bool):
        raise InputError("schema", schema, f"unsupported schema version (expected {SCHEMA})")


def _validate(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of ``data`` (schema already checked) validated and normalised."""
    outcome = data.get("outcome")
    if outcome is not None and outcome not in OUTCOMES:
        raise InputError("outcome", outcome, f"must be one of {', '.join(OUTCOMES)} or null")
    return {
        "company": _text("company", data.get("company")),
        "role": _text("role", data.get("role")),
        "date": check_date("date", data.get("date")),
        "stage": _text("stage", data.get("stage")),
        "scheduled_minutes": _number("scheduled_minutes", data.get("scheduled_minutes"),
                                     0.0, MAX_MINUTES, nullable=False, low_open=True),
        "actual_minutes": _number("actual_minutes", data.get("actual_minutes"),
                                  0.0, MAX_MINUTES, nullable=True),
        "behavioral_share": _number("behavioral_share", data.get("behavioral_share"),
                                    0.0, 1.0, nullable=True),
        "signals": _signals(data.get("signals")),
        "notes": _text("notes", data.get("notes")),
        "outcome": outcome,
    }
