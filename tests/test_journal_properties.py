"""Property test: any valid interview survives the journal and both export formats."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_kit.core.interview import STAGES
from interview_kit.core.outcomes import OUTCOMES
from interview_kit.core.signals import observed_signals
from interview_kit.journal.exchange import export_json
from interview_kit.journal.store import open_journal

text = st.tuples(
    st.sampled_from(("", "", "=", "+", "-", "@", "'", "''", "\t", "\r", "'=")),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
).map("".join)  # formula starts and the CSV guard: the export must invert them
signal = st.one_of(st.none(), st.floats(-2, 2, allow_nan=False))
interview = st.fixed_dictionaries(
    {
        "company": text,
        "role": text,
        "notes": text,
        "stage": st.sampled_from(("", *STAGES)),
        "date": st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
        "scheduled_minutes": st.floats(0.001, 600, allow_nan=False),
        "actual_minutes": st.one_of(st.none(), st.floats(0, 600, allow_nan=False)),
        "behavioral_share": st.one_of(st.none(), st.floats(0, 1, allow_nan=False)),
        "signals": st.fixed_dictionaries({s.id: signal for s in observed_signals()}),
    }
)
weights = st.one_of(st.none(), st.fixed_dictionaries({"ease": st.floats(0, 10)}))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            interview,
            weights,
            st.sampled_from((None, *OUTCOMES)),
            st.sampled_from(("default", "Zürich strict-v2_ß")),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_export_import_round_trip(items):
    with tempfile.TemporaryDirectory() as folder:
        with open_journal(Path(folder) / "a.sqlite3") as journal:
            for data, w, outcome, profile in items:
                if profile == "default":
                    id_ = journal.add(data, w)  # "default" or "(custom)"
                else:
                    journal.save_profile(profile, w or {}, note=profile)
                    id_ = journal.add(data, profile=profile)
                if outcome is not None:
                    journal.set_outcome(id_, outcome, "9999-12-31")
            as_json, as_csv = journal.export_json(), journal.export_csv()
            entries = journal.entries()
            profiles = journal.profiles()
            assert as_json == export_json(
                sorted(entries, key=lambda e: e.id), profiles, uid=journal.journal_uid
            )
        with open_journal(Path(folder) / "b.sqlite3") as copy:
            copy.import_json(as_json)
            assert copy.entries() == entries and copy.export_json() == as_json
            assert copy.profiles() == profiles
        with open_journal(Path(folder) / "c.sqlite3") as copy:
            copy.import_csv(as_csv)
            assert copy.entries() == entries and copy.export_csv() == as_csv
