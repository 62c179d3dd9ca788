#include "web/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace ccsim::web {

namespace {

std::string num(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

class writer {
public:
  void family(const std::string& name, const char* type, const std::string& help) {
    out_ << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n";
  }
  void sample(const std::string& name, const std::string& labels, double v) {
    out_ << name;
    if (!labels.empty()) out_ << "{" << labels << "}";
    out_ << " " << num(v) << "\n";
  }
  void sample(const std::string& name, const std::string& labels, std::uint64_t v) {
    out_ << name;
    if (!labels.empty()) out_ << "{" << labels << "}";
    out_ << " " << v << "\n";
  }
  std::string str() const { return out_.str(); }

private:
  std::ostringstream out_;
};

std::string label(const std::string& k, const std::string& v) { return k + "=\"" + escape_label(v) + "\""; }

} // namespace

std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

std::string render_metrics(const metrics_input& in) {
  writer w;
  auto& s = in.status;
  w.family("ccsim_uptime_seconds", "gauge", "Wall-clock seconds since the server started.");
  w.sample("ccsim_uptime_seconds", "", s.uptime_s);
  w.family("ccsim_sim_time_seconds", "gauge", "Simulated seconds since the server started.");
  w.sample("ccsim_sim_time_seconds", "", s.sim_time_s);
  w.family("ccsim_speed", "gauge", "Simulated seconds per wall second.");
  w.sample("ccsim_speed", "", s.speed);
  w.family("ccsim_paused", "gauge", "1 while scenario arrivals are paused.");
  w.sample("ccsim_paused", "", s.paused ? 1.0 : 0.0);
  w.family("ccsim_tenants", "gauge", "Tenants on the server.");
  w.sample("ccsim_tenants", "", static_cast<std::uint64_t>(s.tenants));
  w.family("ccsim_agents", "gauge", "Agents by state, all tenants.");
  for (auto& [state, n] : s.agents_by_state) w.sample("ccsim_agents", label("state", state), static_cast<std::uint64_t>(n));
  w.family("ccsim_calls", "gauge", "Calls in the system by state, all tenants.");
  for (auto& [state, n] : s.calls_by_state) w.sample("ccsim_calls", label("state", state), static_cast<std::uint64_t>(n));
  w.family("ccsim_calls_created_total", "counter", "Calls created (API and scenario traffic).");
  w.sample("ccsim_calls_created_total", "", s.calls_created);

  auto& l = s.dispatch_latency;
  w.family("ccsim_dispatch_latency_seconds", "histogram",
           "Wall time from a call being accepted to an agent reserved (or the call queued).");
  std::uint64_t last = 0;
  for (auto& [upper_ms, cumulative] : l.buckets) {
    w.sample("ccsim_dispatch_latency_seconds_bucket", label("le", num(upper_ms / 1000.0)), cumulative);
    last = cumulative;
  }
  w.sample("ccsim_dispatch_latency_seconds_bucket", label("le", "+Inf"), std::max(last, l.count));
  w.sample("ccsim_dispatch_latency_seconds_sum", "", l.sum_ms / 1000.0);
  w.sample("ccsim_dispatch_latency_seconds_count", "", l.count);
  w.family("ccsim_dispatch_latency_p99_seconds", "gauge", "p99 of the dispatch latency since start.");
  w.sample("ccsim_dispatch_latency_p99_seconds", "", l.p99_ms / 1000.0);

  auto& st = in.stats;
  w.family("ccsim_http_requests_total", "counter", "HTTP requests answered, by status class.");
  for (int c = 1; c <= 5; ++c) w.sample("ccsim_http_requests_total", label("code", std::to_string(c) + "xx"), st.by_class(c));
  w.family("ccsim_websocket_clients", "gauge", "WebSocket clients connected.");
  w.sample("ccsim_websocket_clients", "", st.ws_connected.load());
  w.family("ccsim_websocket_resyncs_total", "counter", "Slow clients sent a fresh snapshot instead of queued updates.");
  w.sample("ccsim_websocket_resyncs_total", "", st.ws_resyncs.load());
  w.family("ccsim_websocket_closed_slow_total", "counter", "Clients closed for staying too far behind.");
  w.sample("ccsim_websocket_closed_slow_total", "", st.ws_closed_slow.load());

  w.family("ccsim_webhook_subscriptions", "gauge", "Webhook subscriptions.");
  w.sample("ccsim_webhook_subscriptions", "", static_cast<std::uint64_t>(in.webhook_subscriptions));
  w.family("ccsim_webhook_events_total", "counter", "Webhook events by outcome.");
  w.sample("ccsim_webhook_events_total", label("outcome", "delivered"), in.webhooks.delivered);
  w.sample("ccsim_webhook_events_total", label("outcome", "failed"), in.webhooks.failed);
  w.sample("ccsim_webhook_events_total", label("outcome", "dropped"), in.webhooks.dropped);
  w.family("ccsim_webhook_retries_total", "counter", "Webhook delivery attempts that were retried.");
  w.sample("ccsim_webhook_retries_total", "", in.webhooks.retries);
  w.family("ccsim_webhook_queued", "gauge", "Webhook events waiting or in flight.");
  w.sample("ccsim_webhook_queued", "", in.webhooks.queued);

  if (in.recording.enabled) {
    w.family("ccsim_recording_failed", "gauge", "1 once the session's SQLite recording has stopped on an error.");
    w.sample("ccsim_recording_failed", "", in.recording.failed ? 1.0 : 0.0);
    w.family("ccsim_recorded_calls_total", "counter", "Call records committed to SQLite in this session.");
    w.sample("ccsim_recorded_calls_total", "", in.recording.calls_written);
  }

  w.family("ccsim_alert_active", "gauge", "1 while an alert condition holds.");
  for (auto& a : in.server_alerts) w.sample("ccsim_alert_active", label("alert", a.name) + "," + label("tenant", ""), a.active ? 1.0 : 0.0);
  for (auto& t : in.tenants)
    for (auto& a : t.alerts)
      w.sample("ccsim_alert_active", label("alert", a.name) + "," + label("tenant", t.name), a.active ? 1.0 : 0.0);

  if (!in.tenants.empty()) {
    w.family("ccsim_tenant_calls_total", "counter", "Calls of a tenant by outcome, since start (report definitions).");
    for (auto& t : in.tenants) {
      auto tl = label("tenant", t.name);
      w.sample("ccsim_tenant_calls_total", tl + "," + label("outcome", "offered"), t.kpis.offered);
      w.sample("ccsim_tenant_calls_total", tl + "," + label("outcome", "answered"), t.kpis.answered);
      w.sample("ccsim_tenant_calls_total", tl + "," + label("outcome", "abandoned"), t.kpis.abandoned);
      w.sample("ccsim_tenant_calls_total", tl + "," + label("outcome", "rejected"), t.kpis.rejected);
    }
    w.family("ccsim_tenant_service_level", "gauge", "Answered within T / offered, since start.");
    for (auto& t : in.tenants) w.sample("ccsim_tenant_service_level", label("tenant", t.name), t.kpis.service_level);
    w.family("ccsim_tenant_asa_seconds", "gauge", "Mean wait of answered calls, since start.");
    for (auto& t : in.tenants) w.sample("ccsim_tenant_asa_seconds", label("tenant", t.name), t.kpis.asa);
    w.family("ccsim_tenant_abandon_rate", "gauge", "Abandoned / offered, since start.");
    for (auto& t : in.tenants) w.sample("ccsim_tenant_abandon_rate", label("tenant", t.name), t.kpis.abandon_rate);
    w.family("ccsim_tenant_occupancy", "gauge", "Busy / logged-in agent time, since start.");
    for (auto& t : in.tenants) w.sample("ccsim_tenant_occupancy", label("tenant", t.name), t.occupancy);
    w.family("ccsim_tenant_calls_waiting", "gauge", "Calls waiting now.");
    for (auto& t : in.tenants)
      w.sample("ccsim_tenant_calls_waiting", label("tenant", t.name), static_cast<std::uint64_t>(t.waiting));
  }
  return w.str();
}

} // namespace ccsim::web
