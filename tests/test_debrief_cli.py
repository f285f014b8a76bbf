"""The debrief from the command line, as real subprocesses on a real journal file:
schema-2 files in, ``journal show``/``list`` filters, ``due``, ``journal sent``,
``thank-you`` and ``journal remind``."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from debrief_helpers import FULL, with_debrief
from journal_helpers import run_cli

from interview_kit.core.thank_you import DRAFT_NOTE

ik = run_cli


@pytest.fixture
def jpath(tmp_path):
    return tmp_path / "cli.sqlite3"


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def add(tmp_path, jpath, n, **fields):
    out = ik(
        "journal",
        "add",
        write(tmp_path, f"i{n}.json", with_debrief(n, {}, **fields)),
        journal=jpath,
    )
    assert out.returncode == 0, out.stderr
    return int(out.stdout)


def test_schema_2_files_are_accepted_by_add_import_and_score(jpath, tmp_path):
    record = with_debrief(1, FULL, company="Acme", role="Analyst", date="2026-11-20")
    path = write(tmp_path, "debrief.json", record)
    scored = ik("score", path, "--json")
    assert scored.returncode == 0, scored.stderr
    plain = ik(
        "score",
        write(
            tmp_path,
            "plain.json",
            {**record, **{k: None for k in FULL}, "schema": 1, "went_well": ""},
        ),
        "--json",
    )
    # The scoring does not change with the debrief; only went_well is read (wording).
    assert json.loads(scored.stdout)["overall"] == json.loads(plain.stdout)["overall"]
    id_ = int(ik("journal", "add", path, journal=jpath).stdout)
    shown = json.loads(ik("journal", "show", id_, "--json", journal=jpath).stdout)
    assert {k: shown[k] for k in FULL if FULL[k]} == {k: v for k, v in FULL.items() if v}
    export = write(
        tmp_path,
        "export.json",
        {"format": "interview_kit.journal", "version": 1, "interviews": [{**record, "id": 7}]},
    )
    done = ik("journal", "import", export, journal=tmp_path / "other.sqlite3")
    assert done.returncode == 0 and "1 new" in done.stdout, done.stderr
    again = json.loads(
        ik("journal", "show", 7, "--json", journal=tmp_path / "other.sqlite3").stdout
    )
    assert again["questions"] == FULL["questions"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"my_read": {"interest": 7}}, "my_read.interest"),
        ({"my_read": {"interest": "high"}}, "my_read.interest"),
        ({"questions": [{"question": "  "}]}, "questions[0].question"),
        ({"interviewers": [{"name": "Ana", "rank": 1}]}, "interviewers[0].rank"),
        ({"decision_by": "next week"}, "decision_by"),
        ({"my_questions": "Why?"}, "my_questions"),
        # Not a list at all: once a traceback (the check iterated before asking).
        ({"interviewers": 5}, "interviewers"),
        ({"questions": True}, "questions"),
    ],
)
def test_a_bad_debrief_value_is_exit_2_and_one_line_naming_it(jpath, tmp_path, change, field):
    path = write(tmp_path, "bad.json", with_debrief(1, FULL, **change))
    for command in (["score", path], ["journal", "add", path, "--journal", jpath]):
        out = ik(*command)
        assert out.returncode == 2, out
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
        assert f"({field})" in out.stderr or f" {field}:" in out.stderr, out.stderr
    export = write(tmp_path, "bad-export.json", [with_debrief(1, FULL, **change)])
    out = ik("journal", "import", export, journal=jpath)
    assert out.returncode == 2 and f"interviews[0].{field}" in out.stderr, out.stderr
    assert "[]" in ik("journal", "list", "--json", journal=jpath).stdout  # nothing added


def test_show_prints_the_debrief_readably(jpath, tmp_path):
    id_ = add(tmp_path, jpath, 1, **FULL, company="Acme", date="2026-11-20")
    text = ik("journal", "show", id_, journal=jpath).stdout
    debrief = text[text.index("Debrief") :]
    for words in (
        "Who you met: Ana Ruiz (Head of data); Bo",
        "1. Q: Tell me about a conflict",
        "A: The migration",
        "Questions you asked:",
        "- How is success measured?",
        "One thing that went well: Explained the churn model",
        "Still interested (1-5): 4",
        "Anything that worried you: On-call",
        "Decision expected by: 2026-11-27",
        "Thank-you sent on: not yet",
    ):
        assert words in debrief, (words, debrief)
    assert "  story" in debrief  # the answer's second line, indented under it
    plain = add(tmp_path, jpath, 2)
    assert "Debrief" not in ik("journal", "show", plain, journal=jpath).stdout
    evil = add(tmp_path, jpath, 3, questions=[{"question": "\x1b[2Jgone", "answer": "ok"}])
    assert "\\x1b[2Jgone" in ik("journal", "show", evil, journal=jpath).stdout


def test_list_filters_by_company_outcome_and_search(jpath, tmp_path):
    a = add(tmp_path, jpath, 1, company="Acme Corp", role="Analyst", **FULL)
    b = add(tmp_path, jpath, 2, company="Globex", role="Analyst", outcome="rejected")
    c = add(tmp_path, jpath, 3, company="ACME  corp", role="Engineer", notes="Asked about Ünicode")

    def ids(*args):
        out = ik("journal", "list", "--json", *args, journal=jpath)
        assert out.returncode == 0, out.stderr
        return [r["id"] for r in json.loads(out.stdout)]

    assert sorted(ids("--company", "acme corp")) == [a, c]
    assert ids("--outcome", "pending") == ids("--company", "ACME CORP")
    assert ids("--outcome", "rejected") == [b]
    assert ids("--search", "MIGRATION") == [a]  # an answer
    assert ids("--search", "conflict") == [a]  # a question
    assert ids("--search", "ünicode") == [c]  # notes, case folded
    assert sorted(ids("--search", "analyst")) == [a, b]  # role
    assert ids("--company", "acme corp", "--search", "engineer") == [c]
    none = ik("journal", "list", "--search", "nothing", journal=jpath)
    assert none.returncode == 0 and "No saved interview matches" in none.stdout
    bad = ik("journal", "list", "--outcome", "hired", journal=jpath)
    assert bad.returncode == 2 and "--outcome" in bad.stderr


def test_due_lists_overdue_first_then_by_date(jpath, tmp_path):
    today = dt.date(2026, 11, 25)
    old = add(tmp_path, jpath, 1, company="Acme", role="Analyst", date="2026-11-10")
    named = add(tmp_path, jpath, 2, company="Globex", date="2026-11-24", decision_by="2026-11-28")
    add(tmp_path, jpath, 3, company="Done", date="2026-11-20", outcome="offer")
    far = add(tmp_path, jpath, 4, company="Later", date="2026-12-20")
    out = ik("due", "--today", today, "--json", journal=jpath)
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert [(i["id"], i["kind"], i["due"]) for i in items] == [
        (old, "thank_you", "2026-11-11"),
        (old, "follow_up", "2026-11-17"),
        (named, "thank_you", "2026-11-25"),
        (named, "follow_up", "2026-11-29"),
    ]
    assert set(items[0]) == {"id", "kind", "due", "company", "role"}
    assert items[0]["company"] == "Acme" and items[0]["role"] == "Analyst"
    # --days is inclusive: the follow-up on the 29th is 4 days ahead.
    within = json.loads(ik("due", "--today", today, "--days", 4, "--json", journal=jpath).stdout)
    assert within == items
    short = json.loads(ik("due", "--today", today, "--days", 3, "--json", journal=jpath).stdout)
    assert short == items[:3]
    later = json.loads(
        ik("due", "--today", "2026-12-20", "--days", "1", "--json", journal=jpath).stdout
    )
    assert (far, "thank_you", "2026-12-21") in [(i["id"], i["kind"], i["due"]) for i in later]
    human = ik("due", "--today", today, journal=jpath).stdout
    lines = human.splitlines()
    assert lines[0] == "2 overdue:" and "overdue by 14 days" in lines[1]
    assert "Thank-you note" in lines[1] and f"#{old}" in lines[1] and "Acme / Analyst" in lines[1]
    assert "due today" in human and "due in 4 days" in human
    nothing = ik("due", "--today", "2020-01-01", journal=jpath)
    assert "Nothing due from 2020-01-01 to 2020-01-08." in nothing.stdout


def test_due_default_is_today_and_seven_days(jpath, tmp_path):
    today = dt.date.today()
    id_ = add(tmp_path, jpath, 1, date=(today - dt.timedelta(days=1)).isoformat())
    items = json.loads(ik("due", "--json", journal=jpath).stdout)
    # thank-you due today; the follow-up six days on, inside the default week
    assert [(i["id"], i["kind"]) for i in items] == [(id_, "thank_you"), (id_, "follow_up")]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--today", "25/11/2026"], "--today"),
        (["--today", "2026-02-30"], "--today"),
        (["--days", "-1"], "--days"),
        (["--days", "two"], "--days"),
        (["--days", "99999"], "--days"),
    ],
)
def test_due_bad_options_are_one_line(jpath, args, field):
    out = ik("due", *args, journal=jpath)
    assert out.returncode == 2 and out.stderr.startswith(f"interview-kit: {field}:")
    assert out.stderr.count("\n") == 1


def test_sent_records_the_thank_you_and_clears_it_from_due(jpath, tmp_path):
    id_ = add(tmp_path, jpath, 1, date="2026-11-20")
    before = ik("journal", "sent", id_, "--date", "2026-11-19", journal=jpath)
    assert before.returncode == 2 and before.stderr.startswith("interview-kit: --date:")
    assert "before the interview" in before.stderr
    bad = ik("journal", "sent", id_, "--date", "tomorrow", journal=jpath)
    assert bad.returncode == 2 and "--date" in bad.stderr
    done = ik("journal", "sent", id_, "--date", "2026-11-21", journal=jpath)
    assert done.returncode == 0 and "sent on 2026-11-21" in done.stdout
    kinds = [
        i["kind"]
        for i in json.loads(ik("due", "--today", "2026-11-22", "--json", journal=jpath).stdout)
    ]
    assert kinds == ["follow_up"]
    default = ik("journal", "sent", id_, journal=jpath)
    assert f"sent on {dt.date.today().isoformat()}" in default.stdout
    shown = json.loads(ik("journal", "show", id_, "--json", journal=jpath).stdout)
    assert shown["thank_you_sent"] == dt.date.today().isoformat() and shown["revision"] == 3
    missing = ik("journal", "sent", 99, journal=jpath)
    assert missing.returncode == 2 and "id" in missing.stderr


def test_thank_you_prints_the_draft_and_the_note_and_sends_nothing(jpath, tmp_path):
    id_ = add(tmp_path, jpath, 1, company="Acme", role="Analyst", **FULL)
    out = ik("thank-you", id_, journal=jpath)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Hi Ana and Bo,")
    assert "Analyst role at Acme" in out.stdout and "about a conflict" in out.stdout
    assert " ".join(DRAFT_NOTE.split()) in " ".join(out.stdout.split())
    assert ik("thank-you", 42, journal=jpath).returncode == 2


def test_remind_follows_core_due_and_told_is_the_decision_date(jpath, tmp_path):
    day = dt.date.today() + dt.timedelta(days=2)
    id_ = add(
        tmp_path,
        jpath,
        1,
        date=day.isoformat(),
        decision_by=(day + dt.timedelta(days=3)).isoformat(),
    )
    out = ik("journal", "remind", id_, journal=jpath)
    assert out.returncode == 0, out.stderr
    assert (day + dt.timedelta(days=4)).isoformat() in out.stdout  # the day after decision_by
    told = ik(
        "journal", "remind", id_, "--told", (day + dt.timedelta(days=9)).isoformat(), journal=jpath
    )
    assert (day + dt.timedelta(days=10)).isoformat() in told.stdout
    ik("journal", "sent", id_, "--date", day.isoformat(), journal=jpath)
    sent = ik("journal", "remind", id_, journal=jpath).stdout
    assert "Thank-you" not in sent and "Follow up" in sent
    gone = ik("journal", "remind", id_, "--days", "3", journal=jpath)
    assert gone.returncode == 2 and gone.stderr.startswith("interview-kit: --days:")
    early = ik("journal", "remind", id_, "--told", "2000-01-01", journal=jpath)
    assert early.returncode == 2 and early.stderr.startswith("interview-kit: ")
    assert "(--told)" in early.stderr or " --told:" in early.stderr
