"""Every write is checked, and no read blocks: a full disk, a file size limit, a closed
pipe or a named pipe without a writer gives one line and a non-zero exit, never a
traceback, never a truncated file reported as written, never a hang."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_kit.core.errors import InputError
from interview_kit.core.files import read_text, write_atomic

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from interview_kit.cli.main import run; run()"]
EXAMPLE = ROOT / "examples" / "interview.json"


def run(
    *args: object, stdout=subprocess.PIPE, timeout: float = 60, **kwargs
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def shell(script: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """``script`` in bash, with ``$IK`` the command (for ``ulimit`` and ``<(...)``)."""
    define = f'ik() {{ {" ".join(shlex.quote(a) for a in CLI)} "$@"; }}\n'
    return subprocess.run(
        ["bash", "-c", define + script.replace("$IK", "ik")],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def one_line_error(result: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(scope="module")
def big_journal(tmp_path_factory) -> Path:
    """A journal whose export is far larger than a pipe's buffer or a small ulimit."""
    folder = tmp_path_factory.mktemp("big")
    path = folder / "journal.sqlite3"
    records = [
        {
            "scheduled_minutes": 45,
            "company": f"Company {i}",
            "role": "Analyst",
            "notes": "What I noticed. " * 20,
        }
        for i in range(300)
    ]
    (folder / "records.json").write_text(json.dumps(records))
    result = run("journal", "import", folder / "records.json", "--journal", path)
    assert result.returncode == 0, result.stderr
    export = run("journal", "export", "--journal", path)
    assert len(export.stdout) > 100_000
    return path


# --------------------------------------------------------------------------- full disk


@pytest.mark.parametrize("args", [("signals",), ("score", EXAMPLE, "--json"), ("score", EXAMPLE)])
def test_output_to_a_full_disk_is_one_line_and_exit_1(args):
    with open("/dev/full", "w") as full:
        result = run(*args, stdout=full)
    one_line_error(result, 1, "disk is full")


def test_journal_export_to_a_full_disk_via_stdout(big_journal):
    with open("/dev/full", "w") as full:
        result = run("journal", "export", "--journal", big_journal, stdout=full)
    one_line_error(result, 1, "disk is full")


def test_export_redirected_past_a_file_size_limit_is_not_success(big_journal, tmp_path):
    """``journal export > FILE`` with ``ulimit -f``: the shell's file is cut short, and
    the command says so (before, it exited 0 with 65,536 of 106,489 bytes)."""
    out = tmp_path / "cut.json"
    result = shell(f"ulimit -f 32; $IK journal export --journal {big_journal} > {out}")
    one_line_error(result, 1, "cannot write")


def test_export_to_a_file_past_the_limit_leaves_nothing_behind(big_journal, tmp_path):
    target = tmp_path / "export.json"
    result = shell(f"ulimit -f 32; $IK journal export --journal {big_journal} {target}")
    one_line_error(result, 1, "cannot write", "nothing was written")  # the disk's, not yours
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left either


def test_a_failed_forced_export_keeps_the_old_file(big_journal, tmp_path):
    target = tmp_path / "export.json"
    target.write_text("the previous export\n")
    result = shell(f"ulimit -f 32; $IK journal export --journal {big_journal} --force {target}")
    one_line_error(result, 1, "cannot write")
    assert target.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_export_writes_a_private_complete_file(big_journal, tmp_path):
    target = tmp_path / "export.json"
    assert run("journal", "export", "--journal", big_journal, target).returncode == 0
    assert target.read_text() == run("journal", "export", "--journal", big_journal).stdout
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("target", ["/dev/null", "fifo", "link-to-fifo", "folder"])
def test_an_export_never_replaces_what_is_not_a_regular_file(big_journal, tmp_path, target):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "link-to-fifo").symlink_to(fifo)
    (tmp_path / "folder").mkdir()
    path = target if target.startswith("/") else tmp_path / target
    result = run("journal", "export", "--journal", big_journal, "--force", path, timeout=20)
    one_line_error(result, 2)
    assert Path(path).exists()
    if target != "folder":
        assert not Path(path).is_file()  # still the device, pipe or link to one


def test_write_atomic_refuses_an_existing_file_without_force(tmp_path):
    target = tmp_path / "x.txt"
    target.write_text("kept")
    with pytest.raises(InputError, match="already exists"):
        write_atomic(target, "new")
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"


# --------------------------------------------------------------------------- closed pipe


def test_a_closed_pipe_ends_quietly_with_the_shells_code(big_journal):
    process = subprocess.Popen(
        [*CLI, "journal", "export", "--journal", str(big_journal)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()  # the reader goes away before the 100 kB arrive
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(30) == 141  # 128 + SIGPIPE, as a tool killed by the signal
    assert stderr == ""


def test_signals_into_head_ends_quietly():
    """``interview-kit signals | head -1``: the first line, and not a word more."""
    done = subprocess.run(
        ["bash", "-c", '"$@" signals | head -1; echo "${PIPESTATUS[0]}" >&2', "bash", *CLI],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert len(done.stdout.splitlines()) == 1
    assert done.stderr.strip() in ("0", "141"), done.stderr


# --------------------------------------------------------------------------- FIFO


@pytest.mark.parametrize(
    "args",
    [
        ("score", "{fifo}"),
        ("score", EXAMPLE, "--weights", "{fifo}"),
        ("journal", "import", "{fifo}", "--journal", "{journal}"),
    ],
)
def test_a_named_pipe_without_a_writer_is_refused_within_a_second(tmp_path, args):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    argv = [str(a).format(fifo=fifo, journal=tmp_path / "j.sqlite3") for a in args]
    start = time.monotonic()
    result = run(*argv, timeout=20)
    took = time.monotonic() - start
    one_line_error(result, 2, "named pipe", "nothing writing")
    assert took < 5, took  # one second of waiting, plus Python's start-up


def test_process_substitution_still_works(tmp_path):
    result = shell(
        f"$IK score <(sleep 1.5; cat {EXAMPLE}) --json "
        f"--weights <(sleep 1.5; echo '{{\"ease\": 2}}')"
    )
    assert result.returncode == 0, result.stderr
    assert '"overall"' in result.stdout


def test_a_named_pipe_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["bash", "-c", f"cat {EXAMPLE} > {fifo}"])
    try:
        assert read_text(fifo) == EXAMPLE.read_text(encoding="utf-8-sig")
    finally:
        writer.wait(10)
