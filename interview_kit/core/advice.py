"""The reading in plain, calm words: what went well first, then what to note, then
what to do next. It never promises an outcome: the employer decides.

Every phrase and rule comes from :mod:`~interview_kit.core.wording` (data beside
the catalog); this module only applies them to one interview.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from . import wording
from .assessment import Assessment, Contribution
from .due import follow_up_due, thank_you_due
from .interview import Interview
from .signals import CATEGORIES, EVIDENCE_LEVELS, get_signal


def _mentioned(assessment: Assessment) -> tuple[list[Contribution], list[Contribution], bool]:
    """(strengths, concerns, hard): signs entered clearly positive / negative, the
    focus signs left out, largest first (concerns most negative first); ``hard`` when
    a concern was entered at the strongest level."""
    levels = [(c, wording.level_of(c.value)) for c in assessment.contributions
              if c.signal not in wording.FOCUS_SIGNALS]
    good = [c for c, level in levels if level > 0]
    bad = sorted((c for c, level in levels if level < 0), key=lambda c: (c.points, c.value))
    return good, bad, any(level <= -2 for _, level in levels)


def _concern(c: Contribution, interview: Interview) -> str:
    text = wording.sign_sentence(c.signal, c.value)
    if c.signal == "duration" and interview.actual_minutes is not None:  # say it plainly
        text += (f" ({interview.actual_minutes:g} of {interview.scheduled_minutes:g} "
                 "minutes booked)")
    return text


def _focus(assessment: Assessment) -> str:
    for c in assessment.contributions:
        if c.signal in wording.FOCUS_SIGNALS:
            return wording.FOCUS_WORDS[wording.level_of(c.value)]
    return ""


def _hedge(mentioned: list[Contribution]) -> str:
    """One note for the weakest evidence among the signs mentioned ("" if none)."""
    levels = {get_signal(c.signal).evidence_level for c in mentioned}
    for level in EVIDENCE_LEVELS:  # weakest first
        if level in levels:
            return wording.HEDGE_NOTES[level]
    return ""


def write_advice(assessment: Assessment, interview: Interview) -> Assessment:
    """A copy of ``assessment`` with its words filled in from what was entered."""
    good, bad, hard = _mentioned(assessment)
    unclear = assessment.verdict == "unclear"
    own = bool(interview.went_well.strip())
    headline = next(h.text for h in wording.HEADLINES
                    if h.fits(assessment.verdict, bool(good), bool(bad), hard))

    advice: list[str] = []
    prompt = ""
    if not unclear:  # with too little noted, no "what went well" advice is invented
        if good:
            advice.append(wording.HOLD_ON.format(strength=get_signal(good[0].signal).strength))
        elif own:
            advice.append(wording.HOLD_ON_OWN)
        else:
            prompt = wording.NAME_ONE
    if bad and interview.outcome not in wording.SETTLED:
        advice.append(wording.LET_GO)
    advice += _dated(wording.NEXT_STEPS[interview.outcome], interview)
    return replace(
        assessment,
        strengths=tuple(wording.sign_sentence(c.signal, c.value) for c in good),
        concerns=tuple(_concern(c, interview) for c in bad),
        advice=tuple(advice),
        headline=headline,
        focus=_focus(assessment),
        note=_hedge(good + bad),
        prompt=prompt,
    )


def _dated(steps: tuple[str, ...], interview: Interview) -> list[str]:
    """The next steps with the debrief's dates in them: a thank-you already sent is
    not asked for again, and the check-in waits for the decision date they named
    (the dates come from :mod:`core.due`, the one place that decides them)."""
    out = []
    for step in steps:
        if step == wording.THANKS and interview.thank_you_sent:
            step = wording.THANKS_SENT.format(sent=interview.thank_you_sent)
        elif step == wording.THANKS and (due := thank_you_due(interview)) is not None:
            step = wording.THANKS_DUE.format(due=due.isoformat())
        elif step == wording.CHECK_IN and (due := follow_up_due(interview)) is not None:
            template = wording.CHECK_IN_TOLD if interview.decision_by else wording.CHECK_IN_ON
            step = template.format(told=interview.decision_by, due=due.isoformat())
        out.append(step)
    return out


def verdict_words(verdict: str) -> str:
    """A verdict as the page says it: "unclear (too little noted to say)"."""
    return wording.VERDICT_WORDS.get(verdict, verdict)


def score_line(assessment: Assessment) -> str:
    """The score with its coverage; with too little noted the words lead and the
    number is said to mean little (it must never read like a forecast)."""
    if assessment.verdict == "unclear":
        return (f"Too little noted to say ({assessment.coverage}); the score, "
                f"{assessment.overall:.0f} out of 100, means little on so few signs.")
    return (f"Overall {assessment.overall:.0f} out of 100, {assessment.verdict}, "
            f"{assessment.coverage}.")


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
        sections.append(Section(wording.FOCUS, (assessment.focus,)))
    sections.append(Section(wording.NEXT_STEPS_TITLE, assessment.advice))
    return tuple(sections)


def detail_rows(assessment: Assessment) -> tuple[tuple[str, str], ...]:
    """(sign label, whole points such as "+8") for every sign that moved the score."""
    return tuple((get_signal(c.signal).label, f"{round(c.points):+d}")
                 for c in assessment.contributions)


def reading_text(assessment: Assessment, interview: Interview, width: int = 78, *,
                 clean: Callable[[str], str] = str) -> str:
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
