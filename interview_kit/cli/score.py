"""``interview-kit score`` and ``interview-kit signals``: the core's commands."""

from __future__ import annotations

import argparse

from ..core.scoring import score
from ..core.signals import CATEGORIES, all_signals
from ..core.wording import EVIDENCE_WORDS
from .common import (
    journal_option,
    print_json,
    profile_weights,
    read_interview,
    today_argument,
    today_option,
    use_journal_signs,
)
from .report import format_report, wrap


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score",
        parents=[journal_option()],
        help="score an interview file",
        description="Score an interview (a JSON file in the data contract; - reads stdin).",
    )
    p.add_argument("file", metavar="FILE", help="interview JSON file, or - for stdin")
    weights = p.add_mutually_exclusive_group()
    weights.add_argument("--weights", metavar="FILE", help="weights as a JSON or TOML object")
    weights.add_argument(
        "--profile", metavar="NAME", help="weights from a profile saved in the journal"
    )
    p.add_argument("--json", action="store_true", help="print the assessment as JSON")
    today_argument(p)
    p.set_defaults(handler=_score)

    p = sub.add_parser(
        "signals",
        parents=[journal_option()],
        help="list the signals the kit reads",
        description="List the signal catalog: categories, scale ends, weights, evidence.",
    )
    p.add_argument("--json", action="store_true", help="print the catalog as JSON")
    p.set_defaults(handler=_signals)


def _score(args: argparse.Namespace) -> int:
    use_journal_signs(args)  # the file may name the journal's signs of your own
    interview = read_interview(args.file)
    weights, _ = profile_weights(args)  # the journal is only opened for --profile
    assessment = score(interview, weights, today=today_option(args.today))
    if args.json:
        print_json(assessment.to_dict())
    else:
        print(format_report(interview, assessment))
    return 0


def _signals(args: argparse.Namespace) -> int:
    use_journal_signs(args)
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "category": s.category,
                    "label": s.label,
                    "source": s.source,
                    "negative": s.negative,
                    "positive": s.positive,
                    "levels": list(s.levels),
                    "meaning": s.meaning,
                    "default_weight": s.default_weight,
                    "evidence_level": s.evidence_level,
                    "evidence": s.evidence,
                    "derived": s.derived,
                }
                for s in all_signals()
            ]
        )
        return 0
    for cat in CATEGORIES:
        print(f"{cat.label}: {cat.summary}")
        for s in (s for s in all_signals() if s.category == cat.id):
            source = " (derived)" if s.derived else f" [{s.source}]" if s.optional else ""
            print(
                f"  {s.id:<12} weight {s.default_weight:<4g} -2 {s.negative} .. "
                f"+2 {s.positive}{source}"
            )
            print(wrap(s.meaning, "      "))
            print(wrap(f"Evidence ({EVIDENCE_WORDS[s.evidence_level]}): {s.evidence}", "      "))
        print()
    return 0
