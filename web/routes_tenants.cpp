// Tenants (create with the admin key, list, get, issue a key) and their queues.
#include "web/api.hpp"
#include "web/tenant_json.hpp"
#include "web/view_json.hpp"

namespace ccsim::web {

namespace json = boost::json;

namespace {

void create_tenant(api_context& ctx, const call& c, responder done) {
  auto body = read_body(c.req);
  if (auto* r = std::get_if<response>(&body)) return done(std::move(*r));
  auto def = tenant_from_json(std::get<json::object>(body));
  if (auto* e = std::get_if<api_error>(&def)) return done(error_response(*e));
  auto& t = std::get<tenant>(def);
  if (ctx.engine.find_tenant(t.name))
    return done(error_response(conflict("tenant_exists", "a tenant named \"" + t.name + "\" already exists")));
  auto created = ctx.engine.create_tenant(std::move(t));
  if (auto* e = std::get_if<api_error>(&created)) return done(error_response(*e));
  auto& info = std::get<live::tenant_info>(created);
  auto key = ctx.keys.issue(info.name);
  done(json_response(201, json::object{{"tenant", to_json(info)}, {"api_key", key}}));
}

void list_tenants(api_context& ctx, const call& c, responder done) {
  json::array out;
  if (c.who.admin) {
    for (auto& t : ctx.engine.tenants()) out.push_back(to_json(t));
  } else if (auto t = ctx.engine.find_tenant(c.who.tenant)) {
    out.push_back(to_json(*t));
  }
  done(json_response(200, out));
}

void issue_key(api_context& ctx, const call& c, responder done) {
  auto key = ctx.keys.issue(c.tenant.name);
  done(json_response(201, json::object{{"tenant", c.tenant.name}, {"api_key", key}}));
}

void queues(api_context& ctx, const call& c, responder done) {
  auto snap = ctx.engine.snapshot(c.tenant.id);
  json::array qs;
  for (auto& q : snap.queues) qs.push_back(to_json(q, true));
  done(json_response(200, json::object{{"tenant", c.tenant.name},
                                       {"now_s", rounded(snap.now_s)},
                                       {"service_level_threshold_s", snap.service_level_threshold_s},
                                       {"service_level_target", snap.service_level_target},
                                       {"queues", std::move(qs)}}));
}

} // namespace

void add_tenant_routes(router& r, api_context& ctx) {
  r.add({"POST", "/api/tenants", "Create a tenant from a JSON definition; answers its API key once", access::admin,
         "TenantDefinition", "TenantCreated", {201, 400, 401, 403, 409, 413, 422},
         [&ctx](const call& c, responder done) { create_tenant(ctx, c, std::move(done)); }});
  r.add({"GET", "/api/tenants", "List tenants (the admin sees all, a tenant key only its own)", access::any_key, "",
         "array:Tenant", {200, 401},
         [&ctx](const call& c, responder done) { list_tenants(ctx, c, std::move(done)); }});
  r.add({"GET", "/api/tenants/{tenant}", "One tenant", access::tenant, "", "Tenant", {200, 401, 403, 404},
         [](const call& c, responder done) { done(json_response(200, to_json(c.tenant))); }});
  r.add({"POST", "/api/tenants/{tenant}/keys", "Issue a new API key for a tenant (replaces the old one)",
         access::admin, "", "Key", {201, 401, 403, 404},
         [&ctx](const call& c, responder done) {
           // access::admin checked the key; the tenant must still exist.
           auto t = ctx.engine.find_tenant(c.params.at("tenant"));
           if (!t) return done(error_response(not_found("unknown_tenant", "no tenant named \"" + c.params.at("tenant") + "\"")));
           call resolved{c.req, c.params, c.who, *t};
           issue_key(ctx, resolved, std::move(done));
         }});
  r.add({"GET", "/api/tenants/{tenant}/queues",
         "Per call type: waiting calls, oldest wait, service level so far", access::tenant, "", "Queues",
         {200, 401, 403, 404},
         [&ctx](const call& c, responder done) { queues(ctx, c, std::move(done)); }});
}

} // namespace ccsim::web
