"""The launcher: loopback only, a free port when the default is taken, sources stripped."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from interview_kit.cli.kernel_socket import TunedConnection, V1OnlyConnection
from interview_kit.cli.launch import (
    HOST,
    NOTEBOOKS,
    PREHEAT_FLAGS,
    REFILL_DELAY,
    TUNED_KERNEL_SOCKET,
    free_port,
    lab_command,
    notebooks_folder,
    place_workbook,
    start_voila,
    stop,
    wait_until_up,
)
from interview_kit.core.errors import InputError

pytestmark = pytest.mark.slow

#: The console script ``./dev dashboard`` runs, next to this python.
CLI = str(Path(sys.executable).with_name("interview-kit"))
SECRET_SOURCE = "shown_value = 'visible-' + 'output'"


def _listening(pid: int) -> set[tuple[str, int]]:
    """Every address the process (and its children, the kernels) listens on."""
    procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    found = set()
    for proc in procs:
        for conn in proc.net_connections(kind="inet"):
            if conn.status == psutil.CONN_LISTEN:
                found.add((conn.laddr.ip, conn.laddr.port))
    return found


def _open(url: str, timeout: float = 120):
    """Open a dashboard URL as a browser does: the token's visit sets a cookie and
    redirects to the clean URL, which the cookie then opens."""
    from http.cookiejar import CookieJar

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    return opener.open(url, timeout=timeout)


@pytest.fixture
def taken_port():
    """A port something else listens on, for as long as the test runs."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.fixture
def tiny_notebook(tmp_path: Path) -> Path:
    nb = new_notebook(
        cells=[
            new_code_cell(f"{SECRET_SOURCE}\nprint(shown_value)"),
            new_code_cell(
                "import os, sys, interview_kit\n"
                "print('kernel-python=' + sys.executable)\n"
                "print('kernel-cwd=' + os.getcwd())"
            ),
            new_code_cell("raise ValueError('the-hidden-traceback-text')"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


def test_free_port_prefers_the_default_and_falls_back(taken_port):
    port = free_port(taken_port)
    assert port != taken_port and port > 0
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, port))  # really free
    assert free_port(port) == port  # an unused preferred port is kept


def test_voila_json_keeps_the_safe_settings():
    config = json.loads((NOTEBOOKS / "voila.json").read_text())
    assert config["Voila"]["ip"] == "127.0.0.1"
    assert config["VoilaConfiguration"] == {"strip_sources": True, "show_tracebacks": False}
    culling = config["MappingKernelManager"]
    assert culling["cull_interval"] > 0 and culling["cull_idle_timeout"] > 0


def test_dashboard_command_takes_a_free_port_and_binds_loopback_only(taken_port, tmp_path):
    log = tmp_path / "server.log"
    with open(log, "wb") as err:
        process = subprocess.Popen(
            [CLI, "dashboard", "--port", str(taken_port), "--no-browser"],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
    try:
        line = process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:(\d+)/\?token=([\w-]{40,}))", line)
        assert match, f"no URL with a token printed: {line!r}"
        url, port, token = match.group(1), int(match.group(2)), match.group(3)
        assert port != taken_port
        assert "taken" in line
        wait_until_up(f"http://{HOST}:{port}/voila/static/", process)
        # The printed URL just works (a cookie, then the clean URL); without its token
        # there is no page, only a refusal in words.
        with _open(url) as response:
            assert b"kernelId" in response.read()
            assert response.url == f"http://{HOST}:{port}/"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=120)
        assert refused.value.code == 403
        assert b"Open the link" in refused.value.read()
        # The token is nowhere on the server's command line (ps shows that to everyone).
        assert token not in " ".join(psutil.Process(process.pid).cmdline())
        addresses = _listening(process.pid)
        assert (HOST, port) in addresses
        assert {ip for ip, _ in addresses} == {HOST}, addresses
        command = " ".join(psutil.Process(process.pid).cmdline())  # the CLI became Voila
        assert "voila" in command and "--preheat_kernel=True" in command, command
        # What the user sees in the terminal: no warning about how the kit starts Voila.
        said = log.read_text(errors="replace")
        assert "DeprecationWarning" not in said and "Traceback" not in said, said
    finally:
        stop(process)


def test_page_has_no_source_and_no_traceback(tiny_notebook):
    process, url = start_voila(tiny_notebook)
    try:
        assert {ip for ip, _ in _listening(process.pid)} == {HOST}
        with _open(url) as response:
            page = response.read().decode("utf-8")
        assert "visible-output" in page  # the notebook ran and its output is there
        assert SECRET_SOURCE not in page and "shown_value" not in page
        assert "the-hidden-traceback-text" not in page and "Traceback" not in page
        # The kernel is this environment's python (the kit imports), in the notebook's folder.
        assert f"kernel-python={sys.executable}" in page
        assert f"kernel-cwd={tiny_notebook.parent}" in page
    finally:
        stop(process)


def _kernels(pid: int) -> set[int]:
    """The kernel processes a server has started."""
    return {
        child.pid
        for child in psutil.Process(pid).children(recursive=True)
        if "ipykernel_launcher" in " ".join(child.cmdline())
    }


def test_preheated_pool_refills_only_once_the_page_has_loaded(tmp_path):
    """The next preheated kernel starts ``REFILL_DELAY`` seconds after one is handed to a
    page, not at Voila's default 1 s, in the middle of that page's load."""
    notebook = tmp_path / "plain.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("answer = 42")]), notebook)
    log = tmp_path / "voila.log"
    process, url = start_voila(notebook, None, *PREHEAT_FLAGS, log=log)
    try:
        deadline = time.monotonic() + 120
        while "is filled" not in log.read_text(errors="replace"):  # the pool is ready
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.1)
        pooled = _kernels(process.pid)
        assert len(pooled) == 1, pooled
        start = time.monotonic()
        with _open(url) as response:  # takes the pooled kernel
            assert b"kernelId" in response.read()
        while not _kernels(process.pid) - pooled:
            assert time.monotonic() - start < 120, "the pool never refilled"
            time.sleep(0.05)
        waited = time.monotonic() - start
        # Voila's default would start it about 1 s after the page took the kernel.
        assert waited >= REFILL_DELAY - 0.5, f"refilled after {waited:.2f} s"
    finally:
        stop(process)


def test_lab_command_binds_loopback_only(taken_port, tmp_path):
    folder = tmp_path / "my notebooks"
    process = subprocess.Popen(
        [CLI, "lab", "--port", str(taken_port), "--folder", str(folder), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
    )
    try:
        copy = folder / "workbook.ipynb"
        assert process.stdout.readline().startswith(
            f"interview_kit workbook: copied the workbook to {copy}"
        )
        assert copy.read_bytes() == (NOTEBOOKS / "workbook.ipynb").read_bytes()
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/lab/tree/workbook\.ipynb\?token=\S+", line)
        assert match, f"no URL with a token printed: {line!r}"
        port = int(match.group(1))
        assert port != taken_port
        wait_until_up(f"http://{HOST}:{port}/api/status", process, timeout=120)
        # JupyterLab keeps its token and its Host check.
        with urllib.request.urlopen(match.group(0), timeout=120) as response:
            assert response.status == 200
        token = match.group(0).rpartition("token=")[2]
        for path, host in (
            (f"/api/contents?token={token}", "evil.example"),
            ("/api/contents", "127.0.0.1"),
        ):
            request = urllib.request.Request(
                f"http://{HOST}:{port}{path}", headers={"Host": f"{host}:{port}"}
            )
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=60)
            assert refused.value.code == 403, (path, host)
        with urllib.request.urlopen(
            f"http://{HOST}:{port}/api/contents?token={token}", timeout=60
        ) as response:
            assert response.status == 200
        _kernel_round_trip(port, token)
        addresses = _listening(process.pid)
        assert (HOST, port) in addresses
        assert {ip for ip, _ in addresses} == {HOST}, addresses
    finally:
        stop(process)


def _kernel_round_trip(port: int, token: str) -> None:
    """A kernel started through JupyterLab answers over its websocket (the kit's
    tuned connection class, which ``lab_command`` sets, loads and carries messages)."""
    import uuid

    import websocket

    request = urllib.request.Request(
        f"http://{HOST}:{port}/api/kernels?token={token}", data=b"{}", method="POST"
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        kernel = json.loads(response.read())["id"]
    ws = websocket.create_connection(
        f"ws://{HOST}:{port}/api/kernels/{kernel}/channels?token={token}",
        timeout=120,
        origin=f"http://{HOST}:{port}",
    )
    try:
        msg_id = uuid.uuid4().hex
        ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "kernel_info_request",
                        "username": "",
                        "session": uuid.uuid4().hex,
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {},
                    "channel": "shell",
                }
            )
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            message = json.loads(ws.recv())
            if (
                message.get("parent_header", {}).get("msg_id") == msg_id
                and message["header"]["msg_type"] == "kernel_info_reply"
            ):
                break
        else:
            pytest.fail("no kernel_info_reply through JupyterLab's kernel websocket")
    finally:
        ws.close()


def test_lab_command_uses_the_tuned_kernel_websocket(tmp_path):
    command = lab_command(tmp_path / "workbook.ipynb", 8890, no_browser=True)
    assert f"--ServerApp.kernel_websocket_connection_class={TUNED_KERNEL_SOCKET}" in command
    assert TUNED_KERNEL_SOCKET.rpartition(".")[2] == TunedConnection.__name__
    assert issubclass(V1OnlyConnection, TunedConnection)
    assert f"--ServerApp.root_dir={tmp_path}" in command and "--no-browser" in command


def test_dashboard_opens_the_browser_on_a_private_page_that_carries_the_token(tmp_path):
    """Without --no-browser the launcher hands the browser (``$BROWSER`` here, a
    recorder) a 0600 local page redirecting to the token URL, once the server is up;
    the token never appears on the browser's command line."""
    seen = tmp_path / "seen.txt"
    recorder = tmp_path / "browser.sh"
    recorder.write_text(
        f'#!/bin/sh\necho "$1" > {seen}.args\n'
        f'stat -c %a "${{1#file://}}" > {seen}.mode\n'
        f'cat "${{1#file://}}" > {seen}\n'
    )
    recorder.chmod(0o755)
    process = subprocess.Popen(
        [CLI, "dashboard", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "BROWSER": f"{recorder} %s"},
    )
    try:
        printed = re.search(r"http://\S+", process.stdout.readline()).group(0)
        deadline = time.monotonic() + 120
        while not seen.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(0.5)
        page = seen.read_text()
        assert f'url={printed}"' in page.replace("&amp;", "&")
        assert (tmp_path / "seen.txt.mode").read_text().strip() == "600"
        args = (tmp_path / "seen.txt.args").read_text()
        assert args.startswith("file://") and "token" not in args
        with _open(printed) as response:
            assert b"kernelId" in response.read()
    finally:
        stop(process)


@pytest.mark.parametrize(
    ("flags", "env", "named"),
    [
        (["--today", "2026-02-30"], {}, "--today"),
        (["--today", ""], {}, "--today"),
        ([], {"INTERVIEW_KIT_TODAY": "next tuesday"}, "INTERVIEW_KIT_TODAY"),
    ],
)
def test_dashboard_refuses_a_day_that_is_not_one_in_one_line(tmp_path, flags, env, named):
    done = subprocess.run(
        [CLI, "dashboard", "--no-browser", *flags],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )
    assert done.returncode != 0 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and named in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_dashboard_journal_and_day_options_reach_the_served_kernels(tmp_path):
    """``--journal`` (relative to where it was typed) becomes the server's, and so its
    kernels', INTERVIEW_KIT_JOURNAL; the launcher says which file it is. ``--today``
    becomes their INTERVIEW_KIT_TODAY (the page reads as on that day)."""
    from interview_kit.core.clock import TODAY_ENV
    from interview_kit.journal.schema import ENV_VAR

    process = subprocess.Popen(
        [
            CLI,
            "dashboard",
            "--journal",
            "my-journal.sqlite3",
            "--no-browser",
            "--no-preheat",
            "--today",
            "2024-03-05",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        first, second = process.stdout.readline(), process.stdout.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", first).group(1))
        expected = str(tmp_path / "my-journal.sqlite3")
        assert second.strip() == f"interview_kit journal: {expected}"
        wait_until_up(f"http://{HOST}:{port}/voila/static/", process)
        assert psutil.Process(process.pid).environ().get(ENV_VAR) == expected
        assert psutil.Process(process.pid).environ().get(TODAY_ENV) == "2024-03-05"
    finally:
        stop(process)


def test_a_checkout_serves_its_own_notebooks_folder():
    """Run from the repository (editable install): the one source, not a copy."""
    assert notebooks_folder() == Path(__file__).resolve().parent.parent / "notebooks"


def _never(question: str) -> bool:
    raise AssertionError(f"asked {question!r} when nothing was to be replaced")


def test_place_workbook_copies_into_a_new_folder_and_reopens_it(tmp_path):
    source = NOTEBOOKS / "workbook.ipynb"
    folder = tmp_path / "a" / "b"
    copy, done = place_workbook(source, folder, _never)
    assert copy == folder / "workbook.ipynb" and copy.read_bytes() == source.read_bytes()
    assert done.startswith("copied")
    again, done = place_workbook(source, folder, _never)  # the same bytes: nothing to ask
    assert again == copy and "the same" in done


@pytest.mark.parametrize("answer", [False, True])
def test_place_workbook_replaces_an_edited_copy_only_when_told(tmp_path, answer):
    source = NOTEBOOKS / "workbook.ipynb"
    mine = tmp_path / "workbook.ipynb"
    mine.write_text('{"my": "edits"}')
    questions = []
    copy, done = place_workbook(source, tmp_path, lambda q: questions.append(q) or answer)
    assert copy == mine and len(questions) == 1 and str(mine) in questions[0]
    expected = source.read_bytes() if answer else b'{"my": "edits"}'
    assert mine.read_bytes() == expected
    assert done.startswith("replaced" if answer else "kept")


def test_place_workbook_in_the_source_folder_opens_it_in_place():
    source = NOTEBOOKS / "workbook.ipynb"
    before = source.read_bytes()
    copy, done = place_workbook(source, NOTEBOOKS, _never)
    assert copy == source and done == f"opening {source}" and source.read_bytes() == before


def test_place_workbook_names_a_folder_it_cannot_write(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="--folder: cannot copy the workbook there"):
        place_workbook(NOTEBOOKS / "workbook.ipynb", blocker / "sub", _never)


def test_lab_keeps_an_edited_copy_without_a_terminal(tmp_path):
    """No one to ask (stdin is no terminal): the user's copy stays, and is what opens."""
    (tmp_path / "workbook.ipynb").write_text('{"my": "edits"}')
    process = subprocess.Popen(
        [CLI, "lab", "--folder", str(tmp_path), "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout.readline().startswith(
            f"interview_kit workbook: kept your copy {tmp_path / 'workbook.ipynb'}"
        )
    finally:
        stop(process)
    assert (tmp_path / "workbook.ipynb").read_text() == '{"my": "edits"}'
