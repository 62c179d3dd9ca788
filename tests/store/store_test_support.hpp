#pragma once
// Helpers for the store tests: a scratch directory, shipped scenarios,
// running the ccsim executable as a child process, and recording a run
// in-process.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config/scenario_loader.hpp"
#include "sim/report_document.hpp"
#include "sim/runner.hpp"
#include "store/recorder.hpp"

extern char** environ;

namespace ccsim::test {

namespace fs = std::filesystem;

/// A fresh directory under /tmp, removed with everything in it.
class scratch_dir {
public:
  scratch_dir() {
    std::string tmpl = (fs::temp_directory_path() / "ccsim-store-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~scratch_dir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  fs::path operator/(const std::string& name) const { return path_ / name; }
  const fs::path& path() const { return path_; }

private:
  fs::path path_;
};

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

inline fs::path source_path(const std::string& rel) { return fs::path(CCSIM_SOURCE_DIR) / rel; }

inline scenario parse_or_fail(const std::string& text, const std::string& name) {
  auto result = parse_scenario(text, name);
  if (auto* s = std::get_if<scenario>(&result)) return *s;
  std::string all;
  for (auto& e : std::get<std::vector<config_error>>(result)) all += to_string(e) + "\n";
  throw std::runtime_error("scenario does not load: " + all);
}

/// The live report of a recorded in-process run, and its run id.
struct recorded_run {
  std::string live_json;
  std::int64_t run_id = 0;
  std::vector<run_report> reports;
};

inline recorded_run record_run(const fs::path& db, const std::string& scenario_text, const std::string& name,
                               unsigned replications = 1, store::recorder_options opts = {}) {
  auto s = parse_or_fail(scenario_text, name);
  store::run_settings settings;
  settings.scenario_text = scenario_text;
  settings.scenario_path = name;
  settings.seed = s.seed;
  settings.replications = replications;
  settings.code_version = "test";
  store::recorder rec(db, s, settings, opts);
  std::atomic<bool> cancel{false};
  rec.watch_cancel(&cancel);
  run_request req;
  req.seed = s.seed;
  req.replications = replications;
  req.threads = 2;
  req.cancel = &cancel;
  req.subscribers = rec.subscribers();
  run_status status(replications * s.tenants.size());
  auto outcome = run_scenario(s, req, status);
  if (outcome.interrupted || rec.failed()) throw std::runtime_error("run failed: " + rec.failure());
  std::vector<boost::json::object> reps;
  for (auto& r : outcome.replications) reps.push_back(report_to_json(r, s));
  recorded_run out;
  out.live_json = render_json(summarize_replications(reps));
  rec.finish(store::run_state::completed, {}, out.live_json, 0.1);
  out.run_id = rec.run_id();
  out.reports = outcome.replications;
  return out;
}

// ------------------------------------------------------------ child processes

struct child_result {
  int exit_code = -1;   ///< -1 if killed by a signal
  int signal = 0;
  std::string out, err;
};

/// Starts `ccsim ARGS...` with stdout/stderr into files in `dir`.
inline pid_t spawn_ccsim(const std::vector<std::string>& args, const fs::path& out, const fs::path& err,
                         const std::vector<std::string>& env_extra = {}, const fs::path& cwd = {}) {
  std::vector<std::string> argv_s{CCSIM_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) env_s.emplace_back(*e);
  for (auto& e : env_extra) env_s.push_back(e);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + argv_s[0]);
  return pid;
}

inline child_result wait_child(pid_t pid, const fs::path& out, const fs::path& err) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  child_result r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = read_text(out);
  r.err = read_text(err);
  return r;
}

/// Runs `ccsim ARGS...` to its end in `dir` (files out.txt, err.txt there).
inline child_result run_ccsim(const scratch_dir& dir, const std::vector<std::string>& args,
                              const std::vector<std::string>& env_extra = {}, const fs::path& cwd = {}) {
  auto out = dir / "out.txt", err = dir / "err.txt";
  return wait_child(spawn_ccsim(args, out, err, env_extra, cwd), out, err);
}

/// Polls `cond` every 20 ms for at most `limit`.
template <class F>
bool eventually(F cond, std::chrono::milliseconds limit = std::chrono::seconds(60)) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (cond()) return true;
    ::usleep(20000);
  }
  return cond();
}

} // namespace ccsim::test
