"""``python -m interview_kit``: the same as the ``interview-kit`` command."""

from .cli.main import run

run()
