// Simulated calls per wall-second of the actor engine in virtual time, and
// of the hand-written reference DES of the same model, in one binary so both
// are measured in the same sitting. Peak RSS is reported as a counter. The
// live server's /status and /metrics are in live_status_bench.cpp.
//
//   build/bench/ccsim_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <sys/resource.h>

#include <benchmark/benchmark.h>

#include "bench/bench_scenarios.hpp"
#include "bench/live_status_bench.hpp"
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

/// The actor engine in virtual time: every call through actors (generator,
/// call, dispatcher, agent) and the event stream into the stats. `tenants`
/// independent copies of the model (they share nothing) on `threads`
/// worker threads, `calls` counted calls each.
void run_engine(benchmark::State& state, unsigned tenants, unsigned threads) {
  auto calls = static_cast<std::uint64_t>(state.range(0));
  auto s = bench::mmc_scenario(tenants, warmup, calls);
  std::uint64_t done = 0;
  for (auto _ : state) {
    run_request req;
    req.seed = 1;
    req.threads = threads;
    run_status status(tenants);
    auto out = run_scenario(s, req, status);
    benchmark::DoNotOptimize(out.events);
    done += out.arrivals;
  }
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(done), benchmark::Counter::kIsRate);
  if (tenants > 1)
    state.counters["calls_per_s_per_tenant"] =
      benchmark::Counter(static_cast<double>(done) / static_cast<double>(tenants), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}

void BM_engine_single_tenant(benchmark::State& state) { run_engine(state, 1, 1); }
/// Four tenants on two threads.
void BM_engine_four_tenants(benchmark::State& state) { run_engine(state, 4, 2); }

} // namespace

BENCHMARK(BM_reference_des)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_engine_single_tenant)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_engine_four_tenants)->Arg(250'000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// BENCHMARK_MAIN, plus tearing the live server fixture down before static
// destruction (CAF's actor system must not outlive main).
int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  ccsim::bench::release_live_fixture();
  benchmark::Shutdown();
  return 0;
}
