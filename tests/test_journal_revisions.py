"""No lost updates: a write names the revision it was based on, and a journal that has
moved on refuses it (``StaleRevision``, nothing written), with two real connections
to one real SQLite file, and from the command line. Also a save that carries the
outcome and its date together (``update(..., outcome_date=...)``)."""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journal_helpers import CLI, digest, run_cli, sample

from interview_kit.core.errors import InputError
from interview_kit.journal.records import MAX_REVISION
from interview_kit.journal.store import KEEP, StaleRevision, open_journal


@pytest.fixture
def path(tmp_path):
    return tmp_path / "shared.sqlite3"


def _saved(path, n=1):
    with open_journal(path) as journal:
        return journal.add(sample(n))


def test_two_writers_based_on_the_same_revision_the_second_is_refused(path):
    id_ = _saved(path)
    with open_journal(path) as page, open_journal(path) as other_tab:
        mine = page.get(id_)
        theirs = other_tab.get(id_)
        assert mine.revision == theirs.revision == 1
        first = page.update(
            id_, mine.interview.replace(notes="typed in the page"), based_on=mine.revision
        )
        assert first.revision == 2
        with pytest.raises(StaleRevision) as info:
            other_tab.update(id_, theirs.interview.replace(stage="final"), based_on=theirs.revision)
    stale = info.value
    assert isinstance(stale, InputError)
    assert (stale.entry_id, stale.based_on, stale.current.revision) == (id_, 1, 2)
    assert stale.current.interview.notes == "typed in the page"  # what it holds now
    assert str(stale) == (
        f"interview #{id_} changed elsewhere since revision 1 (it is at "
        "revision 2 now): nothing was written"
    )
    with open_journal(path) as journal:
        kept = journal.get(id_)
    assert kept.revision == 2 and kept.interview.notes == "typed in the page"
    assert kept.stage == sample(1)["stage"]  # the refused write left no trace


def test_the_refused_writer_merges_and_writes_again_on_the_current_revision(path):
    id_ = _saved(path)
    with open_journal(path) as journal:
        journal.set_outcome(id_, "offer", "2026-12-30")  # elsewhere, unconditionally
        try:
            journal.update(id_, journal.get(id_).interview.replace(outcome=None), based_on=1)
        except StaleRevision as stale:
            merged = stale.current.interview.replace(notes="mine")
            saved = journal.update(id_, merged, based_on=stale.current.revision)
    assert (saved.revision, saved.outcome, saved.outcome_date) == (3, "offer", "2026-12-30")
    assert saved.interview.notes == "mine"


@pytest.mark.parametrize("write", ["outcome", "thank_you", "delete"])
def test_every_write_to_a_saved_interview_checks_its_revision(path, write):
    id_ = _saved(path)
    with open_journal(path) as journal:
        journal.update(id_, journal.get(id_).interview.replace(notes="moved on"))
        before = journal.export_json()
        with pytest.raises(StaleRevision):
            if write == "outcome":
                journal.set_outcome(id_, "rejected", based_on=1)
            elif write == "thank_you":
                journal.set_thank_you_sent(id_, "2026-12-30", based_on=1)
            else:
                journal.delete(id_, based_on=1)
        assert journal.export_json() == before
        # Based on the current revision, the same write goes through.
        if write == "outcome":
            assert journal.set_outcome(id_, "rejected", based_on=2).revision == 3
        elif write == "thank_you":
            assert journal.set_thank_you_sent(id_, "2026-12-30", based_on=2).revision == 3
        else:
            journal.delete(id_, based_on=2)
            assert len(journal) == 0


def test_a_write_based_on_nothing_stays_unconditional(path):
    id_ = _saved(path)
    with open_journal(path) as journal:
        journal.set_outcome(id_, "offer", "2026-12-30")
        entry = journal.update(id_, journal.get(id_).interview.replace(notes="x"))
    assert entry.revision == 3


@pytest.mark.parametrize("bad", [0, -1, True, 1.0, "1", MAX_REVISION + 1])
def test_a_based_on_that_is_no_revision_is_refused_by_name(path, bad):
    id_ = _saved(path)
    with open_journal(path) as journal, pytest.raises(InputError) as info:
        journal.set_outcome(id_, "offer", based_on=bad)
    assert info.value.field == "based_on" and not isinstance(info.value, StaleRevision)


def test_a_revision_never_passes_what_json_keeps_exactly(path):
    with open_journal(path) as journal:
        entry = journal.get(journal.add(sample(1)))
        journal.delete(entry.id)
        journal.import_entries([dataclasses.replace(entry, revision=MAX_REVISION)])
        before = journal.export_json()
        with pytest.raises(InputError) as info:
            journal.set_outcome(entry.id, "offer", based_on=MAX_REVISION)
        assert info.value.field == "revision" and "nothing was written" in str(info.value)
        assert journal.export_json() == before


# -- a save carries the outcome and its date


def test_a_save_stores_the_outcome_and_its_date_together(path):
    id_ = _saved(path)
    with open_journal(path) as journal:
        old = journal.get(id_)
        saved = journal.update(
            id_,
            old.interview.replace(outcome="no_response", notes="n"),
            based_on=1,
            outcome_date="2026-12-30",
        )
        assert (saved.outcome, saved.outcome_date, saved.revision) == (
            "no_response",
            "2026-12-30",
            2,
        )
        # The date alone can change, the outcome kept.
        moved = journal.update(id_, saved.interview, based_on=2, outcome_date="2026-12-31")
        assert (moved.outcome_date, moved.revision) == ("2026-12-31", 3)
        # Saving what is stored writes nothing (a revision counts changes).
        assert (
            journal.update(id_, moved.interview, based_on=3, outcome_date="2026-12-31").revision
            == 3
        )
        # Cleared together.
        cleared = journal.update(
            id_, moved.interview.replace(outcome=None), based_on=3, outcome_date=None
        )
        assert (cleared.outcome, cleared.outcome_date) == (None, None)


def test_keep_applies_todays_rule(path):
    id_ = _saved(path)
    with open_journal(path) as journal:
        first = journal.set_outcome(id_, "offer", "2026-12-30")
        same = journal.update(id_, first.interview.replace(notes="x"), outcome_date=KEEP)
        assert same.outcome_date == "2026-12-30"
        changed = journal.update(id_, same.interview.replace(outcome="rejected"))
        assert changed.outcome_date not in (None, "2026-12-30")  # today's


@pytest.mark.parametrize(
    ("outcome", "date", "reason"),
    [
        ("offer", None, "is needed with the outcome"),
        ("offer", "2026-13-01", "real date"),
        ("offer", "2020-01-01", "before the interview's date"),
        (None, "2026-12-30", "no outcome"),
    ],
)
def test_an_outcome_date_that_does_not_fit_is_refused_and_nothing_written(
    path, outcome, date, reason
):
    id_ = _saved(path)
    with open_journal(path) as journal:
        old = journal.get(id_)
        with pytest.raises(InputError) as info:
            journal.update(id_, old.interview.replace(outcome=outcome), outcome_date=date)
        assert info.value.field == "outcome_date" and reason in str(info.value)
        assert journal.get(id_) == old


# -- the command line


def ik(*args, journal):
    return run_cli("journal", *args, journal=journal)


def test_cli_writes_say_what_they_did_and_refuse_a_stale_revision(path, tmp_path):
    id_ = _saved(path)
    done = ik("outcome", id_, "offer", "--date", "2026-12-30", "--based-on", 1, journal=path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"#{id_}: outcome offer on 2026-12-30 recorded (revision 1 -> 2)\n"
    before = digest(path)
    refused = ik("sent", id_, "--date", "2026-12-29", "--based-on", 1, journal=path)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == (
        f"interview-kit: #{id_} changed since revision 1 (now at revision 2): nothing written\n"
    )
    assert digest(path) == before
    again = ik("outcome", id_, "offer", "--date", "2026-12-30", journal=path)
    assert again.stdout == (
        f"#{id_}: outcome offer on 2026-12-30 already recorded (revision 2): nothing written\n"
    )
    sent = ik("sent", id_, "--date", "2026-12-29", "--based-on", 2, journal=path)
    assert sent.stdout == (
        f"#{id_}: thank-you note sent on 2026-12-29 recorded (revision 2 -> 3)\n"
    )
    stale_delete = ik("delete", id_, "--yes", "--based-on", 2, journal=path)
    assert stale_delete.returncode == 2 and "nothing written" in stale_delete.stderr
    gone = ik("delete", id_, "--yes", "--based-on", 3, journal=path)
    assert gone.returncode == 0 and gone.stdout == f"deleted #{id_} (it was at revision 3)\n"


@pytest.mark.parametrize("bad", ["0", "x", "-3", str(MAX_REVISION + 1)])
def test_cli_based_on_that_is_no_revision_is_one_line(path, bad):
    id_ = _saved(path)
    out = ik("outcome", id_, "offer", f"--based-on={bad}", journal=path)
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1
    assert "--based-on" in out.stderr and "Traceback" not in out.stderr


def test_two_cli_processes_based_on_the_same_revision_one_wins(path):
    id_ = _saved(path)
    argvs = [
        [*CLI, "journal", "outcome", str(id_), "offer", "--based-on", "1"],
        [*CLI, "journal", "sent", str(id_), "--date", "2026-12-29", "--based-on", "1"],
    ]
    procs = [
        subprocess.Popen(
            [*a, "--journal", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for a in argvs
    ]
    results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
    assert sorted(code for code, _, _ in results) == [0, 2]
    with open_journal(path) as journal:
        entry = journal.get(id_)
    assert entry.revision == 2
    won = next(n for n, (code, _, _) in enumerate(results) if code == 0)
    assert (entry.outcome == "offer") == (won == 0)
    assert (entry.interview.thank_you_sent == "2026-12-29") == (won == 1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2), st.sampled_from(("notes", "outcome", "sent")), st.integers(0, 3)
        ),
        min_size=1,
        max_size=12,
    )
)
def test_writers_racing_on_one_record_never_lose_an_accepted_change(steps):
    """Three writers, each holding the revision it last read: a write is accepted
    exactly when its revision is the current one; every accepted change stays."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "j.sqlite3"
        id_ = _saved(path)
        writers = [open_journal(path) for _ in range(3)]
        try:
            held = [w.get(id_) for w in writers]
            expected = held[0]
            for k, what, n in steps:
                journal, mine = writers[k], held[k]
                try:
                    if what == "notes":
                        after = journal.update(
                            id_, mine.interview.replace(notes=f"n{n}"), based_on=mine.revision
                        )
                    elif what == "outcome":
                        after = journal.set_outcome(
                            id_,
                            ("offer", "rejected", None, "offer")[n],
                            "2026-12-30",
                            based_on=mine.revision,
                        )
                    else:
                        after = journal.set_thank_you_sent(
                            id_, f"2026-12-2{n}", based_on=mine.revision
                        )
                except StaleRevision as stale:
                    assert mine.revision != expected.revision
                    assert stale.current == expected  # what the journal holds, exactly
                    held[k] = stale.current
                    continue
                assert mine.revision == expected.revision
                assert after.revision in (expected.revision, expected.revision + 1)
                expected = held[k] = after
            assert writers[0].get(id_) == expected
        finally:
            for w in writers:
                w.close()
