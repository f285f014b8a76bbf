"""Both notebooks run top to bottom in a fresh kernel, from the notebooks folder."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _execute(name: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(notebook, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return notebook


def _outputs(notebook: nbformat.NotebookNode) -> list[dict]:
    """Every output of a run notebook; none may be an error."""
    outputs = [out for cell in notebook.cells if cell.cell_type == "code"
               for out in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return outputs


@pytest.mark.notebook
@pytest.mark.parametrize("name", ["dashboard.ipynb", "workbook.ipynb"])
def test_notebook_is_committed_without_outputs(name):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
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
    html = "\n".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    assert "Before and after your weights" in html
    assert "what it suggests" in html
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
