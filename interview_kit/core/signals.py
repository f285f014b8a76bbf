"""The signal catalog: every sign the kit reads, as data.

The form, the radar spokes, the explanations and the advice are all built from
this table, so adding a signal is a change here (or in the data modules it joins:
core/article_signs, core/more_signs) and nowhere else.

Signs a user defines (core/my_signs) join the built-in ones in a :class:`Catalog`
value. The views and the scoring read the *active* catalog through the functions
below; it is one explicit, process-wide setting (:func:`activate`, :func:`using`,
:func:`reset`), because every record check (``Interview.from_dict``) must know which
signs exist, and threading a catalog through every reader of a record would touch
every module of the kit. Only two things change it: opening a journal adds the signs
kept in it (``Journal.activate_signs``), and code that says so (``using`` in tests
and in an import, which checks an export's records with the export's signs). Tests
start from the built-in catalog (conftest resets it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .article_signs import ARTICLE_SIGNS
from .more_signs import MORE_SIGNS
from .signal_types import (
    ARTICLE,
    CATEGORIES,
    COMMON_ADVICE,
    EVIDENCE_LEVELS,
    HIGH,
    LOW,
    QUESTIONS_SIGNAL,
    RESEARCH,
    SOURCES,
    YOURS,
    Category,
    Signal,
)

__all__ = [
    "ARTICLE",
    "ARTICLE_SIGNS",
    "CATALOG",
    "CATEGORIES",
    "COMMON_ADVICE",
    "EVIDENCE_LEVELS",
    "HIGH",
    "LOW",
    "MORE_SIGNS",
    "QUESTIONS_SIGNAL",
    "RESEARCH",
    "SOURCES",
    "YOURS",
    "Catalog",
    "Category",
    "Signal",
]

#: The built-in signs: the article's eight, then the signs beyond it.
CATALOG: tuple[Signal, ...] = ARTICLE_SIGNS + MORE_SIGNS
#: Most signs a catalog may hold: the radar stays readable, and the batch scorer's
#: per-pattern tables (2**k rows) stay small.
MAX_SIGNS = 14

_CATEGORY_BY_ID = {c.id: c for c in CATEGORIES}


def _key(text: str) -> str:
    """A name as compared when looked up: case, spaces, dashes and underscores ignored."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


#: A name as compared when looked up (ids and labels of signs must differ by it).
name_key = _key


@dataclass(frozen=True)
class Catalog:
    """The signs a reading knows: the built-in ones, then the user's own, in order.

    A value: :meth:`with_signs` gives a new catalog, never changes this one.
    """

    signals: tuple[Signal, ...] = CATALOG
    _by_id: dict[str, Signal] = field(init=False, repr=False, compare=False)
    _by_name: dict[str, Signal] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_signals(self.signals)
        object.__setattr__(self, "_by_id", {s.id: s for s in self.signals})
        object.__setattr__(
            self, "_by_name", {_key(x): s for s in self.signals for x in (s.id, s.label)}
        )

    @property
    def mine(self) -> tuple[Signal, ...]:
        """The user's own signs (source "yours")."""
        return tuple(s for s in self.signals if s.source == YOURS)

    def with_signs(self, mine: Iterable[Signal]) -> Catalog:
        """The built-in signs followed by ``mine`` (replacing any earlier own signs)."""
        return Catalog(CATALOG + tuple(mine))

    def get(self, signal_id: str) -> Signal:
        return self._by_id[signal_id]

    def find(self, key: str) -> Signal | None:
        if key in self._by_id:
            return self._by_id[key]
        return self._by_name.get(_key(key))


def current() -> Catalog:
    """The active catalog (the built-in one unless a user's signs were activated)."""
    return _active[0]


def activate(catalog: Catalog) -> Catalog:
    """Make ``catalog`` the active one; returns the one it replaces."""
    previous = _active[0]
    _active[0] = catalog
    return previous


def reset() -> None:
    """Back to the built-in catalog (tests call this between tests)."""
    _active[0] = BUILTIN


@contextmanager
def using(catalog: Catalog) -> Iterator[Catalog]:
    """The active catalog is ``catalog`` inside the block, the previous one after."""
    previous = activate(catalog)
    try:
        yield catalog
    finally:
        activate(previous)


def all_signals() -> tuple[Signal, ...]:
    """Every sign of the active catalog, in catalog order."""
    return _active[0].signals


def signal_ids() -> tuple[str, ...]:
    """All signal ids, in catalog (and radar) order."""
    return tuple(s.id for s in _active[0].signals)


def observed_signals() -> tuple[Signal, ...]:
    """The signals a user sets directly (the rest are derived from minutes and shares)."""
    return tuple(s for s in _active[0].signals if not s.derived)


def get_signal(signal_id: str) -> Signal:
    """The catalog entry for ``signal_id``; KeyError if there is none."""
    return _active[0].get(signal_id)


def get_category(category_id: str) -> Category:
    """The category entry for ``category_id``; KeyError if there is none."""
    return _CATEGORY_BY_ID[category_id]


def signals_in(category_id: str) -> tuple[Signal, ...]:
    """The signals of one category, in catalog order."""
    return tuple(s for s in _active[0].signals if s.category == category_id)


def find_signal(key: str) -> Signal | None:
    """The signal named ``key``: its id, or its label as the form shows it ("Answering"
    for ``ease``; case and spacing ignored). None if nothing matches. Labels are
    accepted only because the catalog check guarantees no label names another sign."""
    return _active[0].find(key)


def suggest_signal(key: object, among: tuple[str, ...] | list[str] | None = None) -> str:
    """Words for an unknown sign name: the closest id (by id or label) and all valid ids."""
    import difflib

    signals = _active[0].signals
    ids = list(signal_ids() if among is None else among)
    names = {_key(s.id): s for s in signals if s.id in ids}
    names.update({_key(s.label): s for s in signals if s.id in ids})
    close = difflib.get_close_matches(_key(str(key)), list(names), n=1, cutoff=0.6)
    hint = ""
    if close:
        best = names[close[0]]
        hint = f"did you mean {best.id!r} ({best.label})? "
    return hint + "valid ids: " + ", ".join(ids)


def counted(signal: Signal, noted: bool) -> bool:
    """Whether ``signal`` belongs in the coverage: an article sign always, any other
    sign only where it was noted (so leaving it out never lowers the coverage)."""
    return noted or not signal.optional


def check_signals(signals: tuple[Signal, ...]) -> None:
    """Refuse a malformed catalog with a real error (not an ``assert``, which
    ``python -O`` would drop): every view is built from this table."""
    ids = [s.id for s in signals]
    if len(set(ids)) != len(ids):
        raise ValueError(f"signal catalog: duplicate signal id in {ids}")
    if len(ids) > MAX_SIGNS:
        raise ValueError(f"signal catalog: more than {MAX_SIGNS} signs")
    for s in signals:
        if s.category not in _CATEGORY_BY_ID:
            raise ValueError(f"signal catalog: {s.id} has unknown category {s.category!r}")
        if not s.default_weight >= 0:
            raise ValueError(f"signal catalog: {s.id} has a negative default weight")
        if s.evidence_level not in EVIDENCE_LEVELS:
            raise ValueError(
                f"signal catalog: {s.id} has unknown evidence level {s.evidence_level!r}"
            )
        if s.source not in SOURCES:
            raise ValueError(f"signal catalog: {s.id} has unknown source {s.source!r}")
    names = [n for s in signals for n in {_key(s.id), _key(s.label)}]
    clash = {n for n in names if names.count(n) > 1}
    if clash:  # a label naming another sign would make label aliases ambiguous
        raise ValueError(f"signal catalog: ambiguous names {sorted(clash)}")
    empty = [c.id for c in CATEGORIES if not any(s.category == c.id for s in signals)]
    if empty:
        raise ValueError(f"signal catalog: no signal in category {empty[0]}")


#: The built-in catalog, checked at import: every view is built from it.
BUILTIN = Catalog(CATALOG)
_active: list[Catalog] = [BUILTIN]
