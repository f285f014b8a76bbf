"""An assessment as a short text report for a terminal (``score``, ``journal show``)."""

from __future__ import annotations

import textwrap

from ..core.advice import summary
from ..core.assessment import Assessment
from ..core.interview import Interview
from ..core.signals import CATEGORIES, get_category, get_signal
from ..core.terminal import plain

WIDTH = 78


def format_report(interview: Interview, assessment: Assessment) -> str:
    """A short text report of an assessment, for a terminal."""
    title = " / ".join(plain(x) for x in (interview.company, interview.role, interview.stage)
                       if x)
    lines = [f"Interview: {title or '(untitled)'}" + (f", {interview.date}" if interview.date
                                                      else "")]
    lines.append(wrap(summary(assessment), ""))
    lines.append("")
    lines.append("Categories")
    for cat in CATEGORIES:
        value = assessment.categories[cat.id]
        shown = "  n/a" if value is None else f"{value:5.1f}"
        bar = "" if value is None else "#" * round(value / 5)
        lines.append(f"  {cat.label:<14}{shown}  {bar}")
    if assessment.contributions:
        lines.append("")
        lines.append("Contributions (points above or below 50)")
        for c in assessment.contributions:
            label = get_signal(c.signal).label
            lines.append(f"  {label:<22}{c.points:+6.1f}   ({get_category(c.category).label})")
    for heading, items in (("What went well", assessment.strengths),
                           ("Worth noting", assessment.concerns),
                           ("Next steps", assessment.advice)):
        if items:
            lines.append("")
            lines.append(heading)
            lines.extend(wrap(item, "    ", "  - ") for item in items)
    return "\n".join(lines)


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """``text`` filled to the report's width, every line indented by ``indent``."""
    return textwrap.fill(text, WIDTH, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent)
