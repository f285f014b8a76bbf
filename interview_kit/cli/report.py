"""An assessment as a short text report for a terminal (``score``, ``journal show``)."""

from __future__ import annotations

import textwrap

from ..core.advice import reading_text
from ..core.assessment import Assessment
from ..core.interview import Interview
from ..core.signals import CATEGORIES
from ..core.terminal import one_line, plain

WIDTH = 78


def format_report(interview: Interview, assessment: Assessment) -> str:
    """A short text report of an assessment, for a terminal: the reading first
    (what went well leads), then the categories and each sign's points as detail."""
    title = " / ".join(plain(x) for x in (interview.company, interview.role, interview.stage) if x)
    lines = [
        f"Interview: {title or '(untitled)'}" + (f", {interview.date}" if interview.date else "")
    ]
    lines.append(reading_text(assessment, interview, WIDTH, clean=one_line))
    lines.append("")
    lines.append("Categories (50 = no sign either way)")
    for cat in CATEGORIES:
        value = assessment.categories[cat.id]
        shown = "  n/a" if value is None else f"{value:5.0f}"
        bar = "" if value is None else "#" * round(value / 5)
        lines.append(f"  {cat.label:<20}{shown}  {bar}")
    return "\n".join(lines)


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """``text`` filled to the report's width, every line indented by ``indent``."""
    return textwrap.fill(
        text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent
    )
