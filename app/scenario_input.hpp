#pragma once
#include <optional>
#include <string>

#include "domain/scenario.hpp"

namespace ccsim::app {

/// Loads a scenario, printing every problem to stderr as
/// "file:line:column: key: message"; nullopt if there was any.
std::optional<scenario> load_or_report(const std::string& path);

} // namespace ccsim::app
