#pragma once
// The writer thread behind both recorders: it owns the SQLite connection,
// folds each job's events into records (call_assembler) and interval rows,
// and commits them in batches, so blocking I/O never runs on an actor
// thread. Producers only queue immutable event batches.
//
// A job is one (replication, tenant) event stream. A scenario run knows its
// jobs up front (replication * tenants + tenant); a live session adds one
// per tenant as tenants appear (add_job), through the same queue, so a
// job's row exists before any of its events are processed.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "domain/event.hpp"
#include "domain/scenario.hpp"
#include "store/call_record.hpp"
#include "store/interval_stats.hpp"
#include "store/run_settings.hpp"
#include "store/sqlite.hpp"

namespace ccsim::store {

class run_writer {
public:
  /// Creates the database if needed and inserts the run as `running`, with
  /// one job per replication x tenant of `s` (none for a live session that
  /// starts empty). Throws db_error (file and cause) if it cannot.
  run_writer(const std::filesystem::path& file, const scenario& s, run_settings settings,
             recorder_options opts);
  ~run_writer();  ///< abandon()
  run_writer(const run_writer&) = delete;
  run_writer& operator=(const run_writer&) = delete;

  std::uint32_t job_index(unsigned replication, tenant_index tenant) const {
    return static_cast<std::uint32_t>(replication * tenants_ + tenant);
  }
  /// A new job (replication 0) for a tenant that appeared after the start;
  /// returns its index for push(). Never blocks.
  std::uint32_t add_job(tenant_index index, std::shared_ptr<const tenant> config);
  /// Scenario runs: waits while the queue is full (the simulation slows
  /// down to the disk's pace; memory stays bounded).
  void push(std::uint32_t job, std::shared_ptr<const std::vector<event>> events);
  /// Live sessions: never waits. A queue past live_queue_batches means the
  /// disk cannot keep up; the recording then stops as failed (a run with
  /// holes would be worse than none) and this returns false.
  bool try_push(std::uint32_t job, std::shared_ptr<const std::vector<event>> events);
  /// The job's stream ended at `clock_end` (simulated); open calls become
  /// in_system records.
  void end_job(std::uint32_t job, sim_time clock_end);
  /// Names of break reason codes known only at the end (live sessions
  /// learn them from the API); replaces what the job's tenant had.
  void name_break_reasons(std::uint32_t job, std::vector<std::string> reasons);
  /// Live sessions: the scenario that describes every tenant as it ran,
  /// stored by finish() so `ccsim report` can rebuild the session.
  void set_scenario(std::string name, std::string text);

  /// Waits until everything queued is written, then marks the run.
  void finish(run_state status, const std::string& detail, const std::string& report_json, double wall);
  /// finish(failed) unless finished; never throws.
  void abandon();

  std::int64_t run_id = 0;
  std::atomic<bool>* cancel = nullptr;
  std::atomic<bool> failed{false};
  std::atomic<std::uint64_t> calls_written{0}, agents_written{0};
  std::string failure() const;
  const std::string& file() const { return db_->file(); }

private:
  struct job_state;
  struct work_item {
    enum class kind : std::uint8_t { events, end, add_job, names } what = kind::events;
    std::uint32_t job = 0;
    std::shared_ptr<const std::vector<event>> events;
    sim_time clock_end{0};
    tenant_index tenant_no = 0;
    std::shared_ptr<const tenant> config;
    std::vector<std::string> names;
  };
  struct call_row { std::int64_t job; call_record rec; };
  struct requeue_row { std::int64_t job; requeue_record rec; };
  struct agent_row { std::int64_t job; agent_change rec; };
  struct interval_row { std::int64_t job; sim_time start; int type; interval_calls cells; };
  struct agent_interval_row { std::int64_t job; sim_time start; int type; interval_agents cells; };

  void enqueue(work_item item);  // under mtx_
  void run();
  void process(work_item& w);
  void insert_job(unsigned replication, tenant_index index, const tenant& config);
  void insert_names(tenant_index index, const char* kind, const std::vector<std::string>& names);
  void finish_job(job_state& job, sim_time clock_end);
  void flush();
  void fail(const db_error& e);
  std::size_t pending_rows() const;

  std::unique_ptr<connection> db_;
  recorder_options opts_;
  std::optional<sim_duration> horizon_;
  std::size_t tenants_ = 0;
  std::vector<std::unique_ptr<job_state>> jobs_;  // writer thread only (and the constructor)
  std::uint32_t next_job_ = 0;                    // under mtx_

  statement insert_call_, insert_requeue_, insert_agent_, insert_interval_, insert_interval_agent_,
      update_job_, heartbeat_, insert_job_, insert_name_;

  std::vector<call_row> calls_;
  std::vector<requeue_row> requeues_;
  std::vector<agent_row> agents_;
  std::vector<interval_row> interval_rows_;
  std::vector<agent_interval_row> agent_interval_rows_;

  mutable std::mutex mtx_;
  std::condition_variable not_empty_, not_full_;
  std::deque<work_item> queue_;
  bool stopping_ = false;
  std::optional<db_error> error_;
  std::optional<std::pair<std::string, std::string>> scenario_;  // set_scenario: name, text
  std::thread thread_;
  bool finished_ = false;
};

} // namespace ccsim::store
