"""The debrief as text for a terminal (``journal show``): who you met, what they
asked and how you answered, what you asked, your read, the dates. Every piece of
user text is made safe to print first (:mod:`interview_kit.core.terminal`)."""

from __future__ import annotations

from ..core.interview import Interview, label_of
from ..core.terminal import one_line, plain_lines

INDENT = "  "


def _block(label: str, text: str) -> list[str]:
    """``label: text``, a multi-line text continued under it, indented."""
    lines = plain_lines(text) or [""]
    pad = INDENT + " " * (len(label) + 2)
    return [f"{INDENT}{label}: {lines[0]}", *(pad + line for line in lines[1:])]


def format_debrief(interview: Interview) -> str:
    """The debrief in the form's words; "" when the record has none."""
    if not interview.has_debrief:
        return ""
    out = ["Debrief"]
    if interview.interviewers:
        out.append(f"{INDENT}{label_of('interviewers')}: " + "; ".join(
            one_line(p.name) + (f" ({one_line(p.role)})" if p.role.strip() else "")
            for p in interview.interviewers))
    if interview.questions:
        out.append(f"{INDENT}{label_of('questions')}:")
        for n, exchange in enumerate(interview.questions, start=1):
            out += _block(f"{INDENT}{n}. Q", exchange.question)
            if exchange.answer.strip():
                out += _block(f"{INDENT}   A", exchange.answer)
    if interview.my_questions:
        out.append(f"{INDENT}{label_of('my_questions')}:")
        out += [f"{INDENT}{INDENT}- {one_line(q)}" for q in interview.my_questions]
    if interview.went_well.strip():
        out += _block(label_of("went_well"), interview.went_well)
    read = interview.my_read
    if read:
        out.append(f"{INDENT}{label_of('my_read.interest')}: {read.interest or 'not said'}")
        if read.red_flags.strip():
            out += _block(label_of("my_read.red_flags"), read.red_flags)
    out.append(f"{INDENT}{label_of('decision_by')}: {interview.decision_by or 'not said'}")
    out.append(f"{INDENT}{label_of('thank_you_sent')}: {interview.thank_you_sent or 'not yet'}")
    return "\n".join(out)
