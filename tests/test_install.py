"""A user's install: the wheel and sdist as built from this tree, installed non-editable.

The sdist is built first and the wheel is built from it (as ``pip install`` from an
sdist would): a file the sdist leaves out breaks the wheel. The wheel goes into a
throwaway venv with pipx (pip inside), and every command then runs from a folder
outside the repository, so nothing can be found next to the checkout by accident.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tarfile
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import open_dashboard

from interview_kit.cli.launch import stop, wait_until_up

pytestmark = [pytest.mark.install, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_FILES = ("dashboard.ipynb", "workbook.ipynb", "voila.json")
#: What the sdist needs for its own tests to run.
SDIST_NEEDS = (
    "LICENSE",
    "README.md",
    "pyproject.toml",
    "tests/conftest.py",
    "tests/chromium.py",
    "tests/journal_helpers.py",
    "tests/journal_writer.py",
    "tests/fixtures/journal-schema0.sqlite3",
    "examples/interview.json",
    *(f"notebooks/{name}" for name in NOTEBOOK_FILES),
)


def _run(*command: str | Path, cwd: Path, timeout: float = 900) -> str:
    done = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """``(sdist, wheel)``: ``python -m build`` makes the sdist, then the wheel from it."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    (sdist,), (wheel,) = out.glob("*.tar.gz"), out.glob("*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> Path:
    """The ``bin`` folder of the venv that ``pipx install WHEEL`` made (pip inside it,
    not editable), with pipx's own folders in a scratch place."""
    home = tmp_path_factory.mktemp("pipx")
    env = {
        **os.environ,
        "PIPX_HOME": str(home / "home"),
        "PIPX_BIN_DIR": str(home / "bin"),
        "PIPX_MAN_DIR": str(home / "man"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pipx", "install", "--python", sys.executable, str(built[1])],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    command = home / "bin" / "interview-kit"  # what pipx puts on the user's PATH
    assert command.resolve().parent.parent.parent == home / "home" / "venvs"
    return command.resolve().parent


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A working folder with no repository around it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def test_wheel_carries_the_notebooks_exactly_as_the_sources(built):
    with zipfile.ZipFile(built[1]) as wheel:
        names = set(wheel.namelist())
        for name in NOTEBOOK_FILES:
            packaged = wheel.read(f"interview_kit/notebooks/{name}")
            assert packaged == (ROOT / "notebooks" / name).read_bytes(), name
        sources = {
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / "interview_kit").rglob("*")
            if p.suffix in (".py", ".json", ".typed") and "__pycache__" not in p.parts
        }
        assert sources <= names, f"missing from the wheel: {sorted(sources - names)}"
        assert "interview_kit/py.typed" in names
        licence = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert licence and wheel.read(licence[0]) == (ROOT / "LICENSE").read_bytes()
        metadata = next(wheel.read(n).decode() for n in names if n.endswith("/METADATA"))
    assert "License-Expression: MIT" in metadata
    requires = re.findall(r"^Requires-Dist: (.*)$", metadata, re.M)
    assert any(r.startswith("pandas") and 'extra == "workbook"' in r for r in requires)
    assert not [r for r in requires if r.startswith("pandas") and "extra" not in r]


def test_sdist_holds_what_its_tests_need(built):
    with tarfile.open(built[0]) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        names = {n.removeprefix(top + "/") for n in sdist.getnames()}
    missing = [n for n in SDIST_NEEDS if n not in names]
    assert not missing, f"missing from the sdist: {missing}"
    tracked = _run("git", "ls-files", "tests", cwd=ROOT).split()
    assert set(tracked) <= names, sorted(set(tracked) - names)


def test_sdist_tests_run_from_the_unpacked_sdist(built, tmp_path):
    """Its own suite, fixtures and helpers included, against its own copy of the kit."""
    with tarfile.open(built[0]) as sdist:
        sdist.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    out = _run(
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-m",
        "not browser and not notebook and not slow and not install and not hub",
        "tests/test_journal.py",
        "tests/test_cli.py",
        "tests/test_layers.py",
        "-W",
        "ignore::pytest.PytestUnraisableExceptionWarning",
        cwd=unpacked,
    )
    assert re.search(r"\d+ passed", out) and "failed" not in out and "error" not in out, out
    # ... and it was the sdist's copy of the package that ran (the current folder comes first)
    probe = _run(
        sys.executable, "-c", "import interview_kit; print(interview_kit.__file__)", cwd=unpacked
    )
    assert Path(probe.strip()).is_relative_to(unpacked)


def test_installed_commands_run_from_any_folder(installed, elsewhere):
    assert _run(installed / "interview-kit", "--version", cwd=elsewhere).startswith(
        "interview-kit "
    )
    example = elsewhere / "interview.json"
    example.write_bytes((ROOT / "examples" / "interview.json").read_bytes())
    assert "Overall" in _run(installed / "interview-kit", "score", example.name, cwd=elsewhere)
    # The installed copy, not the checkout, and no pandas unless asked for.
    probe = _run(
        installed / "python",
        "-c",
        "import importlib.util, interview_kit.cli.launch as l;"
        "print(l.NOTEBOOKS); print(importlib.util.find_spec('pandas') is None)",
        cwd=elsewhere,
    ).split("\n")
    assert Path(probe[0]).is_relative_to(installed.parent) and probe[0].endswith(
        "site-packages/interview_kit/notebooks"
    )
    assert probe[1] == "True"


@pytest.fixture
def installed_dashboard(installed, elsewhere) -> Iterator[str]:
    """``interview-kit dashboard --no-browser`` from the installed wheel: the URL it prints."""
    process = subprocess.Popen(
        [installed / "interview-kit", "dashboard", "--no-browser", "--port", "0"],
        cwd=elsewhere,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/\S*", line)
        assert match, f"no URL printed: {line!r}"
        url = match.group(0)
        base = urllib.parse.urlsplit(url)._replace(path="/", query="", fragment="").geturl()
        wait_until_up(base + "voila/static/", process, timeout=120)
        yield url
    finally:
        stop(process)


@pytest.mark.browser
def test_installed_dashboard_renders_its_widgets(installed_dashboard, new_page):
    page, watch = new_page()
    open_dashboard(page, installed_dashboard)
    assert page.locator(".ik-form select").count() > 0
    assert page.eval_on_selector_all(".jupyter-widgets-error-widget", "es => es.length") == 0
    assert not watch.errors and not watch.dialogs


def test_lab_from_the_wheel_copies_the_workbook_to_a_folder_of_the_users(installed, elsewhere):
    """Without ``--folder``: under the user's documents folder (here a scratch home)."""
    home = elsewhere / "home"
    home.mkdir()
    process = subprocess.Popen(
        [installed / "interview-kit", "lab", "--no-browser", "--port", "0"],
        cwd=elsewhere,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_CONFIG_HOME": str(home)},
    )
    try:
        first = process.stdout.readline()
        copy = home / "Documents" / "interview_kit" / "workbook.ipynb"
        assert first.startswith(f"interview_kit workbook: copied the workbook to {copy}"), first
        digest = hashlib.sha256(copy.read_bytes()).digest()
        assert (
            digest == hashlib.sha256((ROOT / "notebooks" / "workbook.ipynb").read_bytes()).digest()
        )
        # a pipx venv: pandas goes in with pipx inject, under the kit's own name
        assert "pipx inject interview-signs-kit pandas" in process.stdout.readline()
    finally:
        stop(process)
