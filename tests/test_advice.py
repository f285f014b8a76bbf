"""Advice: strengths first, calm words, outcome-specific, never a promise."""

import re

import pytest

from interview_kit import OUTCOMES, Interview, score
from interview_kit.core.advice import concern_text, strength_text, summary
from interview_kit.core.signals import CATALOG, CATEGORIES

PROMISES = re.compile(
    r"you will (get|receive|be offered|be hired)|guarantee|certainly|definitely|"
    r"for sure|no doubt|will get the job|will hear back|you got the job|"
    r"until an offer arrives",
    re.IGNORECASE,
)


def assess(outcome=None, **signals):
    iv = Interview.create(scheduled_minutes=45, actual_minutes=60, behavioral_share=0.7,
                          signals=signals, outcome=outcome)
    return iv, score(iv)


MIXED_SIGNS = {"engagement": 2, "eye_contact": 1, "ease": -2, "comfort": -1}


def test_strengths_and_concerns_follow_the_contributions():
    _, result = assess(**MIXED_SIGNS)
    positives = [c.signal for c in result.contributions if c.points > 0]
    negatives = sorted((c for c in result.contributions if c.points < 0),
                       key=lambda c: c.points)
    assert list(result.strengths) == [strength_text(s) for s in positives]
    assert list(result.concerns) == [concern_text(c.signal) for c in negatives]


def test_what_went_well_is_named_before_any_concern():
    _, result = assess(**MIXED_SIGNS)
    advice = list(result.advice)
    best = next(c.signal for c in result.contributions if c.points > 0)
    first_strength = next(i for i, a in enumerate(advice) if "went well" in a)
    assert next(s.strength for s in CATALOG if s.id == best) in advice[first_strength]
    first_rough = next(i for i, a in enumerate(advice) if "rough moments" in a)
    assert first_strength < first_rough


@pytest.mark.parametrize("outcome", [*OUTCOMES, None])
@pytest.mark.parametrize(
    "signals",
    [{}, MIXED_SIGNS, {s: 2 for s in ("engagement", "ease", "comfort", "smoothness")},
     {s: -2 for s in ("engagement", "ease", "comfort", "smoothness", "eye_contact")}],
)
def test_never_promises_an_outcome(outcome, signals):
    _, result = assess(outcome, **signals)
    texts = [*result.advice, *result.strengths, *result.concerns, summary(result)]
    for text in texts:
        assert not PROMISES.search(text), text
        assert "\n" not in text
    assert any("employer decides" in a for a in result.advice)


def test_catalog_phrases_never_promise():
    for s in CATALOG:
        for text in (s.meaning, s.strength, s.concern, strength_text(s.id),
                     concern_text(s.id)):
            assert not PROMISES.search(text), text


def test_next_steps_depend_on_the_outcome():
    pending = assess(None, **MIXED_SIGNS)[1].advice
    assert any("thank-you" in a for a in pending)
    assert any("follow" in a.lower() or "check-in" in a for a in pending)
    offer = assess("offer", **MIXED_SIGNS)[1].advice
    assert not any("thank-you" in a for a in offer)
    assert any("offer" in a.lower() for a in offer)
    rejected = assess("rejected", **MIXED_SIGNS)[1].advice
    assert any("feedback" in a for a in rejected)
    assert not any("thank-you" in a for a in rejected)
    next_round = assess("next_round", **MIXED_SIGNS)[1].advice
    assert any("next round" in a for a in next_round)
    assert any("thank-you" in a for a in next_round)
    texts = {tuple(assess(o, **MIXED_SIGNS)[1].advice) for o in (*OUTCOMES, None)}
    assert len(texts) == len(OUTCOMES) + 1


def test_no_strength_no_strength_line():
    weak = Interview.create(scheduled_minutes=45, actual_minutes=30, behavioral_share=0.1,
                            signals={s: -1 for s in ("engagement", "ease", "comfort")})
    result = score(weak)
    assert result.strengths == ()
    assert not any("went well" in a for a in result.advice)
    assert result.concerns


def test_summary_names_every_category_and_the_verdict():
    _, result = assess(**MIXED_SIGNS)
    text = summary(result)
    assert result.verdict in text
    for cat in CATEGORIES:
        assert cat.label.lower() in text
    empty = score(Interview.create(scheduled_minutes=30))
    assert "not noted" in summary(empty) and "unclear" in summary(empty)
