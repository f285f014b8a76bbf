"""``interview-kit dashboard`` and ``interview-kit lab``: local servers, 127.0.0.1 only."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from pathlib import Path

HOST = "127.0.0.1"
DEFAULT_PORT = 8866
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def register(sub: argparse._SubParsersAction) -> None:
    for name, help_text in (
        ("dashboard", "start the Voila dashboard on 127.0.0.1"),
        ("lab", "open the workbook in JupyterLab on 127.0.0.1"),
    ):
        p = sub.add_parser(name, help=help_text, description=help_text.capitalize() + ".")
        p.add_argument("--port", type=int, default=DEFAULT_PORT if name == "dashboard" else 8888,
                       help="preferred port (a free one is used if it is taken)")
        p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
        p.set_defaults(handler=_dashboard if name == "dashboard" else _lab)


def free_port(preferred: int, host: str = HOST) -> int:
    """``preferred`` if nothing listens there, else a free port the OS picks."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError("no free port on 127.0.0.1")


def _run(command: list[str]) -> int:
    try:
        return subprocess.call(command, cwd=NOTEBOOKS, env=os.environ.copy())
    except KeyboardInterrupt:
        return 0


def _dashboard(args: argparse.Namespace) -> int:
    notebook = NOTEBOOKS / "dashboard.ipynb"
    if not notebook.exists():  # until the dashboard lands, open the workbook
        return _lab(args)
    port = free_port(args.port)
    print(f"interview_kit dashboard: http://{HOST}:{port}/  (Ctrl+C stops it)", flush=True)
    return _run([sys.executable, "-m", "voila", str(notebook), f"--Voila.ip={HOST}",
                 f"--port={port}", *(["--no-browser"] if args.no_browser else [])])


def _lab(args: argparse.Namespace) -> int:
    port = free_port(args.port)
    print(f"interview_kit workbook: JupyterLab on http://{HOST}:{port}/", flush=True)
    return _run([sys.executable, "-m", "jupyter", "lab", f"--ServerApp.ip={HOST}",
                 f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                 *(["--no-browser"] if args.no_browser else [])])
