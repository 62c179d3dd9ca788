#include <iostream>
#include <string>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/scenario_input.hpp"

namespace ccsim::app {

int validate_command(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc, argv, 2, cli_spec{{}, {"quiet"}}, error);
  if (!args || args->positional.empty()) {
    std::cerr << "ccsim validate: " << (args ? "which scenario? usage: ccsim validate FILE..." : error) << "\n";
    return exit_usage;
  }
  int rc = exit_ok;
  for (auto& path : args->positional) {
    auto s = load_or_report(path);
    if (!s) {
      rc = exit_usage;
      continue;
    }
    if (!args->has("quiet")) {
      std::size_t agents = 0, types = 0;
      for (auto& t : s->tenants) {
        types += t.call_types.size();
        for (auto& g : t.agents) agents += g.count;
      }
      auto n = [](std::size_t k, const char* word) {
        return std::to_string(k) + " " + word + (k == 1 ? "" : "s");
      };
      std::cout << path << ": ok (" << n(s->tenants.size(), "tenant") << ", " << n(agents, "agent")
                << ", " << n(types, "call type") << ")\n";
    }
  }
  return rc;
}

} // namespace ccsim::app
