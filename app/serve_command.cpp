// ccsim serve [SCENARIO] --port N --bind ADDR --speed X --admin-key KEY
//             --threads N --ui-dir DIR --update-rate HZ [--db PATH | --no-db]
// Runs the live engine behind the HTTP/WebSocket server until SIGINT or
// SIGTERM, then shuts down in order: stop accepting, stop the actors (every
// event reaches the subscribers), write the session with its calls in
// flight into SQLite, final frames and close frames to the wallboards,
// webhook queues drained (bounded), exit 0.
#include <chrono>
#include <csignal>
#include <memory>
#include <mutex>
#include <cstdlib>
#include <iostream>
#include <pthread.h>
#include <string>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/db_commands.hpp"
#include "app/scenario_input.hpp"
#include "app/session_recording.hpp"
#include "live/engine.hpp"
#include "web/key_store.hpp"
#include "web/server.hpp"

namespace ccsim::app {

namespace {

constexpr const char* serve_usage =
    "usage: ccsim serve [SCENARIO] [--port N] [--bind ADDR] [--speed X] [--admin-key KEY] [--threads N]\n"
    "                   [--ui-dir DIR] [--update-rate HZ] [--seed N] [--db PATH | --no-db]";

std::optional<double> parse_number(const std::string& option, const std::string& text, double lo, double hi,
                                   std::string& error) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(v >= lo && v <= hi)) {
    error = "--" + option + " expects a number between " + std::to_string(lo) + " and " + std::to_string(hi) +
            ", got '" + text + "'";
    return std::nullopt;
  }
  return v;
}

/// Where the server finds the recording's state once it exists.
class probe_slot {
public:
  void set(web::recording_probe p) {
    std::lock_guard<std::mutex> guard{mtx_};
    probe_ = std::move(p);
  }
  void clear() { set({}); }
  web::recording_state read() const {
    std::lock_guard<std::mutex> guard{mtx_};
    return probe_ ? probe_() : web::recording_state{};
  }

private:
  mutable std::mutex mtx_;
  web::recording_probe probe_;
};

/// The options as typed, for the run's record; the admin key is a secret
/// and never stored.
std::string recorded_options(int argc, char** argv, const std::string& scenario_arg) {
  std::string out;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == scenario_arg) continue;
    if (!out.empty()) out += ' ';
    if (a == "--admin-key" && i + 1 < argc) {
      out += a + " (hidden)";
      ++i;
    } else if (a.rfind("--admin-key=", 0) == 0) {
      out += "--admin-key=(hidden)";
    } else {
      out += a;
    }
  }
  return out;
}

} // namespace

int serve_command(int argc, char** argv) {
  std::string error;
  cli_spec spec{{"port", "bind", "speed", "admin-key", "threads", "ui-dir", "update-rate", "seed", "db"}, {"no-db"}};
  auto args = parse_args(argc, argv, 2, spec, error);
  if (!args) return std::cerr << "ccsim serve: " << error << "\n" << serve_usage << "\n", exit_usage;
  if (args->positional.size() > 1)
    return std::cerr << "ccsim serve: at most one scenario file\n" << serve_usage << "\n", exit_usage;

  web::server_options opts;
  live::engine_options eopts;
  if (auto v = args->get("port")) {
    auto n = parse_count("port", *v, error);
    if (!n || *n > 65535) return std::cerr << "ccsim serve: " << (n ? "--port must be at most 65535" : error) << "\n", exit_usage;
    opts.port = static_cast<std::uint16_t>(*n);
  }
  if (auto v = args->get("bind")) opts.bind = *v;
  if (auto v = args->get("speed")) {
    auto x = parse_number("speed", *v, 0.001, 10000, error);
    if (!x) return std::cerr << "ccsim serve: " << error << "\n", exit_usage;
    eopts.speed = *x;
  }
  if (auto v = args->get("threads")) {
    auto n = parse_count("threads", *v, error);
    if (!n || *n < 1 || *n > 256) return std::cerr << "ccsim serve: " << (n ? "--threads must be between 1 and 256" : error) << "\n", exit_usage;
    opts.threads = static_cast<unsigned>(*n);
    eopts.threads = static_cast<unsigned>(*n);
  }
  if (auto v = args->get("update-rate")) {
    auto x = parse_number("update-rate", *v, 0.1, 60, error);
    if (!x) return std::cerr << "ccsim serve: " << error << "\n", exit_usage;
    opts.updates_per_second = *x;
  }
  if (auto v = args->get("ui-dir")) opts.ui_dir = *v;
  bool generated = false;
  if (auto v = args->get("admin-key")) {
    opts.admin_key = *v;
  } else if (const char* env = std::getenv("CCSIM_ADMIN_KEY"); env && *env) {
    opts.admin_key = env;  // keeps the key out of `ps`
  } else {
    opts.admin_key = web::key_store::generate_key();
    generated = true;
  }
  if (opts.admin_key.size() < 16)
    return std::cerr << "ccsim serve: the admin key must have at least 16 characters\n", exit_usage;

  std::optional<scenario> s;
  if (!args->positional.empty()) {
    s = load_or_report(args->positional.front());
    if (!s) return exit_usage;
    eopts.seed = s->seed;
  }
  if (auto v = args->get("seed")) {
    auto n = parse_count("seed", *v, error);
    if (!n) return std::cerr << "ccsim serve: " << error << "\n", exit_usage;
    eopts.seed = *n;
  }

  if (args->has("no-db") && args->get("db"))
    return std::cerr << "ccsim serve: --db and --no-db contradict each other\n", exit_usage;

  // Block the signals before any thread starts, so every thread inherits
  // the mask and only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  live::engine engine(eopts);
  auto started = std::chrono::steady_clock::now();
  // /status asks the recording for its state; the recording starts after
  // the server (see below), so the server reads it through this slot.
  auto recording_slot = std::make_shared<probe_slot>();
  opts.recording = [recording_slot] { return recording_slot->read(); };
  // The port first: a server that cannot listen leaves no run behind.
  web::server srv(engine, opts);
  if (auto err = srv.start()) {
    std::cerr << "ccsim serve: " << *err << "\n";
    engine.shutdown();
    return exit_failure;
  }
  // Then the recording, subscribed before any tenant emits its first event.
  std::unique_ptr<session_recording> recording;
  if (!args->has("no-db")) {
    auto scenario_arg = args->positional.empty() ? std::string{} : args->positional.front();
    recording = session_recording::start(args->get("db").value_or(default_db_path), engine, s, scenario_arg,
                                         eopts.seed, recorded_options(argc, argv, scenario_arg));
    if (!recording) {
      srv.shutdown();
      engine.shutdown();
      return exit_failure;
    }
    recording_slot->set([rec = recording.get()] { return rec->state(); });
  }
  if (s) {
    auto loaded = engine.load_scenario(*s);
    if (auto* e = std::get_if<live::api_error>(&loaded)) {
      std::cerr << "ccsim serve: cannot start the scenario: " << e->detail << "\n";
      srv.shutdown();
      engine.shutdown();  // before the recording goes: no event may reach it after
      return exit_failure;
    }
  }

  std::cout << "ccsim serve: listening on " << srv.url() << " (wallboard /, REST /api, WebSocket /ws)\n";
  if (s) {
    std::cout << "scenario " << s->name << ":";
    for (auto& t : engine.tenants()) std::cout << " " << t.name;
    std::cout << " at speed " << eopts.speed << "\n";
  }
  if (recording)
    std::cout << "recording as run " << recording->run_id() << " in " << recording->file() << "\n";
  else
    std::cout << "not recording (--no-db)\n";
  if (generated) std::cout << "admin key (generated, shown once): " << opts.admin_key << "\n";
  std::cout << "tenant keys: POST /api/tenants/NAME/keys with the admin key\n" << std::flush;

  int sig = 0;
  sigwait(&stop_signals, &sig);

  std::cout << "ccsim serve: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT") << ", shutting down\n" << std::flush;
  srv.stop_accepting();
  auto before = engine.status();
  std::size_t in_flight = 0;
  for (auto& [state, n] : before.calls_by_state)
    if (state != "wrap_up") in_flight += n;  // in wrap-up the call itself has ended
  auto stopped_at = engine.sim_now();
  engine.shutdown();  // returns once every tenant's last events reached the subscribers
  if (recording) {
    auto wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    recording->finish(std::string("live session stopped by ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") + "; " +
                        std::to_string(in_flight) + " calls in flight recorded as in system",
                      wall, stopped_at);
  }
  auto ws_clients = srv.stats().ws_connected.load();
  srv.shutdown();
  auto hooks = srv.webhooks().totals();
  std::cout << "ccsim serve: stopped; " << before.calls_created << " calls created through the API, " << in_flight
            << " in flight at shutdown" << (recording ? " (recorded as in system)" : " (not recorded: --no-db)")
            << ", " << ws_clients << " WebSocket clients closed, " << hooks.delivered
            << " webhook events delivered, " << hooks.dropped << " dropped\n";
  return exit_ok;
}

} // namespace ccsim::app
