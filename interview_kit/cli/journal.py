"""``interview-kit journal ...``: the private journal from the command line.

Imports only the standard library and the core at load time (the journal
itself is imported when a journal command runs); no numpy on ``list``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..core import clock
from ..core.errors import InputError
from ..core.fields import DATE, DECISION_BY, OUTCOME
from ..core.files import read_text, write_atomic
from ..core.interview import Interview, check_date
from ..core.outcomes import OUTCOMES, PENDING
from ..core.scoring import score
from ..core.terminal import one_line, plain
from ..core.weights import load_weights
from ..journal.reminders import follow_up_offer, to_ics
from ..journal.revisions import StaleRevision, check_based_on
from .common import (
    journal_option,
    open_from_args,
    print_json,
    today_argument,
    today_option,
    write_stdout,
)
from .debrief import format_debrief, format_details
from .report import format_report

if TYPE_CHECKING:  # the journal is imported only when a command runs
    from ..journal.records import Entry

OUTCOME_CHOICES = (*OUTCOMES, PENDING)
#: A refused write's exit code: a user's mistake, as bad input is (nothing was written).
EXIT_REFUSED = 2


def _revision(text: str) -> int:
    """``--based-on``'s value: a revision (argparse says a bad one in one line, exit 2)."""
    try:
        value = check_based_on(int(text), "--based-on")
    except (ValueError, InputError):
        raise argparse.ArgumentTypeError(
            f"must be a revision (a whole number from 1), got {text!r}"
        ) from None
    assert value is not None
    return value


def _based_on_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--based-on",
        metavar="REVISION",
        type=_revision,
        default=None,
        help="only if the interview is still at this revision (as `journal "
        "show` printed it); otherwise nothing is written, exit 2",
    )


def _refused(stale: StaleRevision) -> int:
    """The one line a write refused for a stale revision prints (stderr), and its code."""
    print(
        f"interview-kit: #{stale.entry_id} changed since revision {stale.based_on} "
        f"(now at revision {stale.current.revision}): nothing written",
        file=sys.stderr,
    )
    return EXIT_REFUSED


def _written(before: Entry, after: Entry, what: str) -> str:
    """One line saying what a write did: the change and the revisions, or nothing."""
    if after.revision == before.revision:
        return f"#{after.id}: {what} already recorded (revision {after.revision}): nothing written"
    return f"#{after.id}: {what} recorded (revision {after.revision - 1} -> {after.revision})"


def register(sub: argparse._SubParsersAction) -> None:
    common = journal_option()
    top = sub.add_parser(
        "journal",
        parents=[common],
        help="the private interview journal",
        description="Keep, list and export your assessed interviews.",
    )
    jsub = top.add_subparsers(dest="journal_command", metavar="SUBCOMMAND", parser_class=type(top))
    jsub.required = True

    p = jsub.add_parser("list", parents=[common], help="list saved interviews by date")
    p.add_argument("--json", action="store_true", help="print the records as JSON")
    p.add_argument("--company", metavar="NAME", help="only this company (case and spacing ignored)")
    p.add_argument(
        "--outcome",
        metavar="VALUE",
        choices=OUTCOME_CHOICES,
        help="only this outcome: " + " | ".join(OUTCOME_CHOICES),
    )
    p.add_argument(
        "--search",
        metavar="TEXT",
        help="only interviews whose company, role, notes, or questions and "
        "answers contain TEXT (case ignored)",
    )
    p.set_defaults(handler=_list)

    p = jsub.add_parser("show", parents=[common], help="show one interview and its reading")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true", help="print the record as JSON")
    today_argument(p)
    p.set_defaults(handler=_show)

    p = jsub.add_parser("add", parents=[common], help="save an interview file; prints its id")
    p.add_argument("file", metavar="FILE", help="interview JSON (data contract), - for stdin")
    weights = p.add_mutually_exclusive_group()
    weights.add_argument("--weights", metavar="FILE", help="weights it was scored with")
    weights.add_argument(
        "--profile", metavar="NAME", help="a saved weights profile (its weights are stored)"
    )
    p.set_defaults(handler=_add)

    p = jsub.add_parser(OUTCOME.key, parents=[common], help="record what happened next")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument(
        "value", metavar="VALUE", choices=OUTCOME_CHOICES, help=" | ".join(OUTCOME_CHOICES)
    )
    p.add_argument("--date", metavar="D", help="date of the outcome (default: today)")
    _based_on_option(p)
    p.set_defaults(handler=_outcome)

    p = jsub.add_parser("export", parents=[common], help="export the whole journal")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("file", metavar="FILE", nargs="?", help="output file (default: stdout)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(handler=_export)

    p = jsub.add_parser("import", parents=[common], help="import an export (all or nothing)")
    p.add_argument("file", metavar="FILE", help="a JSON or CSV export, - for stdin")
    p.add_argument(
        "--format", choices=("json", "csv"), help="default: from the file name (.csv), else json"
    )
    p.set_defaults(handler=_import)

    p = jsub.add_parser(
        "remind",
        parents=[common],
        help="thank-you and follow-up dates; optional .ics calendar file",
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument(
        "--told",
        metavar="D",
        help="the date they said they would decide by (default: the one recorded in the debrief)",
    )
    p.add_argument("--days", help=argparse.SUPPRESS)  # gone: refused with the reason
    p.add_argument("--ics", metavar="FILE", help="write the reminders as an .ics file")
    p.add_argument("--force", action="store_true", help="replace the .ics file if it exists")
    p.set_defaults(handler=_remind)

    p = jsub.add_parser("sent", parents=[common], help="record that you sent the thank-you note")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--date", metavar="D", help="the day you sent it (default: today)")
    _based_on_option(p)
    p.set_defaults(handler=_sent)

    p = jsub.add_parser("delete", parents=[common], help="delete an interview")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    _based_on_option(p)
    p.set_defaults(handler=_delete)


def _title(entry: Entry) -> str:
    """Company / role / stage on one line, safe to print (user text)."""
    return one_line(
        " / ".join(x for x in (entry.company, entry.role, entry.stage) if x) or "(untitled)"
    )


def _list(args: argparse.Namespace) -> int:
    filtered = any(x is not None for x in (args.company, args.outcome, args.search))
    with open_from_args(args, read_only=True) as journal:
        entries = journal.entries(company=args.company, outcome=args.outcome, search=args.search)
    if args.json:
        print_json([e.to_record() for e in entries])
        return 0
    if not entries:
        print(
            "No saved interview matches."
            if filtered
            else "The journal is empty. Save an interview with `interview-kit journal add FILE`."
        )
        return 0
    print(f"{'id':>5}  {DATE.key:<10}  {'score':>5}  {'verdict':<10}  {OUTCOME.key:<11}  interview")
    for e in entries:
        a = score(e.interview, e.weights)
        print(
            f"{e.id:>5}  {e.date or '-':<10}  {a.overall:5.1f}  {a.verdict:<10}  "
            f"{e.outcome or 'pending':<11}  {_title(e)}"
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    with open_from_args(args, read_only=True) as journal:
        entry = journal.get(args.id)
        rounds = journal.rounds(entry.company, entry.role) if entry.company else [entry]
    assessment = score(entry.interview, entry.weights, today=today_option(args.today))
    if args.json:
        print_json(
            {
                **entry.to_record(),
                "assessment": assessment.to_dict(),
                "rounds": [r.id for r in rounds],
            }
        )
        return 0
    print(
        f"#{entry.id}  saved {entry.created}, updated {entry.updated} "
        f"(revision {entry.revision}), profile {plain(entry.profile)}"
    )
    # A recorded outcome leads the report below, in words; here only its date, once.
    if not entry.outcome:
        print("Outcome: pending (no answer yet)")
    elif entry.outcome_date:
        print(f"Outcome recorded for {entry.outcome_date}")
    if len(rounds) > 1:
        print(
            "Rounds with this company and role: "
            + ", ".join(
                f"#{r.id} {one_line(r.stage) or '?'} {r.date or ''}".rstrip() for r in rounds
            )
        )
    print(format_report(entry.interview, assessment))
    details = format_details(entry.interview)
    if details:
        print("\n" + details)
    debrief = format_debrief(entry.interview)
    if debrief:
        print("\n" + debrief)
    return 0


def _add(args: argparse.Namespace) -> int:
    interview = Interview.from_json(read_text(args.file, "file"))
    weights = load_weights(args.weights) if args.weights else None
    with open_from_args(args) as journal:
        print(journal.add(interview, weights, args.profile))
    return 0


def _outcome(args: argparse.Namespace) -> int:
    if args.value == PENDING and args.date:  # would be dropped without a word
        raise InputError("--date", args.date, "has no meaning for pending (no outcome yet)")
    with open_from_args(args) as journal:
        before = journal.get(args.id)
        try:
            entry = journal.set_outcome(args.id, args.value, args.date, based_on=args.based_on)
        except StaleRevision as stale:
            return _refused(stale)
    what = (
        f"outcome {entry.outcome}" + (f" on {entry.outcome_date}" if entry.outcome_date else "")
        if entry.outcome
        else "outcome pending"
    )
    print(_written(before, entry, what))
    return 0


def _export(args: argparse.Namespace) -> int:
    # Read-only: an export never writes the journal, so it works on a full disk or
    # from a journal the user may not write.
    with open_from_args(args, read_only=True) as journal:
        text = journal.export_csv() if args.format == "csv" else journal.export_json()
    if args.file and args.file != "-":
        write_atomic(args.file, text, force=args.force, newline="")  # exact bytes
    elif sys.stdout.isatty():
        write_stdout(for_terminal(text))
    else:
        write_stdout(text)
    return 0


def for_terminal(text: str) -> str:
    """An export shown on a terminal: its lines as they are, every other control
    character (ESC, BEL, a lone CR in a note, a bidi override) shown escaped, so a
    note cannot recolour, retitle or clear the terminal. Files and pipes get the
    exact text."""
    return "\n".join(plain(line) for line in text.replace("\r\n", "\n").split("\n"))


def _import(args: argparse.Namespace) -> int:
    from ..journal.exchange import IMPORT_LIMIT_WORDS, MAX_IMPORT_BYTES

    # What `journal export` writes, at any size a journal holds (far above 1 MB).
    text = read_text(args.file, "file", limit=MAX_IMPORT_BYTES, limit_words=IMPORT_LIMIT_WORDS)
    fmt = args.format or ("csv" if str(args.file).lower().endswith(".csv") else "json")
    with open_from_args(args) as journal:
        before, profiles = len(journal), len(journal.profiles())
        ids = journal.import_csv(text) if fmt == "csv" else journal.import_json(text)
        added = len(journal) - before
        new_profiles = len(journal.profiles()) - profiles
    print(
        f"imported {len(ids)} interview(s): {added} new, {len(ids) - added} already there"
        + (f"; {new_profiles} new weight profile(s)" if new_profiles else "")
    )
    return 0


def _remind(args: argparse.Namespace) -> int:
    if args.days is not None:
        raise InputError(
            "--days",
            args.days,
            "is no longer an option: the follow-up falls "
            "the day after the date they said they would decide by (--told, "
            "or the debrief's), else a week after the interview",
        )
    with open_from_args(args, read_only=True) as journal:
        entry = journal.get(args.id)
        journal_uid = journal.journal_uid
    try:
        offer = follow_up_offer(
            entry.interview, told=args.told, key=f"journal-{journal_uid}-{entry.id}"
        )
    except InputError as error:  # named as the user typed it: --told
        if args.told is None or error.field not in ("told", DECISION_BY.key):
            raise
        raise InputError("--told", error.value, error.reason) from None
    if not offer:
        print(offer.reason + (" No calendar file written." if args.ics else ""))
        return 0
    for r in offer.reminders:
        print(f"{r.date.isoformat()}  {one_line(r.summary)}")
    if args.ics:
        write_atomic(args.ics, to_ics(offer.reminders), field="ics", force=args.force, newline="")
        print(f"calendar written to {args.ics}")
    return 0


def _sent(args: argparse.Namespace) -> int:
    when = check_date("--date", args.date) if args.date is not None else clock.today().isoformat()
    with open_from_args(args) as journal:
        before = journal.get(args.id)
        try:
            entry = journal.set_thank_you_sent(args.id, when, based_on=args.based_on)
        except StaleRevision as stale:
            return _refused(stale)
        except InputError as error:  # a date before the interview: named as the user typed it
            if error.value != when or args.date is None:
                raise
            raise InputError("--date", error.value, error.reason) from None
    print(_written(before, entry, f"thank-you note sent on {entry.interview.thank_you_sent}"))
    return 0


def _delete(args: argparse.Namespace) -> int:
    with open_from_args(args) as journal:
        entry = journal.get(args.id)
        try:
            if args.based_on not in (None, entry.revision):  # refused before asking
                raise StaleRevision(entry.id, args.based_on, entry)
            if not args.yes:
                if not sys.stdin.isatty():
                    raise InputError("delete", args.id, "needs --yes when not run interactively")
                answer = input(f"Delete #{entry.id} {_title(entry)}? [y/N] ")
                if answer.strip().lower() not in ("y", "yes"):
                    print("kept")
                    return 1
            # Based on the revision shown: an edit made while the question was open is
            # never deleted unseen.
            journal.delete(args.id, based_on=entry.revision)
        except StaleRevision as stale:
            return _refused(stale)
    print(f"deleted #{args.id} (it was at revision {entry.revision})")
    return 0
