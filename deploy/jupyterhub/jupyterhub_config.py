"""JupyterHub for interview_kit: every user lands on the dashboard, with a private journal.

Each user gets a single-user Jupyter server of their own (started by the spawner as
that user); Voila runs inside it as a server extension, so the dashboard is served at
``/user/<name>/voila/render/dashboard.ipynb`` behind the hub's login. The journal is
the kit's default one, in the user's home (``~/.local/share/interview_kit/``, folder
0700, file 0600), so no user can read another's; the hub refuses (403) a user who
opens someone else's server.

This file assumes the hub and the users' servers share one Python environment with
interview_kit installed (``pip install 'interview-signs-kit[hub]'``: the index's
``interview-kit`` is another project) and
``configurable-http-proxy`` on PATH (``npm install -g configurable-http-proxy``).
Run it as root with real system users (the default LocalProcessSpawner and PAM
login); ``try_locally.py`` beside it layers a throwaway test set-up on top.
See docs/jupyterhub.md for the limits an admin must know.
"""

import sys
from pathlib import Path

from interview_kit.cli.launch import notebooks_folder

c = get_config()  # noqa: F821 (JupyterHub's config loader provides it)

HERE = Path(__file__).resolve().parent

# The single-user server's root is the installed notebooks folder (read-only for users),
# and the page a user lands on is the dashboard, rendered by Voila's server extension.
c.Spawner.notebook_dir = str(notebooks_folder())
c.Spawner.default_url = "/voila/render/dashboard.ipynb"
# Voila's settings for the dashboard (sources stripped, tracebacks hidden, idle kernels
# culled) and the kit's kernel websocket (each message sent at once, unread output
# capped: interview_kit.cli.kernel_socket), read by every user's server from this folder.
c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": str(HERE / "jupyter-config"),
    "JUPYTER_PATH": str(HERE / "jupyter-data"),
    "MALLOC_ARENA_MAX": "2",
}
# Memory per user (docs/jupyterhub.md): jupyterhub-singleuser and ipykernel as they are,
# minus modules the dashboard never uses (interview_kit.cli.hub_server, and the kernel
# spec in jupyter-data/, which runs interview_kit.cli.dashboard_kernel).
c.Spawner.cmd = [sys.executable, "-m", "interview_kit.cli.hub_server"]
# Never pass the hub's own INTERVIEW_KIT_JOURNAL (or any other variable) to users:
# only the spawner's usual short list crosses over (PATH, LANG, ...).

# Memory (resident, measured by the smoke test): about 125 MB per running server plus
# about 105 MB per open dashboard, about 230 MB for a person with one tab open.
# LocalProcessSpawner cannot enforce a limit; systemdspawner, DockerSpawner and
# KubeSpawner do (see values.yaml for Kubernetes).
c.Spawner.mem_guarantee = "300M"
c.Spawner.mem_limit = "600M"

c.JupyterHub.ip = "127.0.0.1"  # put a TLS-terminating reverse proxy in front of it
