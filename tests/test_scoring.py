"""Scoring: weighted means, confidence, verdicts, contributions, weights."""

import json
import math

import pytest

from interview_kit import InputError, Interview, Scorer, default_weights, score
from interview_kit.core.assessment import (
    CONCERNING_AT,
    MIN_CONFIDENCE,
    NEUTRAL,
    PROMISING_AT,
    SCALE,
    verdict_for,
)
from interview_kit.core.signals import ARTICLE_SIGNS, CATALOG, CATEGORIES
from interview_kit.core.weights import MAX_WEIGHT, parse_weights, validate_weights

ALL_SIX = {
    "engagement": 2,
    "eye_contact": 1,
    "follow_ups": 2,
    "smoothness": 1,
    "comfort": 0,
    "ease": -1,
}


def interview(**kw):
    kw.setdefault("scheduled_minutes", 45)
    return Interview.create(**kw)


def weighted_mean(values, weights):
    observed = {k: v for k, v in values.items() if v is not None}
    total = sum(weights[k] * v for k, v in observed.items())
    return NEUTRAL + SCALE * total / sum(weights[k] for k in observed)


def test_overall_is_the_weighted_mean_of_observed_signals():
    iv = interview(actual_minutes=55, behavioral_share=0.6, signals=ALL_SIX)
    result = score(iv)
    expected = weighted_mean(iv.signal_values(), default_weights())
    assert result.overall == pytest.approx(expected, abs=1e-12)
    assert result.confidence == 1.0
    assert result.verdict == "promising"
    # points add up to the distance from 50
    assert sum(c.points for c in result.contributions) == pytest.approx(result.overall - 50)


def test_nothing_observed_is_neutral_unclear_and_null_categories():
    result = score(interview())
    assert result.overall == NEUTRAL
    assert result.confidence == 0.0
    assert result.verdict == "unclear"
    assert all(v is None for v in result.categories.values())
    assert result.contributions == ()
    data = result.to_dict()
    assert data["categories"] == {c.id: None for c in CATEGORIES}


def test_missing_signals_lower_confidence_never_the_score():
    full = score(interview(signals={**ALL_SIX, "ease": 2}))
    fewer = score(interview(signals={"engagement": 2, "ease": 2}))
    assert fewer.overall == 100.0  # unnoticed signals do not pull it towards 50
    assert full.overall < 100.0
    assert fewer.confidence < full.confidence
    weights = default_weights()
    assert fewer.confidence == pytest.approx(
        (weights["engagement"] + weights["ease"]) / sum(weights[s.id] for s in ARTICLE_SIGNS)
    )


def test_extremes_hit_0_and_100_exactly():
    top = interview(actual_minutes=600, behavioral_share=1, signals={s: 2 for s in ALL_SIX})
    bottom = interview(actual_minutes=0, behavioral_share=0, signals={s: -2 for s in ALL_SIX})
    assert score(top).overall == 100.0 and score(top).verdict == "promising"
    assert score(bottom).overall == 0.0 and score(bottom).verdict == "concerning"
    assert all(v == 100.0 for v in score(top).categories.values())
    assert all(v == 0.0 for v in score(bottom).categories.values())


def test_verdict_thresholds():
    assert verdict_for(PROMISING_AT, 1.0) == "promising"
    assert verdict_for(PROMISING_AT - 0.01, 1.0) == "mixed"
    assert verdict_for(CONCERNING_AT, 1.0) == "concerning"
    assert verdict_for(CONCERNING_AT + 0.01, 1.0) == "mixed"
    assert verdict_for(100.0, MIN_CONFIDENCE - 1e-9) == "unclear"
    assert verdict_for(0.0, MIN_CONFIDENCE) == "concerning"


def test_unclear_when_little_was_observed_even_if_strong():
    result = score(interview(signals={"follow_ups": 2}))
    assert result.overall == 100.0
    assert result.confidence < MIN_CONFIDENCE
    assert result.verdict == "unclear"


def test_mixed_reading():
    result = score(
        interview(
            actual_minutes=45,
            behavioral_share=0.5,
            signals={"engagement": 1, "ease": -1, "comfort": 0, "smoothness": 0, "eye_contact": 0},
        )
    )
    assert result.verdict == "mixed"


def test_categories_are_their_own_weighted_means_or_null():
    result = score(interview(signals={"engagement": 2, "eye_contact": -2}))
    w = default_weights()
    expected = NEUTRAL + SCALE * (2 * w["engagement"] - 2 * w["eye_contact"]) / (
        w["engagement"] + w["eye_contact"]
    )
    assert result.categories["body_language"] == pytest.approx(expected)
    assert result.categories["flow"] is None
    assert result.categories["duration"] is None
    assert result.categories["questions"] is None
    assert list(result.categories) == [c.id for c in CATEGORIES]


def test_contributions_are_largest_first_and_signed():
    result = score(interview(actual_minutes=30, behavioral_share=0.9, signals=ALL_SIX))
    points = [c.points for c in result.contributions]
    assert [abs(p) for p in points] == sorted((abs(p) for p in points), reverse=True)
    by_signal = {c.signal: c for c in result.contributions}
    assert by_signal["duration"].points < 0  # ended early
    assert by_signal["engagement"].points > 0
    assert by_signal["ease"].points < 0
    for c in result.contributions:
        assert c.category == next(s.category for s in CATALOG if s.id == c.signal)
        assert math.copysign(1, c.points) == math.copysign(1, c.value) or c.value == 0


def test_weight_zero_switches_a_signal_off():
    base = interview(signals={"engagement": 2, "ease": -2, "comfort": 1})
    off = score(base, {"ease": 0})
    assert "ease" not in {c.signal for c in off.contributions}
    assert off.overall == score(base.with_signal("ease", None), {"ease": 0}).overall
    assert off.overall == score(base.with_signal("ease", 2), {"ease": 0}).overall
    # a category whose only observed signals weigh 0 is null
    only_flow = interview(signals={"ease": -2})
    result = score(only_flow, {"ease": 0})
    assert result.categories["flow"] is None
    assert result.overall == NEUTRAL and result.verdict == "unclear"


def test_all_weights_zero_is_unclear_not_nan():
    result = score(interview(signals=ALL_SIX), {s.id: 0 for s in CATALOG})
    assert result.overall == NEUTRAL and result.confidence == 0.0
    assert result.verdict == "unclear"
    assert not any(math.isnan(v) for v in (result.overall, result.confidence))


def test_huge_and_tiny_weights_never_give_nan():
    iv = interview(actual_minutes=90, behavioral_share=0, signals=ALL_SIX)
    for weights in (
        {s.id: MAX_WEIGHT for s in CATALOG},
        {s.id: 5e-324 for s in CATALOG},
        {"engagement": MAX_WEIGHT, "ease": 5e-324},
    ):
        result = score(iv, weights)
        assert 0.0 <= result.overall <= 100.0
        assert 0.0 <= result.confidence <= 1.0
        json.dumps(result.to_dict(), allow_nan=False)


@pytest.mark.parametrize(
    ("weights", "field"),
    [
        ({"ease": -1}, "weights.ease"),
        ({"ease": float("nan")}, "weights.ease"),
        ({"ease": float("inf")}, "weights.ease"),
        ({"ease": MAX_WEIGHT * 10}, "weights.ease"),
        ({"ease": 10**400}, "weights.ease"),
        ({"ease": True}, "weights.ease"),
        ({"ease": "1"}, "weights.ease"),
        ({"charm": 1}, "weights"),
        ([1, 2], "weights"),
        ("ease=1", "weights"),
    ],
)
def test_bad_weights_are_named(weights, field):
    with pytest.raises(InputError) as info:
        validate_weights(weights)
    assert info.value.field == field
    assert "\n" not in str(info.value)


def test_weights_from_json_and_toml_text():
    assert parse_weights('{"ease": 2}')["ease"] == 2.0
    toml = parse_weights("ease = 2\ncomfort = 0.5\n", toml=True)
    assert toml["ease"] == 2.0 and toml["comfort"] == 0.5
    assert toml["engagement"] == default_weights()["engagement"]
    with pytest.raises(InputError) as info:
        parse_weights("ease = = 2", toml=True)
    assert info.value.field == "weights" and "\n" not in str(info.value)
    with pytest.raises(InputError) as info:
        parse_weights("[1, 2]")
    assert info.value.field == "weights"
    with pytest.raises(InputError) as info:
        parse_weights("{oops")
    assert info.value.field == "weights"


def test_scorer_params_are_stored_and_validated_on_use():
    scorer = Scorer(weights={"ease": -1})  # stored as given ...
    assert scorer.get_params() == {"weights": {"ease": -1}}
    with pytest.raises(InputError):
        scorer.score(interview(signals=ALL_SIX))  # ... checked where it is used
    scorer.set_params(weights={"ease": 0})
    assert scorer.effective_weights()["ease"] == 0.0
    assert scorer.score(interview(signals=ALL_SIX)) == score(
        interview(signals=ALL_SIX), {"ease": 0}
    )
    with pytest.raises(ValueError):
        scorer.set_params(colour="red")


def test_to_dict_matches_the_contract():
    data = score(interview(actual_minutes=44, behavioral_share=0.5, signals=ALL_SIX)).to_dict()
    assert {
        "overall",
        "verdict",
        "confidence",
        "categories",
        "contributions",
        "strengths",
        "concerns",
        "advice",
    } <= set(data)
    assert set(data["contributions"][0]) >= {"signal", "category", "value", "points"}
    text = json.dumps(data, allow_nan=False)
    assert "-0.0" not in text
