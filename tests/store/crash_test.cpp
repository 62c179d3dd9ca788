// The database under a dying writer: kill -9 in the middle of a long run,
// Ctrl-C, and a second process reading while a run writes. Real child
// processes of the ccsim executable.
#include <csignal>

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "store/history.hpp"
#include "store/schema.hpp"
#include "store_test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using test::run_ccsim;
using test::scratch_dir;
using Catch::Matchers::Contains;

std::string long_scenario() { return test::source_path("tests/store/fixtures/long_run.toml").string(); }

/// A read-only look at the database, as an unrelated process would take it.
struct raw_db {
  explicit raw_db(const fs::path& file) { sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr); }
  ~raw_db() { sqlite3_close(db); }
  std::int64_t integer(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    std::int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  }
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    std::string v;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
  }
  sqlite3* db = nullptr;
};

/// The committed sequence number of the run's job (-1: nothing committed yet).
std::int64_t committed(const fs::path& file, int run) {
  if (!fs::exists(file)) return -1;
  raw_db db(file);
  return db.integer("SELECT ifnull(max(committed_seq), -1) FROM jobs WHERE run_id = " + std::to_string(run));
}

struct stream_counts {
  std::uint64_t agent_events = 0, calls_done = 0;
};

/// Reruns long_run in-process up to `last_seq` and counts what the
/// recorder must have committed by then: every agent event, and every
/// call that ended.
stream_counts expected_prefix(std::int64_t last_seq) {
  auto s = test::parse_or_fail(test::read_text(long_scenario()), "long_run");
  std::atomic<bool> stop{false};
  stream_counts n;
  run_request req;
  req.seed = s.seed;
  req.cancel = &stop;
  req.observer = [&](unsigned, tenant_index, const std::vector<event>& batch) {
    for (auto& e : batch) {
      if (static_cast<std::int64_t>(e.seq) > last_seq) {
        stop = true;
        return;
      }
      if (e.kind == event_kind::agent_state_changed) ++n.agent_events;
      if (e.kind == event_kind::call_ended || e.kind == event_kind::call_abandoned
          || e.kind == event_kind::call_rejected)
        ++n.calls_done;
    }
  };
  run_status status(1);
  run_scenario(s, req, status);
  return n;
}

TEST_CASE("kill -9 mid-run leaves a sound database whose committed batches are complete, "
          "and the run shows as interrupted", "[store]") {
  scratch_dir dir;
  auto db = dir / "h.db";
  auto out = dir / "run.out", err = dir / "run.err";
  auto pid = test::spawn_ccsim({"run", long_scenario(), "--db", db.string()}, out, err);
  bool started = test::eventually([&] { return committed(db, 1) > 100000; });
  ::usleep(150000);  // somewhere inside a later batch
  ::kill(pid, SIGKILL);
  auto child = test::wait_child(pid, out, err);
  REQUIRE(started);
  CHECK(child.signal == SIGKILL);

  std::int64_t seq = 0;
  {
    raw_db raw(db);
    CHECK(raw.text("PRAGMA integrity_check") == "ok");
    CHECK(raw.text("SELECT status FROM runs WHERE run_id = 1") == "running");  // as the dead process left it
    seq = raw.integer("SELECT committed_seq FROM jobs WHERE run_id = 1");
    REQUIRE(seq > 0);
    // Nothing beyond the committed point, and nothing half-done.
    CHECK(raw.integer("SELECT count(*) FROM calls WHERE seq + last_dseq > " + std::to_string(seq)) == 0);
    CHECK(raw.integer("SELECT count(*) FROM agent_state_changes WHERE seq > " + std::to_string(seq)) == 0);
    CHECK(raw.integer("SELECT count(*) FROM calls WHERE outcome = 3") == 0);  // the job never finished
    CHECK(raw.integer("SELECT count(*) FROM calls WHERE outcome = 0 AND (agent IS NULL OR talk_ns IS NULL)") == 0);
    CHECK(raw.integer("SELECT count(*) FROM jobs WHERE finished = 1") == 0);
    // Every committed row, and only those: the same counts as the event
    // stream of the same run up to the committed point.
    auto expected = expected_prefix(seq);
    CHECK(raw.integer("SELECT count(*) FROM agent_state_changes") == static_cast<std::int64_t>(expected.agent_events));
    CHECK(raw.integer("SELECT count(*) FROM (SELECT DISTINCT job_id, seq FROM agent_state_changes)")
          == static_cast<std::int64_t>(expected.agent_events));
    CHECK(raw.integer("SELECT count(*) FROM calls") == static_cast<std::int64_t>(expected.calls_done));
  }

  auto runs = run_ccsim(dir, {"runs", "--db", db.string()});
  REQUIRE(runs.exit_code == 0);
  CHECK_THAT(runs.out, Contains("long_run") && Contains("interrupted"));
  {
    raw_db raw(db);  // and the file now says so too
    CHECK(raw.text("SELECT status FROM runs WHERE run_id = 1") == "interrupted");
  }
  auto report = run_ccsim(dir, {"report", "--run", "1", "--db", db.string()});
  CHECK(report.exit_code == 1);
  CHECK_THAT(report.err, Contains("interrupted"));
  CHECK(report.out.empty());
  auto calls = run_ccsim(dir, {"export", "--run", "1", "--what", "calls", "--db", db.string()});
  CHECK(calls.exit_code == 0);  // what was committed can still be read
}

TEST_CASE("Ctrl-C during ccsim run marks the run interrupted and exits 130", "[store]") {
  scratch_dir dir;
  auto db = dir / "h.db";
  auto out = dir / "run.out", err = dir / "run.err";
  auto pid = test::spawn_ccsim({"run", long_scenario(), "--db", db.string()}, out, err);
  bool started = test::eventually([&] { return committed(db, 1) > 0; });
  ::kill(pid, SIGINT);
  auto child = test::wait_child(pid, out, err);
  REQUIRE(started);
  CHECK(child.exit_code == 130);
  CHECK(child.out.empty());
  raw_db raw(db);
  CHECK(raw.text("SELECT status FROM runs WHERE run_id = 1") == "interrupted");
  CHECK_THAT(raw.text("SELECT status_detail FROM runs WHERE run_id = 1"), Contains("SIGINT"));
  CHECK(raw.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("a second process reads the database while a run writes it", "[store]") {
  scratch_dir dir;
  auto db = dir / "h.db";
  auto first = run_ccsim(dir, {"run", test::source_path("scenarios/inbound_basic.toml").string(), "--db",
                               db.string(), "--json", (dir / "live.json").string(), "--quiet"});
  REQUIRE(first.exit_code == 0);

  auto out = dir / "run.out", err = dir / "run.err";
  auto pid = test::spawn_ccsim({"run", long_scenario(), "--db", db.string()}, out, err);
  bool started = test::eventually([&] { return committed(db, 2) > 0; });
  CHECK(started);

  scratch_dir reader;
  auto runs = run_ccsim(reader, {"runs", "--db", db.string()});
  CHECK(runs.exit_code == 0);
  CHECK_THAT(runs.out, Contains("running") && Contains("completed"));
  auto report = run_ccsim(reader, {"report", "--run", "1", "--db", db.string(), "--json",
                                   (reader / "db.json").string()});
  CHECK(report.exit_code == 0);
  CHECK(test::read_text(reader / "db.json") == test::read_text(dir / "live.json"));
  auto partial = run_ccsim(reader, {"export", "--run", "2", "--what", "calls", "--db", db.string()});
  CHECK(partial.exit_code == 0);
  CHECK(partial.out.size() > 200);
  auto busy = run_ccsim(reader, {"report", "--run", "2", "--db", db.string()});
  CHECK(busy.exit_code == 1);
  CHECK_THAT(busy.err, Contains("running"));
  bool still_running = committed(db, 2) > 0 && ::kill(pid, 0) == 0;
  CHECK(still_running);  // the reads did not wait for the writer to finish

  ::kill(pid, SIGINT);
  auto child = test::wait_child(pid, out, err);
  CHECK(child.exit_code == 130);
}

} // namespace
} // namespace ccsim
