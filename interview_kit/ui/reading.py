"""The reading as the dashboard shows it: its score line and its HTML.

Content and order come from the core (:func:`~interview_kit.core.advice.reading_sections`),
the same as the command line and the workbook: what went well first, then what is
worth noting, one note on how far to trust the signs, the interviewer's focus and
the next steps; each sign's points last, folded away as an optional detail. Every
text is escaped here (the candidate's own words are user text).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..core.advice import detail_rows, reading_sections, verdict_line
from ..core.assessment import Assessment
from ..core.interview import Interview
from ..core.wording import DETAIL

#: What the overall label says when too little was noted for the number to mean much.
TOO_LITTLE = "Too little noted for a score ({overall} / 100 means little)"


def score_label(assessment: Assessment) -> str:
    """The big number; when the verdict is unclear, words lead and the number is
    only mentioned, as meaning little."""
    overall = f"{assessment.overall:.0f}"
    if assessment.verdict == "unclear":
        return TOO_LITTLE.format(overall=overall)
    return f"Overall {overall} / 100"


def verdict_label(assessment: Assessment) -> str:
    """ "Verdict: promising"; "Verdict: unclear (too little noted to say)"; once an
    outcome is recorded, the outcome with what the signs read at the time."""
    return verdict_line(assessment)


def coverage_label(assessment: Assessment) -> str:
    """What ``confidence`` measures, said for what it is: "Based on 6 of 8 signs"."""
    return assessment.coverage[:1].upper() + assessment.coverage[1:]


def score_line_html(overall: str, verdict: str, coverage: str) -> str:
    """The action bar's score line (``ik-score-row``), escaped: overall, verdict and coverage
    (``ik-overall``, ``ik-verdict``, ``ik-confidence``; an empty one is not shown),
    then the link to the full reading. One HTML block: nothing in it is a control,
    so the page holds one widget model (and one message per change), not four."""
    spans = "".join(
        f"<span class='{name}'>{html.escape(text)}</span>"
        for name, text in (
            ("ik-overall", overall),
            ("ik-verdict", verdict),
            ("ik-confidence", coverage),
        )
    )
    return (
        f"<div class='ik-score-row'>{spans}<span class='ik-link'>"
        "<a class='ik-jump' href='#ik-reading-start'>Go to the full reading</a>"
        "</span></div>"
    )


#: Paragraph spacing inside the HTML widget (its default line height is a control's).
_PARAGRAPH = "line-height: 1.4; margin: 0.3em 0"


def _items(texts: Iterable[str]) -> str:
    return "".join(f"<li>{html.escape(str(t))}</li>" for t in texts)


def reading_html(assessment: Assessment, interview: Interview) -> str:
    """Headline, sections and the folded detail, every text escaped."""
    parts = [f"<p class='ik-headline' style='{_PARAGRAPH}'>{html.escape(assessment.headline)}</p>"]
    for section in reading_sections(assessment, interview):
        parts.append(f"<h3>{html.escape(section.title)}</h3>")
        if section.items:
            parts.append(f"<ul>{_items(section.items)}</ul>")
        if section.note:
            parts.append(
                f"<p class='ik-note' style='{_PARAGRAPH}'><em>{html.escape(section.note)}</em></p>"
            )
    rows = detail_rows(assessment)
    if rows:
        parts.append(
            f"<details class='ik-detail'><summary>{html.escape(DETAIL)}</summary>"
            f"<ul>{_items(f'{label}: {points} points' for label, points in rows)}</ul>"
            "</details>"
        )
    return "".join(parts)
