#include "web/api.hpp"

#include <charconv>
#include <memory>

#include <boost/json/serialize.hpp>

#include "web/json_input.hpp"
#include "web/json_text.hpp"
#include "web/static_files.hpp"

namespace ccsim::web {

namespace json = boost::json;

response json_response(int status, const json::value& body) {
  response r;
  r.status = status;
  r.body = to_text(body);
  return r;
}

std::variant<json::object, response> read_body(const request& req, bool empty_is_object) {
  auto parsed = parse_object(req.body, empty_is_object);
  if (auto* e = std::get_if<api_error>(&parsed)) return error_response(*e);
  return std::move(std::get<json::object>(parsed));
}

std::optional<std::uint64_t> parse_id(const std::string& text) {
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::variant<live::tenant_info, api_error> authorize_tenant(const key_store& keys, const live::engine& engine,
                                                            const std::string& key, const std::string& name) {
  if (key.empty()) return unauthorized("send your API key in the X-Api-Key header");
  if (!keys.may_access(key, name)) {
    if (keys.identify(key)) return forbidden("this key may not access tenant \"" + name + "\"");
    return unauthorized("the API key is not valid");
  }
  auto t = engine.find_tenant(name);
  if (!t) return not_found("unknown_tenant", "no tenant named \"" + name + "\"");
  return *t;
}

std::variant<live::tenant_info, api_error> api_context::tenant_for(const request& req, const std::string& name) const {
  return authorize_tenant(keys, engine, req.api_key, name);
}

std::vector<alert> api_context::tenant_alerts(const live::tenant_kpis& tenant,
                                              const live::engine_status& status) const {
  return evaluate_alerts(tenant, status, stats.recent(tenant.name), opts.bounds);
}

std::vector<alert> api_context::tenant_alerts(const live::tenant_snapshot& snap,
                                              const live::engine_status& status) const {
  return tenant_alerts(live::kpis_of(snap), status);
}

std::vector<alert> api_context::server_alerts(const live::engine_status& status) const {
  return evaluate_server_alerts(status, stats.recent(""), opts.bounds);
}

api::api(live::engine& engine, key_store& keys, webhook_service& hooks, server_stats& stats, api_options opts)
    : ctx_{engine, keys, hooks, stats, std::move(opts)} {
  add_system_routes(router_, ctx_);
  add_tenant_routes(router_, ctx_);
  add_agent_routes(router_, ctx_);
  add_call_routes(router_, ctx_);
  add_webhook_routes(router_, ctx_);
}

namespace {

/// Makes sure a responder runs once, and counts the answer.
responder counted(responder done, server_stats& stats, std::string tenant) {
  auto once = std::make_shared<std::atomic<bool>>(false);
  return [done = std::move(done), &stats, tenant = std::move(tenant), once](response r) {
    if (once->exchange(true)) return;
    stats.record(tenant, r.status);
    done(std::move(r));
  };
}

response method_not_allowed(const std::vector<std::string>& allowed, const std::string& method) {
  std::string list;
  for (auto& m : allowed) list += (list.empty() ? "" : ", ") + m;
  auto r = error_response({405, "method_not_allowed", method + " is not allowed here; use " + list});
  r.headers.emplace_back("Allow", list);
  return r;
}

} // namespace

void api::handle(request req, responder done) const {
  auto req_ptr = std::make_shared<const request>(std::move(req));
  const auto& rq = *req_ptr;
  // The request must outlive asynchronous handlers: the responder keeps it.
  responder keep = [req_ptr, done = std::move(done)](response r) { done(std::move(r)); };
  try {
    auto m = router_.match(rq.method, rq.path);
    if (!m.found) {
      auto reply = counted(std::move(keep), ctx_.stats, "");
      if (!m.allowed.empty()) return reply(method_not_allowed(m.allowed, rq.method));
      bool api_path = rq.path == "/api" || rq.path.rfind("/api/", 0) == 0;
      if (api_path) return reply(error_response(not_found("not_found", "no route " + rq.method + " " + rq.path)));
      if (rq.method != "GET") return reply(method_not_allowed({"GET"}, rq.method));
      if (ctx_.opts.ui_dir.empty()) return reply(error_response(not_found("not_found", "no such file: " + rq.path)));
      return reply(serve_static(ctx_.opts.ui_dir, rq.path));
    }
    call c{rq, std::move(m.params), {}, {}};
    std::string tenant_name;
    switch (m.found->auth) {
      case access::open:
        if (auto who = ctx_.keys.identify(rq.api_key)) c.who = *who;
        break;
      case access::any_key:
      case access::admin: {
        auto who = ctx_.keys.identify(rq.api_key);
        auto reply_error = [&](api_error e) { counted(std::move(keep), ctx_.stats, "")(error_response(e)); };
        if (!who)
          return reply_error(unauthorized(rq.api_key.empty() ? "send your API key in the X-Api-Key header"
                                                             : "the API key is not valid"));
        if (m.found->auth == access::admin && !who->admin)
          return reply_error(forbidden("this needs the admin key"));
        c.who = *who;
        break;
      }
      case access::tenant: {
        auto t = ctx_.tenant_for(rq, c.params["tenant"]);
        if (auto* e = std::get_if<api_error>(&t)) return counted(std::move(keep), ctx_.stats, "")(error_response(*e));
        c.tenant = std::move(std::get<live::tenant_info>(t));
        tenant_name = c.tenant.name;
        if (auto who = ctx_.keys.identify(rq.api_key)) c.who = *who;
        break;
      }
    }
    auto reply = counted(std::move(keep), ctx_.stats, tenant_name);
    try {
      m.found->fn(c, reply);
    } catch (const std::exception& ex) {
      reply(error_response(internal_error(ex.what())));  // ignored if the handler already answered
    }
  } catch (const std::exception& ex) {
    if (keep) keep(error_response(internal_error(ex.what())));
  }
}

} // namespace ccsim::web
