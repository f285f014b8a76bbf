"""The reading's words once time has passed: outcomes, dates, silence, your own read.

Beside :mod:`~interview_kit.core.wording` (the words of the evening after), this
module holds what changes with the day and with what happened since: the headline
for each recorded outcome, the next steps with their dates said as plans or as
passed, how silence is spoken of as days turn into weeks, and the sentences the
debrief calls for (a panel, nerves, your own doubts about them). Each hedge here is
said once per reading: :mod:`~interview_kit.core.advice` picks, this module words.
"""

from __future__ import annotations

from .clock import span_words
from .moment import TYPICAL_DAYS, Moment
from .signals import get_signal

#: Words that make a headline hopeful: never used once the answer is no (or silence).
HOPEFUL = ("hopeful", "optimistic", "lean positive", "good chance")
#: Outcomes after which no headline is hopeful.
NOT_HOPEFUL = frozenset({"rejected", "withdrawn", "no_response"})

#: The verdict as what the signs said at the time, beside a recorded outcome.
THEN = "At the time, the signs read {verdict} (overall {overall} out of 100, {coverage})."
THEN_UNCLEAR = "At the time, too little was noted to read the signs ({coverage})."


def outcome_headline(outcome: str, moment: Moment, questions: tuple[str, ...]) -> str:
    """The headline once ``outcome`` is recorded: it speaks to what happened."""
    doubts = moment.doubts
    if outcome == "rejected":
        text = (
            "It did not work out this time. What went well is still yours to keep, "
            "and if you would like to, you can ask them politely for feedback."
        )
        if doubts:
            text += " You had doubts about them too: fit has to work both ways."
        return text
    if outcome == "offer":
        text = (
            "You have an offer: congratulations. Weigh it on its own terms (the work, "
            "the pay, the people, how it fits what you want)."
        )
        if doubts:
            text += " Your own read of them was lukewarm: give that real weight too."
        return text
    if outcome == "next_round":
        if questions:
            asked = "; ".join(f"\u201c{q}\u201d" for q in questions[:3])
            prepare = f"go back over what they asked ({asked}) and the answers you would sharpen"
        else:
            prepare = "write down the questions you remember and the answers you would sharpen"
        return f"You made it to the next round. Prepare from this one: {prepare}."
    if outcome == "withdrawn":
        return "You chose to step back from this one, on your own terms."
    return _no_response(moment)


def _no_response(moment: Moment) -> str:
    """Silence, spoken of by how long it has lasted (days, then weeks)."""
    days = moment.days_since
    if days is None:
        return (
            "You have heard nothing back. Silence that runs past a few weeks usually "
            "means they have moved on, which says more about their process than about "
            "you: let this one go kindly."
        )
    if days < TYPICAL_DAYS:
        return (
            f"You marked this as no response, yet it has been only {span_words(days)} "
            f"since the interview: hiring often takes three to four weeks, so this "
            "silence may still be their process."
        )
    return (
        f"No answer after {span_words(days)} usually means they have moved on. That "
        "says more about their process than about you: let this one go kindly."
    )


#: The pending headline once the silence is longer than a typical hiring process (the
#: waiting-time fact moves here: it is said once).
LONG_SILENCE = (
    "{span} without news is longer than the 24 days hiring took on average in "
    "Glassdoor's 2017 US study: silence this long often means they have moved "
    "on, though some processes run slower. Keep your energy on other "
    "applications."
)


def thanks_step(moment: Moment, generic: str) -> str | None:
    """The thank-you step on this day: sent, a plan, late but welcome, or left out."""
    if moment.thanks_sent is not None:
        return (
            f"Your thank-you note went out {moment.on(moment.thanks_sent)}: nothing more to send."
        )
    due = moment.thanks_due
    if due is None:
        return generic
    if due == moment.today:
        return (
            "Send a short thank-you note today, the day after the interview, "
            "mentioning something specific you talked about."
        )
    if due > moment.today:
        return (
            f"Send a short thank-you note by {moment.words(due)}, the day after the "
            "interview, mentioning something specific you talked about."
        )
    if (moment.today - due).days <= 14:
        return (
            f"Your thank-you note was due {moment.on(due)}; if you have not "
            "sent one, a late note is still welcome."
        )
    return None  # weeks later a thank-you no longer helps: left out


def check_in_step(moment: Moment, generic: str) -> str | None:
    """The check-in step: a plan while its day is ahead, "now is fine" once it passed."""
    day = moment.check_in
    if day is None:
        return generic
    told = moment.decide_by
    if day > moment.today:
        if told is not None:
            return (
                f"They said they would decide by {moment.words(told)}: wait until "
                f"then. If you have heard nothing by {moment.words(day)}, a short, "
                "polite check-in is fine."
            )
        return (
            f"They named no date for an answer: a polite check-in around "
            f"{moment.words(day)}, a week after the interview, is normal."
        )
    days = moment.days_since or 0
    since = f"It has been {span_words(days)} since the interview" if days <= TYPICAL_DAYS else ""
    passed = (
        f"the date they named ({moment.words(told)}) has passed"
        if told is not None and told < moment.today
        else ""
    )
    lead = ", and ".join(x for x in (since, passed) if x)
    lead = (lead[:1].upper() + lead[1:] + ": a") if lead else "A"
    return f"{lead} short, polite check-in is fine now, once (see the check-in draft)."


def no_response_step(moment: Moment, generic: str) -> str:
    """After "no response": early on, one check-in is still worth it; later, let go."""
    days = moment.days_since
    if days is not None and days < TYPICAL_DAYS:
        return (
            "If you have not checked in yet, one short, polite note is fine (see the "
            "check-in draft); meanwhile keep your other applications going."
        )
    return generic


def waiting_step(moment: Moment, generic: str) -> str | None:
    """The waiting-time fact while the silence is ordinary; past the typical length
    the headline says what long silence means (:data:`LONG_SILENCE`), so it is left
    out here."""
    days = moment.days_since
    if days is None or days <= TYPICAL_DAYS:
        return generic
    return None


#: Your own read of them, when it was lukewarm or worried (said once).
JUDGING_TOO = (
    "You were judging them too, and your own read was lukewarm: whatever "
    "they answer, weigh whether you want this job."
)


def nerves_sentence() -> str:
    """Nerves put in proportion, with the anxiety evidence the catalog cites."""
    evidence = get_signal("comfort").evidence
    return "Nerves are common and weigh less than people fear. " + evidence


def share_words(ratio: float) -> str:
    """How much a sign counts beside the strongest one: "half", "a quarter"."""
    for value, words in (
        (1.0, "as much as the main signs"),
        (0.5, "half"),
        (0.25, "a quarter"),
        (0.0, "nothing"),
    ):
        if abs(ratio - value) < 1e-9:
            return words if value in (1.0, 0.0) else f"{words} as much as the main signs"
    return f"{ratio:.0%} as much as the main signs"
