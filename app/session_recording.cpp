#include "app/session_recording.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "config/scenario_writer.hpp"
#include "live/engine.hpp"
#include "store/live_recorder.hpp"
#include "store/sqlite.hpp"

namespace ccsim::app {

namespace {

/// The server's local time of day now: t = 0 of a session without a
/// scenario, so its reports show the clock the session ran at (at speed 1).
sim_duration local_time_of_day() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return std::chrono::hours(local.tm_hour) + std::chrono::minutes(local.tm_min) +
         std::chrono::seconds(std::min(local.tm_sec, 59));  // a leap second reads as :59
}

} // namespace

session_recording::session_recording(live::engine& engine, const std::optional<scenario>& served)
  : engine_(engine), name_(served ? served->name : "live"),
    start_of_day_(served ? served->start_of_day : local_time_of_day()), feed_(std::make_shared<feed>()) {}

session_recording::feed::~feed() = default;

session_recording::~session_recording() {
  engine_.unsubscribe(token_);
}

std::unique_ptr<session_recording> session_recording::start(const std::string& db, live::engine& engine,
                                                            const std::optional<scenario>& served,
                                                            const std::string& scenario_path, std::uint64_t seed,
                                                            std::string options) {
  std::unique_ptr<session_recording> rec(new session_recording(engine, served));
  rec->seed_ = seed;
  store::run_settings settings;
  if (served) {  // until the end, when the session's own description replaces it
    std::ifstream in(scenario_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    settings.scenario_text = text.str();
    settings.scenario_path = scenario_path;
  }
  settings.seed = seed;
  settings.replications = 1;
  settings.options = std::move(options);
  settings.code_version = CCSIM_VERSION;
  settings.kind = "serve";
  store::recorder_options opts;
  if (const char* pages = std::getenv("CCSIM_DB_MAX_PAGES"))  // test hook, as for ccsim run: a disk that fills up
    opts.max_page_count = std::atoll(pages);
  // Absolute, so the path printed and shown in /status says where it is.
  std::error_code ec;
  auto path = std::filesystem::absolute(db, ec);
  if (ec) path = db;
  try {
    rec->feed_->recorder = std::make_unique<store::live_recorder>(
      path, rec->name_, std::move(settings), [&engine](tenant_index t) { return engine.tenant_config(t); }, opts);
  } catch (const store::db_error& e) {
    std::cerr << "ccsim serve: " << e.what() << "\n"
              << "ccsim serve: not started; pass --db PATH for another database, or --no-db\n";
    return nullptr;
  }
  rec->token_ = engine.subscribe([feed = rec->feed_](tenant_index t, const std::vector<event>& batch) {
    feed->recorder->on_events(t, batch);
    // The server goes on without a recording rather than slow the dispatcher.
    if (feed->recorder->failed() && !feed->warned.exchange(true))
      std::cerr << "ccsim serve: recording stopped: " << feed->recorder->failure()
                << "; the server goes on without it\n";
  });
  return rec;
}

std::int64_t session_recording::run_id() const { return feed_->recorder->run_id(); }
const std::string& session_recording::file() const { return feed_->recorder->file(); }

web::recording_state session_recording::state() const {
  auto& r = *feed_->recorder;
  web::recording_state s;
  s.enabled = true;
  s.run_id = r.run_id();
  s.file = r.file();
  s.failed = r.failed();
  if (s.failed) s.failure = r.failure();
  s.calls_written = r.calls_written();
  return s;
}

void session_recording::finish(const std::string& why, double wall_s, sim_time stopped_at) {
  auto& recorder = feed_->recorder;
  store::live_recorder::closing c;
  c.end = stopped_at;
  auto tenants = engine_.tenants();
  c.tenants = tenants.size();
  c.break_reasons = [this](tenant_index t) { return engine_.break_reasons(t); };
  std::vector<tenant> configs;
  for (auto& t : tenants)
    if (auto config = engine_.tenant_config(t.id)) configs.push_back(*config);
  c.scenario_name = name_;
  try {
    c.scenario_text = to_toml(store::session_scenario(name_, seed_, start_of_day_, c.end, std::move(configs)));
  } catch (const std::invalid_argument& e) {  // a tenant the file format cannot describe
    std::cerr << "ccsim serve: the session's tenants cannot be stored as a scenario (" << e.what()
              << "); `ccsim report` will not rebuild this run\n";
  }
  c.status = store::run_state::completed;
  c.detail = why;
  c.wall_s = wall_s;
  try {
    recorder->finish(c);
    std::cout << "ccsim serve: recorded as run " << recorder->run_id() << " in " << recorder->file() << " ("
              << recorder->calls_written() << " calls)\n";
  } catch (const store::db_error& e) {
    std::cerr << "ccsim serve: recording failed: " << e.what() << "\n";
  }
}

} // namespace ccsim::app
