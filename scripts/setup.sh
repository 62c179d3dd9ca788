#!/usr/bin/env bash
# Installs every Debian package ccsim needs to build, test and benchmark.
# Idempotent: packages already present are skipped, so a warm machine pays
# only for `dpkg-query`. Needs root (or sudo) on a fresh Debian 12 machine.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libcaf-dev
  libboost1.81-dev libboost-json1.81-dev
  libsqlite3-dev sqlite3
  libtomlplusplus-dev
  catch2
  libhowardhinnant-date-dev tzdata
  libbenchmark-dev
)
# Browser tests (live mode) need chromium and node; install them only when asked
# so that the core build stays quick on a fresh machine. Node may already be
# there from another source (its own packages then conflict with Debian's npm),
# so node and npm are installed only when the commands are missing.
if [[ "${CCSIM_WITH_BROWSER:-0}" == 1 ]]; then
  packages+=(chromium)
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: all packages present" >&2
fi

# The browser test's npm packages (playwright-core, pinned in the lock file;
# it drives Debian's chromium and never downloads a browser of its own).
if [[ "${CCSIM_WITH_BROWSER:-0}" == 1 ]]; then
  here="$(cd "$(dirname "$0")/.." && pwd)"
  if [[ ! -d "$here/tests/browser/node_modules/playwright-core" ]]; then
    echo "setup: npm ci in tests/browser" >&2
    npm ci --prefix "$here/tests/browser" --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi
