"""Both notebooks run top to bottom in a fresh kernel, from the notebooks folder."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _execute(name: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    return notebook


def _outputs(notebook: nbformat.NotebookNode) -> list[dict]:
    """Every output of a run notebook; none may be an error."""
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return outputs


COMMITTED = [
    NOTEBOOKS / "dashboard.ipynb",
    NOTEBOOKS / "workbook.ipynb",
    NOTEBOOKS.parent / "benchmarks" / "bare_reference.ipynb",
]


@pytest.mark.notebook
@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_workbook_lists_every_valid_weight_key_beside_my_weights():
    """The weights cell names every sign's id (and the labels that differ), so a
    tinkerer never has to guess ``ease`` from "Answering"."""
    from interview_kit.core.signals import CATALOG
    from interview_kit.core.weights import validate_weights

    notebook = nbformat.read(NOTEBOOKS / "workbook.ipynb", as_version=4)
    cell = next(c.source for c in notebook.cells if "MY_WEIGHTS = {" in c.source)
    comment = "\n".join(line for line in cell.splitlines() if line.startswith("#"))
    for signal in CATALOG:
        assert signal.id in comment, signal.id
        if signal.label.lower().replace(" ", "_") != signal.id:
            assert signal.label in comment, signal.label
    assert validate_weights({"answering": 2})["ease"] == 2


@pytest.mark.notebook
@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_notebook_has_cell_ids_and_is_saved_as_jupyter_saves_it(path):
    """nbformat 4.5 with a unique id per cell, written byte for byte as Jupyter's
    contents manager writes it back: opening and saving it in JupyterLab changes nothing."""
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=4)
    assert (notebook.nbformat, notebook.nbformat_minor) >= (4, 5)
    ids = [cell.get("id") for cell in notebook.cells]
    assert all(ids) and len(set(ids)) == len(ids), ids
    nbformat.validate(notebook)
    assert nbformat.writes(notebook) + "\n" == text


@pytest.mark.notebook
def test_notebooks_pass_the_pre_commit_hook():
    """What .pre-commit-config.yaml runs (nbstripout --keep-id) would change nothing."""
    import subprocess
    import sys

    nbstripout = Path(sys.executable).with_name("nbstripout")
    done = subprocess.run(
        [nbstripout, "--keep-id", "--verify", *COMMITTED], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.notebook
@pytest.mark.slow
def test_dashboard_notebook_shows_the_app():
    notebook = _execute("dashboard.ipynb")
    outputs = _outputs(notebook)
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 1


@pytest.mark.notebook
@pytest.mark.slow
def test_workbook_runs_and_shows_reading_radar_comparison_and_table():
    notebook = _execute("workbook.ipynb")
    outputs = _outputs(notebook)
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2  # the radar and the two-interview overlay
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Overall" in text and "Next steps" in text
    # MY_SIGNS: the sign of one's own is kept, scored and read like any other
    assert "Your own signs: Salary range named." in text
    assert "salary" in text and "Salary range named" in text
    html = "\n".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    assert "Before and after your weights" in html
    assert "what it suggests" in html
    # The debrief section: the repeated questions (or, plainly, that none came up
    # twice yet) and what is due as of the demo's own date.
    assert "more than one interview" in html
    assert "is due as of" in html
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)


def _run_weights_cell(weights: str) -> nbformat.NotebookNode:
    """The workbook's cells up to its weights cell, with ``weights`` typed into
    ``MY_WEIGHTS``; returns that cell after the run (an error allowed)."""
    notebook = nbformat.read(NOTEBOOKS / "workbook.ipynb", as_version=4)
    index = next(
        i
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and "MY_WEIGHTS = {" in cell.source
    )
    cell = notebook.cells[index]
    head, rest = cell.source.split("MY_WEIGHTS = {", 1)
    cell.source = head + f"MY_WEIGHTS = {weights}" + rest.split("}", 1)[1]
    notebook.cells = notebook.cells[: index + 1]
    NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    ).execute()
    return notebook.cells[index]


def _told(cell: nbformat.NotebookNode) -> str:
    """What the cell shows; a traceback (frames, file lines) fails the test."""
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert len(errors) == 1, cell.outputs
    shown = "\n".join(errors[0].traceback)
    assert "Traceback" not in shown and "File " not in shown and "----" not in shown
    return shown


@pytest.mark.notebook
def test_workbook_weights_cell_tells_every_mistake_without_a_traceback():
    shown = _told(_run_weights_cell('{"engagment": 1.0, "comfort": -1, "duration": 0.5}'))
    assert "2 mistakes" in shown
    assert "engagment" in shown and "engagement" in shown  # the misspelt key, and the fix
    assert "comfort" in shown and "-1" in shown


@pytest.mark.notebook
def test_workbook_refuses_all_zero_weights_in_one_sentence():
    from interview_kit.core.signals import CATALOG

    zeros = "{" + ", ".join(f'"{s.id}": 0' for s in CATALOG) + "}"
    shown = _told(_run_weights_cell(zeros))
    assert "1 mistake" in shown and "every weight is 0" in shown
