"""Shared data for the debrief tests: a full example and hypothesis strategies
(an importable helper, not a test module)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st
from journal_helpers import sample

#: Text a CSV or a spreadsheet could trip on: separators, quotes, line breaks,
#: formula starts (also full-width and after spaces), the guard itself, non-ASCII.
TRICKY = [
    "a,b",
    '"quoted"',
    "line\nbreak",
    "cr\rlf\r\n",
    "=1+1",
    "+cmd",
    "-2",
    "@SUM(A1)",
    ' =HYPERLINK("x")',
    "\uff1d1",
    "|calc",
    "'guarded",
    "''",
    "\t=1",
    "Åsa ✓ 東京",
    "back\\slash",
    "[not json",
    "{}",
    "null",
]

_char = st.characters(blacklist_categories=("Cs",))  # lone surrogates cannot be stored
text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(_char, max_size=30),
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=3).map("".join),
)
filled = text.filter(lambda t: t.strip() != "")  # names and questions must say something
dates = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat)

debriefs = st.fixed_dictionaries(
    {},
    optional={
        "went_well": text,
        "decision_by": st.none() | dates,
        "thank_you_sent": st.none() | dates,
        "interviewers": st.lists(st.fixed_dictionaries({"name": filled, "role": text}), max_size=3),
        "questions": st.lists(
            st.fixed_dictionaries({"question": filled, "answer": text}), max_size=3
        ),
        "my_questions": st.lists(filled, max_size=3),
        "my_read": st.fixed_dictionaries(
            {"interest": st.none() | st.integers(1, 5), "red_flags": text}
        ),
    },
)


def with_debrief(n: int, debrief: dict, **fields) -> dict:
    """``sample(n)`` as a schema-2 record carrying ``debrief`` (and ``fields``)."""
    return {**sample(n), "schema": 2, **debrief, **fields}


FULL = {
    "went_well": "Explained the churn model",
    "decision_by": "2026-11-27",
    "thank_you_sent": None,
    "interviewers": [{"name": "Ana Ruiz", "role": "Head of data"}, {"name": "Bo", "role": ""}],
    "questions": [
        {"question": "Tell me about a conflict", "answer": "The migration\nstory"},
        {"question": "Why us?", "answer": ""},
    ],
    "my_questions": ["How is success measured?"],
    "my_read": {"interest": 4, "red_flags": "On-call, every other week"},
}
