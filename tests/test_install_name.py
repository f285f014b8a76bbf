"""The kit's name on the package index, and hints that fit where it runs.

The index's ``interview-kit`` is an unrelated project that ships an ``interview_kit`` package
too: no hint, doc or message may tell anyone to install that name.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from interview_kit.core.install import DIST_NAME, extra_hint, in_pipx

ROOT = Path(__file__).resolve().parent.parent


def test_the_distribution_is_named_once_and_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DIST_NAME == "interview-signs-kit"
    assert project["scripts"] == {"interview-kit": "interview_kit.cli.main:run"}


@pytest.mark.parametrize(
    "prefix",
    [
        "/home/ada/.local/share/pipx/venvs/interview-signs-kit",
        "/home/ada/.local/pipx/venvs/interview-signs-kit",
        r"C:\Users\ada\pipx\venvs\interview-signs-kit",
    ],
)
def test_a_pipx_venv_is_told_to_inject(prefix):
    assert in_pipx(prefix)
    assert extra_hint("workbook", "pandas", prefix) == "pipx inject interview-signs-kit pandas"


def test_a_pipx_venv_elsewhere_is_known_by_pipxs_metadata(tmp_path):
    assert not in_pipx(str(tmp_path))
    (tmp_path / "pipx_metadata.json").write_text("{}")
    assert extra_hint("workbook", "pandas", str(tmp_path)).startswith("pipx inject ")


@pytest.mark.parametrize("prefix", ["/usr", "/home/ada/project/.venv", "/opt/pipx-tools"])
def test_other_environments_are_told_to_pip_install_the_extra(prefix):
    assert not in_pipx(prefix)
    assert extra_hint("workbook", "pandas", prefix) == "pip install 'interview-signs-kit[workbook]'"


def test_no_text_tells_anyone_to_install_the_other_projects_name():
    wrong = re.compile(r"(pipx? install|pipx inject) +['\"]?interview[-_]kit\b(?![-_])")
    texts = [
        ROOT / "README.md",
        ROOT / "pyproject.toml",
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "deploy").rglob("*"),
        *(ROOT / "interview_kit").rglob("*.py"),
    ]
    found = [
        f"{p.relative_to(ROOT)}: {m.group(0)}"
        for p in texts
        if p.is_file() and p.suffix in {".md", ".py", ".toml", ".yaml", ".txt", ""}
        for m in wrong.finditer(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not found, found


def test_the_missing_pandas_message_names_the_kits_extra(monkeypatch, tmp_path):
    import builtins

    from interview_kit.journal.frames import load_dataframe
    from interview_kit.journal.store import open_journal

    real = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    monkeypatch.setattr("sys.prefix", "/srv/venv")
    with open_journal(tmp_path / "j.sqlite3") as journal, pytest.raises(ImportError) as caught:
        load_dataframe(journal)
    assert str(caught.value).endswith("pip install 'interview-signs-kit[workbook]'")
