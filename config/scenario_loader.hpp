#pragma once
// Reads a TOML scenario into a validated domain::scenario. Every problem is
// collected (not just the first) and located precisely enough to fix it
// without guessing; nothing runs while any remain.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/scenario.hpp"

namespace ccsim {

/// One problem in a scenario file.
struct config_error {
  std::string file;
  std::uint32_t line = 0;    ///< 1-based; 0 when the file itself is the problem
  std::uint32_t column = 0;  ///< 1-based
  std::string key;      ///< "tenants.acme.call_types.sales.rate_per_hour"
  std::string message;  ///< "must be > 0, got -3"; unknown keys: "unknown key; did you mean ...?"
};

/// "file:line:column: key: message" (the form compilers use, so editors jump to it).
std::string to_string(const config_error& e);

using load_result = std::variant<scenario, std::vector<config_error>>;

/// Reads and validates a scenario file. A missing or unreadable file is one
/// config_error with line 0.
load_result load_scenario(const std::filesystem::path& file);

/// The same from text already in memory; `source_name` is used as the file name in errors.
load_result parse_scenario(std::string_view toml_text, std::string_view source_name);

} // namespace ccsim
