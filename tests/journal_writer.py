"""A journal writer for the concurrency and crash tests (run as a separate process).

``python journal_writer.py JOURNAL TAG COUNT [LOG]`` saves COUNT interviews made
by ``journal_helpers.sample(n, company=TAG)``; after each commit it appends
``id n`` to LOG (one write call) or prints it, so the parent knows what was committed.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from journal_helpers import sample

from interview_kit.journal import open_journal


def main() -> None:
    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    log = os.open(sys.argv[4], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600) \
        if len(sys.argv) > 4 else None
    with open_journal(path) as journal:
        for n in range(count):
            id_ = journal.add(sample(n, company=tag))
            line = f"{id_} {n}\n".encode()
            if log is None:
                sys.stdout.buffer.write(line)
                sys.stdout.flush()
            else:
                os.write(log, line)


if __name__ == "__main__":
    main()
