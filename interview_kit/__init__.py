"""interview_kit: read the signs of a job interview, calmly and transparently.

The package is six wings, each importing only the ones above it in this list:
``core`` (signals, records, scoring, advice: plain Python), ``journal`` (the private
SQLite journal), ``learn`` (calibration, sensitivity, demo data), ``charts``
(matplotlib figures), ``ui`` (the ipywidgets dashboard) and ``cli`` (the
``interview-kit`` command, which never imports charts or ui). The names below are
the core's: importing them pays for neither numpy, matplotlib nor ipywidgets.
"""

from .core.assessment import Assessment, Contribution
from .core.errors import InputError
from .core.interview import Interview
from .core.outcomes import OUTCOMES
from .core.scoring import Scorer, score
from .core.signals import CATALOG, CATEGORIES, Category, Signal
from .core.weights import default_weights, load_weights, validate_weights


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata (pyproject.toml writes it once).

    Looked up on first use: ``importlib.metadata`` is kept off the CLI's start-up path.
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    from .core.install import DIST_NAME

    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


__all__ = [
    "CATALOG",
    "CATEGORIES",
    "OUTCOMES",
    "Assessment",
    "Category",
    "Contribution",
    "InputError",
    "Interview",
    "Scorer",
    "Signal",
    "default_weights",
    "load_weights",
    "score",
    "validate_weights",
]
