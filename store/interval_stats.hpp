#pragma once
// KPI sums per fixed interval of simulated time (15 or 30 minutes, as ACD
// reports use), per call type and for the tenant as a whole.
//
// Definitions: a counted call belongs to the interval it arrived in, so
// the intervals of a run add up to its totals. Service level uses the
// report's denominator (offered). Queue and occupancy are time integrals
// over each interval and include warm-up calls, like the report's mean
// queue; they cover the whole run, warm-up included.
#include <cstdint>
#include <vector>

#include "domain/agent_state.hpp"
#include "domain/ids.hpp"
#include "domain/time.hpp"
#include "store/call_record.hpp"

namespace ccsim::store {

struct interval_calls {
  std::uint64_t offered = 0, answered = 0, abandoned = 0, rejected = 0, answered_within_t = 0;
  std::int64_t wait_ns = 0;    ///< summed over answered calls
  std::int64_t handle_ns = 0;  ///< talk + wrap-up, summed over answered calls
  double queue_area = 0;       ///< waiting calls x seconds
  std::uint32_t max_queue = 0;

  void merge(const interval_calls& o);  ///< max_queue: the larger
  double service_level() const;  ///< answered within T / offered
  double asa_s() const;          ///< mean wait of answered calls
  double aht_s() const;          ///< mean talk + wrap-up of answered calls
};

struct interval_agents {
  double busy_s = 0;    ///< agent-seconds reserved, on a call or in wrap-up
  double logged_s = 0;  ///< agent-seconds logged in
  double occupancy() const { return logged_s > 0 ? busy_s / logged_s : 0.0; }
};

/// One tenant's (one job's) intervals: interval i covers [i * length, (i + 1) * length).
struct interval_series {
  sim_duration length{0};
  sim_time end{0};  ///< the run's end: the last interval may be cut short
  std::vector<std::vector<interval_calls>> by_type;    ///< [interval][call type]
  std::vector<interval_calls> tenant;                   ///< [interval]
  std::vector<std::vector<interval_agents>> by_agent;  ///< [interval][agent type]
  std::size_t size() const { return tenant.size(); }
  sim_time start(std::size_t i) const { return length * static_cast<std::int64_t>(i); }
  /// Seconds of interval i inside the run (the length, but less for the last one).
  double covered_s(std::size_t i) const;
  /// Time-average waiting calls in interval i (slot: call type, or the tenant).
  double mean_queue(std::size_t i, const interval_calls& c) const;
};

class interval_stats {
public:
  interval_stats(sim_duration length, sim_duration service_level_threshold,
                 std::size_t call_types, std::size_t agent_types);

  void call_arrived(const call_record& c);
  void call_finished(const call_record& c);
  void queue_changed(sim_time at, call_type_index type, int delta);
  void agent_changed(sim_time at, agent_type_index type, agent_state from, agent_state to);
  /// Integrates up to `end` and returns the series (call once).
  interval_series finish(sim_time end);

private:
  std::size_t index_of(sim_time t) const;
  void ensure(std::size_t index);
  void integrate_queue(std::size_t slot, sim_time to);  // slot: call type, or types() for the tenant
  void integrate_agents(agent_type_index type, sim_time to);
  interval_calls& cell(std::size_t interval, std::size_t slot);

  interval_series s_;
  double threshold_s_;
  std::size_t call_types_;
  std::vector<std::uint32_t> queue_;  // by slot
  std::vector<sim_time> queue_since_;
  std::vector<std::uint32_t> busy_, logged_;
  std::vector<sim_time> agents_since_;
};

} // namespace ccsim::store
