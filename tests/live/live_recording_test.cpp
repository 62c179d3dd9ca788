// A live session recorded into SQLite: the live engine's stream through a
// store::live_recorder, the way `ccsim serve` wires them. Calls still in
// flight at shutdown must be in the database as in system at the end, and
// the rows must give back the KPIs the live stream gave.
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "config/scenario_loader.hpp"
#include "config/scenario_writer.hpp"
#include "domain/tenant_stats.hpp"
#include "live/engine.hpp"
#include "live_test_support.hpp"
#include "store/call_record.hpp"
#include "store/history.hpp"
#include "store/live_recorder.hpp"
#include "store/schema.hpp"

using namespace ccsim;
using namespace ccsim::live;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using test::eventually;
using test::ok;
using test::wait_for;

struct temp_db {
  fs::path dir = fs::temp_directory_path() / ("ccsim-live-rec-" + std::to_string(::getpid()));
  temp_db() { fs::create_directories(dir); }
  ~temp_db() { fs::remove_all(dir); }
  fs::path file() const { return dir / "session.db"; }
};

} // namespace

TEST_CASE("a live session is recorded with its calls in flight at shutdown as in system", "[live][store]") {
  temp_db tmp;
  engine eng{engine_options{1.0, 2, 11}};
  store::run_settings settings;
  settings.seed = 11;
  store::live_recorder rec(tmp.file(), "live", settings, [&eng](tenant_index t) { return eng.tenant_config(t); });
  // A second subscriber keeps the stream as it went by, to compare with the rows.
  std::mutex mtx;
  std::map<tenant_index, std::vector<event>> seen;
  eng.subscribe([&](tenant_index t, const std::vector<event>& batch) {
    rec.on_events(t, batch);
    std::lock_guard<std::mutex> guard{mtx};
    seen[t].insert(seen[t].end(), batch.begin(), batch.end());
  });

  auto acme = ok(eng.create_tenant(test::small_tenant("acme", 2))).id;
  auto quiet = ok(eng.create_tenant(test::small_tenant("quiet"))).id;  // never emits a call event
  REQUIRE(eventually([&] { return eng.agents(acme).size() == 2; }));

  // One short call that ends, two long ones talking at shutdown, one waiting.
  auto c1 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(acme, "sales", 0.02, std::nullopt, cb); }));
  REQUIRE(eventually([&] { auto c = eng.call(acme, c1.id); return c && c->state == "ended"; }));
  REQUIRE(eventually([&] { return eng.snapshot(acme).kpis.answered == 1 && eng.agents(acme)[0].state == agent_state::available && eng.agents(acme)[1].state == agent_state::available; }));
  auto c2 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(acme, "sales", 3600.0, std::nullopt, cb); }));
  auto c3 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(acme, "sales", 3600.0, std::nullopt, cb); }));
  auto c4 = ok(wait_for<call_created>([&](auto cb) { eng.create_call(acme, "sales", 3600.0, std::nullopt, cb); }));
  CHECK(c2.outcome == "assigned");
  CHECK(c3.outcome == "assigned");
  CHECK(c4.outcome == "queued");
  // A break reason the API names: only the live session knows its code.
  auto agent = ok(wait_for<agent_info>([&](auto cb) { eng.create_agent(quiet, "rep", "Zoe", true, cb); }));
  ok(wait_for<agent_info>([&](auto cb) { eng.command_agent(quiet, agent.id, agent_command::take_break, "coaching", cb); }));
  REQUIRE(eventually([&] { auto a = eng.agent(quiet, agent.id); return a && a->state == agent_state::on_break; }));
  REQUIRE(eventually([&] { auto c = eng.call(acme, c3.id); return c && c->state == "talking"; }));

  eng.shutdown();  // returns once every batch reached the subscribers
  store::live_recorder::closing closing;
  closing.end = eng.sim_now();
  closing.tenants = eng.tenants().size();
  closing.break_reasons = [&](tenant_index t) { return eng.break_reasons(t); };
  std::vector<tenant> configs;
  for (auto& t : eng.tenants()) configs.push_back(*eng.tenant_config(t.id));
  closing.scenario_name = "live";
  closing.scenario_text = to_toml(store::session_scenario("live", 11, sim_duration{0}, closing.end, configs));
  closing.detail = "test stop";
  rec.finish(closing);
  CHECK_FALSE(rec.failed());

  auto db = store::open_for_reading(tmp.file());
  auto run = store::find_run(*db, rec.run_id());
  REQUIRE(run);
  CHECK(run->status == "completed");
  CHECK(run->status_detail == "test stop");
  auto parsed = parse_scenario(run->scenario_text, "stored");
  REQUIRE(std::holds_alternative<scenario>(parsed));
  auto& stored = std::get<scenario>(parsed);
  REQUIRE(stored.tenants.size() == 2);
  CHECK(stored.tenants[0].name == "acme");
  CHECK(stored.horizon == closing.end);
  CHECK(stored.live_session);

  auto jobs = store::run_jobs(*db, rec.run_id());
  REQUIRE(jobs.size() == 2);
  for (auto& job : jobs) {
    CHECK(job.finished);
    CHECK(job.end == closing.end);
  }
  CHECK(store::names_of(*db, rec.run_id(), quiet, "break_reason") == eng.break_reasons(quiet));
  CHECK(store::names_of(*db, rec.run_id(), quiet, "break_reason").back() == "coaching");

  // Outcomes per call: c1 answered, c2 and c3 talking and c4 waiting at the stop.
  std::map<call_id, store::call_outcome> outcome;
  auto q = db->prepare("SELECT call_id, outcome FROM calls WHERE job_id = ?1");
  q.bind(1, jobs[acme].id);
  while (q.step()) outcome[static_cast<call_id>(q.int64(0))] = static_cast<store::call_outcome>(q.int64(1));
  CHECK(outcome.size() == 4);
  CHECK(outcome[c1.id] == store::call_outcome::answered);
  CHECK(outcome[c2.id] == store::call_outcome::in_system);
  CHECK(outcome[c3.id] == store::call_outcome::in_system);
  CHECK(outcome[c4.id] == store::call_outcome::in_system);

  // Every event of every tenant reached the subscribers, none twice: each
  // stream is numbered 0, 1, 2, ... without a gap.
  for (auto& [t, events] : seen)
    for (std::size_t i = 0; i < events.size(); ++i) {
      CAPTURE(t, i);
      REQUIRE(events[i].seq == i);
    }

  // The rows replayed through tenant_stats give what the live stream gave.
  for (auto& job : jobs) {
    CAPTURE(job.tenant_name);
    std::vector<event> replayed;
    store::replay_job(*db, job, [&](const event& e) { replayed.push_back(e); });
    auto& config = stored.tenants[job.tenant];
    tenant_stats live_stats(config, sim_duration{0}, false), again(config, sim_duration{0}, false);
    for (auto& e : seen[job.tenant]) live_stats.on(e);
    for (auto& e : replayed) again.on(e);
    auto a = live_stats.finish(closing.end, false), b = again.finish(closing.end, false);
    CHECK(a.kpis.offered == b.kpis.offered);
    CHECK(a.kpis.answered == b.kpis.answered);
    CHECK(a.kpis.in_system_at_end == b.kpis.in_system_at_end);
    CHECK(a.kpis.asa == b.kpis.asa);
    CHECK(a.kpis.abandoned == b.kpis.abandoned);
    CHECK(a.occupancy == Approx(b.occupancy).margin(1e-12));
  }
}

TEST_CASE("a live recorder whose disk falls behind stops as failed instead of blocking", "[live][store]") {
  temp_db tmp;
  store::recorder_options opts;
  opts.live_queue_batches = 0;  // as if the disk were already that far behind
  auto config = std::make_shared<const tenant>(test::small_tenant("acme", 1));
  store::live_recorder rec(tmp.file(), "live", {}, [&](tenant_index) { return config; }, opts);
  std::vector<event> batch(1);
  rec.on_events(0, batch);  // returns at once: the engine's thread never waits for the disk
  REQUIRE(rec.failed());
  CHECK_THAT(rec.failure(), Catch::Matchers::Contains("did not keep up"));
  store::live_recorder::closing c;
  c.tenants = 1;
  CHECK_THROWS_AS(rec.finish(c), store::db_error);
  auto db = store::open_for_reading(tmp.file());
  auto run = store::find_run(*db, rec.run_id());
  REQUIRE(run);
  CHECK(run->status == "failed");
  CHECK_THAT(run->status_detail, Catch::Matchers::Contains("did not keep up"));
}
