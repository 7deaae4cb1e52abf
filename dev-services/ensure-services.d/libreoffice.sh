#!/usr/bin/env bash
# LibreOffice Writer (headless) for the PDF copy of contracts, and DejaVu fonts for the charts of the
# quarterly summaries. Both are optional for Sportello; the tests prove the paths that use them.
set -euo pipefail
if ! command -v soffice >/dev/null 2>&1 || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-dejavu-core >/dev/null 2>&1
fi
