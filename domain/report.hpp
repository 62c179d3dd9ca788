#pragma once
// The KPI report of one run (one replication): per call type, per tenant and
// overall. Pure numbers with the exact definitions of README "Report fields";
// rendering (text, JSON) lives in sim/.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/event.hpp"

namespace ccsim {

/// Call-outcome KPIs for one population of calls (a call type, a tenant, or
/// everything). Counts cover calls that arrived after the warm-up.
struct call_kpis {
  std::uint64_t offered = 0;
  std::uint64_t answered = 0;   ///< talk ended before the end of the run
  std::uint64_t abandoned = 0;
  std::uint64_t rejected = 0;
  std::uint64_t in_system_at_end = 0;  ///< still waiting or talking at the end
  std::array<std::uint64_t, reject_reason_count> rejected_by_reason{};
  std::uint64_t answered_within_t = 0;
  std::uint64_t waited = 0;   ///< found no eligible idle agent on arrival
  std::uint64_t ok = 0;       ///< answered and qualified OK
  std::uint64_t qualified = 0; ///< answered with a qualification (OK or KO)

  double service_level = 0;           ///< answered within T / offered
  double service_level_answered = 0;  ///< answered within T / answered
  double asa = 0;                     ///< mean wait of answered calls, s
  double abandon_rate = 0;            ///< abandoned / offered
  double p_wait = 0;                  ///< waited / offered
  double wait_p50 = 0, wait_p90 = 0, wait_p99 = 0;  ///< waits of answered calls, s
  double aht = 0;        ///< mean talk + wrap-up of answered calls, s
  double talk_mean = 0;  ///< s
  double talk_sd = 0;    ///< s (population)
  double wrap_mean = 0;  ///< s
  double mean_queue = 0; ///< time-average waiting calls over the measurement window
  std::uint32_t max_queue = 0;  ///< most calls waiting at once in the window
  double conversion = 0; ///< ok / qualified
};

struct call_type_report {
  std::string name;
  std::string talk_configured;   ///< distribution::describe()
  double talk_configured_mean = 0;  ///< effective mean the configuration implies, s
  call_kpis kpis;
};

struct agent_type_report {
  std::string name;
  std::uint32_t agents = 0;
  double occupancy = 0;       ///< busy agent-time / logged-in agent-time
  double calls_per_agent = 0; ///< mean answered calls per agent
  double fairness_cv = 0;     ///< population sd / mean of answered calls per agent
};

struct conversion_cell {
  std::string agent_type;
  std::string call_type;
  double configured = 0;
  double measured = 0;       ///< ok / answered for this pair
  std::uint64_t answered = 0;
};

struct tenant_report {
  std::string name;
  double service_level_threshold = 20;  ///< T, seconds
  double window_start = 0;  ///< measurement window, s since start
  double window_end = 0;
  call_kpis kpis;
  double occupancy = 0;
  std::vector<call_type_report> call_types;
  std::vector<agent_type_report> agent_types;
  std::vector<conversion_cell> conversion;  ///< skill cells only; empty without a matrix
};

/// One replication's report.
struct run_report {
  std::string scenario;
  std::uint64_t seed = 0;
  double window_start = 0;  ///< measurement window, s since start
  double window_end = 0;
  double sim_end = 0;       ///< simulated time when the run stopped, s
  call_kpis overall;
  double occupancy = 0;
  std::vector<tenant_report> tenants;
};

} // namespace ccsim
