"""The reading in plain, calm words: what went well first, then what to note, then
what to do next. It never promises an outcome: the employer decides.

Every phrase and rule comes from :mod:`~interview_kit.core.wording` (data beside
the catalog); this module only applies them to one interview.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import later_words, wording
from .assessment import Assessment, Contribution
from .clock import span_words
from .interview import Interview
from .moment import TYPICAL_DAYS, Moment, moment_of
from .outcomes import outcome_words
from .signals import CATEGORIES, EVIDENCE_LEVELS, get_signal


def _mentioned(assessment: Assessment) -> tuple[list[Contribution], list[Contribution], bool]:
    """(strengths, concerns, hard): signs entered clearly positive / negative, the
    focus signs left out, largest first (concerns most negative first); ``hard`` when
    a concern was entered at the strongest level."""
    levels = [
        (c, wording.level_of(c.value))
        for c in assessment.contributions
        if c.signal not in wording.FOCUS_SIGNALS
    ]
    good = [c for c, level in levels if level > 0]
    bad = sorted((c for c, level in levels if level < 0), key=lambda c: (c.points, c.value))
    return good, bad, any(level <= -2 for _, level in levels)


def _concern(c: Contribution, interview: Interview) -> str:
    text = wording.sign_sentence(c.signal, c.value)
    if c.signal == "duration" and interview.actual_minutes is not None:  # say it plainly
        text += f" ({interview.actual_minutes:g} of {interview.scheduled_minutes:g} minutes booked)"
    return text


def _focus(assessment: Assessment) -> str:
    """The question mix as the interviewer's focus, with its weight and points said
    beside it: a weak sign that moves the score is never said to mean nothing."""
    for c in assessment.contributions:
        if c.signal in wording.FOCUS_SIGNALS:
            main = max(
                (w for s, w in assessment.weights.items() if s not in wording.FOCUS_SIGNALS),
                default=0.0,
            )
            share = later_words.share_words(c.weight / main) if main > 0 else "alone"
            points = round(c.points)
            said = f"{points:+d} point{'' if abs(points) == 1 else 's'}" if points else "0 points"
            weight = wording.WEAK_SIGN.format(share=share, points=said)
            return f"{wording.FOCUS_WORDS[wording.level_of(c.value)]} {weight}"
    return ""


def _hedge(mentioned: list[Contribution]) -> str:
    """One note for the weakest evidence among the signs mentioned ("" if none)."""
    levels = {get_signal(c.signal).evidence_level for c in mentioned}
    for level in EVIDENCE_LEVELS:  # weakest first
        if level in levels:
            return wording.HEDGE_NOTES[level]
    return ""


def write_advice(
    assessment: Assessment, interview: Interview, today: _dt.date | None = None
) -> Assessment:
    """A copy of ``assessment`` with its words filled in from what was entered, as
    read on ``today`` (default: the kit's clock): a recorded outcome leads, dates
    passed are said as passed, and the debrief (a panel, nerves, your own read of
    them) shapes the words."""
    moment = moment_of(interview, today)
    good, bad, hard = _mentioned(assessment)
    unclear = assessment.verdict == "unclear"
    own = bool(interview.went_well.strip())
    headline = _headline(assessment, interview, moment, good, bad, hard)

    advice: list[str] = []
    prompt = ""
    if not unclear:  # with too little noted, no "what went well" advice is invented
        if good:
            advice.append(wording.HOLD_ON.format(strength=_held(good[0])))
        elif own:
            advice.append(wording.HOLD_ON_OWN)
        else:
            prompt = wording.NAME_ONE
    if bad and interview.outcome not in wording.SETTLED:
        advice.append(wording.LET_GO)
    if moment.doubts and interview.outcome in (None, "next_round"):
        advice.append(later_words.JUDGING_TOO)
    advice += _dated(wording.NEXT_STEPS[interview.outcome], moment)
    note = " ".join(
        x for x in (later_words.nerves_sentence() if moment.nerves else "", _hedge(good + bad)) if x
    )
    who = _panel if moment.panel else str
    return replace(
        assessment,
        strengths=tuple(who(wording.sign_sentence(c.signal, c.value)) for c in good),
        concerns=tuple(who(_concern(c, interview)) for c in bad),
        advice=tuple(who(a) for a in advice),
        headline=who(headline),
        focus=who(_focus(assessment)),
        note=who(note),
        prompt=prompt,
        outcome=interview.outcome,
    )


def _headline(
    assessment: Assessment,
    interview: Interview,
    moment: Moment,
    good: list[Contribution],
    bad: list[Contribution],
    hard: bool,
) -> str:
    """The outcome's headline once one is recorded; else the signs', unless the
    silence has outlasted a typical hiring process."""
    if interview.outcome is not None:
        questions = tuple(
            " ".join(q.question.split()) for q in interview.questions if q.question.strip()
        )
        return later_words.outcome_headline(interview.outcome, moment, questions)
    days = moment.days_since
    if days is not None and days > TYPICAL_DAYS:
        span = span_words(days)
        return later_words.LONG_SILENCE.format(span=span[:1].upper() + span[1:])
    return next(
        h.text for h in wording.HEADLINES if h.fits(assessment.verdict, bool(good), bool(bad), hard)
    )


def _held(c: Contribution) -> str:
    """What to hold on to, at the level entered: a +2 in the catalog's strongest
    words, a +1 in its own ("engagement: listened and reacted now and then")."""
    if wording.level_of(c.value) >= 2:
        return get_signal(c.signal).strength
    words = wording.level_words(c.signal, 1)
    return words[:1].lower() + words[1:]


_INTERVIEWER = re.compile(r"\b([Tt])he interviewer\b")


def _panel(text: str) -> str:
    """``text`` for a panel: "the interviewer" becomes "the panel"."""
    return _INTERVIEWER.sub(lambda m: f"{m[1]}he panel", text)


def _dated(steps: tuple[str, ...], moment: Moment) -> list[str]:
    """The next steps as of ``moment.today``: a date ahead is a plan, a date passed is
    said as passed (or the step is left out when it no longer helps), and the words
    about silence follow the time since the interview (the dates come from
    :mod:`core.due`, the one place that decides them)."""
    out = []
    for step in steps:
        text: str | None = step
        if step == wording.THANKS:
            text = later_words.thanks_step(moment, step)
        elif step == wording.CHECK_IN:
            text = later_words.check_in_step(moment, step)
        elif step == wording.WAITING_FACT:
            text = later_words.waiting_step(moment, step)
        elif step == wording.NO_ANSWER:
            text = later_words.no_response_step(moment, step)
        if text:
            out.append(text)
    return out


def verdict_words(verdict: str) -> str:
    """A verdict as the page says it: "unclear (too little noted to say)"."""
    return wording.VERDICT_WORDS.get(verdict, verdict)


def verdict_line(assessment: Assessment) -> str:
    """The page's verdict label: "Verdict: promising" while waiting; once an outcome
    is recorded, the outcome beside what the signs read at the time."""
    words = verdict_words(assessment.verdict)
    if assessment.outcome is None:
        return f"Verdict: {words}"
    return (
        f"Outcome: {outcome_words(assessment.outcome).lower()} (the signs read {words} at the time)"
    )


def score_line(assessment: Assessment) -> str:
    """The score with its coverage; with too little noted the words lead and the
    number is said to mean little (it must never read like a forecast). Once an
    outcome is recorded it leads, and the verdict is what the signs read at the time."""
    if assessment.outcome is not None:
        then = (
            later_words.THEN_UNCLEAR if assessment.verdict == "unclear" else later_words.THEN
        ).format(
            verdict=assessment.verdict,
            overall=f"{assessment.overall:.0f}",
            coverage=assessment.coverage,
        )
        return f"Outcome: {outcome_words(assessment.outcome).lower()}. {then}"
    if assessment.verdict == "unclear":
        return (
            f"Too little noted to say ({assessment.coverage}); the score, "
            f"{assessment.overall:.0f} out of 100, means little on so few signs."
        )
    return (
        f"Overall {assessment.overall:.0f} out of 100, {assessment.verdict}, {assessment.coverage}."
    )


def summary(assessment: Assessment) -> str:
    """The reading in one sentence: the chart's text alternative and the CLI headline."""
    parts = []
    for cat in CATEGORIES:
        value = assessment.categories.get(cat.id)
        shown = "not noted" if value is None else f"{value:.0f}"
        parts.append(f"{cat.label.lower()} {shown}")
    return f"{score_line(assessment)} By category: {', '.join(parts)}."


@dataclass(frozen=True)
class Section:
    """One part of the reading: a title, its items, and an optional note under them."""

    title: str
    items: tuple[str, ...]
    note: str = ""


def reading_sections(assessment: Assessment, interview: Interview) -> tuple[Section, ...]:
    """The reading in the order every view shows it: what went well (with the
    candidate's own words), what is worth noting, the one note on how far to trust
    them, the interviewer's focus, then the next steps. The contributions are not
    here: views show them after, as an optional detail (:func:`detail_rows`).
    ``went_well`` is user text: views escape it."""
    sections: list[Section] = []
    good = list(assessment.strengths)
    own = interview.went_well.strip()
    if own:
        good.append(wording.IN_YOUR_WORDS.format(text=own))
    if good or assessment.prompt:
        sections.append(Section(wording.WENT_WELL, tuple(good), assessment.prompt))
    if assessment.concerns:
        sections.append(Section(wording.WORTH_NOTING, assessment.concerns))
    if assessment.note and sections:
        last = sections[-1]
        note = f"{last.note} {assessment.note}".strip()
        sections[-1] = replace(last, note=note)
    if assessment.focus:
        title = _panel(wording.FOCUS) if len(interview.interviewers) > 1 else wording.FOCUS
        sections.append(Section(title, (assessment.focus,)))
    sections.append(Section(wording.NEXT_STEPS_TITLE, assessment.advice))
    return tuple(sections)


def detail_rows(assessment: Assessment) -> tuple[tuple[str, str], ...]:
    """(sign label, whole points such as "+8") for every sign that moved the score."""
    return tuple(
        (get_signal(c.signal).label, f"{round(c.points):+d}") for c in assessment.contributions
    )


def reading_text(
    assessment: Assessment,
    interview: Interview,
    width: int = 78,
    *,
    clean: Callable[[str], str] = str,
) -> str:
    """The reading as plain text (workbook and CLI): headline, sections, detail.
    ``clean`` is applied to every item (a terminal passes one that strips control
    characters from the user's own words)."""
    import textwrap

    def fill(text: str, first: str, rest: str) -> str:
        return textwrap.fill(text, width, initial_indent=first, subsequent_indent=rest)

    lines = [fill(score_line(assessment), "", ""), fill(assessment.headline, "", "")]
    for section in reading_sections(assessment, interview):
        lines += ["", section.title]
        lines += [fill(clean(item), "  - ", "    ") for item in section.items]
        if section.note:
            lines.append(fill(section.note, "  ", "  "))
    rows = detail_rows(assessment)
    if rows:
        lines += ["", wording.DETAIL]
        lines += [f"  {label:<22}{points:>4}" for label, points in rows]
    return "\n".join(lines)
