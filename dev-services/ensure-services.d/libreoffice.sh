#!/usr/bin/env bash
# LibreOffice Writer (headless) for the PDF copy of contracts, unoconv to keep one office running
# between conversions (a cold start per document costs 1-5 s of CPU), and DejaVu fonts for the
# charts of the quarterly summaries. All optional for Sportello; the tests prove the paths that use them.
set -euo pipefail
if ! command -v soffice >/dev/null 2>&1 || ! command -v unoconv >/dev/null 2>&1 || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui unoconv fonts-dejavu-core >/dev/null 2>&1
fi
