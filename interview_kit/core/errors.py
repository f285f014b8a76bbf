"""The one error a user's mistake raises: it names the field and the value."""

from __future__ import annotations

import re
from typing import Any

from .terminal import plain as _printable

_MAX_SHOWN = 60
_MAX_FIELD = 80
#: A field name shown bare; anything else (a stray ":" key, spaces at the ends) is
#: quoted, so the message can never start with punctuation that reads as its own.
_PLAIN_FIELD = re.compile(r"-{0,2}\w[\w .,\[\]()'-]*")


def _shorten(text: str, limit: int) -> str:
    """``text`` cut in the middle to ``limit`` characters: both ends stay readable
    (the start of a value, the file name at the end of a long path)."""
    if len(text) <= limit:
        return text
    head = (limit - 3) // 2
    return text[:head] + "..." + text[len(text) - (limit - 3 - head) :]


def show_value(value: Any) -> str:
    """A short, single-line rendering of a bad value for an error message."""
    try:
        text = repr(value)
    except Exception:  # e.g. an int with more digits than repr allows
        text = f"<{type(value).__name__}>"
    text = " ".join(_printable(text).split())
    return _shorten(text, _MAX_SHOWN)


class InputError(ValueError):
    """Bad input from a user or a client: one line, naming the field and the value.

    With a ``label`` the field is named as the user sees it, key alongside:
    ``Actual minutes (actual_minutes): must be from 0 to 600 minutes ... (got 700.0)``.

    Callers at the edges (CLI, dashboard) show ``str(error)`` and carry on; it is
    never a reason for a traceback.
    """

    #: The cause is the disk (full, over a size limit, failing), not the user's input:
    #: the command line exits 1 for it, as for any output it cannot write.
    disk = False

    def __init__(self, field: str, value: Any, reason: str, *, label: str = "") -> None:
        self.field = field  # the key, as in a file: ``actual_minutes``, ``signals.ease``
        self.value = value
        self.reason = reason
        self.label = label  # the same field as the user sees it: "Actual minutes"
        named = (
            f"{label} ({field})"
            if label and label.casefold() != str(field).casefold()
            else str(field)
        )
        shown_field = _shorten(_printable(named), _MAX_FIELD)
        if not _PLAIN_FIELD.fullmatch(shown_field) or shown_field != shown_field.strip():
            shown_field = repr(shown_field)
        shown_reason = " ".join(_printable(str(reason)).split())
        super().__init__(f"{shown_field}: {shown_reason} (got {show_value(value)})")
