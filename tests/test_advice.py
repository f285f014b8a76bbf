"""Advice: true to what was entered, strengths first, calm words, outcome-specific,
never a promise. Property tests over random interviews, and the article's six
scenarios (examples/scenarios) asserting meaning rather than exact sentences."""

import datetime as _dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_kit import OUTCOMES, Interview, score
from interview_kit.core import wording
from interview_kit.core.advice import reading_sections, reading_text, summary
from interview_kit.core.clock import fixed_today
from interview_kit.core.signals import ARTICLE_SIGNS, CATALOG, CATEGORIES, observed_signals

SCENARIOS = Path(__file__).resolve().parent.parent / "examples" / "scenarios"
#: The evening of the scenarios' interviews (2026-11-20): the kit's clock in this module.
EVENING = _dt.date(2026, 11, 20)


@pytest.fixture(autouse=True, scope="module")
def _fixed_clock():
    with fixed_today(EVENING):
        yield


PROMISES = re.compile(
    r"you will (get|receive|be offered|be hired)|guarantee|certainly|definitely|"
    r"for sure|no doubt|will get the job|will hear back|you got the job|"
    r"until an offer arrives",
    re.IGNORECASE,
)
#: Words of thank-you, check-in and follow-up advice (none once a decision is known).
FOLLOW_UP_WORDS = re.compile(r"thank-you|check-in|follow up|follow-up|wait until", re.IGNORECASE)
#: Words that say an interview went badly or something was rough.
BAD_WORDS = re.compile(
    r"rough|(?<!nothing you noted )went badly|wrong way|were hard|genuinely hard", re.IGNORECASE
)


def assess(outcome=None, **signals):
    iv = Interview.create(
        scheduled_minutes=45,
        actual_minutes=60,
        behavioral_share=0.7,
        signals=signals,
        outcome=outcome,
    )
    return iv, score(iv)


def scenario(name):
    iv = Interview.from_json((SCENARIOS / f"{name}.json").read_text(encoding="utf-8"))
    return iv, score(iv)


def all_text(result):
    return [
        result.headline,
        result.focus,
        result.note,
        result.prompt,
        *result.advice,
        *result.strengths,
        *result.concerns,
        summary(result),
    ]


MIXED_SIGNS = {"engagement": 2, "eye_contact": 1, "ease": -2, "comfort": -1}

levels = st.one_of(
    st.none(), st.sampled_from([-2.0, -1.0, 0.0, 1.0, 2.0]), st.floats(-2, 2, allow_nan=False)
)
interviews = st.builds(
    lambda signals, actual, share, outcome, went_well: Interview.create(
        scheduled_minutes=45,
        actual_minutes=actual,
        behavioral_share=share,
        signals=signals,
        outcome=outcome,
        went_well=went_well,
    ),
    st.fixed_dictionaries({s.id: levels for s in observed_signals()}),
    st.one_of(st.none(), st.floats(0, 120, allow_nan=False)),
    st.one_of(st.none(), st.floats(0, 1, allow_nan=False)),
    st.sampled_from([None, *OUTCOMES]),
    st.sampled_from(["", "I asked a good question about the team"]),
)


def entered(iv):
    values = iv.signal_values()
    return {sid: v for sid, v in values.items() if v is not None}


# --- properties over random interviews ----------------------------------------------


@settings(max_examples=300, deadline=None)
@given(interviews)
def test_no_concern_without_a_negative_input(iv):
    result = score(iv)
    values = entered(iv)
    negatives = {
        s.label for s in CATALOG if values.get(s.id, 0) < 0 and s.id not in wording.FOCUS_SIGNALS
    }
    for concern in result.concerns:
        assert concern.split(":")[0] in negatives, (concern, values)
    if not negatives:
        assert not result.concerns
        assert wording.LET_GO not in result.advice
        assert not BAD_WORDS.search(result.headline), result.headline


@settings(max_examples=300, deadline=None)
@given(interviews)
def test_no_strength_without_a_positive_input(iv):
    result = score(iv)
    values = entered(iv)
    positives = {
        s.label for s in CATALOG if values.get(s.id, 0) > 0 and s.id not in wording.FOCUS_SIGNALS
    }
    for strength in result.strengths:
        assert strength.split(":")[0] in positives, (strength, values)
    if not positives:
        assert not result.strengths
        assert not any(a.startswith("Hold on to what went well:") for a in result.advice)


@settings(max_examples=200, deadline=None)
@given(interviews)
def test_at_most_one_hedge_note_per_reading(iv):
    result = score(iv)
    notes = set(wording.HEDGE_NOTES.values())
    said = [text for text in all_text(result) for note in notes if note in text]
    assert len(said) <= 1
    hedges = ("proves little", "a mild sign", "means nothing", "worth a thought")
    for item in (*result.strengths, *result.concerns):
        assert not any(h in item for h in hedges), item


@settings(max_examples=200, deadline=None)
@given(interviews)
def test_no_follow_up_advice_once_a_decision_is_recorded(iv):
    result = score(iv)
    if iv.outcome in wording.DECISIONS:
        for text in (result.headline, result.prompt, *result.advice):
            if text.startswith("Hold on to what went well"):
                continue  # a sign's own words ("asked a follow-up now and then")
            assert not FOLLOW_UP_WORDS.search(text), text
            assert "Glassdoor" not in text
    elif iv.outcome is None:
        assert sum("Glassdoor" in text for text in all_text(result)) == 1


@settings(max_examples=200, deadline=None)
@given(interviews)
def test_the_question_mix_is_focus_never_strength_or_concern(iv):
    result = score(iv)
    label = next(s.label for s in CATALOG if s.id == "questions")
    assert not any(t.startswith(label) for t in (*result.strengths, *result.concerns))
    assert bool(result.focus) == (
        iv.behavioral_share is not None and result.weights["questions"] > 0
    )


@pytest.mark.parametrize("signal", [s.id for s in observed_signals()])
def test_minus_two_and_minus_one_read_differently(signal):
    strong = score(Interview.create(scheduled_minutes=45, signals={signal: -2}))
    mild = score(Interview.create(scheduled_minutes=45, signals={signal: -1}))
    assert strong.concerns and mild.concerns
    assert strong.concerns != mild.concerns
    up = score(Interview.create(scheduled_minutes=45, signals={signal: 2}))
    half = score(Interview.create(scheduled_minutes=45, signals={signal: 1}))
    assert up.strengths != half.strengths


def test_the_words_of_a_level_are_the_catalogs():
    _, result = assess(smoothness=-2, ease=-1)
    assert any("long, awkward silences" in c.lower() for c in result.concerns)
    assert any("stuck on a few questions" in c.lower() for c in result.concerns)


# --- outcomes ----------------------------------------------------------------------


def test_next_steps_depend_on_the_outcome():
    pending = assess(None, **MIXED_SIGNS)[1].advice
    assert any("thank-you" in a for a in pending)
    assert any("check-in" in a for a in pending)
    assert sum("Glassdoor" in a and "United States" in a and "2017" in a for a in pending) == 1

    def said(outcome):
        result = assess(outcome, **MIXED_SIGNS)[1]
        return (result.headline, *result.advice)

    offer = said("offer")
    assert any("offer" in a.lower() for a in offer)
    rejected = said("rejected")
    assert any("feedback" in a for a in rejected)
    next_round = said("next_round")
    assert any("next round" in a and "prepare" in a.lower() for a in next_round)
    assert not any("Glassdoor" in a or "thank-you" in a for a in next_round)
    with fixed_today(EVENING + _dt.timedelta(days=40)):
        gone = said("no_response")
    assert any("let this one go" in a for a in gone)
    assert not any(FOLLOW_UP_WORDS.search(a) or "Glassdoor" in a for a in gone)
    texts = {said(o) for o in (*OUTCOMES, None)}
    assert len(texts) == len(OUTCOMES) + 1


@pytest.mark.parametrize("outcome", [*OUTCOMES, None])
@pytest.mark.parametrize(
    "signals",
    [
        {},
        MIXED_SIGNS,
        {s: 2 for s in ("engagement", "ease", "comfort", "smoothness")},
        {s: -2 for s in ("engagement", "ease", "comfort", "smoothness", "eye_contact")},
    ],
)
def test_never_promises_an_outcome(outcome, signals):
    _, result = assess(outcome, **signals)
    for text in all_text(result):
        assert not PROMISES.search(text), text
        assert "\n" not in text
    if outcome in (None, "next_round"):  # the employer has yet to decide
        assert any("employer decides" in a for a in result.advice)


def test_catalog_phrases_never_promise():
    for s in CATALOG:
        for text in (s.meaning, s.strength, s.concern, *s.levels):
            assert not PROMISES.search(text), text
    for steps in wording.NEXT_STEPS.values():
        for text in steps:
            assert not PROMISES.search(text), text


# --- order and coverage ------------------------------------------------------------


def test_what_went_well_leads_and_detail_comes_last():
    iv, result = assess(**MIXED_SIGNS)
    titles = [s.title for s in reading_sections(result, iv)]
    assert titles[0] == wording.WENT_WELL and titles[-1] == wording.NEXT_STEPS_TITLE
    assert titles.index(wording.WENT_WELL) < titles.index(wording.WORTH_NOTING)
    text = reading_text(result, iv)
    assert (
        text.index(wording.WENT_WELL)
        < text.index(wording.NEXT_STEPS_TITLE)
        < text.index(wording.DETAIL)
    )
    assert re.search(r"Engagement\s+\+\d+$", text, re.MULTILINE)  # whole points
    assert not re.search(r"[+-]\d+\.\d", text.split(wording.DETAIL)[1])


def test_coverage_is_counted_in_signs():
    result = score(
        Interview.create(
            scheduled_minutes=45, actual_minutes=50, signals={"ease": 1, "comfort": -1}
        )
    )
    assert (result.signs_noted, result.signs_total) == (3, len(ARTICLE_SIGNS))
    assert result.coverage == f"based on 3 of {len(ARTICLE_SIGNS)} signs"
    assert result.to_dict()["coverage"]["signs_noted"] == 3
    off = score(
        Interview.create(scheduled_minutes=45, signals={"ease": 1}), {"ease": 0, "comfort": 0}
    )
    assert (off.signs_noted, off.signs_total) == (0, len(ARTICLE_SIGNS) - 2)
    assert "confidence" not in summary(result).lower()


def test_summary_names_every_category_and_the_coverage():
    _, result = assess(**MIXED_SIGNS)
    text = summary(result)
    assert result.verdict in text and result.coverage in text
    for cat in CATEGORIES:
        assert cat.label.lower() in text
    empty = score(Interview.create(scheduled_minutes=30))
    assert "not noted" in summary(empty) and "too little noted" in summary(empty).lower()
    assert "::" not in summary(empty) and "unclear:" not in summary(empty)


def test_nothing_positive_invites_the_user_and_uses_their_words():
    bad = Interview.create(
        scheduled_minutes=45,
        actual_minutes=30,
        behavioral_share=0.1,
        signals={s: -1 for s in ("engagement", "ease", "comfort")},
    )
    result = score(bad)
    assert result.strengths == () and result.prompt == wording.NAME_ONE
    assert not any("went well" in a for a in result.advice)
    mine = bad.replace(went_well="I explained the migration clearly")
    result = score(mine)
    assert result.prompt == ""
    went_well = reading_sections(result, mine)[0]
    assert went_well.title == wording.WENT_WELL
    assert any("I explained the migration clearly" in i for i in went_well.items)
    assert wording.HOLD_ON_OWN in result.advice


# --- the article's six scenarios (examples/scenarios) ----------------------------------


def test_scenario_all_went_well():
    _, result = scenario("1-all-went-well")
    assert result.verdict == "promising" and not result.concerns
    assert len(result.strengths) >= 6
    assert result.coverage == "based on 8 of 8 signs"
    assert sum(note in t for t in all_text(result) for note in wording.HEDGE_NOTES.values()) == 1


def test_scenario_mostly_technical_is_focus_not_concern():
    _, result = scenario("2-mostly-technical")
    assert not result.concerns
    assert "technical" in result.focus and "interviewer" in result.focus
    assert wording.LET_GO not in result.advice
    assert not BAD_WORDS.search(result.headline)


def test_scenario_engaged_but_struggling_says_it_kindly():
    _, result = scenario("3-engaged-but-struggling")
    assert result.verdict == "mixed"
    assert "Nothing here says it went badly" not in " ".join(all_text(result))
    assert "hard" in result.headline.lower() and "went well" in result.headline.lower()
    joined = " ".join(result.concerns).lower()
    assert "long, awkward silences" in joined and "struggled with most questions" in joined
    assert "heavy pressure" in joined
    assert result.strengths  # the engaged interviewer is still named


def test_scenario_went_badly_invites_one_good_thing():
    _, result = scenario("4-went-badly")
    assert result.verdict == "concerning" and not result.strengths
    assert result.prompt == wording.NAME_ONE
    assert "checked the phone or the clock" in " ".join(result.concerns)


def test_scenario_only_duration_is_unclear_in_words():
    _, result = scenario("5-only-duration")
    assert result.verdict == "unclear"
    assert result.coverage == "based on 1 of 8 signs"
    assert not any("went well" in a.lower() for a in result.advice)
    assert summary(result).startswith("Too little noted to say")


def test_scenario_big_early_finish_is_named_plainly():
    _, result = scenario("6-ended-early")
    early = [c for c in result.concerns if c.startswith("Duration")]
    assert early and "well before the booked time" in early[0]
    assert "25 of 45 minutes" in early[0]
    assert "means nothing" not in " ".join(all_text(result))


def test_scenario_files_are_valid_contract_objects():
    files = sorted(SCENARIOS.glob("*.json"))
    assert len(files) == 6
    for path in files:
        assert json.loads(path.read_text(encoding="utf-8"))["schema"] == 1


def test_next_steps_carry_the_debrief_dates_and_skip_a_sent_thank_you():
    base = Interview.create(scheduled_minutes=45, date="2026-11-20")
    told = score(base.replace(decision_by="2026-12-04"), today=EVENING).advice
    assert any("thank-you note by tomorrow" in step for step in told)
    assert any("decide by 4 Dec" in step and "by 5 Dec" in step for step in told)
    sent = score(base.replace(thank_you_sent="2026-11-21"), today=_dt.date(2026, 11, 22)).advice
    assert any("went out yesterday" in step for step in sent)
    assert not any("send a short thank-you" in step.lower() for step in sent)
    assert any("around 27 Nov" in step for step in sent)
    settled = score(base.replace(decision_by="2026-12-04", outcome="offer"), today=EVENING).advice
    assert not any("Dec" in step for step in settled)  # no chasing after a decision


def test_the_scenario_readme_quotes_what_score_prints_today():
    """examples/scenarios/README.md shows the "after" readings: they must not drift."""
    import importlib.util

    path = SCENARIOS.parent.parent / "scripts" / "scenario_readings.py"
    spec = importlib.util.spec_from_file_location("scenario_readings", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.README.read_text(encoding="utf-8")
    assert len(module.BLOCK.findall(text)) == 6
    assert module.refreshed(text) == text, "run python scripts/scenario_readings.py"
