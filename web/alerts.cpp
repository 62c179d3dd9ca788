#include "web/alerts.hpp"

#include <cstdio>

namespace ccsim::web {

namespace {

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string percent(double share) { return fixed(share * 100.0, 1) + "%"; }

alert dispatch_alert(const live::engine_status& status, const alert_bounds& b) {
  alert a{"dispatch_p99", false, "", status.dispatch_latency.p99_ms, b.dispatch_p99_ms};
  if (status.dispatch_latency.count < b.min_dispatches) {
    a.detail = "not enough dispatches yet (" + std::to_string(status.dispatch_latency.count) + " of " +
               std::to_string(b.min_dispatches) + ")";
    return a;
  }
  a.active = a.value > a.bound;
  a.detail = "dispatch p99 " + fixed(a.value, 3) + " ms (bound " + fixed(a.bound, 3) + " ms)";
  return a;
}

alert error_alert(const recent_requests& r, const alert_bounds& b) {
  alert a{"error_rate", false, "", r.error_rate(), b.error_rate};
  if (r.requests < b.min_requests) {
    a.detail = "not enough requests in the last minute (" + std::to_string(r.requests) + " of " +
               std::to_string(b.min_requests) + ")";
    return a;
  }
  a.active = a.value > a.bound;
  a.detail = std::to_string(r.errors) + " of " + std::to_string(r.requests) + " requests in the last minute failed (" +
             percent(a.value) + ", bound " + percent(a.bound) + ")";
  return a;
}

} // namespace

std::vector<alert> evaluate_alerts(const live::tenant_snapshot& snap, const live::engine_status& status,
                                   const recent_requests& requests, const alert_bounds& b) {
  return evaluate_alerts(live::kpis_of(snap), status, requests, b);
}

std::vector<alert> evaluate_alerts(const live::tenant_kpis& tenant, const live::engine_status& status,
                                   const recent_requests& requests, const alert_bounds& b) {
  std::vector<alert> out;
  out.push_back(dispatch_alert(status, b));
  out.push_back(error_alert(requests, b));

  alert sat{"saturation", false, "", 0, b.saturation};
  std::uint64_t offered = 0, rejected = 0;
  double since = tenant.now_s - 60.0 * b.saturation_minutes;
  for (auto& m : tenant.minutes) {
    if (m.start_s + 60.0 <= since) continue;
    offered += m.offered;
    rejected += m.rejected;
  }
  if (offered < b.min_calls) {
    sat.detail = "not enough calls in the last " + std::to_string(b.saturation_minutes) + " minutes (" +
                 std::to_string(offered) + " of " + std::to_string(b.min_calls) + ")";
  } else {
    sat.value = static_cast<double>(rejected) / static_cast<double>(offered);
    sat.active = sat.value > sat.bound;
    sat.detail = std::to_string(rejected) + " of " + std::to_string(offered) + " calls rejected in the last " +
                 std::to_string(b.saturation_minutes) + " minutes (" + percent(sat.value) + ", bound " +
                 percent(sat.bound) + ")";
  }
  out.push_back(sat);

  alert sl{"service_level", false, "", tenant.kpis.service_level, tenant.service_level_target};
  if (tenant.kpis.offered < b.min_calls) {
    sl.detail = "not enough calls yet (" + std::to_string(tenant.kpis.offered) + " of " + std::to_string(b.min_calls) + ")";
  } else {
    sl.active = sl.value < sl.bound;
    sl.detail = "service level " + percent(sl.value) + " within " + fixed(tenant.service_level_threshold_s, 0) +
                " s (target " + percent(sl.bound) + ")";
  }
  out.push_back(sl);
  return out;
}

std::vector<alert> evaluate_server_alerts(const live::engine_status& status, const recent_requests& requests,
                                          const alert_bounds& b) {
  return {dispatch_alert(status, b), error_alert(requests, b)};
}

} // namespace ccsim::web
