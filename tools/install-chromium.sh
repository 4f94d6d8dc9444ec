#!/usr/bin/env bash
# Make sure Debian's chromium is installed (for `make test-browser`). Safe to re-run: does
# nothing when /usr/bin/chromium is already there. Needs root (CI and the dev machines are).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: chromium is not installed and this is not root;" \
    "run 'apt-get install -y chromium' as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# An old or missing package list makes the install fail: refresh it first.
apt-get update -q
apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
command -v chromium >/dev/null
