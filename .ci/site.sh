#!/usr/bin/env bash
# The site's CI step: Debian's Chromium for the browser test (installed when missing), then
# `npm run test:site`, which checks the generated pages are fresh, type-checks the site, builds it
# (broken links and anchors fail the build) and tests it in headless Chromium on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_UPDATE_NOTIFIER=1

if [[ ! -x /usr/bin/chromium ]]; then
  echo "Installing Chromium from Debian…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
/usr/bin/chromium --version 2>/dev/null || true

time npm run test:site
