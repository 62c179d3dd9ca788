#!/usr/bin/env bash
# Runs the benchmarks of docs/benchmarks.md in one sitting: the actor engine
# (Google Benchmark, 5 repetitions, medians), the hand-written reference DES
# (same binary), SimPy 2 (Debian's python3-simpy) on the same model, and the
# CLI on scenarios/bench_mmc.toml. Use an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for p in python3-simpy time; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    apt-get install -y -qq "$p" >/dev/null
  fi
done
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCCSIM_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --target ccsim_bench ccsim
echo "== machine"; lscpu | grep -E "Model name|^CPU\(s\)"; uptime
echo "== engine and reference DES"
./build-bench/bench/ccsim_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_display_aggregates_only=true "$@"
echo "== SimPy 2, same model (200,000 counted calls)"
for i in 1 2 3; do /usr/bin/python3 bench/reference/mmc_simpy2.py 200000 10000; done
echo "== CLI: ccsim run scenarios/bench_mmc.toml, without and with the SQLite recorder"
for i in 1 2 3; do
  /usr/bin/time -f "no-db: wall %e s, peak RSS %M KiB" ./build-bench/ccsim run scenarios/bench_mmc.toml --no-db >/dev/null
  rm -f /tmp/ccsim-bench.db*
  /usr/bin/time -f "db:    wall %e s, peak RSS %M KiB" ./build-bench/ccsim run scenarios/bench_mmc.toml --db /tmp/ccsim-bench.db >/dev/null
  ls -l /tmp/ccsim-bench.db
done
