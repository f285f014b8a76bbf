"""Memory per active user on the hub, against a bare reference in the same run (by hand).

    .venv/bin/python benchmarks/bench_memory.py [--launches 3] [--no-imports]

(``--launches 0``: the import costs only.)

Each set-up is launched ``--launches`` times; the figures are medians, in MB:

- **bare**: a bare ``jupyter server`` (every server extension off) and a bare
  ``ipykernel`` that has run nothing: the floor any Jupyter dashboard stands on;
- **stock**: the hub recipe (``deploy/jupyterhub/try_locally.py``) with the stock
  commands, ``jupyterhub-singleuser`` and ``python -m ipykernel_launcher``, the
  dashboard's extensions only (as before the kit's own commands);
- **kit**: the hub recipe as shipped (``interview_kit.cli.hub_server``, the kernel spec
  in ``deploy/jupyterhub/jupyter-data`` running ``interview_kit.cli.dashboard_kernel``,
  ``MALLOC_ARENA_MAX=2``).

For the hub set-ups one user's server is started through the hub's REST API and the
dashboard is fetched once (Voila runs it in a kernel); memory is read
:data:`SETTLE` seconds later. The browser smoke test (``tests/test_hub.py``, which
also types and saves an interview) is the figure the docs quote: a few MB above this.

RSS is the figure per user (what a pod's memory limit counts). PSS and USS are shown
beside it: PSS splits the libraries the server and kernel share (libpython, libcrypto,
...) between them, USS is what ending the process gives back. Then, unless
``--no-imports``, what each import costs, one step at a time, in a fresh interpreter.
Nothing here is asserted: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

from interview_kit.cli.launch import free_port, stop

ROOT = Path(__file__).resolve().parent.parent
HUB = ROOT / "deploy" / "jupyterhub"
PROXY = ROOT / ".cache" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
BIN = Path(sys.executable).parent
#: Seconds between the dashboard's page and the reading (the kit's servers hand freed
#: memory back every 5 s).
SETTLE = 8.0
USER = "alice"
NO_EXTENSIONS = (
    "{'jupyterlab': False, 'voila.server_extension': False, 'jupyter_lsp': False, "
    "'notebook_shim': False, 'jupyter_server_terminals': False}"
)

#: The bench's hub: the recipe, a service token to drive it, and the stock commands
#: when STOCK is set.
HUB_CONFIG = """
import os
load_subconfig({recipe!r})
c = get_config()
c.JupyterHub.services = [{{"name": "bench", "api_token": os.environ["BENCH_TOKEN"]}}]
c.JupyterHub.load_roles = [{{"name": "bench", "services": ["bench"],
                            "scopes": ["admin:users", "admin:servers", "access:servers"]}}]
if os.environ.get("BENCH_STOCK"):
    c.Spawner.cmd = ["jupyterhub-singleuser"]
    c.Spawner.environment = {{"JUPYTER_CONFIG_PATH": os.environ["BENCH_STOCK"]}}
"""


def memory(pid: int) -> dict[str, float]:
    """RSS, PSS and USS of one process, in MB."""
    info = psutil.Process(pid).memory_full_info()
    return {"rss": info.rss / 2**20, "pss": info.pss / 2**20, "uss": info.uss / 2**20}


def _request(url: str, token: str, method: str = "GET", timeout: float = 180) -> bytes:
    request = urllib.request.Request(
        url, method=method, headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def _wait(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{what} took over {timeout:.0f} s")


def _stock_config(folder: Path) -> Path:
    """The recipe's jupyter-config without the kit's own server extension."""
    target = folder / "stock-config"
    shutil.copytree(HUB / "jupyter-config", target)
    py = target / "jupyter_server_config.py"
    py.write_text(
        "\n".join(
            line
            for line in py.read_text().splitlines()
            if "interview_kit.cli.hub_server" not in line
        )
        + "\n"
    )
    return target


def hub_user(stock: bool) -> dict[str, dict[str, float]]:
    """One launch of the hub: a user's server and dashboard kernel, read once."""
    with tempfile.TemporaryDirectory(prefix="ik-bench-hub-") as tmp:
        folder = Path(tmp)
        token = secrets.token_hex(16)
        config = folder / "bench_hub_config.py"
        config.write_text(HUB_CONFIG.format(recipe=str(HUB / "try_locally.py")))
        port = free_port()
        env = {
            "PATH": os.pathsep.join([str(BIN), str(PROXY.parent), os.environ.get("PATH", "")]),
            "LANG": "C.UTF-8",
            "IK_HUB_DIR": str(folder / "state"),
            "IK_HUB_USERS": USER,
            "IK_HUB_PORT": str(port),
            "IK_HUB_API_PORT": str(free_port()),
            "IK_HUB_PROXY_PORT": str(free_port()),
            "BENCH_TOKEN": token,
        }
        if stock:
            env["BENCH_STOCK"] = str(_stock_config(folder))
        url = f"http://127.0.0.1:{port}"
        with open(folder / "hub.log", "wb") as log:
            hub = subprocess.Popen(
                [BIN / "jupyterhub", "-f", config],
                cwd=folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            try:
                _wait(lambda: _request(f"{url}/hub/api/", token), 120, "the hub's start")
                _request(f"{url}/hub/api/users/{USER}/server", token, method="POST")
                _wait(
                    lambda: (
                        json.loads(_request(f"{url}/hub/api/users/{USER}", token))["servers"]
                        .get("", {})
                        .get("ready")
                    ),
                    180,
                    "the user's server",
                )
                _request(f"{url}/user/{USER}/voila/render/dashboard.ipynb", token)
                time.sleep(SETTLE)
                found: dict[str, dict[str, float]] = {}
                for proc in psutil.Process(hub.pid).children(recursive=True):
                    command = " ".join(proc.cmdline())
                    if "hub_server" in command or "jupyterhub-singleuser" in command:
                        found["server"] = memory(proc.pid)
                    elif "dashboard_kernel" in command or "ipykernel" in command:
                        found["kernel"] = memory(proc.pid)
                if set(found) != {"server", "kernel"}:
                    raise RuntimeError(f"no server or no kernel: see {folder / 'hub.log'}")
                return found
            finally:
                stop(hub, timeout=60)


def bare() -> dict[str, dict[str, float]]:
    """A bare jupyter_server and a bare ipykernel that has run nothing."""
    from jupyter_client.manager import start_new_kernel

    with tempfile.TemporaryDirectory(prefix="ik-bench-bare-") as tmp:
        port = free_port()
        server = subprocess.Popen(
            [
                BIN / "jupyter",
                "server",
                "--allow-root",
                "--no-browser",
                f"--port={port}",
                "--IdentityProvider.token=bench",
                f"--ServerApp.root_dir={tmp}",
                f"--ServerApp.jpserver_extensions={NO_EXTENSIONS}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        try:
            _wait(
                lambda: _request(f"http://127.0.0.1:{port}/api/status", "bench"),
                60,
                "the bare server's start",
            )
            manager, client = start_new_kernel(kernel_name="python3")
            try:
                client.execute_interactive("pass", timeout=60)
                time.sleep(SETTLE)
                return {
                    "server": memory(server.pid),
                    "kernel": memory(manager.provisioner.process.pid),
                }  # type: ignore[union-attr]
            finally:
                client.stop_channels()
                manager.shutdown_kernel(now=True)
        finally:
            stop(server, timeout=30)


#: Import steps, each measured after the ones before it (a fresh interpreter).
KERNEL_STEPS = (
    "ipykernel.kernelapp",
    "debugpy.server.api",
    "numpy",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "PIL.Image",
    "ipywidgets",
    "anywidget",
    "interview_kit.ui.app",
)
SERVER_STEPS = (
    "tornado.web",
    "zmq",
    "jupyter_client",
    "rfc3987_syntax",
    "jsonschema",
    "jupyter_server.serverapp",
    "sqlalchemy",
    "alembic",
    "aiohttp",
    "jupyterhub.orm",
    "jupyterhub.singleuser",
    "voila.app",
    "nbconvert.exporters.html",
    "interview_kit.cli.voila_server",
)
STEP_SCRIPT = """
import importlib, sys
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20
last = rss()
print(f"{'(interpreter)':40s} {last:6.1f}")
for name in sys.argv[1:]:
    importlib.import_module(name)
    now = rss()
    print(f"{name:40s} {now - last:+6.1f}  ({now:.1f})")
    last = now
"""


def import_steps(steps: tuple[str, ...]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", STEP_SCRIPT, *steps], capture_output=True, text=True, check=False
    )
    return result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=3)
    parser.add_argument("--no-imports", action="store_true")
    args = parser.parse_args(argv)
    if not PROXY.exists():
        print(f"{PROXY} missing: ./dev test installs configurable-http-proxy", file=sys.stderr)
        return 1

    runs: dict[str, list[dict[str, dict[str, float]]]] = {"bare": [], "stock": [], "kit": []}
    for _ in range(args.launches):  # interleaved: the machine's load hits all alike
        runs["bare"].append(bare())
        runs["stock"].append(hub_user(stock=True))
        runs["kit"].append(hub_user(stock=False))

    if args.launches:
        print_table(runs, args.launches)
    if not args.no_imports:
        print("\nwhat the kernel's imports cost (RSS, MB, each after the ones above):")
        print(import_steps(KERNEL_STEPS), end="")
        print("\nwhat the server's imports cost (RSS, MB, each after the ones above):")
        print(import_steps(SERVER_STEPS), end="")
    return 0


def print_table(runs: dict[str, list[dict[str, dict[str, float]]]], launches: int) -> None:
    print(
        f"memory per active user, MB (medians of {launches} launches; "
        f"read {SETTLE:.0f} s after the page)"
    )
    print(
        f"{'set-up':8s} {'server RSS':>11s} {'kernel RSS':>11s} {'total RSS':>10s}"
        f" {'total PSS':>10s} {'total USS':>10s}"
    )
    for name, found in runs.items():
        med = {
            (p, m): statistics.median(run[p][m] for run in found)
            for p in ("server", "kernel")
            for m in ("rss", "pss", "uss")
        }
        print(
            f"{name:8s} {med['server', 'rss']:11.1f} {med['kernel', 'rss']:11.1f} "
            f"{med['server', 'rss'] + med['kernel', 'rss']:10.1f} "
            f"{med['server', 'pss'] + med['kernel', 'pss']:10.1f} "
            f"{med['server', 'uss'] + med['kernel', 'uss']:10.1f}"
        )


if __name__ == "__main__":
    sys.exit(main())
