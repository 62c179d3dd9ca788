#pragma once
// A live engine and the web server on an ephemeral loopback port, plus
// helpers to make tenants and agents through the API.
#include <functional>
#include <memory>
#include <string>

#include <boost/json/value.hpp>

#include "live/engine.hpp"
#include "tests/web/test_client.hpp"
#include "web/server.hpp"

namespace ccsim::web::test {

inline const std::string admin_key = "test-admin-key-0123456789";

struct server_fixture {
  explicit server_fixture(const std::function<void(server_options&)>& tweak = {}, double speed = 1.0);
  ~server_fixture();

  std::uint16_t port() const { return srv->port(); }
  http_reply get(const std::string& target, const std::string& key = admin_key) const;
  http_reply post(const std::string& target, const std::string& body, const std::string& key = admin_key) const;
  http_reply del(const std::string& target, const std::string& key = admin_key) const;

  /// Creates tenant `name` (call types sales and support, agent types rep
  /// {sales, support} and junior {support}) with `agents` reps logged in;
  /// returns its API key.
  std::string create_tenant(const std::string& name, int agents = 2);
  /// Waits (bounded) until `pred` holds for GET `target`'s JSON.
  bool wait_json(const std::string& target, const std::string& key,
                 const std::function<bool(const boost::json::value&)>& pred,
                 std::chrono::milliseconds timeout = 5s) const;

  std::unique_ptr<live::engine> engine;
  std::unique_ptr<server> srv;
};

/// The tenant definition create_tenant() posts.
std::string tenant_definition(const std::string& name, int agents);

} // namespace ccsim::web::test
