"""What the commands share: JSON output, reading an interview file, the ``--journal``
option, the one way a command opens the journal, and weights from ``--weights`` or
``--profile``.

Standard library and the core at load time: the journal (and so sqlite3) is
imported when a command needs it, so ``interview-kit score`` starts light.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
from typing import TYPE_CHECKING

from ..core import clock
from ..core.errors import InputError
from ..core.files import read_text
from ..core.interview import Interview, check_date
from ..core.weights import load_weights
from .reading import refuse_missing

if TYPE_CHECKING:  # the journal is imported only when a command opens it
    from ..journal.store import Journal


def today_argument(parser: argparse.ArgumentParser) -> None:
    """``--today DATE``: read the interview as of that day (default: today)."""
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="read as of this day (default: today): dates ahead are plans, "
        "dates passed are said as passed",
    )


def today_option(value: str | None) -> _dt.date:
    """``--today`` as a date (default: the kit's clock, :mod:`core.clock`)."""
    if value is None:
        return clock.today()
    try:
        text = check_date("--today", value)
    except InputError as error:
        raise InputError("--today", value, error.reason) from None
    if not text:  # an empty --today names no day at all
        raise InputError("--today", value, "must be a date like 2026-11-20")
    return _dt.date.fromisoformat(text)


def print_json(data: object) -> None:
    """Indented JSON on stdout, non-ASCII kept readable: what every ``--json`` prints.

    Flushed at once: a write error (full disk, closed pipe) surfaces here, where
    :func:`interview_kit.cli.main.main` turns it into one line and exit 1.
    """
    write_stdout(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout completely, or raise the OSError that stopped it.

    Not through ``sys.stdout.write``: CPython's buffered writer, handed one large
    string, drops what follows a short write (a file size limit, a nearly full
    disk) without an error, so a cut-off export would look like success. Each
    ``os.write`` here is checked and the rest retried until it fails for real.
    """
    sys.stdout.flush()
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a notebook's or a test's stream
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    data = memoryview(text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict"))
    while data:
        data = data[os.write(fd, data) :]


#: The ports TCP has: 0 (any free one) to 65535.
MAX_PORT = 65535


def port_number(text: str) -> int:
    """``--port``'s value, checked where argparse reads it (one line, exit 2): a number
    outside 0..65535 reached the socket layer as an OverflowError before."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= MAX_PORT:
        raise argparse.ArgumentTypeError(
            f"must be a port number from 0 to {MAX_PORT}, got {text!r}"
        )
    return port


def read_interview(path: str) -> Interview:
    """The interview in a contract JSON file (``-`` = stdin); a malformed file is an
    :class:`~interview_kit.core.errors.InputError` naming it."""
    return Interview.from_json(read_text(path, "file"), field="stdin" if path == "-" else path)


def journal_option() -> argparse.ArgumentParser:
    """The ``--journal PATH`` option every journal-backed command shares (a parent parser).

    Suppressed when not given, so :func:`open_from_args` falls back to
    ``$INTERVIEW_KIT_JOURNAL``, then the user data folder.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--journal",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="journal file (default: $INTERVIEW_KIT_JOURNAL, else the user data folder)",
    )
    return common


def open_from_args(args: argparse.Namespace, *, read_only: bool = False) -> Journal:
    """The journal ``--journal`` names (else the default), saying on stderr when
    opening it upgraded an older file and where the backup went. ``read_only``: the
    command only reads (see :func:`~interview_kit.journal.store.open_journal`)."""
    refuse_missing(args)  # a command that only reads never creates the journal
    from ..journal.store import open_journal

    journal = open_journal(getattr(args, "journal", None), read_only=read_only)
    if journal.migrated_from is not None:
        print(
            f"interview-kit: upgraded the journal from schema {journal.migrated_from}; "
            f"the old file was copied to {journal.backup}",
            file=sys.stderr,
        )
    return journal


def use_journal_signs(args: argparse.Namespace) -> None:
    """Make the journal's signs of your own the active catalog, when a journal exists
    (``score`` and ``signals`` never create one: a file scored without a journal reads
    the built-in signs only)."""
    from ..journal.schema import default_path, expand_path

    given = getattr(args, "journal", None)
    target = expand_path(given, "journal") if given is not None else default_path()
    if target.exists():
        open_from_args(args).close()  # opening activates its signs


def profile_weights(args: argparse.Namespace) -> tuple[dict[str, float] | None, str | None]:
    """Weights from ``--weights FILE`` or ``--profile NAME`` (None, None: the defaults)."""
    if getattr(args, "profile", None) is not None:
        with open_from_args(args, read_only=True) as journal:
            profile = journal.get_profile(args.profile)
        return dict(profile.weights), profile.name
    if getattr(args, "weights", None):
        return load_weights(args.weights), None
    return None, None
