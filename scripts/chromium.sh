#!/usr/bin/env bash
# Make sure Debian's chromium is installed, for the browser tests (Playwright drives it; no browser is downloaded).
# Prints the path of the chromium binary. Safe to run again.
set -euo pipefail
BIN=$(command -v chromium || true)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "chromium.sh: chromium is not installed; install Debian's chromium package (as root)" >&2
    exit 1
  fi
  echo "chromium.sh: installing chromium from Debian ..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  BIN=$(command -v chromium)
fi
echo "$BIN"
