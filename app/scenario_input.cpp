#include "app/scenario_input.hpp"

#include <iostream>

#include "config/scenario_loader.hpp"

namespace ccsim::app {

std::optional<scenario> load_or_report(const std::string& path) {
  auto result = load_scenario(path);
  if (auto* s = std::get_if<scenario>(&result)) return std::move(*s);
  auto& errors = std::get<std::vector<config_error>>(result);
  for (auto& e : errors) std::cerr << to_string(e) << "\n";
  std::cerr << path << ": " << errors.size() << (errors.size() == 1 ? " problem" : " problems")
            << ", nothing was run\n";
  return std::nullopt;
}

} // namespace ccsim::app
