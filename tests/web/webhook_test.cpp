// Webhooks against a receiver on loopback: signed, in order, retried, and
// never in the way of dispatching.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "tests/web/server_fixture.hpp"
#include "web/webhooks.hpp"

using namespace ccsim::web;
using namespace ccsim::web::test;
namespace json = boost::json;

namespace {

json::value subscribe(server_fixture& f, const std::string& key, std::uint16_t port, const std::string& events,
                      const std::string& secret = "0123456789abcdef-secret") {
  auto body = R"({"url":"http://127.0.0.1:)" + std::to_string(port) + R"(/hook","secret":")" + secret + "\"" +
              (events.empty() ? "" : ",\"events\":" + events) + "}";
  auto r = f.post("/api/tenants/acme/webhooks", body, key);
  CAPTURE(r.body);
  REQUIRE(r.status == 201);
  return r.json();
}

} // namespace

TEST_CASE("webhooks deliver selected events, signed, in order", "[web]") {
  webhook_receiver rx;
  server_fixture f;
  auto key = f.create_tenant("acme", 2);
  auto sub = subscribe(f, key, rx.port(), R"(["call_assigned","call_ended"])");
  CHECK(sub.at("secret") == "0123456789abcdef-secret");
  auto id = std::string{sub.at("id").as_string()};
  for (int i = 0; i < 3; ++i)
    REQUIRE(f.post("/api/tenants/acme/calls", R"({"type":"sales","talk_s":0.2})", key).status == 201);
  REQUIRE(rx.wait_for(6, 10s));  // 3 assigned + 3 ended
  auto got = rx.requests();
  std::uint64_t last_seq = 0;
  int assigned = 0, ended = 0;
  for (auto& r : got) {
    CAPTURE(r.body);
    CHECK(r.target == "/hook");
    CHECK(r.headers["content-type"] == "application/json");
    CHECK(r.headers["x-ccsim-signature"] == webhook_signature("0123456789abcdef-secret", r.body));
    auto v = json::parse(r.body);
    CHECK(v.at("tenant") == "acme");
    CHECK(v.at("subscription").as_string() == id);
    auto seq = v.at("seq").to_number<std::uint64_t>();
    CHECK(seq > last_seq);  // in order
    last_seq = seq;
    if (v.at("event") == "call_assigned") ++assigned;
    if (v.at("event") == "call_ended") {
      ++ended;
      CHECK(v.at("call").as_object().contains("qualification"));
    }
  }
  CHECK(assigned == 3);
  CHECK(ended == 3);
  CHECK(f.wait_json("/api/tenants/acme/webhooks/" + id, key,
                    [](auto& v) { return v.at("delivered").template to_number<int>() == 6; }));
}

TEST_CASE("failed deliveries are retried with back-off, then succeed in order", "[web]") {
  // The first two attempts fail with 500.
  webhook_receiver rx([](std::size_t n) { return n < 2 ? 500 : 200; });
  server_fixture f([](server_options& o) { o.webhooks.first_backoff = std::chrono::milliseconds(50); });
  auto key = f.create_tenant("acme", 1);
  auto id = std::string{subscribe(f, key, rx.port(), R"(["agent_state_changed"])").at("id").as_string()};
  REQUIRE(f.post("/api/tenants/acme/agents", R"({"type":"rep","logged_in":false})", key).status == 201);
  REQUIRE(f.post("/api/tenants/acme/agents/1/state", R"({"state":"login"})", key).status == 200);
  REQUIRE(rx.wait_for(3, 10s));
  auto got = rx.requests();
  CHECK(got[0].body == got[1].body);  // the same event again
  CHECK(got[1].body == got[2].body);
  CHECK(json::parse(got[2].body).at("event") == "agent_state_changed");
  CHECK(f.wait_json("/api/tenants/acme/webhooks/" + id, key, [](auto& v) {
    return v.at("retries").template to_number<int>() == 2 && v.at("delivered").template to_number<int>() >= 1;
  }));
}

TEST_CASE("a dead endpoint never slows dispatching and overflow is counted in status", "[web]") {
  server_fixture f([](server_options& o) {
    o.webhooks.queue_capacity = 5;
    o.webhooks.first_backoff = std::chrono::milliseconds(2000);
  });
  auto key = f.create_tenant("acme", 50);
  // Port 9 on loopback: nothing listens, every attempt fails and backs off.
  auto r = f.post("/api/tenants/acme/webhooks", R"({"url":"http://127.0.0.1:9/dead"})", key);
  REQUIRE(r.status == 201);
  CHECK(r.json().at("secret").as_string().size() >= 16);  // generated
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 40; ++i)
    REQUIRE(f.post("/api/tenants/acme/calls", R"({"type":"sales","talk_s":1})", key).status == 201);
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(took < 5s);
  CHECK(f.wait_json("/status", "", [](auto& v) { return v.at("webhooks").at("dropped").template to_number<int>() > 0; }));
}

TEST_CASE("webhook subscriptions are validated, listed per tenant and deleted", "[web]") {
  server_fixture f;
  auto a = f.create_tenant("acme", 1);
  auto b = f.create_tenant("other", 1);
  CHECK(f.post("/api/tenants/acme/webhooks", R"({"url":"https://x/"})", a).status == 422);
  CHECK(f.post("/api/tenants/acme/webhooks", R"({"url":"http://127.0.0.1:1/","events":["call_teleported"]})", a).status == 422);
  CHECK(f.post("/api/tenants/acme/webhooks", R"({"url":"http://127.0.0.1:1/","secret":"short"})", a).status == 422);
  CHECK(f.post("/api/tenants/acme/webhooks", R"({"events":[]})", a).status == 400);
  auto r = f.post("/api/tenants/acme/webhooks", R"({"url":"http://127.0.0.1:1/x"})", a);
  REQUIRE(r.status == 201);
  auto id = std::string{r.json().at("id").as_string()};
  auto list = f.get("/api/tenants/acme/webhooks", a).json().as_array();
  REQUIRE(list.size() == 1);
  CHECK_FALSE(list[0].as_object().contains("secret"));  // shown only once
  CHECK(f.get("/api/tenants/other/webhooks", b).json().as_array().empty());
  CHECK(f.get("/api/tenants/other/webhooks/" + id, b).status == 404);
  CHECK(f.del("/api/tenants/other/webhooks/" + id, b).status == 404);
  CHECK(f.del("/api/tenants/acme/webhooks/" + id, a).status == 204);
  CHECK(f.get("/api/tenants/acme/webhooks/" + id, a).status == 404);
}
