"""Drafts: the page's unsaved work, kept in the journal so a reload, a closed tab, a
culled kernel or a crash never loses it.

A draft is whatever the page holds, as a JSON object, under the page's own key (one
per open page), with the saved interview it edits and the revision that editing
began from. It may be invalid (a half-typed form): it is checked as JSON, never as an
interview. Drafts live in their own ``drafts`` table (journal schema 4), so no
listing, History, due list, export or calibration ever sees one.

Faults are said, never raised as tracebacks: a draft that cannot be written (a
read-only journal, a full disk) is the journal's one-line
:class:`~interview_kit.journal.schema.JournalError`; a damaged row (hand-edited, not
JSON, wrong types) is skipped and described in :attr:`DraftsMixin.draft_problems`.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..core.errors import InputError, show_value
from .base import JournalCore
from .records import MAX_ID, check_storable_text, now_utc
from .revisions import check_based_on

#: The page's key for its draft: a tab id, say. Short and plain, so it is safe anywhere.
DRAFT_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")
#: The most a draft may hold, as UTF-8 JSON: far above any form, far below a problem.
DRAFT_LIMIT = 1_000_000

_SELECT = (
    "SELECT CAST(key AS BLOB), typeof(key), entry_id, based_on, "
    "CAST(data AS BLOB), typeof(data), CAST(updated AS BLOB), typeof(updated) "
    "FROM drafts"
)


@dataclass(frozen=True)
class Draft:
    """One page's unsaved work, as the journal keeps it."""

    key: str  # the page's own key, :data:`DRAFT_KEY`
    data: Mapping[str, Any]  # the page's values as a JSON object (may be half-typed)
    entry_id: int | None  # the saved interview it edits, or None for a new one
    based_on: int | None  # that entry's revision when editing began
    updated: str  # UTC ISO time of the last write


def check_draft_key(key: Any) -> str:
    if not isinstance(key, str) or not DRAFT_KEY.fullmatch(key):
        raise InputError("draft key", key, "must be 1 to 64 letters, digits, - or _")
    return key


def _json_value(value: Any) -> Any:
    """``json.dumps``'s fallback: a date (a date picker's value) as ISO text."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def draft_text(data: Any) -> str:
    """``data`` as the JSON text a draft stores; an InputError says why it cannot be."""
    if not isinstance(data, Mapping) or not all(isinstance(k, str) for k in data):
        raise InputError("draft", data, "must be a JSON object (names to values)")
    try:
        check_storable_text(dict(data), "draft")
        text = json.dumps(
            dict(data),
            ensure_ascii=False,
            allow_nan=False,
            separators=(",", ":"),
            default=_json_value,
        )
    except (TypeError, ValueError, RecursionError) as error:
        if isinstance(error, InputError):
            raise
        raise InputError("draft", data, f"must be JSON data ({error})") from None
    size = len(text.encode("utf-8"))
    if size > DRAFT_LIMIT:
        raise InputError(
            "draft", f"{size:,} bytes", f"is too large to keep (at most {DRAFT_LIMIT:,} bytes)"
        )
    return text


def _text(blob: Any, kind: Any) -> str | None:
    """A TEXT column read as bytes (so a row of invalid UTF-8 cannot stop the whole
    listing), decoded; None when it is not text."""
    if kind != "text" or not isinstance(blob, bytes):
        return None
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _is_time(text: str | None) -> bool:
    """Whether ``text`` is an ISO time with its zone (the page shows it as a clock time)."""
    try:
        return text is not None and _dt.datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def _optional_id(value: Any, top: int) -> bool:
    return value is None or (isinstance(value, int) and 0 < value <= top)


def draft_from_row(row: tuple[Any, ...]) -> Draft | str:
    """The draft a row holds, or what is wrong with it (one line, for a skipped row)."""
    key_blob, key_kind, entry_id, based_on, data_blob, data_kind, updated_blob, updated_kind = row
    key = _text(key_blob, key_kind)
    shown = show_value(key if key is not None else key_blob)
    if key is None or not DRAFT_KEY.fullmatch(key):
        return f"a draft with the key {shown} is damaged (the key is not a draft key); skipped"
    updated = _text(updated_blob, updated_kind)
    text = _text(data_blob, data_kind)
    wrong = (
        "entry_id is not an interview id"
        if not _optional_id(entry_id, MAX_ID)
        else "based_on is not a revision"
        if not _optional_id(based_on, MAX_ID)
        else "based_on is set without entry_id"
        if based_on and entry_id is None
        else "updated is not a UTC time"
        if not _is_time(updated)
        else "data is not text"
        if text is None
        else None
    )
    if wrong is None and text is not None and updated is not None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict):
            return Draft(key, MappingProxyType(data), entry_id, based_on, updated)
        wrong = "data is not a JSON object"
    return f"draft {shown} is damaged ({wrong}); skipped"


class DraftsMixin(JournalCore):
    """Save, list, read back and discard drafts (never seen by the interview listings)."""

    _draft_problems: tuple[str, ...] = ()

    @property
    def draft_problems(self) -> list[str]:
        """One line per damaged draft row the last :meth:`drafts` or :meth:`get_draft`
        skipped (empty when all were sound)."""
        return list(self._draft_problems)

    def save_draft(
        self,
        key: str,
        data: Mapping[str, Any],
        *,
        entry_id: int | None = None,
        based_on: int | None = None,
    ) -> Draft:
        """Keep ``data`` as the draft under ``key``, replacing the one there (an upsert).

        ``entry_id``/``based_on``: the saved interview it edits and the revision editing
        began from (None, None for a new interview). Raises InputError for data that is
        no JSON object or over :data:`DRAFT_LIMIT`, JournalError (one line) when the
        journal cannot be written.
        """
        key = check_draft_key(key)
        text = draft_text(data)
        if entry_id is not None and (
            isinstance(entry_id, bool)
            or not isinstance(entry_id, int)
            or not 0 < entry_id <= MAX_ID
        ):
            raise InputError("entry_id", entry_id, "must be an interview id or None")
        based_on = check_based_on(based_on)
        if based_on is not None and entry_id is None:
            raise InputError("based_on", based_on, "needs the entry_id it is a revision of")
        stamp = now_utc()
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO drafts (key, entry_id, based_on, data, updated) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "entry_id = excluded.entry_id, based_on = excluded.based_on, "
                "data = excluded.data, updated = excluded.updated",
                (key, entry_id, based_on, text, stamp),
            )
        return Draft(key, MappingProxyType(json.loads(text)), entry_id, based_on, stamp)

    def drafts(self) -> list[Draft]:
        """Every sound draft, newest first; damaged rows are skipped and said in
        :attr:`draft_problems`."""
        rows = self._query(f"{_SELECT} ORDER BY updated DESC, key")
        return self._sound(rows)

    def get_draft(self, key: str) -> Draft | None:
        """The draft under ``key``, or None (none there, or damaged: see
        :attr:`draft_problems`)."""
        key = check_draft_key(key)
        found = self._sound(self._query(f"{_SELECT} WHERE key = ?", (key,)))
        return found[0] if found else None

    def discard_draft(self, key: str) -> None:
        """Forget the draft under ``key`` (none there: nothing to do)."""
        key = check_draft_key(key)
        with self._tx() as conn:
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))

    def _sound(self, rows: list[tuple[Any, ...]]) -> list[Draft]:
        read = [draft_from_row(row) for row in rows]
        self._draft_problems = tuple(r for r in read if isinstance(r, str))
        return [r for r in read if isinstance(r, Draft)]
