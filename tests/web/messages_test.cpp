#include "web/stream_messages.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "web/alerts.hpp"
#include "web/json_text.hpp"
#include "web/metrics.hpp"
#include "web/webhook_client.hpp"
#include "web/webhooks.hpp"

using namespace ccsim;
using namespace ccsim::web;
namespace json = boost::json;

namespace {

live::tenant_snapshot sample_snapshot() {
  live::tenant_snapshot s;
  s.tenant.name = "acme";
  s.now_s = 125.5;
  s.service_level_threshold_s = 20;
  s.service_level_target = 0.8;
  live::agent_info a;
  a.id = 3;
  a.name = "ann";
  a.type = "rep";
  a.state = agent_state::on_call;
  a.call = 17;
  a.calls_handled = 4;
  s.agents.push_back(a);
  live::queue_info q;
  q.call_type = "sales";
  q.waiting = 1;
  q.oldest_wait_s = 12.25;
  q.calls.push_back({18, 12.25});
  q.kpis.offered = 10;
  s.queues.push_back(q);
  s.kpis.offered = 40;
  s.kpis.answered = 30;
  s.kpis.service_level = 0.5;
  s.occupancy = 0.75;
  for (int m = 0; m < 5; ++m) s.minutes.push_back({60.0 * m, 5, 4, 1, 0});
  return s;
}

} // namespace

TEST_CASE("a snapshot message carries every documented key", "[web]") {
  live::engine_status st;
  st.speed = 10;
  auto text = snapshot_message(sample_snapshot(), st, {{"saturation", false, "ok", 0, 0.1}},
                               {{5, 100.0, "call_arrived", "call 17 arrived"}});
  auto v = json::parse(text).as_object();
  CHECK(v.at("type") == "snapshot");
  CHECK(v.at("tenant") == "acme");
  for (auto key : {"now_s", "speed", "paused", "service_level_threshold_s", "service_level_target", "agents",
                   "queues", "kpis", "minutes", "events", "alerts"})
    CHECK(v.contains(key));
  auto& agent = v.at("agents").as_array().at(0).as_object();
  for (auto key : {"id", "name", "type", "state", "state_since_s", "call", "break_reason", "calls_handled"})
    CHECK(agent.contains(key));
  CHECK(agent.at("state") == "on_call");
  auto& queue = v.at("queues").as_array().at(0).as_object();
  for (auto key : {"call_type", "waiting", "oldest_wait_s", "calls", "offered", "answered", "abandoned",
                   "service_level", "asa"})
    CHECK(queue.contains(key));
  auto& kpis = v.at("kpis").as_object();
  for (auto key : {"offered", "answered", "abandoned", "rejected", "in_system", "service_level",
                   "service_level_answered", "asa", "abandon_rate", "occupancy", "aht"})
    CHECK(kpis.contains(key));
  CHECK(v.at("minutes").as_array().size() == 5);
  auto& ev = v.at("events").as_array().at(0).as_object();
  for (auto key : {"seq", "at_s", "kind", "text"}) CHECK(ev.contains(key));
  auto& al = v.at("alerts").as_array().at(0).as_object();
  for (auto key : {"name", "active", "detail"}) CHECK(al.contains(key));
  CHECK(text.find("E0") == std::string::npos);  // plain numbers, not 1.25E1
}

TEST_CASE("an update carries only changed agents, removals and the last 2 minutes", "[web]") {
  auto snap = sample_snapshot();
  auto text = update_message(snap, {}, {}, {}, {&snap.agents[0]}, {9});
  auto v = json::parse(text).as_object();
  CHECK(v.at("type") == "update");
  CHECK(v.at("agents").as_array().size() == 1);
  CHECK(v.at("removed_agents").as_array() == json::array{9});
  CHECK(v.at("minutes").as_array().size() == 2);
  CHECK(v.at("minutes").as_array()[1].at("start_s").as_int64() == 240);
}

TEST_CASE("agent_changed notices every field a wallboard shows", "[web]") {
  live::agent_info a;
  auto b = a;
  CHECK_FALSE(agent_changed(a, b));
  b.state = agent_state::on_break;
  CHECK(agent_changed(a, b));
  b = a;
  b.calls_handled = 1;
  CHECK(agent_changed(a, b));
  b = a;
  b.call = 3;
  CHECK(agent_changed(a, b));
}

TEST_CASE("error messages have type, error and detail", "[web]") {
  auto v = json::parse(error_message("forbidden", "not yours")).as_object();
  CHECK(v.at("type") == "error");
  CHECK(v.at("error") == "forbidden");
  CHECK(v.at("detail") == "not yours");
}

TEST_CASE("to_text writes shortest numbers and null for non-finite ones", "[web]") {
  json::object o{{"a", 2.016}, {"b", 20.0}, {"c", 0.05}, {"d", std::numeric_limits<double>::infinity()},
                 {"e", -1}, {"s", "q\"\n"}};
  CHECK(to_text(o) == R"({"a":2.016,"b":20,"c":0.05,"d":null,"e":-1,"s":"q\"\n"})");
}

TEST_CASE("alerts fire on their bounds and stay quiet without enough data", "[web]") {
  auto snap = sample_snapshot();
  live::engine_status st;
  st.dispatch_latency.count = 1000;
  st.dispatch_latency.p99_ms = 2.5;
  recent_requests req{100, 10};
  auto alerts = evaluate_alerts(snap, st, req, alert_bounds{});
  REQUIRE(alerts.size() == 4);
  CHECK(alerts[0].name == "dispatch_p99");
  CHECK(alerts[0].active);
  CHECK(alerts[1].name == "error_rate");
  CHECK(alerts[1].active);  // 10% > 5%
  CHECK(alerts[2].name == "saturation");
  CHECK_FALSE(alerts[2].active);  // 25 calls, none rejected
  CHECK(alerts[3].name == "service_level");
  CHECK(alerts[3].active);  // 50% < 80%
  // The KPI-only read (what /status and /metrics use) judges the same.
  auto from_kpis = evaluate_alerts(live::kpis_of(snap), st, req, alert_bounds{});
  REQUIRE(from_kpis.size() == alerts.size());
  for (std::size_t i = 0; i < alerts.size(); ++i) {
    CHECK(from_kpis[i].active == alerts[i].active);
    CHECK(from_kpis[i].detail == alerts[i].detail);
  }
  snap.minutes.back().rejected = 5;
  CHECK(evaluate_alerts(snap, st, req, alert_bounds{})[2].active);  // 5 of 25 = 20%
  live::engine_status quiet;
  auto calm = evaluate_alerts(live::tenant_snapshot{}, quiet, {}, alert_bounds{});
  for (auto& a : calm) {
    CAPTURE(a.name);
    CHECK_FALSE(a.active);
    CHECK_THAT(a.detail, Catch::Contains("not enough"));
  }
}

TEST_CASE("metrics follow the Prometheus text format", "[web]") {
  live::engine_status st;
  st.agents_by_state = {{"available", 3}};
  st.dispatch_latency.count = 4;
  st.dispatch_latency.sum_ms = 2.5;
  st.dispatch_latency.p50_ms = 1.0;
  st.dispatch_latency.buckets = {{0.1, 1}, {1.0, 4}};
  server_stats stats;
  metrics_input in{st, stats, {}, 0, {}, {{"a\"b", {}, 0.5, 2, {}}}, {true, 3, "x.db", true, "disk full", 17}};
  auto text = render_metrics(in);
  CHECK_THAT(text, Catch::Contains("# TYPE ccsim_dispatch_latency_seconds histogram"));
  CHECK_THAT(text, Catch::Contains("ccsim_dispatch_latency_seconds_bucket{le=\"0.0001\"} 1"));
  CHECK_THAT(text, Catch::Contains("ccsim_dispatch_latency_seconds_bucket{le=\"+Inf\"} 4"));
  CHECK_THAT(text, Catch::Contains("ccsim_dispatch_latency_seconds_count 4"));
  CHECK_THAT(text, Catch::Contains("ccsim_dispatch_latency_seconds_sum 0.0025\n"));  // exact, not p50 x count
  CHECK_THAT(text, Catch::Contains("ccsim_agents{state=\"available\"} 3"));
  CHECK_THAT(text, Catch::Contains("ccsim_tenant_occupancy{tenant=\"a\\\"b\"} 0.5"));
  CHECK_THAT(text, Catch::Contains("ccsim_recording_failed 1\n"));
  CHECK_THAT(text, Catch::Contains("ccsim_recorded_calls_total 17\n"));
  // Every sample line belongs to a family declared before it.
  std::string family;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    auto line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.rfind("# TYPE ", 0) == 0) {
      family = line.substr(7, line.find(' ', 7) - 7);
    } else if (line.rfind("#", 0) != 0) {
      CAPTURE(line);
      CHECK(line.rfind(family, 0) == 0);
    }
  }
}

TEST_CASE("webhook URLs must be plain http with a host and port", "[web]") {
  std::string error;
  auto u = parse_http_url("http://127.0.0.1:8081/hooks?x=1", error);
  REQUIRE(u);
  CHECK(u->host == "127.0.0.1");
  CHECK(u->port == "8081");
  CHECK(u->target == "/hooks?x=1");
  auto d = parse_http_url("http://localhost", error);
  REQUIRE(d);
  CHECK(d->port == "80");
  CHECK(d->target == "/");
  CHECK(parse_http_url("http://[::1]:9/x", error)->host == "::1");
  CHECK_FALSE(parse_http_url("https://example.com/", error));
  CHECK_THAT(error, Catch::Contains("https is not supported"));
  CHECK_FALSE(parse_http_url("ftp://x/", error));
  CHECK_FALSE(parse_http_url("http://:80/", error));
  CHECK_FALSE(parse_http_url("http://h:99999/", error));
  CHECK_FALSE(parse_http_url("http://user@h/", error));
  CHECK_FALSE(parse_http_url("http://h/a b", error));
}

TEST_CASE("the webhook signature is sha256= and the hex HMAC of the body", "[web]") {
  CHECK(webhook_signature("Jefe", "what do ya want for nothing?") ==
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("server_stats counts errors per tenant over the last minute", "[web]") {
  server_stats s;
  auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  s.set_now_for_test(t0);
  for (int i = 0; i < 8; ++i) s.record("a", 200);
  s.record("a", 404);
  s.record("a", 500);
  s.record("b", 200);
  CHECK(s.recent("a").requests == 10);
  CHECK(s.recent("a").errors == 2);
  CHECK(s.recent("a").error_rate() == Approx(0.2));
  CHECK(s.recent("").requests == 11);
  CHECK(s.by_class(2) == 9);
  s.set_now_for_test(t0 + std::chrono::seconds(61));
  CHECK(s.recent("a").requests == 0);  // the window moved on
  CHECK(s.requests_total() == 11);
}
