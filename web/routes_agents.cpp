// Agents of a tenant: create, list, get, change state, delete.
#include <algorithm>
#include <limits>

#include "web/api.hpp"
#include "web/json_input.hpp"
#include "web/view_json.hpp"

namespace ccsim::web {

namespace json = boost::json;

namespace {

std::optional<agent_id> agent_param(const call& c) {
  auto id = parse_id(c.params.at("agent"));
  if (!id || *id >= std::numeric_limits<agent_id>::max()) return std::nullopt;
  return static_cast<agent_id>(*id);
}

api_error unknown_agent(const call& c) {
  return not_found("unknown_agent", "tenant \"" + c.tenant.name + "\" has no agent " + c.params.at("agent"));
}

std::string known_list(const std::vector<std::string>& names) {
  std::string out;
  for (auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

void create_agent(api_context& ctx, const call& c, responder done) {
  auto body = read_body(c.req);
  if (auto* r = std::get_if<response>(&body)) return done(std::move(*r));
  problems out;
  object_reader rd{std::get<json::object>(body), "", out};
  rd.only({"type", "name", "logged_in"});
  auto type = rd.string("type", true);
  auto name = rd.string("name", false).value_or("");
  auto logged_in = rd.boolean("logged_in", false).value_or(true);
  if (type && std::find(c.tenant.agent_types.begin(), c.tenant.agent_types.end(), *type) == c.tenant.agent_types.end())
    out.invalid("type", "unknown agent type \"" + *type + "\" (known: " + known_list(c.tenant.agent_types) + ")");
  if (name.size() > 128) out.invalid("name", "must be at most 128 characters");
  if (!out.empty()) return done(error_response(out.to_error()));
  ctx.engine.create_agent(c.tenant.id, *type, name, logged_in,
                          answer<live::agent_info>(std::move(done), [](const live::agent_info& a) {
                            return json_response(201, to_json(a));
                          }));
}

void list_agents(api_context& ctx, const call& c, responder done) {
  json::array out;
  for (auto& a : ctx.engine.agents(c.tenant.id)) out.push_back(to_json(a));
  done(json_response(200, out));
}

void get_agent(api_context& ctx, const call& c, responder done) {
  auto id = agent_param(c);
  std::optional<live::agent_info> a;
  if (id) a = ctx.engine.agent(c.tenant.id, *id);
  if (!a) return done(error_response(unknown_agent(c)));
  done(json_response(200, to_json(*a)));
}

void change_state(api_context& ctx, const call& c, responder done) {
  auto id = agent_param(c);
  if (!id) return done(error_response(unknown_agent(c)));
  auto body = read_body(c.req);
  if (auto* r = std::get_if<response>(&body)) return done(std::move(*r));
  problems out;
  object_reader rd{std::get<json::object>(body), "", out};
  rd.only({"state", "reason"});
  auto state = rd.string("state", true);
  auto reason = rd.string("reason", false).value_or("");
  live::agent_command cmd = live::agent_command::login;
  if (state) {
    if (*state == "login")
      cmd = live::agent_command::login;
    else if (*state == "logout")
      cmd = live::agent_command::logout;
    else if (*state == "available")
      cmd = live::agent_command::available;
    else if (*state == "break")
      cmd = live::agent_command::take_break;
    else
      out.invalid("state", "unknown state \"" + *state + "\" (known: login, logout, available, break)");
  }
  if (state && *state != "break" && !reason.empty()) out.invalid("reason", "only a break takes a reason");
  if (reason.size() > 64) out.invalid("reason", "must be at most 64 characters");
  if (!out.empty()) return done(error_response(out.to_error()));
  if (cmd == live::agent_command::take_break && reason.empty()) reason = "break";
  ctx.engine.command_agent(c.tenant.id, *id, cmd, reason,
                           answer<live::agent_info>(std::move(done), [](const live::agent_info& a) {
                             return json_response(200, to_json(a));
                           }));
}

void delete_agent(api_context& ctx, const call& c, responder done) {
  auto id = agent_param(c);
  if (!id) return done(error_response(unknown_agent(c)));
  ctx.engine.delete_agent(c.tenant.id, *id, answer<bool>(std::move(done), [](bool) {
                            response r;
                            r.status = 204;
                            r.content_type.clear();
                            return r;
                          }));
}

} // namespace

void add_agent_routes(router& r, api_context& ctx) {
  r.add({"POST", "/api/tenants/{tenant}/agents", "Create an agent (logged in unless logged_in is false)",
         access::tenant, "AgentCreate", "Agent", {201, 400, 401, 403, 404, 422},
         [&ctx](const call& c, responder done) { create_agent(ctx, c, std::move(done)); }});
  r.add({"GET", "/api/tenants/{tenant}/agents", "List agents with state and time in state", access::tenant, "",
         "array:Agent", {200, 401, 403, 404},
         [&ctx](const call& c, responder done) { list_agents(ctx, c, std::move(done)); }});
  r.add({"GET", "/api/tenants/{tenant}/agents/{agent}", "One agent", access::tenant, "", "Agent",
         {200, 401, 403, 404}, [&ctx](const call& c, responder done) { get_agent(ctx, c, std::move(done)); }});
  r.add({"POST", "/api/tenants/{tenant}/agents/{agent}/state",
         "Change an agent's state: login, logout, available, break (with reason)", access::tenant, "AgentState",
         "Agent", {200, 400, 401, 403, 404, 409, 422},
         [&ctx](const call& c, responder done) { change_state(ctx, c, std::move(done)); }});
  r.add({"DELETE", "/api/tenants/{tenant}/agents/{agent}", "Delete an offline agent", access::tenant, "", "",
         {204, 401, 403, 404, 409},
         [&ctx](const call& c, responder done) { delete_agent(ctx, c, std::move(done)); }});
}

} // namespace ccsim::web
