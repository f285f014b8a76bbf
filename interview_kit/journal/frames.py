"""The journal as a pandas DataFrame, for the workbook (pandas imported only here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.fields import DATE, FIELDS, Kind
from ..core.install import extra_hint
from ..core.signals import observed_signals
from .history import HISTORY_COLUMNS, history_rows
from .store import Journal


def load_dataframe(journal: Journal, weights: Mapping[str, float] | None = None) -> Any:
    """One row per interview: the History columns plus ``signal_<id>``, indexed by id.

    ``date`` is a pandas datetime (NaT when unknown); unnoticed signals are NaN.
    """
    try:
        import pandas as pd
    except ImportError:  # an optional extra: the dashboard never needs it
        raise ImportError(
            "the journal as a table needs pandas: " + extra_hint("workbook", "pandas")
        ) from None

    entries = journal.entries()
    numbers = [f for f in FIELDS if f.kind == Kind.NUMBER]
    rows = {r.id: r.to_dict() for r in history_rows(entries, weights)}
    for e in entries:
        row = rows[e.id]
        for number in numbers:  # the minutes and the behavioural share
            row[number.key] = e.interview.value(number.key)
        row["profile"] = e.profile
        for s in observed_signals():
            row[f"signal_{s.id}"] = e.interview.signals.get(s.id)
    frame = pd.DataFrame([rows[e.id] for e in entries])
    if frame.empty:
        frame = pd.DataFrame(columns=list(HISTORY_COLUMNS))
    frame[DATE.key] = pd.to_datetime(frame[DATE.key], errors="coerce")
    return frame.set_index("id").sort_values(DATE.key, na_position="last", kind="stable")
