"""Keep the "after" readings in examples/scenarios/README.md equal to what
``interview-kit score`` prints today (the quote stops before the per-sign detail).

    python scripts/scenario_readings.py          # rewrite the README's "after" blocks
    python scripts/scenario_readings.py --check  # exit 1 if any block is out of date
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
#: "After, `interview-kit score FILE`:" then a fenced block.
BLOCK = re.compile(r"(After, `interview-kit score (?P<file>[^`]+)`:\n```\n)(?P<body>.*?)(```)",
                   re.S)


def reading(file: str) -> str:
    """What ``interview-kit score FILE`` prints, up to the per-sign detail."""
    from interview_kit.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["score", str(ROOT / file)])
    if code:
        raise SystemExit(f"interview-kit score {file} exited {code}")
    text = out.getvalue().split("\nDetail:")[0].rstrip("\n")
    return text + "\n"


def refreshed(text: str) -> str:
    return BLOCK.sub(lambda m: m[1] + reading(m["file"]) + m[4], text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    new = refreshed(text)
    if args.check:
        if new != text:
            print(f"{README}: the 'after' readings are out of date; run "
                  "python scripts/scenario_readings.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    print(f"wrote {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
