"""``interview-kit calibrate`` and ``interview-kit sensitivity``.

``calibrate`` fits personal weights from the journal's outcomes and shows them
beside the defaults; it saves them as a profile only when asked
(``--save-profile``), never switching to them silently. ``--demo`` runs on the
bundled synthetic journal, in a temporary file, and says so.

numpy (through :mod:`interview_kit.learn.calibration`) is imported inside the handler,
so loading this module keeps ``interview-kit score`` light.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import shlex
import tempfile
from typing import TYPE_CHECKING

from ..core.errors import InputError
from ..core.scoring import score
from ..core.signals import all_signals
from ..core.weights import validate_weights
from ..journal.records import check_profile_name
from ..learn.sensitivity import describe, sensitivity
from .common import journal_option, open_from_args, print_json, profile_weights, read_interview
from .report import wrap

if TYPE_CHECKING:  # numpy comes with calibration: imported only when a command runs
    from ..journal.records import Profile
    from ..learn.calibration import Calibration


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "calibrate",
        help="fit personal weights from the journal's outcomes",
        description="Fit weights from the outcomes recorded in the journal (a regularised "
        "logistic model pulled toward the defaults), check them one held-out "
        "interview at a time, and show them beside the defaults. Nothing "
        "changes unless --save-profile is given.",
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "--journal",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="journal file (default: $INTERVIEW_KIT_JOURNAL, else the user data folder)",
    )
    source.add_argument(
        "--demo", action="store_true", help="use the bundled synthetic demo journal (made-up data)"
    )
    p.add_argument("--json", action="store_true", help="print the calibration as JSON")
    p.add_argument(
        "--save-profile",
        metavar="NAME",
        help="save the fitted weights as this profile (only if a fit is offered)",
    )
    p.set_defaults(handler=_calibrate)

    p = sub.add_parser(
        "sensitivity",
        parents=[journal_option()],
        help="how much each weight moves an interview's score",
        description="For one interview: the overall score's change when each signal's "
        "weight is doubled or switched off (set to 0).",
    )
    p.add_argument("file", metavar="FILE", help="interview JSON file, or - for stdin")
    weights = p.add_mutually_exclusive_group()
    weights.add_argument("--weights", metavar="FILE", help="weights as a JSON or TOML object")
    weights.add_argument("--profile", metavar="NAME", help="a saved weights profile")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.set_defaults(handler=_sensitivity)


# --------------------------------------------------------------------------- calibrate


def _calibrate(args: argparse.Namespace) -> int:
    from ..learn.calibration import fit_weights

    if args.save_profile is not None:
        check_profile_name(args.save_profile, "save-profile")
        if args.demo:
            raise InputError(
                "save-profile",
                args.save_profile,
                "cannot be used with --demo: weights fitted on synthetic data "
                "are not yours to keep",
            )
    if args.demo:
        from ..learn.demo import SYNTHETIC_NOTICE, open_demo_journal

        with (
            tempfile.TemporaryDirectory(prefix="ik-demo-") as folder,
            open_demo_journal(folder) as journal,
        ):
            interviews = [e.interview for e in journal.entries()]
        notice, where = SYNTHETIC_NOTICE, None
    else:
        journal = open_from_args(args)
        with journal:
            interviews = [e.interview for e in journal.entries()]
        notice, where = "", str(journal.path)

    fit = fit_weights(interviews)
    offered = fit.enough_data and fit.offered
    saved = None
    if args.save_profile is not None:
        saved = _save_fitted(args, fit)
    if args.json:
        print_json(
            {
                **fit.to_dict(),
                "synthetic": bool(args.demo),
                "notice": notice,
                "journal": where,
                "offered_weights": fit.profile_weights() if offered else None,
                "saved_profile": None if saved is None else saved.name,
            }
        )
        return 0
    if notice:
        print(
            wrap(
                notice + " It shows what calibration looks like once a journal has enough outcomes."
            )
        )
        print()
    print(wrap(fit.describe()))
    if offered:
        print()
        print(_weights_table(fit))
        print()
        if saved is not None:
            print(
                wrap(
                    f"Saved as profile {saved.name} ({saved.note}). Nothing else "
                    f"changed; score with it using --profile {shlex.quote(saved.name)}."
                )
            )
        elif args.demo:
            print(wrap("Nothing was changed: these weights come from made-up data."))
        else:
            print(
                wrap(
                    "Nothing was changed. To use these weights, save them as a profile "
                    "(interview-kit calibrate --save-profile NAME) and score with "
                    "--profile NAME."
                )
            )
    return 0


def _save_fitted(args: argparse.Namespace, fit: Calibration) -> Profile:
    if not (fit.enough_data and fit.offered):
        raise InputError(
            "save-profile",
            args.save_profile,
            "no fitted weights are offered, so nothing was saved: " + _first_sentence(fit.message),
        )
    note = f"fitted from {fit.n} outcomes on {_dt.datetime.now(_dt.UTC).date().isoformat()}"
    with open_from_args(args) as journal:
        return journal.save_profile(args.save_profile, fit.profile_weights(), note)


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + ("." if dot else "")


def _weights_table(fit: Calibration) -> str:
    lines = [
        f"  {'signal':<22}{'default':>8}{'fitted':>9}   give or take   noted in",
        f"  {'':<22}{'':>8}{'':>9}   (1 std. error)",
    ]
    for s in all_signals():
        lines.append(
            f"  {s.label:<22}{fit.prior_weights[s.id]:>8g}{fit.weights[s.id]:>9.2f}"
            f"   ± {fit.std_errors[s.id]:<11.2f}{fit.observed[s.id]:>5} of {fit.n}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- sensitivity


def _sensitivity(args: argparse.Namespace) -> int:
    interview = read_interview(args.file)
    weights, profile = profile_weights(args)
    weights = validate_weights(weights)
    rows = sensitivity(interview, weights)
    overall = score(interview, weights).overall
    if args.json:
        print_json(
            {
                "overall": round(overall, 2),
                "profile": profile,
                "weights": weights,
                "rows": [r.to_dict() for r in rows],
                "text": describe(rows),
            }
        )
        return 0
    print(f"Overall now {overall:.1f}" + (f" (profile {profile})" if profile else ""))
    print(f"  {'signal':<22}{'weight':>7}{'value':>7}{'doubled':>9}{'off':>8}")
    for r in rows:
        value = "-" if r.value is None else f"{r.value:+.2f}"
        print(
            f"  {r.label:<22}{r.weight:>7g}{value:>7}{r.delta_double:>+9.1f}{r.delta_zero:>+8.1f}"
        )
    print()
    print(wrap(describe(rows)))
    return 0
