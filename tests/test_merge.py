"""The three-way merge of two edits of one record (core/merge.py): a change made on one
side only always survives; only a field both sides changed differently is asked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_kit.core.interview import Interview
from interview_kit.core.merge import Conflict, merge_records

BASE = Interview.create(
    company="Acme",
    role="Analyst",
    scheduled_minutes=45,
    signals={"engagement": 1, "comfort": 0},
    notes="",
).to_dict()


def _with(record: dict, **changes) -> dict:
    out = {**record, **{k: v for k, v in changes.items() if k != "signals"}}
    if "signals" in changes:
        out["signals"] = {**record["signals"], **changes["signals"]}
    return out


def test_a_note_here_and_an_outcome_elsewhere_both_survive():
    mine = _with(BASE, notes="typed in the page")
    theirs = _with(BASE, outcome="offer")
    merge = merge_records(BASE, mine, theirs)
    assert merge.conflicts == ()
    assert merge.record["notes"] == "typed in the page"
    assert merge.record["outcome"] == "offer"
    assert Interview.from_dict(merge.record).outcome == "offer"


def test_signals_merge_sign_by_sign():
    mine = _with(BASE, signals={"engagement": 2})
    theirs = _with(BASE, signals={"ease": -1})
    merge = merge_records(BASE, mine, theirs)
    assert merge.conflicts == ()
    assert merge.record["signals"]["engagement"] == 2
    assert merge.record["signals"]["ease"] == -1


def test_the_same_field_changed_differently_is_a_conflict_with_both_values():
    mine = _with(BASE, notes="mine", signals={"comfort": 2})
    theirs = _with(BASE, notes="theirs", signals={"comfort": -2})
    merge = merge_records(BASE, mine, theirs)
    # In the record's order, named in the words the user sees.
    assert merge.conflicts == (
        Conflict("signals.comfort", "Comfort", 2, -2),
        Conflict("notes", "Notes", "mine", "theirs"),
    )
    assert merge.record["notes"] == "mine"
    resolved = merge.resolved({"notes"})
    assert resolved["notes"] == "theirs" and resolved["signals"]["comfort"] == 2
    assert merge.record["notes"] == "mine"  # the merge itself is unchanged


def test_the_same_change_on_both_sides_is_no_conflict():
    both = _with(BASE, outcome="rejected")
    assert merge_records(BASE, both, both).conflicts == ()


def test_a_nested_part_merges_part_by_part():
    base = {"my_read": {"interest": 3, "red_flags": ""}}
    mine = {"my_read": {"interest": 4, "red_flags": ""}}
    theirs = {"my_read": {"interest": 3, "red_flags": "late"}}
    assert merge_records(base, mine, theirs).record == {
        "my_read": {"interest": 4, "red_flags": "late"}
    }


_VALUES = st.one_of(st.none(), st.integers(-2, 2), st.text(max_size=3))
_KEYS = st.sampled_from(["a", "b", "c", "d"])
_RECORDS = st.dictionaries(_KEYS, _VALUES, min_size=4, max_size=4)


@settings(max_examples=300, deadline=None)
@given(base=_RECORDS, mine=_RECORDS, theirs=_RECORDS)
def test_a_change_on_one_side_only_always_survives(base, mine, theirs):
    merge = merge_records(base, mine, theirs)
    conflicted = {c.key for c in merge.conflicts}
    for key in base:
        if mine[key] != base[key] and theirs[key] == base[key]:
            assert merge.record[key] == mine[key]
        elif theirs[key] != base[key] and mine[key] == base[key]:
            assert merge.record[key] == theirs[key]
        elif mine[key] != theirs[key]:
            assert key in conflicted
        else:
            assert merge.record[key] == mine[key] and key not in conflicted
    # Merging is symmetric up to whose value a conflict holds.
    assert {c.key for c in merge_records(base, theirs, mine).conflicts} == conflicted
