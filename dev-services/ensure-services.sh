#!/usr/bin/env bash
# Starts the local services the test suite talks to, installing them when missing.
# PostgreSQL runs on every developer and CI machine (127.0.0.1:5432, trust auth); start it if stopped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
fi

for script in "$here"/ensure-services.d/*.sh; do
  [ -e "$script" ] || continue
  bash "$script"
done
