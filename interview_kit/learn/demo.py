"""The bundled synthetic demo journal, opened as a real journal in a scratch folder.

For trying the calibration view before one has outcomes of one's own. The demo
is imported into a fresh journal file in a folder the caller gives (a temporary
one by default); the user's real journal is never opened or touched. Standard
library only: no numpy needed to open it.
"""

from __future__ import annotations

import json
import os
import tempfile
from importlib import resources
from pathlib import Path

from ..journal.store import Journal, open_journal

DEMO_RESOURCE = "demo_journal.json"
DEMO_FILE_NAME = "demo-journal.sqlite3"
#: Said wherever demo results are shown.
SYNTHETIC_NOTICE = (
    "Synthetic demo data: made-up interviews at made-up companies, not real "
    "people or outcomes, and not your journal."
)


def demo_text() -> str:
    """The bundled demo journal's export text (see ``scripts/make_demo_journal.py``)."""
    return (
        resources.files("interview_kit").joinpath("data", DEMO_RESOURCE).read_text(encoding="utf-8")
    )


def demo_note() -> str:
    """The note stored in the demo file itself (how it was generated)."""
    return str(json.loads(demo_text()).get("note", SYNTHETIC_NOTICE))


def open_demo_journal(folder: str | os.PathLike[str] | None = None) -> Journal:
    """A new journal holding the demo interviews, in ``folder`` (default: a new
    temporary folder). An existing file there is never reused: each call makes a
    fresh journal, so a demo never mixes with anything else."""
    base = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="ik-demo-"))
    base.mkdir(parents=True, exist_ok=True)
    target = base / DEMO_FILE_NAME
    n = 1
    while target.exists():
        n += 1
        target = base / f"demo-journal-{n}.sqlite3"
    journal = open_journal(target)
    try:
        journal.import_json(demo_text())
    except BaseException:
        journal.close()
        raise
    return journal
