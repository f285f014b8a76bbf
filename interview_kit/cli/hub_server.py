"""A user's server on the hub: ``jupyterhub-singleuser``, with less memory (issue 24).

``python -m interview_kit.cli.hub_server`` is the spawner's command in the hub recipe
(``deploy/jupyterhub/``): the same server, flags and extensions as
``jupyterhub-singleuser``, but a module it never needs is kept out before anything
imports it. Every user runs one such server, so what it holds is paid once per person.

* ``rfc3987_syntax`` (about 16 MB, and seconds of start-up): ``jsonschema`` imports it,
  when installed, to check the ``iri`` and ``iri-reference`` formats, and builds a
  grammar for them at import. Jupyter's own event schemas use neither format; without
  the module ``jsonschema`` skips those two checks, nothing else changes.

It is also a server extension (``jpserver_extensions`` in the hub's
``jupyter_server_config.py``) that hands freed memory back to the system every
:data:`TRIM_SECONDS` (glibc's ``malloc_trim``, a fraction of a millisecond): rendering
a page frees megabytes of small blocks that ``malloc`` would otherwise keep, about
12 MB per server when measured with the smoke test.

What still holds the server's memory is listed in ``docs/jupyterhub.md``.
Never imported by the rest of the kit (only run by the hub's users' servers).
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Callable
from typing import Any

#: Modules a user's server never imports (see the module's docstring).
SKIPPED = ("rfc3987_syntax",)
#: Seconds between two hand-backs of freed memory.
TRIM_SECONDS = 5.0


def trimmer() -> Callable[[], None] | None:
    """glibc's ``malloc_trim(0)`` (returns freed heap pages to the system), or None
    where the C library is not glibc (nothing to do there)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the process's own symbols, libc's included
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]

    def run() -> None:
        trim(0)

    return run


def trim_every(seconds: float = TRIM_SECONDS) -> threading.Thread | None:
    """Hand freed memory back every ``seconds``, from a daemon thread (a process with
    no event loop of its own to ask: the dashboard's kernel)."""
    trim = trimmer()
    if trim is None:
        return None
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(seconds):
            trim()

    thread = threading.Thread(target=run, name="interview_kit-trim", daemon=True)
    thread.start()
    return thread


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "interview_kit.cli.hub_server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Hand freed memory back every :data:`TRIM_SECONDS` on the server's own loop."""
    from tornado.ioloop import PeriodicCallback

    trim = trimmer()
    if trim is not None:
        PeriodicCallback(trim, TRIM_SECONDS * 1000).start()


def skip(names: tuple[str, ...]) -> None:
    """Make ``import name`` fail (ImportError) for each of ``names`` not yet imported:
    the libraries that import them optionally go on without."""
    for name in names:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def main() -> None:
    skip(SKIPPED)
    from jupyterhub.singleuser import main as singleuser

    singleuser()


if __name__ == "__main__":
    main()
