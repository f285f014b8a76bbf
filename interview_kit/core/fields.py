"""The field table: every field of the interview record, once, as data.

Like the signal and outcome catalogs, this one table is what the rest of the kit
reads: the record's checks and their messages (``core/interview``), JSON in and out,
the journal's SQL columns, the CSV export's columns, ``journal show``'s printing and
the form's controls. Adding a field is a change here and nowhere else (a typed
attribute on :class:`~interview_kit.core.interview.Interview` is optional sugar).

A field's key is written as a string here; elsewhere the kit reaches a field by
attribute (``interview.decision_by``, ``fields.DECISION_BY.label``) or by looping
over :data:`FIELDS`, so no list of field names can drift out of step with this one.

This module imports only the signal catalog and the outcome table (for words), so
everything else in the core may import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from .outcomes import OUTCOMES
from .signals import QUESTIONS_SIGNAL, get_signal


class Kind(StrEnum):
    """The kinds of value a field holds (each has one check in ``core/interview``, one
    JSON writer, one CSV cell and one way to print). Members are plain strings."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    SIGNALS = "signals"
    PEOPLE = "people"
    EXCHANGES = "exchanges"
    LINES = "lines"
    MY_READ = "my_read"


class Control(StrEnum):
    """The form controls that edit a field (the page maps each to a widget)."""

    TEXT = "text"
    TEXTAREA = "textarea"
    MINUTES = "minutes"
    SHARE = "share"
    DATE = "date"
    STAGE = "stage"
    OUTCOME = "outcome"
    SIGNALS = "signals"
    ROWS = "rows"
    MY_READ = "my_read"


KINDS = tuple(Kind)
CONTROLS = tuple(Control)
#: The kinds a record holds as a list or an object (one CSV cell of JSON text each).
STRUCTURED = (Kind.PEOPLE, Kind.EXCHANGES, Kind.LINES, Kind.MY_READ)
#: The first schema version; fields added later make a record that holds them that schema.
BASE_SCHEMA = 1
MAX_MINUTES = 600.0


@dataclass(frozen=True)
class Part:
    """One part of a structured field's item (a person's ``name``, ``my_read.interest``)."""

    key: str
    label: str  # the form's words for it (also in messages: "Question 3, your answer")
    limit: int | None = None  # text: most characters
    required: bool = False  # an item without it is refused ("remove the row instead")


@dataclass(frozen=True)
class Field:
    """One field of the interview record: what it is called, holds, allows and where
    it goes. Frozen: the table is shared, and a copy with a change is ``replace(f, ...)``."""

    key: str  # the Interview attribute, e.g. "decision_by"
    label: str  # the form's words, e.g. "Decision expected by"
    kind: str  # one of KINDS
    control: str  # one of CONTROLS
    default: Any  # the value when absent, as JSON holds it ("" / None / {} / ())
    schema: int  # the schema version that added it: 1, or 2 for the debrief
    json_key: str  # the contract's key (== key today)
    sql_column: str | None  # the interviews table's column, or None (only inside `data`)
    csv_header: str | None  # the CSV column's header (signals: the prefix), or None
    limit: int | None = None  # text: most characters; lists: most items
    low: float | None = None  # numbers: the smallest value ...
    high: float | None = None  # ... and the largest
    low_open: bool = False  # numbers: ``low`` itself is refused (booked minutes > 0)
    required: bool = False  # absent or null is refused
    words: str = ""  # the valid values in plain words (for messages)
    choices: tuple[str, ...] = ()  # choice: the valid values (None is always allowed)
    parts: tuple[Part, ...] = ()  # people / exchanges / my_read: the parts of an item
    item: str = ""  # lists: one item in words ("Person" -> "Person 2, role")
    item_limit: int | None = None  # lines: most characters of each item
    placeholder: str = ""  # the form's hint inside an empty control
    help: str = ""  # the control's tooltip: the field in a few more words
    suggested: Any = None  # what a new form starts with, when not the default
    unset: str = ""  # printed for an empty value where the field is always shown

    @property
    def optional(self) -> bool:
        return not self.required

    def part(self, key: str) -> Part | None:
        """One of this field's parts by key, or None."""
        return next((p for p in self.parts if p.key == key), None)

    def part_labels(self) -> dict[str, str]:
        """Part key -> its words."""
        return {p.key: p.label for p in self.parts}


def _text(
    key: str,
    label: str,
    limit: int,
    *,
    control: str = Control.TEXT,
    schema: int = 1,
    sql: bool = False,
    placeholder: str = "",
    help: str = "",
) -> Field:
    return Field(
        key,
        label,
        Kind.TEXT,
        control,
        "",
        schema,
        key,
        key if sql else None,
        key,
        limit=limit,
        words=f"must be at most {limit} characters",
        placeholder=placeholder,
        help=help,
    )


def _date(
    key: str, label: str, *, schema: int = 1, sql: bool = False, help: str = "", unset: str = ""
) -> Field:
    return Field(
        key,
        label,
        Kind.DATE,
        Control.DATE,
        None,
        schema,
        key,
        key if sql else None,
        key,
        words="must be a date like 2026-11-20",
        help=help,
        unset=unset,
    )


COMPANY = _text("company", "Company", 200, sql=True, placeholder="e.g. Acme", help="Company")
ROLE = _text("role", "Role", 200, sql=True, placeholder="e.g. Data analyst", help="Role")
DATE = _date("date", "Date", sql=True, help="Date of the interview")
STAGE = _text("stage", "Stage", 60, control=Control.STAGE, sql=True, help="Stage of the process")
SCHEDULED_MINUTES = Field(
    "scheduled_minutes",
    "Booked minutes",
    Kind.NUMBER,
    Control.MINUTES,
    None,
    1,
    "scheduled_minutes",
    None,
    "scheduled_minutes",
    low=0.0,
    high=MAX_MINUTES,
    low_open=True,
    required=True,
    words=f"must be more than 0 and at most {MAX_MINUTES:g} minutes",
    placeholder="minutes booked, e.g. 45",
    help="Scheduled length in minutes (required)",
    suggested=45,
)
ACTUAL_MINUTES = Field(
    "actual_minutes",
    "Actual minutes",
    Kind.NUMBER,
    Control.MINUTES,
    None,
    1,
    "actual_minutes",
    None,
    "actual_minutes",
    low=0.0,
    high=MAX_MINUTES,
    words=f"must be from 0 to {MAX_MINUTES:g} minutes, or empty if you are unsure",
    placeholder="blank if unsure",
    help="How many minutes it actually lasted (blank if unsure)",
)
BEHAVIORAL_SHARE = Field(
    "behavioral_share",
    get_signal(QUESTIONS_SIGNAL).label,
    Kind.NUMBER,
    Control.SHARE,
    None,
    1,
    "behavioral_share",
    None,
    "behavioral_share",
    low=0.0,
    high=1.0,
    words="must be a share from 0 (all technical questions) to 1 (all about your "
    "experience), or empty if you did not notice",
    help="Share of the questions about your past experience (the rest technical)",
)
SIGNALS = Field(
    "signals",
    "Signs noticed",
    Kind.SIGNALS,
    Control.SIGNALS,
    MappingProxyType({}),
    1,
    "signals",
    None,
    "signal_",
    words="must be an object of sign id -> number",
)
NOTES = _text(
    "notes",
    "Notes",
    10_000,
    control=Control.TEXTAREA,
    placeholder="Anything else you noticed (kept private)",
    help="Notes: anything else you noticed",
)
OUTCOME = Field(
    "outcome",
    "Outcome",
    Kind.CHOICE,
    Control.OUTCOME,
    None,
    1,
    "outcome",
    "outcome",
    "outcome",
    choices=OUTCOMES,
    words=f"must be one of {', '.join(OUTCOMES)}, or null for no news yet",
)
# Schema 2, the debrief (all optional):
WENT_WELL = _text(
    "went_well", "One thing that went well", 2_000, control=Control.TEXTAREA, schema=2
)
DECISION_BY = _date("decision_by", "Decision expected by", schema=2, sql=True, unset="not said")
THANK_YOU_SENT = _date("thank_you_sent", "Thank-you sent on", schema=2, sql=True, unset="not yet")
#: The day a check-in (a follow-up note) went out: it ends the follow-up reminder. Kept
#: only inside the stored JSON (no column): the due query reads it with json_extract.
FOLLOWED_UP = _date(
    "followed_up",
    "Followed up on",
    schema=2,
    unset="not yet",
    help="The day you sent a check-in note (ends the follow-up reminder)",
)
INTERVIEWERS = Field(
    "interviewers",
    "Who you met",
    Kind.PEOPLE,
    Control.ROWS,
    (),
    2,
    "interviewers",
    None,
    "interviewers",
    limit=20,
    item="Person",
    parts=(Part("name", "name", 200, required=True), Part("role", "role", 200)),
    words="must be a list",
)
QUESTIONS = Field(
    "questions",
    "Questions they asked",
    Kind.EXCHANGES,
    Control.ROWS,
    (),
    2,
    "questions",
    None,
    "questions",
    limit=100,
    item="Question",
    parts=(
        Part("question", "question", 1_000, required=True),
        Part("answer", "your answer", 5_000),
    ),
    words="must be a list",
)
MY_QUESTIONS = Field(
    "my_questions",
    "Questions you asked",
    Kind.LINES,
    Control.ROWS,
    (),
    2,
    "my_questions",
    None,
    "my_questions",
    limit=50,
    item="Your question",
    item_limit=1_000,
    words="must be a list",
)
MY_READ = Field(
    "my_read",
    "Your read of them",
    Kind.MY_READ,
    Control.MY_READ,
    MappingProxyType({"interest": None, "red_flags": ""}),
    2,
    "my_read",
    None,
    "my_read",
    low=1,
    high=5,
    unset="not said",
    parts=(
        Part("interest", "Still interested (1-5)"),
        Part("red_flags", "Anything that worried you", 2_000),
    ),
    words="must be a whole number from 1 (not any more) to 5 (very much), "
    "or null if you are not sure",
)

#: Every field in the contract's order (the ``schema`` key is not a field: it says
#: which fields a record may hold).
FIELDS: tuple[Field, ...] = (
    COMPANY,
    ROLE,
    DATE,
    STAGE,
    SCHEDULED_MINUTES,
    ACTUAL_MINUTES,
    BEHAVIORAL_SHARE,
    SIGNALS,
    NOTES,
    OUTCOME,
    WENT_WELL,
    DECISION_BY,
    THANK_YOU_SENT,
    INTERVIEWERS,
    QUESTIONS,
    MY_QUESTIONS,
    MY_READ,
    FOLLOWED_UP,
)

_index: tuple[tuple[Field, ...], dict[str, Field]] = ((), {})


def _by_key() -> dict[str, Field]:
    """Key -> field, rebuilt when FIELDS is replaced (a test's copy of the table)."""
    global _index
    if _index[0] is not FIELDS:
        _index = (FIELDS, {f.key: f for f in FIELDS})
    return _index[1]


def get_field(key: str) -> Field:
    """The field with this key; KeyError naming the known ones if there is none."""
    try:
        return _by_key()[key]
    except KeyError:
        raise KeyError(f"{key!r} is not a field (fields: {', '.join(keys())})") from None


def find_field(key: str) -> Field | None:
    """The field with this key, or None."""
    return _by_key().get(key)


def keys() -> tuple[str, ...]:
    """Every field's key, in the contract's order."""
    return tuple(f.key for f in FIELDS)


def sql_fields() -> tuple[Field, ...]:
    """The fields with a column of their own in the interviews table (the rest are kept
    only inside its JSON ``data``)."""
    return tuple(f for f in FIELDS if f.sql_column is not None)


def csv_fields() -> tuple[Field, ...]:
    """The fields with a CSV column (``signals``: one ``signal_<id>`` column per sign)."""
    return tuple(f for f in FIELDS if f.csv_header is not None)


def fields_of_schema(schema: int) -> tuple[Field, ...]:
    """The fields a version added (``fields_of_schema(2)``: the debrief)."""
    return tuple(f for f in FIELDS if f.schema == schema)


def later_fields() -> tuple[Field, ...]:
    """The fields added after the first schema: a record holding any is written with
    the newest schema among them, so schema-1 readers keep reading the rest."""
    return tuple(f for f in FIELDS if f.schema > BASE_SCHEMA)
