"""A throwaway two-user hub on this machine, for trying the recipe (and for the tests).

    IK_HUB_DIR=/tmp/ik-hub jupyterhub -f deploy/jupyterhub/try_locally.py

Any listed user name logs in with the password ``IK_HUB_PASSWORD`` (default
``try-it``); each gets a home folder under ``$IK_HUB_DIR/home/<name>``.

FOR TRYING ONLY: THIS SET-UP DOES NOT ISOLATE USERS. SimpleLocalProcessSpawner runs
every user's server as the same system user (the one running the hub), so any user's
kernel can read and change every other user's journal; the DummyAuthenticator lets
anyone who knows the one shared password in. For real people use jupyterhub_config.py
(each person a system user of their own) or values.yaml (a pod and a volume each).
"""

import os
import sys
from pathlib import Path

print(
    "try_locally.py: FOR TRYING ONLY. Users are NOT isolated from each other: every "
    "server runs as the same system user and can read every journal.",
    file=sys.stderr,
)

load_subconfig(str(Path(__file__).with_name("jupyterhub_config.py")))  # noqa: F821

c = get_config()  # noqa: F821

state = Path(os.environ.get("IK_HUB_DIR", "/tmp/interview_kit_hub")).resolve()
state.mkdir(parents=True, exist_ok=True)

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("IK_HUB_PASSWORD", "try-it")
c.Authenticator.allowed_users = set(os.environ.get("IK_HUB_USERS", "alice bob").split())
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")

c.JupyterHub.port = int(os.environ.get("IK_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("IK_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('IK_HUB_PROXY_PORT', '8001')}"
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
if os.geteuid() == 0:  # containers and throwaway VMs often run as root
    c.Spawner.args = ["--allow-root"]
