"""Fuzzing the command line: its file inputs (weights files and journal imports, by
Hypothesis: ``tests/cli_fuzz.py``; ``benchmarks/fuzz_cli.py`` runs many more) and its
command lines, every command and flag (``tests/cli_argv_fuzz.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path

import cli_argv_fuzz
import pytest
from cli_fuzz import check_case, import_cases, weights_cases
from hypothesis import HealthCheck, given, settings

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(case=weights_cases())
def test_any_weights_file_scores_soundly_or_is_one_line(folder, case):
    check_case(case, folder)


@FUZZ
@given(case=import_cases())
def test_any_import_is_all_or_nothing_and_one_line(folder, case):
    check_case(case, folder)


# --------------------------------------------------------------------------- command lines

#: Command lines fuzzed in-process on every run (about ten seconds) and as real processes.
IN_PROCESS_CASES = 10_000
PROCESS_CASES = 200


def test_every_command_and_flag_ends_in_one_line_or_success_in_process():
    """Every command and flag of the CLI's own parser, 10,000 hostile command lines
    (full disks, undecodable bytes, numbers out of range, damaged journals with a live
    ``-wal``): no traceback, no hang, exit 0, 1 or 2 with one line, the damaged journal
    unchanged byte for byte (see ``tests/cli_argv_fuzz.py``)."""
    with cli_argv_fuzz.scratch() as folder:
        counts = cli_argv_fuzz.fuzz_in_process(Path(folder), seed=22, n=IN_PROCESS_CASES)
    assert sum(counts.values()) == IN_PROCESS_CASES
    assert counts.get("ok", 0) > 1000 and counts.get("refused", 0) > 1000, counts
    assert counts.get("failed", 0) > 10, counts  # full disks were reached


def test_the_fuzz_reaches_every_command_and_every_option():
    commands = cli_argv_fuzz.leaves(cli_argv_fuzz._parser())
    seen_commands, seen_options = set(), set()
    for case in cli_argv_fuzz.cases(22, IN_PROCESS_CASES):
        for words, _ in commands:
            if tuple(case.argv[: len(words)]) == words:
                seen_commands.add(words)
                seen_options |= {(words, w.split("=")[0]) for w in case.argv[len(words) :]}
    assert seen_commands == {words for words, _ in commands}
    for words, parser in commands:
        for action in parser._actions:
            if action.option_strings and not isinstance(action, argparse._HelpAction):
                assert any((words, o) in seen_options for o in action.option_strings), (
                    words,
                    action.option_strings,
                )


def test_hostile_command_lines_as_real_processes():
    """A few hundred of the same command lines as real processes: the arguments as the
    OS passes them (bytes that are not UTF-8 included), stdin bytes, and a real full
    disk (a small tmpfs, when this process may mount one)."""
    with cli_argv_fuzz.scratch() as folder:
        counts, real_disk = cli_argv_fuzz.fuzz_processes(Path(folder), seed=7, n=PROCESS_CASES)
    assert sum(counts.values()) == PROCESS_CASES
    assert counts.get("ok", 0) > 10 and counts.get("refused", 0) > 10, counts
    if real_disk:
        assert counts.get("failed", 0) > 0, counts
