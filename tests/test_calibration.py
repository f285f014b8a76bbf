"""Personal calibration: recovers known weights, stays near the defaults on little
data, refuses below the minimum, is deterministic, and reports honest checks."""

import math

import numpy as np
import pytest

from interview_kit import InputError, Interview
from interview_kit.core.outcomes import outcome_label
from interview_kit.core.signals import CATALOG
from interview_kit.core.weights import default_weights
from interview_kit.learn.calibration import (
    MIN_OUTCOMES,
    NotEnoughData,
    concordance,
    concordance_interval,
    fit_weights,
    held_out_check,
    readiness,
)
from interview_kit.learn.synthetic import synthetic_interviews

IDS = [s.id for s in CATALOG if not s.optional]  # the synthetic journal notes only these
#: Deliberately unlike the defaults, so recovering them cannot be luck.
TRUE = {
    "engagement": 2.0,
    "eye_contact": 0.0,
    "follow_ups": 0.5,
    "duration": 0.25,
    "questions": 1.0,
    "smoothness": 1.5,
    "comfort": 0.5,
    "ease": 1.0,
}


def normalised(weights):
    w = np.array([weights[k] for k in IDS], dtype=float)
    return w / w.sum()


@pytest.fixture(scope="module")
def large():
    return synthetic_interviews(5000, TRUE, seed=1)


def test_labels():
    assert [outcome_label(o) for o in ("offer", "next_round", "rejected", "no_response")] == [
        1,
        1,
        0,
        0,
    ]
    assert outcome_label("withdrawn") is None
    assert outcome_label(None) is None


def test_recovers_known_weights_from_a_large_journal(large):
    # Tolerance: every normalised weight (weights summing to 1) within 0.06 of the
    # generating one, and correlation above 0.95, with n = 5000 (about 4500 outcomes).
    fit = fit_weights(large, held_out=False)
    assert fit.enough_data
    got, want = normalised(fit.weights), normalised(TRUE)
    assert np.max(np.abs(got - want)) < 0.06
    assert np.corrcoef(got, want)[0, 1] > 0.95
    # ... and clearly further from the defaults than from the truth.
    defaults = normalised(default_weights())
    assert np.abs(got - want).sum() < 0.5 * np.abs(got - defaults).sum()
    # Same total as the prior: every score's meaning is kept.
    assert math.isclose(sum(fit.weights.values()), sum(default_weights().values()))
    assert all(v >= 0 for v in fit.weights.values())
    assert all(0 < v < 1 for v in fit.std_errors.values())


def test_stays_near_the_defaults_on_a_tiny_journal():
    tiny = synthetic_interviews(10, TRUE, seed=3)
    fit = fit_weights(tiny)
    assert fit.enough_data and fit.n >= MIN_OUTCOMES
    defaults = normalised(default_weights())
    moved = np.max(np.abs(normalised(fit.weights) - defaults))
    assert moved < 0.05  # normalised weights, i.e. under 0.33 on the default scale
    # The penalty is what holds it: a weak prior lets the same data move it more.
    loose = fit_weights(tiny, strength=1.0, held_out=False)
    assert np.max(np.abs(normalised(loose.weights) - defaults)) > 2 * moved


def test_refuses_below_the_minimum_and_says_how_many_more():
    records = synthetic_interviews(60, TRUE, seed=4)
    good = [r for r in records if outcome_label(r.outcome) == 1]
    bad = [r for r in records if outcome_label(r.outcome) == 0]
    pending = [r for r in records if outcome_label(r.outcome) is None]

    fit = fit_weights(good[:3] + bad[:2] + pending)
    assert not fit.enough_data
    assert "3 more are needed" in fit.message
    assert fit.weights == default_weights()
    with pytest.raises(NotEnoughData):
        fit.profile_weights()

    only_bad = readiness(bad[:9])
    assert not only_bad.enough and only_bad.more_needed == 1 and only_bad.more_good == 1
    assert "good outcome" in only_bad.message

    empty = readiness([])
    assert empty.more_needed == MIN_OUTCOMES
    assert readiness(good[:4] + bad[:4]).enough


def test_deterministic():
    data = synthetic_interviews(60, TRUE, seed=5)
    first, second = fit_weights(data), fit_weights(list(data))
    assert first == second
    assert first.to_dict() == second.to_dict()
    numbers = [*first.weights.values(), *first.std_errors.values(), first.intercept]
    assert all(math.isfinite(v) for v in numbers)


def test_held_out_figures_are_in_range_and_worded_honestly():
    data = synthetic_interviews(24, TRUE, seed=6)
    fit = fit_weights(data)
    check = fit.held_out
    assert check is not None and check.n == fit.n
    for value in (
        check.concordance,
        check.concordance_default,
        *check.interval,
        *check.interval_default,
    ):
        assert 0.0 <= value <= 1.0
    assert check.interval[0] <= check.concordance <= check.interval[1]
    assert check.rough and "rough indication" in check.describe()
    assert "accura" not in check.describe().replace("not a measure of accuracy", "")
    assert held_out_check(data) == check


def test_concordance_counts_pairs():
    assert concordance(np.array([3.0, 2.0, 1.0]), np.array([1, 0, 0])) == 1.0
    assert concordance(np.array([1.0, 2.0]), np.array([1, 0])) == 0.0
    assert concordance(np.array([1.0, 1.0]), np.array([1, 0])) == 0.5
    low, high = concordance_interval(0.7, 10, 10)
    assert 0 <= low < 0.7 < high <= 1


def test_profile_weights_are_valid_weights():
    from interview_kit.core.weights import validate_weights

    fit = fit_weights(synthetic_interviews(40, TRUE, seed=7), held_out=False)
    profile = fit.profile_weights()
    assert validate_weights(profile) == profile
    assert "suggestion" in fit.describe()


def test_bad_arguments_are_input_errors():
    data = [Interview.create(scheduled_minutes=30, outcome="offer")]
    with pytest.raises(InputError):
        fit_weights(data, strength=-1)
    with pytest.raises(InputError):
        fit_weights(data, prior_weights={"ease": -1})
    with pytest.raises(InputError):
        fit_weights(data, prior_weights=dict.fromkeys((s.id for s in CATALOG), 0.0))


PNG = b"\x89PNG\r\n\x1a\n"


def test_charts_render_png_without_pyplot():
    import subprocess
    import sys

    code = """
import sys
from interview_kit.charts import calibration as cc
from interview_kit.charts.sensitivity import sensitivity_figure, sensitivity_text
from interview_kit.charts.theme import figure_png
from interview_kit.learn.calibration import fit_weights
from interview_kit.learn.sensitivity import sensitivity
from interview_kit.learn.synthetic import synthetic_interviews
data = synthetic_interviews(30, None, seed=8)
fit = fit_weights(data)
few = fit_weights(data[:4])
figures = [cc.outcome_figure(data, None, fit), cc.weights_figure(fit), cc.weights_figure(few),
           cc.outcome_figure(data[:3]), sensitivity_figure(sensitivity(data[0]))]
for figure in figures:
    png = figure_png(figure)
    assert png.startswith(b"\\x89PNG\\r\\n\\x1a\\n") and len(png) > 5000, len(png)
texts = [cc.outcome_text(data, None, fit), cc.weights_text(fit), cc.weights_text(few),
         sensitivity_text(sensitivity(data[0]))]
assert all(t and t.endswith(".") for t in texts), texts
assert "Held-out" in figures[0].axes[0].get_title()
print("pyplot" if "matplotlib.pyplot" in sys.modules else "clean")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "clean"


def test_numeric_modules_do_not_import_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, interview_kit.learn.calibration, interview_kit.learn.sensitivity, "
        "interview_kit.learn.synthetic; print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_weights_chart_shows_every_signal():
    from interview_kit.charts.calibration import weights_figure, weights_table

    fit = fit_weights(synthetic_interviews(30, None, seed=9), held_out=False)
    figure = weights_figure(fit)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == [s.label for s in CATALOG]
    assert [row["signal"] for row in weights_table(fit)] == [s.id for s in CATALOG]


def test_outcomes_against_the_signs_are_flagged_not_offered_blindly():
    against = synthetic_interviews(400, None, seed=1, slope=-3.0)
    fit = fit_weights(against, held_out=False)
    assert fit.enough_data
    assert not fit.offered or fit.caution
    assert fit.caution in fit.describe()


def test_no_weights_offered_when_every_sign_ran_against_the_outcome():
    def record(level, outcome):
        return Interview.create(
            scheduled_minutes=60,
            actual_minutes=60 * (1 + 0.4 * level / 2),
            behavioral_share=(level + 2) / 4,
            outcome=outcome,
            signals={s.id: level for s in CATALOG if not s.derived},
        )

    journal = [record(-2, "offer")] * 5 + [record(2, "rejected")] * 5
    fit = fit_weights(journal, strength=1.0, held_out=False)  # a loose prior lets data win
    assert fit.enough_data and not fit.offered
    assert all(v < 0 for v in fit.coefficients.values())
    assert fit.weights == fit.prior_weights
    assert "no fitted weights are offered" in fit.describe()
    with pytest.raises(NotEnoughData):
        fit.profile_weights()
