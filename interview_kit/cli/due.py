"""``interview-kit due``, ``thank-you`` and ``follow-up``: what is due, and draft notes.

What is due is decided by :mod:`interview_kit.core.due` alone (the journal only
narrows the rows with one indexed query). The thank-you draft is printed, never
sent: interview_kit knows no address and makes no network call.
"""

from __future__ import annotations

import argparse
import datetime as _dt

from ..core.check_in import check_in_draft, check_in_status
from ..core.due import DEFAULT_DAYS, KIND_WORDS, Due
from ..core.errors import InputError
from ..core.terminal import one_line, plain_lines
from ..core.thank_you import DRAFT_NOTE, thank_you_draft, thank_you_status
from .common import journal_option, open_from_args, print_json, today_argument, today_option
from .report import wrap

#: The longest look ahead ``--days`` allows (ten years).
MAX_DAYS = 3650


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "due",
        parents=[journal_option()],
        help="what is due: thank-you notes and follow-ups",
        description="List every thank-you note and follow-up due up to N days ahead "
        "(inclusive), overdue first, then by date.",
    )
    p.add_argument(
        "--json", action="store_true", help="print a list of {id, kind, due, company, role}"
    )
    today_argument(p)
    p.add_argument(
        "--days",
        metavar="N",
        default=str(DEFAULT_DAYS),
        help=f"how many days ahead to look (default {DEFAULT_DAYS})",
    )
    p.set_defaults(handler=_due)

    p = sub.add_parser(
        "thank-you",
        parents=[journal_option()],
        help="print a thank-you note draft",
        description="Print a short thank-you note draft for a saved interview, to copy "
        "and make your own. Nothing is ever sent.",
    )
    p.add_argument("id", type=int, metavar="ID")
    today_argument(p)
    p.set_defaults(handler=_thank_you)

    p = sub.add_parser(
        "follow-up",
        parents=[journal_option()],
        help="print a check-in draft",
        description="Print a check-in draft for a saved interview: a polite note when the "
        "answer is slow, or what the outcome calls for (feedback after a no, "
        "questions before answering an offer). Nothing is ever sent.",
    )
    p.add_argument("id", type=int, metavar="ID")
    today_argument(p)
    p.set_defaults(handler=_follow_up)


def days_option(value: str) -> int:
    """``--days`` as a whole number of days from 0 to :data:`MAX_DAYS`."""
    try:
        days = int(value.strip())
    except ValueError:
        days = -1
    if not 0 <= days <= MAX_DAYS:
        raise InputError("--days", value, f"must be a whole number of days from 0 to {MAX_DAYS}")
    return days


def _when(item: Due, today: _dt.date) -> str:
    """How far the day is, said plainly: "overdue by 3 days", "today", "in 2 days"."""
    gap = (item.due - today).days
    if gap < 0:
        return f"overdue by {-gap} day{'s' if gap != -1 else ''}"
    if gap == 0:
        return "due today"
    return "due tomorrow" if gap == 1 else f"due in {gap} days"


def _due(args: argparse.Namespace) -> int:
    today = today_option(args.today)
    days = days_option(args.days)
    with open_from_args(args, read_only=True) as journal:
        items = journal.due(today=today, days=days)
    if args.json:
        print_json([item.to_dict() for item in items])
        return 0
    if not items:
        try:
            until = f" to {(today + _dt.timedelta(days=days)).isoformat()}"
        except OverflowError:
            until = " on"
        print(f"Nothing due from {today.isoformat()}{until}.")
        return 0
    overdue = sum(item.overdue(today) for item in items)
    if overdue:
        print(f"{overdue} overdue:")
    for n, item in enumerate(items):
        if n == overdue and overdue:
            print("Coming up:")
        who = " / ".join(one_line(x) for x in (item.company, item.role) if x.strip())
        print(
            f"  {item.due.isoformat()}  {_when(item, today):<18}  "
            f"{KIND_WORDS[item.kind]:<15}  #{item.id}  {who or '(untitled)'}"
        )
    return 0


def _print_draft(status: str, draft: str) -> None:
    """The draft first (to copy), then its timing line (if any) and the note that
    nothing is sent."""
    if draft:
        print("\n".join(plain_lines(draft)).rstrip("\n"))
        print()
    if status:
        print(wrap(status))
    if draft:
        print(wrap(f"({DRAFT_NOTE})"))


def _thank_you(args: argparse.Namespace) -> int:
    today = today_option(args.today)
    with open_from_args(args, read_only=True) as journal:
        entry = journal.get(args.id)
    _print_draft(thank_you_status(entry.interview, today), thank_you_draft(entry.interview, today))
    return 0


def _follow_up(args: argparse.Namespace) -> int:
    today = today_option(args.today)
    with open_from_args(args, read_only=True) as journal:
        entry = journal.get(args.id)
    _print_draft(check_in_status(entry.interview, today), check_in_draft(entry.interview, today))
    return 0
