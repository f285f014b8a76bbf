"""The journal's named weight profiles: list, read, save, delete, and the choice of
weights and profile name a save records (:meth:`ProfilesMixin._resolve`)."""

from __future__ import annotations

import json
import sqlite3
from types import MappingProxyType
from typing import Any

from ..core.errors import InputError
from ..core.weights import require_some_weight, validate_weights
from .base import JournalCore
from .records import (
    CUSTOM_PROFILE,
    DEFAULT_PROFILE,
    PROFILE_TYPES,
    Profile,
    check_note,
    check_profile_name,
    default_profile,
    name_key,
    now_utc,
    wrong_column,
)
from .schema import JournalError


class ProfilesMixin(JournalCore):
    """Named weight profiles (the built-in ``default`` is the catalog's weights)."""

    def profiles(self) -> list[Profile]:
        """The built-in ``default`` first, then the saved profiles by name."""
        rows = self._query(
            "SELECT name, weights, note, created, updated FROM profiles "
            "ORDER BY name COLLATE NOCASE, name"
        )
        return [default_profile(), *(self._profile(row) for row in rows)]

    def get_profile(self, name: str) -> Profile:
        """A profile by name (``default`` is the catalog's weights)."""
        with self._lock, self._errors():
            return self._get_profile_in(self._conn, name)

    def save_profile(self, name: str, weights: Any, note: str = "") -> Profile:
        """Save (or replace) a named profile; weights are validated like any weights file.

        Signals the weights leave out get their default, so the stored profile
        is always complete. Replacing keeps the created time.
        """
        name = check_profile_name(name, "profile")
        complete = validate_weights(weights)
        require_some_weight(complete)  # a profile where nothing counts is a mistake
        note = check_note(note)
        stamp = now_utc()
        with self._tx() as conn:
            row = conn.execute(
                "SELECT name, created FROM profiles WHERE name = ?", (name,)
            ).fetchone()
            if row is not None:
                conn.execute("DELETE FROM profiles WHERE name = ?", (row[0],))
            conn.execute(
                "INSERT INTO profiles VALUES (?, ?, ?, ?, ?)",
                (name, json.dumps(complete), note, stamp if row is None else row[1], stamp),
            )
            return self._get_profile_in(conn, name)

    def delete_profile(self, name: str) -> None:
        """Delete a saved profile. Interviews saved with it keep their stored weights."""
        if not isinstance(name, str):
            raise InputError("profile", name, "must be a profile name")
        if name_key(name) == DEFAULT_PROFILE:
            raise InputError(
                "profile",
                name,
                "is the built-in profile (the catalog's weights) and cannot be deleted",
            )
        with self._tx() as conn:
            if conn.execute("DELETE FROM profiles WHERE name = ?", (name,)).rowcount == 0:
                raise InputError("profile", name, self._no_such_profile(conn))

    def _get_profile_in(self, conn: sqlite3.Connection, name: Any) -> Profile:
        if isinstance(name, str) and name_key(name) == DEFAULT_PROFILE:
            return default_profile()
        if not isinstance(name, str):
            raise InputError("profile", name, "must be a profile name")
        row = conn.execute(
            "SELECT name, weights, note, created, updated FROM profiles WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            raise InputError("profile", name, self._no_such_profile(conn))
        return self._profile(row)

    @staticmethod
    def _no_such_profile(conn: sqlite3.Connection) -> str:
        names = [
            DEFAULT_PROFILE,
            *(
                r[0]
                for r in conn.execute(
                    "SELECT name FROM profiles ORDER BY name COLLATE NOCASE, name"
                )
            ),
        ]
        shown = ", ".join(names[:10]) + (", ..." if len(names) > 10 else "")
        return f"no such profile in the journal (saved: {shown})"

    def _profile(self, row: tuple[Any, ...]) -> Profile:
        wrong = wrong_column(row, "name, weights, note, created, updated", PROFILE_TYPES)
        if wrong is not None:
            raise JournalError(self.path, f"a profile is damaged ({wrong}); left as it is")
        name, weights, note, created, updated = row
        try:
            parsed = validate_weights(json.loads(weights))
        except (InputError, ValueError, TypeError) as error:
            raise JournalError(
                self.path, f"profile {name!r} is damaged ({error}); left as it is"
            ) from None
        return Profile(name, MappingProxyType(parsed), note, created, updated)

    def _resolve(
        self, conn: sqlite3.Connection, weights: Any, profile: str | None
    ) -> tuple[dict[str, float], str]:
        """The weights and profile name to record for a save.

        A profile given by name supplies its weights (weights passed too must
        equal them); weights alone are recorded as ``default`` when they are the
        catalog's, else as :data:`CUSTOM_PROFILE`. An unknown profile is refused.
        """
        if profile is None:
            complete = validate_weights(weights)
            return complete, (
                DEFAULT_PROFILE if complete == validate_weights(None) else CUSTOM_PROFILE
            )
        stored = self._get_profile_in(conn, profile)
        if weights is not None and validate_weights(weights) != dict(stored.weights):
            raise InputError(
                "weights",
                weights,
                f"differ from profile {stored.name!r}'s weights: save them as "
                "a profile first, or give the weights without a profile",
            )
        return dict(stored.weights), stored.name
