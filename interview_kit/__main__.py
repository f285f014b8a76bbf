"""``python -m interview_kit``: the same as the ``interview-kit`` command."""

from .cli import run

run()
