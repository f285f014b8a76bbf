"""The journal's own id: what makes its calendar reminders its own.

A reminder's ``.ics`` UID was ``journal-<entry id>-<kind>@interview-kit.local``, the same
in every journal: two journals' (a user's two machines, a coach's several clients)
reminders overwrote each other in a calendar. Each journal now holds a random id in its
``meta`` table, written when the journal is created; a journal made before that gets one
the first time it is asked for, derived from its creation time (so a read-only journal
says the same id it will store later). A JSON export carries it, and an import into a
journal with no interviews yet takes it over: a restored backup keeps its UIDs.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3

from .base import JournalCore
from .schema import JournalError

#: How the id looks: 16 to 32 lowercase hex digits.
UID_PATTERN = re.compile(r"[0-9a-f]{16,32}")
#: An export's header, as :func:`~interview_kit.journal.exchange.wrap_export` writes it.
_EXPORT_UID = re.compile(
    r'^\{"format": "[^"]*", "version": \d+, "journal_uid": "([0-9a-f]{16,32})"'
)


def export_uid(text: str) -> str | None:
    """The journal id a JSON export's header names (None: an older export, or a CSV)."""
    found = _EXPORT_UID.match(text[:200])
    return found.group(1) if found else None


class IdentityMixin(JournalCore):
    """``journal_uid``: the id calendar UIDs are made from."""

    @property
    def journal_uid(self) -> str:
        rows = self._query("SELECT key, value FROM meta WHERE key IN ('uid', 'created')")
        meta = dict(rows)
        stored = meta.get("uid")
        if stored and UID_PATTERN.fullmatch(stored):
            return stored
        seed = meta.get("created") or str(self.path)
        uid = hashlib.sha256(seed.encode()).hexdigest()[:16]
        # a read-only journal: the id is said, and stored by the next writer
        with contextlib.suppress(sqlite3.Error, JournalError, OSError):
            with self._tx() as conn:
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('uid', ?)", (uid,))
        return uid

    def _adopt_uid(self, uid: str | None) -> None:
        """Take over an export's id when this journal has no interviews yet (a restore)."""
        if uid is None or not UID_PATTERN.fullmatch(uid):
            return
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM interviews LIMIT 1").fetchone() is None:
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('uid', ?)", (uid,))
