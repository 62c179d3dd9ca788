#pragma once
// Reading request bodies: JSON syntax, then field by field with the path of
// every problem ("call_types[1].talk.mean: must be > 0, got -3"). All
// problems of a body are collected, so a client fixes them in one round.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "web/errors.hpp"

namespace ccsim::web {

/// The body as a JSON object: 400 "malformed_json" (with the byte offset)
/// or "wrong_type" (valid JSON but not an object) otherwise. An empty body
/// reads as {} when `empty_is_object`.
std::variant<boost::json::object, api_error> parse_object(std::string_view body,
                                                          bool empty_is_object = false);

/// "a.b", "a[3]": how problems name where they are.
std::string field_path(std::string_view parent, std::string_view key);
std::string index_path(std::string_view parent, std::size_t i);

/// Collects problems; the first decides the error code and status.
class problems {
public:
  /// 400: the body's shape is wrong (missing field, wrong type, unknown field).
  void shape(std::string code, const std::string& path, const std::string& message);
  /// 422: well-formed but not acceptable (out of range, unknown reference).
  void invalid(const std::string& path, const std::string& message);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  /// All problems in one error ("path: message; path: message").
  api_error to_error() const;

private:
  struct item {
    int status;
    std::string code;
    std::string text;
  };
  std::vector<item> items_;
};

/// The JSON type name of a value, for messages ("a string", "null").
std::string type_name(const boost::json::value& v);

/// Typed reads of the fields of one object. Missing required fields and
/// wrong types are recorded in `out` and give nullopt.
class object_reader {
public:
  object_reader(const boost::json::object& o, std::string path, problems& out)
      : obj_(o), path_(std::move(path)), out_(out) {}

  const std::string& path() const { return path_; }
  std::string at(std::string_view key) const { return field_path(path_, key); }
  bool has(std::string_view key) const;

  std::optional<std::string> string(std::string_view key, bool required);
  std::optional<double> number(std::string_view key, bool required);
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);
  const boost::json::array* array(std::string_view key, bool required);
  const boost::json::object* object(std::string_view key, bool required);
  /// Records every field not in `known` as "unknown_field".
  void only(std::initializer_list<std::string_view> known);

private:
  const boost::json::value* field(std::string_view key, bool required, const char* expected);

  const boost::json::object& obj_;
  std::string path_;
  problems& out_;
};

/// Number, integer, string of a lone value (array elements).
std::optional<double> as_number(const boost::json::value& v);
std::optional<std::int64_t> as_integer(const boost::json::value& v);

} // namespace ccsim::web
