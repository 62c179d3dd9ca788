// `ccsim serve` records its session through the real command line: it runs
// a scenario live, stops on SIGTERM with exit 0, and leaves a completed run
// that `ccsim runs` lists and `ccsim report` rebuilds, calls in flight at the
// stop included as in system. --no-db records nothing.
#include <csignal>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "store/schema.hpp"
#include "store_test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test::scratch_dir;

constexpr const char* admin_key = "serve-test-admin-key-0123456789";

std::int64_t count(const fs::path& db, const std::string& sql) {
  try {
    auto c = store::open_for_reading(db);
    auto q = c->prepare(sql);
    return q.step() ? q.int64(0) : -1;
  } catch (const std::exception&) {
    return -1;  // not created yet
  }
}

/// Starts `ccsim serve ARGS` in `dir`, waits for it to listen and for
/// `ready`, then sends SIGTERM and waits for the exit.
template <class Ready>
test::child_result serve_until(const scratch_dir& dir, std::vector<std::string> args, Ready ready) {
  args.insert(args.begin(), "serve");
  for (auto a : {"--port", "0", "--admin-key", admin_key}) args.push_back(a);
  auto out = dir / "serve.out", err = dir / "serve.err";
  auto pid = test::spawn_ccsim(args, out, err, {}, dir.path());
  bool listening = test::eventually([&] { return test::read_text(out).find("listening on") != std::string::npos; },
                                    std::chrono::seconds(30));
  bool ok = listening && test::eventually(ready, std::chrono::seconds(60));
  ::kill(pid, SIGTERM);
  auto r = test::wait_child(pid, out, err);
  CHECK(listening);
  CHECK(ok);
  return r;
}

} // namespace

TEST_CASE("ccsim serve records the live session, and report rebuilds it with the calls in flight", "[store][serve]") {
  scratch_dir dir;
  auto db = dir / "live.db";
  auto scenario = test::source_path("scenarios/multi_tenant.toml").string();
  // Speed 200: a few hundred calls within seconds, many of them in progress at any moment.
  auto r = serve_until(dir, {scenario, "--speed", "200", "--db", db.string()},
                       [&] { return count(db, "SELECT count(*) FROM calls WHERE outcome = 0") >= 50; });
  CAPTURE(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("recording as run 1 in") && Contains("recorded as run 1 in"));

  auto c = store::open_for_reading(db);
  auto q = c->prepare("SELECT status, status_detail, options, scenario FROM runs WHERE run_id = 1");
  REQUIRE(q.step());
  CHECK(q.text(0) == "completed");
  CHECK_THAT(q.text(1), Contains("SIGTERM"));
  CHECK_THAT(q.text(2), Contains("--speed 200"));
  CHECK(q.text(2).find(admin_key) == std::string::npos);  // a secret is never stored
  CHECK(q.text(3) == "multi_tenant");

  auto runs = test::run_ccsim(dir, {"runs", "--db", db.string()});
  REQUIRE(runs.exit_code == 0);
  CHECK_THAT(runs.out, Contains("multi_tenant") && Contains("completed") && Contains("serve"));

  auto json_file = dir / "session.json";
  auto rep = test::run_ccsim(dir, {"report", "--run", "1", "--db", db.string(), "--json", json_file.string()});
  CAPTURE(rep.err);
  REQUIRE(rep.exit_code == 0);
  auto doc = boost::json::parse(test::read_text(json_file)).as_object();
  auto& tenants = doc.at("tenants").as_array();
  REQUIRE(tenants.size() == 3);  // telco, bank, travel
  std::int64_t offered = 0, in_system = 0, answered = 0;
  for (auto& t : tenants) {
    offered += t.at("offered").to_number<std::int64_t>();
    in_system += t.at("in_system_at_end").to_number<std::int64_t>();
    answered += t.at("answered").to_number<std::int64_t>();
  }
  // The report is the rows: every call recorded, each with one outcome.
  CHECK(offered == count(db, "SELECT count(*) FROM calls WHERE counted = 1"));
  CHECK(answered == count(db, "SELECT count(*) FROM calls WHERE counted = 1 AND outcome = 0"));
  CHECK(in_system == count(db, "SELECT count(*) FROM calls WHERE counted = 1 AND outcome = 3"));
  CHECK(answered >= 50);
  // Calls talk for minutes of simulated time: some were in progress at the stop.
  CHECK(in_system > 0);
  CHECK(count(db, "SELECT count(*) FROM jobs WHERE finished = 1") == 3);

  // The HTML report says what kind of run it was and how many calls were in flight.
  auto html_file = dir / "session.html";
  auto html = test::run_ccsim(dir, {"report", "--run", "1", "--db", db.string(), "--html", html_file.string()});
  REQUIRE(html.exit_code == 0);
  auto page = test::read_text(html_file);
  CHECK_THAT(page, Contains("live session (ccsim serve)"));
  CHECK_THAT(page, Contains("in system at the end</th><td>" + std::to_string(in_system) + "<"));
}

TEST_CASE("a disk that fills up mid-session stops the recording, not the server", "[store][serve]") {
  scratch_dir dir;
  auto db = dir / "small.db";
  auto scenario = test::source_path("scenarios/multi_tenant.toml").string();
  std::vector<std::string> args{"serve", scenario, "--speed", "500", "--db", db.string(), "--port", "0",
                                "--admin-key", admin_key};
  auto out = dir / "serve.out", err = dir / "serve.err";
  // ~240 KB: the schema and the run fit, a few minutes of calls do not.
  auto pid = test::spawn_ccsim(args, out, err, {"CCSIM_DB_MAX_PAGES=60"}, dir.path());
  bool stopped = test::eventually([&] { return test::read_text(err).find("recording stopped") != std::string::npos; },
                                  std::chrono::seconds(60));
  // The server goes on: calls keep being dispatched after the failure.
  bool serving = stopped && ::kill(pid, 0) == 0;
  ::kill(pid, SIGTERM);
  auto r = test::wait_child(pid, out, err);
  CAPTURE(r.out, r.err);
  REQUIRE(stopped);
  CHECK(serving);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Contains("full") && Contains("the server goes on without it"));
  CHECK_THAT(r.err, Contains("recording failed"));
  auto c = store::open_for_reading(db);
  auto q = c->prepare("SELECT status, status_detail, kind FROM runs WHERE run_id = 1");
  REQUIRE(q.step());
  CHECK(q.text(0) == "failed");
  CHECK_THAT(q.text(1), Contains("full"));
  CHECK(q.text(2) == "serve");
  auto check = c->prepare("PRAGMA integrity_check");
  REQUIRE(check.step());
  CHECK(check.text(0) == "ok");
}

TEST_CASE("ccsim serve records into ./ccsim.db by default, and --no-db records nothing", "[store][serve]") {
  scratch_dir dir;
  auto r = serve_until(dir, {}, [] { return true; });
  CAPTURE(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(dir / "ccsim.db"));
  auto runs = test::run_ccsim(dir, {"runs"}, {}, dir.path());
  CHECK_THAT(runs.out, Contains("live") && Contains("completed"));

  scratch_dir other;
  auto n = serve_until(other, {"--no-db"}, [] { return true; });
  CHECK(n.exit_code == 0);
  CHECK_THAT(n.out, Contains("not recording"));
  CHECK(!fs::exists(other / "ccsim.db"));

  auto both = test::run_ccsim(other, {"serve", "--db", "x.db", "--no-db"});
  CHECK(both.exit_code == 2);
  CHECK_THAT(both.err, Contains("contradict"));
}

} // namespace ccsim
