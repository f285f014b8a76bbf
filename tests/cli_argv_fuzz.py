"""Hostile command lines for every command and flag, and the promise each must keep.

``tests/cli_fuzz.py`` fuzzes what the commands *read* (weights files, imports); this
module fuzzes how they are *called*: the command tree is read from the CLI's own
parser (a new command or flag is fuzzed without touching this file), and each case
is a random command line with values drawn from pools of trouble:

* numbers out of every range (ports past 65535, ids past SQLite's and JSON's limits,
  ``0x10``, ``1e3``, Arabic digits, 400 digits), empty values and dates that are not;
* text the OS hands over for bytes that are not UTF-8 (surrogate escapes), control
  characters, bidi overrides, formula starts;
* paths to a good journal, a damaged one with a live ``-wal`` (the state after a
  crash), a folder, ``/dev/null``, a missing folder, a name that is not UTF-8, stdin;
* a full disk: SQLite cannot grow any file (``max_page_count``), no temporary file can
  be made, and stdout fails with ``ENOSPC`` (in-process), or a real 1 MiB tmpfs
  that is full (real processes, when this process may mount one).

The promise (:func:`check_case`): exit 0; or exit 2 (a refused input), or 1 (output or
disk failed), with exactly one line on stderr starting ``interview-kit``; never a
traceback, never a hang; the damaged journal, the folder and the device are byte for
byte as they were. ``dashboard`` and ``lab`` only check their options here (their
handlers are replaced by the checks they make before starting a server).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import hashlib
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from unittest import mock

from interview_kit.cli import launch
from interview_kit.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "interview.json"
#: A case that runs longer than this is a hang (the slowest honest one, a named pipe
#: nobody writes to, waits one second).
HANG_SECONDS = 20

NUMBERS = [
    "0",
    "1",
    "2",
    "-1",
    "65535",
    "65536",
    "70000",
    "-70000",
    "4294967296",
    str(2**31),
    str(2**53 - 1),
    str(2**53),
    str(2**63 - 1),
    str(2**63),
    str(2**64),
    "9" * 400,
    "",
    " ",
    " 5",
    "1e3",
    "0x10",
    "1.5",
    "nan",
    "inf",
    "\u0663",
    "a\udcffb",
    "\udcff",
]
DATES = [
    "2026-11-20",
    "",
    " ",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "20261120",
    "2026-11-20T10:00",
    "2026-11-20 ",
    "11/20/2026",
    "\udcff",
    "2026-13-01",
]
TEXT = [
    "Acme",
    "acme  ",
    "",
    " ",
    "a\udcffb",
    "\udcff\udcfe",
    "\x1b[31mred",
    "\x07",
    "\u202eevil",
    "=1+1",
    "default",
    "(custom)",
    "x" * 300,
    "é" * 50,
    "Mine",
    "--json",
    "-",
    "a/b",
    "😀",
    "\ufeff",
    "'",
    '"',
    "\t",
    "\n",
]
CHOICES_JUNK = ["", "offer ", "OFFER", "\udcff", "pending", "csv", "json", "xml"]
#: Input files: everything a command may be pointed at.
IN_FILES = [
    "@example",
    "@weights",
    "@weights_toml",
    "@bad_weights",
    "@export_json",
    "@export_csv",
    "@binary",
    "@empty",
    "@missing",
    "@folder",
    "@devnull",
    "@odd_name",
    "@stdin",
    "@journal",
    "@damaged",
]
OUT_FILES = ["@new_out", "@existing_out", "@folder", "@devnull", "@missing", "@odd_out"]
JOURNALS = [
    "@journal",
    "@journal",
    "@journal",
    "@damaged",
    "@fresh",
    "@missing",
    "@folder",
    "@devnull",
    "@odd_journal",
    "@example",
]
STDIN = [
    b"",
    b"{}",
    b"\xff\xfe",
    json.dumps({"scheduled_minutes": 45}).encode(),
    b'{"format": "interview_kit.journal", "version": 1, "interviews": []}',
    b"not json",
    b"\x00" * 10,
]


def digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError):
        return None


def leaves(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every runnable command: its words and its parser, read from the parser itself."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += leaves(sub, (*path, name))
    return found or [(path, parser)]


@dataclass
class Scene:
    """The files one fuzzing run points commands at (templates copied for each case)."""

    folder: Path
    good: Path  # template journal with a few interviews and a profile
    damaged: Path  # a damaged journal with a live -wal and -shm
    damaged_digests: dict[str, str | None]

    @classmethod
    def make(cls, folder: Path) -> Scene:
        from journal_helpers import sample

        from interview_kit.journal.records import entry_from_record
        from interview_kit.journal.store import open_journal

        templates = folder / "templates"
        templates.mkdir()
        good = templates / "good.sqlite3"
        with open_journal(good) as journal:
            journal.import_entries([entry_from_record(sample(n)) for n in range(12)])
            journal.save_profile("Mine", {"ease": 2})
            journal.set_outcome(2, "offer", "2026-12-01")
        damaged = templates / "damaged.sqlite3"
        with open_journal(damaged) as journal:
            journal.import_entries([entry_from_record(sample(n)) for n in range(200)])
        live = sqlite3.connect(damaged, isolation_level=None)
        live.execute("PRAGMA wal_autocheckpoint = 0")
        live.execute(
            "UPDATE interviews SET updated = ? WHERE id % 97 = 0",
            ("2026-12-01T00:00:00.000000+00:00",),
        )  # pages the -wal holds anew
        copy = templates / "crashed.sqlite3"
        for suffix in ("", "-wal", "-shm"):  # as a crash leaves it: all three files
            shutil.copyfile(f"{damaged}{suffix}", f"{copy}{suffix}")
        live.close()
        with open(copy, "r+b") as handle:  # a page the -wal does not hold anew
            handle.seek(3 * 4096 + 8)
            handle.write(b"\xff" * 300)
        digests = {s: digest(Path(f"{copy}{s}")) for s in ("", "-wal", "-shm")}
        _inputs(templates)
        return cls(folder, good, copy, digests)


@dataclass
class Case:
    """One command line, whether it runs on a full disk, and what stdin holds."""

    argv: list[str]
    full_disk: bool
    stdin: bytes
    stdout_full: bool = False  # in-process, on a full disk: stdout fails too
    #: In-process, on a full disk: no new file can be made either (else a file can be
    #: made but not grown: a nearly full disk, where SQLite fails mid-way).
    no_new_files: bool = False


def _inputs(folder: Path) -> None:
    """The input files every case may read (never written by any command line here)."""
    for name, text in {
        "weights.json": '{"ease": 2, "comfort": 0}',
        "weights.toml": "ease = 2\n",
        "bad.json": '{"ease": -1}',
        "empty.json": "",
        "binary.json": "\udcff",
    }.items():
        (folder / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    export = {
        "format": "interview_kit.journal",
        "version": 1,
        "interviews": [{"schema": 1, "scheduled_minutes": 45, "id": 3, "company": "Imported"}],
    }
    (folder / "export.json").write_text(json.dumps(export))
    (folder / "export.csv").write_text("id,scheduled_minutes,company\r\n4,30,CsvCo\r\n")


class Paths:
    """The concrete paths of one case: fresh copies of the journals in its own folder,
    the scene's input files."""

    def __init__(self, scene: Scene, work: Path) -> None:
        self.scene, self.work = scene, work
        work.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(scene.good, work / "journal.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{scene.damaged}{suffix}", work / f"damaged.sqlite3{suffix}")
        (work / "folder").mkdir(exist_ok=True)
        (work / "existing.out").write_text("keep")
        w, i = str(work), str(scene.good.parent)
        self.table = {
            "@example": str(EXAMPLE),
            "@weights": f"{i}/weights.json",
            "@weights_toml": f"{i}/weights.toml",
            "@bad_weights": f"{i}/bad.json",
            "@export_json": f"{i}/export.json",
            "@export_csv": f"{i}/export.csv",
            "@binary": f"{i}/binary.json",
            "@empty": f"{i}/empty.json",
            "@missing": f"{w}/no/such/file.json",
            "@folder": f"{w}/folder",
            "@devnull": os.devnull,
            "@odd_name": f"{w}/odd\udcff.json",
            "@stdin": "-",
            "@journal": f"{w}/journal.sqlite3",
            "@damaged": f"{w}/damaged.sqlite3",
            "@fresh": f"{w}/fresh.sqlite3",
            "@odd_journal": f"{w}/odd\udcfe.sqlite3",
            "@new_out": f"{w}/new.out",
            "@existing_out": f"{w}/existing.out",
            "@odd_out": f"{w}/odd\udcfd.out",
        }

    def resolve(self, word: str) -> str:
        """A pool's ``@name`` as this case's path, alone or after ``--option=``; any
        other word as it is."""
        option, equals, token = word.partition("=")
        if equals and option.startswith("--"):
            return f"{option}={self.table.get(token, token)}"
        return self.table.get(word, word)


def _pool(action: argparse.Action, rng: random.Random) -> list[str]:
    """Values worth trying for one argument, by what it holds."""
    dest, meta = action.dest, str(action.metavar or "")
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        return [*map(str, action.choices), *CHOICES_JUNK]
    if dest == "journal":
        return JOURNALS
    if dest in ("ics",) or (dest == "file" and action.nargs == "?"):
        return OUT_FILES
    if dest in ("file", "weights"):
        return IN_FILES
    if dest == "folder":
        return ["@folder", "@missing", "@devnull", "@journal"]
    if meta == "ID" or dest == "id":  # mostly ids the journal has, then trouble
        return ["1", "2", "3", "12", "1", "2", "3", "12", *NUMBERS]
    if meta in ("REVISION", "N") or dest in ("port", "days", "based_on"):
        return ["1", "8866", "30", *NUMBERS]
    if meta in ("D", "YYYY-MM-DD") or dest in ("date", "told", "today"):
        return DATES
    return TEXT


def make_case(
    rng: random.Random, commands: list[tuple[tuple[str, ...], argparse.ArgumentParser]]
) -> Case:
    """A random command line over the whole tree (see the module's docstring)."""
    words, parser = rng.choice(commands)
    argv = list(words)
    positionals = [a for a in parser._actions if not a.option_strings]
    optionals = [
        a
        for a in parser._actions
        if a.option_strings and not isinstance(a, argparse._HelpAction | argparse._VersionAction)
    ]
    for action in positionals:
        if rng.random() < 0.93:
            argv.append(rng.choice(_pool(action, rng)))
    for action in rng.sample(optionals, k=min(len(optionals), rng.randint(0, 4))):
        option = rng.choice(action.option_strings)
        if action.nargs == 0:
            argv.append(option)
        elif rng.random() < 0.5:
            argv += [option, rng.choice(_pool(action, rng))]
        else:
            argv.append(f"{option}={rng.choice(_pool(action, rng))}")
    if rng.random() < 0.03:
        argv.insert(rng.randrange(len(argv) + 1), rng.choice(["--nope", "-x", "--", "--help"]))
    full = rng.random() < 0.15
    return Case(
        argv, full, rng.choice(STDIN), full and rng.random() < 0.3, full and rng.random() < 0.5
    )


def cases(seed: int, n: int) -> Iterator[Case]:
    rng = random.Random(seed)
    commands = leaves(cli_main.build_parser())
    for _ in range(n):
        yield make_case(rng, commands)


# --------------------------------------------------------------------------- in-process


def _launch_checks(args: argparse.Namespace) -> int:
    """What ``dashboard`` and ``lab`` check before starting a server (none starts)."""
    if getattr(args, "journal", None) is not None:
        launch.journal_env(args.journal)
    launch.free_port(args.port)
    return 0


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """The CLI's parser, built once (building it is most of a case's time), with the
    server-starting handlers replaced by their checks."""
    with (
        mock.patch.object(launch, "_dashboard", _launch_checks),
        mock.patch.object(launch, "_lab", _launch_checks),
    ):
        return _BUILD_PARSER()


#: The CLI's own parser builder (the in-process run replaces it with :func:`_parser`).
_BUILD_PARSER = cli_main.build_parser


class FullStdout(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def _full_connect(real):  # type: ignore[no-untyped-def]
    """SQLite's connection with no room to grow: every write that needs a page fails
    with SQLITE_FULL, as on a full disk."""

    def connect(path):  # type: ignore[no-untyped-def]
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        if pages == 0:  # a new file: not even its first page fits
            raise sqlite3.OperationalError("database or disk is full")
        return conn

    return connect


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@contextlib.contextmanager
def full_disk(no_new_files: bool) -> Iterator[None]:
    """SQLite cannot grow a file; with ``no_new_files``, no temporary file can be made."""
    from interview_kit.journal import schema, store

    with contextlib.ExitStack() as stack:
        full = _full_connect(schema.connect)
        stack.enter_context(mock.patch.object(store, "connect", full))
        stack.enter_context(mock.patch.object(schema, "connect", full))
        if no_new_files:
            stack.enter_context(mock.patch("tempfile.mkstemp", _no_space))
            stack.enter_context(mock.patch("tempfile.mkdtemp", _no_space))
        yield


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"no answer within {HANG_SECONDS} s")


def run_in_process(case: Case, paths: Paths) -> tuple[int, str, str]:
    """Run ``case`` through the CLI's entry point in this process: (code, out, err).
    Anything but a clean exit propagates (the test reports it with the command line)."""
    argv = [paths.resolve(word) for word in case.argv]
    out: io.StringIO = FullStdout() if case.stdout_full else io.StringIO()
    err = io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(case.stdin), encoding="utf-8", errors="strict")
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(contextlib.chdir(paths.work))  # stray names land there
            stack.enter_context(mock.patch.object(cli_main, "build_parser", _parser))
            stack.enter_context(mock.patch.object(sys, "stdin", stdin))
            stack.enter_context(contextlib.redirect_stdout(out))
            stack.enter_context(contextlib.redirect_stderr(err))
            if case.full_disk:
                stack.enter_context(full_disk(case.no_new_files))
            try:
                code = cli_main.main(argv)
            except SystemExit as stop:  # argparse: usage errors (2) and --help (0)
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, "" if isinstance(out, FullStdout) else out.getvalue(), err.getvalue()


def check_case(case: Case, paths: Paths, code: int, err: str) -> str:
    """The promise (see the module's docstring); returns "ok", "refused" or "failed"
    (exit 1: output or disk)."""
    shown = f"{case.argv!r} (full disk: {case.full_disk})"
    assert code in (0, 1, 2), f"{shown}: exit {code}\n{err}"
    assert "Traceback" not in err, f"{shown}:\n{err}"
    if code:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("interview-kit"), f"{shown}:\n{err}"
    damaged = paths.work / "damaged.sqlite3"
    now = {s: digest(Path(f"{damaged}{s}")) for s in ("", "-wal", "-shm")}
    assert now == paths.scene.damaged_digests, f"{shown}: the damaged journal changed"
    assert (paths.work / "folder").is_dir() and Path(os.devnull).is_char_device(), shown
    return ("ok", "failed", "refused")[code]


def fuzz_in_process(folder: Path, seed: int, n: int) -> dict[str, int]:
    """``n`` cases in this process; returns the count of each outcome. A broken promise
    raises AssertionError naming the command line."""
    scene = Scene.make(folder)
    counts: dict[str, int] = {}
    for number, case in enumerate(cases(seed, n)):
        paths = Paths(scene, folder / "case")
        try:
            code, _out, err = run_in_process(case, paths)
        except Exception as error:  # a traceback: report the case that caused it
            raise AssertionError(
                f"case {number} {case.argv!r} (full disk: {case.full_disk}) raised {error!r}"
            ) from error
        outcome = check_case(case, paths, code, err)
        counts[outcome] = counts.get(outcome, 0) + 1
        shutil.rmtree(paths.work)
    return counts


# --------------------------------------------------------------------------- processes


def real_argv(case: Case, paths: Paths) -> list[bytes]:
    """The command line as the OS passes it: bytes, surrogate escapes as the raw bytes."""
    words = [paths.resolve(word) for word in case.argv]
    return [
        os.fsencode(sys.executable),
        b"-c",
        b"from interview_kit.cli.main import run; run()",
        *(os.fsencode(w) for w in words),
    ]


def server_free(case: Case) -> bool:
    """Real processes never start a server: ``dashboard``/``lab`` are left to the
    in-process run (where their handlers are stubs), ``--help`` is fine."""
    return case.argv[0] not in ("dashboard", "lab")


@contextlib.contextmanager
def small_full_disk(folder: Path) -> Iterator[Path | None]:
    """A 4 MiB tmpfs, filled up per case (root only; None where it cannot be mounted)."""
    mount = folder / "full"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        yield None
        return
    import subprocess

    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(folder: Path) -> None:
    fd = os.open(folder / "fill", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


#: Command lines every real full disk is tried with, and the exit each must give:
#: reading and exporting to stdout need no room; a write, a new journal or an export to
#: a file there fails in one line (1).
FULL_DISK_CASES = (
    (["journal", "export", "--journal", "@journal"], 0),
    (["journal", "export", "--format", "csv", "--journal", "@journal"], 0),
    (["journal", "export", "@new_out", "--journal", "@journal"], 1),  # the disk's, not yours
    (["journal", "list", "--journal", "@journal"], 0),
    (["profile", "list", "--journal", "@journal"], 0),
    (["journal", "add", "@example", "--journal", "@journal"], 1),
    (["journal", "add", "@example", "--journal", "@fresh"], 1),
    (["profile", "save", "Other", "--weights", "@weights", "--journal", "@journal"], 1),
)


def fuzz_processes(
    folder: Path, seed: int, n: int, *, strict: bool = True
) -> tuple[dict[str, int], bool]:
    """``n`` cases as real processes (2 at a time); a share of them on a real full
    disk when one can be mounted. Returns the outcome counts and whether a real full
    disk was used. ``strict=False`` counts a broken promise (``"broken: ..."``) and
    goes on, for figures; else it raises."""

    def check(case: Case, paths: Paths, code: int, err: str) -> str:
        try:
            return check_case(case, paths, code, err)
        except AssertionError as error:
            if strict:
                raise
            return "broken: " + str(error).split("\n")[0][-60:]

    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    scene = Scene.make(folder)
    chosen = [c for c in cases(seed, n * 3) if server_free(c)][: n - len(FULL_DISK_CASES)]
    chosen += [Case(argv, True, b"") for argv, _ in FULL_DISK_CASES]
    expected = {tuple(argv): code for argv, code in FULL_DISK_CASES}
    counts: dict[str, int] = {}
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_KIT_JOURNAL"}
    with small_full_disk(folder) as disk:
        if disk is not None:  # the journals live on it, then it is filled up
            full_scene = Scene(disk, scene.good, scene.damaged, scene.damaged_digests)

        one_disk = threading.Lock()  # one case at a time fills the small disk

        def one(item: tuple[int, Case]) -> tuple[Case, Paths, subprocess.CompletedProcess]:
            number, case = item
            on_full = case.full_disk and disk is not None
            with one_disk if on_full else contextlib.nullcontext():
                paths = Paths(
                    full_scene if on_full else scene, (disk if on_full else folder) / f"p{number}"
                )
                if on_full:
                    fill(paths.work)
                try:
                    result = subprocess.run(
                        real_argv(case, paths),
                        input=case.stdin,
                        capture_output=True,
                        env=env,
                        timeout=60,
                        cwd=folder,
                    )
                finally:
                    if on_full:
                        (paths.work / "fill").unlink()
                if on_full:
                    checked = check(
                        case,
                        paths,
                        result.returncode,
                        result.stderr.decode("utf-8", "backslashreplace"),
                    )
                    want = expected.get(tuple(case.argv), result.returncode)
                    if result.returncode != want:
                        checked = f"broken: {case.argv[:2]} exit {result.returncode}"
                        assert not strict, (case.argv, result.stderr)
                    shutil.rmtree(paths.work)  # room for the next case
                    return case, None, checked
            return case, paths, result

        with ThreadPoolExecutor(2) as pool:
            for case, paths, result in pool.map(one, enumerate(chosen)):
                if paths is None:  # checked on the full disk already
                    outcome = result
                else:
                    err = result.stderr.decode("utf-8", "backslashreplace")
                    outcome = check(case, paths, result.returncode, err)
                    shutil.rmtree(paths.work)
                counts[outcome] = counts.get(outcome, 0) + 1
    return counts, disk is not None


def scratch() -> tempfile.TemporaryDirectory[str]:
    """A scratch folder in memory when there is one (no fsync costs: seconds, not minutes)."""
    where = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    return tempfile.TemporaryDirectory(prefix="ik-argv-fuzz-", dir=where)
