// The REST API over a real socket: resources, errors and tenant isolation.
#include <catch2/catch.hpp>

#include "tests/web/server_fixture.hpp"

using namespace ccsim::web;
using namespace ccsim::web::test;
namespace json = boost::json;

namespace {

/// Every error is JSON with "error" and "detail".
void check_error(const http_reply& r, int status, const std::string& code) {
  CAPTURE(r.body, r.error);
  CHECK(r.status == status);
  auto v = r.json();
  REQUIRE(v.is_object());
  CHECK(v.as_object().contains("detail"));
  REQUIRE(v.as_object().contains("error"));
  CHECK(v.at("error").as_string() == code);
}

std::string str(const json::value& v, const char* key) { return std::string{v.at(key).as_string()}; }

} // namespace

TEST_CASE("status reports the session's recording, its file and failure to the admin only", "[web]") {
  // The server only renders what the probe says; `ccsim serve` wires the
  // real recorder (tests/store/serve_recording_test.cpp runs that end to end).
  server_fixture f([](server_options& o) {
    o.recording = [] { return recording_state{true, 7, "/data/ccsim.db", true, "/data/ccsim.db: disk full", 1234}; };
  });
  auto admin = f.get("/status").json().at("recording").as_object();
  CHECK(admin.at("enabled") == true);
  CHECK(admin.at("run") == 7);
  CHECK(admin.at("failed") == true);
  CHECK(admin.at("calls_written") == 1234);
  CHECK(admin.at("file") == "/data/ccsim.db");
  CHECK(admin.at("failure") == "/data/ccsim.db: disk full");
  auto anonymous = f.get("/status", "").json().at("recording").as_object();
  CHECK(anonymous.at("failed") == true);
  CHECK_FALSE(anonymous.contains("file"));
  CHECK_FALSE(anonymous.contains("failure"));
  auto m = f.get("/metrics", "").body;
  CHECK(m.find("ccsim_recording_failed 1\n") != std::string::npos);

  server_fixture none;
  CHECK(none.get("/status").json().at("recording") == boost::json::object{{"enabled", false}});
  CHECK(none.get("/metrics").body.find("ccsim_recording_failed") == std::string::npos);
}

TEST_CASE("health, status and metrics answer without a key", "[web]") {
  server_fixture f;
  auto h = f.get("/health", "");
  CHECK(h.status == 200);
  CHECK(h.json().at("status") == "ok");
  auto s = f.get("/status", "");
  REQUIRE(s.status == 200);
  auto st = s.json().as_object();
  for (auto key : {"uptime_s", "tenants", "agents_by_state", "calls_by_state", "dispatch_latency", "alerts",
                   "webhooks", "websocket", "http"})
    CHECK(st.contains(key));
  CHECK(st.at("dispatch_latency").as_object().contains("p99_ms"));
  auto m = f.get("/metrics", "");
  CHECK(m.status == 200);
  CHECK(m.headers["content-type"].rfind("text/plain; version=0.0.4", 0) == 0);
  CHECK_THAT(m.body, Catch::Contains("ccsim_dispatch_latency_seconds_bucket"));
}

TEST_CASE("a tenant is created with the admin key and its key is shown once", "[web]") {
  server_fixture f;
  auto r = f.post("/api/tenants", tenant_definition("acme", 2));
  REQUIRE(r.status == 201);
  auto key = str(r.json(), "api_key");
  CHECK(key.rfind("ccsim_", 0) == 0);
  CHECK(r.json().at("tenant").at("name") == "acme");
  auto got = f.get("/api/tenants/acme", key);
  CHECK(got.status == 200);
  CHECK(got.body.find(key) == std::string::npos);  // never shown again
  check_error(f.post("/api/tenants", tenant_definition("acme", 1)), 409, "tenant_exists");
  check_error(f.post("/api/tenants", tenant_definition("other", 1), key), 403, "forbidden");
  check_error(f.post("/api/tenants", tenant_definition("other", 1), ""), 401, "unauthorized");
  check_error(f.post("/api/tenants", tenant_definition("other", 1), "nonsense"), 401, "unauthorized");
}

TEST_CASE("tenant keys never reach another tenant's resources", "[web]") {
  server_fixture f;
  auto a = f.create_tenant("alpha", 1);
  auto b = f.create_tenant("beta", 1);
  for (std::string path : {"/api/tenants/beta", "/api/tenants/beta/agents", "/api/tenants/beta/agents/0",
                           "/api/tenants/beta/queues", "/api/tenants/beta/calls/1", "/api/tenants/beta/webhooks",
                           "/api/tenants/nosuch"}) {
    CAPTURE(path);
    check_error(f.get(path, a), 403, "forbidden");
  }
  check_error(f.post("/api/tenants/beta/calls", R"({"type":"sales"})", a), 403, "forbidden");
  check_error(f.post("/api/tenants/beta/agents", R"({"type":"rep"})", a), 403, "forbidden");
  check_error(f.post("/api/tenants/beta/agents/0/state", R"({"state":"logout"})", a), 403, "forbidden");
  check_error(f.del("/api/tenants/beta/agents/0", a), 403, "forbidden");
  check_error(f.post("/api/tenants/beta/keys", "", a), 403, "forbidden");
  check_error(f.post("/api/control", R"({"paused":true})", a), 403, "forbidden");
  // The tenant list shows a tenant only itself; the admin sees both.
  auto list = f.get("/api/tenants", a).json().as_array();
  REQUIRE(list.size() == 1);
  CHECK(list[0].at("name") == "alpha");
  CHECK(f.get("/api/tenants").json().as_array().size() == 2);
  // The admin key reaches every tenant; unknown tenants are 404 for it.
  CHECK(f.get("/api/tenants/beta/agents").status == 200);
  check_error(f.get("/api/tenants/nosuch"), 404, "unknown_tenant");
  // /status details only what the key may see.
  auto st = f.get("/status", a).json().at("tenant_details").as_object();
  CHECK(st.contains("alpha"));
  CHECK_FALSE(st.contains("beta"));
  CHECK(f.get("/status", "").json().at("tenant_details").as_object().empty());
  CHECK(f.get("/metrics", b).body.find("tenant=\"alpha\"") == std::string::npos);
  CHECK(f.get("/metrics").body.find("tenant=\"alpha\"") != std::string::npos);
  (void)b;
}

TEST_CASE("a new key for a tenant replaces the old one", "[web]") {
  server_fixture f;
  auto old_key = f.create_tenant("acme", 1);
  auto r = f.post("/api/tenants/acme/keys", "");
  REQUIRE(r.status == 201);
  auto new_key = str(r.json(), "api_key");
  check_error(f.get("/api/tenants/acme", old_key), 401, "unauthorized");
  CHECK(f.get("/api/tenants/acme", new_key).status == 200);
  check_error(f.post("/api/tenants/nosuch/keys", ""), 404, "unknown_tenant");
}

TEST_CASE("agents are created, listed, moved through states and deleted", "[web]") {
  server_fixture f;
  auto key = f.create_tenant("acme", 1);
  auto r = f.post("/api/tenants/acme/agents", R"({"type":"junior","name":"jo","logged_in":false})", key);
  REQUIRE(r.status == 201);
  auto id = r.json().at("id").to_number<std::int64_t>();
  CHECK(r.json().at("state") == "offline");
  CHECK(r.json().at("name") == "jo");
  auto path = "/api/tenants/acme/agents/" + std::to_string(id);
  CHECK(f.wait_json(path, key, [](auto& v) { return v.at("type") == "junior"; }));
  CHECK(f.get("/api/tenants/acme/agents", key).json().as_array().size() == 2);

  auto login = f.post(path + "/state", R"({"state":"login"})", key);
  CAPTURE(login.body);
  CHECK(login.status == 200);
  CHECK(login.json().at("state") == "available");
  auto brk = f.post(path + "/state", R"({"state":"break","reason":"lunch"})", key);
  CHECK(brk.status == 200);
  CHECK(brk.json().at("state") == "break");
  CHECK(f.wait_json(path, key, [](auto& v) { return v.at("break_reason") == "lunch"; }));
  check_error(f.post(path + "/state", R"({"state":"login"})", key), 409, "illegal_transition");
  check_error(f.del(path, key), 409, "agent_busy");  // only offline agents go
  CHECK(f.post(path + "/state", R"({"state":"logout"})", key).status == 200);
  CHECK(f.wait_json(path, key, [](auto& v) { return v.at("state") == "offline"; }));
  auto del = f.del(path, key);
  CAPTURE(del.body);
  CHECK(del.status == 204);
  CHECK(f.wait_json("/api/tenants/acme/agents", key, [](auto& v) { return v.as_array().size() == 1; }));
  check_error(f.get(path, key), 404, "unknown_agent");
}

TEST_CASE("calls are assigned, queued or rejected, and can be cancelled or ended", "[web]") {
  server_fixture f;
  auto def = R"({"name":"acme","call_types":[{"name":"sales","talk":{"dist":"fixed","mean":600},"max_queue":1}],
                 "agent_types":[{"name":"rep","skills":["sales"]}],"agents":[{"type":"rep","count":1}]})";
  auto created = f.post("/api/tenants", def);
  REQUIRE(created.status == 201);
  auto key = str(created.json(), "api_key");
  REQUIRE(f.wait_json("/api/tenants/acme/agents", key, [](auto& v) { return v.as_array().size() == 1; }));

  auto first = f.post("/api/tenants/acme/calls", R"({"type":"sales"})", key);
  REQUIRE(first.status == 201);
  CHECK(first.json().at("outcome") == "assigned");
  CHECK(first.json().at("agent").to_number<int>() == 0);
  auto second = f.post("/api/tenants/acme/calls", R"({"type":"sales"})", key);
  REQUIRE(second.status == 201);
  CHECK(second.json().at("outcome") == "queued");
  CHECK(second.json().at("queue_length").to_number<int>() == 1);
  auto third = f.post("/api/tenants/acme/calls", R"({"type":"sales"})", key);
  REQUIRE(third.status == 201);
  CHECK(third.json().at("outcome") == "rejected");
  CHECK(third.json().at("reason") == "queue_full");

  auto queued = "/api/tenants/acme/calls/" + std::to_string(second.json().at("id").to_number<std::uint64_t>());
  auto talking = "/api/tenants/acme/calls/" + std::to_string(first.json().at("id").to_number<std::uint64_t>());
  CHECK(f.wait_json("/api/tenants/acme/queues", key, [](auto& v) {
    auto& q = v.at("queues").as_array().at(0);
    return q.at("waiting").template to_number<int>() == 1 && q.at("calls").as_array().size() == 1;
  }));
  CHECK(f.wait_json(queued, key, [](auto& v) { return v.at("state") == "waiting"; }));
  // /status and /metrics summarize the tenant without its agent list (the
  // rejection reaches them through the event stream: wait for it).
  CHECK(f.wait_json("/status", key, [](auto& v) {
    auto& d = v.at("tenant_details").at("acme");
    return d.at("agents").template to_number<int>() == 1 && d.at("waiting").template to_number<int>() == 1 &&
           d.at("kpis").at("offered").template to_number<int>() == 3 &&
           d.at("kpis").at("rejected").template to_number<int>() == 1;
  }));
  CHECK_THAT(f.get("/metrics", key).body, Catch::Contains("ccsim_tenant_calls_waiting{tenant=\"acme\"} 1\n"));
  check_error(f.post(talking + "/cancel", "", key), 409, "not_waiting");
  auto cancel = f.post(queued + "/cancel", "", key);
  CAPTURE(cancel.body);
  CHECK(cancel.status == 200);
  CHECK(f.wait_json(talking, key, [](auto& v) { return v.at("state") == "talking"; }));
  auto end = f.post(talking + "/end", "{}", key);
  CAPTURE(end.body);
  CHECK(end.status == 200);
  check_error(f.post(talking + "/end", "", key), 409, "not_talking");
  check_error(f.get("/api/tenants/acme/calls/999999", key), 404, "unknown_call");
  check_error(f.get("/api/tenants/acme/calls/abc", key), 404, "unknown_call");
}

TEST_CASE("bad input gets a 4xx with error and detail, never a 500", "[web]") {
  server_fixture f([](server_options& o) { o.sessions.max_body_bytes = 4096; });
  auto key = f.create_tenant("acme", 1);
  auto calls = "/api/tenants/acme/calls";
  check_error(f.post(calls, "{\"type\":", key), 400, "malformed_json");
  check_error(f.post(calls, "[1,2]", key), 400, "wrong_type");
  check_error(f.post(calls, "{}", key), 400, "missing_field");
  check_error(f.post(calls, R"({"type":5})", key), 400, "wrong_type");
  check_error(f.post(calls, R"({"type":"sales","colour":1})", key), 400, "unknown_field");
  check_error(f.post(calls, R"({"type":"nosuch"})", key), 422, "invalid_value");
  check_error(f.post(calls, R"({"type":"sales","talk_s":-1})", key), 422, "invalid_value");
  check_error(f.post("/api/tenants/acme/agents", R"({"type":"boss"})", key), 422, "invalid_value");
  check_error(f.post("/api/tenants/acme/agents/0/state", R"({"state":"dancing"})", key), 422, "invalid_value");
  check_error(f.post("/api/tenants/acme/agents/77/state", R"({"state":"logout"})", key), 404, "unknown_agent");
  check_error(f.get("/api/tenants/acme/agents/-1", key), 404, "unknown_agent");
  check_error(f.post(calls, "{\"type\":\"" + std::string(5000, 'x') + "\"}", key), 413, "body_too_large");
  check_error(f.get("/api/nothing/here", key), 404, "not_found");
  check_error(http_call(f.port(), "PUT", "/api/tenants/acme", "{}", key), 405, "method_not_allowed");
  CHECK(http_call(f.port(), "PUT", "/api/tenants/acme", "{}", key).headers["allow"] == "GET");
  check_error(http_call(f.port(), "BREW", "/health", "", key), 405, "method_not_allowed");
  check_error(f.get("/ws", ""), 426, "upgrade_required");
  check_error(f.post("/api/tenants", R"({"name":"x"})"), 400, "missing_field");
  check_error(f.post("/api/control", R"({"speed":-2})"), 422, "invalid_value");
  check_error(f.post("/api/control", R"({})"), 400, "missing_field");
  // Malformed HTTP gets a 400 (or a closed connection), never a crash.
  auto raw = raw_exchange(f.port(), "GARBAGE\r\n\r\n");
  CHECK((raw.empty() || raw.rfind("HTTP/1.1 400", 0) == 0));
  auto raw2 = raw_exchange(f.port(), "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n");
  CHECK((raw2.empty() || raw2.rfind("HTTP/1.1 400", 0) == 0));
  // The server is still fine, and it never answered 500.
  CHECK(f.get("/health", "").status == 200);
  CHECK(f.get("/status").json().at("http").at("by_class").at("5xx").to_number<int>() == 0);
}

TEST_CASE("an oversized body announced up front is refused before it is sent", "[web]") {
  server_fixture f([](server_options& o) { o.sessions.max_body_bytes = 1024; });
  auto raw = raw_exchange(f.port(),
                          "POST /api/tenants HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + admin_key +
                              "\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n");
  CHECK(raw.rfind("HTTP/1.1 413", 0) == 0);
  CHECK_THAT(raw, Catch::Contains("\"error\":\"body_too_large\""));
}

TEST_CASE("keep-alive connections serve several requests", "[web]") {
  server_fixture f;
  auto raw = raw_exchange(f.port(),
                          "GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::size_t count = 0;
  for (auto pos = raw.find("HTTP/1.1 200"); pos != std::string::npos; pos = raw.find("HTTP/1.1 200", pos + 1)) ++count;
  CHECK(count == 2);
}

TEST_CASE("control pauses and changes speed with the admin key", "[web]") {
  server_fixture f;
  auto key = f.create_tenant("acme", 1);
  auto g = f.get("/api/control", key);
  CHECK(g.status == 200);
  CHECK(g.json().at("paused") == false);
  CHECK(g.json().at("can_control") == false);
  CHECK(f.get("/api/control").json().at("can_control") == true);
  auto r = f.post("/api/control", R"({"paused":true,"speed":5})");
  CAPTURE(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json().at("paused") == true);
  CHECK(r.json().at("speed").to_number<double>() == Approx(5));
  check_error(f.get("/api/control", ""), 401, "unauthorized");
}

TEST_CASE("the wallboard is served from the UI folder at /", "[web]") {
  server_fixture f;
  auto r = f.get("/", "");
  CAPTURE(r.body);
  // web/ui may still be empty in the tree: then a JSON 404, never a crash.
  if (r.status == 200)
    CHECK(r.headers["content-type"] == "text/html; charset=utf-8");
  else
    check_error(r, 404, "not_found");
  check_error(f.get("/%2e%2e/CMakeLists.txt", ""), 400, "bad_path");
  check_error(f.get("/../CMakeLists.txt", ""), 400, "bad_path");
  check_error(http_call(f.port(), "POST", "/index.html", "{}"), 405, "method_not_allowed");
}

TEST_CASE("dispatch latency is measured on every call and shown in status and metrics", "[web]") {
  server_fixture f;
  auto key = f.create_tenant("acme", 3);
  for (int i = 0; i < 5; ++i) REQUIRE(f.post("/api/tenants/acme/calls", R"({"type":"support"})", key).status == 201);
  CHECK(f.wait_json("/status", "", [](auto& v) {
    return v.at("dispatch_latency").at("count").template to_number<int>() >= 5;
  }));
  auto m = f.get("/metrics").body;
  CHECK_THAT(m, Catch::Contains("ccsim_dispatch_latency_seconds_count "));
  CHECK(m.find("ccsim_dispatch_latency_seconds_count 0\n") == std::string::npos);
  CHECK(m.find("ccsim_dispatch_latency_seconds_sum 0\n") == std::string::npos);
}
