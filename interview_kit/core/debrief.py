"""The debrief (data contract schema 2): what happened, beside how it felt.

Who you met, what they asked and how you answered, what you asked them, when they
said they would decide, when you thanked them, and your own read of them (fit works
both ways). Every part is optional and bounded, checked here once, so a file, the
command line and the dashboard all refuse the same bad value with the same words,
naming the exact place (``questions[2].answer``, ``my_read.interest``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import fields as _fields
from .errors import InputError
from .fields import INTERVIEWERS, MY_QUESTIONS, MY_READ, QUESTIONS, Field, Kind

# The bounds, as the field table sets them (kept here by name for the form and tests).
MAX_INTERVIEWERS = INTERVIEWERS.limit or 0
MAX_QUESTIONS = QUESTIONS.limit or 0
MAX_MY_QUESTIONS = MY_QUESTIONS.limit or 0
NAME_LIMIT = INTERVIEWERS.parts[0].limit or 0
QUESTION_LIMIT = QUESTIONS.parts[0].limit or 0
ANSWER_LIMIT = QUESTIONS.parts[1].limit or 0
RED_FLAGS_LIMIT = MY_READ.parts[1].limit or 0
INTEREST_RANGE = (int(MY_READ.low or 0), int(MY_READ.high or 0))

#: Each debrief field as the user sees it (the form's words).
DEBRIEF_LABELS = {f.key: f.label for f in _fields.later_fields()}
#: Parts inside a list item or ``my_read``, as the user sees them.
PART_LABELS = {f.key: f.part_labels() for f in _fields.later_fields() if f.parts}
_PATH = re.compile(r"(?P<field>\w+)(?:\[(?P<index>\d+)\])?(?:\.(?P<part>\w+))?")


def debrief_label(name: str) -> str | None:
    """A debrief place as the user sees it (``questions[2].answer`` is "Question 3,
    your answer"); None when ``name`` is not a debrief place."""
    match = _PATH.fullmatch(name)
    row = None if match is None else _fields.find_field(match["field"])
    if match is None or row is None or row.schema <= _fields.BASE_SCHEMA:
        return None
    index, part = match["index"], match["part"]
    if index is None and part is None:
        return row.label
    labels = row.part_labels()
    if index is None:
        return labels.get(part or "", name)
    item = f"{row.item or row.key} {int(index) + 1}"
    if part is None:
        return item
    return f"{item}, {labels.get(part, part)}"


def _error(name: str, value: Any, reason: str) -> InputError:
    return InputError(name, value, reason, label=debrief_label(name) or "")


@dataclass(frozen=True)
class Person:
    """Someone who interviewed you; the role is optional."""

    name: str
    role: str = ""

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Exchange:
    """One question they asked, and your notes on how you answered it."""

    question: str
    answer: str = ""

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class MyRead:
    """Your own read of them: do you still want the job (1-5), and what worried you."""

    interest: int | None = None
    red_flags: str = ""

    def __bool__(self) -> bool:
        return self.interest is not None or bool(self.red_flags)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# The checks below run on every record the journal reads (10,000 with debriefs in a
# History tab): the usual case takes plain type tests, and a field's place
# ("questions[2].answer") is spelled out only for an error.


def _text(name: str, value: Any, limit: int, *, required: bool = False, part: str = "") -> str:
    """``value`` as text of at most ``limit`` characters; the error names
    ``name.part`` (``part`` may be empty)."""
    if value is None:
        value = ""
    if type(value) is not str and not isinstance(value, str):
        raise _error(_place(name, part), value, "must be text")
    if len(value) > limit:
        raise _error(_place(name, part), value, f"must be at most {limit} characters")
    if required and not value.strip():
        raise _error(_place(name, part), value, "must not be empty (remove the row instead)")
    return value


def _place(name: str, part: str) -> str:
    return f"{name}.{part}" if part else name


def _items(name: str, value: Any, limit: int) -> Sequence[Any]:
    if value is None:
        return ()
    if type(value) not in (list, tuple) and (
        isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence)
    ):
        raise _error(name, value, "must be a list")
    if len(value) > limit:
        raise _error(name, f"{len(value)} items", f"must hold at most {limit} items")
    return value


def _object(name: str, raw: Any, parts: tuple[str, ...]) -> Mapping[str, Any]:
    if type(raw) is not dict and not isinstance(raw, Mapping):
        raise _error(name, raw, f"must be an object with {' and '.join(parts)}")
    for key in raw:
        if key not in parts:
            raise _error(
                f"{name}.{key}", raw[key], f"is not a part of it (parts: {', '.join(parts)})"
            )
    return raw


#: The item type of each list kind of field: its parts, in the table's order, are its
#: attributes.
ROW_TYPES: dict[str, type[Person] | type[Exchange]] = {
    Kind.PEOPLE: Person,
    Kind.EXCHANGES: Exchange,
}


def check_rows(row: Field, value: Any) -> tuple[Any, ...]:
    """A list of objects with ``row``'s parts (a plain string is an item with only its
    first part), as the kind's item type (:data:`ROW_TYPES`)."""
    make = ROW_TYPES[row.kind]
    parts = [(p.key, p.limit or 0, p.required) for p in row.parts]
    names = tuple(key for key, _, _ in parts)
    out = []
    for i, raw in enumerate(_items(row.key, value, row.limit or 0)):
        if type(raw) is not dict:
            if isinstance(raw, make):  # checked like any other: its fields may be anything
                raw = raw.to_dict()
            elif isinstance(raw, str):
                raw = {names[0]: raw}
        place = f"{row.key}[{i}]"
        raw = _object(place, raw, names)
        out.append(
            make(
                *[
                    _text(place, raw.get(key), limit, required=required, part=key)
                    for key, limit, required in parts
                ]
            )
        )
    return tuple(out)


def check_lines(row: Field, value: Any) -> tuple[str, ...]:
    """A list of short texts (the questions you asked them)."""
    return tuple(
        _text(f"{row.key}[{i}]", raw, row.item_limit or 0, required=True)
        for i, raw in enumerate(_items(row.key, value, row.limit or 0))
    )


def check_interviewers(value: Any) -> tuple[Person, ...]:
    """A list of people, each a name and a role (a plain string is a name without a role)."""
    return check_rows(INTERVIEWERS, value)


def check_questions(value: Any) -> tuple[Exchange, ...]:
    """A list of questions, each with notes on your answer (a plain string is a question
    without notes)."""
    return check_rows(QUESTIONS, value)


def check_my_questions(value: Any) -> tuple[str, ...]:
    """A list of the questions you asked them, as text."""
    return check_lines(MY_QUESTIONS, value)


def check_my_read(value: Any, row: Field = MY_READ) -> MyRead:
    """``{"interest": 1-5 or null, "red_flags": text}``; null or {} is no read yet."""
    if value is None:
        return MyRead()
    if isinstance(value, MyRead):
        value = value.to_dict()
    interest_part, flags_part = row.parts
    raw = _object(row.key, value, (interest_part.key, flags_part.key))
    interest = raw.get(interest_part.key)
    low, high = int(row.low or 0), int(row.high or 0)
    if interest is not None and (
        isinstance(interest, bool) or not isinstance(interest, int) or not low <= interest <= high
    ):
        if isinstance(interest, float) and interest.is_integer() and low <= interest <= high:
            interest = int(interest)  # 4.0 from a spreadsheet or a slider is 4
        else:
            raise _error(f"{row.key}.{interest_part.key}", interest, row.words)
    return MyRead(
        interest,
        _text(row.key, raw.get(flags_part.key), flags_part.limit or 0, part=flags_part.key),
    )


def repeated_questions(
    debriefs: Sequence[Sequence[Exchange]], *, at_least: int = 2
) -> list[tuple[str, int]]:
    """Questions asked in at least ``at_least`` interviews (case and spacing ignored),
    most frequent first, each in the words it was first written with."""
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for exchanges in debriefs:
        seen = set()
        for exchange in exchanges:
            key = " ".join(exchange.question.casefold().split()).rstrip("?. ")
            if key and key not in seen:
                seen.add(key)
                counts[key] = counts.get(key, 0) + 1
                first.setdefault(key, exchange.question.strip())
    ranked = sorted(
        (k for k, n in counts.items() if n >= at_least),
        key=lambda k: (-counts[k], first[k].casefold()),
    )
    return [(first[k], counts[k]) for k in ranked]
