#!/usr/bin/env bash
# Make sure Debian's chromium is installed, for the browser tests (Playwright drives it; no browser is downloaded).
# Prints the path of the chromium binary. Safe to run again.
set -euo pipefail
BIN=$(command -v chromium || true)
if [ -z "$BIN" ]; then
  . "$(dirname "$0")/debian.sh"
  debian_install chromium
  BIN=$(command -v chromium)
fi
echo "$BIN"
