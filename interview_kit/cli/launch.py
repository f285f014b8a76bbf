"""``interview-kit dashboard`` and ``interview-kit lab``: local servers that answer only
their owner.

Binding to 127.0.0.1 keeps other machines out, but not a web page: through DNS
rebinding a page of another origin can reach a loopback port under its own host
name. So both servers also want a random per-launch token (in the URL printed
and opened; a cookie after the first visit), refuse any ``Host`` that is not a
loopback name, and check a websocket's ``Origin`` against it: Jupyter Server's
own checks, which Voila turns off by default (:func:`owner_only_flags`). Voila's
other settings (sources stripped, tracebacks hidden, idle kernels culled) live in
``notebooks/voila.json``, which Voila reads from its working directory; the
launcher starts it there and also passes the same settings as flags, so they hold
even if that file is edited away. :func:`start_voila` is what the browser tests
and the benchmark use too: they serve exactly what a person gets.

The notebooks are found with :mod:`importlib.resources`: an installed wheel carries
them as ``interview_kit/notebooks`` (package data built from the repository's
``notebooks/``); a checkout or an editable install uses that ``notebooks/`` folder
itself. ``lab`` never opens the installed copy (a user cannot, and should not, edit
site-packages): it copies the workbook into a folder of the user's first.

This module is imported by the CLI at start-up: standard library only, and the
networking and process modules are imported where they are used, so that
``interview-kit score`` does not pay for them.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import clock
from ..core.errors import InputError
from ..core.install import DIST_NAME, extra_hint
from .common import port_number, today_option

if TYPE_CHECKING:
    import subprocess

HOST = "127.0.0.1"
DEFAULT_PORT = 8866
LAB_PORT = 8888
DASHBOARD_NAME = "dashboard.ipynb"
WORKBOOK_NAME = "workbook.ipynb"
#: ``lab``'s folder for the user's copy of the workbook, under their documents folder.
LAB_FOLDER_NAME = "interview_kit"


@functools.cache
def notebooks_folder() -> Path:
    """The folder holding the dashboard, the workbook and ``voila.json``.

    The wheel's package data when the kit is installed from one, else the
    repository's ``notebooks/`` (a checkout, or an editable install of one).
    """
    from importlib import resources  # about 10 ms: kept off `interview-kit score`

    packaged = resources.files("interview_kit").joinpath("notebooks")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "notebooks"


def __getattr__(name: str) -> Path:
    """``NOTEBOOKS``, ``DASHBOARD`` and ``WORKBOOK``, looked up on first use."""
    if name == "NOTEBOOKS":
        return notebooks_folder()
    if name in ("DASHBOARD", "WORKBOOK"):
        return notebooks_folder() / (DASHBOARD_NAME if name == "DASHBOARD" else WORKBOOK_NAME)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _notebook(name: str) -> Path:
    """A shipped notebook; a broken installation is one line, never a traceback."""
    path = notebooks_folder() / name
    if not path.is_file():
        raise InputError(
            "installed notebooks",
            str(path),
            f"{name} is missing from this installation: reinstall {DIST_NAME}",
        )
    return path


#: The settings that must hold whatever ``voila.json`` says (flags beat config files).
VOILA_FLAGS = (
    f"--Voila.ip={HOST}",
    "--VoilaConfiguration.strip_sources=True",
    "--VoilaConfiguration.show_tracebacks=False",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_idle_timeout=900",
)

#: Seconds Voila waits, after handing out its preheated kernel, before starting the
#: next one. Its default, 1 s, lands in the middle of the page's own load (about 1.5 s
#: here): the new kernel's start and its run of the dashboard (a second of CPU) then
#: compete with the page the person is waiting for, and the server answers the page's
#: scripts and kernel messages late. Traced on 2 cores: the page's first kernel reply
#: came 240 ms after its request instead of 2 ms. A page opened within these seconds
#: waits for the next kernel to be prepared, as one opened within the 1 s did.
REFILL_DELAY = 3.0

#: A pool of one kernel that has already run the dashboard: the first page shows about
#: twice as fast (benchmarks/bench_dashboard.py), and the pool refills once that page
#: has loaded (``REFILL_DELAY``). Progressive rendering, which a preheated kernel
#: excludes, stays off. The dashboard does read ``?theme=``
#: (:func:`interview_kit.ui.app.page_theme`): Voila hands a pooled kernel only to a
#: page of the pooled (default, light) theme, and a dark page gets a fresh kernel.
PREHEAT_FLAGS = (
    "--preheat_kernel=True",
    "--pool_size=1",
    f"--VoilaKernelManager.fill_delay={REFILL_DELAY}",
)

#: Jupyter servers read their token from here: kept off the command line, which any
#: local user can list with ``ps``.
TOKEN_ENV = "JUPYTER_TOKEN"
#: The folder of the kit's own ``voila.json``: the Host check's settings, which
#: :func:`owner_only_flags` makes Voila read before any other config file.
OWNER_ONLY_CONFIG = Path(__file__).resolve().parents[1] / "data"
#: The kernel websocket Voila uses: v1 protocol only, no delay, bounded unread output
#: (see there).
KERNEL_SOCKET = "interview_kit.cli.kernel_socket.V1OnlyConnection"
#: JupyterLab's (and the hub's single-user servers'): no delay and bounded unread
#: output; the legacy protocol stays, which Jupyter Server's own handler reads correctly.
TUNED_KERNEL_SOCKET = "interview_kit.cli.kernel_socket.TunedConnection"
#: The module that runs the dashboard's server: Voila with every route behind the
#: token, a masked log and capped kernels.
VOILA_SERVER = "interview_kit.cli.voila_server"


def new_token() -> str:
    """A fresh random token for one launch (256 bits, URL-safe)."""
    import secrets

    return secrets.token_urlsafe(32)


def owner_only_flags() -> tuple[str, ...]:
    """Voila flags that make the server answer only whoever holds this launch's token.

    * ``auto_token``: Voila asks for a token (``$JUPYTER_TOKEN``, set by the launcher;
      a random one if unset) instead of none. The kit's server
      (:mod:`interview_kit.cli.voila_server`) puts every route behind it: the first
      visit with ``?token=`` sets a login cookie and is redirected to the clean URL;
      a request with neither is refused in words.
    * ``allow_remote_access=False``: Jupyter Server's ``Host`` check (Voila sets it to
      True): only 127.0.0.1, ::1 and ``localhost`` are answered, anything else is 403.
      With the ``Host`` check on, the websocket ``Origin`` check (Origin must match
      Host) refuses every page but the dashboard's own.
    * the kernel websocket refuses the legacy protocol, sends each message at once and
      caps what a client leaves unread (:mod:`interview_kit.cli.kernel_socket`).
    """
    from jupyter_core.paths import jupyter_config_path

    # The typed tornado settings come from the kit's own voila.json, searched first
    # (a command line can only give a dict's values as strings, and "False" is true),
    # then Voila's usual places: the notebooks folder and Jupyter's config path.
    paths = (str(OWNER_ONLY_CONFIG), str(notebooks_folder()), *jupyter_config_path())
    return (
        "--Voila.auto_token=True",
        *(f"--Voila.config_file_paths={path}" for path in paths),
        f"--Voila.kernel_websocket_connection_class={KERNEL_SOCKET}",
    )


def server_env(token: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A server's environment with this launch's token: never on its command line,
    which ``ps`` shows to every local user."""
    return {**os.environ, **(extra or {}), TOKEN_ENV: token}


def with_token(url: str, token: str) -> str:
    """``url`` carrying ``token`` in its query string (what a person opens)."""
    return f"{url}{'&' if '?' in url else '?'}token={token}"


def page_url(url: str, path: str = "", **query: str) -> str:
    """A page under a server URL from :func:`start_voila`, keeping its token:
    ``page_url(url, theme="dark")``, ``page_url(url, "voila/render/x.ipynb")``."""
    from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

    parts = urlsplit(url)
    merged = {**dict(parse_qsl(parts.query)), **query}
    return urljoin(parts._replace(query="").geturl(), path) + (
        f"?{urlencode(merged)}" if merged else ""
    )


def register(sub: argparse._SubParsersAction) -> None:
    for name, default, help_text in (
        ("dashboard", DEFAULT_PORT, "start the Voila dashboard on 127.0.0.1"),
        ("lab", LAB_PORT, "open the workbook in JupyterLab on 127.0.0.1"),
    ):
        p = sub.add_parser(name, help=help_text, description=help_text.capitalize() + ".")
        p.add_argument(
            "--port",
            type=port_number,
            default=default,
            help=f"preferred port (default {default}; a free one is used if taken)",
        )
        p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
        if name == "lab":
            p.add_argument(
                "--folder",
                type=Path,
                default=None,
                help="the folder for your own copy of the workbook (default: "
                f"{LAB_FOLDER_NAME} in your documents folder); an existing "
                "copy there is opened, and replaced only if you say so",
            )
        if name == "dashboard":
            p.add_argument(
                "--journal",
                metavar="PATH",
                help="the journal file the dashboard reads and saves to (default: "
                "$INTERVIEW_KIT_JOURNAL, else your user data folder)",
            )
            p.add_argument(
                "--no-preheat",
                action="store_true",
                help="start each page's kernel on demand (slower first page, "
                "no spare kernel waiting)",
            )
            p.add_argument(
                "--today",
                metavar="DATE",
                help="read every interview as on this day, YYYY-MM-DD (default: "
                "the real date): what the page will say later",
            )
        p.set_defaults(handler=_dashboard if name == "dashboard" else _lab)


def free_port(preferred: int = 0, host: str = HOST) -> int:
    """``preferred`` if nothing listens there, else a free port the OS picks."""
    import socket

    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError(f"no free port on {host}")


def voila_command(target: str | Path, port: int, *extra: str) -> list[str]:
    """The command line that serves ``target`` (a notebook, or a folder of them).

    ``sys.executable -m interview_kit.cli.voila_server``: Voila behind the kit's gate
    (:mod:`interview_kit.cli.voila_server`); the server, and through it the default
    ``python3`` kernel, run in this environment, where the kit is installed.
    """
    return [
        sys.executable,
        "-m",
        VOILA_SERVER,
        str(target),
        f"--port={port}",
        "--Voila.port_retries=0",
        *VOILA_FLAGS,
        *owner_only_flags(),
        *extra,
    ]


def wait_until_up(url: str, process: subprocess.Popen | None = None, timeout: float = 60.0) -> None:
    """Return once ``url`` answers over HTTP; raise if the server dies or never answers."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode} before answering")
        try:
            # A HEAD on the static folder answers without executing a notebook.
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # the server answered (even a 404 means it is up)
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no answer from {url} within {timeout:.0f} s")


def start_voila(
    target: str | Path | None = None,
    port: int | None = None,
    *extra: str,
    log: Path | None = None,
    timeout: float = 60.0,
    env: Mapping[str, str] | None = None,
) -> tuple[subprocess.Popen, str]:
    """Start Voila on 127.0.0.1 and wait until it answers: ``(process, URL)``.

    The URL is the server's root with this launch's token (``/?token=...``): opened, it
    sets the login cookie and redirects to the root without the token, and the cookie
    serves every later request.
    ``target`` defaults to the dashboard.
    ``port=None`` takes a free port; a taken ``port`` falls back to a free one.
    The caller stops the process (``terminate()`` then ``wait()``). Server output
    goes to ``log`` (or is discarded) so a chatty server never blocks on a pipe.
    ``env`` adds to (or overrides) this process's environment for the server,
    e.g. ``{"INTERVIEW_KIT_JOURNAL": path}`` so a test never opens the real journal.
    """
    import subprocess

    chosen = free_port(port or 0)
    token = new_token()
    out = open(log, "wb") if log is not None else subprocess.DEVNULL
    try:
        process = subprocess.Popen(
            voila_command(
                Path(target or _notebook(DASHBOARD_NAME)).resolve(), chosen, "--no-browser", *extra
            ),
            cwd=notebooks_folder(),
            stdout=out,
            stderr=subprocess.STDOUT,
            env=server_env(token, env),
        )
    finally:
        if log is not None and not isinstance(out, int):
            out.close()
    root = f"http://{HOST}:{chosen}/"
    try:
        wait_until_up(root + "voila/static/", process, timeout)
    except BaseException:
        stop(process)
        raise
    return process, with_token(root, token)


def stop(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Terminate a server started here (and its kernels, which Voila shuts down)."""
    import subprocess

    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _run(command: list[str], folder: Path, token: str) -> int:
    """Become the server (``exec``) in ``folder``: Ctrl+C and ``kill`` reach it directly,
    no orphan left. The token goes to the server through its environment, never its
    command line."""
    sys.stdout.flush()
    os.chdir(folder)  # Voila reads voila.json from here
    os.execve(command[0], command, server_env(token))
    return 1  # not reached


def open_when_up(url: str, probe: str) -> None:
    """Open ``url`` in the user's browser once ``probe`` answers, from a detached
    process (:mod:`.opener`: no ``fork``, so Windows too), while the launcher execs
    the server."""
    from .opener import spawn

    spawn(url, probe)


def journal_env(path: str) -> dict[str, str]:
    """The environment that makes the served kernel use the journal at ``path``.

    The kernel starts in the notebooks folder, so a relative path is made absolute
    here, against the folder the command was typed in. A path that names a folder
    is refused (one line naming ``--journal``); a missing file is created on the
    first save, as for the default journal.
    """
    from ..core.errors import InputError
    from ..journal.schema import ENV_VAR, expand_path

    target = Path(os.path.abspath(expand_path(path, "--journal")))
    if not path.strip() or target.is_dir():
        raise InputError("--journal", path, "must name a journal file, not a folder")
    return {ENV_VAR: str(target)}


def _dashboard(args: argparse.Namespace) -> int:
    journal = journal_env(args.journal) if args.journal is not None else {}
    os.environ.update(journal)  # the served kernels inherit it (checked before starting)
    os.environ.update(today_env(args.today))
    _notebook(DASHBOARD_NAME)  # a broken installation says so before any URL is printed
    port = free_port(args.port)
    token = new_token()
    root = f"http://{HOST}:{port}/"
    note = "" if port == args.port or args.port == 0 else f" (port {args.port} is taken)"
    print(
        f"interview_kit dashboard: {with_token(root, token)}{note}  (Ctrl+C stops it)", flush=True
    )
    for path in journal.values():
        print(f"interview_kit journal: {path}", flush=True)
    if not args.no_browser:
        open_when_up(with_token(root, token), root + "voila/static/")
    extra = [*([] if args.no_preheat else PREHEAT_FLAGS), "--no-browser"]
    return _run(voila_command(_notebook(DASHBOARD_NAME), port, *extra), notebooks_folder(), token)


def today_env(value: str | None) -> dict[str, str]:
    """The day the served kernels read as today: ``--today``, else an
    ``INTERVIEW_KIT_TODAY`` already set (checked here, in one line, not in every page)."""
    if value is not None:
        return {clock.TODAY_ENV: today_option(value).isoformat()}
    named = os.environ.get(clock.TODAY_ENV, "").strip()
    if named:
        try:
            clock.env_today(named)
        except ValueError as error:
            raise InputError(clock.TODAY_ENV, named, "must be a date like 2026-11-20") from error
    return {}


def default_lab_folder() -> Path:
    """Where ``lab`` keeps the user's copy of the workbook: under their documents folder."""
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / LAB_FOLDER_NAME


def place_workbook(source: Path, folder: Path, confirm: Callable[[str], bool]) -> tuple[Path, str]:
    """Put a copy of the workbook ``source`` in ``folder``: ``(the copy, what was done)``.

    A copy already there is the user's work: it is replaced only when it differs
    and ``confirm(question)`` says yes; otherwise it is opened as it is. ``folder``
    may be the source's own folder (``./dev lab`` works on the repository's notebook).
    """
    import shutil

    target = folder / source.name
    try:
        if target.exists() and target.samefile(source):
            return target, f"opening {target}"
        if target.exists() and not target.is_file():
            raise InputError(
                "--folder",
                str(target),
                "something other than a file is in the way of the workbook's copy",
            )
        if target.is_file():
            if target.read_bytes() == source.read_bytes():
                return target, f"opening your copy {target} (the same as this version's)"
            question = (
                f"Your copy of the workbook at {target} differs from this "
                "version's. Replace it (your changes there are lost)?"
            )
            if not confirm(question):
                return target, (f"kept your copy {target}; this version's workbook is {source}")
            shutil.copyfile(source, target)
            return target, f"replaced your copy {target} with this version's workbook"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    except OSError as error:
        raise InputError(
            "--folder", str(folder), f"cannot copy the workbook there ({error.strerror or error})"
        ) from None
    return target, f"copied the workbook to {target}"


def _ask(question: str) -> bool:
    """Yes only when a person at a terminal types it; no terminal means no."""
    if not sys.stdin.isatty():
        return False
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _lab(args: argparse.Namespace) -> int:
    import importlib.util

    folder = (args.folder or default_lab_folder()).expanduser().resolve()
    workbook, done = place_workbook(_notebook(WORKBOOK_NAME), folder, _ask)
    print(f"interview_kit workbook: {done}", flush=True)
    if importlib.util.find_spec("pandas") is None:
        print(
            "interview_kit workbook: its journal table needs pandas: "
            + extra_hint("workbook", "pandas"),
            flush=True,
        )
    port = free_port(args.port)
    token = new_token()
    url = with_token(f"http://{HOST}:{port}/lab/tree/{workbook.name}", token)
    print(f"interview_kit workbook: JupyterLab on {url}  (Ctrl+C stops it)", flush=True)
    return _run(lab_command(workbook, port, no_browser=args.no_browser), folder, token)


def lab_command(workbook: Path, port: int, no_browser: bool = False) -> list[str]:
    """JupyterLab on ``workbook``: it keeps Jupyter Server's defaults (a token, given
    in the environment, and the Host check), bound to 127.0.0.1, with the kit's tuned
    kernel websocket (:class:`~interview_kit.cli.kernel_socket.TunedConnection`)."""
    # Containers and throwaway VMs often run as root, which Jupyter refuses by default.
    root = ["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        workbook.name,
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={workbook.parent}",
        "--ServerApp.allow_remote_access=False",
        f"--ServerApp.kernel_websocket_connection_class={TUNED_KERNEL_SOCKET}",
        *root,
        *(["--no-browser"] if no_browser else []),
    ]
