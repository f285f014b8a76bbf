"""The workbook's weights comparison, profile cell and Calibration section, executed."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@pytest.mark.notebook
@pytest.mark.slow
def test_workbook_shows_before_after_profile_sensitivity_and_calibration(tmp_path, monkeypatch):
    # The kernel inherits this: nothing in the workbook may reach the user's real journal.
    real = tmp_path / "must-not-exist.sqlite3"
    monkeypatch.setenv("INTERVIEW_KIT_JOURNAL", str(real))
    notebook = nbformat.read(NOTEBOOKS / "workbook.ipynb", as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert "MY_WEIGHTS" in code[0].source  # the weights cell comes first
    NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    ).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    data = "\n".join(str(o["data"].get("text/plain", "")) for o in outputs if "data" in o)
    assert "'my weights'" in data  # the profile saved from a cell
    assert "matters most" in text  # the sensitivity chart's words
    assert "SYNTHETIC DEMO DATA" in text and "50% would be chance" in text
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 5  # radar, before/after, overlay, sensitivity, fitted weights
    last = notebook.cells[-1]
    assert last.cell_type == "code" and "held_out" in last.source
    assert not real.exists()
