#include "store/run_writer.hpp"

#include <algorithm>

#include "store/call_assembler.hpp"
#include "store/process_info.hpp"
#include "store/schema.hpp"

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

std::vector<std::string> names_of(const auto& items) {
  std::vector<std::string> out;
  for (auto& i : items) out.push_back(i.name);
  return out;
}

} // namespace

struct run_writer::job_state final : record_sink {
  job_state(run_writer& w, std::int64_t id, const tenant& t, sim_duration interval)
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

  run_writer& w;
  std::int64_t job_id;
  tenant_index tenant_no = 0;
  call_assembler assembler{*this};
  interval_stats intervals;
  std::uint64_t events = 0;
  std::int64_t last_seq = -1;
  sim_time last_at{0};
  std::uint64_t offered = 0, answered = 0;
  bool finished = false;
  bool ended = false;
  std::optional<sim_time> end;
  bool dirty = false;
};

run_writer::run_writer(const std::filesystem::path& file, const scenario& s, run_settings settings,
                       recorder_options opts)
  : opts_(opts), horizon_(s.horizon), tenants_(s.tenants.size()) {
  db_ = open_database(file, connection::open_mode::create);
  // Checkpoint (copy the WAL into the database, with its fsyncs) every 32 MB
  // of log instead of every 4 MB: the writer waits on the disk less often.
  db_->query_int("PRAGMA wal_autocheckpoint = 8192");
  if (opts_.max_page_count > 0)
    db_->query_int("PRAGMA max_page_count = " + std::to_string(opts_.max_page_count));
  insert_job_ = db_->prepare(
      "INSERT INTO jobs (run_id, replication, tenant, tenant_name) VALUES (?1, ?2, ?3, ?4)");
  insert_name_ = db_->prepare(
      "INSERT OR REPLACE INTO names (run_id, tenant, kind, code, name) VALUES (?1, ?2, ?3, ?4, ?5)");
  auto me = current_process();
  auto now = utc_now_iso();
  {
    transaction tx{*db_};
    auto ins = db_->prepare(
        "INSERT INTO runs (scenario, scenario_path, scenario_text, seed, replications, options, "
        "code_version, interval_ns, started_at, heartbeat_at, status, host, pid, pid_start, kind) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 'running', ?10, ?11, ?12, ?13)");
    ins.bind(1, s.name).bind(2, settings.scenario_path).bind(3, settings.scenario_text);
    ins.bind(4, static_cast<std::int64_t>(settings.seed));
    ins.bind(5, static_cast<std::int64_t>(settings.replications));
    ins.bind(6, settings.options).bind(7, settings.code_version);
    ins.bind(8, static_cast<std::int64_t>(opts_.interval.count())).bind(9, now);
    ins.bind(10, me.host).bind(11, me.pid).bind(12, me.start_ticks).bind(13, settings.kind);
    ins.run();
    run_id = db_->last_insert_rowid();
    auto reserve = db_->prepare("INSERT INTO run_reserve (run_id, pad) VALUES (?1, zeroblob(32768))");
    reserve.bind(1, run_id);
    reserve.run();
    for (unsigned r = 0; r < settings.replications; ++r)
      for (std::size_t t = 0; t < s.tenants.size(); ++t)
        insert_job(r, static_cast<tenant_index>(t), s.tenants[t]);
    for (std::size_t t = 0; t < s.tenants.size(); ++t)
      insert_names(static_cast<tenant_index>(t), "break_reason", break_reasons(s.tenants[t]));
    tx.commit();
  }
  next_job_ = static_cast<std::uint32_t>(jobs_.size());

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

run_writer::~run_writer() { abandon(); }

std::string run_writer::failure() const {
  std::lock_guard<std::mutex> lk(mtx_);
  return error_ ? error_->what() : std::string{};
}

std::size_t run_writer::pending_rows() const { return calls_.size() + requeues_.size() + agents_.size(); }

void run_writer::insert_job(unsigned replication, tenant_index index, const tenant& config) {
  insert_job_.bind(1, run_id).bind(2, static_cast<std::int64_t>(replication));
  insert_job_.bind(3, static_cast<std::int64_t>(index)).bind(4, config.name);
  insert_job_.run();
  auto job = std::make_unique<job_state>(*this, db_->last_insert_rowid(), config, opts_.interval);
  job->tenant_no = index;
  jobs_.push_back(std::move(job));
  if (replication == 0) {
    insert_names(index, "call_type", names_of(config.call_types));
    insert_names(index, "agent_type", names_of(config.agent_types));
  }
}

void run_writer::insert_names(tenant_index index, const char* kind, const std::vector<std::string>& names) {
  for (std::size_t code = 0; code < names.size(); ++code) {
    insert_name_.bind(1, run_id).bind(2, static_cast<std::int64_t>(index)).bind(3, std::string_view{kind});
    insert_name_.bind(4, static_cast<std::int64_t>(code)).bind(5, names[code]);
    insert_name_.run();
  }
}

void run_writer::enqueue(work_item item) {
  queue_.push_back(std::move(item));
  not_empty_.notify_one();
}

std::uint32_t run_writer::add_job(tenant_index index, std::shared_ptr<const tenant> config) {
  std::lock_guard<std::mutex> lk(mtx_);
  auto job = next_job_++;
  work_item w;
  w.what = work_item::kind::add_job;
  w.job = job;
  w.tenant_no = index;
  w.config = std::move(config);
  if (!error_ && !stopping_) enqueue(std::move(w));
  return job;
}

void run_writer::push(std::uint32_t job, std::shared_ptr<const std::vector<event>> events) {
  std::unique_lock<std::mutex> lk(mtx_);
  not_full_.wait(lk, [&] { return queue_.size() < opts_.queue_batches || error_ || stopping_; });
  if (error_ || stopping_) return;  // writing failed: the run is being stopped
  work_item w;
  w.job = job;
  w.events = std::move(events);
  enqueue(std::move(w));
}

bool run_writer::try_push(std::uint32_t job, std::shared_ptr<const std::vector<event>> events) {
  {
    std::lock_guard<std::mutex> lk(mtx_);
    if (error_ || stopping_) return false;
    if (queue_.size() < opts_.live_queue_batches) {
      work_item w;
      w.job = job;
      w.events = std::move(events);
      enqueue(std::move(w));
      return true;
    }
  }
  fail(db_error(file(), "the disk did not keep up with the live event stream (" +
                            std::to_string(opts_.live_queue_batches) +
                            " event batches waiting); the recording stopped here"));
  return false;
}

void run_writer::end_job(std::uint32_t job, sim_time clock_end) {
  std::lock_guard<std::mutex> lk(mtx_);  // never blocks on a full queue: one item per job
  if (error_ || stopping_) return;
  work_item w;
  w.what = work_item::kind::end;
  w.job = job;
  w.clock_end = clock_end;
  enqueue(std::move(w));
}

void run_writer::name_break_reasons(std::uint32_t job, std::vector<std::string> reasons) {
  std::lock_guard<std::mutex> lk(mtx_);
  if (error_ || stopping_) return;
  work_item w;
  w.what = work_item::kind::names;
  w.job = job;
  w.names = std::move(reasons);
  enqueue(std::move(w));
}

void run_writer::set_scenario(std::string name, std::string text) {
  std::lock_guard<std::mutex> lk(mtx_);
  scenario_.emplace(std::move(name), std::move(text));
}

void run_writer::fail(const db_error& e) {
  {
    std::lock_guard<std::mutex> lk(mtx_);
    if (!error_) error_ = e;
    queue_.clear();
  }
  failed.store(true);
  if (cancel) cancel->store(true);  // stop the simulation: nothing it does can be recorded
  not_full_.notify_all();
}

void run_writer::run() {
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
      // Nothing more is written; sleep until finish() instead of spinning
      // on a deadline that has passed (a live server goes on for hours).
      if (stop) return;
      std::unique_lock<std::mutex> lk(mtx_);
      not_empty_.wait(lk, [&] { return stopping_; });
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

void run_writer::process(work_item& w) {
  if (w.what == work_item::kind::add_job) {
    // Jobs are numbered in queue order, so this one is the next.
    if (w.job != jobs_.size() || !w.config)
      throw db_error(file(), "tenant " + std::to_string(w.tenant_no) + " has no definition to record it with");
    insert_job(0, w.tenant_no, *w.config);
    return;
  }
  if (w.job >= jobs_.size()) return;
  auto& job = *jobs_[w.job];
  switch (w.what) {
    case work_item::kind::names:
      insert_names(job.tenant_no, "break_reason", w.names);
      return;
    case work_item::kind::end:
      finish_job(job, w.clock_end);
      return;
    default: break;
  }
  job.dirty = true;
  for (auto& e : *w.events) job.assembler.on(e);
  if (!w.events->empty()) {
    job.last_seq = static_cast<std::int64_t>(w.events->back().seq);
    job.last_at = std::max(job.last_at, w.events->back().at);
  }
  job.events += w.events->size();
}

void run_writer::finish_job(job_state& job, sim_time clock_end) {
  if (job.ended) return;
  job.dirty = true;
  job.ended = true;
  job.assembler.finish();
  bool cut_short = cancel && cancel->load();
  // run_tenant reports a run with a horizon at the horizon, else when its clock stopped.
  // A live session's stop time is taken before its last events are in; the
  // job never ends before its last event.
  auto end = horizon_ && !cut_short ? *horizon_ : std::max(clock_end, job.last_at);
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
}

void run_writer::flush() {
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


void run_writer::finish(run_state status, const std::string& detail, const std::string& report_json,
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
  std::optional<std::pair<std::string, std::string>> described;
  {
    std::lock_guard<std::mutex> lk(mtx_);
    err = error_;
    described = scenario_;
  }
  // The pages held back since the start make room for what follows, however
  // full the disk is (a delete needs no new pages).
  try {
    auto rel = db_->prepare("DELETE FROM run_reserve WHERE run_id = ?1");
    rel.bind(1, run_id);
    rel.run();
  } catch (const db_error& e) {
    if (!err) err = e;
  }
  // The session's scenario first, on its own: a recorded session is only
  // complete with it. A failure (a full disk has no room for the text)
  // makes the run failed, and must not keep the status below from landing.
  if (described) {
    try {
      auto sc = db_->prepare("UPDATE runs SET scenario = ?2, scenario_text = ?3 WHERE run_id = ?1");
      sc.bind(1, run_id).bind(2, described->first).bind(3, described->second);
      sc.run();
    } catch (const db_error& e) {
      if (!err) err = e;
    }
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

void run_writer::abandon() {
  if (finished_) return;
  try {
    finish(run_state::failed, "the recording stopped without a final status", {}, 0);
  } catch (...) {  // a destructor reports nothing; the run is left for `ccsim runs` to judge
  }
}

} // namespace ccsim::store
