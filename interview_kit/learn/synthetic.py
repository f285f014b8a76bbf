"""Synthetic, clearly made-up interviews: for tests, and a demo journal to try the
calibration view before one has real outcomes.

Outcomes come from the same logistic model the calibration fits (values of
signals not noticed count as 0), so a large synthetic journal lets a test check
that the fit recovers the weights it was generated with. Companies are called
"Example Co 1", "Example Co 2", ...: no real employer is named.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np

from ..core.debrief import Exchange, Person
from ..core.interview import Interview
from ..core.signals import QUESTIONS_SIGNAL, all_signals, observed_signals
from ..core.weights import Weights, default_weights, validate_weights
from ..journal.exchange import EXPORT_FORMAT, EXPORT_VERSION

DEMO_SEED = 2026
DEMO_SIZE = 40
#: Weights the demo journal's outcomes are drawn with: a person for whom
#: engagement and easy answers mattered, eye contact and timing hardly at all.
DEMO_WEIGHTS = {
    "engagement": 1.5,
    "eye_contact": 0.25,
    "follow_ups": 0.5,
    "duration": 0.25,
    QUESTIONS_SIGNAL: 0.5,
    "smoothness": 1.0,
    "comfort": 0.75,
    "ease": 1.5,
}

_ROLES = ("Example analyst", "Example engineer", "Example designer", "Example coordinator")
_STAGES = ("phone_screen", "technical", "onsite", "panel", "final")
#: Chance that a directly observed signal was not noticed, per signal.
_MISSING = {
    "engagement": 0.08,
    "eye_contact": 0.2,
    "follow_ups": 0.12,
    "smoothness": 0.1,
    "comfort": 0.05,
    "ease": 0.05,
}
_MISSING_MINUTES = 0.1
_MISSING_SHARE = 0.2

# The demo's debriefs: made-up people and stock questions, several asked in more
# than one interview (so "questions that came up again" has something to show).
_PEOPLE = (
    ("Alex Example", "Hiring manager"),
    ("Sam Sample", "Team lead"),
    ("Robin Placeholder", "Recruiter"),
    ("Kim Dummy", "Engineer"),
    ("Jo Madeup", "Director"),
    ("Lee Fictional", ""),
)
_QUESTIONS = (
    (
        "Tell me about a time you disagreed with a colleague.",
        "Synthetic notes: told the story of a review that went wrong, and what changed after.",
    ),
    ("Why do you want this role?", "Synthetic notes: the team's product, and learning more."),
    (
        "Walk me through a project you are proud of.",
        "Synthetic notes: a data clean-up that saved a week a month.",
    ),
    (
        "How do you prioritise when everything is urgent?",
        "Synthetic notes: asked what mattered most to the customer first.",
    ),
    ("What would you do in your first month?", "Synthetic notes: listen, then one small win."),
    (
        "Describe a mistake you made and what you learned.",
        "Synthetic notes: a missed deadline; now I flag risks early.",
    ),
    ("How would you explain this to a non-expert?", "Synthetic notes: used an analogy; ran long."),
    ("Where do you see yourself in three years?", "Synthetic notes: kept it short."),
)
_MY_QUESTIONS = (
    "How is success measured in the first six months?",
    "What does a normal week look like?",
    "What are the next steps, and when?",
    "How does the team handle disagreements?",
)
_WENT_WELL = (
    "The example from my last project landed well.",
    "I asked good questions about the team.",
    "I stayed calm on the hard question.",
    "",
)
_RED_FLAGS = ("", "", "", "Vague about who I would report to.", "Mentioned long evenings twice.")


def _draw_signals(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Whole-step values in [-2, 2], mildly correlated through a shared 'how it went'.
    The article's signs only: the others count only where noted, and the demo journal
    stays the one the seed has always made."""
    mood = rng.normal(0.0, 0.7, n)
    out = {}
    for signal in (s for s in observed_signals() if not s.optional):
        raw = mood + rng.normal(0.3, 1.0, n)
        value = np.clip(np.rint(raw), -2, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
        missing = rng.random(n) < _MISSING.get(signal.id, 0.1)
        out[signal.id] = np.where(missing, np.nan, value)
    return out


def synthetic_interviews(
    n: int,
    weights: Weights | None = None,
    seed: int = 0,
    *,
    slope: float = 1.5,
    intercept: float = -0.3,
    left_out_share: float = 0.1,
    start: str = "2026-01-05",
) -> list[Interview]:
    """``n`` made-up interviews whose outcomes follow a logistic model of the signals.

    P(good) = logistic(intercept + slope * sum(w * v) / sum(w)), with v = 0 for a
    signal not noticed. Good outcomes are offers or next rounds, the others
    rejections or silence; ``left_out_share`` of them are withdrawn or still
    pending, drawn independently of the signals. Same arguments, same list.
    """
    weights = validate_weights(weights)
    # Signs beyond the article are never drawn (see _draw_signals), so they add no weight.
    w = np.array([0.0 if s.optional else weights[s.id] for s in all_signals()])
    total = float(w.sum()) or 1.0
    rng = np.random.default_rng(seed)
    signals = _draw_signals(rng, n)
    scheduled = rng.choice([30.0, 45.0, 60.0], n)
    over = np.clip(rng.normal(0.02, 0.2, n), -0.6, 0.8)
    actual = np.rint(scheduled * (1.0 + over))
    actual_missing = rng.random(n) < _MISSING_MINUTES
    share = np.rint(rng.uniform(0.0, 1.0, n) * 10.0) / 10.0
    share_missing = rng.random(n) < _MISSING_SHARE
    day0 = _dt.date.fromisoformat(start)
    days = np.sort(rng.integers(0, 330, n))
    stage = rng.integers(0, len(_STAGES), n)
    role = rng.integers(0, len(_ROLES), n)
    u_outcome = rng.random(n)
    kind = rng.random(n)
    left = rng.random(n) < left_out_share

    interviews = []
    for i in range(n):
        record = Interview.create(
            company=f"Example Co {i + 1}",
            role=_ROLES[role[i]],
            date=(day0 + _dt.timedelta(days=int(days[i]))).isoformat(),
            stage=_STAGES[stage[i]],
            scheduled_minutes=float(scheduled[i]),
            actual_minutes=None if actual_missing[i] else float(max(actual[i], 1.0)),
            behavioral_share=None if share_missing[i] else float(share[i]),
            signals={k: None if np.isnan(v[i]) else float(v[i]) for k, v in signals.items()},
            notes="Synthetic example, not a real interview.",
        )
        values = record.signal_values()
        x = np.array([0.0 if values[s.id] is None else values[s.id] for s in all_signals()])
        p = 1.0 / (1.0 + np.exp(-(intercept + slope * float(w @ x) / total)))
        if left[i]:
            outcome = "withdrawn" if kind[i] < 0.4 else None
        elif u_outcome[i] < p:
            outcome = "offer" if kind[i] < 0.3 else "next_round"
        else:
            outcome = "rejected" if kind[i] < 0.6 else "no_response"
        interviews.append(record.replace(outcome=outcome))
    return interviews


def _pick(rng: np.random.Generator, pool: tuple[Any, ...], low: int, high: int) -> list[Any]:
    """Between ``low`` and ``high`` different items of ``pool``, in pool order."""
    count = int(rng.integers(low, high + 1))
    return [pool[k] for k in sorted(rng.choice(len(pool), size=count, replace=False))]


def with_debrief(interview: Interview, rng: np.random.Generator) -> Interview:
    """``interview`` with a made-up debrief (schema 2): who they met, questions (some
    repeating across interviews) with answer notes, their own questions, what went
    well, their read, and often a decision date and a thank-you note sent."""
    day = _dt.date.fromisoformat(interview.date or "2026-01-05")
    decision = rng.random() < 0.6
    sent = rng.random() < 0.5
    interest = int(rng.integers(0, 6))  # 0: not said
    return interview.replace(
        interviewers=[Person(n, r) for n, r in _pick(rng, _PEOPLE, 1, 3)],
        questions=[Exchange(q, a) for q, a in _pick(rng, _QUESTIONS, 2, 4)],
        my_questions=_pick(rng, _MY_QUESTIONS, 0, 2),
        went_well=_WENT_WELL[int(rng.integers(len(_WENT_WELL)))],
        my_read={
            "interest": interest or None,
            "red_flags": _RED_FLAGS[int(rng.integers(len(_RED_FLAGS)))],
        },
        decision_by=(day + _dt.timedelta(days=int(rng.integers(5, 15)))).isoformat()
        if decision
        else None,
        thank_you_sent=(day + _dt.timedelta(days=int(rng.integers(0, 2)))).isoformat()
        if sent
        else None,
    )


def demo_journal(n: int = DEMO_SIZE, seed: int = DEMO_SEED) -> dict[str, Any]:
    """The demo journal as a journal export object (format interview_kit.journal v1).

    Timestamps are derived from each interview's date, so the same seed gives
    byte-identical output. The debriefs are drawn from their own generator, so the
    signals and outcomes (what calibration reads) are the same with or without them.
    """
    defaults = default_weights()
    records = []
    debrief_rng = np.random.default_rng([seed, 14])
    for number, plain in enumerate(synthetic_interviews(n, DEMO_WEIGHTS, seed), start=1):
        interview = with_debrief(plain, debrief_rng)
        day = _dt.date.fromisoformat(interview.date or "2026-01-05")
        created = _dt.datetime.combine(day, _dt.time(19, 0), tzinfo=_dt.UTC)
        if interview.outcome is None:
            updated, outcome_date = created, None
        else:
            later = created + _dt.timedelta(days=7 + (number * 5) % 21)
            updated, outcome_date = later, later.date().isoformat()
        records.append(
            {
                **interview.to_dict(),
                "id": number,
                "created": created.isoformat(),
                "updated": updated.isoformat(),
                "revision": 1,
                "weights": dict(defaults),
                "profile": "default",
                "outcome_date": outcome_date,
            }
        )
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "synthetic": True,
        "note": (
            "Synthetic demo journal: made-up interviews at made-up companies, not real "
            f"people or outcomes. Generated by scripts/make_demo_journal.py with seed {seed} "
            f"({n} interviews; outcomes drawn from a logistic model of the signals; "
            "debriefs made up from stock names and questions)."
        ),
        "interviews": records,
    }
