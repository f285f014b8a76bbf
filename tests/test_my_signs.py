"""Signs beyond the article and signs of your own: the catalog as data, the coverage
rule, the journal's signs table, export and import, score and calibration, the CLI."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest
from test_cli import assert_user_error, run

from interview_kit import InputError, Interview, score
from interview_kit.core import signals
from interview_kit.core.batch import score_many
from interview_kit.core.my_signs import make_sign, sign_to_dict
from interview_kit.core.signals import ARTICLE_SIGNS, MORE_SIGNS, SOURCES, Catalog
from interview_kit.journal.store import open_journal
from interview_kit.learn.calibration import fit_weights
from interview_kit.learn.synthetic import synthetic_interviews

SALARY = dict(
    id="salary",
    label="Salary range named",
    category="flow",
    low="avoided the topic",
    high="named a generous range",
    weight=0.5,
)
SALARY_DICT = {**SALARY, "weight": 0.5}
ALL_ARTICLE = {
    "engagement": 2,
    "eye_contact": 1,
    "follow_ups": 1,
    "smoothness": 1,
    "comfort": 0,
    "ease": 1,
}


def with_salary() -> Catalog:
    return signals.BUILTIN.with_signs([make_sign(**SALARY)])


# -- the catalog (1), the coverage rule (2)


def test_at_least_three_signs_beyond_the_article_each_with_a_source():
    assert len(ARTICLE_SIGNS) == 8 and len(MORE_SIGNS) >= 3
    ids = {s.id for s in MORE_SIGNS}
    assert {"selling", "next_steps", "introductions"} <= ids
    for s in MORE_SIGNS:
        assert s.optional and s.source in SOURCES and s.source != "article"
        assert s.evidence and s.negative and s.positive and len(s.levels) == 5
    assert next(s for s in MORE_SIGNS if s.id == "selling").source == "research"
    assert "Dougherty" in next(s for s in MORE_SIGNS if s.id == "selling").evidence


def test_coverage_is_unchanged_when_the_optional_signs_are_left_out():
    full = Interview.create(
        scheduled_minutes=45, actual_minutes=50, behavioral_share=0.5, signals=ALL_ARTICLE
    )
    result = score(full)
    assert (result.signs_noted, result.signs_total, result.confidence) == (8, 8, 1.0)
    assert result.to_dict()["coverage"]["text"] == "based on 8 of 8 signs"
    noted = score(full.with_signal("selling", 2))
    assert (noted.signs_noted, noted.signs_total, noted.confidence) == (9, 9, 1.0)
    assert noted.overall > result.overall
    # the batch scorer follows the same rule, bit for bit
    batch = score_many([full, full.with_signal("selling", 2)])
    assert list(batch.confidence) == [result.confidence, noted.confidence]
    assert list(batch.overall) == [result.overall, noted.overall]


def test_an_optional_sign_left_out_is_not_written_into_the_record():
    record = Interview.create(scheduled_minutes=30).to_dict()
    assert not set(record["signals"]) & {s.id for s in MORE_SIGNS}


# -- signs of your own: bad input


@pytest.mark.parametrize(
    "change, field",
    [
        ({"id": "Salary"}, "id"),
        ({"id": "eye_contact"}, "id"),
        ({"id": "sal-ary"}, "id"),
        ({"label": "x" * 61}, "label"),
        ({"label": "Answering"}, "label"),
        ({"category": "mood"}, "category"),
        ({"low": "x" * 81}, "low"),
        ({"high": ""}, "high"),
        ({"weight": -1}, "weight"),
        ({"weight": float("nan")}, "weight"),
    ],
)
def test_a_bad_sign_is_refused_naming_the_field(change, field):
    with pytest.raises(InputError) as info:
        make_sign(**{**SALARY, **change})
    assert info.value.field == field


def test_an_interview_naming_an_undefined_sign_is_refused():
    with pytest.raises(InputError) as info:
        Interview.from_dict({"scheduled_minutes": 30, "signals": {"salary": 1}})
    assert info.value.field == "signals"
    with signals.using(with_salary()):
        assert (
            Interview.from_dict({"scheduled_minutes": 30, "signals": {"salary": 1}}).signals[
                "salary"
            ]
            == 1.0
        )


def test_a_sign_of_ones_own_counts_in_the_score_and_the_reading():
    with signals.using(with_salary()):
        interview = Interview.create(scheduled_minutes=30, signals={**ALL_ARTICLE, "salary": 2})
        result = score(interview)
        assert "salary" in {c.signal for c in result.contributions}
        # six article signs noted (no minutes, no share) and the sign of one's own
        assert (result.signs_noted, result.signs_total) == (7, 9)
        assert any("generous range" in line for line in result.strengths)
        without = score(interview.with_signal("salary", None))
        assert (without.signs_noted, without.signs_total) == (6, 8)


def test_catalog_is_reset_and_scoped():
    with signals.using(with_salary()):
        assert "salary" in signals.signal_ids()
    assert "salary" not in signals.signal_ids()
    assert signals.current() is signals.BUILTIN


# -- the journal: schema 5, add/list/remove, export and import


def test_journal_keeps_signs_and_export_import_reproduces_them_exactly(tmp_path):
    with open_journal(tmp_path / "a.sqlite3") as journal:
        journal.add_sign(make_sign(**SALARY))
        id_ = journal.add(
            Interview.create(company="Acme", scheduled_minutes=30, signals={"salary": 2, "ease": 1})
        )
        text = journal.export_json()
    assert json.loads(text)["signs"] == [SALARY_DICT]
    signals.reset()  # a new process: nothing known about the sign
    with open_journal(tmp_path / "b.sqlite3") as empty:
        assert empty.signs() == ()
        assert empty.import_json(text) == [id_]
        assert [sign_to_dict(s) for s in empty.signs()] == [SALARY_DICT]
        assert empty.get(id_).interview.signals["salary"] == 2.0
        assert empty.export_json() == text
        assert empty.import_json(text) == [id_]  # twice: nothing added


def test_import_refuses_a_sign_defined_otherwise(tmp_path):
    with open_journal(tmp_path / "a.sqlite3") as journal:
        journal.add_sign(make_sign(**SALARY))
        text = journal.export_json()
    signals.reset()
    with open_journal(tmp_path / "b.sqlite3") as other:
        other.add_sign(make_sign(**{**SALARY, "weight": 2}))
        with pytest.raises(InputError) as info:
            other.import_json(text)
        assert info.value.field == "signs[0].id"


def test_removing_a_used_sign_needs_force_and_keeps_the_value(tmp_path):
    with open_journal(tmp_path / "j.sqlite3") as journal:
        journal.add_sign(make_sign(**SALARY))
        id_ = journal.add(
            Interview.create(scheduled_minutes=30, notes="fine", signals={"salary": -1})
        )
        journal.add(Interview.create(scheduled_minutes=30))
        with pytest.raises(InputError, match="used by 1 saved interview"):
            journal.remove_sign("salary")
        assert journal.remove_sign("salary", force=True) == 1
        kept = journal.get(id_)
        assert "salary" not in kept.interview.signals and "-1" in kept.interview.notes
        assert kept.interview.notes.startswith("fine\n") and kept.revision == 2
        assert journal.signs() == () and "salary" not in signals.signal_ids()
    with open_journal(tmp_path / "j.sqlite3") as again:  # still readable
        assert len(again.entries()) == 2


def test_a_schema4_journal_gets_the_signs_table_after_one_backup(tmp_path):
    path = tmp_path / "v4.sqlite3"
    with open_journal(path) as journal:
        journal.add(Interview.create(scheduled_minutes=30))
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE signs")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with open_journal(path) as journal:
        assert journal.migrated_from == 4 and journal.backup is not None
        assert journal.add_sign(make_sign(**SALARY)).id == "salary"
    assert len([p for p in tmp_path.iterdir() if ".bak" in p.name]) == 1


# -- calibration learns the weight of a sign of one's own


def test_calibration_learns_a_sign_of_ones_own():
    catalog = with_salary()
    rng = np.random.default_rng(5)
    records = []
    with signals.using(catalog):
        for r in synthetic_interviews(400, seed=11):
            if r.outcome in ("offer", "next_round"):
                value = float(rng.choice([1.0, 2.0]))
            elif r.outcome in ("rejected", "no_response"):
                value = float(rng.choice([-2.0, -1.0]))
            else:
                value = 0.0
            records.append(r.with_signal("salary", value))
        fit = fit_weights(records, held_out=False)
    assert fit.enough_data and fit.observed["salary"] == fit.n
    assert fit.weights["salary"] > 2 * fit.prior_weights["salary"]


# -- the CLI


def test_cli_sign_add_list_remove_and_score(tmp_path):
    journal = str(tmp_path / "j.sqlite3")
    added = run(
        "sign",
        "add",
        "salary",
        "--label",
        SALARY["label"],
        "--category",
        "flow",
        "--low",
        SALARY["low"],
        "--high",
        SALARY["high"],
        "--weight",
        "0.5",
        "--journal",
        journal,
    )
    assert added.returncode == 0, added.stderr
    listed = json.loads(run("sign", "list", "--json", "--journal", journal).stdout)
    assert listed == [{**SALARY_DICT, "used_by": 0}]
    file = tmp_path / "i.json"
    file.write_text(json.dumps({"scheduled_minutes": 30, "signals": {"salary": 2}}))
    scored = run("score", file, "--json", "--journal", journal)
    assert scored.returncode == 0, scored.stderr
    assert [c["signal"] for c in json.loads(scored.stdout)["contributions"]] == ["salary"]
    text = run("score", file, "--journal", journal).stdout
    assert "Salary range named" in text
    assert_user_error(
        run("score", file, "--journal", str(tmp_path / "none.sqlite3")), "signals", "salary"
    )
    catalog = json.loads(run("signals", "--json", "--journal", journal).stdout)
    mine = next(s for s in catalog if s["id"] == "salary")
    assert mine["source"] == "yours" and mine["default_weight"] == 0.5
    assert mine["negative"] == SALARY["low"] and mine["positive"] == SALARY["high"]
    assert run("sign", "remove", "salary", "--journal", journal).returncode == 0
    assert json.loads(run("sign", "list", "--json", "--journal", journal).stdout) == []


@pytest.mark.parametrize(
    "args, field",
    [
        (["Salary"], "id"),
        (["engagement"], "id"),
        (["salary", "--category", "mood"], "category"),
        (["salary", "--label", "x" * 61], "label"),
        (["salary", "--weight", "-2"], "weight"),
        (["salary", "--low", "y" * 81], "low"),
    ],
)
def test_cli_bad_sign_exits_2_naming_the_field(tmp_path, args, field):
    base = {"--label": "Salary", "--category": "flow", "--low": "no", "--high": "yes"}
    given = dict(zip(args[1::2], args[2::2], strict=True))
    options = [x for k, v in {**base, **given}.items() for x in (k, v)]
    result = run("sign", "add", args[0], *options, "--journal", str(tmp_path / "j.sqlite3"))
    assert_user_error(result, field)


def test_cli_remove_a_used_sign_asks_for_force(tmp_path):
    journal = str(tmp_path / "j.sqlite3")
    with open_journal(journal) as j:
        j.add_sign(make_sign(**SALARY))
        j.add(Interview.create(scheduled_minutes=30, signals={"salary": 1}))
    assert_user_error(run("sign", "remove", "salary", "--journal", journal), "--force", "1")
    forced = run("sign", "remove", "salary", "--force", "--journal", journal)
    assert forced.returncode == 0 and "1 interview(s) keep its value" in forced.stdout


def test_signals_json_lists_every_sign_with_source_and_scale():
    catalog = json.loads(run("signals", "--json").stdout)
    assert [s["id"] for s in catalog] == [s.id for s in signals.CATALOG]
    for s in catalog:
        assert {
            "id",
            "label",
            "category",
            "source",
            "negative",
            "positive",
            "levels",
            "default_weight",
            "evidence",
        } <= set(s)
    assert {s["source"] for s in catalog} >= {"article", "research", "common advice"}
