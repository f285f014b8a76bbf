"""The reading's wording rules, as data beside the signal catalog.

:mod:`~interview_kit.core.advice` only looks things up here, so every rule can be
read (and tested) in one place:

* a sign is *mentioned* at the catalog level nearest its value; a value too close
  to 0 (below :data:`MENTION_AT`) says nothing either way and is not mentioned;
* a sign is a strength only when entered positive, a concern only when entered
  negative, and its sentence is the catalog's words for that level, so -2 and -1
  read differently;
* the question mix (:data:`FOCUS_SIGNALS`) is never a strength or a concern: it is
  said as what the interviewer focused on;
* how far to trust the signs is said once per reading (:data:`HEDGE_NOTES`, for the
  weakest evidence among the signs mentioned), never after every item;
* the headline is the first rule of :data:`HEADLINES` that fits what was entered;
* the next steps follow the outcome (:data:`NEXT_STEPS`); the waiting-time fact
  appears only where waiting is the advice;
* what changes with the day and with what happened since (an outcome's headline,
  dates said as plans or as passed, silence in days then weeks, a panel, nerves, your
  own doubts) is worded in :mod:`~interview_kit.core.later_words`;
* each hedge is said once: the employer decides (:data:`EMPLOYER`) and how far to
  trust the signs (:data:`HEDGE_NOTES`), never again in other words.
"""

from __future__ import annotations

from dataclasses import dataclass

from .assessment import VERDICTS
from .outcomes import OUTCOMES
from .signals import CATALOG, EVIDENCE_LEVELS, LOW, QUESTIONS_SIGNAL, get_signal

#: A value this far from 0 (or more) is mentioned; closer, it is too slight to name.
MENTION_AT = 0.5

#: Outcomes after which the employer has decided (or you have): no thank-you note,
#: no check-in, no follow-up reminder.
DECISIONS = frozenset({"offer", "rejected", "withdrawn"})
#: Outcomes after which the rough moments are not worth revisiting (an offer, your
#: own withdrawal); after a rejection, letting them go is still the advice.
SETTLED = frozenset({"offer", "withdrawn"})
#: Outcomes for which a thank-you / follow-up reminder is offered (only "no news yet").
AWAITING = frozenset({None})

#: Signs read as the interviewer's focus, never as a strength or a concern
#: (the catalog calls the question mix a weak sign of how they run interviews).
FOCUS_SIGNALS = frozenset({QUESTIONS_SIGNAL})

#: What each evidence level means, in plain words (instead of "folk", "weak", ...).
EVIDENCE_WORDS = {
    "folk": "common advice, not backed by a study",
    "weak": "weakly supported by studies",
    "modest": "modestly supported by studies",
}

#: A verdict as the page says it, where the bare word would puzzle.
VERDICT_WORDS = {"unclear": "unclear (too little noted to say)"}

#: One note per reading, for the weakest evidence among the signs it mentions.
HEDGE_NOTES = {
    "folk": ("Read the signs above lightly: some are common advice that no study has tested."),
    "weak": ("Read the signs above lightly: studies link them only weakly to how interviews end."),
    "modest": (
        "Even the best-studied of the signs above has only a small link to how "
        "interviews are rated: a hint, not a verdict."
    ),
}

#: The question mix at each level (-2..+2), said as the interviewer's focus. The
#: weight is said after it (:data:`WEAK_SIGN`): words and weight must agree, so the
#: mix is never said to mean nothing while it moves the score.
FOCUS_WORDS = {
    -2: "The interviewer asked only technical questions: they were checking skills first.",
    -1: "The questions leaned technical: the interviewer was checking skills first.",
    0: "The questions mixed technical skills and your past experience.",
    1: "Many questions were about your own experience: they may have been picturing "
    "you in the team.",
    2: "Most questions were about your own experience and challenges: they may have "
    "been picturing you in the team.",
}
#: The question mix's weight, said wherever the mix is: "{share}" is "half" with the
#: catalog's weights, "{points}" its points in this reading ("+4 points", "-1 point",
#: "0 points").
WEAK_SIGN = (
    "It is a weak sign, as much about their interview style as about you: it "
    "counts {share}, {points} here."
)


@dataclass(frozen=True)
class Headline:
    """One summary rule: it fits when every given condition holds (None: any).

    ``good``/``bad``: whether any strength / concern was entered; ``hard``: whether
    a concern was entered at the strongest level (-2), e.g. "struggled with most
    questions".
    """

    text: str
    verdict: str | None = None
    good: bool | None = None
    bad: bool | None = None
    hard: bool | None = None

    def fits(self, verdict: str, good: bool, bad: bool, hard: bool) -> bool:
        return (
            (self.verdict is None or self.verdict == verdict)
            and (self.good is None or self.good == good)
            and (self.bad is None or self.bad == bad)
            and (self.hard is None or self.hard == hard)
        )


#: First fitting rule wins; the last rule of each verdict fits everything left.
HEADLINES: tuple[Headline, ...] = (
    Headline(
        "Too little was noted to read anything into it. That is fine: add what you "
        "remember, or simply let it rest.",
        verdict="unclear",
    ),
    Headline(
        "The signs you noted lean positive, and nothing you noted went badly. It is "
        "fair to feel hopeful while you keep other options open.",
        verdict="promising",
        bad=False,
    ),
    Headline(
        "The signs you noted lean positive, with something worth noting below. It is "
        "fair to feel hopeful while you keep other options open.",
        verdict="promising",
    ),
    Headline(
        "Some things went well and some were genuinely hard. Both are worth remembering.",
        verdict="mixed",
        good=True,
        hard=True,
    ),
    Headline(
        "Some signs were good and some were not, which is how most interviews feel "
        "from the inside.",
        verdict="mixed",
        good=True,
        bad=True,
    ),
    Headline(
        "Parts of it were hard, and nothing you noted stood out as going well. That "
        "is a reading of a few signs, from your side of the table.",
        verdict="mixed",
        good=False,
        bad=True,
    ),
    Headline(
        "Nothing you noted went badly, and a few things went well: a calm, even interview.",
        verdict="mixed",
        good=True,
    ),
    Headline(
        "Few signs either way: a calm, even interview, hard to read from the inside.",
        verdict="mixed",
    ),
    Headline(
        "Several signs leaned the wrong way, though some things went well. These are "
        "guesses about what someone else was thinking.",
        verdict="concerning",
        good=True,
    ),
    Headline(
        "Several signs leaned the wrong way. They are guesses about what someone else "
        "was thinking: interviewers are often harder to read than "
        "they seem.",
        verdict="concerning",
    ),
)

#: The reading's section titles: one vocabulary for the CLI, the dashboard and the workbook.
WENT_WELL = "What went well"
WORTH_NOTING = "Worth noting"
FOCUS = "What the interviewer focused on"
NEXT_STEPS_TITLE = "Next steps"
DETAIL = "Detail: each sign's share of the score (points above or below 50)"
#: The candidate's own words (``went_well``), shown with what went well.
IN_YOUR_WORDS = "In your words: {text}"

HOLD_ON = "Hold on to what went well: {strength}."
HOLD_ON_OWN = "Hold on to what you named as going well: one good moment is worth keeping."
#: When nothing positive was entered (and the reading is not unclear).
NAME_ONE = (
    "Nothing positive was noted. Name one thing you did well (there is always one: a "
    "good answer, a question you asked, turning up prepared) and keep it in mind."
)
LET_GO = (
    "Note the rough moments once, then let them go: a single moment rarely sinks an "
    "interview, and replaying it will not change it."
)
EMPLOYER = (
    "In the end the employer decides, weighing things you cannot see, such as other "
    "candidates, budget and timing."
)
THANKS = (
    "If you have not yet, send a short thank-you note within a day that mentions "
    "something specific you talked about."
)
#: The waiting-time fact: dated and from one country, so it says both.
WAITING_FACT = (
    "Silence in the first weeks is normal: in the United States, hiring took about "
    "24 days on average in Glassdoor's 2017 study (it varies by country, sector and year)."
)
CHECK_IN = (
    "If they named a date for their answer, wait until it has passed; if not, a "
    "polite check-in about a week after the interview is normal. Keep other "
    "applications going meanwhile."
)
#: The same steps once the debrief gives their dates (``core/due`` computes them).
THANKS_DUE = (
    "If you have not yet, send a short thank-you note (due {due}, the day after the "
    "interview) that mentions something specific you talked about."
)
THANKS_SENT = "Your thank-you note went out on {sent}: nothing more to send."
CHECK_IN_TOLD = (
    "They said they would decide by {told}: wait until it has passed. If you have heard "
    "nothing by {due}, a short, polite check-in is fine. Keep other applications going "
    "meanwhile."
)
CHECK_IN_ON = (
    "They named no date for their answer: a polite check-in around {due}, a week "
    "after the interview, is normal. Keep other applications going meanwhile."
)

#: After "no response" (:mod:`core.later_words` words it for an early silence).
NO_ANSWER = "Put your energy into your other applications; this one needs nothing more from you."

#: Next steps per outcome (None: no news yet). Thank-you, check-in and the waiting
#: fact appear only while you are waiting for an answer.
NEXT_STEPS: dict[str | None, tuple[str, ...]] = {
    None: (THANKS, CHECK_IN, WAITING_FACT, EMPLOYER),
    "next_round": (
        "Have two or three short stories ready about past challenges and what you did; "
        "later rounds often dig deeper into them.",
        EMPLOYER,
    ),
    "offer": (
        "Read the offer in writing, take the time you need, and ask about anything "
        "unclear before you answer.",
    ),
    "rejected": ("Keep one thing from this interview that you would do again.",),
    "withdrawn": ("Nothing more to do for this one.",),
    "no_response": (NO_ANSWER,),
}


def level_of(value: float) -> int:
    """The catalog level (-2..+2) nearest ``value``; 0 when it is too slight to name."""
    if abs(value) < MENTION_AT:
        return 0
    step = min(int(abs(value) + 0.5), 2)  # round half away from zero
    return step if value > 0 else -step


def level_words(signal_id: str, level: int) -> str:
    """The catalog's words for one level of a sign (e.g. "Long, awkward silences")."""
    return get_signal(signal_id).levels[level - int(LOW)]


def sign_sentence(signal_id: str, value: float) -> str:
    """A strength or concern in the words of the level entered: "Smoothness: long,
    awkward silences" (-2) differs from "Smoothness: a few stiff moments" (-1)."""
    words = level_words(signal_id, level_of(value))
    return f"{get_signal(signal_id).label}: {words[:1].lower()}{words[1:]}"


def _check_rules() -> None:
    """Refuse incomplete rules at import: every outcome has next steps, every
    evidence level its words and note, every verdict a last-resort headline."""
    missing = {None, *OUTCOMES} ^ set(NEXT_STEPS)
    if missing:
        raise ValueError(f"wording: no next steps for outcomes {missing}")
    for table in (EVIDENCE_WORDS, HEDGE_NOTES):
        if set(table) != set(EVIDENCE_LEVELS):
            raise ValueError(f"wording: evidence levels {set(table) ^ set(EVIDENCE_LEVELS)}")
    waiting = (THANKS, CHECK_IN, WAITING_FACT)
    chasing = [o for o in NEXT_STEPS if o not in AWAITING and set(NEXT_STEPS[o]) & set(waiting)]
    if chasing:  # thank-you, check-in and the waiting time only while waiting
        raise ValueError(f"wording: waiting advice after outcomes {chasing}")
    for name, outcomes in (("decisions", DECISIONS), ("settled", SETTLED)):
        if not outcomes <= set(OUTCOMES):
            raise ValueError(f"wording: unknown {name} {outcomes - set(OUTCOMES)}")
    for verdict in VERDICTS:
        if not any(
            h.verdict == verdict and h.good is None and h.bad is None and h.hard is None
            for h in HEADLINES
        ):
            raise ValueError(f"wording: no catch-all headline for {verdict}")
    ids = {s.id for s in CATALOG}
    if not FOCUS_SIGNALS <= ids:
        raise ValueError(f"wording: unknown focus signals {FOCUS_SIGNALS - ids}")


_check_rules()
