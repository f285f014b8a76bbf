"""Keep the "after" readings in examples/scenarios/README.md equal to what
``interview-kit score --today DAY`` prints (the quote stops before the per-sign detail),
and print the eight situations of issue 23 (examples/situations) as read on a given day.

    python scripts/scenario_readings.py               # rewrite the README's "after" blocks
    python scripts/scenario_readings.py --check       # exit 1 if any block is out of date
    python scripts/scenario_readings.py --situations  # the eight situations, with drafts

``--situations`` also runs against an older checkout (``PYTHONPATH=/path/to/main``): a
kit without a clock is read as it reads (on the machine's date), for a before/after.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "examples" / "scenarios" / "README.md"
SITUATIONS = ROOT / "examples" / "situations"
#: "After, `interview-kit score --today DAY FILE`:" then a fenced block.
BLOCK = re.compile(
    r"(After, `interview-kit score (?:--today (?P<today>\S+) )?(?P<file>[^`]+)`:"
    r"\n```\n)(?P<body>.*?)(?P<end>```)",
    re.S,
)
#: Each situation file with the day it is read on (the day the issue saw it).
READ_ON = {
    "1-warm-over-time": "2026-12-06",
    "2-cold-and-early": "2026-12-06",
    "3-rapport-but-stumbling": "2026-11-28",
    "4-only-duration": "2026-12-03",
    "5-all-technical": "2026-12-04",
    "6-interrupted-no-response": "2026-12-06",
    "7-warm-then-rejected": "2026-12-06",
    "8-nervous-panel": "2026-12-06",
}


def has_clock() -> bool:
    """Whether the kit imported here reads a day (``--today``); older ones do not."""
    import importlib.util

    return importlib.util.find_spec("interview_kit.core.clock") is not None


def reading(file: str, today: str | None = None) -> str:
    """What ``interview-kit score [--today DAY] FILE`` prints, up to the per-sign detail."""
    from interview_kit.cli.main import main

    out = io.StringIO()
    day = ["--today", today] if today and has_clock() else []
    with contextlib.redirect_stdout(out):
        code = main(["score", *day, str(ROOT / file)])
    if code:
        raise SystemExit(f"interview-kit score {file} exited {code}")
    text = out.getvalue().split("\nDetail:")[0].rstrip("\n")
    return text + "\n"


def refreshed(text: str) -> str:
    return BLOCK.sub(lambda m: m[1] + reading(m["file"], m["today"]) + m["end"], text)


def drafts(path: Path, today: str) -> str:
    """The thank-you draft (and, where the kit has one, the check-in draft) for a file."""
    import datetime as _dt

    from interview_kit.core import thank_you
    from interview_kit.core.interview import Interview

    interview = Interview.from_json(path.read_text(encoding="utf-8"))
    if not has_clock():
        return "Thank-you draft:\n" + thank_you.thank_you_draft(interview)
    from interview_kit.core.check_in import check_in_draft, check_in_status

    day = _dt.date.fromisoformat(today)
    parts = []
    for title, status, draft in (
        (
            "Thank-you draft",
            thank_you.thank_you_status(interview, day),
            thank_you.thank_you_draft(interview, day),
        ),
        (
            "Check-in draft (interview-kit follow-up)",
            check_in_status(interview, day),
            check_in_draft(interview, day),
        ),
    ):
        parts.append(f"{title}:" + (f" [{status}]" if status else "") + "\n" + draft)
    return "\n".join(parts)


def situations() -> str:
    """Every situation file read on its day: the reading, then the drafts."""
    out = []
    for name, today in READ_ON.items():
        path = SITUATIONS / f"{name}.json"
        out.append(f"=== {name}, read on {today} ===")
        out.append(reading(str(path.relative_to(ROOT)), today))
        out.append(drafts(path, today))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument(
        "--situations",
        action="store_true",
        help="print the eight situations of issue 23 with their drafts",
    )
    args = parser.parse_args(argv)
    if args.situations:
        print(situations())
        return 0
    text = README.read_text(encoding="utf-8")
    new = refreshed(text)
    if args.check:
        if new != text:
            print(
                f"{README}: the 'after' readings are out of date; run "
                "python scripts/scenario_readings.py",
                file=sys.stderr,
            )
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    print(f"wrote {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
