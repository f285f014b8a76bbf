"""The ``interview-kit`` command.

Each group of subcommands lives in its own module with a ``register(subparsers)``
function; those modules import only the core at load time, so ``interview-kit
score`` starts without numpy, matplotlib or ipywidgets. A user's mistake is one
line on stderr and exit code 2, never a traceback; output that cannot be written (a
closed pipe, a full disk) is one line and exit code 1.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from ..core.errors import InputError
from ..core.files import os_reason
from ..core.terminal import plain
from .reading import NoJournalYet, report

#: Modules that add subcommands (each has ``register(subparsers)``).
COMMAND_MODULES = (
    "interview_kit.cli.score",
    "interview_kit.cli.launch",
    "interview_kit.cli.journal",
    "interview_kit.cli.due",
    "interview_kit.cli.profiles",
    "interview_kit.cli.calibrate",
    "interview_kit.cli.signs",
)

EXIT_OK, EXIT_OUTPUT, EXIT_USAGE = 0, 1, 2
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE(13): a shell's code for a reader that went away


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse's own code)
        # argparse quotes what was typed ("unrecognized arguments: ..."): a line break or
        # an escape sequence in it is shown escaped, so the message stays one line.
        self.exit(EXIT_USAGE, f"{self.prog}: error: {plain(message)}\n")


class _Version(argparse.Action):
    """``--version``: the installed metadata is read only when asked for (it costs
    about 15 ms of start-up, which every other command would pay)."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: str = argparse.SUPPRESS,
        help: str = "show the version and exit",
    ):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from .. import __version__

        print(f"{parser.prog} {__version__}")  # on stdout, as argparse's own action does
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; each module in :data:`COMMAND_MODULES` adds its part."""
    parser = _Parser(
        prog="interview-kit",
        description="Read the signs of a job interview: score, chart, advice, journal.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a user's mistake (InputError) is one stderr line and exit 2."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character (LANG=C, an ASCII pipe) gets it
        # escaped: a company name in Japanese or a "±" is never a UnicodeEncodeError.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int | None] = args.handler
    try:
        check_text_arguments(args)
        code = handler(args) or EXIT_OK
        sys.stdout.flush()  # a full disk shows here, not as a warning at exit
        return code
    except InputError as error:
        print(f"interview-kit: {error}", file=sys.stderr)
        # A journal the disk failed (full, or an I/O error) is output that could not be
        # written, not the user's mistake.
        return EXIT_OUTPUT if getattr(error, "disk", False) else EXIT_USAGE
    except NoJournalYet as missing:  # a reading command never creates one
        try:
            report(missing)
        except OSError as error:  # its "[]" on a full disk or a closed pipe: one line too
            if error.errno not in OUTPUT_ERRNOS:
                raise
            return _output_failed(error)
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        if error.errno not in OUTPUT_ERRNOS:
            raise
        return _output_failed(error)


#: Arguments that name files: the OS hands over a name that is not UTF-8 as surrogate
#: escapes, and such a name is opened as it is. Every other argument is text (a company,
#: a profile name, a date) and must be text the journal can store and match.
PATH_ARGUMENTS = frozenset({"file", "journal", "weights", "ics", "folder"})
#: Text arguments given by position (named as such in the message, not as an option).
POSITIONAL_TEXT = frozenset({"name", "value"})


def check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse, in one line, a text argument holding bytes that are not UTF-8."""
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS or not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            option = name if name in POSITIONAL_TEXT else "--" + name.replace("_", "-")
            raise InputError(option, value, "is not valid UTF-8 text") from None


#: Errors writing the output: a closed pipe, a full disk or quota, a file size limit.
OUTPUT_ERRNOS = (errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)


def _output_failed(error: OSError) -> int:
    """One line on stderr for output that could not be written, and exit 1: the
    output is incomplete, so it is never reported as success. A closed pipe is the
    reader's choice, not a failure: no line, exit 141."""
    with contextlib.suppress(OSError, ValueError):  # what is still buffered goes nowhere
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if error.errno == errno.EPIPE:
        # The reader stopped (``| head -1``): what a Unix tool killed by SIGPIPE does,
        # quietly, with the shell's code for it (128 + SIGPIPE); never a message.
        return EXIT_CLOSED_PIPE
    reason = os_reason(error)
    with contextlib.suppress(OSError, ValueError):
        print(f"interview-kit: output: cannot write all of it: {reason}", file=sys.stderr)
    return EXIT_OUTPUT


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
