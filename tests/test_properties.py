"""Property-based tests (hypothesis) of the scoring's promises."""

import math

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from interview_kit import InputError, Interview, score
from interview_kit.core import batch as batch_module
from interview_kit.core.assessment import VERDICTS
from interview_kit.core.batch import score_many, signal_matrix
from interview_kit.core.interview import MAX_MINUTES, known_schemas
from interview_kit.core.outcomes import OUTCOMES
from interview_kit.core.signals import CATALOG, CATEGORIES, observed_signals
from interview_kit.core.weights import MAX_WEIGHT
from interview_kit.core.wording import FOCUS_SIGNALS, level_of

settings.register_profile(
    "kit",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("kit")

OBSERVED_IDS = [s.id for s in observed_signals()]
ALL_IDS = [s.id for s in CATALOG]

signal_value = st.one_of(
    st.none(),
    st.floats(-2, 2, allow_nan=False),
    st.integers(-2, 2),
    st.sampled_from([-2.0, -0.0, 0.0, 2.0, 5e-324, -5e-324, 1.9999999999999998]),
)
minutes = st.floats(0, MAX_MINUTES, allow_nan=False)
scheduled = st.floats(0, MAX_MINUTES, allow_nan=False, exclude_min=True)
share = st.floats(0, 1, allow_nan=False)


@st.composite
def interviews(draw):
    return Interview.create(
        scheduled_minutes=draw(scheduled),
        actual_minutes=draw(st.none() | minutes),
        behavioral_share=draw(st.none() | share),
        signals={k: draw(signal_value) for k in OBSERVED_IDS},
        outcome=draw(st.sampled_from([None, *OUTCOMES])),
    )


weight_value = st.one_of(
    st.floats(0, MAX_WEIGHT, allow_nan=False),
    st.sampled_from([0.0, 5e-324, 1e-300, 1.0, MAX_WEIGHT]),
)
weights = st.none() | st.dictionaries(st.sampled_from(ALL_IDS), weight_value)


def check_ranges(result):
    assert math.isfinite(result.overall) and 0.0 <= result.overall <= 100.0
    assert math.isfinite(result.confidence) and 0.0 <= result.confidence <= 1.0
    assert result.verdict in VERDICTS
    for value in result.categories.values():
        assert value is None or (math.isfinite(value) and 0.0 <= value <= 100.0)
    for c in result.contributions:
        assert math.isfinite(c.points)


@given(interviews(), weights)
def test_scores_are_finite_and_in_range(interview, w):
    result = score(interview, w)
    check_ranges(result)
    assert result.strengths or not any(
        level_of(c.value) > 0 and c.signal not in FOCUS_SIGNALS for c in result.contributions
    )


@given(interviews(), weights, st.sampled_from(OBSERVED_IDS), st.floats(0, 4, allow_nan=False))
def test_raising_a_signal_never_lowers_the_overall(interview, w, signal, step):
    before = interview.signals.get(signal)
    assume(before is not None)
    after = min(2.0, before + step)
    raised = interview.with_signal(signal, after)
    assert score(raised, w).overall >= score(interview, w).overall


@given(interviews(), weights, minutes, minutes)
def test_more_minutes_never_lower_the_overall(interview, w, a, b):
    low, high = sorted((a, b))
    shorter = interview.replace(actual_minutes=low)
    longer = interview.replace(actual_minutes=high)
    assert score(longer, w).overall >= score(shorter, w).overall


@given(interviews(), weights, share, share)
def test_larger_behavioural_share_never_lowers_the_overall(interview, w, a, b):
    low, high = sorted((a, b))
    assert (
        score(interview.replace(behavioral_share=high), w).overall
        >= score(interview.replace(behavioral_share=low), w).overall
    )


@given(interviews(), weights, st.sampled_from(OBSERVED_IDS), signal_value)
def test_a_weight_of_zero_makes_its_signal_irrelevant(interview, w, signal, other):
    w = {**(w or {}), signal: 0.0}
    a = score(interview, w)
    b = score(interview.with_signal(signal, other), w)
    assert (a.overall, a.confidence, a.verdict, a.categories) == (
        b.overall,
        b.confidence,
        b.verdict,
        b.categories,
    )
    assert signal not in {c.signal for c in a.contributions}


def same_bits(x: float, y: float) -> bool:
    return np.float64(x).tobytes() == np.float64(y).tobytes()


@given(st.lists(interviews(), min_size=0, max_size=30), weights)
def test_score_many_equals_score_bit_for_bit(records, w):
    batch = score_many(records, w)
    assert len(batch) == len(records)
    for i, interview in enumerate(records):
        one = score(interview, w)
        assert same_bits(one.overall, batch.overall[i])
        assert same_bits(one.confidence, batch.confidence[i])
        assert one.verdict == batch.verdict[i]
        assert VERDICTS[batch.verdict_code[i]] == one.verdict
        for cat in CATEGORIES:
            value = one.categories[cat.id]
            if value is None:
                assert np.isnan(batch.categories[cat.id][i])
            else:
                assert same_bits(value, batch.categories[cat.id][i])


@given(st.integers(1, 40_000), weights, st.integers(0, 2**32 - 1))
def test_score_many_on_a_matrix_crossing_blocks(n, w, seed):
    """Random matrices with every pattern of NaNs, larger than one block."""
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(-2, 2, (n, len(CATALOG)))
    matrix[rng.random(matrix.shape) < rng.random()] = np.nan
    matrix[rng.random(matrix.shape) < 0.05] = 2.0
    batch = score_many(matrix, w)
    rows = rng.choice(n, size=min(n, 25), replace=False)
    ids = [s.id for s in observed_signals()]
    for row in rows:
        values = dict(zip(ALL_IDS, matrix[row].tolist(), strict=True))
        assert matrix.shape[1] == len(ALL_IDS)
        # Rebuild an interview with exactly these values (derived ones patched in).
        interview = Interview.create(
            scheduled_minutes=45,
            signals={k: None if math.isnan(values[k]) else values[k] for k in ids},
        )
        one = _score_values(interview, values, w)
        assert same_bits(one.overall, batch.overall[row])
        assert same_bits(one.confidence, batch.confidence[row])
        assert one.verdict == batch.verdict[row]
        for cat in CATEGORIES:
            value = one.categories[cat.id]
            got = batch.categories[cat.id][row]
            assert (value is None and np.isnan(got)) or same_bits(value, got)


@given(st.lists(st.integers(0, 2**32 - 1), min_size=2, max_size=4), weights)
def test_score_many_tables_filled_piecemeal_stay_exact(seeds, w):
    """The per-pattern tables are filled only for the patterns a call meets and kept
    for the next call with the same weights: small calls first, then a large one,
    must give exactly what one fresh large call gives row by row."""
    batch_module._tables_for.cache_clear()  # start from empty tables
    matrices = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        m = rng.uniform(-2, 2, (int(rng.integers(1, 6)), len(CATALOG)))
        m[rng.random(m.shape) < rng.random()] = np.nan
        matrices.append(m)
    small = [score_many(m, w) for m in matrices]
    everything = np.vstack(matrices)
    rng = np.random.default_rng(seeds[-1])
    extra = rng.uniform(-2, 2, (300, len(CATALOG)))
    extra[rng.random(extra.shape) < 0.5] = np.nan
    big = score_many(np.vstack([everything, extra]), w)
    start = 0
    for part in small:
        n = len(part)
        assert all(
            same_bits(a, b)
            for a, b in zip(part.overall, big.overall[start : start + n], strict=True)
        )
        assert list(part.verdict) == list(big.verdict[start : start + n])
        start += n
    for row in range(0, len(big), 37):
        values = dict(zip(ALL_IDS, np.vstack([everything, extra])[row].tolist(), strict=True))
        interview = Interview.create(
            scheduled_minutes=45,
            signals={
                k: None if math.isnan(values[k]) else values[k]
                for k in (s.id for s in observed_signals())
            },
        )
        one = _score_values(interview, values, w)
        assert same_bits(one.overall, big.overall[row])
        assert same_bits(one.confidence, big.confidence[row])
        assert one.verdict == big.verdict[row]


def _score_values(interview, values, w):
    """score() with the derived signals set to given values (they have no direct field)."""
    patched = {k: None if math.isnan(v) else v for k, v in values.items()}

    class Fixed(type(interview)):
        def signal_values(self):
            return dict(patched)

    fixed = object.__new__(Fixed)
    for name in interview.__dataclass_fields__:
        object.__setattr__(fixed, name, getattr(interview, name))
    return score(fixed, w)


def test_signal_matrix_matches_signal_values():
    records = [Interview.create(scheduled_minutes=40, actual_minutes=50, signals={"ease": 1})]
    matrix = signal_matrix(records)
    assert matrix.shape == (1, len(CATALOG))
    expected = records[0].signal_values()
    for j, s in enumerate(CATALOG):
        assert (expected[s.id] is None and np.isnan(matrix[0, j])) or matrix[0, j] == expected[s.id]


# --- random invalid records: always InputError, never anything else -----------------

bad_number = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).filter(
        lambda x: not math.isfinite(x) or abs(x) > 1e4
    ),
    st.integers(min_value=10**20, max_value=10**400),
    st.integers(max_value=-1000),
    st.booleans(),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def invalid_records(draw):
    good = {
        "scheduled_minutes": 45,
        "actual_minutes": 50,
        "behavioral_share": 0.5,
        "signals": {"ease": 1},
    }
    how = draw(
        st.sampled_from(
            [
                "number",
                "signal",
                "unknown_signal",
                "unknown_field",
                "text",
                "outcome",
                "schema",
                "top",
                "signals_type",
            ]
        )
    )
    if how == "number":
        key = draw(st.sampled_from(["scheduled_minutes", "actual_minutes", "behavioral_share"]))
        good[key] = draw(bad_number)
    elif how == "signal":
        good["signals"] = {draw(st.sampled_from(OBSERVED_IDS)): draw(bad_number)}
    elif how == "unknown_signal":
        name = draw(st.text(min_size=1, max_size=10).filter(lambda t: t not in OBSERVED_IDS))
        good["signals"] = {name: 1}
    elif how == "unknown_field":
        name = draw(
            st.text(min_size=1, max_size=10).filter(
                lambda t: (
                    t
                    not in {
                        "schema",
                        "company",
                        "role",
                        "date",
                        "stage",
                        "scheduled_minutes",
                        "actual_minutes",
                        "behavioral_share",
                        "signals",
                        "notes",
                        "outcome",
                    }
                )
            )
        )
        good[name] = draw(junk)
    elif how == "text":
        key = draw(st.sampled_from(["company", "role", "stage", "notes", "date"]))
        good[key] = draw(
            st.one_of(st.integers(), st.lists(st.text(), min_size=1), st.just("x" * 20_000))
        )
    elif how == "outcome":
        good["outcome"] = draw(
            junk.filter(lambda v: v is None or v not in OUTCOMES).filter(lambda v: v is not None)
        )
    elif how == "schema":
        # any schema the kit does not know (2 and 2.0 are known since the debrief)
        good["schema"] = draw(
            junk.filter(lambda v: isinstance(v, bool) or v not in known_schemas())
        )
    elif how == "signals_type":
        good["signals"] = draw(
            st.one_of(st.lists(junk, min_size=1), st.text(min_size=1), st.integers())
        )
    else:
        return draw(st.one_of(st.lists(junk), st.text(), st.integers(), st.none()))
    return good


@given(invalid_records())
def test_random_invalid_records_raise_input_error_only(data):
    try:
        Interview.from_dict(data)
    except InputError as error:
        message = str(error)
        assert "\n" not in message and message.strip()
        assert str(error.field) and not message.startswith(":")
    else:
        raise AssertionError(f"accepted an invalid record: {data!r}")


@given(st.text(max_size=200))
def test_random_text_never_escapes_as_another_error(text):
    try:
        Interview.from_json(text)
    except InputError as error:
        assert "\n" not in str(error)


@given(st.dictionaries(st.text(max_size=12), junk, max_size=4))
def test_random_weights_raise_input_error_only(data):
    from interview_kit.core.weights import validate_weights

    try:
        validate_weights(data)
    except InputError as error:
        assert "\n" not in str(error)


def test_score_many_rejects_bad_matrices_with_input_error():
    matrix = np.zeros((20_000, len(CATALOG)))
    matrix[17_000, 2] = np.inf
    try:
        score_many(matrix)
    except InputError as error:
        assert error.field == f"matrix[17000, {CATALOG[2].id}]"
    else:
        raise AssertionError("an infinite signal value was accepted")
    matrix[17_000, 2] = -2.5
    try:
        score_many(matrix)
    except InputError as error:
        assert "-2.5" in str(error)
    else:
        raise AssertionError("an out-of-range signal value was accepted")
    try:
        score_many(np.zeros((3, len(CATALOG) - 1)))
    except InputError as error:
        assert error.field == "matrix"
    else:
        raise AssertionError("a matrix of the wrong shape was accepted")


def test_score_many_edge_sizes():
    assert len(score_many(np.zeros((0, len(CATALOG))))) == 0
    all_missing = score_many(np.full((3, len(CATALOG)), np.nan))
    assert list(all_missing.verdict) == ["unclear"] * 3
    assert (all_missing.overall == 50.0).all() and (all_missing.confidence == 0.0).all()
    assert all(np.isnan(v).all() for v in all_missing.categories.values())
