"""``interview-kit profile ...``: named weight profiles kept in the journal.

Standard library and the core only (the journal is imported when a command
runs); no numpy.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ..core.signals import all_signals
from ..core.terminal import one_line
from ..core.weights import load_weights
from ..journal.records import check_profile_name, name_key
from .common import journal_option, open_from_args, print_json

if TYPE_CHECKING:
    from ..journal.records import Profile


def register(sub: argparse._SubParsersAction) -> None:
    common = journal_option()
    top = sub.add_parser(
        "profile",
        parents=[common],
        help="named weight profiles",
        description="Save, list, show and delete named weight profiles. "
        "'default' is built in: the catalog's weights.",
    )
    psub = top.add_subparsers(dest="profile_command", metavar="SUBCOMMAND", parser_class=type(top))
    psub.required = True

    p = psub.add_parser("list", parents=[common], help="list the profiles (default first)")
    p.add_argument("--json", action="store_true", help="print the profiles as JSON")
    p.set_defaults(handler=_list)

    p = psub.add_parser("show", parents=[common], help="one profile's weights beside the defaults")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--json", action="store_true", help="print the profile as JSON")
    p.set_defaults(handler=_show)

    p = psub.add_parser(
        "save", parents=[common], help="save (or replace) a profile from a weights file"
    )
    p.add_argument("name", metavar="NAME", help="1 to 40 letters, digits, spaces, - or _")
    p.add_argument(
        "--weights",
        metavar="FILE",
        required=True,
        help="weights as a JSON or TOML object (signals left out keep their default)",
    )
    p.add_argument("--note", metavar="TEXT", default="", help="a note kept with the profile")
    p.set_defaults(handler=_save)

    p = psub.add_parser(
        "delete", parents=[common], help="delete a saved profile (interviews keep their weights)"
    )
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=_delete)


def _record(profile: Profile) -> dict[str, Any]:
    return {**profile.to_record(), "builtin": profile.builtin}


def _list(args: argparse.Namespace) -> int:
    with open_from_args(args, read_only=True) as journal:
        profiles = journal.profiles()
    if args.json:
        print_json([_record(p) for p in profiles])
        return 0
    width = max(len(p.name) for p in profiles)
    for p in profiles:
        when = "built in" if p.builtin else f"saved {(p.updated or '')[:10]}"
        note = f"  {one_line(p.note)}" if p.note and not p.builtin else ""
        print(f"{p.name:<{width}}  {when}{note}")
    return 0


def _show(args: argparse.Namespace) -> int:
    with open_from_args(args, read_only=True) as journal:
        profile = journal.get_profile(args.name)
    if args.json:
        print_json(_record(profile))
        return 0
    print(
        f"Profile {profile.name}"
        + (
            " (built in)"
            if profile.builtin
            else f", saved {profile.created}, updated {profile.updated}"
        )
    )
    if profile.note:
        print(f"Note: {one_line(profile.note)}")
    print(f"  {'signal':<22}{'weight':>8}{'default':>9}")
    for s in all_signals():
        w = profile.weights[s.id]
        mark = "" if w == s.default_weight else "  *"
        print(f"  {s.label:<22}{w:>8g}{s.default_weight:>9g}{mark}")
    return 0


def _save(args: argparse.Namespace) -> int:
    check_profile_name(args.name, "profile")  # before reading the file: the first mistake wins
    weights = load_weights(args.weights)
    with open_from_args(args) as journal:
        existed = any(name_key(p.name) == name_key(args.name) for p in journal.profiles())
        profile = journal.save_profile(args.name, weights, args.note)
    print(f"{'replaced' if existed else 'saved'} profile {profile.name}")
    return 0


def _delete(args: argparse.Namespace) -> int:
    with open_from_args(args) as journal:
        profile = journal.get_profile(args.name)
        if profile.builtin:
            journal.delete_profile(profile.name)  # raises: the default stays
        used = len(journal.entries(profile=profile.name))
        journal.delete_profile(profile.name)
    kept = (
        f"; {used} saved interview{' keeps its' if used == 1 else 's keep their'} weights"
        if used
        else ""
    )
    print(f"deleted profile {profile.name}{kept}")
    return 0
