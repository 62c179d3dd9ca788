#pragma once
// One function per subcommand; each returns the process exit code.
namespace ccsim::app {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;      ///< the run itself failed (I/O, ...)
inline constexpr int exit_usage = 2;        ///< bad command line or bad scenario
inline constexpr int exit_interrupted = 130;

int run_command(int argc, char** argv);       ///< ccsim run SCENARIO [...]
int validate_command(int argc, char** argv);  ///< ccsim validate SCENARIO...
int runs_command(int argc, char** argv);      ///< ccsim runs [--db PATH]
int report_command(int argc, char** argv);    ///< ccsim report --run N [...]
int export_command(int argc, char** argv);    ///< ccsim export --run N --what ... [...]
int serve_command(int argc, char** argv);     ///< ccsim serve [SCENARIO] [...]

} // namespace ccsim::app
