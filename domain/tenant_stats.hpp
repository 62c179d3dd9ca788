#pragma once
// Turns one tenant's event stream into KPI tallies. It keeps per-call state
// only for calls still in the system, so memory stays flat in the number of
// calls; waits go into a fixed-size histogram.
//
// Measurement window: per-call KPIs cover calls that arrived after the
// warm-up (event.counted), followed to their end. Time averages (occupancy,
// mean queue) cover [window start, window end]: the window starts at the end
// of a time warm-up or at the first counted arrival (calls warm-up), and ends
// at the horizon or, when the run stops after N calls, at the last counted
// arrival (the drain that follows is not steady state).
//
// A live display reads the KPIs at "now" many times while the stream goes on:
// kpis_at(t) gives what finish(t, false) would, from the running tallies,
// without closing the window or copying per-call and per-agent state.
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/event.hpp"
#include "domain/histogram.hpp"
#include "domain/report.hpp"
#include "domain/scenario.hpp"

namespace ccsim {

/// Raw sums behind call_kpis; they merge exactly across call types,
/// tenants and (for counts) replications.
struct call_tally {
  std::uint64_t offered = 0, answered = 0, abandoned = 0, rejected = 0, in_system = 0;
  std::array<std::uint64_t, reject_reason_count> rejected_by_reason{};
  std::uint64_t answered_within_t = 0, waited = 0, ok = 0, qualified = 0;
  double wait_sum = 0, talk_sum = 0, talk_sq = 0, wrap_sum = 0;
  duration_histogram waits;
  double mean_queue = 0;      ///< already a time average (sums across populations)
  std::uint32_t max_queue = 0;

  void merge(const call_tally& other);  ///< max_queue: the larger of the two
  /// merge() without `waits`, for a caller that keeps the merged waits itself.
  void merge_counts(const call_tally& other);
  call_kpis finish() const { return finish_with(waits); }
  /// finish() with the wait quantiles taken from `all_waits` (the merged
  /// waits of the tallies merged into this one) instead of `waits`.
  call_kpis finish_with(const duration_histogram& all_waits) const;
};

/// The call and occupancy KPIs of a tenant_report, read before the end.
struct kpi_reading {
  call_kpis kpis;                     ///< as tenant_report::kpis
  std::vector<call_kpis> call_types;  ///< by call type index, as tenant_report::call_types[c].kpis
  double occupancy = 0;               ///< as tenant_report::occupancy
};

class tenant_stats {
public:
  /// `calls_warmup`: true when the warm-up is a number of calls (the window
  /// then starts at the first counted arrival); false: it starts at `warmup`.
  tenant_stats(const tenant& config, sim_duration warmup, bool calls_warmup);

  void on(const event& e);

  /// Closes the window and computes the report. `arrivals_ended`: the run
  /// stopped after N counted calls (window ends at the last counted
  /// arrival); otherwise the window ends at `end`.
  tenant_report finish(sim_time end, bool arrivals_ended);

  /// The KPIs finish(t, false) would report now, bit for bit, without
  /// closing the window: const, and it copies nothing that grows with calls
  /// or agents (only a few numbers per call type and agent type).
  kpi_reading kpis_at(sim_time t) const;

  /// Call-type tallies (after finish), for merging into an overall report.
  const std::vector<call_tally>& tallies() const { return types_; }
  const call_tally& tenant_tally() const { return total_; }
  /// Occupancy integrals (busy, logged in) in agent-seconds (after finish).
  std::pair<double, double> occupancy_integrals() const;
  /// Calls seen arriving so far, warm-up included (for progress displays).
  std::uint64_t arrivals_seen() const { return arrivals_seen_; }
  sim_time window_start() const { return window_start_.value_or(sim_time{0}); }
  sim_time window_end() const { return window_end_; }

private:
  struct live_call {
    call_type_index type = 0;
    bool counted = false;
    bool waited = false;
    bool in_queue = false;
  };
  struct integrals {  // time integrals, over the window, of piecewise-constant counts
    double queue_area = 0;
    std::vector<double> type_queue_area, busy_area, logged_area;
  };
  void advance(sim_time t);
  /// Adds the current levels times dt (seconds) to `in`.
  void accumulate(integrals& in, double dt) const;
  /// The KPIs over [start, end] with the time integrals `in`.
  kpi_reading read_kpis(const integrals& in, sim_time start, sim_time end) const;
  void leave_queue(live_call& c);

  const tenant& config_;
  double threshold_s_;
  std::optional<sim_time> window_start_;
  sim_time window_end_{0};
  sim_time last_{0};
  std::uint64_t arrivals_seen_ = 0;

  std::unordered_map<call_id, live_call> live_;
  std::vector<std::uint64_t> in_system_;  // by call type: counted calls in live_
  std::vector<call_tally> types_;
  call_tally total_;           // max_queue kept current; the rest filled by finish()
  duration_histogram waits_;   // every type's waits: the tenant's quantiles without a merge
  std::vector<std::uint32_t> queue_len_;  // by call type
  std::uint32_t queue_total_ = 0;
  std::vector<std::uint32_t> busy_, logged_;  // by agent type
  std::vector<std::uint32_t> answered_by_agent_;  // by agent id, counted calls
  std::vector<std::int32_t> agent_type_of_;       // by agent id, -1 unseen
  std::vector<std::vector<std::uint64_t>> cell_answered_, cell_ok_;  // [agent type][call type]

  integrals now_;              // integrated up to last_
  integrals at_last_arrival_;  // snapshot at the last counted arrival
  sim_time last_counted_arrival_{0};
};

} // namespace ccsim
