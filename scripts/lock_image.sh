#!/usr/bin/env bash
# The single-user image's lock file: every package the image installs, at one exact version.
#
#   scripts/lock_image.sh            # writes deploy/jupyterhub/requirements.lock
#
# Builds the kit's wheel, installs it with the hub's single-user server into a throwaway
# venv, and writes `pip freeze` of that venv (the kit itself left out: the Dockerfile
# installs it from the wheel, with --no-deps, after the lock). Run it with the Python the
# image uses (python:3.11 in deploy/jupyterhub/Dockerfile: PYTHON=python3.11), and again
# whenever pyproject.toml's dependencies change; commit the lock with the change.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
OUT=deploy/jupyterhub/requirements.lock
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PYTHON" -m build --wheel --outdir "$work/dist" . >/dev/null
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --upgrade pip
"$work/venv/bin/python" -m pip install --quiet "$work"/dist/*.whl "jupyterhub>=5,<7"
{
    echo "# Exact versions for deploy/jupyterhub/Dockerfile, made by scripts/lock_image.sh"
    echo "# with $("$work/venv/bin/python" --version) on $(uname -m); do not edit by hand."
    "$work/venv/bin/python" -m pip freeze --exclude interview-signs-kit --exclude pip
} > "$OUT"
echo "wrote $OUT ($(grep -cv '^#' "$OUT") packages)"
