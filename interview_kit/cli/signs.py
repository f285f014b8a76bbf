"""``interview-kit sign add|list|remove``: signs of your own, kept in the journal."""

from __future__ import annotations

import argparse

from ..core.my_signs import make_sign, sign_to_dict
from ..core.signals import CATEGORIES
from .common import journal_option, open_from_args, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sign",
        help="add, list or remove signs of your own",
        description="Signs of your own: things you want to note after an "
        "interview that the kit does not list. Kept in the journal.",
    )
    signs = p.add_subparsers(dest="sign_command", metavar="COMMAND", required=True)
    categories = ", ".join(c.id for c in CATEGORIES)

    add = signs.add_parser(
        "add",
        parents=[journal_option()],
        help="add a sign of your own",
        description="Add a sign of your own, on a -2..+2 scale.",
    )
    add.add_argument("id", metavar="ID", help="new id: lowercase letters, digits and _")
    add.add_argument("--label", required=True, help="the name shown (at most 60 characters)")
    add.add_argument("--category", required=True, help=f"one of {categories}")
    add.add_argument("--low", required=True, help="what -2 looks like (at most 80 characters)")
    add.add_argument("--high", required=True, help="what +2 looks like (at most 80 characters)")
    add.add_argument("--weight", default="1", help="its weight (default 1; 0 switches it off)")
    add.set_defaults(handler=_add)

    listing = signs.add_parser("list", parents=[journal_option()], help="list your own signs")
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    listing.set_defaults(handler=_list)

    remove = signs.add_parser(
        "remove", parents=[journal_option()], help="remove a sign of your own"
    )
    remove.add_argument("id", metavar="ID")
    remove.add_argument(
        "--force",
        action="store_true",
        help="remove it even if saved interviews use it (each keeps its value in its notes)",
    )
    remove.set_defaults(handler=_remove)


def _weight(text: str) -> object:
    try:
        return float(text)
    except ValueError:
        return text  # make_sign names the field and the value


def _add(args: argparse.Namespace) -> int:
    with open_from_args(args) as journal:
        sign = make_sign(
            args.id,
            args.label,
            args.category,
            args.low,
            args.high,
            _weight(args.weight),
            catalog=journal.sign_catalog(),
        )
        journal.add_sign(sign)
    print(
        f"added the sign {sign.id!r} ({sign.label}, {sign.category}): "
        f"-2 {sign.negative} .. +2 {sign.positive}, weight {sign.default_weight:g}"
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_from_args(args) as journal:
        signs = journal.signs()
        usage = {s.id: journal.sign_usage(s.id) for s in signs}
    if args.json:
        print_json([{**sign_to_dict(s), "used_by": usage[s.id]} for s in signs])
        return 0
    if not signs:
        print("no signs of your own yet (add one with `interview-kit sign add`)")
    for s in signs:
        print(
            f"{s.id:<16} {s.label} [{s.category}] weight {s.default_weight:g}; "
            f"-2 {s.negative} .. +2 {s.positive}; used by {usage[s.id]} interview(s)"
        )
    return 0


def _remove(args: argparse.Namespace) -> int:
    with open_from_args(args) as journal:
        kept = journal.remove_sign(args.id, force=args.force)
    print(
        f"removed the sign {args.id!r}"
        + (f"; {kept} interview(s) keep its value in their notes" if kept else "")
    )
    return 0
