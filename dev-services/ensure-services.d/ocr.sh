#!/usr/bin/env bash
# Tesseract with Debian's Italian data (OCR of scanned forms) and poppler's pdftoppm (rendering of
# PDF pages without a text layer). Both run as separate programs (Apache-2.0 / GPL, not linked into
# the server). Optional for Sportello: without them a scan goes to staff with the reason.
set -euo pipefail
if ! command -v tesseract >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 || [ -z "$(ls /usr/share/tesseract-ocr/*/tessdata/ita.traineddata 2>/dev/null)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-ita poppler-utils >/dev/null 2>&1
fi
