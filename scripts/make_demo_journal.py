"""Write the synthetic demo journal (a journal export file) for the calibration view.

    python scripts/make_demo_journal.py [--seed 2026] [--n 40] [--out PATH]

The output is seeded and deterministic; it is labelled synthetic inside the file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from interview_kit.learn.synthetic import DEMO_SEED, DEMO_SIZE, demo_journal

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "interview_kit" / "data" / "demo_journal.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    parser.add_argument("--n", type=int, default=DEMO_SIZE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    text = json.dumps(demo_journal(args.n, args.seed), indent=1, ensure_ascii=False) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({args.n} synthetic interviews, seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
