"""What a sign and a category are (the catalog's row types), and the four categories.

Kept apart from the data (core/article_signs, core/more_signs) and from the catalog's
lookups (core/signals) so each of those can import these without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The derived sign read from the share of behavioural questions (also its category).
QUESTIONS_SIGNAL = "questions"

#: Value range of every signal once observed (or derived).
LOW, HIGH = -2.0, 2.0

#: How well-supported a sign is, weakest first. The reading softens its words
#: for weaker evidence.
EVIDENCE_LEVELS = ("folk", "weak", "modest")

#: Where a sign comes from. Only the article's signs are always expected; the others
#: count where they were noted, so leaving them out never lowers the coverage.
ARTICLE, RESEARCH, COMMON_ADVICE, YOURS = "article", "research", "common advice", "yours"
SOURCES = (ARTICLE, RESEARCH, COMMON_ADVICE, YOURS)


@dataclass(frozen=True)
class Category:
    """A group of signals: one colour and one partial score on the radar."""

    id: str
    label: str
    color: str  # Okabe-Ito palette: distinguishable with colour-blindness
    summary: str


@dataclass(frozen=True)
class Signal:
    """One sign a candidate may have noticed, on a -2..+2 scale."""

    id: str
    category: str
    label: str
    question: str
    negative: str  # the -2 end, in words
    positive: str  # the +2 end, in words
    levels: tuple[str, str, str, str, str]  # what -2, -1, 0, +1, +2 look like
    meaning: str  # what the sign suggests, and what it does not
    strength: str  # phrase for the reading when the sign was positive
    concern: str  # phrase for the reading when the sign was negative
    default_weight: float
    evidence_level: str  # one of EVIDENCE_LEVELS
    evidence: str  # how strong the support is, with the source when there is one
    derived: bool = False  # computed from other fields, not set directly
    source: str = ARTICLE  # one of SOURCES

    @property
    def optional(self) -> bool:
        """True for a sign beyond the article: it counts only where it was noted."""
        return self.source != ARTICLE


CATEGORIES: tuple[Category, ...] = (
    Category(
        "body_language",
        "Body language",
        "#0072B2",
        "How the interviewer reacted to you while you spoke.",
    ),
    Category(
        "duration",
        "Duration",
        "#E69F00",
        "How long the interview ran compared with the time booked for it.",
    ),
    Category(
        QUESTIONS_SIGNAL,
        "Questions",
        "#009E73",
        "What kind of questions the interviewer chose to ask.",
    ),
    Category(
        "flow",
        "Flow",
        "#CC79A7",
        "How the conversation felt from your side of the table.",
    ),
)
