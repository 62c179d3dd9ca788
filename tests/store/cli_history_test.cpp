// The history through the real command line: ccsim run records, ccsim runs
// lists, ccsim report rebuilds, ccsim export writes rows; bad databases give
// a clear error and a non-zero exit.
#include <algorithm>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "store/schema.hpp"
#include "store_test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using test::run_ccsim;
using test::scratch_dir;
using Catch::Matchers::Contains;

std::string scenario_file(const std::string& name) { return test::source_path("scenarios/" + name + ".toml").string(); }

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST_CASE("ccsim run records into ./ccsim.db by default, and --no-db records nothing", "[store]") {
  scratch_dir dir;
  auto r = run_ccsim(dir, {"run", scenario_file("inbound_basic"), "--quiet"}, {}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(dir / "ccsim.db"));
  auto runs = run_ccsim(dir, {"runs"}, {}, dir.path());
  REQUIRE(runs.exit_code == 0);
  CHECK_THAT(runs.out, Contains("inbound_basic") && Contains("completed"));
  CHECK(lines(runs.out) == 2);  // header and run 1

  scratch_dir other;
  auto n = run_ccsim(other, {"run", scenario_file("inbound_basic"), "--quiet", "--no-db"}, {}, other.path());
  CHECK(n.exit_code == 0);
  CHECK(!fs::exists(other / "ccsim.db"));
  auto both = run_ccsim(dir, {"run", scenario_file("inbound_basic"), "--db", "x.db", "--no-db"});
  CHECK(both.exit_code != 0);
}

TEST_CASE("ccsim report --json writes the same document as ccsim run --json, and the same text", "[store]") {
  scratch_dir dir;
  auto db = (dir / "h.db").string();
  auto live = run_ccsim(dir, {"run", scenario_file("multi_tenant"), "--db", db, "--json", (dir / "live.json").string(),
                              "--replications", "2", "--quiet"});
  REQUIRE(live.exit_code == 0);
  auto rebuilt = run_ccsim(dir, {"report", "--run", "1", "--db", db, "--json", (dir / "db.json").string()});
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(test::read_text(dir / "db.json") == test::read_text(dir / "live.json"));
  CHECK(rebuilt.out == live.out);
}

TEST_CASE("ccsim runs lists id, scenario, seed, start, duration, status and calls", "[store]") {
  scratch_dir dir;
  auto db = (dir / "h.db").string();
  REQUIRE(run_ccsim(dir, {"run", scenario_file("overload_abandon"), "--db", db, "--seed", "99", "--quiet"}).exit_code == 0);
  auto r = run_ccsim(dir, {"runs", "--db", db});
  REQUIRE(r.exit_code == 0);
  for (auto col : {"id", "kind", "scenario", "seed", "started", "duration", "status", "offered", "answered"})
    CHECK_THAT(r.out, Contains(col));
  CHECK_THAT(r.out, Contains("overload_abandon") && Contains("99") && Contains("completed"));
}

TEST_CASE("exports: CSV with a header and one row per call, JSON arrays, agent events, intervals", "[store]") {
  scratch_dir dir;
  auto db = (dir / "h.db").string();
  REQUIRE(run_ccsim(dir, {"run", scenario_file("overload_abandon"), "--db", db, "--json",
                          (dir / "live.json").string(), "--quiet"})
              .exit_code == 0);
  auto report = boost::json::parse(test::read_text(dir / "live.json"));
  auto& tenant = report.at("tenants").as_array()[0].as_object();
  auto offered = tenant.at("offered").to_number<std::uint64_t>();

  auto csv = run_ccsim(dir, {"export", "--run", "1", "--what", "calls", "--db", db});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.substr(0, csv.out.find('\n'))
        == "run_id,replication,tenant,call_id,call_type,direction,counted,arrived_s,queued_s,answered_s,ended_s,"
           "agent,agent_type,outcome,reject_reason,qualification,wait_s,talk_s,wrap_s");
  auto rows = lines(csv.out) - 1;
  CHECK(rows >= offered);  // warm-up calls are exported too (counted = 0)
  std::size_t counted = 0;
  std::istringstream in(csv.out);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) counted += line.find(",inbound,1,") != std::string::npos;
  CHECK(counted == offered);

  auto js = run_ccsim(dir, {"export", "--run", "1", "--what", "calls", "--format", "json", "--db", db});
  REQUIRE(js.exit_code == 0);
  auto parsed = boost::json::parse(js.out);
  auto& arr = parsed.as_array();
  CHECK(arr.size() == rows);
  CHECK(arr[0].as_object().contains("outcome"));

  auto agents = run_ccsim(dir, {"export", "--run", "1", "--what", "agent-events", "--db", db,
                                "--output", (dir / "agents.csv").string()});
  REQUIRE(agents.exit_code == 0);
  auto agent_csv = test::read_text(dir / "agents.csv");
  CHECK(agent_csv.rfind("run_id,replication,tenant,seq,at_s,agent,agent_type,from,to,reason\n", 0) == 0);
  CHECK(lines(agent_csv) > 10);
  CHECK_THAT(agent_csv, Contains(",offline,available,"));

  for (std::string length : {"", "30m"}) {
    std::vector<std::string> args{"export", "--run", "1", "--what", "intervals", "--format", "json", "--db", db};
    if (!length.empty()) args.insert(args.end(), {"--intervals", length});
    auto iv = run_ccsim(dir, args);
    REQUIRE(iv.exit_code == 0);
    std::uint64_t sum = 0, answered = 0;
    auto doc = boost::json::parse(iv.out);
    for (auto& row : doc.as_array())
      if (row.at("call_type").is_string() && row.at("call_type").as_string() == "(all)") {
        sum += row.at("offered").to_number<std::uint64_t>();
        answered += row.at("answered").to_number<std::uint64_t>();
      }
    CAPTURE(length);
    CHECK(sum == offered);
    CHECK(answered == tenant.at("answered").to_number<std::uint64_t>());
  }
}

TEST_CASE("the interval report lists each interval per tenant and call type", "[store]") {
  scratch_dir dir;
  auto db = (dir / "h.db").string();
  REQUIRE(run_ccsim(dir, {"run", scenario_file("day_profile"), "--db", db, "--quiet"}).exit_code == 0);
  auto r = run_ccsim(dir, {"report", "--run", "1", "--db", db, "--intervals", "30m"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("== tenant shop") && Contains("07:00-07:30") && Contains("18:30-19:00"));
  CHECK_THAT(r.out, Contains("orders") && Contains("urgent"));
  auto bad = run_ccsim(dir, {"report", "--run", "1", "--db", db, "--intervals", "soon"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("the HTML report is one self-contained file with a chart per KPI", "[store]") {
  scratch_dir dir;
  auto db = (dir / "h.db").string();
  REQUIRE(run_ccsim(dir, {"run", scenario_file("day_profile"), "--db", db, "--replications", "3", "--quiet"})
              .exit_code == 0);
  auto html_file = dir / "report.html";
  auto r = run_ccsim(dir, {"report", "--run", "1", "--db", db, "--html", html_file.string()});
  REQUIRE(r.exit_code == 0);
  auto html = test::read_text(html_file);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(std::count(html.begin(), html.end(), '<') > 100);
  std::size_t charts = 0;
  for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++charts;
  CHECK(charts == 5);
  CHECK_THAT(html, Contains("class=\"band\""));  // replications: confidence bands
  CHECK_THAT(html, Contains("target 80%"));
  for (auto banned : {"<script", "src=", "href=", "@import", "url(", "https:"}) {
    CAPTURE(banned);
    CHECK(html.find(banned) == std::string::npos);
  }
}

TEST_CASE("a bad database is a clear error naming the file, with a non-zero exit and no report", "[store]") {
  scratch_dir dir;
  auto scenario = scenario_file("inbound_basic");

  auto missing = (dir / "nowhere" / "h.db").string();
  auto r = run_ccsim(dir, {"run", scenario, "--db", missing, "--json", (dir / "r.json").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains(missing) && Contains("does not exist"));
  CHECK(r.out.empty());
  CHECK(!fs::exists(dir / "r.json"));

  auto junk = (dir / "junk.db").string();
  test::write_text(junk, std::string(8192, '#'));
  for (auto args : std::vector<std::vector<std::string>>{{"run", scenario, "--db", junk},
                                                         {"runs", "--db", junk},
                                                         {"report", "--run", "1", "--db", junk},
                                                         {"export", "--run", "1", "--what", "calls", "--db", junk}}) {
    auto x = run_ccsim(dir, args);
    CAPTURE(args[0]);
    CHECK(x.exit_code == 1);
    CHECK_THAT(x.err, Contains(junk) && Contains("not a SQLite database"));
    CHECK(x.out.empty());
  }

  auto absent = run_ccsim(dir, {"runs", "--db", (dir / "absent.db").string()});
  CHECK(absent.exit_code == 1);
  CHECK_THAT(absent.err, Contains("absent.db") && Contains("no such file"));
  CHECK(!fs::exists(dir / "absent.db"));
}

TEST_CASE("a database from a newer ccsim is refused by every command", "[store]") {
  scratch_dir dir;
  auto db = (dir / "h.db").string();
  REQUIRE(run_ccsim(dir, {"run", scenario_file("inbound_basic"), "--db", db, "--quiet"}).exit_code == 0);
  {
    auto c = store::open_database(db, store::connection::open_mode::read_write);
    c->exec("PRAGMA user_version = 7");
  }
  for (auto args : std::vector<std::vector<std::string>>{{"run", scenario_file("inbound_basic"), "--db", db},
                                                         {"runs", "--db", db},
                                                         {"report", "--run", "1", "--db", db}}) {
    auto x = run_ccsim(dir, args);
    CAPTURE(args[0]);
    CHECK(x.exit_code == 1);
    CHECK_THAT(x.err, Contains(db) && Contains("newer ccsim"));
  }
}

TEST_CASE("a disk that fills up during a run fails it: error, exit 1, no report, run marked failed", "[store]") {
  scratch_dir dir;
  auto db = (dir / "h.db").string();
  auto r = run_ccsim(dir, {"run", scenario_file("multi_tenant"), "--db", db, "--json", (dir / "r.json").string()},
                     {"CCSIM_DB_MAX_PAGES=60"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains(db) && Contains("full"));
  CHECK(r.out.empty());
  CHECK(!fs::exists(dir / "r.json"));
  auto runs = run_ccsim(dir, {"runs", "--db", db});
  CHECK(runs.exit_code == 0);
  CHECK_THAT(runs.out, Contains("failed"));
  auto report = run_ccsim(dir, {"report", "--run", "1", "--db", db});
  CHECK(report.exit_code == 1);
  CHECK_THAT(report.err, Contains("failed"));
  CHECK(report.out.empty());
}

TEST_CASE("asking for a run that is not there names the runs that are", "[store]") {
  scratch_dir dir;
  auto db = (dir / "h.db").string();
  REQUIRE(run_ccsim(dir, {"run", scenario_file("inbound_basic"), "--db", db, "--quiet"}).exit_code == 0);
  auto r = run_ccsim(dir, {"report", "--run", "5", "--db", db});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("no run 5") && Contains("runs 1 to 1"));
  auto w = run_ccsim(dir, {"export", "--run", "1", "--what", "everything", "--db", db});
  CHECK(w.exit_code == 2);
}

} // namespace
} // namespace ccsim
