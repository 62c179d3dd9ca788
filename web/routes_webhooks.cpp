// Webhook subscriptions of a tenant: create (secret shown once), list, get, delete.
#include "web/api.hpp"
#include "web/json_input.hpp"

namespace ccsim::web {

namespace json = boost::json;

namespace {

json::object to_json(const webhook_view& v) {
  json::array events;
  for (auto& e : v.events) events.emplace_back(e);
  return {{"id", v.id},
          {"url", v.url},
          {"events", std::move(events)},
          {"delivered", v.counters.delivered},
          {"failed", v.counters.failed},
          {"dropped", v.counters.dropped},
          {"retries", v.counters.retries},
          {"queued", v.counters.queued},
          {"last_error", v.last_error}};
}

void create_webhook(api_context& ctx, const call& c, responder done) {
  auto body = read_body(c.req);
  if (auto* r = std::get_if<response>(&body)) return done(std::move(*r));
  problems out;
  object_reader rd{std::get<json::object>(body), "", out};
  rd.only({"url", "events", "secret"});
  auto url = rd.string("url", true);
  auto secret = rd.string("secret", false).value_or("");
  std::vector<std::string> events;
  if (auto* list = rd.array("events", false)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto& v = (*list)[i];
      if (!v.is_string())
        out.shape("wrong_type", index_path("events", i), "must be a string, got " + type_name(v));
      else
        events.emplace_back(v.as_string());
    }
    if (list->empty()) out.invalid("events", "select at least one event (or leave the field out for all)");
  }
  if (url && url->size() > 2048) out.invalid("url", "must be at most 2048 characters");
  if (!out.empty()) return done(error_response(out.to_error()));
  auto created = ctx.hooks.add(c.tenant, *url, std::move(events), secret);
  if (auto* e = std::get_if<api_error>(&created)) return done(error_response(*e));
  auto& w = std::get<webhook_created>(created);
  auto o = to_json(w.view);
  o["secret"] = w.secret;
  done(json_response(201, o));
}

api_error unknown_webhook(const call& c) {
  return not_found("unknown_webhook", "tenant \"" + c.tenant.name + "\" has no webhook " + c.params.at("webhook"));
}

} // namespace

void add_webhook_routes(router& r, api_context& ctx) {
  r.add({"POST", "/api/tenants/{tenant}/webhooks",
         "Subscribe a URL to events (signed with HMAC-SHA256 of the body; the secret is shown once)",
         access::tenant, "WebhookCreate", "Webhook", {201, 400, 401, 403, 404, 409, 422},
         [&ctx](const call& c, responder done) { create_webhook(ctx, c, std::move(done)); }});
  r.add({"GET", "/api/tenants/{tenant}/webhooks", "List webhook subscriptions with delivery counters",
         access::tenant, "", "array:Webhook", {200, 401, 403, 404}, [&ctx](const call& c, responder done) {
           json::array out;
           for (auto& v : ctx.hooks.list(c.tenant.name)) out.push_back(to_json(v));
           done(json_response(200, out));
         }});
  r.add({"GET", "/api/tenants/{tenant}/webhooks/{webhook}", "One webhook subscription", access::tenant, "",
         "Webhook", {200, 401, 403, 404}, [&ctx](const call& c, responder done) {
           auto v = ctx.hooks.get(c.tenant.name, c.params.at("webhook"));
           if (!v) return done(error_response(unknown_webhook(c)));
           done(json_response(200, to_json(*v)));
         }});
  r.add({"DELETE", "/api/tenants/{tenant}/webhooks/{webhook}", "Delete a webhook subscription", access::tenant, "",
         "", {204, 401, 403, 404}, [&ctx](const call& c, responder done) {
           if (!ctx.hooks.remove(c.tenant.name, c.params.at("webhook")))
             return done(error_response(unknown_webhook(c)));
           response r;
           r.status = 204;
           r.content_type.clear();
           done(std::move(r));
         }});
}

} // namespace ccsim::web
