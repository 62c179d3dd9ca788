// ccsim: the command line. Each subcommand lives in its own file.
#include <cstring>
#include <iostream>
#include <string>

#include "app/commands.hpp"

namespace {

void usage(std::ostream& out) {
  out << "usage: ccsim COMMAND [options]\n"
         "  run SCENARIO [--seed N] [--replications N] [--threads N] [--json FILE] [--quiet]\n"
         "      simulate a scenario in virtual time and print its KPI report\n"
         "  validate SCENARIO...   check scenario files; problems as file:line:column\n"
         "  version                print the version\n";
}

} // namespace

int main(int argc, char** argv) {
  using namespace ccsim::app;
  if (argc < 2) {
    usage(std::cerr);
    return exit_usage;
  }
  std::string cmd = argv[1];
  try {
    if (cmd == "run") return run_command(argc, argv);
    if (cmd == "validate") return validate_command(argc, argv);
    if (cmd == "version" || cmd == "--version") {
      std::cout << "ccsim " << CCSIM_VERSION << "\n";
      return exit_ok;
    }
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
      usage(std::cout);
      return exit_ok;
    }
  } catch (const std::exception& e) {  // a bug, but the user still deserves a message
    std::cerr << "ccsim " << cmd << ": internal error: " << e.what() << "\n";
    return exit_failure;
  }
  std::cerr << "ccsim: unknown command '" << cmd << "'\n";
  usage(std::cerr);
  return exit_usage;
}
