"""A thank-you note draft: a start to make one's own, never sent anywhere.

It fits the moment it is read in (:mod:`~interview_kit.core.moment`): the outcome,
whether a note already went out, how keen you said you are, how long ago the
interview was. It thanks without claiming enthusiasm you did not note, names one
topic from the debrief (never a generic question quoted), and says nothing twice.
The user copies it into their own mail; nothing here knows an address or a network.
"""

from __future__ import annotations

import datetime as _dt

from .draft_parts import about, greeting, topic
from .interview import Interview
from .moment import Moment, moment_of

#: Said beside every draft, in the page and on the command line.
DRAFT_NOTE = (
    "A draft to make your own: change the words, add something only you "
    "would say, and send it yourself. interview_kit never sends anything."
)


def _when(moment: Moment) -> str:
    """When you talked, said from today: "today", "yesterday", "on 21 Nov"."""
    if moment.date is None or moment.ahead:
        return ""
    return f" {moment.on(moment.date)}"


def thank_you_status(interview: Interview, today: _dt.date | None = None) -> str:
    """One line on whether this draft fits now ("" when it simply does)."""
    moment = moment_of(interview, today)
    if moment.thanks_sent is not None and moment.outcome is None:
        return (
            f"Your thank-you note went out on {moment.words(moment.thanks_sent)}: "
            "no second one is needed. The check-in draft fits better now."
        )
    if moment.thanks_due is not None and moment.thanks_due < moment.today:
        return f"The note was due {moment.on(moment.thanks_due)}: a late one is still welcome."
    return ""


def thank_you_draft(interview: Interview, today: _dt.date | None = None) -> str:
    """The draft as plain text (the caller shows it escaped, or prints it)."""
    moment = moment_of(interview, today)
    role = about(interview)
    subject = topic(interview)
    lines = [greeting(interview), ""]
    if moment.outcome == "rejected":
        lines.append(f"Thank you for letting me know about {role}, and for the time you gave me.")
        if subject and not moment.doubts:
            lines.append(f"I enjoyed our conversation about {subject}.")
        lines.append("I wish you and the team all the best.")
    elif moment.outcome == "offer":
        lines.append(
            f"Thank you for the offer for {role}, and for the time you gave me in the interviews."
        )
        lines.append("I am reading it carefully and will come back to you soon.")
    elif moment.outcome == "withdrawn":
        lines.append(f"Thank you for the time you gave me while I was considering {role}.")
        lines.append("I appreciated the conversations and wish you and the team well.")
    else:
        lines.append(f"Thank you for taking the time to talk with me{_when(moment)} about {role}.")
        if subject:
            lines.append(f"I especially enjoyed our conversation about {subject}.")
        elif interview.my_questions:
            lines.append("Thank you also for answering my questions so openly.")
        lines.append(_interest(moment))
    lines += ["", "Best regards,", ""]
    return "\n".join(lines)


def _interest(moment: Moment) -> str:
    """The closing line: enthusiasm only when you noted it, none after a no-answer."""
    if moment.doubts:
        return "I appreciated the chance to learn how your team works."
    if moment.outcome == "next_round":
        return (
            "I look forward to the next round."
            if moment.keen
            else "I would be glad to continue the conversation in the next round."
        )
    if moment.outcome == "no_response":
        return "I appreciated the chance to learn more about the team."
    if moment.keen:
        return (
            "Our talk made me even more keen on the work, and I would be glad to "
            "hear about the next steps."
        )
    return "I enjoyed learning more about the team, and I would be glad to hear about next steps."
