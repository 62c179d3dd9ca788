#pragma once
// Alert conditions, evaluated whenever they are shown (/status, /metrics,
// every WebSocket update), so they are always current:
//   dispatch_p99   dispatch latency p99 (server-wide) above its bound (1 ms)
//   error_rate     share of the tenant's API requests of the last minute
//                  answered with an error status (>= 400) above 5%
//   saturation     rejected share of the calls offered in the last 15
//                  simulated minutes above 10%
//   service_level  service level since start below the tenant's target
// A condition needs enough data to judge (100 dispatches, 20 requests,
// 20 calls); with less it is inactive and its detail says so.
#include <string>
#include <vector>

#include "live/engine.hpp"
#include "web/server_stats.hpp"

namespace ccsim::web {

struct alert {
  std::string name;
  bool active = false;
  std::string detail;  ///< the value and the bound, for humans
  double value = 0;
  double bound = 0;
};

struct alert_bounds {
  double dispatch_p99_ms = 1.0;
  double error_rate = 0.05;
  double saturation = 0.10;
  std::uint64_t min_dispatches = 100;
  std::uint64_t min_requests = 20;
  std::uint64_t min_calls = 20;
  int saturation_minutes = 15;
};

/// The four alerts of one tenant, always in the order above.
std::vector<alert> evaluate_alerts(const live::tenant_kpis& tenant, const live::engine_status& status,
                                   const recent_requests& requests, const alert_bounds& bounds);
/// The same from a full snapshot (the WebSocket stream has one at hand).
std::vector<alert> evaluate_alerts(const live::tenant_snapshot& snap, const live::engine_status& status,
                                   const recent_requests& requests, const alert_bounds& bounds);

/// The server-wide ones (dispatch_p99 and error_rate over all requests).
std::vector<alert> evaluate_server_alerts(const live::engine_status& status, const recent_requests& requests,
                                          const alert_bounds& bounds);

} // namespace ccsim::web
