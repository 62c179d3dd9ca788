#pragma once
// The REST API without the transport: a request goes in, exactly one
// response comes out (possibly later, from an engine callback). Routes are
// added by the routes_*.cpp files; auth, request accounting and exception
// safety are handled here once for all of them.
#include <atomic>
#include <chrono>
#include <string>
#include <variant>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "live/engine.hpp"
#include "web/alerts.hpp"
#include "web/http_types.hpp"
#include "web/recording_state.hpp"
#include "web/key_store.hpp"
#include "web/router.hpp"
#include "web/server_stats.hpp"
#include "web/webhooks.hpp"

namespace ccsim::web {

struct api_options {
  std::string ui_dir;  ///< wallboard files; "" serves none
  alert_bounds bounds;
  std::size_t max_body_bytes = 1 << 20;  ///< reported in the OpenAPI description
  recording_probe recording;             ///< none: the session is not recorded
};

/// What the route handlers work with.
struct api_context {
  live::engine& engine;
  key_store& keys;
  webhook_service& hooks;
  server_stats& stats;
  api_options opts;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  /// Resolves the {tenant} path parameter for this request's key:
  /// 401 without a valid key, 403 for another tenant's key, 404 for an
  /// unknown tenant (asked with the admin key).
  std::variant<live::tenant_info, api_error> tenant_for(const request& req, const std::string& name) const;
  /// The alerts of one tenant, and of the whole server.
  std::vector<alert> tenant_alerts(const live::tenant_kpis& tenant, const live::engine_status& status) const;
  std::vector<alert> tenant_alerts(const live::tenant_snapshot& snap, const live::engine_status& status) const;
  std::vector<alert> server_alerts(const live::engine_status& status) const;
};

class api {
public:
  api(live::engine& engine, key_store& keys, webhook_service& hooks, server_stats& stats, api_options opts);
  api(const api&) = delete;  // routes capture the context and router by reference
  api& operator=(const api&) = delete;

  /// Thread-safe. `done` runs exactly once, on this thread or an engine thread.
  void handle(request req, responder done) const;

  const router& routes() const { return router_; }
  api_context& context() { return ctx_; }
  const api_context& context() const { return ctx_; }

private:
  api_context ctx_;
  router router_;
};

/// The tenant `name` if `key` may access it: 401 without a valid key, 403
/// for another tenant's key, 404 for an unknown tenant (admin key). REST
/// and the WebSocket stream both decide through this function.
std::variant<live::tenant_info, api_error> authorize_tenant(const key_store& keys, const live::engine& engine,
                                                            const std::string& key, const std::string& name);

// Shared by the routes_*.cpp files.
response json_response(int status, const boost::json::value& body);
/// The body as a JSON object, or the error response to send.
std::variant<boost::json::object, response> read_body(const request& req, bool empty_is_object = false);
/// An agent or call id from the path: 404 for anything but a whole number.
std::optional<std::uint64_t> parse_id(const std::string& text);

/// An engine callback that answers with `on_ok(value)` or the error; an
/// exception thrown while rendering becomes 500 "internal".
template <class T, class F>
live::callback<T> answer(responder done, F on_ok) {
  return [done = std::move(done), on_ok = std::move(on_ok)](live::result<T> r) {
    try {
      if (auto* e = std::get_if<api_error>(&r)) return done(error_response(*e));
      done(on_ok(std::get<T>(r)));
    } catch (const std::exception& ex) {
      done(error_response(internal_error(ex.what())));
    }
  };
}

void add_system_routes(router& r, api_context& ctx);
void add_tenant_routes(router& r, api_context& ctx);
void add_agent_routes(router& r, api_context& ctx);
void add_call_routes(router& r, api_context& ctx);
void add_webhook_routes(router& r, api_context& ctx);

} // namespace ccsim::web
