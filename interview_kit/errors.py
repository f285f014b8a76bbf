"""The one error a user's mistake raises: it names the field and the value."""

from __future__ import annotations

from typing import Any

_MAX_SHOWN = 60


def show_value(value: Any) -> str:
    """A short, single-line rendering of a bad value for an error message."""
    text = repr(value)
    text = " ".join(text.split())
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 3] + "..."
    return text


class InputError(ValueError):
    """Bad input from a user or a client: one line, naming the field and the value.

    Callers at the edges (CLI, dashboard) show ``str(error)`` and carry on; it is
    never a reason for a traceback.
    """

    def __init__(self, field: str, value: Any, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {reason} (got {show_value(value)})")
