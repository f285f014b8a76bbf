"""Signs of your own, kept in the journal (the ``signs`` table, schema 5): add, list,
remove, and the catalog they make with the built-in signs.

Opening a journal adds its signs to the active catalog (core/signals): every record it
holds may name them, and every record read is checked against the active catalog.
Removing a sign that saved interviews use needs ``force``; each such interview then
keeps its value as a line of its notes, so nothing is lost silently.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..core import signals as _signals
from ..core.errors import InputError
from ..core.interview import Interview
from ..core.my_signs import sign_from_dict, sign_to_dict
from ..core.signals import Catalog, Signal
from .base import JournalCore
from .records import now_utc
from .schema import JournalError


def note_line(signal: Signal, value: float) -> str:
    """The line an interview's notes keep when a sign it used is removed."""
    return f"[{signal.label} ({signal.id}), a sign since removed: {value:+g}]"


class SignsMixin(JournalCore):
    """The user's own signs: stored as JSON objects, checked on every read."""

    def signs(self) -> tuple[Signal, ...]:
        """The journal's own signs, in the order they were added."""
        return self.sign_catalog().mine

    def sign_catalog(self) -> Catalog:
        """The built-in signs followed by this journal's own."""
        with self._lock, self._errors():
            return self._catalog_in(self._conn)

    def _catalog_in(self, conn: sqlite3.Connection) -> Catalog:
        catalog = _signals.BUILTIN
        if (
            conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signs'"
            ).fetchone()
            is None
        ):
            return catalog  # an older journal read as it is (never upgraded read-only)
        rows = conn.execute("SELECT id, data FROM signs ORDER BY position").fetchall()
        for id_, data in rows:
            try:
                sign = sign_from_dict(json.loads(data), catalog=catalog)
            except (InputError, ValueError, TypeError) as error:
                raise JournalError(
                    self.path, f"sign {id_!r} is damaged ({error}); left as it is"
                ) from None
            catalog = catalog.with_signs((*catalog.mine, sign))
        return catalog

    def activate_signs(self, removed: str | None = None) -> Catalog:
        """Add this journal's signs to the active catalog (done when it is opened).

        Added, not swapped in: a process may hold two journals (the workbook's sandbox
        and Calibration's demo), and opening one must not make the other's records
        unreadable. A sign of the same id is this journal's; ``removed`` leaves it.
        If the two sets cannot live together (a clashing label, too many signs), this
        journal's own signs win."""
        own = self.sign_catalog().mine
        ids = {s.id for s in own}
        keep = [s for s in _signals.current().mine if s.id not in ids and s.id != removed]
        try:
            catalog = _signals.BUILTIN.with_signs((*keep, *own))
        except ValueError:
            catalog = _signals.BUILTIN.with_signs(own)
        _signals.activate(catalog)
        self._weights.clear()
        self._cache.clear()
        return catalog

    def add_sign(self, sign: Signal | dict[str, Any]) -> Signal:
        """Add a sign of your own (checked: a new id and label, see core/my_signs)."""
        with self._tx() as conn:
            catalog = self._catalog_in(conn)
            data = sign_to_dict(sign) if isinstance(sign, Signal) else sign
            checked = sign_from_dict(data, catalog=catalog)
            conn.execute(
                "INSERT INTO signs (id, data, created) VALUES (?, ?, ?)",
                (checked.id, json.dumps(sign_to_dict(checked)), now_utc()),
            )
        self.activate_signs()
        return checked

    def sign_usage(self, sign_id: str) -> int:
        """How many saved interviews hold a value for ``sign_id``."""
        rows = self._query("SELECT data FROM interviews")
        return sum(
            1 for (data,) in rows if json.loads(data).get("signals", {}).get(sign_id) is not None
        )

    def remove_sign(self, sign_id: str, *, force: bool = False) -> int:
        """Remove a sign of your own; returns how many interviews kept its value (in
        their notes). Refused without ``force`` when any interview uses it."""
        with self._tx() as conn:
            catalog = self._catalog_in(conn)
            sign = next((s for s in catalog.mine if s.id == sign_id), None)
            if sign is None:
                raise InputError(
                    "id",
                    sign_id,
                    "is not a sign of your own; see `interview-kit sign list`",
                    label="Sign id",
                )
            used = [
                (id_, json.loads(data), weights)
                for id_, data, weights in conn.execute(
                    "SELECT id, data, weights FROM interviews ORDER BY id"
                )
            ]
            using = [u for u in used if u[1].get("signals", {}).get(sign_id) is not None]
            if using and not force:
                raise InputError(
                    "id",
                    sign_id,
                    f"is used by {len(using)} saved interview(s); "
                    "add --force to remove it (each keeps its value in its "
                    "notes)",
                    label="Sign id",
                )
            for id_, data, weights in used:
                value = data.get("signals", {}).pop(sign_id, None)
                stored = json.loads(weights)
                stored.pop(sign_id, None)
                if value is not None:
                    data["notes"] = "\n".join(
                        x for x in (data.get("notes") or "", note_line(sign, value)) if x
                    )
                kept = Interview.from_dict(data).to_json(indent=None)
                conn.execute(
                    "UPDATE interviews SET data = ?, weights = ?, updated = ?, "
                    "revision = revision + ? WHERE id = ?",
                    (kept, json.dumps(stored), now_utc(), 1 if value is not None else 0, id_),
                )
            for name, weights in conn.execute("SELECT name, weights FROM profiles").fetchall():
                stored = json.loads(weights)
                if stored.pop(sign_id, None) is not None:
                    conn.execute(
                        "UPDATE profiles SET weights = ? WHERE name = ?", (json.dumps(stored), name)
                    )
            conn.execute("DELETE FROM signs WHERE id = ?", (sign_id,))
        self.activate_signs(removed=sign_id)
        return len(using)
