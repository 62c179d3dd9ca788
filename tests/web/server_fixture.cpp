#include "tests/web/server_fixture.hpp"

#include <stdexcept>
#include <thread>

namespace ccsim::web::test {

namespace json = boost::json;

std::string tenant_definition(const std::string& name, int agents) {
  return R"({"name":")" + name + R"(","service_level_seconds":20,"service_level_target":0.8,
    "call_types":[{"name":"sales","priority":1,"talk":{"dist":"fixed","mean":60}},
                  {"name":"support","talk":{"dist":"exponential","mean":120},"wrap_up":{"dist":"fixed","mean":5}}],
    "agent_types":[{"name":"rep","skills":["sales","support"]},{"name":"junior","skills":["support"]}],
    "agents":[{"type":"rep","count":)" + std::to_string(agents) + "}]}";
}

server_fixture::server_fixture(const std::function<void(server_options&)>& tweak, double speed) {
  live::engine_options eo;
  eo.speed = speed;
  eo.threads = 2;
  eo.seed = 7;
  engine = std::make_unique<live::engine>(eo);
  server_options so;
  so.port = 0;
  so.threads = 2;
  so.admin_key = admin_key;
  so.ui_dir = CCSIM_TEST_UI_DIR;
  so.webhook_drain = std::chrono::milliseconds(200);
  if (tweak) tweak(so);
  srv = std::make_unique<server>(*engine, so);
  if (auto err = srv->start()) throw std::runtime_error("server did not start: " + *err);
}

server_fixture::~server_fixture() {
  srv->stop_accepting();
  engine->shutdown();
  srv->shutdown();
  srv.reset();
  engine.reset();
}

http_reply server_fixture::get(const std::string& target, const std::string& key) const {
  return http_call(port(), "GET", target, "", key);
}

http_reply server_fixture::post(const std::string& target, const std::string& body, const std::string& key) const {
  return http_call(port(), "POST", target, body, key);
}

http_reply server_fixture::del(const std::string& target, const std::string& key) const {
  return http_call(port(), "DELETE", target, "", key);
}

std::string server_fixture::create_tenant(const std::string& name, int agents) {
  auto r = post("/api/tenants", tenant_definition(name, agents));
  if (r.status != 201) throw std::runtime_error("tenant " + name + " not created: " + r.body + r.error);
  auto key = std::string{r.json().at("api_key").as_string()};
  // The view learns about the agents from the event stream: wait for them.
  if (!wait_json("/api/tenants/" + name + "/agents", key,
                 [&](const json::value& v) { return v.is_array() && v.as_array().size() == static_cast<std::size_t>(agents); }))
    throw std::runtime_error("agents of " + name + " did not appear");
  return key;
}

bool server_fixture::wait_json(const std::string& target, const std::string& key,
                               const std::function<bool(const json::value&)>& pred,
                               std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = get(target, key);
    if (r.status == 200 && pred(r.json())) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

} // namespace ccsim::web::test
