"""Open the dashboard in the user's browser once the server answers, from a process of
its own: ``python -m interview_kit.cli.opener PROBE`` with the URL in its environment.

The launcher execs the server, so whatever opens the browser has to outlive it
without being part of it. ``os.fork`` did that on Linux and macOS but not on Windows,
which has no fork: a detached child process works everywhere. The URL (token included)
travels in the child's environment, readable only by the user, never on a command line
that ``ps`` shows. Like Jupyter, the browser gets a private (0600) local page that
redirects to the URL, so the token is not on the browser's command line either.
"""

from __future__ import annotations

import os
import subprocess
import sys

#: The environment variable that carries the URL to the child.
URL_VAR = "INTERVIEW_KIT_OPEN_URL"


def spawn(url: str, probe: str) -> subprocess.Popen[bytes] | None:
    """Start the detached opener; a launcher that cannot start it goes on without a browser."""
    detach: dict[str, object]
    if sys.platform == "win32":
        flags = getattr(subprocess, "DETACHED_PROCESS", 0x8) | getattr(
            subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200
        )
        detach = {"creationflags": flags}
    else:
        detach = {"start_new_session": True}  # Ctrl+C for the server does not reach it
    try:
        return subprocess.Popen(  # type: ignore[call-overload]
            [sys.executable, "-m", "interview_kit.cli.opener", probe],
            env={**os.environ, URL_VAR: url},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            **detach,
        )
    except OSError:
        return None


def _wait_until_up(url: str, timeout: float) -> None:
    """Until ``url`` answers over HTTP (any status: the server is up). Its own few lines,
    not launch.wait_until_up: launch imports this module."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no answer from {url} within {timeout:.0f} s")


def open_page(url: str, probe: str, *, linger: float = 60.0) -> None:
    """Wait for ``probe`` to answer, then hand the browser a redirect page to ``url``."""
    import html
    import tempfile
    import time
    import webbrowser

    _wait_until_up(probe, timeout=120)
    fd, page = tempfile.mkstemp(prefix="interview-kit-", suffix=".html")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(
                '<!DOCTYPE html><meta http-equiv="refresh" content="0;url='
                f'{html.escape(url)}"><title>interview_kit</title>'
            )
        webbrowser.open("file://" + page)
        time.sleep(linger)  # the browser has read it by now
    finally:
        os.unlink(page)


def main() -> int:
    url = os.environ.pop(URL_VAR, "")
    if len(sys.argv) != 2 or not url:
        return 2
    try:
        open_page(url, sys.argv[1])
    except BaseException:  # a browser that cannot open is no error
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
