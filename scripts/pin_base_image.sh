#!/usr/bin/env bash
# Pin the single-user image's base by digest: a tag (python:3.11-slim) moves, a digest
# does not. Resolves TAG to its digest in the registry and writes it into
# deploy/jupyterhub/Dockerfile's `ARG BASE_IMAGE=...` line.
#
#   scripts/pin_base_image.sh [TAG]          # default python:3.11-slim
#
# Needs a registry client: `docker buildx imagetools`, or `crane`, or `skopeo`. The
# project's CI has no registry access, so the Dockerfile holds a placeholder digest
# until an admin runs this once (the build fails loudly until then).
set -euo pipefail
cd "$(dirname "$0")/.."
TAG=${1:-python:3.11-slim}
if command -v crane >/dev/null; then
    digest=$(crane digest "$TAG")
elif command -v skopeo >/dev/null; then
    digest=$(skopeo inspect --format '{{.Digest}}' "docker://docker.io/library/$TAG")
else
    digest=$(docker buildx imagetools inspect "$TAG" --format '{{json .Manifest.Digest}}' | tr -d '"')
fi
[[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "no digest for $TAG: $digest" >&2; exit 1; }
sed -i -E "s|^ARG BASE_IMAGE=.*|ARG BASE_IMAGE=$TAG@$digest|" deploy/jupyterhub/Dockerfile
echo "pinned $TAG@$digest"
