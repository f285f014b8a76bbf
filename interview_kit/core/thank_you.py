"""A thank-you note draft: a start to make one's own, never sent anywhere.

Short and plain text: a greeting naming who you met, thanks for their time on the
role, one topic from the debrief to show you listened, and a line of interest. The
user copies it into their own mail; nothing here knows an address or a network.
"""

from __future__ import annotations

from collections.abc import Callable

from .interview import Interview

#: Said beside every draft, in the page and on the command line.
DRAFT_NOTE = ("A draft to make your own: change the words, add something only you "
              "would say, and send it yourself. interview_kit never sends anything.")


def _names(interview: Interview) -> str:
    """"Ana", "Ana and Bo", "Ana, Bo and Cy"; "there" when nobody was noted."""
    first = [p.name.split()[0] if p.name.split() else p.name.strip()
             for p in interview.interviewers]
    first = [n for n in first if n]
    if not first:
        return "there"
    return first[0] if len(first) == 1 else f"{', '.join(first[:-1])} and {first[-1]}"


#: How the draft mentions one topic, by where the topic comes from (first found wins).
_TOPIC_LINES: tuple[tuple[Callable[[Interview], list[str]], str], ...] = (
    (lambda i: [q.question for q in i.questions],
     "I especially enjoyed your question \u201c{}\u201d."),
    (lambda i: list(i.my_questions),
     "Thank you also for answering my question \u201c{}\u201d."),
    (lambda i: [i.went_well], "I especially enjoyed our conversation, in particular: {}."),
)


def _topic(interview: Interview) -> str | None:
    """One sentence on something from the debrief, to show you listened: the first
    question they asked, else the first one you asked, else what went well."""
    for source, template in _TOPIC_LINES:
        for text in source(interview):
            line = " ".join(text.split()).rstrip(".! ")
            if line:
                return template.format(line if len(line) <= 120
                                       else line[:117].rstrip() + "...")
    return None


def thank_you_draft(interview: Interview) -> str:
    """The draft as plain text (the caller shows it escaped, or prints it)."""
    role = interview.role.strip()
    company = interview.company.strip()
    about = " ".join(x for x in (f"the {role} role" if role else "the role",
                                 f"at {company}" if company else "") if x)
    topic = _topic(interview)
    lines = [f"Hi {_names(interview)},", "",
             f"Thank you for taking the time to talk with me about {about}."]
    if topic:
        lines.append(topic)
    lines += ["Our talk made me even more keen on the role, and I look forward to "
              "hearing about the next steps.", "", "Best regards,", ""]
    return "\n".join(lines)
