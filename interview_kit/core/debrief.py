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

from .errors import InputError

#: Most items a list may hold, and the longest text of each part.
MAX_INTERVIEWERS = 20
MAX_QUESTIONS = 100
MAX_MY_QUESTIONS = 50
NAME_LIMIT = 200
QUESTION_LIMIT = 1_000
ANSWER_LIMIT = 5_000
RED_FLAGS_LIMIT = 2_000
INTEREST_RANGE = (1, 5)

#: Each debrief field as the user sees it (the form's words).
DEBRIEF_LABELS = {
    "decision_by": "Decision expected by",
    "thank_you_sent": "Thank-you sent on",
    "interviewers": "Who you met",
    "questions": "Questions they asked",
    "my_questions": "Questions you asked",
    "my_read": "Your read of them",
}
#: Parts inside a list item or ``my_read``, as the user sees them.
PART_LABELS = {
    "interviewers": {"name": "name", "role": "role"},
    "questions": {"question": "question", "answer": "your answer"},
    "my_read": {"interest": "Still interested (1-5)", "red_flags": "Anything that worried you"},
}
_ITEM_WORDS = {"interviewers": "Person", "questions": "Question", "my_questions": "Your question"}
_PATH = re.compile(r"(?P<field>\w+)(?:\[(?P<index>\d+)\])?(?:\.(?P<part>\w+))?")


def debrief_label(name: str) -> str | None:
    """A debrief place as the user sees it (``questions[2].answer`` is "Question 3,
    your answer"); None when ``name`` is not a debrief place."""
    match = _PATH.fullmatch(name)
    if match is None or match["field"] not in DEBRIEF_LABELS:
        return None
    field, index, part = match["field"], match["index"], match["part"]
    if index is None and part is None:
        return DEBRIEF_LABELS[field]
    if index is None:
        return PART_LABELS.get(field, {}).get(part or "", name)
    item = f"{_ITEM_WORDS.get(field, field)} {int(index) + 1}"
    if part is None:
        return item
    return f"{item}, {PART_LABELS.get(field, {}).get(part, part)}"


def _error(name: str, value: Any, reason: str) -> InputError:
    return InputError(name, value, reason, label=debrief_label(name) or "")


@dataclass(frozen=True)
class Person:
    """Someone who interviewed you; the role is optional."""

    name: str
    role: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True)
class Exchange:
    """One question they asked, and your notes on how you answered it."""

    question: str
    answer: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"question": self.question, "answer": self.answer}


@dataclass(frozen=True)
class MyRead:
    """Your own read of them: do you still want the job (1-5), and what worried you."""

    interest: int | None = None
    red_flags: str = ""

    def __bool__(self) -> bool:
        return self.interest is not None or bool(self.red_flags)

    def to_dict(self) -> dict[str, Any]:
        return {"interest": self.interest, "red_flags": self.red_flags}


# The checks below run on every record the journal reads (10,000 with debriefs in a
# History tab): the usual case takes plain type tests, and a field's place
# ("questions[2].answer") is spelled out only for an error.

def _text(name: str, value: Any, limit: int, *, required: bool = False,
          part: str = "") -> str:
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
            isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence)):
        raise _error(name, value, "must be a list")
    if len(value) > limit:
        raise _error(name, f"{len(value)} items", f"must hold at most {limit} items")
    return value


def _object(name: str, raw: Any, parts: tuple[str, ...]) -> Mapping[str, Any]:
    if type(raw) is not dict and not isinstance(raw, Mapping):
        raise _error(name, raw, f"must be an object with {' and '.join(parts)}")
    for key in raw:
        if key not in parts:
            raise _error(f"{name}.{key}", raw[key],
                         f"is not a part of it (parts: {', '.join(parts)})")
    return raw


def check_interviewers(value: Any) -> tuple[Person, ...]:
    """A list of ``{"name", "role"}`` (a plain string is a name without a role)."""
    out = []
    for i, raw in enumerate(_items("interviewers", value, MAX_INTERVIEWERS)):
        place = f"interviewers[{i}]"
        if isinstance(raw, Person):  # checked like any other: its fields may be anything
            raw = raw.to_dict()
        elif isinstance(raw, str):
            raw = {"name": raw}
        raw = _object(place, raw, ("name", "role"))
        out.append(Person(_text(place, raw.get("name"), NAME_LIMIT, required=True, part="name"),
                          _text(place, raw.get("role"), NAME_LIMIT, part="role")))
    return tuple(out)


def check_questions(value: Any) -> tuple[Exchange, ...]:
    """A list of ``{"question", "answer"}`` (a plain string is a question without notes)."""
    out = []
    for i, raw in enumerate(_items("questions", value, MAX_QUESTIONS)):
        place = f"questions[{i}]"
        if isinstance(raw, Exchange):
            raw = raw.to_dict()
        elif isinstance(raw, str):
            raw = {"question": raw}
        raw = _object(place, raw, ("question", "answer"))
        out.append(Exchange(
            _text(place, raw.get("question"), QUESTION_LIMIT, required=True, part="question"),
            _text(place, raw.get("answer"), ANSWER_LIMIT, part="answer")))
    return tuple(out)


def check_my_questions(value: Any) -> tuple[str, ...]:
    """A list of the questions you asked them, as text."""
    return tuple(_text(f"my_questions[{i}]", raw, QUESTION_LIMIT, required=True)
                 for i, raw in enumerate(_items("my_questions", value, MAX_MY_QUESTIONS)))


def check_my_read(value: Any) -> MyRead:
    """``{"interest": 1-5 or null, "red_flags": text}``; null or {} is no read yet."""
    if value is None:
        return MyRead()
    if isinstance(value, MyRead):
        value = value.to_dict()
    raw = _object("my_read", value, ("interest", "red_flags"))
    interest = raw.get("interest")
    low, high = INTEREST_RANGE
    if interest is not None and (isinstance(interest, bool) or not isinstance(interest, int)
                                 or not low <= interest <= high):
        if isinstance(interest, float) and interest.is_integer() and low <= interest <= high:
            interest = int(interest)  # 4.0 from a spreadsheet or a slider is 4
        else:
            raise _error("my_read.interest", interest,
                         f"must be a whole number from {low} (not any more) to {high} "
                         "(very much), or null if you are not sure")
    return MyRead(interest, _text("my_read.red_flags", raw.get("red_flags"), RED_FLAGS_LIMIT))


def repeated_questions(debriefs: Sequence[Sequence[Exchange]], *,
                       at_least: int = 2) -> list[tuple[str, int]]:
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
    ranked = sorted((k for k, n in counts.items() if n >= at_least),
                    key=lambda k: (-counts[k], first[k].casefold()))
    return [(first[k], counts[k]) for k in ranked]
