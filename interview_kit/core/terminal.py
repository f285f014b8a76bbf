"""User text made safe to print in a terminal.

Company names, notes and profile notes are typed by a person (or arrive in an
imported file): an escape sequence in them must be shown, never acted on, or a
``journal list`` could recolour, retitle or clear the user's terminal. One place
for the rule, used by error messages and every command's text output.
"""

from __future__ import annotations


def plain(text: str) -> str:
    """``text`` with control and other non-printable characters shown escaped
    (``\\x1b``, ``\\n``, ``\\u202e``): safe to print, still recognisable."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def one_line(text: str) -> str:
    """``text`` on one terminal line: runs of white space (line breaks included)
    become one space, anything else non-printable is shown escaped."""
    return plain(" ".join(text.split()))


def plain_lines(text: str) -> list[str]:
    """``text``'s lines, each made :func:`plain` (for multi-line notes)."""
    return [plain(line) for line in text.splitlines()]
