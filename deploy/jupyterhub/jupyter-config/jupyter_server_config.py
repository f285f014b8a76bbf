"""What ``jupyter_server_config.json`` beside this file cannot say: a Python value.

Voila's page typesets math in everything it shows, a user's own words included (a
company named ``\\(\\href{...}{x}\\)`` became a link to another site, issue 22). The
page-config hook names no MathJax, so the dashboard's page has no typesetter: the
same hook as ``interview-kit dashboard``'s server (:mod:`interview_kit.cli.voila_server`).
Read by each user's server from this folder (``JUPYTER_CONFIG_PATH``), or from
``/etc/interview_kit/jupyter/`` in the image (``Dockerfile``, ``JUPYTER_CONFIG_PATH``).

And the dashboard only: the server extensions the dashboard does not use (JupyterLab,
its language server, the classic-notebook shim, terminals) stay off, which keeps code
editors and shells away from users and saves memory per user. Lab is an admin's opt-in:
``INTERVIEW_KIT_HUB_LAB=1`` in a user's environment (a KubeSpawner profile) turns
JupyterLab back on for them, terminals still off. (Set here, not in the JSON: in one
folder the JSON is read after this file and would win.) The kit's own extension,
:mod:`interview_kit.cli.hub_server`, hands the memory a page's rendering freed back to
the system.
"""

import os

from interview_kit.cli.voila_server import no_typesetting

c = get_config()  # noqa: F821 (Jupyter's config loader provides it)
c.VoilaConfiguration.page_config_hook = no_typesetting()

c.ServerApp.jpserver_extensions = {
    "voila.server_extension": True,
    "interview_kit.cli.hub_server": True,  # hands freed memory back (see there)
    "jupyterlab": os.environ.get("INTERVIEW_KIT_HUB_LAB") == "1",
    "jupyter_lsp": False,
    "notebook_shim": False,
    "jupyter_server_terminals": False,
}
c.ServerApp.terminals_enabled = False
