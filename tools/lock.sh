#!/usr/bin/env bash
# Refresh requirements.lock: every package of the install (with the test extra), pinned with
# hashes, for every platform and Python from 3.11 on. Run it after changing the ranges in
# pyproject.toml, or to take newer releases on purpose; commit the lock with the change.
# On a merge conflict in requirements.lock, take either side and run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v uv >/dev/null 2>&1 || python -m pip install --quiet uv
uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
    --generate-hashes --quiet --output-file requirements.lock "$@"
echo "requirements.lock: $(grep -c '==' requirements.lock) pinned packages"
