#!/usr/bin/env bash
# Writes packaging/bundle-requirements.txt: the exact version and hashes of every library that
# goes into the installers (pyproject.toml's dependencies and its packaging extra), for Linux,
# Windows and macOS. packaging/build.sh installs only these. Keeps the versions already locked
# unless told otherwise; after changing pyproject.toml, or to take library updates:
#   bash packaging/lock.sh --upgrade        (or --upgrade-package NAME)
# then rebuild and refresh the bundle manifest (see packaging/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install -q --disable-pip-version-check uv
python3 -m uv pip compile pyproject.toml --extra packaging --universal --python-version 3.11 \
  --generate-hashes --custom-compile-command "bash packaging/lock.sh" --quiet -o packaging/bundle-requirements.txt "$@"
