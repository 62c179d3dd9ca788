// What GET /status and GET /metrics cost the server with many tenants: the
// REST layer's handlers run in process on a live engine (no sockets, no HTTP
// parsing), so the number is the work the handler does per request: the
// engine status, one KPI read per visible tenant, the alerts and the JSON or
// Prometheus text.
//
//   ccsim_bench --benchmark_filter=live_ --benchmark_repetitions=5
//
// The fixture (1,000 tenants x 100 logged-in agents, 20 ended calls per
// tenant so the KPI tallies are not empty) is built once, on first use, and
// shared by the benchmarks and their repetitions.
#include "bench/live_status_bench.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <benchmark/benchmark.h>

#include "live/engine.hpp"
#include "web/api.hpp"

namespace {

using namespace ccsim;
using namespace std::chrono_literals;

constexpr int live_tenants = 1000;
constexpr int agents_per_tenant = 100;
constexpr int calls_per_tenant = 20;
const std::string admin_key = "bench-admin-key-0123456789";

tenant bench_tenant(int i) {
  tenant t;
  t.name = "t";
  t.name += std::to_string(i);  // not "t" + ...: GCC 12 warns falsely (-Wrestrict)
  call_type sales;
  sales.name = "sales";
  sales.talk = {distribution_kind::fixed, 1, 0, 0};
  t.call_types.push_back(sales);
  agent_type rep;
  rep.name = "rep";
  rep.skills = {0};
  t.agent_types.push_back(rep);
  t.conversion = {{0.0}};
  t.agents.push_back({0, agents_per_tenant, std::nullopt});
  return t;
}

std::size_t count_of(const std::vector<std::pair<std::string, std::size_t>>& by_state, const std::string& name) {
  for (auto& [state, n] : by_state)
    if (state == name) return n;
  return 0;
}

/// Polls until `pred` holds; throws after `limit`.
template <class Pred>
void wait_until(Pred pred, std::chrono::seconds limit, const char* what) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error(std::string("bench setup: ") + what);
    std::this_thread::sleep_for(20ms);
  }
}

struct live_fixture {
  live::engine engine{live::engine_options{100.0, 2, 1}};  // talk 1 s = 10 ms wall
  web::key_store keys{admin_key};
  web::webhook_service hooks{engine, web::webhook_options{}};
  web::server_stats stats;
  web::api rest{engine, keys, hooks, stats, web::api_options{}};

  live_fixture() {
    for (int i = 0; i < live_tenants; ++i)
      if (std::holds_alternative<live::api_error>(engine.create_tenant(bench_tenant(i))))
        throw std::runtime_error("bench setup: tenant not created");
    const std::size_t agents = static_cast<std::size_t>(live_tenants) * agents_per_tenant;
    wait_until([&] { return count_of(engine.status().agents_by_state, "available") == agents; }, 60s,
               "agents did not log in");
    for (int c = 0; c < calls_per_tenant; ++c)
      for (int i = 0; i < live_tenants; ++i)
        engine.create_call(static_cast<tenant_index>(i), "sales", std::nullopt, std::nullopt,
                           [](live::result<live::call_created>) {});
    const std::uint64_t calls = static_cast<std::uint64_t>(live_tenants) * calls_per_tenant;
    wait_until(
      [&] {
        auto s = engine.status();
        return s.calls_created == calls && count_of(s.agents_by_state, "available") == agents &&
               count_of(s.calls_by_state, "waiting") + count_of(s.calls_by_state, "ringing") +
                   count_of(s.calls_by_state, "talking") ==
                 0;
      },
      60s, "calls did not end");
  }
  ~live_fixture() {
    hooks.stop(0ms);
    engine.shutdown();
  }
};

std::unique_ptr<live_fixture>& fixture_slot() {
  static std::unique_ptr<live_fixture> f;
  return f;
}

live_fixture& fixture() {
  auto& f = fixture_slot();
  if (!f) f = std::make_unique<live_fixture>();
  return *f;
}

void get(benchmark::State& state, const std::string& path) {
  auto& f = fixture();
  web::request req;
  req.method = "GET";
  req.path = path;
  req.api_key = admin_key;
  std::size_t bytes = 0;
  for (auto _ : state) {
    int status = 0;
    f.rest.handle(req, [&](web::response r) {
      status = r.status;
      bytes = r.body.size();
    });
    if (status != 200) state.SkipWithError("not 200");
  }
  state.counters["body_kb"] = static_cast<double>(bytes) / 1024.0;
}

/// GET /status as the admin: every tenant's details.
void BM_live_status(benchmark::State& state) { get(state, "/status"); }
/// GET /metrics as the admin: every tenant's series.
void BM_live_metrics(benchmark::State& state) { get(state, "/metrics"); }

} // namespace

BENCHMARK(BM_live_status)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);
BENCHMARK(BM_live_metrics)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);

void ccsim::bench::release_live_fixture() { fixture_slot().reset(); }
