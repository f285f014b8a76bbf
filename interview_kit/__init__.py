"""interview_kit: read the signs of a job interview, calmly and transparently.

The core (signals, interview, weights, scoring, advice) is plain Python: importing
it pays for neither numpy, matplotlib nor ipywidgets.
"""

from .errors import InputError
from .interview import OUTCOMES, Interview
from .scoring import Assessment, Contribution, Scorer, score
from .signals import CATALOG, CATEGORIES, Category, Signal
from .weights import default_weights, load_weights, validate_weights

__version__ = "0.1.0"

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
