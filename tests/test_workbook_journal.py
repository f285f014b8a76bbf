"""The workbook's journal section runs on a demo journal and shows the table and trend."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@pytest.mark.notebook
@pytest.mark.slow
def test_workbook_journal_section(tmp_path, monkeypatch):
    # Were the section to open the default journal, it would land here, not in $HOME.
    monkeypatch.setenv("INTERVIEW_KIT_JOURNAL", str(tmp_path / "real.sqlite3"))
    notebook = nbformat.read(NOTEBOOKS / "workbook.ipynb", as_version=4)
    start = next(i for i, c in enumerate(notebook.cells)
                 if c.cell_type == "markdown" and c.source.startswith("## Your journal"))
    end = next(i for i, c in enumerate(notebook.cells)
               if i > start and c.cell_type == "markdown" and c.source.startswith("## "))
    notebook.cells = notebook.cells[start:end]
    NotebookClient(notebook, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    tables = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert len(tables) == 2 and "company" in tables[0] and "mean" in tables[1]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Synthetic demo data" in text and "Overall score over time:" in text
    assert not (tmp_path / "real.sqlite3").exists()
