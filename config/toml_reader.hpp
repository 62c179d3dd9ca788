#pragma once
// Typed, located access to a parsed TOML tree for the scenario loader. Every
// getter reports what is wrong with the value (wrong type, bad duration text,
// missing when required) into one error list and returns nullopt, so callers
// check domain bounds and move on: all problems surface in one pass.
// Internal to config/: this is the only header that includes toml++.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/scenario_loader.hpp"
#include "domain/time.hpp"

namespace ccsim::config_detail {

/// "tenants" + "acme" -> "tenants.acme"; keys that are not bare TOML keys
/// are quoted as TOML would: tenants."acme corp".
std::string key_path(std::string_view parent, std::string_view key);
/// "tenants.acme.agents" + 2 -> "tenants.acme.agents[2]".
std::string index_path(std::string_view parent, std::size_t index);

/// A value read from the file, with where it came from for later messages.
template <class T>
struct field {
  T value;
  const toml::node* node;
  std::string path;
};

/// One entry of a table, in the order it appears in the file.
struct entry {
  std::string_view name;
  const toml::key* key;
  const toml::node* node;
  std::string path;
};

enum class need { optional, required };

class reader {
public:
  explicit reader(std::string file) : file_(std::move(file)) {}

  /// Clock times in the file are read as offsets from this time of day.
  void set_start_of_day(sim_duration start) { start_of_day_ = start; }
  sim_duration start_of_day() const { return start_of_day_; }

  // -- reporting ---------------------------------------------------------
  void error(const toml::source_region& where, std::string path, std::string message);
  void error(const toml::node& at, std::string path, std::string message) {
    error(at.source(), std::move(path), std::move(message));
  }
  /// "<rule>, got <value as written>": the usual bound violation.
  template <class T>
  void reject(const field<T>& f, std::string_view rule) {
    error(*f.node, f.path, std::string{rule} + ", got " + shown(*f.node));
  }
  /// "expected <expected>, got integer 180" (or "got a table").
  void wrong_type(const toml::node& n, const std::string& path, std::string_view expected);
  /// A required key is absent: reported at the table that should hold it,
  /// unless check_keys already suggested it for a misspelt key there (one
  /// typo, one error).
  void missing(const toml::table& where, std::string_view table_path, std::string_view key,
               std::string_view hint = {});
  /// Whether check_keys told the user that a misspelt key in `t` meant `key`.
  bool was_suggested(const toml::table& t, std::string_view key) const;
  std::size_t error_count() const { return errors_.size(); }
  std::vector<config_error> take_errors() { return std::move(errors_); }

  // -- structure ---------------------------------------------------------
  /// Reports every key of `t` not in `allowed`, with a did-you-mean.
  void check_keys(const toml::table& t, std::string_view path,
                  const std::vector<std::string_view>& allowed);
  /// Entries sorted by their position in the file (toml++ iterates in key
  /// order, but indices and determinism must follow the file).
  std::vector<entry> in_file_order(const toml::table& t, std::string_view path) const;

  // -- typed getters: nullopt when absent or unusable (already reported) ----
  const toml::table* table(const toml::table& t, std::string_view key, std::string_view path, need n);
  const toml::array* array(const toml::table& t, std::string_view key, std::string_view path, need n);
  std::optional<field<std::string>> string(const toml::table& t, std::string_view key,
                                           std::string_view path, need n);
  std::optional<field<std::int64_t>> integer(const toml::table& t, std::string_view key,
                                             std::string_view path, need n);
  /// Integer or float; NaN and infinities are reported.
  std::optional<field<double>> number(const toml::table& t, std::string_view key,
                                      std::string_view path, need n);
  std::optional<field<bool>> boolean(const toml::table& t, std::string_view key,
                                     std::string_view path, need n);
  /// A number of seconds or a duration text ("1h30m"). Negative numbers come
  /// back as they are so the caller's bound message shows them.
  std::optional<field<sim_duration>> duration(const toml::table& t, std::string_view key,
                                              std::string_view path, need n);
  /// A clock time ("08:30", or a TOML local time 08:30:00) or an offset
  /// ("+2h"), as an offset from the scenario start. Clock times before the
  /// start are reported.
  std::optional<field<sim_time>> time_point(const toml::table& t, std::string_view key,
                                            std::string_view path, need n);
  /// A time of day (for `start` itself): "07:00" or 07:00:00, 00:00..23:59:59.
  std::optional<field<sim_duration>> clock(const toml::table& t, std::string_view key,
                                           std::string_view path, need n);

  /// The same conversions for a node that is not under a key (array elements).
  std::optional<double> number_of(const toml::node& n, const std::string& path);
  std::optional<std::string> string_of(const toml::node& n, const std::string& path);

  /// An integer that counts something: reported unless 1 <= value <= max.
  std::optional<std::uint32_t> count(const field<std::int64_t>& f, std::int64_t max);

  /// A value as the user wrote it, for messages: -3, 2.5, "fast", a table.
  static std::string shown(const toml::node& n);
  /// "string", "integer", "table", ... as TOML calls them.
  static std::string_view type_name(const toml::node& n);

private:
  const toml::node* get(const toml::table& t, std::string_view key, std::string_view path, need n);
  std::optional<sim_time> clock_offset(sim_duration since_midnight, const toml::node& n,
                                       const std::string& path);

  std::string file_;
  sim_duration start_of_day_{0};
  std::vector<config_error> errors_;
  /// (table, key) pairs some unknown key in that table was said to mean.
  std::vector<std::pair<const toml::table*, std::string>> suggested_;
};

} // namespace ccsim::config_detail
