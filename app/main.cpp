// ccsim: the command line. Each subcommand lives in its own file.
#include <cstring>
#include <iostream>
#include <string>

#include "app/commands.hpp"

namespace {

void usage(std::ostream& out) {
  out << "usage: ccsim COMMAND [options]\n"
         "  run SCENARIO [--seed N] [--replications N] [--threads N] [--json FILE] [--quiet]\n"
         "      [--db PATH | --no-db]\n"
         "      simulate a scenario in virtual time and print its KPI report; the run is\n"
         "      recorded in ./ccsim.db unless --db PATH or --no-db\n"
         "  runs [--db PATH]       list recorded runs\n"
         "  report --run N [--intervals 30m] [--json FILE] [--html FILE] [--db PATH]\n"
         "      the report of a recorded run, rebuilt from the database; --intervals: per\n"
         "      interval instead; --html: charts per interval in one self-contained file\n"
         "  export --run N --what calls|agent-events|intervals [--format csv|json]\n"
         "      [--intervals 30m] [--output FILE] [--db PATH]   recorded rows, to stdout\n"
         "  validate SCENARIO...   check scenario files; problems as file:line:column\n"
         "  serve [SCENARIO] [--port N] [--bind ADDR] [--speed X] [--admin-key KEY] [--threads N]\n"
         "        [--ui-dir DIR] [--update-rate HZ]\n"
         "      live dispatcher: REST API, WebSocket stream and wallboard (127.0.0.1 by default)\n"
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
    if (cmd == "runs") return runs_command(argc, argv);
    if (cmd == "report") return report_command(argc, argv);
    if (cmd == "export") return export_command(argc, argv);
    if (cmd == "serve") return serve_command(argc, argv);
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
