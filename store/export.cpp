#include "store/export.hpp"

#include <map>

#include "store/call_record.hpp"

namespace ccsim::store {

namespace {

cell text(std::string s) { return cell::of(std::move(s)); }
cell integer(std::int64_t x) { return cell::of(x); }
cell secs(sim_duration d) { return cell::of(d); }
cell real(double x) { return cell::of(x); }

std::string name_or_code(const std::vector<std::string>& names, std::int64_t code) {
  if (code >= 0 && static_cast<std::size_t>(code) < names.size() && !names[static_cast<std::size_t>(code)].empty())
    return names[static_cast<std::size_t>(code)];
  return std::to_string(code);
}

/// Per job: replication, tenant name and the tenant's names.
struct job_info {
  std::int64_t replication = 0;
  std::string tenant;
  std::vector<std::string> call_types, agent_types;
};

std::map<std::int64_t, job_info> job_infos(connection& db, std::int64_t run_id) {
  std::map<std::int64_t, job_info> out;
  for (auto& j : run_jobs(db, run_id)) {
    job_info info;
    info.replication = j.replication;
    info.tenant = j.tenant_name;
    info.call_types = names_of(db, run_id, j.tenant, "call_type");
    info.agent_types = names_of(db, run_id, j.tenant, "agent_type");
    out.emplace(j.id, std::move(info));
  }
  return out;
}

} // namespace

std::vector<std::string> call_columns() {
  return {"run_id", "replication", "tenant", "call_id", "call_type", "direction", "counted",
          "arrived_s", "queued_s", "answered_s", "ended_s", "agent", "agent_type", "outcome",
          "reject_reason", "qualification", "wait_s", "talk_s", "wrap_s"};
}

std::vector<std::string> agent_event_columns() {
  return {"run_id", "replication", "tenant", "seq", "at_s", "agent", "agent_type", "from", "to", "reason"};
}

std::vector<std::string> interval_columns() {
  return {"run_id", "replication", "tenant", "interval_start_s", "interval_start", "interval_end",
          "call_type", "agent_type", "offered", "answered", "abandoned", "rejected",
          "answered_within_t", "service_level", "asa_s", "aht_s", "mean_queue", "max_queue",
          "busy_agent_s", "logged_agent_s", "occupancy"};
}

std::uint64_t export_calls(connection& db, std::int64_t run_id, table_format format, std::ostream& out) {
  auto jobs = job_infos(db, run_id);
  table_writer w(out, format, call_columns());
  auto q = db.prepare(
      "SELECT c.job_id, c.call_id, c.call_type, c.direction, c.counted, c.arrived_ns, c.outcome, "
      "c.reject_reason, c.qualification, c.agent, c.agent_type, c.queued_ns, c.wait_ns, c.talk_ns, "
      "c.wrap_ns FROM calls c JOIN jobs j ON j.job_id = c.job_id WHERE j.run_id = ?1 "
      "ORDER BY c.job_id, c.seq");
  q.bind(1, run_id);
  std::vector<cell> row;
  while (q.step()) {
    auto& info = jobs[q.int64(0)];
    auto arrived = sim_time{q.int64(5)};
    auto outcome = static_cast<call_outcome>(q.int64(6));
    auto reason = static_cast<reject_reason>(q.int64(7));
    auto result = static_cast<qualification>(q.int64(8));
    bool has_agent = !q.is_null(9);
    auto opt = [&](int col) -> std::optional<sim_duration> {
      if (q.is_null(col)) return std::nullopt;
      return sim_duration{q.int64(col)};
    };
    auto queued = opt(11), wait = opt(12), talk = opt(13), wrap = opt(14);
    row.clear();
    row.push_back(integer(run_id));
    row.push_back(integer(info.replication));
    row.push_back(text(info.tenant));
    row.push_back(integer(q.int64(1)));
    row.push_back(text(name_or_code(info.call_types, q.int64(2))));
    row.push_back(text(std::string(to_string(static_cast<call_direction>(q.int64(3))))));
    row.push_back(integer(q.int64(4)));
    row.push_back(secs(arrived));
    row.push_back(queued ? secs(arrived + *queued) : cell{});
    row.push_back(has_agent && wait ? secs(arrived + *wait) : cell{});
    if (outcome == call_outcome::in_system || !wait) row.push_back(cell{});
    else row.push_back(secs(arrived + *wait + talk.value_or(sim_duration::zero())));
    row.push_back(has_agent ? integer(q.int64(9)) : cell{});
    row.push_back(has_agent ? text(name_or_code(info.agent_types, q.int64(10))) : cell{});
    row.push_back(text(std::string(to_string(outcome))));
    row.push_back(reason == reject_reason::none ? text("") : text(std::string(to_string(reason))));
    row.push_back(result == qualification::none ? text("") : text(std::string(to_string(result))));
    row.push_back(wait ? secs(*wait) : cell{});
    row.push_back(talk ? secs(*talk) : cell{});
    row.push_back(wrap ? secs(*wrap) : cell{});
    w.row(row);
  }
  w.finish();
  return w.rows();
}

std::uint64_t export_agent_events(connection& db, std::int64_t run_id, table_format format,
                                  std::ostream& out) {
  table_writer w(out, format, agent_event_columns());
  std::vector<cell> row;
  // Rows of their own and changes bundled with calls, merged in event order
  // by the same replay that rebuilds reports.
  for (auto& job : run_jobs(db, run_id)) {
    auto agent_types = names_of(db, run_id, job.tenant, "agent_type");
    auto reasons = names_of(db, run_id, job.tenant, "break_reason");
    replay_job(db, job, [&](const event& e) {
      if (e.kind != event_kind::agent_state_changed) return;
      row.clear();
      row.push_back(integer(run_id));
      row.push_back(integer(job.replication));
      row.push_back(text(job.tenant_name));
      row.push_back(integer(static_cast<std::int64_t>(e.seq)));
      row.push_back(secs(e.at));
      row.push_back(integer(e.agent));
      row.push_back(text(name_or_code(agent_types, e.agent_type)));
      row.push_back(text(std::string(to_string(e.from))));
      row.push_back(text(std::string(to_string(e.to))));
      row.push_back(e.to == agent_state::on_break ? text(name_or_code(reasons, e.break_reason)) : text(""));
      w.row(row);
    });
  }
  w.finish();
  return w.rows();
}

std::uint64_t export_intervals(std::int64_t run_id, const std::vector<job_row>& jobs,
                               const std::vector<interval_series>& series,
                               const std::vector<tenant_names>& names, sim_duration start_of_day,
                               table_format format, std::ostream& out) {
  table_writer w(out, format, interval_columns());
  std::vector<cell> row;
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  for (std::size_t j = 0; j < jobs.size() && j < series.size(); ++j) {
    auto& job = jobs[j];
    auto& s = series[j];
    static const tenant_names none;
    auto& n = job.tenant < names.size() ? names[job.tenant] : none;
    for (std::size_t i = 0; i < s.size(); ++i) {
      auto start = s.start(i);
      auto head = [&] {
        row.clear();
        row.push_back(integer(run_id));
        row.push_back(integer(job.replication));
        row.push_back(text(job.tenant_name));
        row.push_back(secs(start));
        row.push_back(text(format_clock(start_of_day + start)));
        row.push_back(text(format_clock(start_of_day + start + s.length)));
      };
      auto calls_row = [&](std::string type, const interval_calls& c) {
        head();
        row.push_back(text(std::move(type)));
        row.push_back(text(""));
        for (auto v : {c.offered, c.answered, c.abandoned, c.rejected, c.answered_within_t})
          row.push_back(integer(static_cast<std::int64_t>(v)));
        row.push_back(real(c.service_level()));
        row.push_back(real(c.asa_s()));
        row.push_back(real(c.aht_s()));
        row.push_back(real(s.mean_queue(i, c)));
        row.push_back(integer(c.max_queue));
        for (int k = 0; k < 3; ++k) row.push_back(cell{});
        w.row(row);
      };
      for (std::size_t c = 0; c < s.by_type[i].size(); ++c)
        calls_row(name_or_code(n.call_types, static_cast<std::int64_t>(c)), s.by_type[i][c]);
      calls_row("(all)", s.tenant[i]);
      for (std::size_t a = 0; a < s.by_agent[i].size(); ++a) {
        auto& x = s.by_agent[i][a];
        head();
        row.push_back(text(""));
        row.push_back(text(name_or_code(n.agent_types, static_cast<std::int64_t>(a))));
        for (int k = 0; k < 10; ++k) row.push_back(cell{});
        row.push_back(real(x.busy_s));
        row.push_back(real(x.logged_s));
        row.push_back(real(ratio(x.busy_s, x.logged_s)));
        w.row(row);
      }
    }
  }
  w.finish();
  return w.rows();
}

} // namespace ccsim::store
