"""A journal writer for the concurrency and crash tests (run as a separate process).

``python journal_writer.py JOURNAL TAG COUNT [LOG [edit]]`` saves COUNT interviews
made by :func:`expected` (``journal_helpers.sample(n, company=TAG)``); after each
commit it appends ``stage id n`` to LOG (one write call) or prints it, so the
parent knows what was committed. With ``edit``, each record is then updated
(stage 2) and given an outcome (stage 3): its revision equals its stage.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from journal_helpers import sample

from interview_kit import Interview
from interview_kit.journal.store import open_journal

OUTCOME, OUTCOME_DATE = "no_response", "2030-01-01"


def expected(tag: str, n: int, stage: int = 1) -> Interview:
    """The interview record ``n`` of writer ``tag`` after ``stage`` committed writes."""
    data = sample(n, company=tag)
    if stage >= 2:
        data["notes"] += " (edited)"
    if stage >= 3:
        data["outcome"] = OUTCOME
    return Interview.from_dict(data)


def main() -> None:
    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    log = (
        os.open(sys.argv[4], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if len(sys.argv) > 4
        else None
    )
    edit = len(sys.argv) > 5 and sys.argv[5] == "edit"

    def report(stage: int, id_: int, n: int) -> None:
        line = f"{stage} {id_} {n}\n".encode()
        if log is None:
            sys.stdout.buffer.write(line)
            sys.stdout.flush()
        else:
            os.write(log, line)

    with open_journal(path) as journal:
        for n in range(count):
            id_ = journal.add(expected(tag, n))
            report(1, id_, n)
            if edit:
                journal.update(id_, expected(tag, n, 2))
                report(2, id_, n)
                journal.set_outcome(id_, OUTCOME, OUTCOME_DATE)
                report(3, id_, n)


if __name__ == "__main__":
    main()
