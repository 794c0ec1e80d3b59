#!/usr/bin/env bash
# Installs what Tandem needs to build, test and run on Debian 12, and nothing that is already there.
# Idempotent: when every package is present it only checks and returns in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config clang-format
  libboost1.74-dev libboost-context1.74-dev libsqlite3-dev libsodium-dev nlohmann-json3-dev libspdlog-dev libfmt-dev
  libcli11-dev libtomlplusplus-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libmagic-dev libgtest-dev libgmock-dev libbenchmark-dev
  libgmime-3.0-dev libcurl4-openssl-dev libxlsxwriter-dev libmimalloc-dev
  chromium wrk curl python3 python3-yaml python3-openpyxl swaks dovecot-imapd python3-aiosmtpd openssl
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Node.js may come from another Debian-compatible build that bundles npm: only add it when absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end dependencies: installed from the lock file when node_modules is older than it.
if [ -f web/package-lock.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    echo "bootstrap: installing web dependencies"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
