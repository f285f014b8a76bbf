"""Sensitivity of one interview's score to each weight: doubled or set to 0."""

import math

import pytest

from interview_kit import Interview, score
from interview_kit.core.assessment import NEUTRAL, SCALE
from interview_kit.core.signals import CATALOG
from interview_kit.core.weights import default_weights
from interview_kit.learn.sensitivity import describe, most_influential, sensitivity


@pytest.fixture
def interview():
    return Interview.create(
        scheduled_minutes=45,
        actual_minutes=60,
        behavioral_share=None,
        signals={
            "engagement": 2,
            "eye_contact": None,
            "follow_ups": -1,
            "smoothness": 1,
            "comfort": 0,
            "ease": -2,
        },
    )


def test_rows_in_catalog_order(interview):
    rows = sensitivity(interview)
    assert [r.signal for r in rows] == [s.id for s in CATALOG]
    assert [r.label for r in rows] == [s.label for s in CATALOG]
    assert rows[0].to_dict()["signal"] == "engagement"


def test_unobserved_and_zero_weight_signals_change_nothing(interview):
    weights = {**default_weights(), "smoothness": 0.0}
    rows = {r.signal: r for r in sensitivity(interview, weights)}
    for signal in ("eye_contact", "questions"):  # not noticed
        assert rows[signal].value is None
        assert rows[signal].delta_double == 0.0 and rows[signal].delta_zero == 0.0
    assert rows["smoothness"].delta_double == 0.0  # doubling 0 is still 0
    assert rows["smoothness"].delta_zero == 0.0


def test_deltas_match_rescoring_and_are_sign_consistent(interview):
    weights = default_weights()
    base = score(interview, weights).overall
    for row in sensitivity(interview, weights):
        doubled = score(interview, {**weights, row.signal: 2 * weights[row.signal]}).overall
        assert math.isclose(row.delta_double, doubled - base, abs_tol=1e-12)
        if row.value is None:
            continue
        # Doubling pulls the score toward the signal's own reading, zeroing away from it.
        toward = NEUTRAL + SCALE * row.value - base
        assert row.delta_double * row.delta_zero <= 0
        if abs(toward) > 1e-9:
            assert math.copysign(1, row.delta_double) == math.copysign(1, toward)
            assert math.copysign(1, row.delta_zero) == -math.copysign(1, toward)


def test_most_influential_and_description(interview):
    rows = sensitivity(interview)
    best = most_influential(rows)
    assert best is not None and best.signal in {"engagement", "ease"}
    assert best.label.lower() in describe(rows)
    empty = sensitivity(Interview.create(scheduled_minutes=30))
    assert most_influential(empty) is None
    assert "No single weight" in describe(empty)


def test_sensitivity_chart_labels_signals(interview):
    from interview_kit.charts.sensitivity import sensitivity_figure
    from interview_kit.charts.theme import figure_png

    figure = sensitivity_figure(sensitivity(interview))
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels[1] == "Eye contact\n(not noticed)"
    assert figure.axes[0].get_xlabel()
    assert figure_png(figure).startswith(b"\x89PNG")


def test_the_largest_weight_can_still_be_doubled(interview):
    """A weight at MAX_WEIGHT is valid, so its sensitivity row must not be refused;
    doubling it reads the same as halving every other weight (weights are relative)."""
    from interview_kit.core.weights import MAX_WEIGHT

    big = {**default_weights(), "engagement": MAX_WEIGHT}
    scaled = {k: v / 1000.0 for k, v in big.items()}
    rows = {r.signal: r for r in sensitivity(interview, big)}
    same = {r.signal: r for r in sensitivity(interview, scaled)}
    assert rows["engagement"].delta_double != 0.0
    assert rows["engagement"].delta_double == pytest.approx(same["engagement"].delta_double)
    assert rows["engagement"].delta_zero == pytest.approx(same["engagement"].delta_zero)
