"""The kit's name on the package index, and the install hints that name it.

The import package is ``interview_kit`` and the command ``interview-kit``, but the index's
``interview-kit`` is someone else's project (an unrelated voice-interview engine that ships an
``interview_kit`` package too): a hint naming that would install it in
place of this kit. Every hint, doc and message takes the name from here.

Plain Python (``os`` and ``sys`` only): the core may not import anything heavier.
"""

from __future__ import annotations

import os
import sys

#: The distribution name: what ``pip install``/``pipx install`` and ``importlib.metadata`` use.
DIST_NAME = "interview-signs-kit"


def in_pipx(prefix: str | None = None) -> bool:
    """Whether the kit runs from a venv that pipx made: ``…/pipx/venvs/<name>``, or any
    venv holding pipx's ``pipx_metadata.json`` (a ``PIPX_HOME`` of the user's choosing).

    pipx owns such a venv: ``pip install`` into it is undone by ``pipx upgrade``, and the user
    has no shell in it; ``pipx inject`` is the way to add a package there.
    """
    root = prefix if prefix is not None else sys.prefix
    if "pipx/venvs/" in root.replace("\\", "/") + "/":
        return True
    return os.path.isfile(os.path.join(root, "pipx_metadata.json"))


def extra_hint(extra: str, package: str, prefix: str | None = None) -> str:
    """The one command that adds ``package`` (the extra ``extra`` of the kit) where the kit runs."""
    if in_pipx(prefix):
        return f"pipx inject {DIST_NAME} {package}"
    return f"pip install '{DIST_NAME}[{extra}]'"
