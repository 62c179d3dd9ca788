#pragma once
// The history side of the command line: `ccsim run` records into SQLite
// through run_history; `ccsim runs`, `ccsim report` and `ccsim export` read
// what was recorded.
#include <atomic>
#include <memory>
#include <string>

#include "app/cli_args.hpp"
#include "domain/scenario.hpp"
#include "sim/runner.hpp"

namespace ccsim::store {
class recorder;
}

namespace ccsim::app {

/// Where runs are recorded unless --db PATH (or --no-db) says otherwise.
inline constexpr const char* default_db_path = "ccsim.db";

/// The recording of one `ccsim run`. Each step prints its own error
/// (naming the database file and the cause) and says whether to go on.
class run_history {
public:
  run_history();
  ~run_history();

  /// Opens the database (unless --no-db), records the run as `running`
  /// and wires the recorder into `req`. `cancel` stops the run if writing
  /// fails. False: the database cannot be used (error printed).
  bool start(const cli_args& args, const scenario& s, run_request& req, int argc, char** argv,
             std::atomic<bool>* cancel);
  /// After the simulation: true if writing failed (error printed, run marked failed).
  bool failed();
  /// Ctrl-C: marks the run interrupted.
  void interrupted();
  /// Marks the run completed, with the live report; false if that failed (error printed).
  bool completed(const std::string& report_json, double wall_seconds, bool quiet);

private:
  std::unique_ptr<store::recorder> recorder_;
};

} // namespace ccsim::app
