#!/usr/bin/env bash
# Quick start 2: install what is missing, build everything with warnings as
# errors, and run the whole test suite (C++ suites through CTest, then the
# wallboard's browser test in Debian's chromium).
#   CCSIM_BUILD_DIR   build folder (default build-test)
#   CCSIM_SKIP_BROWSER=1  skip the browser test
set -euo pipefail
cd "$(dirname "$0")/.."
CCSIM_WITH_BROWSER=1 bash scripts/setup.sh
build="${CCSIM_BUILD_DIR:-build-test}"
# -O1 with assertions on and no debug info: the quickest build that still
# runs the statistical tests fast (CI builds from scratch every time).
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O1 \
  -DCCSIM_WERROR=ON >/dev/null
cmake --build "$build"
(cd "$build" && ctest --output-on-failure -j "$(nproc)" --timeout 300)
passed=$(cd "$build" && ctest -N | sed -n 's/^Total Tests: //p')
if [[ "${CCSIM_SKIP_BROWSER:-0}" != 1 && -f scripts/browser_test.sh ]]; then
  bash scripts/browser_test.sh "$build/ccsim" | tee "$build/browser_test.log"
  browser=$(sed -n 's/^# pass //p' "$build/browser_test.log" | tail -n 1)
  passed=$((passed + ${browser:-0}))
fi
echo "$passed" > "$build/passed.txt"
echo "tests: $passed passed, 0 failed"
