#!/usr/bin/env bash
# Installs Debian's Chromium for the headless browser checks (playwright-core drives it; playwright's
# own browser download is never used). Needs root; does nothing when Chromium is already there.
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
