// System routes: /health, /status, /metrics, the wallboard, the WebSocket
// endpoint's plain-HTTP answer, the API description and the speed control.
#include <fstream>
#include <unistd.h>

#include <boost/json/serialize.hpp>

#include "web/api.hpp"
#include "web/json_input.hpp"
#include "web/json_text.hpp"
#include "web/metrics.hpp"
#include "web/openapi.hpp"
#include "web/static_files.hpp"
#include "web/view_json.hpp"

namespace ccsim::web {

namespace json = boost::json;

namespace {

/// Tenants the caller may see in /status and /metrics: all for the admin,
/// its own for a tenant key, none without a key.
std::vector<live::tenant_info> visible_tenants(const api_context& ctx, const principal& who) {
  if (who.admin) return ctx.engine.tenants();
  if (!who.tenant.empty())
    if (auto t = ctx.engine.find_tenant(who.tenant)) return {*t};
  return {};
}

json::object alerts_json(const std::vector<alert>& alerts) {
  json::object o;
  for (auto& a : alerts)
    o[a.name] = json::object{{"active", a.active}, {"detail", a.detail}, {"value", a.value}, {"bound", a.bound}};
  return o;
}

/// Resident memory of this process (Linux), for the scale measurements.
std::uint64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

json::object control_json(const live::engine_status& s) { return {{"paused", s.paused}, {"speed", s.speed}}; }

void status(api_context& ctx, const call& c, responder done) {
  auto s = ctx.engine.status();
  auto body = to_json(s);
  body["status"] = "ok";
  auto recent = ctx.stats.recent("");
  json::object by_class;
  for (int k = 1; k <= 5; ++k) by_class[std::to_string(k) + "xx"] = ctx.stats.by_class(k);
  body["http"] = json::object{{"requests", ctx.stats.requests_total()},
                              {"by_class", std::move(by_class)},
                              {"last_minute", json::object{{"requests", recent.requests},
                                                           {"errors", recent.errors},
                                                           {"error_rate", recent.error_rate()}}}};
  body["websocket"] = json::object{{"clients", ctx.stats.ws_connected.load()},
                                   {"accepted", ctx.stats.ws_accepted.load()},
                                   {"auth_failed", ctx.stats.ws_auth_failed.load()},
                                   {"resyncs", ctx.stats.ws_resyncs.load()},
                                   {"closed_slow", ctx.stats.ws_closed_slow.load()}};
  auto w = ctx.hooks.totals();
  body["webhooks"] = json::object{{"subscriptions", ctx.hooks.subscriptions()},
                                  {"delivered", w.delivered},
                                  {"failed", w.failed},
                                  {"dropped", w.dropped},
                                  {"retries", w.retries},
                                  {"queued", w.queued}};
  body["process"] = json::object{{"rss_bytes", resident_bytes()}};
  auto rec = ctx.opts.recording ? ctx.opts.recording() : recording_state{};
  json::object recording{{"enabled", rec.enabled}};
  if (rec.enabled) {
    recording["run"] = rec.run_id;
    recording["failed"] = rec.failed;
    recording["calls_written"] = rec.calls_written;
    if (c.who.admin) {  // a server detail, not a tenant's business
      recording["file"] = rec.file;
      if (rec.failed) recording["failure"] = rec.failure;
    }
  }
  body["recording"] = std::move(recording);
  body["alerts"] = alerts_json(ctx.server_alerts(s));
  json::object tenants;
  for (auto& t : visible_tenants(ctx, c.who)) {
    auto tk = ctx.engine.kpis(t.id);
    auto k = to_json(tk.kpis);
    k["occupancy"] = tk.occupancy;
    tenants[t.name] = json::object{{"agents", tk.agents},
                                   {"waiting", tk.waiting},
                                   {"kpis", std::move(k)},
                                   {"alerts", alerts_json(ctx.tenant_alerts(tk, s))}};
  }
  body["tenant_details"] = std::move(tenants);
  done(json_response(200, body));
}

void metrics(api_context& ctx, const call& c, responder done) {
  auto s = ctx.engine.status();
  metrics_input in{s, ctx.stats, ctx.hooks.totals(), ctx.hooks.subscriptions(), ctx.server_alerts(s), {},
                   ctx.opts.recording ? ctx.opts.recording() : recording_state{}};
  for (auto& t : visible_tenants(ctx, c.who)) {
    auto tk = ctx.engine.kpis(t.id);
    in.tenants.push_back({t.name, tk.kpis, tk.occupancy, tk.waiting, ctx.tenant_alerts(tk, s)});
  }
  response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = render_metrics(in);
  done(std::move(r));
}

void set_control(api_context& ctx, const call& c, responder done) {
  auto body = read_body(c.req);
  if (auto* r = std::get_if<response>(&body)) return done(std::move(*r));
  problems out;
  object_reader rd{std::get<json::object>(body), "", out};
  rd.only({"paused", "speed"});
  auto paused = rd.boolean("paused", false);
  auto speed = rd.number("speed", false);
  if (out.empty() && !paused && !speed) out.shape("missing_field", "", "give \"paused\" (true/false) and/or \"speed\"");
  if (speed && !(*speed > 0 && *speed <= 10000))
    out.invalid("speed", "must be > 0 and at most 10000, got " + to_text(json::value(*speed)));
  if (!out.empty()) return done(error_response(out.to_error()));
  if (speed) {
    auto r = ctx.engine.set_speed(*speed);
    if (auto* e = std::get_if<api_error>(&r)) return done(error_response(*e));
  }
  if (paused) ctx.engine.set_paused(*paused);
  done(json_response(200, control_json(ctx.engine.status())));
}

} // namespace

void add_system_routes(router& r, api_context& ctx) {
  r.add({"GET", "/health", "Liveness: 200 while the server runs", access::open, "", "Health", {200},
         [](const call&, responder done) { done(json_response(200, json::object{{"status", "ok"}})); }});
  r.add({"GET", "/status", "Uptime, tenants, agents and calls by state, dispatch latency, alerts, web counters",
         access::open, "", "Status", {200},
         [&ctx](const call& c, responder done) { status(ctx, c, std::move(done)); }});
  r.add({"GET", "/metrics", "Prometheus text exposition", access::open, "", "text", {200},
         [&ctx](const call& c, responder done) { metrics(ctx, c, std::move(done)); }});
  r.add({"GET", "/ws", "WebSocket stream (snapshot, then updates); see docs/api.md", access::open, "", "", {101, 426},
         [](const call&, responder done) {
           auto resp = error_response({426, "upgrade_required", "/ws speaks WebSocket: send an Upgrade request"});
           resp.headers.emplace_back("Upgrade", "websocket");
           done(std::move(resp));
         }});
  r.add({"GET", "/", "The wallboard (static files from the UI folder)", access::open, "", "html", {200, 404},
         [&ctx](const call&, responder done) {
           if (ctx.opts.ui_dir.empty()) return done(error_response(not_found("not_found", "no wallboard installed")));
           done(serve_static(ctx.opts.ui_dir, "/"));
         }});
  r.add({"GET", "/api/openapi.json", "This API's OpenAPI 3 description", access::open, "", "", {200},
         [&ctx, &r](const call&, responder done) {
           done(json_response(200, openapi_document(r, ctx.opts.max_body_bytes)));
         }});
  r.add({"GET", "/api/control", "Current speed factor and pause state", access::any_key, "", "Control", {200, 401},
         [&ctx](const call& c, responder done) {
           auto body = control_json(ctx.engine.status());
           body["can_control"] = c.who.admin;  // so a wallboard knows whether to show the controls
           done(json_response(200, body));
         }});
  r.add({"POST", "/api/control", "Pause/resume scenario arrivals and change the speed factor", access::admin,
         "Control", "Control", {200, 400, 401, 403, 422},
         [&ctx](const call& c, responder done) { set_control(ctx, c, std::move(done)); }});
}

} // namespace ccsim::web
