#!/usr/bin/env bash
# The tests sign their PEC and .p7m fixtures with the openssl command line (a throw-away test CA).
set -euo pipefail
if ! command -v openssl >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1
  apt-get install -y -qq openssl >/dev/null 2>&1
fi
