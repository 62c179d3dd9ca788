// The WebSocket stream with a real client: snapshot then updates, auth by
// query or first message, tenant isolation, slow clients, shutdown.
#include <thread>

#include <catch2/catch.hpp>

#include "tests/web/server_fixture.hpp"
#include "web/server_stats.hpp"

using namespace ccsim::web;
using namespace ccsim::web::test;
namespace json = boost::json;

namespace {

std::string ws_target(const std::string& tenant, const std::string& key) {
  return "/ws?tenant=" + tenant + "&key=" + key;
}

/// Reads messages until one of `type` arrives (bounded).
json::value read_until(ws_client& c, const std::string& type, std::chrono::milliseconds timeout = 5s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto v = c.read_json(500ms);
    if (v.is_object() && std::string{v.at("type").as_string()} == type) return v;
    if (!v.is_object() && c.closed_by_server()) break;
  }
  return nullptr;
}

void fast_updates(server_options& o) { o.updates_per_second = 20; }

} // namespace

TEST_CASE("a client gets a full snapshot on connect, then updates", "[web]") {
  server_fixture f(fast_updates);
  auto key = f.create_tenant("acme", 3);
  ws_client c(f.port(), ws_target("acme", key));
  REQUIRE(c.connected());
  auto snap = c.read_json();
  REQUIRE(snap.is_object());
  CHECK(snap.at("type") == "snapshot");
  CHECK(snap.at("tenant") == "acme");
  CHECK(snap.at("agents").as_array().size() == 3);
  CHECK(snap.at("queues").as_array().size() == 2);
  CHECK(snap.at("alerts").as_array().size() == 4);
  for (auto key_name : {"now_s", "speed", "paused", "service_level_threshold_s", "service_level_target", "kpis",
                        "minutes", "events"})
    CHECK(snap.as_object().contains(key_name));
  auto upd = read_until(c, "update");
  REQUIRE(upd.is_object());
  CHECK(upd.as_object().contains("removed_agents"));
  CHECK(upd.at("agents").as_array().empty());  // nothing changed yet

  // A call changes an agent: the next updates carry it, and the new events.
  REQUIRE(f.post("/api/tenants/acme/calls", R"({"type":"sales"})", key).status == 201);
  bool saw_agent = false, saw_event = false;
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while ((!saw_agent || !saw_event) && std::chrono::steady_clock::now() < deadline) {
    auto u = c.read_json(1s);
    if (!u.is_object()) continue;
    CHECK(u.at("type") == "update");
    for (auto& a : u.at("agents").as_array())
      if (a.at("state") != "available") saw_agent = true;
    for (auto& e : u.at("events").as_array())
      if (e.at("kind") == "call_assigned") saw_event = true;
  }
  CHECK(saw_agent);
  CHECK(saw_event);
}

TEST_CASE("the first message may carry the key instead of the query", "[web]") {
  server_fixture f(fast_updates);
  auto key = f.create_tenant("acme", 1);
  ws_client c(f.port(), "/ws");
  REQUIRE(c.connected());
  REQUIRE(c.send(R"({"type":"auth","tenant":"acme","key":")" + key + "\"}"));
  auto snap = c.read_json();
  REQUIRE(snap.is_object());
  CHECK(snap.at("type") == "snapshot");
  CHECK(snap.at("tenant") == "acme");
}

TEST_CASE("the admin key may watch any tenant", "[web]") {
  server_fixture f(fast_updates);
  f.create_tenant("acme", 1);
  ws_client c(f.port(), ws_target("acme", admin_key));
  auto snap = c.read_json();
  REQUIRE(snap.is_object());
  CHECK(snap.at("type") == "snapshot");
}

TEST_CASE("a tenant key cannot watch another tenant's stream", "[web]") {
  server_fixture f(fast_updates);
  auto a = f.create_tenant("alpha", 1);
  f.create_tenant("beta", 1);
  SECTION("in the query") {
    ws_client c(f.port(), ws_target("beta", a));
    REQUIRE(c.connected());
    auto err = c.read_json();
    REQUIRE(err.is_object());
    CHECK(err.at("type") == "error");
    CHECK(err.at("error") == "forbidden");
    CHECK(err.as_object().contains("detail"));
    CHECK_FALSE(c.read(3s));  // then the close frame, and nothing of beta
    CHECK(c.closed_by_server());
    CHECK(c.close_code() == 1008);
  }
  SECTION("in the auth message") {
    ws_client c(f.port(), "/ws");
    REQUIRE(c.send(R"({"type":"auth","tenant":"beta","key":")" + a + "\"}"));
    auto err = c.read_json();
    REQUIRE(err.is_object());
    CHECK(err.at("error") == "forbidden");
    CHECK_FALSE(c.read(3s));
    CHECK(c.closed_by_server());
  }
  SECTION("with a wrong key or an unknown tenant") {
    ws_client bad(f.port(), ws_target("alpha", "wrong"));
    CHECK(bad.read_json().at("error") == "unauthorized");
    ws_client unknown(f.port(), ws_target("nosuch", admin_key));
    CHECK(unknown.read_json().at("error") == "unknown_tenant");
  }
  SECTION("the stream of alpha never mentions beta") {
    ws_client c(f.port(), ws_target("alpha", a));
    for (int i = 0; i < 5; ++i) {
      auto text = c.read(2s);
      REQUIRE(text);
      CHECK(text->find("beta") == std::string::npos);
    }
  }
}

TEST_CASE("a client that never authenticates is closed after the auth timeout", "[web]") {
  server_fixture f([](server_options& o) { o.sessions.ws_auth_timeout = std::chrono::milliseconds(300); });
  ws_client c(f.port(), "/ws");
  REQUIRE(c.connected());
  auto err = c.read_json(3s);
  REQUIRE(err.is_object());
  CHECK(err.at("error") == "auth_timeout");
  CHECK_FALSE(c.read(3s));
  CHECK(c.closed_by_server());
}

TEST_CASE("a malformed first message is refused", "[web]") {
  server_fixture f;
  ws_client c(f.port(), "/ws");
  REQUIRE(c.send("not json"));
  CHECK(c.read_json().at("error") == "bad_request");
  ws_client d(f.port(), "/ws");
  REQUIRE(d.send(R"({"type":"hello"})"));
  CHECK(d.read_json().at("error") == "bad_request");
}

TEST_CASE("a stalled client is closed while a healthy one keeps its pace", "[web]") {
  server_fixture f([](server_options& o) {
    o.updates_per_second = 40;
    o.sessions.ws_max_queue = 4;
    o.sessions.ws_max_overflows = 1000;
    o.sessions.ws_stall_timeout = std::chrono::milliseconds(400);
    o.sessions.ws_close_timeout = std::chrono::milliseconds(300);
    o.sessions.ws_send_buffer_bytes = 8 * 1024;
  });
  auto key = f.create_tenant("acme", 2000);  // a snapshot of ~300 KB
  ws_client::options tiny;
  tiny.receive_buffer_bytes = 4 * 1024;
  ws_client stalled(f.port(), ws_target("acme", key), tiny);
  REQUIRE(stalled.connected());
  ws_client healthy(f.port(), ws_target("acme", key));
  REQUIRE(healthy.connected());
  // The healthy client reads for 2 s and must see a steady stream.
  int messages = 0;
  auto until = std::chrono::steady_clock::now() + 2s;
  while (std::chrono::steady_clock::now() < until)
    if (healthy.read(500ms)) ++messages;
  CAPTURE(messages);
  CHECK(messages >= 40);  // 40/s nominal; allow for a loaded machine
  CHECK(f.srv->stats().ws_closed_slow.load() >= 1);
  // The stalled client finally reads: the stream ends (close frame or reset), it does not go on.
  int drained = 0;
  while (stalled.read(1s) && drained < 1000) ++drained;
  CHECK(drained < 1000);
  CHECK(f.srv->stats().ws_connected.load() == 1);
}

TEST_CASE("a slow client is resynced with a fresh snapshot instead of a backlog", "[web]") {
  server_fixture f([](server_options& o) {
    o.updates_per_second = 40;
    o.sessions.ws_max_queue = 4;
    o.sessions.ws_max_overflows = 1000;
    o.sessions.ws_stall_timeout = std::chrono::milliseconds(30000);
    o.sessions.ws_send_buffer_bytes = 8 * 1024;
  });
  auto key = f.create_tenant("acme", 1500);
  ws_client::options tiny;
  tiny.receive_buffer_bytes = 4 * 1024;
  ws_client slow(f.port(), ws_target("acme", key), tiny);
  REQUIRE(slow.connected());
  std::this_thread::sleep_for(1500ms);  // not reading
  CHECK(f.srv->stats().ws_resyncs.load() >= 1);
  std::vector<std::string> types;
  auto until = std::chrono::steady_clock::now() + 3s;
  while (std::chrono::steady_clock::now() < until && types.size() < 200) {
    auto v = slow.read_json(500ms);
    if (v.is_object()) types.emplace_back(v.at("type").as_string());
  }
  REQUIRE(types.size() >= 2);
  CHECK(types.front() == "snapshot");
  // After falling behind, the client got a snapshot again (not the backlog).
  CHECK(std::find(types.begin() + 1, types.end(), "snapshot") != types.end());
}

TEST_CASE("shutting down sends a final update and a close frame", "[web]") {
  server_fixture f(fast_updates);
  auto key = f.create_tenant("acme", 1);
  ws_client c(f.port(), ws_target("acme", key));
  REQUIRE(c.read_json().at("type") == "snapshot");
  std::thread stopper([&] {
    f.srv->stop_accepting();
    f.engine->shutdown();
    f.srv->shutdown();
  });
  bool closed = false;
  auto until = std::chrono::steady_clock::now() + 6s;
  while (std::chrono::steady_clock::now() < until) {
    if (!c.read(500ms) && c.closed_by_server()) {
      closed = true;
      break;
    }
  }
  stopper.join();
  CHECK(closed);
  CHECK(c.close_code() == 1001);  // going away
}
