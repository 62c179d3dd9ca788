#pragma once
// A validated scenario: everything a run needs, in domain types only (the
// TOML lives in config/). Times are offsets from the scenario start (t = 0),
// which is `start_of_day` on the clock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/arrival_profile.hpp"
#include "domain/distribution.hpp"
#include "domain/ids.hpp"
#include "domain/time.hpp"

namespace ccsim {

/// Which moment counts as "idle since" for longest-idle routing.
enum class idle_policy {
  since_available,  ///< last became available (login, end of wrap-up, end of break)
  since_last_call,  ///< end of its last call; breaks and wrap-up don't reset it
};
std::string_view to_string(idle_policy p);

struct call_type {
  std::string name;
  int priority = 0;                     ///< higher is served first
  arrival_profile arrivals;
  distribution talk;                    ///< talk time
  distribution wrap_up;                 ///< after-call work (fixed 0 = none)
  std::optional<distribution> patience; ///< none: callers never hang up
  std::optional<std::uint32_t> max_queue; ///< waiting calls of this type at most
  std::optional<sim_duration> max_wait;   ///< waited this long: rejected (max_wait)
};

struct break_period {
  sim_time start{0};      ///< offset from the scenario start
  sim_duration length{0};
  std::string reason;     ///< "lunch", "coffee", ...
};

/// When a group of agents works. Without a shift an agent is logged in for
/// the whole run.
struct shift {
  sim_time login{0};
  sim_time logout{0};               ///< > login
  std::vector<break_period> breaks; ///< sorted, inside [login, logout)
};

struct agent_type {
  std::string name;
  std::vector<call_type_index> skills;  ///< call types it may take, sorted
};

/// `count` agents of one type working one shift.
struct agent_group {
  agent_type_index type = 0;
  std::uint32_t count = 0;
  std::optional<shift> hours;
};

struct tenant {
  std::string name;
  std::vector<agent_type> agent_types;
  std::vector<call_type> call_types;
  std::vector<agent_group> agents;
  /// conversion[a][c]: probability that a call of type c handled by an agent
  /// of type a qualifies OK. Full matrix, every cell in [0, 1].
  std::vector<std::vector<double>> conversion;
  bool has_conversion = false;          ///< false: no matrix given, all cells 0
  sim_duration service_level_threshold = std::chrono::seconds(20);
  double service_level_target = 0.8;    ///< share, for reports and alerts
  idle_policy idle = idle_policy::since_available;
  std::optional<std::uint32_t> max_queue; ///< waiting calls over all types
};

struct scenario {
  std::string name;
  std::string source_path;    ///< file it was read from ("" if built in code)
  std::uint64_t seed = 1;
  sim_duration start_of_day{0};  ///< clock time at t = 0 (reports show clock times)
  /// End of the run: arrivals stop and the report is taken at `horizon`.
  std::optional<sim_duration> horizon;
  /// Alternative end: stop arrivals after this many counted calls per
  /// tenant, then let the calls in the system finish.
  std::optional<std::uint64_t> calls;
  sim_duration warmup{0};                  ///< calls arriving earlier are not counted
  std::optional<std::uint64_t> warmup_calls; ///< or: the first N calls per tenant
  /// A session `ccsim serve` recorded (`session = "live"`): its calls and
  /// agents may have come through the API, so a call type may have no
  /// generated traffic (rate 0), a tenant no agent groups, and the scenario
  /// no tenants; nothing has to be staffed.
  bool live_session = false;
  std::vector<tenant> tenants;
};

} // namespace ccsim
