#include "store/recorder.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "store/call_assembler.hpp"
#include "store/interval_stats.hpp"
#include "store/process_info.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace ccsim::store {

std::string_view to_string(run_state s) {
  switch (s) {
    case run_state::running: return "running";
    case run_state::completed: return "completed";
    case run_state::failed: return "failed";
    case run_state::interrupted: return "interrupted";
  }
  return "?";
}

namespace {

constexpr int seq_bits = 40;  // agent_events.event_key = job_id << 40 | seq

std::optional<std::int64_t> ns(const std::optional<sim_duration>& d) {
  if (!d) return std::nullopt;
  return d->count();
}

std::optional<std::int64_t> num(const std::optional<std::uint64_t>& x) {
  if (!x) return std::nullopt;
  return static_cast<std::int64_t>(*x);
}

/// The tenant's break reason codes, in the order tenant_context assigns
/// them: 0 is "break", then each reason as the shifts first name it.
std::vector<std::string> break_reasons(const tenant& t) {
  std::vector<std::string> out{"break"};
  for (auto& group : t.agents)
    if (group.hours)
      for (auto& b : group.hours->breaks)
        if (std::find(out.begin(), out.end(), b.reason) == out.end()) out.push_back(b.reason);
  return out;
}

struct work_item {
  std::uint32_t job = 0;
  std::shared_ptr<const std::vector<event>> events;  // null: the job ended
  sim_time clock_end{0};
};

} // namespace

// ------------------------------------------------------------------- writer

class recorder::writer {
public:
  writer(const std::filesystem::path& file, const scenario& s, run_settings settings, recorder_options opts);
  ~writer();

  void push(std::uint32_t job, std::shared_ptr<const std::vector<event>> events);
  void end_job(std::uint32_t job, sim_time clock_end);
  std::uint32_t job_index(unsigned replication, tenant_index tenant) const {
    return static_cast<std::uint32_t>(replication * tenants_ + tenant);
  }
  void finish(run_state status, const std::string& detail, const std::string& report_json, double wall);
  void abandon();

  std::int64_t run_id = 0;
  std::atomic<bool>* cancel = nullptr;
  std::atomic<bool> failed{false};
  std::atomic<std::uint64_t> calls_written{0}, agents_written{0};
  std::string failure() const {
    std::lock_guard<std::mutex> lk(mtx_);
    return error_ ? error_->what() : std::string{};
  }
  const std::string& file() const { return db_->file(); }

private:
  struct job_state;
  struct call_row { std::int64_t job; call_record rec; };
  struct requeue_row { std::int64_t job; requeue_record rec; };
  struct agent_row { std::int64_t job; agent_change rec; };

  void run();
  void process(work_item& w);
  void flush();
  void fail(const db_error& e);
  std::size_t pending_rows() const { return calls_.size() + requeues_.size() + agents_.size(); }

  std::unique_ptr<connection> db_;
  recorder_options opts_;
  std::optional<sim_duration> horizon_;
  std::size_t tenants_ = 0;
  std::vector<std::unique_ptr<job_state>> jobs_;

  statement insert_call_, insert_requeue_, insert_agent_, insert_interval_, insert_interval_agent_,
      update_job_, heartbeat_;

  std::vector<call_row> calls_;
  std::vector<requeue_row> requeues_;
  std::vector<agent_row> agents_;
  struct interval_row { std::int64_t job; sim_time start; int type; interval_calls cells; };
  struct agent_interval_row { std::int64_t job; sim_time start; int type; interval_agents cells; };
  std::vector<interval_row> interval_rows_;
  std::vector<agent_interval_row> agent_interval_rows_;

  mutable std::mutex mtx_;
  std::condition_variable not_empty_, not_full_;
  std::deque<work_item> queue_;
  bool stopping_ = false;
  std::optional<db_error> error_;
  std::thread thread_;
  bool finished_ = false;
};

struct recorder::writer::job_state final : record_sink {
  job_state(writer& w, std::int64_t id, const tenant& t, sim_duration interval)
    : w(w), job_id(id),
      intervals(interval, t.service_level_threshold, t.call_types.size(), t.agent_types.size()) {}

  void call_arrived(const call_record& c) override {
    if (c.counted) ++offered;
    intervals.call_arrived(c);
  }
  void call_finished(const call_record& c) override {
    if (c.counted && c.outcome == call_outcome::answered) ++answered;
    intervals.call_finished(c);
    w.calls_.push_back({job_id, c});
  }
  void queue_changed(sim_time at, call_type_index type, int delta) override {
    intervals.queue_changed(at, type, delta);
  }
  void requeued(const requeue_record& r) override { w.requeues_.push_back({job_id, r}); }
  void agent_changed(const agent_change& a, bool bundled) override {
    intervals.agent_changed(a.at, a.agent_type, a.from, a.to);
    if (!bundled) w.agents_.push_back({job_id, a});
  }
  void agent_unbundled(const agent_change& a) override { w.agents_.push_back({job_id, a}); }

  writer& w;
  std::int64_t job_id;
  call_assembler assembler{*this};
  interval_stats intervals;
  std::uint64_t events = 0;
  std::int64_t last_seq = -1;
  std::uint64_t offered = 0, answered = 0;
  bool finished = false;
  bool ended = false;
  std::optional<sim_time> end;
  bool dirty = false;
};

recorder::writer::writer(const std::filesystem::path& file, const scenario& s, run_settings settings,
                         recorder_options opts)
  : opts_(opts), horizon_(s.horizon), tenants_(s.tenants.size()) {
  db_ = open_database(file, connection::open_mode::create);
  // Checkpoint (copy the WAL into the database, with its fsyncs) every 32 MB
  // of log instead of every 4 MB: the writer waits on the disk less often.
  db_->query_int("PRAGMA wal_autocheckpoint = 8192");
  if (opts_.max_page_count > 0)
    db_->query_int("PRAGMA max_page_count = " + std::to_string(opts_.max_page_count));
  auto me = current_process();
  auto now = utc_now_iso();
  {
    transaction tx{*db_};
    auto ins = db_->prepare(
        "INSERT INTO runs (scenario, scenario_path, scenario_text, seed, replications, options, "
        "code_version, interval_ns, started_at, heartbeat_at, status, host, pid, pid_start) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 'running', ?10, ?11, ?12)");
    ins.bind(1, s.name).bind(2, settings.scenario_path).bind(3, settings.scenario_text);
    ins.bind(4, static_cast<std::int64_t>(settings.seed));
    ins.bind(5, static_cast<std::int64_t>(settings.replications));
    ins.bind(6, settings.options).bind(7, settings.code_version);
    ins.bind(8, static_cast<std::int64_t>(opts_.interval.count())).bind(9, now);
    ins.bind(10, me.host).bind(11, me.pid).bind(12, me.start_ticks);
    ins.run();
    run_id = db_->last_insert_rowid();

    auto job = db_->prepare(
        "INSERT INTO jobs (run_id, replication, tenant, tenant_name) VALUES (?1, ?2, ?3, ?4)");
    for (unsigned r = 0; r < settings.replications; ++r)
      for (std::size_t t = 0; t < s.tenants.size(); ++t) {
        job.bind(1, run_id).bind(2, static_cast<std::int64_t>(r)).bind(3, static_cast<std::int64_t>(t));
        job.bind(4, s.tenants[t].name);
        job.run();
        jobs_.push_back(std::make_unique<job_state>(*this, db_->last_insert_rowid(), s.tenants[t],
                                                    opts_.interval));
      }

    auto name = db_->prepare("INSERT INTO names (run_id, tenant, kind, code, name) VALUES (?1, ?2, ?3, ?4, ?5)");
    auto add = [&](std::size_t t, std::string_view kind, std::size_t code, const std::string& n) {
      name.bind(1, run_id).bind(2, static_cast<std::int64_t>(t)).bind(3, kind);
      name.bind(4, static_cast<std::int64_t>(code)).bind(5, n);
      name.run();
    };
    for (std::size_t t = 0; t < s.tenants.size(); ++t) {
      auto& ten = s.tenants[t];
      for (std::size_t c = 0; c < ten.call_types.size(); ++c) add(t, "call_type", c, ten.call_types[c].name);
      for (std::size_t a = 0; a < ten.agent_types.size(); ++a) add(t, "agent_type", a, ten.agent_types[a].name);
      auto reasons = break_reasons(ten);
      for (std::size_t b = 0; b < reasons.size(); ++b) add(t, "break_reason", b, reasons[b]);
    }
    tx.commit();
  }

  insert_call_ = db_->prepare(
      "INSERT INTO calls (job_id, seq, call_id, call_type, direction, counted, arrived_ns, outcome, "
      "reject_reason, qualification, agent, agent_type, queued_ns, dequeued_ns, wait_ns, talk_ns, "
      "wrap_ns, queued_dseq, dequeued_dseq, answer_dseq, last_dseq, bundled, end_to) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
      "?20, ?21, ?22, ?23)");
  insert_requeue_ = db_->prepare(
      "INSERT INTO call_requeues (job_id, seq, call_seq, entered, at_ns) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert_agent_ = db_->prepare(
      "INSERT INTO agent_events (event_key, at_ns, agent, agent_type, from_state, to_state, reason) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert_interval_ = db_->prepare(
      "INSERT INTO intervals (job_id, start_ns, call_type, offered, answered, abandoned, rejected, "
      "answered_within_t, wait_ns, handle_ns, queue_area, max_queue) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  insert_interval_agent_ = db_->prepare(
      "INSERT INTO interval_agents (job_id, start_ns, agent_type, busy_s, logged_s) VALUES (?1, ?2, ?3, ?4, ?5)");
  update_job_ = db_->prepare(
      "UPDATE jobs SET committed_seq = ?2, events = ?3, offered = ?4, answered = ?5, end_ns = ?6, "
      "finished = ?7 WHERE job_id = ?1");
  heartbeat_ = db_->prepare("UPDATE runs SET heartbeat_at = ?2 WHERE run_id = ?1");

  thread_ = std::thread([this] { run(); });
}

recorder::writer::~writer() { abandon(); }

void recorder::writer::push(std::uint32_t job, std::shared_ptr<const std::vector<event>> events) {
  std::unique_lock<std::mutex> lk(mtx_);
  not_full_.wait(lk, [&] { return queue_.size() < opts_.queue_batches || error_ || stopping_; });
  if (error_ || stopping_) return;  // writing failed: the run is being stopped
  queue_.push_back({job, std::move(events), {}});
  not_empty_.notify_one();
}

void recorder::writer::end_job(std::uint32_t job, sim_time clock_end) {
  std::lock_guard<std::mutex> lk(mtx_);  // never blocks on a full queue: one item per job
  if (error_ || stopping_) return;
  queue_.push_back({job, nullptr, clock_end});
  not_empty_.notify_one();
}

void recorder::writer::fail(const db_error& e) {
  {
    std::lock_guard<std::mutex> lk(mtx_);
    if (!error_) error_ = e;
    queue_.clear();
  }
  failed.store(true);
  if (cancel) cancel->store(true);  // stop the simulation: nothing it does can be recorded
  not_full_.notify_all();
}

void recorder::writer::run() {
  auto last_commit = std::chrono::steady_clock::now();
  for (;;) {
    std::optional<work_item> item;
    bool stop = false;
    {
      std::unique_lock<std::mutex> lk(mtx_);
      not_empty_.wait_until(lk, last_commit + opts_.commit_every,
                            [&] { return !queue_.empty() || stopping_; });
      if (!queue_.empty()) {
        item = std::move(queue_.front());
        queue_.pop_front();
        not_full_.notify_one();
      } else {
        stop = stopping_;
      }
    }
    if (failed.load()) {
      if (stop) return;
      continue;
    }
    try {
      if (item) process(*item);
      auto now = std::chrono::steady_clock::now();
      if (stop || pending_rows() >= opts_.commit_rows || now - last_commit >= opts_.commit_every) {
        flush();
        last_commit = now;
      }
    } catch (const db_error& e) {
      fail(e);
    } catch (const std::exception& e) {
      fail(db_error(db_->file(), e.what()));
    }
    if (stop) return;
  }
}

void recorder::writer::process(work_item& w) {
  if (w.job >= jobs_.size()) return;
  auto& job = *jobs_[w.job];
  job.dirty = true;
  if (!w.events) {  // the job's actor system is shutting down
    if (job.ended) return;
    job.ended = true;
    job.assembler.finish();
    bool cut_short = cancel && cancel->load();
    // run_tenant reports a run with a horizon at the horizon, else when its clock stopped.
    auto end = horizon_ && !cut_short ? *horizon_ : w.clock_end;
    job.end = end;
    job.finished = !cut_short;
    auto series = job.intervals.finish(end);
    for (std::size_t i = 0; i < series.size(); ++i) {
      auto start = series.start(i);
      for (std::size_t c = 0; c < series.by_type[i].size(); ++c)
        interval_rows_.push_back({job.job_id, start, static_cast<int>(c), series.by_type[i][c]});
      interval_rows_.push_back({job.job_id, start, -1, series.tenant[i]});
      for (std::size_t a = 0; a < series.by_agent[i].size(); ++a)
        agent_interval_rows_.push_back({job.job_id, start, static_cast<int>(a), series.by_agent[i][a]});
    }
    return;
  }
  for (auto& e : *w.events) job.assembler.on(e);
  if (!w.events->empty()) job.last_seq = static_cast<std::int64_t>(w.events->back().seq);
  job.events += w.events->size();
}

void recorder::writer::flush() {
  // Whatever the assembler holds back, and bundles of calls still open,
  // become rows now: the commit must stand on its own.
  for (auto& job : jobs_)
    if (!job->ended) job->assembler.checkpoint();
  transaction tx{*db_};
  for (auto& [job, c] : calls_) {
    auto& s = insert_call_;
    s.bind(1, job).bind(2, static_cast<std::int64_t>(c.seq)).bind(3, static_cast<std::int64_t>(c.call));
    s.bind(4, static_cast<std::int64_t>(c.type)).bind(5, static_cast<std::int64_t>(c.direction));
    s.bind(6, static_cast<std::int64_t>(c.counted)).bind(7, c.arrived.count());
    s.bind(8, static_cast<std::int64_t>(c.outcome)).bind(9, static_cast<std::int64_t>(c.reason));
    s.bind(10, static_cast<std::int64_t>(c.result));
    if (c.answered_by_agent()) {
      s.bind(11, static_cast<std::int64_t>(c.agent)).bind(12, static_cast<std::int64_t>(c.agent_type));
    } else {
      s.bind_null(11).bind_null(12);
    }
    s.bind(13, ns(c.queued)).bind(14, ns(c.dequeued)).bind(15, ns(c.wait)).bind(16, ns(c.talk));
    s.bind(17, ns(c.wrap)).bind(18, num(c.queued_dseq)).bind(19, num(c.dequeued_dseq));
    s.bind(20, num(c.answer_dseq)).bind(21, num(c.last_dseq));
    s.bind(22, static_cast<std::int64_t>(c.bundled));
    if (c.bundled & bundle_end) s.bind(23, static_cast<std::int64_t>(c.end_to)); else s.bind_null(23);
    s.step();
    s.reset();
  }
  for (auto& [job, r] : requeues_) {
    insert_requeue_.bind(1, job).bind(2, static_cast<std::int64_t>(r.seq));
    insert_requeue_.bind(3, static_cast<std::int64_t>(r.call_seq)).bind(4, std::int64_t{r.entered});
    insert_requeue_.bind(5, r.at.count());
    insert_requeue_.run();
  }
  for (auto& [job, a] : agents_) {
    if (a.seq >= (std::uint64_t{1} << seq_bits))
      throw db_error(db_->file(), "event sequence number too large to store");
    auto& s = insert_agent_;
    s.bind(1, (job << seq_bits) | static_cast<std::int64_t>(a.seq)).bind(2, a.at.count());
    s.bind(3, static_cast<std::int64_t>(a.agent)).bind(4, static_cast<std::int64_t>(a.agent_type));
    s.bind(5, static_cast<std::int64_t>(a.from)).bind(6, static_cast<std::int64_t>(a.to));
    s.bind(7, static_cast<std::int64_t>(a.reason));
    s.step();
    s.reset();
  }
  for (auto& r : interval_rows_) {
    auto& s = insert_interval_;
    auto& c = r.cells;
    s.bind(1, r.job).bind(2, r.start.count()).bind(3, static_cast<std::int64_t>(r.type));
    s.bind(4, static_cast<std::int64_t>(c.offered)).bind(5, static_cast<std::int64_t>(c.answered));
    s.bind(6, static_cast<std::int64_t>(c.abandoned)).bind(7, static_cast<std::int64_t>(c.rejected));
    s.bind(8, static_cast<std::int64_t>(c.answered_within_t)).bind(9, c.wait_ns).bind(10, c.handle_ns);
    s.bind(11, c.queue_area).bind(12, static_cast<std::int64_t>(c.max_queue));
    s.run();
  }
  for (auto& r : agent_interval_rows_) {
    auto& s = insert_interval_agent_;
    s.bind(1, r.job).bind(2, r.start.count()).bind(3, static_cast<std::int64_t>(r.type));
    s.bind(4, r.cells.busy_s).bind(5, r.cells.logged_s);
    s.run();
  }
  for (auto& job : jobs_) {
    if (!job->dirty) continue;
    auto& s = update_job_;
    s.bind(1, job->job_id).bind(2, job->last_seq).bind(3, static_cast<std::int64_t>(job->events));
    s.bind(4, static_cast<std::int64_t>(job->offered)).bind(5, static_cast<std::int64_t>(job->answered));
    if (job->end) s.bind(6, job->end->count()); else s.bind_null(6);
    s.bind(7, std::int64_t{job->finished});
    s.run();
  }
  heartbeat_.bind(1, run_id).bind(2, utc_now_iso());
  heartbeat_.run();
  tx.commit();
  for (auto& job : jobs_) job->dirty = false;
  calls_written += calls_.size();
  agents_written += agents_.size();
  calls_.clear();
  requeues_.clear();
  agents_.clear();
  interval_rows_.clear();
  agent_interval_rows_.clear();
}

void recorder::writer::finish(run_state status, const std::string& detail, const std::string& report_json,
                              double wall) {
  {
    std::lock_guard<std::mutex> lk(mtx_);
    stopping_ = true;
  }
  not_empty_.notify_all();
  not_full_.notify_all();
  if (thread_.joinable()) thread_.join();
  finished_ = true;
  std::optional<db_error> err;
  {
    std::lock_guard<std::mutex> lk(mtx_);
    err = error_;
  }
  std::string why = detail;
  if (err) {
    status = run_state::failed;
    why = err->what();
  }
  try {
    auto up = db_->prepare(
        "UPDATE runs SET status = ?2, status_detail = ?3, finished_at = ?4, heartbeat_at = ?4, "
        "wall_s = ?5, report_json = ?6 WHERE run_id = ?1");
    up.bind(1, run_id).bind(2, to_string(status));
    if (why.empty()) up.bind_null(3); else up.bind(3, why);
    up.bind(4, utc_now_iso()).bind(5, wall);
    if (report_json.empty()) up.bind_null(6); else up.bind(6, report_json);
    up.run();
  } catch (const db_error& e) {
    if (!err) throw;  // the first problem is the one to report
  }
  if (err) throw *err;
}

void recorder::writer::abandon() {
  if (finished_) return;
  try {
    finish(run_state::failed, "the recording stopped without a final status", {}, 0);
  } catch (...) {  // a destructor reports nothing; the run is left for `ccsim runs` to judge
  }
}

// ------------------------------------------------------------------- actor

namespace {

event_subscriber::behavior_type recorder_behavior(event_subscriber::pointer self,
                                                  std::shared_ptr<recorder::writer> w, std::uint32_t job) {
  // Simulated time is the actor clock since the system started; the job's
  // clock has not moved yet when its subscribers are spawned.
  auto* clock = &self->clock();
  auto origin = clock->now();
  self->attach_functor([w, job, clock, origin] {
    w->end_job(job, std::chrono::duration_cast<sim_time>(clock->now() - origin));
  });
  return {
    [w, job](const event_batch& batch) { w->push(job, batch.events); },
  };
}

} // namespace

// ------------------------------------------------------------------- recorder

recorder::recorder(const std::filesystem::path& db, const scenario& s, run_settings settings,
                   recorder_options opts)
  : writer_(std::make_shared<writer>(db, s, std::move(settings), opts)) {}

recorder::~recorder() {
  if (writer_) writer_->abandon();
}

std::int64_t recorder::run_id() const { return writer_->run_id; }
const std::string& recorder::file() const { return writer_->file(); }
void recorder::watch_cancel(std::atomic<bool>* flag) { writer_->cancel = flag; }
bool recorder::failed() const { return writer_->failed.load(); }
std::string recorder::failure() const { return writer_->failure(); }
std::uint64_t recorder::calls_written() const { return writer_->calls_written.load(); }
std::uint64_t recorder::agent_events_written() const { return writer_->agents_written.load(); }

event_subscriber recorder::spawn_subscriber(caf::actor_system& sys, unsigned replication,
                                            tenant_index tenant) {
  return sys.spawn(recorder_behavior, writer_, writer_->job_index(replication, tenant));
}

std::function<std::vector<event_subscriber>(caf::actor_system&, unsigned, tenant_index)>
recorder::subscribers() {
  return [this](caf::actor_system& sys, unsigned replication, tenant_index tenant) {
    return std::vector<event_subscriber>{spawn_subscriber(sys, replication, tenant)};
  };
}

void recorder::finish(run_state status, const std::string& detail, const std::string& report_json,
                      double wall_seconds) {
  writer_->finish(status, detail, report_json, wall_seconds);
}

} // namespace ccsim::store
