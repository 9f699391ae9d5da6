#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver from Debian's packages for the schema browser test
# (query-api RegistryUiIT). Idempotent; the test skips cleanly when /usr/bin/chromium is absent.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium and chromedriver already installed: $(/usr/bin/chromium --version 2>/dev/null || true)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
# Bounded: a slow mirror must not hang CI forever.
timeout 600 $SUDO apt-get update -q
timeout 900 $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver
/usr/bin/chromium --version
