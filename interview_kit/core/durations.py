"""Minutes as people type them: "45", "45 min", "1h", "1h 30", "1:30", "90 minutes".

A box that only took a bare number refused "45 min", the way most people write a
length. :func:`parse_minutes` reads the common spellings and refuses everything else
with a reason in plain words; it never judges the range (the interview record does).
"""

from __future__ import annotations

import re

_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"
_HOURS = r"(?:h|hr|hrs|hour|hours)"
_MINUTES = r"(?:m|min|mins|minute|minutes)"
#: A bare number, exponent too: the form writes back a saved value exactly, and
#: ``repr`` spells a tiny one as ``5e-36``.
_PLAIN = re.compile(r"[+-]?" + _NUMBER + r"(?:e[+-]?\d+)?")
_CLOCK = re.compile(r"(\d+):([0-5]\d)")
#: "1h", "1.5 hours", "1h 30", "1h30m", "1 hour and 30 minutes", "90 min".
_SPELLED = re.compile(rf"(?:{_NUMBER}\s*{_HOURS}\s*(?:and\s*)?)?(?:{_NUMBER}\s*(?:{_MINUTES})?)?")

#: What the refusal says a box accepts.
ACCEPTED = "a number of minutes, like 45, 45 min, 1h or 1h 30"


def parse_minutes(text: str) -> float | None:
    """Minutes in ``text``; None when it is blank. ``ValueError`` (its message in
    plain words) for text that is not a length of time. A comma works as the decimal
    point ("1,5 h"); a sign is kept on a bare number so the record's own range check
    can name it ("-5" is a number, just not a length)."""
    cleaned = " ".join(text.strip().lower().replace(",", ".").split())
    if not cleaned:
        return None
    if _PLAIN.fullmatch(cleaned):
        return float(cleaned) + 0.0
    clock = _CLOCK.fullmatch(cleaned)
    if clock:
        return int(clock[1]) * 60.0 + int(clock[2])
    spelled = _SPELLED.fullmatch(cleaned)
    if spelled and (spelled[1] or spelled[2]):
        hours = float(spelled[1]) if spelled[1] else 0.0
        # A bare number after hours ("1h 30") is minutes; a bare number alone was
        # taken as plain minutes above.
        minutes = float(spelled[2]) if spelled[2] else 0.0
        if spelled[1] and spelled[2] and minutes >= 60:
            raise ValueError(f"has {minutes:g} minutes after the hours; write {ACCEPTED}")
        return hours * 60.0 + minutes
    raise ValueError(f"must be {ACCEPTED}")
