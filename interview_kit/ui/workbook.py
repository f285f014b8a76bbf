"""Helpers the workbook notebook calls, kept here so tests reach them.

The tables return a :class:`Table`: plain rows that show as an escaped HTML table
in Jupyter and as aligned text elsewhere. The debrief tables read a journal's
entries: the questions that came up in more than one interview, and what is due.
:func:`sandbox_journal` is the journal the workbook uses unless a cell opens the
user's own: running the workbook never creates or changes the user's journal.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..core import signals as _signals
from ..core.assessment import Assessment
from ..core.debrief import repeated_questions
from ..core.due import DEFAULT_DAYS, KIND_WORDS, due_list
from ..core.fields import COMPANY, ROLE
from ..core.interview import Interview
from ..core.my_signs import sign_from_dict, sign_to_dict
from ..core.scoring import score
from ..core.weights import validate_weights, weight_problems
from ..core.wording import EVIDENCE_WORDS
from ..journal.records import Entry
from ..journal.store import Journal


@dataclass(frozen=True)
class Table:
    """Rows of text under a header; every cell is escaped when shown as HTML."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""

    def _repr_html_(self) -> str:
        head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in self.header)
        body = "".join(
            "<tr>"
            + "".join(f"<td style='text-align:left'>{html.escape(cell)}</td>" for cell in row)
            + "</tr>"
            for row in self.rows
        )
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def __str__(self) -> str:
        lines = [self.header, *self.rows]
        widths = [max(len(line[i]) for line in lines) for i in range(len(self.header))]
        out = [self.caption] if self.caption else []
        out += [
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
            for line in lines
        ]
        return "\n".join(out)

    def __repr__(self) -> str:
        return str(self)


class WeightsMistakes(ValueError):
    """Every mistake in the workbook's ``MY_WEIGHTS``, told at once in plain words.

    IPython calls ``_render_traceback_`` instead of printing a traceback, so the cell
    shows only these lines: the mistakes are the user's typing, not a crash."""

    def __init__(self, name: str, problems: Sequence[Exception]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = (
            f"{name} has {count} mistake{'s' if count != 1 else ''}; fix "
            f"{'them' if count != 1 else 'it'} and run this cell again:"
        )
        self.lines = [head, *(f"  - {problem}" for problem in self.problems)]
        super().__init__("\n".join(self.lines))

    def _render_traceback_(self) -> list[str]:
        return self.lines


def check_my_weights(weights: object, name: str = "MY_WEIGHTS") -> None:
    """Check weights where they are typed: every mistake at once, no traceback
    (:class:`WeightsMistakes`); all-zero weights are refused too. Returns None so the
    cell shows nothing when all is well."""
    problems = weight_problems(weights, field=name)
    if problems:
        raise WeightsMistakes(name, problems)


def _score_text(value: float | None) -> str:
    return "not noted" if value is None else f"{value:.0f}"


def _points(assessment: Assessment) -> dict[str, float]:
    return {c.signal: c.points for c in assessment.contributions}


def compare_weights(interview: Interview, weights: Mapping[str, float] | None) -> Table:
    """The reading with the catalog's weights beside the reading with ``weights``."""
    chosen = validate_weights(weights)
    before = score(interview)
    after = score(interview, chosen)
    rows = [
        ("overall", f"{before.overall:.1f}", f"{after.overall:.1f}"),
        ("verdict", before.verdict, after.verdict),
        ("coverage", before.coverage, after.coverage),
    ]
    for category in _signals.CATEGORIES:
        rows.append(
            (
                f"{category.label} (category)",
                _score_text(before.categories.get(category.id)),
                _score_text(after.categories.get(category.id)),
            )
        )
    default = validate_weights(None)
    old, new = _points(before), _points(after)
    for signal in _signals.all_signals():
        rows.append(
            (
                f"{signal.label}: weight, points",
                f"{default[signal.id]:g}, {old[signal.id]:+.1f}"
                if signal.id in old
                else f"{default[signal.id]:g}, -",
                f"{chosen[signal.id]:g}, {new[signal.id]:+.1f}"
                if signal.id in new
                else f"{chosen[signal.id]:g}, -",
            )
        )
    return Table(
        ("", "catalog weights", "your weights"),
        tuple(rows),
        caption="Before and after your weights",
    )


def signal_table(signals: Sequence[_signals.Signal] | None = None) -> Table:
    """What each sign suggests and how strong the evidence behind it is, from the catalog."""
    chosen = _signals.all_signals() if signals is None else tuple(signals)
    rows = tuple(
        (
            s.label,
            _signals.get_category(s.category).label,
            s.source,
            f"{s.negative} ... {s.positive}",
            s.meaning,
            EVIDENCE_WORDS[s.evidence_level],
            s.evidence,
        )
        for s in chosen
    )
    return Table(
        ("sign", "category", "source", "from -2 to +2", "what it suggests", "evidence", "why"), rows
    )


def repeated_questions_table(entries: Iterable[Entry], *, at_least: int = 2) -> Table:
    """The questions asked in at least ``at_least`` interviews (case and spacing
    ignored), most frequent first; the caption says plainly when there are none."""
    entries = list(entries)
    noted = [e.interview.questions for e in entries if e.interview.questions]
    rows = tuple(
        (question, str(count)) for question, count in repeated_questions(noted, at_least=at_least)
    )
    where = f"{len(noted)} of {len(entries)} interviews have the questions asked noted"
    times = "more than one interview" if at_least == 2 else f"{at_least} or more interviews"
    caption = (
        f"Questions asked in {times} ({where})"
        if rows
        else f"No question came up in {times} yet ({where})"
    )
    return Table(("question they asked", "interviews"), rows, caption=caption)


def journal_date(entries: Iterable[Entry]) -> _dt.date | None:
    """The latest interview date in ``entries``: "today" for a journal looked at
    as it stood (the demo's), so its due list does not depend on the calendar."""
    days = [e.interview.date for e in entries if e.interview.date]
    return _dt.date.fromisoformat(max(days)) if days else None


def due_table(
    entries: Iterable[Entry], *, today: _dt.date | None = None, days: int = DEFAULT_DAYS
) -> Table:
    """What is due up to ``days`` after ``today`` (default: the journal's latest
    interview date), overdue first: the rules of :mod:`interview_kit.core.due`."""
    entries = list(entries)
    when = today or journal_date(entries) or _dt.date.today()
    items = due_list([(e.id, e.interview) for e in entries], today=when, days=days)
    rows = tuple(
        (
            d.due.isoformat(),
            "overdue" if d.overdue(when) else "due",
            KIND_WORDS[d.kind],
            d.company,
            d.role,
            f"#{d.id}",
        )
        for d in items
    )
    caption = (
        f"What is due as of {when.isoformat()} (up to {days} days ahead, overdue "
        f"first): {len(rows)}"
        if rows
        else f"Nothing is due as of {when.isoformat()} (up to {days} days ahead)"
    )
    return Table(
        ("due", "status", "what", COMPANY.key, ROLE.key, "interview"), rows, caption=caption
    )


def sandbox_journal() -> Journal:
    """The workbook's journal: the synthetic demo journal, in a new temporary folder
    (the user's own journal, which the dashboard uses, is never opened)."""
    import tempfile

    from ..learn.demo import open_demo_journal

    return open_demo_journal(tempfile.mkdtemp(prefix="ik-workbook-"))


def journal_notice(journal: Journal, demo: bool = True) -> str:
    """Which journal a workbook cell works on, in words (say it wherever it is used)."""
    from ..learn.demo import SYNTHETIC_NOTICE

    if demo:
        return (
            f"This workbook uses a sandbox journal: {journal.path}\n{SYNTHETIC_NOTICE} "
            "Saving, History and Calibration below work on it; your own journal "
            "is not opened."
        )
    return f"This workbook uses YOUR journal: {journal.path}"


def use_my_signs(journal: Journal, my_signs: Sequence[Mapping[str, object]]) -> str:
    """The workbook's ``MY_SIGNS`` cell: each sign of your own the journal lacks is
    added (checked like ``interview-kit sign add``), and the journal's signs become the
    active catalog, so the cells below read, draw and score them. Returns what it did,
    in words. A sign the journal already has, defined the same, is left as it is."""
    have = {s.id: sign_to_dict(s) for s in journal.signs()}
    added = []
    for i, data in enumerate(my_signs):
        sign = (
            sign_from_dict(dict(data), catalog=journal.sign_catalog(), where=f"MY_SIGNS[{i}].")
            if data.get("id") not in have
            else None
        )
        if sign is not None:
            journal.add_sign(sign)
            added.append(sign.label)
    journal.activate_signs()
    mine = [s.label for s in journal.signs()]
    said = f"Added {', '.join(added)}. " if added else ""
    return said + ("Your own signs: " + ", ".join(mine) + "." if mine else "No signs of your own.")
