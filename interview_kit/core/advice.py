"""The reading in plain, calm words: what went well first, then what to note, then
what to do next. It never promises an outcome: the employer decides."""

from __future__ import annotations

from dataclasses import replace

from .assessment import Assessment
from .interview import Interview
from .outcomes import OUTCOMES
from .signals import CATEGORIES, get_signal

# Weaker evidence, gentler words (keyed by Signal.evidence_level).
_STRENGTH_HEDGE = {
    "modest": "",
    "weak": " (a mild good sign)",
    "folk": " (pleasant, though it proves little on its own)",
}
_CONCERN_HEDGE = {
    "modest": " (worth a thought, not a verdict)",
    "weak": " (a mild sign at most)",
    "folk": " (often it means nothing at all)",
}

_LEAD = {
    "promising": (
        "On balance the signs you noticed lean positive. It is fair to feel hopeful, "
        "while keeping your other options open until you hear back."
    ),
    "mixed": (
        "The signs point both ways, which is how most interviews look from the inside. "
        "Nothing here says it went badly."
    ),
    "concerning": (
        "Several signs leaned the wrong way, but they are guesses about what someone "
        "else was thinking, not a decision. Interviewers are often harder to read than "
        "they seem."
    ),
    "unclear": (
        "Too little was noted to read anything into it. That is fine: add what you "
        "remember, or simply let it rest."
    ),
}

_THANKS = (
    "Within a day, send a short thank-you note that mentions something specific you "
    "talked about."
)
_FOLLOW_UP = (
    "If they named a date for their decision, wait until it has passed; if not, a "
    "polite check-in about a week after the interview is normal."
)
_LET_GO = (
    "Note the rough moments once, then let them go: a single moment rarely decides an "
    "interview, and replaying it will not change it."
)
_EMPLOYER = (
    "In the end the employer decides, weighing things you cannot see, such as other "
    "candidates, budget and timing."
)
_OUTCOME = {
    None: (
        "Silence in the first weeks is normal: in the US a hiring process took about "
        "24 days on average (Glassdoor, 2017). Keep other applications going meanwhile."
    ),
    "offer": "Congratulations. Take the time to read the offer carefully before you answer.",
    "next_round": (
        "You are through to the next round: what they asked this time is a good guide "
        "to what to prepare."
    ),
    "rejected": (
        "It did not work out this time. A polite request for feedback can help, and the "
        "practice carries over to your next interview."
    ),
    "no_response": (
        "No reply after a follow-up usually means they have moved on. That says more "
        "about their process than about you; put your energy into the next applications."
    ),
    "withdrawn": "You chose to withdraw: a decision made on your own terms.",
}


if set(_OUTCOME) != {None, *OUTCOMES}:  # a new outcome in the table needs its advice
    raise ValueError(f"advice: no words for outcomes {set(_OUTCOME) ^ {None, *OUTCOMES}}")


def strength_text(signal_id: str) -> str:
    """What went well with one signal, hedged by how strong its evidence is."""
    signal = get_signal(signal_id)
    return _capital(signal.strength) + _STRENGTH_HEDGE[signal.evidence_level]


def concern_text(signal_id: str) -> str:
    """What to note about one signal; weaker evidence gets gentler words."""
    signal = get_signal(signal_id)
    return _capital(signal.concern) + _CONCERN_HEDGE[signal.evidence_level]


def write_advice(assessment: Assessment, interview: Interview) -> Assessment:
    """A copy of ``assessment`` with strengths, concerns and advice filled in."""
    positive = [c for c in assessment.contributions if c.points > 0]
    negative = sorted((c for c in assessment.contributions if c.points < 0),
                      key=lambda c: c.points)
    strengths = tuple(strength_text(c.signal) for c in positive)
    concerns = tuple(concern_text(c.signal) for c in negative)

    advice = [_LEAD[assessment.verdict]]
    if positive:
        advice.append(
            f"Hold on to what went well: {get_signal(positive[0].signal).strength}."
        )
    if negative:
        advice.append(_LET_GO)
    if interview.outcome in (None, "next_round"):
        advice += [_THANKS, _FOLLOW_UP]
    advice.append(_OUTCOME[interview.outcome])
    advice.append(_EMPLOYER)
    return replace(assessment, strengths=strengths, concerns=concerns, advice=tuple(advice))


def summary(assessment: Assessment) -> str:
    """The reading in one sentence: the chart's text alternative and the CLI headline."""
    parts = []
    for cat in CATEGORIES:
        value = assessment.categories.get(cat.id)
        shown = "not noted" if value is None else f"{value:.0f}"
        parts.append(f"{cat.label.lower()} {shown}")
    return (
        f"Overall {assessment.overall:.0f} out of 100, {assessment.verdict}, "
        f"confidence {assessment.confidence:.0%}. By category: {', '.join(parts)}."
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
