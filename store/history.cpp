#include "store/history.hpp"

#include <queue>
#include <unordered_map>

#include "store/call_assembler.hpp"
#include "store/process_info.hpp"

namespace ccsim::store {

namespace {

constexpr int seq_bits = 40;
constexpr double stale_heartbeat_s = 120;  // another host's run: silent this long = gone

const char* run_columns =
    "r.run_id, r.scenario, r.scenario_path, r.scenario_text, r.options, r.code_version, r.seed, "
    "r.replications, r.interval_ns, r.started_at, r.heartbeat_at, ifnull(r.finished_at, ''), r.wall_s, "
    "r.status, ifnull(r.status_detail, ''), r.host, r.pid, r.pid_start, ifnull(r.report_json, ''), "
    "(SELECT ifnull(sum(offered), 0) FROM jobs j WHERE j.run_id = r.run_id), "
    "(SELECT ifnull(sum(answered), 0) FROM jobs j WHERE j.run_id = r.run_id), "
    "(julianday('now') - julianday(r.heartbeat_at)) * 86400, r.kind";

struct run_with_age {
  run_row row;
  double heartbeat_age_s = 0;
};

run_with_age read_run(const statement& q) {
  run_with_age out;
  auto& r = out.row;
  r.id = q.int64(0);
  r.scenario = q.text(1);
  r.scenario_path = q.text(2);
  r.scenario_text = q.text(3);
  r.options = q.text(4);
  r.code_version = q.text(5);
  r.seed = static_cast<std::uint64_t>(q.int64(6));
  r.replications = static_cast<unsigned>(q.int64(7));
  r.interval = sim_duration{q.int64(8)};
  r.started_at = q.text(9);
  r.heartbeat_at = q.text(10);
  r.finished_at = q.text(11);
  if (!q.is_null(12)) r.wall_s = q.real(12);
  r.status = q.text(13);
  r.status_detail = q.text(14);
  r.host = q.text(15);
  r.pid = q.int64(16);
  r.pid_start = q.int64(17);
  r.report_json = q.text(18);
  r.offered = static_cast<std::uint64_t>(q.int64(19));
  r.answered = static_cast<std::uint64_t>(q.int64(20));
  out.heartbeat_age_s = q.real(21);
  r.kind = q.text(22);
  return out;
}

/// A `running` run whose recorder is gone (this host: its process; another
/// host: no heartbeat for a while).
bool is_orphan(const run_with_age& r) {
  if (r.row.status != "running") return false;
  auto me = current_process();
  if (r.row.host != me.host) return r.heartbeat_age_s > stale_heartbeat_s;
  return !is_alive_here({r.row.host, r.row.pid, r.row.pid_start});
}

std::string orphan_detail(const run_row& r) {
  return "the recording process (pid " + std::to_string(r.pid) + " on " + r.host
         + ") ended without finishing the run; rows committed up to " + r.heartbeat_at + " are kept";
}

void mark_orphan(run_row& r) {
  r.status = "interrupted";
  r.status_detail = orphan_detail(r);
  if (r.finished_at.empty()) r.finished_at = r.heartbeat_at;
}

std::vector<run_with_age> query_runs(connection& db, std::string_view where, std::int64_t arg) {
  auto q = db.prepare(std::string("SELECT ") + run_columns + " FROM runs r " + std::string(where)
                      + " ORDER BY r.run_id");
  if (!where.empty()) q.bind(1, arg);
  std::vector<run_with_age> out;
  while (q.step()) out.push_back(read_run(q));
  return out;
}

} // namespace

int reconcile_runs(connection& db) {
  auto running = query_runs(db, "WHERE r.status = 'running' AND ?1 = ?1", 0);
  int marked = 0;
  for (auto& r : running) {
    if (!is_orphan(r)) continue;
    ++marked;
    if (db.read_only()) continue;  // shown as interrupted, but the file stays as it is
    auto up = db.prepare(
        "UPDATE runs SET status = 'interrupted', status_detail = ?2, finished_at = heartbeat_at "
        "WHERE run_id = ?1 AND status = 'running'");
    up.bind(1, r.row.id).bind(2, orphan_detail(r.row));
    up.run();
    auto rel = db.prepare("DELETE FROM run_reserve WHERE run_id = ?1");  // its pages, held back for a status
    rel.bind(1, r.row.id);
    rel.run();
  }
  return marked;
}

std::vector<run_row> list_runs(connection& db) {
  std::vector<run_row> out;
  for (auto& r : query_runs(db, "", 0)) {
    if (is_orphan(r)) mark_orphan(r.row);
    out.push_back(std::move(r.row));
  }
  return out;
}

std::optional<run_row> find_run(connection& db, std::int64_t run_id) {
  auto rows = query_runs(db, "WHERE r.run_id = ?1", run_id);
  if (rows.empty()) return std::nullopt;
  if (is_orphan(rows.front())) mark_orphan(rows.front().row);
  return std::move(rows.front().row);
}

std::vector<job_row> run_jobs(connection& db, std::int64_t run_id) {
  auto q = db.prepare(
      "SELECT job_id, replication, tenant, tenant_name, committed_seq, events, offered, answered, "
      "end_ns, finished FROM jobs WHERE run_id = ?1 ORDER BY replication, tenant");
  q.bind(1, run_id);
  std::vector<job_row> out;
  while (q.step()) {
    job_row j;
    j.id = q.int64(0);
    j.replication = static_cast<unsigned>(q.int64(1));
    j.tenant = static_cast<tenant_index>(q.int64(2));
    j.tenant_name = q.text(3);
    j.committed_seq = q.int64(4);
    j.events = static_cast<std::uint64_t>(q.int64(5));
    j.offered = static_cast<std::uint64_t>(q.int64(6));
    j.answered = static_cast<std::uint64_t>(q.int64(7));
    if (!q.is_null(8)) j.end = sim_time{q.int64(8)};
    j.finished = q.int64(9) != 0;
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<std::string> names_of(connection& db, std::int64_t run_id, tenant_index tenant,
                                  std::string_view kind) {
  auto q = db.prepare("SELECT code, name FROM names WHERE run_id = ?1 AND tenant = ?2 AND kind = ?3 ORDER BY code");
  q.bind(1, run_id).bind(2, static_cast<std::int64_t>(tenant)).bind(3, kind);
  std::vector<std::string> out;
  while (q.step()) {
    auto code = static_cast<std::size_t>(q.int64(0));
    if (code >= out.size()) out.resize(code + 1);
    out[code] = q.text(1);
  }
  return out;
}

// ------------------------------------------------------------------ replay

namespace {

struct later_seq {
  bool operator()(const event& a, const event& b) const { return a.seq > b.seq; }
};

std::optional<sim_duration> opt_ns(const statement& q, int col) {
  if (q.is_null(col)) return std::nullopt;
  return sim_duration{q.int64(col)};
}

} // namespace

void replay_job(connection& db, const job_row& job, const std::function<void(const event&)>& fn) {
  // Queue movements after a call's first: rare, so all in memory.
  std::unordered_multimap<std::uint64_t, event> extra;
  {
    auto q = db.prepare("SELECT call_seq, seq, entered, at_ns FROM call_requeues WHERE job_id = ?1");
    q.bind(1, job.id);
    while (q.step()) {
      event e;
      e.seq = static_cast<std::uint64_t>(q.int64(1));
      e.kind = q.int64(2) ? event_kind::call_queued : event_kind::call_assigned;
      e.at = sim_time{q.int64(3)};
      extra.emplace(static_cast<std::uint64_t>(q.int64(0)), e);
    }
  }
  auto calls = db.prepare(
      "SELECT seq, call_id, call_type, counted, arrived_ns, outcome, reject_reason, qualification, "
      "agent, agent_type, queued_ns, dequeued_ns, wait_ns, talk_ns, wrap_ns, queued_dseq, "
      "dequeued_dseq, answer_dseq, last_dseq, bundled, end_to FROM calls WHERE job_id = ?1 ORDER BY seq");
  calls.bind(1, job.id);
  auto agents = db.prepare(
      "SELECT event_key, at_ns, agent, agent_type, from_state, to_state, reason FROM agent_events "
      "WHERE event_key BETWEEN ?1 AND ?2 ORDER BY event_key");
  agents.bind(1, job.id << seq_bits).bind(2, ((job.id + 1) << seq_bits) - 1);

  std::priority_queue<event, std::vector<event>, later_seq> pending;  // later events of read calls
  bool have_call = calls.step();
  bool have_agent = agents.step();
  auto call_seq = [&] { return static_cast<std::uint64_t>(calls.int64(0)); };
  auto agent_seq = [&] {
    return static_cast<std::uint64_t>(agents.int64(0) & ((std::int64_t{1} << seq_bits) - 1));
  };

  while (have_call || have_agent || !pending.empty()) {
    std::uint64_t best = UINT64_MAX;
    int source = -1;  // 0 pending, 1 call, 2 agent
    if (!pending.empty()) best = pending.top().seq, source = 0;
    if (have_call && call_seq() < best) best = call_seq(), source = 1;
    if (have_agent && agent_seq() < best) best = agent_seq(), source = 2;

    if (source == 0) {
      fn(pending.top());
      pending.pop();
    } else if (source == 2) {
      event e;
      e.kind = event_kind::agent_state_changed;
      e.seq = best;
      e.tenant = job.tenant;
      e.at = sim_time{agents.int64(1)};
      e.agent = static_cast<agent_id>(agents.int64(2));
      e.agent_type = static_cast<agent_type_index>(agents.int64(3));
      e.from = static_cast<agent_state>(agents.int64(4));
      e.to = static_cast<agent_state>(agents.int64(5));
      e.break_reason = static_cast<std::uint8_t>(agents.int64(6));
      fn(e);
      have_agent = agents.step();
    } else {
      event base;
      base.seq = best;
      base.tenant = job.tenant;
      base.call = static_cast<call_id>(calls.int64(1));
      base.type = static_cast<call_type_index>(calls.int64(2));
      base.counted = calls.int64(3) != 0;
      base.arrived = sim_time{calls.int64(4)};
      auto outcome = static_cast<call_outcome>(calls.int64(5));
      auto reason = static_cast<reject_reason>(calls.int64(6));
      auto result = static_cast<qualification>(calls.int64(7));
      auto agent = calls.is_null(8) ? no_agent : static_cast<agent_id>(calls.int64(8));
      auto agent_type = static_cast<agent_type_index>(calls.is_null(9) ? 0 : calls.int64(9));
      auto queued = opt_ns(calls, 10), dequeued = opt_ns(calls, 11), wait = opt_ns(calls, 12);
      auto talk = opt_ns(calls, 13).value_or(sim_duration::zero());
      auto wrap = opt_ns(calls, 14).value_or(sim_duration::zero());
      auto dseq = [&](int col) { return best + static_cast<std::uint64_t>(calls.int64(col)); };

      event arrival = base;
      arrival.kind = event_kind::call_arrived;
      arrival.at = base.arrived;
      fn(arrival);
      if (queued) {
        event e = base;
        e.kind = event_kind::call_queued;
        e.at = base.arrived + *queued;
        e.seq = dseq(15);
        pending.push(e);
        if (dequeued) {
          e.kind = event_kind::call_assigned;
          e.at += *dequeued;
          e.seq = dseq(16);
          e.agent = agent;
          pending.push(e);
        }
      }
      auto [lo, hi] = extra.equal_range(best);
      for (auto it = lo; it != hi; ++it) {
        event e = base;
        e.kind = it->second.kind;
        e.at = it->second.at;
        e.seq = it->second.seq;
        pending.push(e);
      }
      auto bundled = static_cast<std::uint8_t>(calls.int64(19));
      auto agent_event = [&](std::uint64_t seq, sim_time at, agent_state from, agent_state to) {
        event e;
        e.kind = event_kind::agent_state_changed;
        e.seq = seq;
        e.tenant = job.tenant;
        e.at = at;
        e.agent = agent;
        e.agent_type = agent_type;
        e.from = from;
        e.to = to;
        pending.push(e);
      };
      if (wait && !calls.is_null(17)) {  // answered (perhaps still talking at the end)
        auto answer_seq = dseq(17);
        auto at = base.arrived + *wait;
        event e = base;
        e.kind = event_kind::call_answered;
        e.seq = answer_seq;
        e.at = at;
        e.agent = agent;
        e.agent_type = agent_type;
        e.duration = *wait;
        pending.push(e);
        if (bundled & bundle_answer) {
          agent_event(answer_seq - 2, at, agent_state::available, agent_state::reserved);
          agent_event(answer_seq - 1, at, agent_state::reserved, agent_state::on_call);
        }
      }
      if (wait && !calls.is_null(18) && outcome != call_outcome::in_system) {
        event e = base;
        e.seq = dseq(18);
        e.agent = agent;
        e.agent_type = agent_type;
        switch (outcome) {
          case call_outcome::answered:
            e.kind = event_kind::call_ended;
            e.at = base.arrived + *wait + talk;
            e.duration = talk;
            e.duration2 = wrap;
            e.result = result;
            if (bundled & bundle_end)
              agent_event(e.seq + 1, e.at, agent_state::on_call, static_cast<agent_state>(calls.int64(20)));
            break;
          case call_outcome::abandoned:
          case call_outcome::rejected:
            e.kind = outcome == call_outcome::abandoned ? event_kind::call_abandoned
                                                        : event_kind::call_rejected;
            e.at = base.arrived + *wait;
            e.duration = *wait;
            e.reason = reason;
            break;
          case call_outcome::in_system:
            break;
        }
        pending.push(e);
      }
      have_call = calls.step();
    }
  }
}

namespace {

/// Feeds the assembler's output into interval tallies only.
class interval_sink final : public record_sink {
public:
  explicit interval_sink(interval_stats& s) : s_(s) {}
  void call_arrived(const call_record& c) override { s_.call_arrived(c); }
  void call_finished(const call_record& c) override { s_.call_finished(c); }
  void queue_changed(sim_time at, call_type_index type, int delta) override { s_.queue_changed(at, type, delta); }
  void requeued(const requeue_record&) override {}
  void agent_changed(const agent_change& a, bool) override { s_.agent_changed(a.at, a.agent_type, a.from, a.to); }
  void agent_unbundled(const agent_change&) override {}

private:
  interval_stats& s_;
};

} // namespace

interval_series replay_intervals(connection& db, const job_row& job, const tenant& config,
                                 sim_duration length) {
  interval_stats stats(length, config.service_level_threshold, config.call_types.size(),
                       config.agent_types.size());
  interval_sink sink(stats);
  call_assembler assembler(sink);
  sim_time last{0};
  replay_job(db, job, [&](const event& e) {
    assembler.on(e);
    last = std::max(last, e.at);
  });
  assembler.finish();
  return stats.finish(job.end.value_or(last));
}

interval_series stored_intervals(connection& db, const job_row& job, sim_duration length,
                                 std::size_t call_types, std::size_t agent_types) {
  interval_series s;
  s.length = length;
  s.end = job.end.value_or(sim_time{0});
  auto slot = [&](std::size_t i) {
    while (s.tenant.size() <= i) {
      s.tenant.emplace_back();
      s.by_type.emplace_back(call_types);
      s.by_agent.emplace_back(agent_types);
    }
  };
  auto q = db.prepare(
      "SELECT start_ns, call_type, offered, answered, abandoned, rejected, answered_within_t, wait_ns, "
      "handle_ns, queue_area, max_queue FROM intervals WHERE job_id = ?1 ORDER BY start_ns, call_type");
  q.bind(1, job.id);
  while (q.step()) {
    auto i = static_cast<std::size_t>(q.int64(0) / length.count());
    slot(i);
    auto type = q.int64(1);
    interval_calls c;
    c.offered = static_cast<std::uint64_t>(q.int64(2));
    c.answered = static_cast<std::uint64_t>(q.int64(3));
    c.abandoned = static_cast<std::uint64_t>(q.int64(4));
    c.rejected = static_cast<std::uint64_t>(q.int64(5));
    c.answered_within_t = static_cast<std::uint64_t>(q.int64(6));
    c.wait_ns = q.int64(7);
    c.handle_ns = q.int64(8);
    c.queue_area = q.real(9);
    c.max_queue = static_cast<std::uint32_t>(q.int64(10));
    if (type < 0) s.tenant[i] = c;
    else if (static_cast<std::size_t>(type) < call_types) s.by_type[i][static_cast<std::size_t>(type)] = c;
  }
  auto a = db.prepare(
      "SELECT start_ns, agent_type, busy_s, logged_s FROM interval_agents WHERE job_id = ?1 "
      "ORDER BY start_ns, agent_type");
  a.bind(1, job.id);
  while (a.step()) {
    auto i = static_cast<std::size_t>(a.int64(0) / length.count());
    slot(i);
    auto type = static_cast<std::size_t>(a.int64(1));
    if (type < agent_types) s.by_agent[i][type] = {a.real(2), a.real(3)};
  }
  if (!job.end && !s.tenant.empty()) s.end = s.start(s.tenant.size());
  return s;
}

} // namespace ccsim::store
