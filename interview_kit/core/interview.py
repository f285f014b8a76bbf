"""The interview record (data contract, schema 1 or 2): validation and JSON round-trip.

Schema 2 adds the optional debrief (``core/debrief``: who you met, what was asked,
when they decide, your own read, ``went_well``); a record without any of it is
written as schema 1, so older files and tools keep reading it.

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

from .debrief import (
    DEBRIEF_LABELS,
    Exchange,
    MyRead,
    Person,
    check_interviewers,
    check_my_questions,
    check_my_read,
    check_questions,
    debrief_label,
)
from .errors import InputError
from .outcomes import OUTCOMES
from .signals import HIGH, LOW, find_signal, get_signal, observed_signals, suggest_signal

SCHEMA = 1
#: The schema a record is written with when it carries a debrief field.
DEBRIEF_SCHEMA = 2
SCHEMAS = (SCHEMA, DEBRIEF_SCHEMA)
MAX_MINUTES = 600.0
#: Suggested stages (the field is free text; these feed the form's choices).
STAGES = ("phone_screen", "technical", "onsite", "panel", "final", "other")
TEXT_LIMITS = {"company": 200, "role": 200, "stage": 60, "notes": 10_000, "went_well": 2_000}
#: Each field as the user sees it (the dashboard form's labels), for messages.
FIELD_LABELS = {
    "schema": "Schema version",
    "company": "Company",
    "role": "Role",
    "date": "Date",
    "stage": "Stage",
    "scheduled_minutes": "Booked minutes",
    "actual_minutes": "Actual minutes",
    "behavioral_share": get_signal("questions").label,
    "signals": "Signs noticed",
    "notes": "Notes",
    "went_well": "One thing that went well",
    "outcome": "Outcome",
    **DEBRIEF_LABELS,
}

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
    "went_well",
    "decision_by",
    "thank_you_sent",
    "interviewers",
    "questions",
    "my_questions",
    "my_read",
)
#: The schema-2 fields: a record holding any of them is written as schema 2.
DEBRIEF_FIELDS = _FIELDS[_FIELDS.index("went_well"):]

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
    if name.startswith("signals."):
        signal = find_signal(name[len("signals."):])
        return signal.label if signal is not None else name
    return FIELD_LABELS.get(name) or debrief_label(name) or name


def field_error(name: str, value: Any, reason: str) -> InputError:
    """An InputError naming the field by its label (and its key)."""
    return InputError(name, value, reason, label=label_of(name))


def _number(name: str, value: Any, low: float, high: float, *, nullable: bool,
            words: str) -> float | None:
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
    low_open = not nullable and low == 0.0
    if not math.isfinite(number) or (number <= low if low_open else number < low) \
            or number > high:
        raise field_error(name, value, words)
    return number


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise field_error(name, value, "must be text")
    limit = TEXT_LIMITS[name]
    if len(value) > limit:
        raise field_error(name, value, f"must be at most {limit} characters")
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
    return (f"must be a number from -2 ({signal.negative}) to +2 ({signal.positive}), "
            "or null if you did not notice")


def _signals(value: Any) -> Mapping[str, float | None]:
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise field_error("signals", value, "must be an object of sign id -> number")
    known = [s.id for s in observed_signals()]
    out: dict[str, float | None] = {}
    for key, raw in value.items():
        signal = find_signal(key) if isinstance(key, str) else None
        if signal is None or signal.id not in known:
            raise field_error("signals", key, "is not a sign you can set; "
                              + suggest_signal(key, known))
        if signal.id in out:
            raise field_error(f"signals.{signal.id}", key, "is given twice (by id and label)")
        if raw is None or (type(raw) in (int, float) and LOW <= raw <= HIGH):
            # The usual case (a stored record, a form), settled without building the
            # error's words: every journal read checks each record once more.
            out[signal.id] = None if raw is None else float(raw) + 0.0
            continue
        out[signal.id] = _number(f"signals.{signal.id}", raw, LOW, HIGH, nullable=True,
                                 words=signal_range_words(signal.id))
    # Catalog order, every observed signal present (None = did not notice).
    return MappingProxyType({id: out.get(id) for id in known})


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
    # Schema 2, the debrief (all optional):
    went_well: str = ""  # one thing the candidate names as having gone well
    decision_by: str | None = None  # the date they said they would decide by
    thank_you_sent: str | None = None  # the date a thank-you note went out
    interviewers: tuple[Person, ...] = ()
    questions: tuple[Exchange, ...] = ()  # what they asked, and how you answered
    my_questions: tuple[str, ...] = ()  # what you asked them
    my_read: MyRead = field(default_factory=MyRead)

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
            raise _not_a_field(unknown[0], data[unknown[0]])
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
        """The contract's JSON object: schema 1, or schema 2 with the debrief fields
        that are filled in (so a record without a debrief stays schema 1)."""
        debrief = self.debrief_dict()
        data: dict[str, Any] = {
            "schema": DEBRIEF_SCHEMA if debrief else SCHEMA,
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
        data.update(debrief)
        return data

    def debrief_dict(self) -> dict[str, Any]:
        """The debrief fields that are filled in, as the contract writes them."""
        out: dict[str, Any] = {}
        for name in DEBRIEF_FIELDS:
            value = getattr(self, name)
            if value:
                out[name] = (value.to_dict() if isinstance(value, MyRead)
                             else [v.to_dict() for v in value]
                             if name in ("interviewers", "questions")
                             else list(value) if name == "my_questions" else value)
        return out

    @property
    def has_debrief(self) -> bool:
        return any(getattr(self, name) for name in DEBRIEF_FIELDS)

    def to_json(self, indent: int | None = 2) -> str:
        """The contract's JSON text; non-ASCII kept readable (names, notes)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def replace(self, **changes: Any) -> Interview:
        """A validated copy with some fields changed (records are never mutated)."""
        unknown = [key for key in changes if key not in _FIELDS[1:]]
        if unknown:
            raise _not_a_field(unknown[0], changes[unknown[0]])
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


def _not_a_field(key: Any, value: Any) -> InputError:
    """An unknown field, with the closest real one and the list of all of them."""
    import difflib

    close = difflib.get_close_matches(str(key), _FIELDS, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return InputError(str(key), value,
                      f"is not a field of an interview ({hint}fields: {', '.join(_FIELDS)})")


def _check_schema(schema: Any) -> None:
    if schema not in SCHEMAS or isinstance(schema, bool):
        raise field_error("schema", schema, "unsupported schema version (expected "
                          + " or ".join(map(str, SCHEMAS)) + ")")


def _validate(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of ``data`` (schema already checked) validated and normalised."""
    outcome = data.get("outcome")
    if outcome is not None and outcome not in OUTCOMES:
        raise field_error("outcome", outcome,
                          f"must be one of {', '.join(OUTCOMES)}, or null for no news yet")
    return {
        "company": _text("company", data.get("company")),
        "role": _text("role", data.get("role")),
        "date": check_date("date", data.get("date")),
        "stage": _text("stage", data.get("stage")),
        "scheduled_minutes": _number(
            "scheduled_minutes", data.get("scheduled_minutes"), 0.0, MAX_MINUTES,
            nullable=False, words=f"must be more than 0 and at most {MAX_MINUTES:g} minutes"),
        "actual_minutes": _number(
            "actual_minutes", data.get("actual_minutes"), 0.0, MAX_MINUTES, nullable=True,
            words=f"must be from 0 to {MAX_MINUTES:g} minutes, or empty if you are unsure"),
        "behavioral_share": _number(
            "behavioral_share", data.get("behavioral_share"), 0.0, 1.0, nullable=True,
            words="must be a share from 0 (all technical questions) to 1 (all about your "
                  "experience), or empty if you did not notice"),
        "signals": _signals(data.get("signals")),
        "notes": _text("notes", data.get("notes")),
        "outcome": outcome,
        "went_well": _text("went_well", data.get("went_well")),
        "decision_by": check_date("decision_by", data.get("decision_by")),
        "thank_you_sent": check_date("thank_you_sent", data.get("thank_you_sent")),
        "interviewers": check_interviewers(data.get("interviewers")),
        "questions": check_questions(data.get("questions")),
        "my_questions": check_my_questions(data.get("my_questions")),
        "my_read": check_my_read(data.get("my_read")),
    }
