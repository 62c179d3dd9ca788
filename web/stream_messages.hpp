#pragma once
// The WebSocket message format (docs/api.md, "WebSocket stream"): snapshot,
// update and error messages as JSON text. The wallboard codes against these
// keys; change them only together with docs/api.md and the UI.
#include <string>
#include <vector>

#include "live/engine.hpp"
#include "web/alerts.hpp"

namespace ccsim::web {

/// One line of the event ticker.
struct event_line {
  std::uint64_t seq = 0;
  double at_s = 0;
  std::string kind;  ///< the domain event_kind name
  std::string text;
};

/// {"type":"snapshot", ...}: everything a wallboard shows for one tenant.
std::string snapshot_message(const live::tenant_snapshot& snap, const live::engine_status& status,
                             const std::vector<alert>& alerts, const std::vector<event_line>& events);

/// {"type":"update", ...}: as a snapshot, but "agents" holds only the
/// changed ones (plus "removed_agents"), "minutes" the last 2 buckets and
/// "events" only new ones.
std::string update_message(const live::tenant_snapshot& snap, const live::engine_status& status,
                           const std::vector<alert>& alerts, const std::vector<event_line>& events,
                           const std::vector<const live::agent_info*>& changed,
                           const std::vector<agent_id>& removed);

/// {"type":"error","error":code,"detail":text}
std::string error_message(const std::string& code, const std::string& detail);

/// True if a wallboard would show `now` differently from `before`.
bool agent_changed(const live::agent_info& before, const live::agent_info& now);

} // namespace ccsim::web
