#include "web/stream_messages.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "web/json_text.hpp"
#include "web/view_json.hpp"

namespace ccsim::web {

namespace json = boost::json;

namespace {

/// The keys snapshot and update share.
json::object common(const char* type, const live::tenant_snapshot& snap, const live::engine_status& status,
                    const std::vector<alert>& alerts, const std::vector<event_line>& events, std::size_t minutes) {
  json::object o;
  o["type"] = type;
  o["tenant"] = snap.tenant.name;
  o["now_s"] = rounded(snap.now_s);
  o["speed"] = status.speed;
  o["paused"] = status.paused;
  o["service_level_threshold_s"] = snap.service_level_threshold_s;
  o["service_level_target"] = snap.service_level_target;

  json::array queues;
  for (auto& q : snap.queues) queues.push_back(to_json(q, true));
  o["queues"] = std::move(queues);

  auto kpis = to_json(snap.kpis);  // the same fields as /status, plus the tenant's occupancy
  kpis["occupancy"] = snap.occupancy;
  o["kpis"] = std::move(kpis);

  json::array mins;
  auto first = snap.minutes.size() > minutes ? snap.minutes.size() - minutes : 0;
  for (auto i = first; i < snap.minutes.size(); ++i) {
    auto& m = snap.minutes[i];
    mins.push_back(json::object{{"start_s", rounded(m.start_s)},
                                {"offered", m.offered},
                                {"answered", m.answered},
                                {"abandoned", m.abandoned},
                                {"rejected", m.rejected}});
  }
  o["minutes"] = std::move(mins);

  json::array evs;
  for (auto& e : events)
    evs.push_back(json::object{{"seq", e.seq}, {"at_s", rounded(e.at_s)}, {"kind", e.kind}, {"text", e.text}});
  o["events"] = std::move(evs);

  json::array al;
  for (auto& a : alerts) al.push_back(json::object{{"name", a.name}, {"active", a.active}, {"detail", a.detail}});
  o["alerts"] = std::move(al);
  return o;
}

} // namespace

std::string snapshot_message(const live::tenant_snapshot& snap, const live::engine_status& status,
                             const std::vector<alert>& alerts, const std::vector<event_line>& events) {
  auto o = common("snapshot", snap, status, alerts, events, snap.minutes.size());
  json::array agents;
  for (auto& a : snap.agents) agents.push_back(to_json(a));
  o["agents"] = std::move(agents);
  return to_text(o);
}

std::string update_message(const live::tenant_snapshot& snap, const live::engine_status& status,
                           const std::vector<alert>& alerts, const std::vector<event_line>& events,
                           const std::vector<const live::agent_info*>& changed,
                           const std::vector<agent_id>& removed) {
  auto o = common("update", snap, status, alerts, events, 2);
  json::array agents;
  for (auto* a : changed) agents.push_back(to_json(*a));
  o["agents"] = std::move(agents);
  json::array gone;
  for (auto id : removed) gone.push_back(id);
  o["removed_agents"] = std::move(gone);
  return to_text(o);
}

std::string error_message(const std::string& code, const std::string& detail) {
  return to_text(json::object{{"type", "error"}, {"error", code}, {"detail", detail}});
}

bool agent_changed(const live::agent_info& a, const live::agent_info& b) {
  return a.state != b.state || a.state_since_s != b.state_since_s || a.call != b.call ||
         a.break_reason != b.break_reason || a.calls_handled != b.calls_handled || a.name != b.name ||
         a.type != b.type || a.pending_break != b.pending_break || a.pending_logout != b.pending_logout;
}

} // namespace ccsim::web
