"""The launcher opens the browser from a detached process, without ``os.fork`` (which
Windows lacks), and the token never shows on a command line."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from interview_kit.cli import opener
from interview_kit.cli.launch import open_when_up

URL = "http://127.0.0.1:9/?token=s3cret"


class _Spy:
    def __init__(self) -> None:
        self.calls: list[tuple[list[str], dict]] = []

    def __call__(self, argv, **kwargs):
        self.calls.append((argv, kwargs))
        return None


@pytest.mark.parametrize("platform", ["win32", "linux", "darwin"])
def test_no_fork_needed_on_any_platform(monkeypatch, platform):
    monkeypatch.delattr(os, "fork", raising=False)  # as on Windows
    monkeypatch.setattr(sys, "platform", platform)
    spy = _Spy()
    monkeypatch.setattr(subprocess, "Popen", spy)
    open_when_up(URL, "http://127.0.0.1:9/voila/static/")
    ((argv, kwargs),) = spy.calls
    assert argv[1:] == ["-m", "interview_kit.cli.opener", "http://127.0.0.1:9/voila/static/"]
    assert "s3cret" not in " ".join(argv)  # not on a command line that ps shows
    assert kwargs["env"][opener.URL_VAR] == URL
    if platform == "win32":
        assert kwargs["creationflags"] & 0x8 and "start_new_session" not in kwargs
    else:
        assert kwargs["start_new_session"] is True and "creationflags" not in kwargs


def test_a_launcher_that_cannot_start_the_opener_goes_on(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no such file")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    assert opener.spawn(URL, "http://127.0.0.1:9/") is None


def test_the_opener_hands_the_browser_a_page_once_the_server_answers(tmp_path, monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    browser = tmp_path / "browser.sh"
    seen = tmp_path / "seen"
    browser.write_text(f'#!/bin/sh\ncat "${{1#file://}}" > {seen}\n')
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(browser))
    url = f"http://127.0.0.1:{server.server_address[1]}/?token=s3cret"
    child = opener.spawn(url, f"http://127.0.0.1:{server.server_address[1]}/")
    try:
        assert child is not None
        deadline = time.monotonic() + 60
        while not (seen.exists() and seen.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "url=http://127.0.0.1:" in seen.read_text() and "token=s3cret" in seen.read_text()
        cmdline = Path(f"/proc/{child.pid}/cmdline").read_bytes()
        assert b"s3cret" not in cmdline
    finally:
        server.shutdown()
        if child is not None:
            child.kill()
            child.wait(10)
