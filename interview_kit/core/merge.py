"""Two edits of one record, merged: the page's and the journal's since the page loaded it.

Why: the dashboard holds a record for minutes or days while the command line, a
second tab or another dashboard writes the same record. Writing the page's whole
form back would undo their change without a word; refusing the save would lose the
user's typing. A three-way merge keeps both where they touch different fields (a
note typed here, an outcome recorded elsewhere) and names only the fields both
sides changed to different values, so the page asks about those alone.

Pure data in, data out: contract dicts (:meth:`Interview.to_dict` plus any extra
keys such as ``outcome_date``). A nested mapping (the signals, ``my_read``) merges
part by part, so two different signs set on two sides both survive; anything else
(text, numbers, dates, the debrief lists) is one value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .interview import label_of

#: Stands for a key one side does not have (distinct from a stored None).
_ABSENT: Any = object()


@dataclass(frozen=True)
class Conflict:
    """One place both sides changed to different values: ``key`` is its path
    (``notes``, ``signals.ease``), ``label`` the words the user sees."""

    key: str
    label: str
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class Merge:
    """The merged record (where a conflict is, it holds *mine*) and the conflicts."""

    record: dict[str, Any]
    conflicts: tuple[Conflict, ...]

    def resolved(self, take_theirs: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
        """The record with the conflicts settled: theirs for the keys in
        ``take_theirs``, mine for the rest (a new dict; this merge is unchanged)."""
        record = _copy(self.record)
        for conflict in self.conflicts:
            if conflict.key in take_theirs:
                _put(record, conflict.key.split("."), conflict.theirs)
        return record


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _put(record: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        record = record.setdefault(part, {})
    if value is _ABSENT:
        record.pop(path[-1], None)
    else:
        record[path[-1]] = value


def _keys(*records: Mapping[str, Any]) -> list[str]:
    """Every key, in the order first seen (base, then mine, then theirs)."""
    return list(dict.fromkeys(k for r in records for k in r))


def _merge(
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    prefix: str,
    out: dict[str, Any],
    conflicts: list[Conflict],
) -> None:
    for key in _keys(base, mine, theirs):
        b, m, t = (r.get(key, _ABSENT) for r in (base, mine, theirs))
        path = f"{prefix}{key}"
        if all(isinstance(v, Mapping) for v in (m, t)) and (b is _ABSENT or isinstance(b, Mapping)):
            inner: dict[str, Any] = {}
            _merge(b if isinstance(b, Mapping) else {}, m, t, f"{path}.", inner, conflicts)
            out[key] = inner
            continue
        if m == t or t == b:
            value = m
        elif m == b:
            value = t
        else:
            conflicts.append(
                Conflict(
                    path, label_of(path), None if m is _ABSENT else m, None if t is _ABSENT else t
                )
            )
            value = m
        if value is not _ABSENT:
            out[key] = _copy(value)


def merge_records(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> Merge:
    """Merge ``mine`` and ``theirs``, both edited from ``base``: a field changed on one
    side only takes that side; changed on both to the same value takes it; changed on
    both to different values is a :class:`Conflict` (the record holds mine there)."""
    record: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    _merge(base, mine, theirs, "", record, conflicts)
    return Merge(record, tuple(conflicts))
