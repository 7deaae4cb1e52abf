#!/usr/bin/env bash
# Installs Dovecot from Debian when missing and starts it on 127.0.0.1 with the project's own
# config (IMAP on $SPORTELLO_TEST_IMAP_PORT, default 10143; LMTP on 10024). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="${SPORTELLO_DOVECOT_ROOT:-/tmp/sportello-dovecot}"
imap_port="${SPORTELLO_TEST_IMAP_PORT:-10143}"
lmtp_port="${SPORTELLO_TEST_LMTP_PORT:-10024}"
oauth_port="${SPORTELLO_TEST_OAUTH_PORT:-10980}"

if ! command -v dovecot >/dev/null 2>&1 || ! dpkg -s dovecot-lmtpd >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq dovecot-imapd dovecot-lmtpd >/dev/null 2>&1
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$imap_port") 2>/dev/null; then
  exit 0 # already running
fi

mkdir -p "$root"/{run,state,mail}
chown mail:mail "$root/mail"
sed -e "s#@ROOT@#$root#g" -e "s#@IMAP_PORT@#$imap_port#g" -e "s#@LMTP_PORT@#$lmtp_port#g" \
  "$here/dovecot.conf.template" >"$root/dovecot.conf"
cat >"$root/dovecot-oauth2.conf.ext" <<CONF
introspection_url = http://127.0.0.1:$oauth_port/introspect
introspection_mode = post
username_attribute = username
active_attribute = active
active_value = true
CONF
# Dovecot's main process keeps stderr open: detach its output.
dovecot -c "$root/dovecot.conf" >/dev/null 2>&1 </dev/null
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$imap_port") 2>/dev/null && exit 0
  sleep 0.1
done
echo "Dovecot did not start; see $root/dovecot.log" >&2
exit 1
