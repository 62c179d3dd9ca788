#pragma once
// Helpers shared by the sim tests: scenarios built in code, shipped
// scenarios from disk, and the replication statistics the statistical tests
// compare with theory.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "config/scenario_loader.hpp"
#include "domain/scenario.hpp"

namespace ccsim::test {

inline std::filesystem::path source_dir() { return CCSIM_SOURCE_DIR; }

/// A shipped scenario; fails the test with every message if it does not load.
inline scenario shipped(const std::string& name) {
  auto result = load_scenario(source_dir() / "scenarios" / (name + ".toml"));
  if (auto* errors = std::get_if<std::vector<config_error>>(&result)) {
    std::string all;
    for (auto& e : *errors) all += to_string(e) + "\n";
    FAIL("scenario " << name << " does not load:\n" << all);
  }
  return std::get<scenario>(std::move(result));
}

/// A call type with Poisson arrivals at `per_hour` and exponential talk.
inline call_type poisson_type(std::string name, double per_hour, double talk_mean_s) {
  call_type c;
  c.name = std::move(name);
  c.arrivals = arrival_profile::constant(per_hour);
  c.talk = distribution{distribution_kind::exponential, talk_mean_s};
  return c;
}

/// M/M/n (Erlang C), or M/M/n+M (Erlang A) with an exponential patience:
/// one call type, one agent type, `n` agents logged in all the time. The
/// run is counted in calls: `warmup` calls first, then `calls` counted ones,
/// then the system drains (so every counted call has its outcome).
inline scenario mmn(unsigned n, double per_hour, double talk_mean_s, std::uint64_t warmup,
                    std::uint64_t calls, double patience_mean_s = 0) {
  scenario s;
  s.name = "mmn";
  s.warmup_calls = warmup;
  s.calls = calls;
  tenant t;
  t.name = "queue";
  auto c = poisson_type("call", per_hour, talk_mean_s);
  if (patience_mean_s > 0) c.patience = distribution{distribution_kind::exponential, patience_mean_s};
  t.call_types.push_back(c);
  t.agent_types.push_back({"agent", {0}});
  t.agents.push_back({0, n, std::nullopt});
  s.tenants.push_back(t);
  return s;
}

/// Mean and standard error of independent replication estimates.
struct replication_estimate {
  double mean = 0;
  double std_error = 0;  ///< sample sd / sqrt(R)
  std::size_t n = 0;
};

inline replication_estimate estimate(const std::vector<double>& xs) {
  replication_estimate r;
  r.n = xs.size();
  if (xs.empty()) return r;
  double sum = 0;
  for (auto x : xs) sum += x;
  r.mean = sum / static_cast<double>(xs.size());
  if (xs.size() < 2) return r;
  double sq = 0;
  for (auto x : xs) sq += (x - r.mean) * (x - r.mean);
  r.std_error = std::sqrt(sq / static_cast<double>(xs.size() - 1) / static_cast<double>(xs.size()));
  return r;
}

} // namespace ccsim::test
