#!/usr/bin/env bash
# Run by `npm start` (prestart): installs the OCR programs when missing; on the default configuration
# (no IMAP_HOST) the watcher reads a local mailbox and replies are delivered locally over LMTP, so make
# sure the project's Dovecot runs. A configured IMAP_HOST means a real mailbox: nothing more to do.
# Never blocks the start on failure.
set -u
# Scans are read with Tesseract (Italian) and poppler when installed (MAIL_OCR=auto); off: nothing to do.
if [ "${MAIL_OCR:-auto}" != "off" ] && ! bash "$(dirname "$0")/ensure-services.d/ocr.sh"; then
  echo "Attenzione: OCR non installato; le scansioni saranno passate allo staff." >&2
fi
if [ -n "${IMAP_HOST:-}" ] && [ "${IMAP_HOST}" != "127.0.0.1" ]; then
  exit 0
fi
if ! bash "$(dirname "$0")/ensure-services.d/dovecot.sh"; then
  echo "Attenzione: la casella di posta locale (Dovecot) non è disponibile; Sportello riproverà a collegarsi." >&2
fi
exit 0
