"""The JupyterHub recipe, tried for real on 127.0.0.1: two users, two servers, two journals.

``deploy/jupyterhub/try_locally.py`` (DummyAuthenticator, SimpleLocalProcessSpawner)
on top of ``jupyterhub_config.py``, with configurable-http-proxy from npm. Each user
logs in through the hub's own page in Chromium, lands on the dashboard, saves an
interview; each journal on disk holds only its owner's interview (0600, in their
home); one user opening the other's server gets 403. Memory per user is written to
``test-output/hub-memory.txt`` (a figure for the admin guide, not an assertion), read
while both users' pages are open.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from conftest import LOAD_TIMEOUT_MS, commit_text

from interview_kit.cli.launch import TUNED_KERNEL_SOCKET, free_port, stop

pytestmark = [pytest.mark.hub, pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
RECIPE = ROOT / "deploy" / "jupyterhub" / "try_locally.py"
PROXY = ROOT / ".cache" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "smoke-test-password"
USERS = ("alice", "bob")
#: Starting a user's server and its dashboard kernel on a busy 2-core machine.
SPAWN_TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def hub(tmp_path_factory, output_dir) -> Iterator[tuple[str, Path, int]]:
    """A running hub: ``(its URL, its state folder, its pid)``; stopped with every
    user's server."""
    jupyterhub = Path(sys.executable).with_name("jupyterhub")
    if not jupyterhub.exists():
        pytest.fail(
            "jupyterhub is not installed: ./dev test installs it (the hub extra)", pytrace=False
        )
    if not PROXY.exists():
        pytest.fail(f"{PROXY} missing: ./dev test installs configurable-http-proxy", pytrace=False)
    state = tmp_path_factory.mktemp("hub")
    port = free_port()
    env = {
        "PATH": os.pathsep.join(
            [str(jupyterhub.parent), str(PROXY.parent), os.environ.get("PATH", "")]
        ),
        "LANG": "C.UTF-8",
        "IK_HUB_DIR": str(state),
        "IK_HUB_PASSWORD": PASSWORD,
        "IK_HUB_USERS": " ".join(USERS),
        "IK_HUB_PORT": str(port),
        "IK_HUB_API_PORT": str(free_port()),
        "IK_HUB_PROXY_PORT": str(free_port()),
        # A journal set for the hub must never reach the users' servers.
        "INTERVIEW_KIT_JOURNAL": str(state / "hub-level-journal.sqlite3"),
    }
    log = open(output_dir / "jupyterhub.log", "wb")
    process = subprocess.Popen(
        [jupyterhub, "-f", RECIPE],
        cwd=state,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_hub(f"{url}/hub/api/", process)
        yield url, state, process.pid
    finally:
        stop(process, timeout=60)
        log.close()


def _wait_for_hub(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Until the hub itself answers through the proxy: the proxy alone answers 404
    until the hub has registered its route, so any answer is not yet enough."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the hub exited (see test-output/jupyterhub.log)"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, or an HTTP error from the proxy
            pass
        time.sleep(0.5)
    raise TimeoutError(f"the hub did not answer {url} within {timeout:.0f} s")


def _memory_report(pid: int, path: Path) -> None:
    """Resident memory of every single-user server and kernel the hub started."""
    lines = []
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return
    for proc in children:
        try:
            command = " ".join(proc.cmdline())
            kind = (
                "single-user server"
                if _is_server(command)
                else "kernel"
                if _is_kernel(command)
                else "proxy"
                if "configurable-http-proxy" in command
                else "other"
            )
            lines.append(f"{proc.memory_info().rss / 2**20:7.1f} MB  {kind}  pid {proc.pid}")
        except psutil.Error:
            continue
    summary = _per_user(children)
    path.write_text(
        "\n".join(sorted(lines, key=lambda line: line.split("  ")[1])) + f"\n{summary}\n"
    )
    print(f"\nhub memory: {summary}")  # the admin guide's figure (pytest -s shows it)


def _is_server(command: str) -> bool:
    return "jupyterhub-singleuser" in command or "interview_kit.cli.hub_server" in command


def _is_kernel(command: str) -> bool:
    return "ipykernel" in command or "interview_kit.cli.dashboard_kernel" in command


def _per_user(processes: list) -> str:
    """Memory per active user: their server and their one dashboard kernel, averaged."""
    servers, kernels = [], []
    for proc in processes:
        try:
            command = " ".join(proc.cmdline())
            rss = proc.memory_info().rss / 2**20
        except psutil.Error:
            continue
        if _is_server(command):
            servers.append(rss)
        elif _is_kernel(command):
            kernels.append(rss)
    if not servers:
        return "no user server was running"
    server, kernel = sum(servers) / len(servers), sum(kernels) / max(len(kernels), 1)
    return (
        f"{server + kernel:.0f} MB per active user (server {server:.0f} MB + dashboard "
        f"kernel {kernel:.0f} MB; {len(servers)} servers, {len(kernels)} kernels)"
    )


def _journal(state: Path, user: str) -> Path:
    return state / "home" / user / ".local" / "share" / "interview_kit" / "journal.sqlite3"


def _log_in_and_save(page, url: str, user: str, company: str) -> None:
    page.goto(f"{url}/hub/login", timeout=LOAD_TIMEOUT_MS)
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    # The hub spawns the server, then sends the user to its default URL: the dashboard.
    page.wait_for_selector(".ik-form", state="visible", timeout=SPAWN_TIMEOUT_MS)
    assert f"/user/{user}/voila/render/dashboard.ipynb" in page.url
    content = page.content()
    assert "page_theme" not in content and "Traceback" not in content  # sources stripped
    commit_text(page, ".ik-company input", company)
    page.select_option(".ik-signal-engagement select", index=5)
    page.locator("button.ik-save").click()
    page.wait_for_function(
        "() => document.querySelector('.ik-saved-status').innerText.includes('revision 1')",
        timeout=LOAD_TIMEOUT_MS,
    )


def _companies(path: Path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [row[0] for row in db.execute("SELECT company FROM interviews")]


#: Seconds the memory report waits after the users' last actions: the users' servers
#: and kernels hand freed memory back every 5 s (interview_kit.cli.hub_server), so
#: this is what they hold between a person's actions.
SETTLE = 6


def test_two_users_each_get_the_dashboard_and_a_journal_of_their_own(hub, chromium, output_dir):
    url, state, hub_pid = hub
    contexts = {user: chromium.new_context() for user in USERS}
    try:
        pages = {user: contexts[user].new_page() for user in USERS}
        for user in USERS:
            _log_in_and_save(pages[user], url, user, f"{user.title()} Ltd")

        for user in USERS:
            journal = _journal(state, user)
            assert _companies(journal) == [f"{user.title()} Ltd"]
            assert stat.S_IMODE(journal.stat().st_mode) == 0o600
            assert stat.S_IMODE(journal.parent.stat().st_mode) == 0o700
        assert not (state / "hub-level-journal.sqlite3").exists()

        # Memory per active user: both dashboards open, each with its kernel.
        import time

        time.sleep(SETTLE)
        _memory_report(hub_pid, output_dir / "hub-memory.txt")

        # Alice, logged in, opens Bob's server: the hub refuses her.
        response = pages["alice"].goto(f"{url}/user/bob/api/status", timeout=LOAD_TIMEOUT_MS)
        assert response is not None and response.status == 403
        response = pages["alice"].goto(
            f"{url}/user/bob/voila/render/dashboard.ipynb", timeout=LOAD_TIMEOUT_MS
        )
        assert response is not None and response.status == 403
        assert pages["alice"].locator(".ik-form").count() == 0

        # Her own server serves the dashboard only: no terminal, no JupyterLab.
        for path in ("api/terminals", "terminals/1", "lab"):
            response = pages["alice"].goto(f"{url}/user/alice/{path}", timeout=LOAD_TIMEOUT_MS)
            assert response is not None and response.status == 404, (path, response.status)
    finally:
        for context in contexts.values():
            context.close()


def test_kubernetes_recipe_agrees_with_the_tested_one():
    """values.yaml and the Dockerfile are documented, not run (no container runtime
    here): they must at least say what the tested jupyterhub_config.py says."""
    import yaml

    folder = ROOT / "deploy" / "jupyterhub"
    config = (folder / "jupyterhub_config.py").read_text()
    singleuser = yaml.safe_load((folder / "values.yaml").read_text())["singleuser"]
    assert f'c.Spawner.default_url = "{singleuser["defaultUrl"]}"' in config
    dockerfile = (folder / "Dockerfile").read_text()
    assert "COPY deploy/jupyterhub/jupyter-config/ /etc/interview_kit/jupyter/" in dockerfile
    assert "ENV JUPYTER_CONFIG_PATH=/etc/interview_kit/jupyter" in dockerfile
    assert f"\n          {singleuser['notebookDir']}\n" in dockerfile
    server_config = json.loads(
        (folder / "jupyter-config" / "jupyter_server_config.json").read_text()
    )
    # The users' servers send kernel messages at once, as the launcher's servers do.
    assert server_config["ServerApp"]["kernel_websocket_connection_class"] == TUNED_KERNEL_SOCKET


def _values() -> dict:
    import yaml

    return yaml.safe_load((ROOT / "deploy" / "jupyterhub" / "values.yaml").read_text())


def test_kubernetes_users_reach_nothing_outside_the_cluster():
    policy = _values()["singleuser"]["networkPolicy"]
    assert policy["enabled"] is True
    rules = policy["egressAllowRules"]
    # the chart's default lets pods reach every public address: off, and nothing else open
    assert rules["nonPrivateIPs"] is False and rules["privateIPs"] is False
    assert rules["cloudMetadataServer"] is False and rules["dnsPortsCloudMetadataServer"] is False
    assert rules["dnsPortsKubeSystemNamespace"] or rules["dnsPortsPrivateIPs"]  # DNS only
    assert policy.get("egress", []) == []


def test_kubernetes_login_takes_its_secret_from_a_secret_and_has_a_rule():
    hub = _values()["hub"]
    for variable, key in (
        ("OAUTH_CLIENT_ID", "client-id"),
        ("OAUTH_CLIENT_SECRET", "client-secret"),
    ):
        ref = hub["extraEnv"][variable]["valueFrom"]["secretKeyRef"]
        assert ref["key"] == key and ref["name"]
    config = hub["config"]
    authenticator = config[
        {"generic-oauth": "GenericOAuthenticator"}[config["JupyterHub"]["authenticator_class"]]
    ]
    assert authenticator.get("allowed_groups") or authenticator.get("allowed_users")
    assert not authenticator.get("allow_all") and not config["Authenticator"].get("allow_all")
    assert "client_secret" not in authenticator and "client_id" not in authenticator
    assert "delete_pvc" in config["KubeSpawner"]  # said, not left to a default


def test_users_servers_serve_the_dashboard_only():
    singleuser = _values()["singleuser"]
    assert "--ServerApp.terminals_enabled=False" in singleuser["cmd"]
    assert singleuser["cmd"][:3] == ["python", "-m", SERVER_MODULE]
    assert singleuser["defaultUrl"] == "/voila/render/dashboard.ipynb"
    folder = ROOT / "deploy" / "jupyterhub" / "jupyter-config"
    server = json.loads((folder / "jupyter_server_config.json").read_text())["ServerApp"]
    assert server["terminals_enabled"] is False
    python_config = (folder / "jupyter_server_config.py").read_text()
    assert '"jupyter_server_terminals": False' in python_config
    assert '"jupyterlab": os.environ.get("INTERVIEW_KIT_HUB_LAB") == "1"' in python_config
    assert f'"{SERVER_MODULE}": True' in python_config


SERVER_MODULE = "interview_kit.cli.hub_server"
KERNEL_MODULE = "interview_kit.cli.dashboard_kernel"


def test_every_recipe_runs_the_kits_server_and_kernel():
    """The smoke-tested config, the image and the chart start the same commands (less
    memory per user: docs/jupyterhub.md), and the kernel spec is the one found."""
    from jupyter_client.kernelspec import KernelSpecManager

    folder = ROOT / "deploy" / "jupyterhub"
    config = (folder / "jupyterhub_config.py").read_text()
    assert f'c.Spawner.cmd = [sys.executable, "-m", "{SERVER_MODULE}"]' in config
    assert '"JUPYTER_PATH": str(HERE / "jupyter-data")' in config
    assert '"MALLOC_ARENA_MAX": "2"' in config
    dockerfile = (folder / "Dockerfile").read_text()
    assert f'CMD ["python", "-m", "{SERVER_MODULE}"]' in dockerfile
    assert "ENV MALLOC_ARENA_MAX=2" in dockerfile
    copied = re.search(r"^COPY deploy/jupyterhub/jupyter-data/ (\S+)$", dockerfile, re.M)
    assert copied and f"ENV JUPYTER_PATH={copied.group(1).rstrip('/')}" in dockerfile

    saved = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(folder / "jupyter-data")
    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    finally:
        if saved is None:
            del os.environ["JUPYTER_PATH"]
        else:
            os.environ["JUPYTER_PATH"] = saved
    assert spec.argv == ["python", "-m", KERNEL_MODULE, "-f", "{connection_file}"]


def test_the_kits_kernel_has_no_debugger_and_its_server_no_iri_grammar():
    code = (
        "from interview_kit.cli import dashboard_kernel, hub_server\n"
        "hub_server.skip(dashboard_kernel.SKIPPED + hub_server.SKIPPED)\n"
        "from ipykernel.debugger import _is_debugpy_available\n"
        "import jsonschema, sys\n"
        "print(_is_debugpy_available, sorted(m for m in sys.modules if sys.modules[m]\n"
        "      and m.split('.')[0] in ('debugpy', 'rfc3987_syntax', 'lark')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "[]"]


def test_the_image_is_pinned():
    dockerfile = (ROOT / "deploy" / "jupyterhub" / "Dockerfile").read_text()
    assert re.search(r"^ARG BASE_IMAGE=[\w.:/-]+@sha256:[0-9a-f]{64}$", dockerfile, re.M)
    assert "FROM ${BASE_IMAGE}" in dockerfile
    assert 'ENTRYPOINT ["/usr/bin/tini", "--"]' in dockerfile
    assert "-r /tmp/requirements.lock" in dockerfile
    lock = ROOT / "deploy" / "jupyterhub" / "requirements.lock"
    pins = [line for line in lock.read_text().splitlines() if line and not line.startswith("#")]
    assert pins and all("==" in line for line in pins), pins[:5]
    assert not [p for p in pins if p.lower().startswith(("interview-kit", "interview_kit"))]
