#!/usr/bin/env bash
# Quick start 1: install what is missing, build ccsim (Release), and run the
# shipped inbound_basic scenario. Extra arguments go to `ccsim run`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCCSIM_BUILD_TESTS=OFF -DCCSIM_BUILD_BENCH=OFF >/dev/null
cmake --build build-release --target ccsim
exec ./build-release/ccsim run scenarios/inbound_basic.toml "$@"
