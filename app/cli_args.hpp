#pragma once
// A small command-line reader: positional arguments and --flags with values.
// Every mistake becomes a message for the user, never an exception escaping.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ccsim::app {

struct cli_args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  ///< --key VALUE or --key=VALUE
  std::set<std::string> flags;                ///< --quiet

  bool has(const std::string& flag) const { return flags.count(flag) != 0; }
  std::optional<std::string> get(const std::string& key) const;
};

struct cli_spec {
  std::set<std::string> value_options;  ///< names that take a value
  std::set<std::string> flag_options;   ///< names that don't
};

/// Parses argv[first..]; on failure returns nullopt and sets `error`.
std::optional<cli_args> parse_args(int argc, char** argv, int first, const cli_spec& spec,
                                   std::string& error);

/// Parses an unsigned integer option value; sets `error` on failure.
std::optional<std::uint64_t> parse_count(const std::string& option, const std::string& text,
                                         std::string& error);

} // namespace ccsim::app
