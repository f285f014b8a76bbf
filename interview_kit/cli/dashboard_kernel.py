"""The dashboard's kernel on the hub: ``ipykernel``, with less memory (issue 24).

The hub recipe's kernel spec (``deploy/jupyterhub/jupyter-data/kernels/python3``) runs
``python -m interview_kit.cli.dashboard_kernel -f {connection_file}`` instead of
``python -m ipykernel_launcher``: the same kernel, but ``debugpy`` is kept out. The
kernel imports it at start for JupyterLab's visual debugger (about 8 MB in every
kernel, one per open dashboard); the dashboard never debugs, and without it the kernel
says it has no debugger. An admin who offers JupyterLab (``INTERVIEW_KIT_HUB_LAB=1``)
gets kernels without the debugger too. Freed memory goes back to the system every few
seconds, as in the server (:func:`interview_kit.cli.hub_server.trim_every`).

Never imported by the rest of the kit (only run as a kernel's command).
"""

from __future__ import annotations

import os
import sys

from .hub_server import skip, trim_every

#: Modules a dashboard kernel never imports (see the module's docstring).
SKIPPED = ("debugpy",)


def main() -> None:
    # As ipykernel_launcher does: the kernel's folder (the notebooks) is not a place
    # to import from.
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    skip(SKIPPED)
    trim_every()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
