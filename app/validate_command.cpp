#include <iostream>

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
      std::cout << path << ": ok (" << s->tenants.size() << " tenants, " << agents << " agents, "
                << types << " call types)\n";
    }
  }
  return rc;
}

} // namespace ccsim::app
