"""Synthetic interviews and the committed demo journal: seeded, fake, labelled."""

import json
from collections import Counter
from pathlib import Path

from interview_kit import Interview
from interview_kit.core.signals import ARTICLE_SIGNS
from interview_kit.learn.synthetic import DEMO_SIZE, demo_journal, synthetic_interviews

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "interview_kit" / "data" / "demo_journal.json"
CONTRACT = set(Interview.create(scheduled_minutes=30).to_dict())


def test_seeded_and_reproducible():
    assert synthetic_interviews(50, seed=3) == synthetic_interviews(50, seed=3)
    assert synthetic_interviews(50, seed=3) != synthetic_interviews(50, seed=4)


def test_realistic_and_clearly_fake():
    records = synthetic_interviews(400, seed=1)
    assert all(r.company == f"Example Co {i + 1}" for i, r in enumerate(records))
    article = {s.id for s in ARTICLE_SIGNS}  # the only signs the generator notes
    unseen = sum(v is None for r in records for k, v in r.signal_values().items() if k in article)
    assert 0.05 < unseen / (400 * 8) < 0.3  # some signs missed, most noticed
    outcomes = Counter(r.outcome for r in records)
    assert {"offer", "next_round", "rejected", "no_response"} <= set(outcomes)
    assert outcomes["withdrawn"] + outcomes[None] > 0
    dates = [r.date for r in records]
    assert dates == sorted(dates)


def test_outcomes_follow_the_weights():
    # Interviews whose signs lean positive end well more often.
    records = synthetic_interviews(2000, {"ease": 3.0}, seed=2)
    good = [r for r in records if r.outcome in ("offer", "next_round")]
    bad = [r for r in records if r.outcome in ("rejected", "no_response")]

    def mean_ease(rs):
        values = [r.signals["ease"] for r in rs if r.signals["ease"] is not None]
        return sum(values) / len(values)

    assert mean_ease(good) > mean_ease(bad) + 0.3


def test_committed_demo_journal_matches_the_script():
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(demo_journal()))
    assert data["format"] == "interview_kit.journal" and data["version"] == 1
    assert data["synthetic"] is True and "synthetic" in data["note"].lower()
    assert "scripts/make_demo_journal.py" in data["note"]
    assert len(data["interviews"]) == DEMO_SIZE
    ids = [r["id"] for r in data["interviews"]]
    assert ids == list(range(1, DEMO_SIZE + 1))
    for record in data["interviews"]:
        assert CONTRACT <= set(record)
        assert {"created", "updated", "revision", "weights", "profile", "outcome_date"} <= set(
            record
        )
        assert (record["outcome_date"] is None) == (record["outcome"] is None)
        assert record["company"].startswith("Example Co ")
        Interview.from_dict({k: record[k] for k in CONTRACT})


def test_demo_journal_is_enough_for_a_fit():
    from interview_kit.learn.calibration import fit_weights

    data = demo_journal()
    records = [Interview.from_dict({k: r[k] for k in CONTRACT}) for r in data["interviews"]]
    fit = fit_weights(records, held_out=False)
    assert fit.enough_data and fit.n >= 30


def test_script_writes_the_file(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "demo.json"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_demo_journal.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_text(encoding="utf-8") == DEMO.read_text(encoding="utf-8")


def test_demo_journal_carries_synthetic_debriefs():
    """Schema-2 debriefs: people, questions (some asked again elsewhere) with answer
    notes, own questions, a read, decision dates and some thank-you notes sent; the
    signals and outcomes are those of synthetic_interviews, debrief or not."""
    from interview_kit.core.debrief import repeated_questions
    from interview_kit.learn.synthetic import DEMO_SEED, DEMO_WEIGHTS

    data = demo_journal()
    journal_fields = {"id", "created", "updated", "revision", "weights", "profile", "outcome_date"}
    records = [
        Interview.from_dict({k: v for k, v in r.items() if k not in journal_fields})
        for r in data["interviews"]
    ]
    assert all(r.has_debrief and r.interviewers and len(r.questions) >= 2 for r in records)
    assert all(q.answer.startswith("Synthetic notes") for r in records for q in r.questions)
    assert "debrief" in data["note"] and data["synthetic"] is True
    repeated = repeated_questions([r.questions for r in records])
    assert len(repeated) >= 3 and repeated[0][1] >= 5
    decided = [r for r in records if r.decision_by]
    sent = [r for r in records if r.thank_you_sent]
    assert 10 <= len(decided) < len(records) and 10 <= len(sent) < len(records)
    assert all(r.decision_by > r.date for r in decided)
    assert all(r.thank_you_sent >= r.date for r in sent)
    assert any(r.my_questions for r in records) and any(r.my_read for r in records)
    plain = synthetic_interviews(DEMO_SIZE, DEMO_WEIGHTS, DEMO_SEED)
    assert [(r.signals, r.outcome, r.date) for r in records] == [
        (p.signals, p.outcome, p.date) for p in plain
    ]
