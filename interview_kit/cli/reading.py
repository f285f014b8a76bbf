"""Commands that only read never create a journal.

``interview-kit due`` or ``journal list`` on a machine with no journal yet used to create an
empty one (in the user's data folder, or wherever ``--journal`` pointed, a typo included).
A command that only reads has nothing to show then: it says "no journal yet at PATH" on
stderr, prints nothing on stdout, and exits 0. The check runs where the journal is opened
(``common.open_from_args``), after the command has checked its options.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

#: The handlers, by (module, name), that only read the journal.
READING = frozenset(
    {
        ("interview_kit.cli.journal", "_list"),
        ("interview_kit.cli.journal", "_show"),
        ("interview_kit.cli.journal", "_export"),
        ("interview_kit.cli.journal", "_remind"),
        ("interview_kit.cli.due", "_due"),
        ("interview_kit.cli.due", "_thank_you"),
        ("interview_kit.cli.due", "_follow_up"),
    }
)
#: Those whose ``--json`` output is a list.
_LISTINGS = frozenset({"_list", "_due"})


def journal_target(args: argparse.Namespace) -> Path:
    """The file ``--journal`` names, else ``$INTERVIEW_KIT_JOURNAL``, else the default."""
    from ..journal.schema import default_path, expand_path

    given = getattr(args, "journal", None)
    return expand_path(given, "journal") if given is not None else default_path()


class NoJournalYet(Exception):
    """A reading command found no journal: said in one line, exit 0 (see :func:`report`)."""

    def __init__(self, target: Path, listing: bool) -> None:
        super().__init__(f"no journal yet at {target}")
        self.listing = listing


def refuse_missing(args: argparse.Namespace) -> None:
    """Raise :class:`NoJournalYet` when the command only reads and its journal does not
    exist. Called where the journal is opened, so the command's own checks of its
    options (exit 2) still come first."""
    handler: Callable[..., object] | None = getattr(args, "handler", None)
    if handler is None or (handler.__module__, handler.__name__) not in READING:
        return
    target = journal_target(args)
    if target.exists() or target.is_symlink():  # a dangling link is the opener's to refuse
        return
    raise NoJournalYet(target, bool(getattr(args, "json", False)) and handler.__name__ in _LISTINGS)


def report(missing: NoJournalYet) -> None:
    """The one line on stderr, and for a ``--json`` listing the empty list a script can
    parse; nothing else on stdout. The list goes first: if stdout cannot take it (a
    full disk), that failure is the one line said instead."""
    if missing.listing:
        print("[]", flush=True)
    print(f"interview-kit: {missing}", file=sys.stderr)
