"""What ``jupyter_server_config.json`` beside this file cannot say: a Python value.

Voila's page typesets math in everything it shows, a user's own words included (a
company named ``\\(\\href{...}{x}\\)`` became a link to another site, issue 22). The
page-config hook names no MathJax, so the dashboard's page has no typesetter: the
same hook as ``interview-kit dashboard``'s server (:mod:`interview_kit.cli.voila_server`).
Read by each user's server from this folder (``JUPYTER_CONFIG_PATH``), or from
``/etc/jupyter/jupyter_server_config.py`` in the image (``Dockerfile``).
"""

from interview_kit.cli.voila_server import no_typesetting

c = get_config()  # noqa: F821 (Jupyter's config loader provides it)
c.VoilaConfiguration.page_config_hook = no_typesetting()
