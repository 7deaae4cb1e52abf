#!/usr/bin/env bash
# Debian's Chromium for the end-to-end test in the Teams client emulator (playwright-core drives it).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null 2>&1
fi
