"""Hypothesis fuzzing of the command line's file inputs: weights files and journal
imports (see ``tests/cli_fuzz.py``; ``benchmarks/fuzz_cli.py`` runs many more)."""

from __future__ import annotations

import pytest
from cli_fuzz import check_case, import_cases, weights_cases
from hypothesis import HealthCheck, given, settings

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


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
