"""A check-in draft: the short note to send when the answer is slow, or the note the
outcome calls for (a request for feedback after a no, questions before answering an
offer, the next round's practicalities). Plain text to make one's own; never sent.

It follows the same :class:`~interview_kit.core.moment.Moment` as the reading, so it
never asks for news before the date they named without saying it is early.
"""

from __future__ import annotations

import datetime as _dt

from .clock import span_words
from .draft_parts import about, greeting
from .interview import Interview
from .moment import TYPICAL_DAYS, Moment, moment_of


def check_in_status(interview: Interview, today: _dt.date | None = None) -> str:
    """One line on the timing ("" when now is a fine time to send it)."""
    moment = moment_of(interview, today)
    if moment.outcome == "withdrawn":
        return "You withdrew: there is nothing to follow up."
    if moment.outcome is not None or moment.check_in is None:
        return ""
    if moment.check_in > moment.today:
        told = (
            f"they said they would answer by {moment.words(moment.decide_by)}"
            if moment.decide_by is not None
            else "a week after the interview is usual"
        )
        return f"It is early: {told}. This draft fits from {moment.words(moment.check_in)}."
    return ""


def check_in_draft(interview: Interview, today: _dt.date | None = None) -> str:
    """The draft as plain text; "" after you withdrew (nothing to follow up)."""
    moment = moment_of(interview, today)
    if moment.outcome == "withdrawn":
        return ""
    role = about(interview)
    body = {
        "rejected": _feedback,
        "offer": _offer,
        "next_round": _next_round,
    }.get(moment.outcome or "", _waiting)(moment, role)
    return "\n".join([greeting(interview), "", *body, "", "Best regards,", ""])


def _feedback(moment: Moment, role: str) -> list[str]:
    return [
        f"Thank you again for considering me for {role}.",
        "If you have a moment, I would welcome brief feedback on my interview: what "
        "would have made my application stronger? It would help me prepare for the "
        "next one.",
    ]


def _offer(moment: Moment, role: str) -> list[str]:
    return [
        f"Thank you again for the offer for {role}.",
        "Before I answer, I have a few questions: [the points you want clear, such as "
        "the start date, the pay or the team].",
        "Could you also tell me by when you need my answer?",
    ]


def _next_round(moment: Moment, role: str) -> list[str]:
    keen = "I am glad to be invited" if not moment.doubts else "Thank you for inviting me"
    return [
        f"{keen} to the next round for {role}.",
        "Could you tell me its format, who I will meet, and how best to prepare?",
    ]


def _waiting(moment: Moment, role: str) -> list[str]:
    when = "" if moment.date is None or moment.ahead else f" {moment.on(moment.date)}"
    lines = [f"I hope you are well. I am writing about my interview{when} for {role}."]
    told = moment.decide_by
    if told is not None and told < moment.today:
        lines.append(
            f"You mentioned you hoped to have an answer by {moment.words(told)}, "
            "so I wanted to check in on where things stand."
        )
    else:
        lines.append("I wanted to check in on where things stand.")
    if moment.doubts:
        lines.append("I would be glad to hear of any update on the timeline.")
    elif moment.keen:
        lines.append("I am still very interested and would be glad to hear of any update.")
    else:
        lines.append("I would be glad to hear of any update when you have one.")
    days = moment.days_since
    if (days is None and moment.outcome == "no_response") or (
        days is not None and days >= TYPICAL_DAYS
    ):
        lead = "If" if days is None else f"It has been {span_words(days)}, so if"
        lines.append(
            f"{lead} the position has been filled, a short note would help me "
            "plan. Either way, thank you for your time."
        )
    return lines
