#include "store/schema.hpp"

#include <sys/mount.h>

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "store/history.hpp"
#include "store_test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;
using test::scratch_dir;
using Catch::Matchers::Contains;

/// The db_error that `f` throws (fails the test if none).
template <class F>
store::db_error error_of(F f) {
  try {
    f();
  } catch (const store::db_error& e) {
    return e;
  }
  FAIL("no db_error thrown");
  return store::db_error("", "");
}

void raw_exec(const fs::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

std::string integrity(const fs::path& file) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
  std::string out = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "?";
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

/// A tmpfs mounted for the test (root only); unmounted at the end.
class tmpfs_mount {
public:
  tmpfs_mount(const fs::path& dir, const std::string& options, unsigned long flags = 0) : dir_(dir) {
    fs::create_directories(dir);
    ok_ = ::geteuid() == 0 && ::mount("tmpfs", dir.c_str(), "tmpfs", flags, options.c_str()) == 0;
  }
  ~tmpfs_mount() {
    if (ok_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool ok() const { return ok_; }
  bool remount_read_only() {
    return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
  }

private:
  fs::path dir_;
  bool ok_ = false;
};

TEST_CASE("a database in a missing directory is refused, naming the file and the directory", "[store]") {
  scratch_dir dir;
  auto file = dir / "missing" / "runs.db";
  auto e = error_of([&] { store::open_database(file, store::connection::open_mode::create); });
  CHECK(e.file() == file.string());
  CHECK_THAT(e.cause(), Contains("does not exist") && Contains((dir / "missing").string()));
  CHECK_THAT(std::string(e.what()), Contains(file.string()));
  CHECK(!fs::exists(dir / "missing"));
}

TEST_CASE("reading a database that does not exist says so and creates nothing", "[store]") {
  scratch_dir dir;
  auto e = error_of([&] { store::open_for_reading(dir / "none.db"); });
  CHECK_THAT(e.cause(), Contains("no such file"));
  CHECK(!fs::exists(dir / "none.db"));
}

TEST_CASE("a file that is not a SQLite database is refused", "[store]") {
  scratch_dir dir;
  auto file = dir / "notes.db";
  std::string junk(4096, 'x');
  test::write_text(file, "this is a shopping list, not a database\n" + junk);
  auto e = error_of([&] { store::open_database(file, store::connection::open_mode::create); });
  CHECK(e.file() == file.string());
  CHECK_THAT(e.cause(), Contains("not a SQLite database"));
  auto r = error_of([&] { store::open_for_reading(file); });
  CHECK_THAT(r.cause(), Contains("not a SQLite database"));
  CHECK(test::read_text(file).rfind("this is a shopping list", 0) == 0);  // untouched
}

TEST_CASE("a database written by a newer ccsim is refused, not misread", "[store]") {
  scratch_dir dir;
  auto file = dir / "future.db";
  store::open_database(file, store::connection::open_mode::create);
  raw_exec(file, "PRAGMA user_version = 99");
  auto e = error_of([&] { store::open_for_reading(file); });
  CHECK(e.file() == file.string());
  CHECK_THAT(e.cause(), Contains("newer ccsim") && Contains("99"));
}

TEST_CASE("another application's SQLite database is refused", "[store]") {
  scratch_dir dir;
  auto file = dir / "other.db";
  raw_exec(file, "CREATE TABLE contacts (name TEXT)");
  auto e = error_of([&] { store::open_database(file, store::connection::open_mode::create); });
  CHECK_THAT(e.cause(), Contains("not a ccsim one"));
}

TEST_CASE("a fresh database gets the current schema version, and opening it again keeps it", "[store]") {
  scratch_dir dir;
  auto file = dir / "new.db";
  {
    auto db = store::open_database(file, store::connection::open_mode::create);
    CHECK(db->query_int("PRAGMA user_version") == store::schema_version);
    CHECK(db->query_int("PRAGMA application_id") == store::application_id);
  }
  auto db = store::open_for_reading(file);
  CHECK(db->query_int("PRAGMA user_version") == store::schema_version);
  CHECK(store::list_runs(*db).empty());
}

TEST_CASE("a database from schema 1 is upgraded on open: its runs become kind 'run'", "[store]") {
  scratch_dir dir;
  auto file = dir / "old.db";
  auto path = test::source_path("scenarios/inbound_basic.toml");
  auto run = test::record_run(file, test::read_text(path), path.string());
  // Schema 1 had no `kind` column and no run_reserve table: take them away
  // again, as an old ccsim left the file.
  raw_exec(file, "ALTER TABLE runs DROP COLUMN kind; DROP TABLE run_reserve; PRAGMA user_version = 1");
  auto db = store::open_for_reading(file);
  CHECK(db->query_int("PRAGMA user_version") == store::schema_version);
  auto runs = store::list_runs(*db);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].id == run.run_id);
  CHECK(runs[0].kind == "run");
  CHECK(runs[0].status == "completed");
}

TEST_CASE("a database that cannot be written is refused with the system's reason", "[store]") {
  scratch_dir dir;
  if (::geteuid() != 0) {
    fs::create_directories(dir / "locked");
    fs::permissions(dir / "locked", fs::perms::owner_read | fs::perms::owner_exec);
    auto e = error_of([&] { store::open_database(dir / "locked" / "runs.db", store::connection::open_mode::create); });
    CHECK_THAT(e.cause(), Contains("ermission denied"));
    return;
  }
  // Root may write anywhere: use a read-only file system instead.
  tmpfs_mount ro(dir / "ro", "size=8m");
  if (!ro.ok()) {
    WARN("cannot mount a tmpfs here; read-only case not exercised");
    return;
  }
  {
    auto path = test::source_path("scenarios/inbound_basic.toml");
    test::record_run(dir / "ro" / "runs.db", test::read_text(path), path.string());
  }
  REQUIRE(ro.remount_read_only());
  auto e = error_of([&] { store::open_database(dir / "ro" / "runs.db", store::connection::open_mode::create); });
  CHECK(e.file() == (dir / "ro" / "runs.db").string());
  CHECK_THAT(e.cause(), Contains("Read-only file system"));
  auto c = error_of([&] { store::open_database(dir / "ro" / "new.db", store::connection::open_mode::create); });
  CHECK_THAT(c.cause(), Contains("Read-only file system"));
}

TEST_CASE("a full disk stops the run with the file and the cause, and leaves a sound database", "[store]") {
  scratch_dir dir;
  auto path = test::source_path("scenarios/multi_tenant.toml");
  auto text = test::read_text(path);
  auto s = test::parse_or_fail(text, path.string());
  // Ten times the scenario's length: the file fills within the first part,
  // so the run is still going when the recorder tells it to stop, however
  // the threads are scheduled (with 8 h it could finish first under load).
  s.horizon = *s.horizon * 10;
  auto file = dir / "small.db";
  store::recorder_options opts;
  opts.max_page_count = 60;  // ~240 KB: the schema and the run fit, the calls do not
  opts.commit_rows = 2000;   // commit (and so fail) while the simulation still runs
  store::run_settings settings;
  settings.scenario_text = text;
  std::int64_t id = 0;
  {
    store::recorder rec(file, s, settings, opts);
    id = rec.run_id();
    std::atomic<bool> cancel{false};
    rec.watch_cancel(&cancel);
    run_request req;
    req.cancel = &cancel;
    req.subscribers = rec.subscribers();
    run_status status(s.tenants.size());
    auto outcome = run_scenario(s, req, status);
    CHECK(rec.failed());
    CHECK(cancel.load());  // the simulation was told to stop
    CHECK(outcome.interrupted);
    CHECK_THAT(rec.failure(), Contains(file.string()) && Contains("full"));
    auto e = error_of([&] { rec.finish(store::run_state::completed); });
    CHECK(e.file() == file.string());
  }
  CHECK(integrity(file) == "ok");
  auto db = store::open_for_reading(file);
  auto run = store::find_run(*db, id);
  REQUIRE(run);
  CHECK(run->status == "failed");
  CHECK_THAT(run->status_detail, Contains("full"));
}

TEST_CASE("a real full file system (tiny tmpfs) is reported the same way", "[store]") {
  scratch_dir dir;
  tmpfs_mount tiny(dir / "tiny", "size=192k");
  if (!tiny.ok()) {
    WARN("cannot mount a tmpfs here; only the max_page_count case ran");
    return;
  }
  auto path = test::source_path("scenarios/multi_tenant.toml");
  auto text = test::read_text(path);
  auto s = test::parse_or_fail(text, path.string());
  auto file = dir / "tiny" / "runs.db";
  store::run_settings settings;
  settings.scenario_text = text;
  store::recorder_options opts;
  opts.commit_rows = 2000;
  store::recorder rec(file, s, settings, opts);
  std::atomic<bool> cancel{false};
  rec.watch_cancel(&cancel);
  run_request req;
  req.cancel = &cancel;
  req.subscribers = rec.subscribers();
  run_status status(s.tenants.size());
  run_scenario(s, req, status);
  CHECK(rec.failed());
  CHECK_THAT(rec.failure(), Contains(file.string()) && Contains("full"));
  CHECK_THROWS_AS(rec.finish(store::run_state::completed), store::db_error);
}

} // namespace
} // namespace ccsim
