#include <atomic>
#include <chrono>
#include <csignal>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include <boost/json.hpp>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/db_commands.hpp"
#include "app/progress_display.hpp"
#include "app/scenario_input.hpp"
#include "sim/report_document.hpp"
#include "sim/runner.hpp"

namespace ccsim::app {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_sigint(int) {
  interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
}

/// Writes to FILE.tmp and renames, so a failed write never leaves a
/// half-written report under the real name.
bool write_file_atomically(const std::string& path, const std::string& text, std::string& error) {
  auto tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot write " + path + ": " + std::strerror(errno);
      return false;
    }
    out << text;
    out.flush();
    if (!out) {
      error = "cannot write " + path + ": " + std::strerror(errno);
      std::remove(tmp.c_str());
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    error = "cannot write " + path + ": " + ec.message();
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

} // namespace

int run_command(int argc, char** argv) {
  std::string error;
  cli_spec spec{{"seed", "json", "replications", "threads", "db"}, {"quiet", "no-db"}};
  auto args = parse_args(argc, argv, 2, spec, error);
  if (!args) {
    std::cerr << "ccsim run: " << error << "\n";
    return exit_usage;
  }
  if (args->positional.size() != 1) {
    std::cerr << "ccsim run: expected one scenario file; usage: ccsim run SCENARIO [--seed N] "
                 "[--replications N] [--threads N] [--json FILE] [--quiet] [--db PATH | --no-db]\n";
    return exit_usage;
  }
  auto s = load_or_report(args->positional.front());
  if (!s) return exit_usage;

  run_request req;
  req.seed = s->seed;
  if (auto v = args->get("seed")) {
    auto n = parse_count("seed", *v, error);
    if (!n) return std::cerr << "ccsim run: " << error << "\n", exit_usage;
    req.seed = *n;
  }
  if (auto v = args->get("replications")) {
    auto n = parse_count("replications", *v, error);
    if (!n || *n < 1 || *n > 10000) {
      std::cerr << "ccsim run: " << (n ? "--replications must be between 1 and 10000" : error) << "\n";
      return exit_usage;
    }
    req.replications = static_cast<unsigned>(*n);
  }
  if (auto v = args->get("threads")) {
    auto n = parse_count("threads", *v, error);
    if (!n || *n < 1 || *n > 256) {
      std::cerr << "ccsim run: " << (n ? "--threads must be between 1 and 256" : error) << "\n";
      return exit_usage;
    }
    req.threads = static_cast<unsigned>(*n);
  }
  auto json_path = args->get("json");
  bool quiet = args->has("quiet");

  run_history history;  // ./ccsim.db unless --db PATH or --no-db
  if (!history.start(*args, *s, req, argc, argv, &interrupted)) return exit_failure;

  std::signal(SIGINT, on_sigint);
  req.cancel = &interrupted;
  run_status status(req.replications * s->tenants.size());
  auto started = std::chrono::steady_clock::now();
  run_outcome outcome;
  {
    progress_display progress(*s, status, !quiet && ::isatty(STDERR_FILENO));
    outcome = run_scenario(*s, req, status);
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::signal(SIGINT, SIG_DFL);

  if (history.failed()) return exit_failure;  // the database broke: the run was stopped
  if (outcome.interrupted) {
    history.interrupted();
    std::cerr << "ccsim run: interrupted; " << outcome.jobs_finished << " of " << status.jobs.size()
              << " tenant runs had finished (" << outcome.arrivals
              << " calls simulated); no report written\n";
    return exit_interrupted;
  }

  std::vector<boost::json::object> reps;
  for (auto& r : outcome.replications) reps.push_back(report_to_json(r, *s));
  auto doc = summarize_replications(reps);
  if (!history.completed(render_json(doc), wall, quiet)) return exit_failure;
  if (json_path && !write_file_atomically(*json_path, render_json(doc), error)) {
    std::cerr << "ccsim run: " << error << "\n";
    return exit_failure;
  }
  std::cout << render_text(doc) << std::flush;
  if (!quiet)
    std::fprintf(stderr, "ran %llu calls (%llu events) in %.2f s wall: %.0f calls/s\n",
                 static_cast<unsigned long long>(outcome.arrivals),
                 static_cast<unsigned long long>(outcome.events), wall,
                 wall > 0 ? static_cast<double>(outcome.arrivals) / wall : 0.0);
  return exit_ok;
}

} // namespace ccsim::app
