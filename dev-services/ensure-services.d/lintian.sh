#!/usr/bin/env bash
# Debian's lintian, so that the package test checks `npm run package:deb`'s output as Debian would.
set -euo pipefail
if ! command -v lintian >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq lintian >/dev/null 2>&1
fi
