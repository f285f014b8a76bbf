"""A user's server on the hub: ``jupyterhub-singleuser``, with less memory (issue 24).

``python -m interview_kit.cli.hub_server`` is the spawner's command in the hub recipe
(``deploy/jupyterhub/``): the same server, flags and extensions as
``jupyterhub-singleuser``, but a module it never needs is kept out before anything
imports it. Every user runs one such server, so what it holds is paid once per person.

* ``rfc3987_syntax`` (about 16 MB, and seconds of start-up): ``jsonschema`` imports it,
  when installed, to check the ``iri`` and ``iri-reference`` formats, and builds a
  grammar for them at import. Jupyter's own event schemas use neither format; without
  the module ``jsonschema`` skips those two checks, nothing else changes.

What still holds the server's memory is listed in ``docs/jupyterhub.md``.
Never imported by the rest of the kit (only run as the hub's command).
"""

from __future__ import annotations

import sys

#: Modules a user's server never imports (see the module's docstring).
SKIPPED = ("rfc3987_syntax",)


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
