#include "web/openapi.hpp"

#include <boost/json/parse.hpp>

namespace ccsim::web {

namespace json = boost::json;

namespace {

// Request and response bodies. Kept next to the generator so they change
// with it; docs/api.md has the prose and curl examples.
constexpr const char* schemas = R"json({
  "Error": {"type": "object", "required": ["error", "detail"],
    "properties": {"error": {"type": "string", "description": "machine-readable code"},
                   "detail": {"type": "string", "description": "what went wrong and where"}}},
  "Distribution": {"type": "object", "required": ["dist", "mean"],
    "properties": {"dist": {"type": "string", "enum": ["fixed", "exponential", "normal", "normal_clamped", "lognormal"]},
                   "mean": {"type": "number"}, "sd": {"type": "number"}, "min": {"type": "number"}}},
  "TenantDefinition": {"type": "object", "required": ["name", "call_types", "agent_types"],
    "properties": {
      "name": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
      "service_level_seconds": {"type": "number", "default": 20},
      "service_level_target": {"type": "number", "default": 0.8},
      "idle_policy": {"type": "string", "enum": ["since_available", "since_last_call"]},
      "max_queue": {"type": "integer", "minimum": 0},
      "call_types": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["name", "talk"],
        "properties": {"name": {"type": "string"}, "priority": {"type": "integer"},
          "talk": {"$ref": "#/components/schemas/Distribution"},
          "wrap_up": {"$ref": "#/components/schemas/Distribution"},
          "patience": {"$ref": "#/components/schemas/Distribution"},
          "max_queue": {"type": "integer"}, "max_wait": {"type": "number"}}}},
      "agent_types": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["name", "skills"],
        "properties": {"name": {"type": "string"}, "skills": {"type": "array", "items": {"type": "string"}}}}},
      "agents": {"type": "array", "items": {"type": "object", "required": ["type", "count"],
        "properties": {"type": {"type": "string"}, "count": {"type": "integer", "minimum": 1}}}},
      "conversion": {"type": "object", "additionalProperties": {"type": "object",
        "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1}}}}},
  "Tenant": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
    "call_types": {"type": "array", "items": {"type": "string"}},
    "agent_types": {"type": "array", "items": {"type": "string"}},
    "agents": {"type": "integer"}, "scenario_traffic": {"type": "boolean"}}},
  "TenantCreated": {"type": "object", "properties": {"tenant": {"$ref": "#/components/schemas/Tenant"},
    "api_key": {"type": "string", "description": "shown once; only its SHA-256 is kept"}}},
  "AgentCreate": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string"},
    "name": {"type": "string"}, "logged_in": {"type": "boolean", "default": true}}},
  "Agent": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
    "type": {"type": "string"},
    "state": {"type": "string", "enum": ["offline", "available", "reserved", "on_call", "wrap_up", "break"]},
    "state_since_s": {"type": "number"}, "call": {"type": "integer", "nullable": true},
    "break_reason": {"type": "string"}, "calls_handled": {"type": "integer"},
    "pending_break": {"type": "boolean"}, "pending_logout": {"type": "boolean"}}},
  "AgentState": {"type": "object", "required": ["state"], "properties": {
    "state": {"type": "string", "enum": ["login", "logout", "available", "break"]},
    "reason": {"type": "string", "description": "break reason (state break)"}}},
  "CallCreate": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string"},
    "talk_s": {"type": "number"}, "patience_s": {"type": "number"}}},
  "CallCreated": {"type": "object", "properties": {"id": {"type": "integer"},
    "outcome": {"type": "string", "enum": ["assigned", "queued", "rejected"]},
    "agent": {"type": "integer", "nullable": true}, "reason": {"type": "string"},
    "queue_length": {"type": "integer"}}},
  "Call": {"type": "object", "properties": {"id": {"type": "integer"}, "type": {"type": "string"},
    "state": {"type": "string"}, "agent": {"type": "integer", "nullable": true},
    "arrived_s": {"type": "number"}, "answered_s": {"type": "number", "nullable": true},
    "ended_s": {"type": "number", "nullable": true}, "wait_s": {"type": "number"},
    "reject_reason": {"type": "string"}, "qualification": {"type": "string"}}},
  "Queues": {"type": "object", "properties": {"tenant": {"type": "string"}, "now_s": {"type": "number"},
    "queues": {"type": "array", "items": {"type": "object", "properties": {"call_type": {"type": "string"},
      "waiting": {"type": "integer"}, "oldest_wait_s": {"type": "number"},
      "service_level": {"type": "number"}, "offered": {"type": "integer"}, "answered": {"type": "integer"},
      "abandoned": {"type": "integer"}, "rejected": {"type": "integer"}, "asa": {"type": "number"},
      "calls": {"type": "array", "items": {"type": "object",
        "properties": {"id": {"type": "integer"}, "wait_s": {"type": "number"}}}}}}}}},
  "WebhookCreate": {"type": "object", "required": ["url"], "properties": {"url": {"type": "string"},
    "events": {"type": "array", "items": {"type": "string",
      "enum": ["call_assigned", "call_ended", "call_rejected", "agent_state_changed"]}},
    "secret": {"type": "string", "minLength": 16}}},
  "Webhook": {"type": "object", "properties": {"id": {"type": "string"}, "url": {"type": "string"},
    "events": {"type": "array", "items": {"type": "string"}}, "delivered": {"type": "integer"},
    "failed": {"type": "integer"}, "dropped": {"type": "integer"}, "retries": {"type": "integer"},
    "queued": {"type": "integer"}, "last_error": {"type": "string"},
    "secret": {"type": "string", "description": "only in the answer to the creation"}}},
  "Control": {"type": "object", "properties": {"paused": {"type": "boolean"}, "speed": {"type": "number"},
    "can_control": {"type": "boolean", "description": "GET only: whether this key may POST (the admin key)"}}},
  "Key": {"type": "object", "properties": {"tenant": {"type": "string"}, "api_key": {"type": "string"}}},
  "Health": {"type": "object", "properties": {"status": {"type": "string"}}},
  "Status": {"type": "object", "description": "uptime, tenants, agents by state, calls by state, dispatch latency, alerts, web counters"}
})json";

std::string description_of(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No content";
    case 400: return "Malformed JSON, wrong type, missing or unknown field";
    case 401: return "Missing or invalid API key";
    case 403: return "The key belongs to another tenant, or the admin key is needed";
    case 404: return "Unknown tenant, agent, call or webhook";
    case 405: return "Method not allowed";
    case 409: return "Illegal state transition or conflict";
    case 413: return "Body too large";
    case 422: return "Valid JSON with an unacceptable value";
    case 426: return "Upgrade to WebSocket required";
    case 503: return "The engine did not answer in time";
  }
  return "Answer";
}

std::string operation_id(const route& r) {
  std::string id;
  for (char c : r.method) id.push_back(static_cast<char>(c - 'A' + 'a'));
  for (char c : r.pattern) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      id.push_back(c);
    else if (!id.empty() && id.back() != '_')
      id.push_back('_');
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  return id;
}

json::object content(const std::string& type, json::value schema) {
  return {{type, json::object{{"schema", std::move(schema)}}}};
}

json::object schema_ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

} // namespace

json::object openapi_document(const router& routes, std::size_t max_body_bytes) {
  json::object paths;
  for (auto& r : routes.routes()) {
    json::object op;
    op["summary"] = r.summary;
    op["operationId"] = operation_id(r);
    op["x-access"] = std::string{to_string(r.auth)};
    json::array params;
    for (auto& seg : split_path(r.pattern))
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back(json::object{{"name", seg.substr(1, seg.size() - 2)},
                                      {"in", "path"},
                                      {"required", true},
                                      {"schema", json::object{{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = std::move(params);
    if (r.auth == access::open)
      op["security"] = json::array{};
    else
      op["security"] = json::array{json::object{{"ApiKey", json::array{}}}};
    if (!r.request_schema.empty())
      op["requestBody"] = json::object{{"required", true}, {"content", content("application/json", schema_ref(r.request_schema))}};
    json::object responses;
    for (auto status : r.statuses) {
      json::object resp{{"description", description_of(status)}};
      if (status >= 400) {
        resp["content"] = content("application/json", schema_ref("Error"));
      } else if (status != 204 && !r.response_schema.empty()) {
        if (r.response_schema == "text")
          resp["content"] = content("text/plain", json::object{{"type", "string"}});
        else if (r.response_schema == "html")
          resp["content"] = content("text/html", json::object{{"type", "string"}});
        else if (r.response_schema.rfind("array:", 0) == 0)
          resp["content"] = content("application/json",
                                    json::object{{"type", "array"}, {"items", schema_ref(r.response_schema.substr(6))}});
        else
          resp["content"] = content("application/json", schema_ref(r.response_schema));
      }
      responses[std::to_string(status)] = std::move(resp);
    }
    op["responses"] = std::move(responses);
    std::string method;
    for (char c : r.method) method.push_back(static_cast<char>(c - 'A' + 'a'));
    auto& item = paths[r.pattern];
    if (!item.is_object()) item = json::object{};
    item.as_object()[method] = std::move(op);
  }
  json::object doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = json::object{
      {"title", "ccsim live API"},
      {"version", "1"},
      {"description", "REST API of `ccsim serve`. Every error body is {\"error\": code, \"detail\": text}. "
                      "Request bodies are at most " + std::to_string(max_body_bytes) +
                          " bytes (413 otherwise). See docs/api.md."}};
  doc["servers"] = json::array{json::object{{"url", "/"}}};
  doc["components"] = json::object{
      {"securitySchemes",
       json::object{{"ApiKey", json::object{{"type", "apiKey"}, {"in", "header"}, {"name", "X-Api-Key"}}}}},
      {"schemas", json::parse(schemas)}};
  doc["paths"] = std::move(paths);
  return doc;
}

} // namespace ccsim::web
