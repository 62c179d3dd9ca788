#pragma once
// /metrics in the Prometheus text exposition format (version 0.0.4).
#include <string>
#include <vector>

#include "live/engine.hpp"
#include "web/alerts.hpp"
#include "web/recording_state.hpp"
#include "web/server_stats.hpp"
#include "web/webhooks.hpp"

namespace ccsim::web {

/// One tenant's series (only tenants the caller may see).
struct tenant_metrics {
  std::string name;
  call_kpis kpis;
  double occupancy = 0;
  std::size_t waiting = 0;
  std::vector<alert> alerts;
};

struct metrics_input {
  const live::engine_status& status;
  const server_stats& stats;
  webhook_counters webhooks;
  std::size_t webhook_subscriptions = 0;
  std::vector<alert> server_alerts;
  std::vector<tenant_metrics> tenants;
  recording_state recording;
};

std::string render_metrics(const metrics_input& in);

/// A label value with \, " and newlines escaped.
std::string escape_label(const std::string& v);

} // namespace ccsim::web
