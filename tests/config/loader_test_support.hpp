#pragma once
// Shared helpers for the config tests: fixture paths and unpacking a
// load_result into either its scenario or its errors, failing the test with
// every message when the other one comes back.
#include "config/scenario_loader.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

namespace ccsim::test {

inline std::filesystem::path source_dir() { return CCSIM_SOURCE_DIR; }

inline std::filesystem::path fixture(std::string_view name) {
  return source_dir() / "tests" / "config" / "fixtures" / name;
}

inline std::string all_messages(const std::vector<config_error>& errors) {
  std::string out;
  for (auto& e : errors) out += to_string(e) + "\n";
  return out;
}

/// The errors of a result that must not load.
inline std::vector<config_error> errors_in(const load_result& result) {
  auto* errors = std::get_if<std::vector<config_error>>(&result);
  if (!errors) FAIL("the scenario loaded, but errors were expected");
  return *errors;
}

/// The errors of inline TOML text (reported as file "test.toml").
inline std::vector<config_error> errors_of(std::string_view text) {
  return errors_in(parse_scenario(text, "test.toml"));
}

/// The single error of inline text; fails (listing them) if there are more.
inline config_error only_error_of(std::string_view text) {
  auto errors = errors_of(text);
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 1);
  return errors.front();
}

/// The scenario of a result that must load.
inline scenario scenario_in(const load_result& result) {
  if (auto* errors = std::get_if<std::vector<config_error>>(&result)) {
    INFO(all_messages(*errors));
    FAIL("the scenario did not load");
  }
  return std::get<scenario>(result);
}

inline scenario scenario_of(std::string_view text) {
  return scenario_in(parse_scenario(text, "test.toml"));
}

} // namespace ccsim::test
