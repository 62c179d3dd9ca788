#include "web/view_json.hpp"

#include <cmath>

namespace ccsim::web {

namespace json = boost::json;

double rounded(double seconds) { return std::round(seconds * 1000.0) / 1000.0; }

namespace {

json::array strings(const std::vector<std::string>& v) {
  json::array out;
  for (auto& s : v) out.emplace_back(s);
  return out;
}

} // namespace

json::object to_json(const live::tenant_info& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"call_types", strings(t.call_types)},
          {"agent_types", strings(t.agent_types)},
          {"agents", t.agents},
          {"scenario_traffic", t.scenario_traffic}};
}

json::object to_json(const live::agent_info& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"type", a.type},
          {"state", std::string{to_string(a.state)}},
          {"state_since_s", rounded(a.state_since_s)},
          {"call", a.call ? json::value(*a.call) : json::value(nullptr)},
          {"break_reason", a.break_reason},
          {"calls_handled", a.calls_handled},
          {"pending_break", a.pending_break},
          {"pending_logout", a.pending_logout}};
}

json::object to_json(const live::call_info& c) {
  return {{"id", c.id},
          {"type", c.type},
          {"state", c.state},
          {"agent", c.agent ? json::value(*c.agent) : json::value(nullptr)},
          {"arrived_s", rounded(c.arrived_s)},
          {"answered_s", c.answered_s ? json::value(rounded(*c.answered_s)) : json::value(nullptr)},
          {"ended_s", c.ended_s ? json::value(rounded(*c.ended_s)) : json::value(nullptr)},
          {"wait_s", rounded(c.wait_s)},
          {"reject_reason", c.reject_reason},
          {"qualification", c.qualification}};
}

json::object to_json(const live::call_created& c) {
  return {{"id", c.id},
          {"outcome", c.outcome},
          {"agent", c.agent ? json::value(*c.agent) : json::value(nullptr)},
          {"reason", c.reason},
          {"queue_length", c.queue_length}};
}

json::object to_json(const call_kpis& k) {
  return {{"offered", k.offered},
          {"answered", k.answered},
          {"abandoned", k.abandoned},
          {"rejected", k.rejected},
          {"in_system", k.in_system_at_end},
          {"service_level", k.service_level},
          {"service_level_answered", k.service_level_answered},
          {"asa", rounded(k.asa)},
          {"abandon_rate", k.abandon_rate},
          {"aht", rounded(k.aht)}};
}

json::object to_json(const live::queue_info& q, bool with_calls) {
  json::object o{{"call_type", q.call_type},
                 {"waiting", q.waiting},
                 {"oldest_wait_s", rounded(q.oldest_wait_s)},
                 {"offered", q.kpis.offered},
                 {"answered", q.kpis.answered},
                 {"abandoned", q.kpis.abandoned},
                 {"rejected", q.kpis.rejected},
                 {"service_level", q.kpis.service_level},
                 {"asa", rounded(q.kpis.asa)}};
  if (with_calls) {
    json::array calls;
    for (auto& c : q.calls) calls.push_back(json::object{{"id", c.id}, {"wait_s", rounded(c.wait_s)}});
    o["calls"] = std::move(calls);
  }
  return o;
}

json::object to_json(const live::latency_summary& l) {
  return {{"count", l.count}, {"p50_ms", l.p50_ms}, {"p90_ms", l.p90_ms}, {"p99_ms", l.p99_ms}, {"max_ms", l.max_ms}};
}

json::object to_json(const live::engine_status& s) {
  json::object agents, calls;
  for (auto& [state, n] : s.agents_by_state) agents[state] = n;
  for (auto& [state, n] : s.calls_by_state) calls[state] = n;
  return {{"uptime_s", rounded(s.uptime_s)},
          {"sim_time_s", rounded(s.sim_time_s)},
          {"speed", s.speed},
          {"paused", s.paused},
          {"tenants", s.tenants},
          {"agents_by_state", std::move(agents)},
          {"calls_by_state", std::move(calls)},
          {"calls_created", s.calls_created},
          {"dispatch_latency", to_json(s.dispatch_latency)}};
}

} // namespace ccsim::web
