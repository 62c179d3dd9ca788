#pragma once
// What the two recorders (scenario runs, live sessions) share: the run's
// identity, its final states and the writer's tuning. No CAF here, so the
// app can hold a live recorder without CAF's headers.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace ccsim::store {

enum class run_state { running, completed, failed, interrupted };
std::string_view to_string(run_state s);

/// What identifies a run besides its events.
struct run_settings {
  std::string scenario_text;   ///< the whole scenario file
  std::string scenario_path;
  std::uint64_t seed = 1;
  unsigned replications = 1;
  std::string options;         ///< the command line options, as typed
  std::string code_version;
  std::string kind = "run";    ///< "run" (ccsim run) or "serve" (a live session)
};

struct recorder_options {
  std::size_t commit_rows = 50000;                      ///< commit after this many rows ...
  std::chrono::milliseconds commit_every{500};          ///< ... or this long
  std::size_t queue_batches = 16;                       ///< event batches waiting at most (scenario runs: the simulation waits)
  /// Live sessions never make the dispatcher wait: past this many waiting
  /// batches (one event each, typically) the recording stops as failed.
  std::size_t live_queue_batches = 200000;
  sim_duration interval = std::chrono::minutes(15);     ///< length of the stored interval rows
  std::int64_t max_page_count = 0;  ///< > 0: cap the file (PRAGMA max_page_count), e.g. to test a full disk
};

} // namespace ccsim::store
