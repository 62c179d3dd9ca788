#include "store/report_rebuild.hpp"

#include <algorithm>

#include <catch2/catch.hpp>

#include "store/history.hpp"
#include "store/schema.hpp"
#include "store_test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using test::scratch_dir;

/// Shipped scenarios, bench_mmc cut down to 20 000 calls to keep the suite quick.
std::vector<std::pair<std::string, std::string>> shipped_scenarios() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& entry : fs::directory_iterator(test::source_path("scenarios")))
    if (entry.path().extension() == ".toml") {
      auto text = test::read_text(entry.path());
      if (entry.path().stem() == "bench_mmc") {
        auto at = text.find("calls = 1000000");
        REQUIRE(at != std::string::npos);
        text.replace(at, 15, "calls = 20000");
      }
      out.emplace_back(entry.path().string(), text);
    }
  std::sort(out.begin(), out.end());
  return out;
}

std::string rebuilt_json(const fs::path& db_file, std::int64_t run_id) {
  auto db = store::open_for_reading(db_file);
  auto run = store::find_run(*db, run_id);
  REQUIRE(run);
  auto s = test::parse_or_fail(run->scenario_text, run->scenario_path);
  return render_json(store::rebuild_report(*db, *run, store::run_jobs(*db, run_id), s));
}

TEST_CASE("the report rebuilt from the database equals the live report, on every shipped scenario", "[store]") {
  scratch_dir dir;
  auto scenarios = shipped_scenarios();
  REQUIRE(scenarios.size() >= 5);
  for (auto& [path, text] : scenarios) {
    DYNAMIC_SECTION(fs::path(path).filename().string()) {
      auto run = test::record_run(dir / "history.db", text, path);
      auto rebuilt = rebuilt_json(dir / "history.db", run.run_id);
      CHECK(rebuilt == run.live_json);
    }
  }
}

TEST_CASE("a run with replications is rebuilt with the same means and confidence intervals", "[store]") {
  scratch_dir dir;
  auto path = test::source_path("scenarios/multi_tenant.toml");
  auto run = test::record_run(dir / "history.db", test::read_text(path), path.string(), 3);
  auto rebuilt = rebuilt_json(dir / "history.db", run.run_id);
  CHECK(rebuilt.find("\"ci95\"") != std::string::npos);
  CHECK(rebuilt == run.live_json);
}

TEST_CASE("a run's intervals add up to its totals, stored and replayed alike", "[store]") {
  scratch_dir dir;
  for (auto name : {"multi_tenant", "overload_abandon", "day_profile"}) {
    DYNAMIC_SECTION(name) {
      auto path = test::source_path(std::string("scenarios/") + name + ".toml");
      auto run = test::record_run(dir / "history.db", test::read_text(path), path.string());
      auto db = store::open_for_reading(dir / "history.db");
      auto row = store::find_run(*db, run.run_id);
      REQUIRE(row);
      auto s = test::parse_or_fail(row->scenario_text, row->scenario_path);
      auto jobs = store::run_jobs(*db, run.run_id);
      REQUIRE(jobs.size() == s.tenants.size());
      for (auto& job : jobs) {
        auto& ten = s.tenants[job.tenant];
        auto& kpis = run.reports.front().tenants[job.tenant].kpis;
        auto stored = store::stored_intervals(*db, job, row->interval, ten.call_types.size(), ten.agent_types.size());
        auto replayed = store::replay_intervals(*db, job, ten, row->interval);
        auto half_hours = store::replay_intervals(*db, job, ten, std::chrono::minutes(30));
        REQUIRE(stored.size() == replayed.size());
        CAPTURE(ten.name);
        for (auto* series : {&stored, &replayed, &half_hours}) {
          store::interval_calls sum;
          for (auto& c : series->tenant) sum.merge(c);
          CHECK(sum.offered == kpis.offered);
          CHECK(sum.answered == kpis.answered);
          CHECK(sum.abandoned == kpis.abandoned);
          CHECK(sum.rejected == kpis.rejected);
          CHECK(sum.answered_within_t == kpis.answered_within_t);
          for (std::size_t i = 0; i < series->size(); ++i) {  // call types add up to the tenant
            store::interval_calls types;
            for (auto& c : series->by_type[i]) types.merge(c);
            CHECK(types.offered == series->tenant[i].offered);
            CHECK(types.answered == series->tenant[i].answered);
            CHECK(types.queue_area == Approx(series->tenant[i].queue_area));
          }
        }
        // What the recorder stored is what a replay of its rows gives.
        for (std::size_t i = 0; i < stored.size(); ++i) {
          CHECK(stored.tenant[i].offered == replayed.tenant[i].offered);
          CHECK(stored.tenant[i].answered_within_t == replayed.tenant[i].answered_within_t);
          CHECK(stored.tenant[i].wait_ns == replayed.tenant[i].wait_ns);
          CHECK(stored.tenant[i].handle_ns == replayed.tenant[i].handle_ns);
          CHECK(stored.tenant[i].queue_area == replayed.tenant[i].queue_area);
          CHECK(stored.tenant[i].max_queue == replayed.tenant[i].max_queue);
          for (std::size_t a = 0; a < stored.by_agent[i].size(); ++a) {
            CHECK(stored.by_agent[i][a].busy_s == replayed.by_agent[i][a].busy_s);
            CHECK(stored.by_agent[i][a].logged_s == replayed.by_agent[i][a].logged_s);
          }
        }
      }
    }
  }
}

TEST_CASE("every call record is internally consistent", "[store]") {
  scratch_dir dir;
  auto path = test::source_path("scenarios/day_profile.toml");
  auto run = test::record_run(dir / "history.db", test::read_text(path), path.string());
  auto db = store::open_for_reading(dir / "history.db");
  auto q = db->prepare(
      "SELECT outcome, agent, queued_ns, dequeued_ns, wait_ns, talk_ns, wrap_ns, last_dseq, reject_reason, "
      "qualification FROM calls");
  std::size_t n = 0;
  while (q.step()) {
    ++n;
    auto outcome = static_cast<store::call_outcome>(q.int64(0));
    CAPTURE(n, q.int64(0));
    if (!q.is_null(2)) CHECK(q.int64(2) >= 0);
    if (!q.is_null(3)) CHECK(!q.is_null(2));
    switch (outcome) {
      case store::call_outcome::answered:
        CHECK(!q.is_null(1));
        CHECK(q.int64(4) >= 0);
        CHECK(q.int64(5) >= 0);
        CHECK(q.int64(6) >= 0);
        CHECK(q.int64(7) > 0);
        CHECK(q.int64(8) == 0);
        if (!q.is_null(3)) CHECK(q.int64(2) + q.int64(3) <= q.int64(4));  // left the queue before the answer
        break;
      case store::call_outcome::abandoned:
      case store::call_outcome::rejected:
        CHECK(q.is_null(1));
        CHECK(q.int64(4) >= 0);
        CHECK(q.is_null(5));
        CHECK(q.int64(9) == 0);
        CHECK((outcome == store::call_outcome::rejected) == (q.int64(8) != 0));
        break;
      case store::call_outcome::in_system:
        CHECK(q.is_null(5));
        break;
    }
  }
  CHECK(n > 1000);
}

} // namespace
} // namespace ccsim
