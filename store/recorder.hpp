#pragma once
// The recorder: one more subscriber of each tenant's event stream, writing
// the run into SQLite.
//
// Every job (replication x tenant) runs in its own actor system on its own
// thread. Each system gets a lightweight recorder actor that only hands the
// immutable event batches to ONE writer thread per run, through a bounded
// queue (when the writer falls behind, the simulation waits: memory stays
// bounded). The writer folds events into records and commits them in
// batches (every `commit_rows` rows or `commit_every`), so the blocking I/O
// never runs on a simulation thread and a kill -9 loses at most the batch
// not yet committed.
//
//   job thread:   bus --event_batch--> recorder actor --push--> queue
//   writer:       queue -> call_assembler -> rows -> BEGIN ... COMMIT
//   main thread:  recorder(...) inserts the run; finish(status) marks it
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <caf/fwd.hpp>

#include "actors/protocol/event_stream.hpp"
#include "domain/scenario.hpp"
#include "store/run_settings.hpp"

namespace ccsim::store {

class run_writer;

class recorder {
public:
  /// Creates the database if needed and inserts the run as `running`.
  /// Throws db_error (file and cause) if it cannot.
  recorder(const std::filesystem::path& db, const scenario& s, run_settings settings,
           recorder_options opts = {});
  ~recorder();  ///< without finish(): marks the run failed (best effort)
  recorder(const recorder&) = delete;
  recorder& operator=(const recorder&) = delete;

  std::int64_t run_id() const;
  const std::string& file() const;

  /// The flag the runner polls to stop: set by us when writing fails (so
  /// the simulation stops too), read by us to tell a cut-short job from a
  /// finished one.
  void watch_cancel(std::atomic<bool>* flag);

  /// A subscriber for one job, spawned in that job's actor system.
  event_subscriber spawn_subscriber(caf::actor_system& sys, unsigned replication, tenant_index tenant);
  /// The factory for run_request::subscribers.
  std::function<std::vector<event_subscriber>(caf::actor_system&, unsigned, tenant_index)> subscribers();

  /// True once a write failed; failure() says why ("FILE: cause").
  bool failed() const;
  std::string failure() const;

  /// Waits until everything queued is written, then marks the run with its
  /// final status. `report_json`: the live report, kept for reference.
  /// Throws db_error if the last commit or the status update fails.
  void finish(run_state status, const std::string& detail = {}, const std::string& report_json = {},
              double wall_seconds = 0);

  /// Rows written so far (calls, agent events), for tests and benchmarks.
  std::uint64_t calls_written() const;
  std::uint64_t agent_events_written() const;

private:
  std::shared_ptr<run_writer> writer_;
};

} // namespace ccsim::store
