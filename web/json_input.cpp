#include "web/json_input.hpp"

#include <cmath>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "web/json_text.hpp"

namespace ccsim::web {

namespace json = boost::json;

std::variant<json::object, api_error> parse_object(std::string_view body, bool empty_is_object) {
  if (empty_is_object && body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return json::object{};
  json::error_code ec;
  json::parse_options opts;
  opts.max_depth = 32;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec) {
    std::string detail = "the body is not valid JSON: " + ec.message();
    return bad_request("malformed_json", detail);
  }
  if (!v.is_object()) return bad_request("wrong_type", "the body must be a JSON object, got " + type_name(v));
  return std::move(v.as_object());
}

std::string field_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string{key};
  return std::string{parent} + "." + std::string{key};
}

std::string index_path(std::string_view parent, std::size_t i) {
  return std::string{parent} + "[" + std::to_string(i) + "]";
}

void problems::shape(std::string code, const std::string& path, const std::string& message) {
  items_.push_back({400, std::move(code), path.empty() ? message : path + ": " + message});
}

void problems::invalid(const std::string& path, const std::string& message) {
  items_.push_back({422, "invalid_value", path.empty() ? message : path + ": " + message});
}

api_error problems::to_error() const {
  if (items_.empty()) return internal_error("no problem recorded");
  std::string detail;
  for (auto& i : items_) detail += (detail.empty() ? "" : "; ") + i.text;
  return {items_.front().status, items_.front().code, detail};
}

std::string type_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "?";
}

std::optional<double> as_number(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double() && std::isfinite(v.as_double())) return v.as_double();
  return std::nullopt;
}

std::optional<std::int64_t> as_integer(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64()) {
    if (v.as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(v.as_uint64());
  }
  if (v.is_double()) {
    double d = v.as_double();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

bool object_reader::has(std::string_view key) const {
  auto* v = obj_.if_contains(key);
  return v != nullptr && !v->is_null();
}

const json::value* object_reader::field(std::string_view key, bool required, const char* expected) {
  auto* v = obj_.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) out_.shape("missing_field", at(key), std::string{"is required ("} + expected + ")");
    return nullptr;
  }
  return v;
}

std::optional<std::string> object_reader::string(std::string_view key, bool required) {
  auto* v = field(key, required, "a string");
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    out_.shape("wrong_type", at(key), "must be a string, got " + type_name(*v));
    return std::nullopt;
  }
  return std::string{v->as_string()};
}

std::optional<double> object_reader::number(std::string_view key, bool required) {
  auto* v = field(key, required, "a number");
  if (!v) return std::nullopt;
  auto n = as_number(*v);
  if (!n) out_.shape("wrong_type", at(key), "must be a number, got " + type_name(*v));
  return n;
}

std::optional<std::int64_t> object_reader::integer(std::string_view key, bool required) {
  auto* v = field(key, required, "a whole number");
  if (!v) return std::nullopt;
  auto n = as_integer(*v);
  if (!n) {
    out_.shape("wrong_type", at(key),
               "must be a whole number, got " + (v->is_double() ? to_text(*v) : type_name(*v)));
  }
  return n;
}

std::optional<bool> object_reader::boolean(std::string_view key, bool required) {
  auto* v = field(key, required, "true or false");
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    out_.shape("wrong_type", at(key), "must be true or false, got " + type_name(*v));
    return std::nullopt;
  }
  return v->as_bool();
}

const json::array* object_reader::array(std::string_view key, bool required) {
  auto* v = field(key, required, "an array");
  if (!v) return nullptr;
  if (!v->is_array()) {
    out_.shape("wrong_type", at(key), "must be an array, got " + type_name(*v));
    return nullptr;
  }
  return &v->as_array();
}

const json::object* object_reader::object(std::string_view key, bool required) {
  auto* v = field(key, required, "an object");
  if (!v) return nullptr;
  if (!v->is_object()) {
    out_.shape("wrong_type", at(key), "must be an object, got " + type_name(*v));
    return nullptr;
  }
  return &v->as_object();
}

void object_reader::only(std::initializer_list<std::string_view> known) {
  for (auto& [key, value] : obj_) {
    bool ok = false;
    for (auto k : known) ok = ok || k == key;
    if (ok) continue;
    std::string list;
    for (auto k : known) list += (list.empty() ? "" : ", ") + std::string{k};
    out_.shape("unknown_field", at(key), "unknown field (known: " + list + ")");
  }
}

} // namespace ccsim::web
