// Simulated calls per wall-second of the actor engine in virtual time, and
// of the hand-written reference DES of the same model, in one binary so both
// are measured in the same sitting. Peak RSS is reported as a counter.
//
//   build/bench/ccsim_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <sys/resource.h>

#include <benchmark/benchmark.h>

#include "bench/bench_scenarios.hpp"
#include "bench/mmc_reference.hpp"
#include "sim/runner.hpp"

namespace {

using namespace ccsim;

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux: KiB
}

constexpr std::uint64_t warmup = 10'000;

void BM_reference_des(benchmark::State& state) {
  auto calls = static_cast<std::uint64_t>(state.range(0));
  std::uint64_t done = 0;
  for (auto _ : state) {
    auto r = bench::run_mmc_reference(50, 0.25, 180, warmup, calls, 1);
    benchmark::DoNotOptimize(r.mean_wait_s);
    done += r.calls + warmup;
  }
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(done), benchmark::Counter::kIsRate);
}

/// Single tenant: every call through actors (generator, call, dispatcher,
/// agent) and the event stream into the stats.
void BM_engine_single_tenant(benchmark::State& state) {
  auto calls = static_cast<std::uint64_t>(state.range(0));
  auto s = bench::mmc_scenario(1, warmup, calls);
  std::uint64_t done = 0;
  for (auto _ : state) {
    run_request req;
    req.seed = 1;
    req.threads = 1;
    run_status status(1);
    auto out = run_scenario(s, req, status);
    benchmark::DoNotOptimize(out.events);
    done += out.arrivals;
  }
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(done), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}

/// Four independent tenants on two threads (tenants share nothing).
void BM_engine_four_tenants(benchmark::State& state) {
  auto calls = static_cast<std::uint64_t>(state.range(0));
  auto s = bench::mmc_scenario(4, warmup, calls);
  std::uint64_t done = 0;
  for (auto _ : state) {
    run_request req;
    req.seed = 1;
    req.threads = 2;
    run_status status(4);
    auto out = run_scenario(s, req, status);
    benchmark::DoNotOptimize(out.events);
    done += out.arrivals;
  }
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(done), benchmark::Counter::kIsRate);
  state.counters["calls_per_s_per_tenant"] =
    benchmark::Counter(static_cast<double>(done) / 4.0, benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}

} // namespace

BENCHMARK(BM_reference_des)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_engine_single_tenant)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_engine_four_tenants)->Arg(250'000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK_MAIN();
