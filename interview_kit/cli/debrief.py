"""The record as text for a terminal (``journal show``): the fields the report above
does not show, then the debrief: who you met, what they asked and how you answered,
what you asked, your read, the dates. Every piece of user text is made safe to print
first (:mod:`interview_kit.core.terminal`).

Each field is printed by its kind, in the field table's words (core/fields), so a new
field shows up here without a change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core import fields as _fields
from ..core.fields import Field, Kind
from ..core.interview import Interview
from ..core.terminal import one_line, plain_lines

INDENT = "  "
#: The debrief's sections by kind: what happened (lists), then words, your read, dates.
_SECTION: dict[str, int] = {
    Kind.PEOPLE: 0,
    Kind.EXCHANGES: 0,
    Kind.LINES: 0,
    Kind.MY_READ: 2,
    Kind.DATE: 3,
}


def _block(label: str, text: str) -> list[str]:
    """``label: text``, a multi-line text continued under it, indented."""
    lines = plain_lines(text) or [""]
    pad = INDENT + " " * (len(label) + 2)
    return [f"{INDENT}{label}: {lines[0]}", *(pad + line for line in lines[1:])]


def _people(row: Field, people: Any) -> list[str]:
    if not people:
        return []
    return [
        f"{INDENT}{row.label}: "
        + "; ".join(
            one_line(p.name) + (f" ({one_line(p.role)})" if p.role.strip() else "") for p in people
        )
    ]


def _exchanges(row: Field, exchanges: Any) -> list[str]:
    if not exchanges:
        return []
    out = [f"{INDENT}{row.label}:"]
    for n, exchange in enumerate(exchanges, start=1):
        out += _block(f"{INDENT}{n}. Q", exchange.question)
        if exchange.answer.strip():
            out += _block(f"{INDENT}   A", exchange.answer)
    return out


def _lines(row: Field, lines: Any) -> list[str]:
    if not lines:
        return []
    return [f"{INDENT}{row.label}:", *(f"{INDENT}{INDENT}- {one_line(q)}" for q in lines)]


def _text(row: Field, text: Any) -> list[str]:
    return _block(row.label, text) if text.strip() else []


def _my_read(row: Field, read: Any) -> list[str]:
    if not read:
        return []
    interest, flags = row.parts
    out = [f"{INDENT}{interest.label}: {read.interest or row.unset}"]
    if read.red_flags.strip():
        out += _block(flags.label, read.red_flags)
    return out


def _value(row: Field, value: Any) -> list[str]:
    """A date, number or choice: always shown when the field has words for "none"."""
    if value is None or value == "":
        return [f"{INDENT}{row.label}: {row.unset}"] if row.unset else []
    return [f"{INDENT}{row.label}: {one_line(str(value))}"]


#: How each kind of field is printed (kinds not listed: :func:`_value`).
PRINTERS: dict[str, Callable[[Field, Any], list[str]]] = {
    Kind.PEOPLE: _people,
    Kind.EXCHANGES: _exchanges,
    Kind.LINES: _lines,
    Kind.TEXT: _text,
    Kind.MY_READ: _my_read,
}


def format_fields(interview: Interview, rows: tuple[Field, ...]) -> list[str]:
    """``rows`` of ``interview`` printed by kind (an empty one is left out)."""
    out: list[str] = []
    for row in rows:
        out += PRINTERS.get(row.kind, _value)(row, interview.value(row.key))
    return out


def format_debrief(interview: Interview) -> str:
    """The debrief in the form's words; "" when the record has none."""
    if not interview.has_debrief:
        return ""
    rows = sorted(_fields.later_fields(), key=lambda row: _SECTION.get(row.kind, 1))
    return "\n".join(["Debrief", *format_fields(interview, tuple(rows))])


#: The first schema's fields the report and ``journal show``'s head already print.
SHOWN_ABOVE = (
    _fields.COMPANY,
    _fields.ROLE,
    _fields.DATE,
    _fields.STAGE,
    _fields.SCHEDULED_MINUTES,
    _fields.ACTUAL_MINUTES,
    _fields.BEHAVIORAL_SHARE,
    _fields.SIGNALS,
    _fields.OUTCOME,
)
_SHOWN_KEYS = frozenset(row.key for row in SHOWN_ABOVE)


def format_details(interview: Interview) -> str:
    """The first schema's other fields (the notes), each a section of its own."""
    out = []
    for row in _fields.FIELDS:
        if row.schema > _fields.BASE_SCHEMA or row.key in _SHOWN_KEYS:
            continue
        value = interview.value(row.key)
        if row.kind == Kind.TEXT:
            if value:
                out.append(f"{row.label}\n  " + "\n  ".join(plain_lines(value)))
        else:
            out += [line.strip() for line in format_fields(interview, (row,))]
    return "\n\n".join(out)
