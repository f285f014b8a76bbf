"""Reading a user's file (or stdin) as text, with every failure an :class:`InputError`."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError

#: An interview or weights file is a few kilobytes; refuse to swallow more than this
#: (``/dev/zero`` or a mistyped path to a big file must not hang the command).
MAX_FILE_BYTES = 1_000_000


def read_text(path: str | Path, field: str = "file") -> str:
    """The UTF-8 text of ``path`` (``-`` = stdin); a byte-order mark is dropped.

    Raises :class:`InputError` naming ``field`` and the path when the file
    cannot be read, is not UTF-8, or is larger than :data:`MAX_FILE_BYTES`.
    """
    shown = str(path)
    try:
        if shown == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:  # stdin replaced by a text stream (a notebook, a test)
                return sys.stdin.read(MAX_FILE_BYTES + 1).removeprefix("\ufeff")
            data = stream.read(MAX_FILE_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError(field, shown, f"cannot read file: {reason}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(field, shown, f"file is larger than {MAX_FILE_BYTES} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(field, shown, f"not UTF-8 text (bad byte at {error.start})") from None
