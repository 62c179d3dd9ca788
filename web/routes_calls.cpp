// Calls of a tenant: create (dispatched at once), get, cancel a waiting one,
// end one in conversation.
#include <algorithm>

#include "web/api.hpp"
#include "web/json_input.hpp"
#include "web/view_json.hpp"

namespace ccsim::web {

namespace json = boost::json;

namespace {

constexpr double max_duration_s = 7 * 24 * 3600.0;

api_error unknown_call(const call& c) {
  return not_found("unknown_call", "tenant \"" + c.tenant.name + "\" has no call " + c.params.at("call") +
                                       " (calls are kept for an hour after they end)");
}

void create_call(api_context& ctx, const call& c, responder done) {
  auto body = read_body(c.req);
  if (auto* r = std::get_if<response>(&body)) return done(std::move(*r));
  problems out;
  object_reader rd{std::get<json::object>(body), "", out};
  rd.only({"type", "talk_s", "patience_s"});
  auto type = rd.string("type", true);
  auto talk = rd.number("talk_s", false);
  auto patience = rd.number("patience_s", false);
  if (type && std::find(c.tenant.call_types.begin(), c.tenant.call_types.end(), *type) == c.tenant.call_types.end()) {
    std::string known;
    for (auto& n : c.tenant.call_types) known += (known.empty() ? "" : ", ") + n;
    out.invalid("type", "unknown call type \"" + *type + "\" (known: " + known + ")");
  }
  if (talk && !(*talk >= 0 && *talk <= max_duration_s)) out.invalid("talk_s", "must be between 0 and 604800 seconds");
  if (patience && !(*patience >= 0 && *patience <= max_duration_s))
    out.invalid("patience_s", "must be between 0 and 604800 seconds");
  if (!out.empty()) return done(error_response(out.to_error()));
  ctx.engine.create_call(c.tenant.id, *type, talk, patience,
                         answer<live::call_created>(std::move(done), [](const live::call_created& created) {
                           return json_response(201, to_json(created));
                         }));
}

void get_call(api_context& ctx, const call& c, responder done) {
  auto id = parse_id(c.params.at("call"));
  std::optional<live::call_info> info;
  if (id) info = ctx.engine.call(c.tenant.id, *id);
  if (!info) return done(error_response(unknown_call(c)));
  done(json_response(200, to_json(*info)));
}

void cancel_or_end(api_context& ctx, const call& c, responder done, bool end) {
  auto id = parse_id(c.params.at("call"));
  if (!id) return done(error_response(unknown_call(c)));
  if (!c.req.body.empty()) {  // no body expected, but an explicit {} is fine
    auto body = read_body(c.req, true);
    if (auto* r = std::get_if<response>(&body)) return done(std::move(*r));
    if (!std::get<json::object>(body).empty())
      return done(error_response(bad_request("unknown_field", "this request takes no fields")));
  }
  auto reply = answer<live::call_info>(std::move(done), [](const live::call_info& info) {
    return json_response(200, to_json(info));
  });
  if (end)
    ctx.engine.end_call(c.tenant.id, *id, std::move(reply));
  else
    ctx.engine.cancel_call(c.tenant.id, *id, std::move(reply));
}

} // namespace

void add_call_routes(router& r, api_context& ctx) {
  r.add({"POST", "/api/tenants/{tenant}/calls",
         "Create an inbound call; it is dispatched at once (assigned, queued or rejected)", access::tenant,
         "CallCreate", "CallCreated", {201, 400, 401, 403, 404, 422, 503},
         [&ctx](const call& c, responder done) { create_call(ctx, c, std::move(done)); }});
  r.add({"GET", "/api/tenants/{tenant}/calls/{call}", "One call (in the system or ended in the last hour)",
         access::tenant, "", "Call", {200, 401, 403, 404},
         [&ctx](const call& c, responder done) { get_call(ctx, c, std::move(done)); }});
  r.add({"POST", "/api/tenants/{tenant}/calls/{call}/cancel", "Cancel a waiting call (the caller hangs up)",
         access::tenant, "", "Call", {200, 401, 403, 404, 409},
         [&ctx](const call& c, responder done) { cancel_or_end(ctx, c, std::move(done), false); }});
  r.add({"POST", "/api/tenants/{tenant}/calls/{call}/end", "End a call in conversation now", access::tenant, "",
         "Call", {200, 401, 403, 404, 409},
         [&ctx](const call& c, responder done) { cancel_or_end(ctx, c, std::move(done), true); }});
}

} // namespace ccsim::web
