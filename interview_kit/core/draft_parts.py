"""What the thank-you and check-in drafts share: who to greet, what the role is called,
and one topic from the debrief, phrased as a topic rather than a question quoted.

A draft that quotes "Why should we hire you?" back at the interviewer reads as a
template; one that names what was talked about ("how to deploy a model that drifts
over time") shows you listened. Generic questions give no topic at all.
"""

from __future__ import annotations

import re

from .interview import Interview

#: Questions every interview asks: no topic to mention (compared without case or "?").
GENERIC = (
    "why should we hire you",
    "tell me about yourself",
    "tell us about yourself",
    "what are your strengths",
    "what are your weaknesses",
    "what is your greatest",
    "what's your greatest",
    "where do you see yourself",
    "why do you want",
    "why are you leaving",
    "why did you leave",
    "do you have any questions",
    "what are your salary",
    "what salary",
    "introduce yourself",
    "walk me through your cv",
    "walk me through your resume",
    "why this company",
    "why us",
)
#: Leading words that turn a question into its topic ("how would you X" -> "how to X").
_LEADS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), repl)
    for pattern, repl in (
        (r"^(?:can|could|would) you (?:please )?", ""),
        (r"^(?:tell|talk) (?:me|us) (?:a bit |more )?about ", ""),
        (r"^(?:walk|take) (?:me|us) through ", ""),
        (r"^(?:describe|explain|share|give (?:me|us)) ", ""),
        (r"^how (?:would|do|did|will|could|can|should) you ", "how to "),
        (r"^what (?:would|do|did|will) you do (if|when) ", r"what to do \1 "),
        (r"^what (?:is|was|'s) your (experience|approach) (with|to) ", r"my \1 \2 "),
    )
)
_PRONOUNS = {"you": "I", "your": "my", "yours": "mine", "yourself": "myself"}
_PRONOUN = re.compile(r"\b(you|your|yours|yourself)\b", re.I)


def first_names(interview: Interview) -> list[str]:
    """The first name of everyone noted as interviewing you, in order."""
    names = [p.name.split()[0] if p.name.split() else "" for p in interview.interviewers]
    return [n for n in names if n]


def greeting(interview: Interview) -> str:
    """ "Hi Ana," / "Hi Ana and Bo," / "Hello," when nobody was noted."""
    names = first_names(interview)
    if not names:
        return "Hello,"
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Hi {joined},"


def about(interview: Interview) -> str:
    """The role as the draft names it, once: "the Data analyst role at Acme"."""
    role = " ".join(interview.role.split())
    company = " ".join(interview.company.split())
    text = f"the {role} role" if role else "the role"
    return f"{text} at {company}" if company else text


def topic_of(question: str) -> str | None:
    """A question they asked, as a topic ("how to deploy a model"); None for a generic
    question or one the rules cannot turn into a topic."""
    text = " ".join(question.split()).rstrip("?.! ")
    key = text.casefold()
    if not text or any(key.startswith(g) for g in GENERIC):
        return None
    for pattern, repl in _LEADS:
        if pattern.search(text):
            text = pattern.sub(repl, text, count=1)
            break
    else:
        if question.strip().endswith("?"):
            return None  # a question with no known shape: never quoted
    text = _PRONOUN.sub(lambda m: _PRONOUNS[m[1].lower()], text).strip()
    if not text:
        return None
    return text if len(text) <= 100 else text[:97].rstrip() + "..."


def topic(interview: Interview) -> str | None:
    """The first topic among the questions they asked (None when none gives one)."""
    for exchange in interview.questions:
        found = topic_of(exchange.question)
        if found:
            return found
    return None
