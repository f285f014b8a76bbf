"""The workbook works on a sandbox journal: its journal section shows the demo table
and trend, and running all of it (form, History, Calibration included) never creates
the user's journal."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _run(notebook: nbformat.NotebookNode) -> list[dict]:
    NotebookClient(
        notebook,
        timeout=240,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    ).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"], [
        o.get("evalue") for o in outputs if o.output_type == "error"
    ]
    return outputs


def _text(outputs: list[dict]) -> str:
    return "".join(o.get("text", "") for o in outputs if o.output_type == "stream")


def _starts(notebook: nbformat.NotebookNode, heading: str) -> int:
    return next(
        i
        for i, c in enumerate(notebook.cells)
        if c.cell_type == "markdown" and c.source.startswith(heading)
    )


def _section(notebook: nbformat.NotebookNode, heading: str) -> list:
    start = _starts(notebook, heading)
    end = next(
        i
        for i, c in enumerate(notebook.cells)
        if i > start and c.cell_type == "markdown" and c.source.startswith("## ")
    )
    return notebook.cells[start:end]


@pytest.mark.notebook
@pytest.mark.slow
def test_workbook_journal_section(tmp_path, monkeypatch):
    # Were the section to open the default journal, it would land here, not in $HOME.
    monkeypatch.setenv("INTERVIEW_KIT_JOURNAL", str(tmp_path / "real.sqlite3"))
    notebook = nbformat.read(NOTEBOOKS / "workbook.ipynb", as_version=4)
    notebook.cells = _section(notebook, "## Which journal this workbook uses") + _section(
        notebook, "## Your journal"
    )
    outputs = _run(notebook)
    tables = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert len(tables) == 4 and "company" in tables[0] and "mean" in tables[1]
    # The debrief tables: the questions asked more than once (or that none were), and
    # what is due as of the demo's own latest date, by the core's rules.
    assert "more than one interview" in tables[2] and "is due as of" in tables[3]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    text = _text(outputs)
    assert "sandbox journal" in text and "Synthetic demo data" in text
    assert "Overall score over time:" in text
    assert not (tmp_path / "real.sqlite3").exists()


#: Appended to the workbook: what a person does with its embedded form afterwards.
_USE_THE_FORM = """
app.history.refresh()            # the History tab shown
panel.refresh()                  # Calibration's "Use my journal"
app.weights_panel.profiles.refresh()
saved = app.journal_controls.save()
print("saved-into", saved is not None and str(app.session.source.location()))
"""


@pytest.mark.notebook
@pytest.mark.slow
def test_running_the_workbook_never_creates_the_users_journal(tmp_path, monkeypatch):
    real = tmp_path / "mine" / "journal.sqlite3"
    monkeypatch.setenv("INTERVIEW_KIT_JOURNAL", str(real))
    notebook = nbformat.read(NOTEBOOKS / "workbook.ipynb", as_version=4)
    notebook.cells.append(new_code_cell(_USE_THE_FORM))
    text = _text(_run(notebook))
    assert not real.exists() and not real.parent.exists()
    assert "This workbook uses a sandbox journal: " in text
    sandbox = text.split("This workbook uses a sandbox journal: ")[1].splitlines()[0]
    assert f"saved-into {sandbox}" in text  # the form saved into the sandbox it named
