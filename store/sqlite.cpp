#include "store/sqlite.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include <sqlite3.h>
#include <fcntl.h>
#include <unistd.h>

namespace ccsim::store {

namespace fs = std::filesystem;

db_error::db_error(std::string file, std::string cause)
  : std::runtime_error(file + ": " + cause), file_(std::move(file)), cause_(std::move(cause)) {}

// ---------------------------------------------------------------- statement

statement::statement(connection& db, std::string_view sql) : db_(&db) {
  int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, "preparing a query");
}

statement::statement(statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}

statement& statement::operator=(statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
  }
  return *this;
}

statement::~statement() { sqlite3_finalize(stmt_); }

statement& statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

statement& statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

statement& statement::bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

statement& statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

statement& statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

bool statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  db_->fail(rc, "running a query");
}

void statement::run() {
  step();
  reset();
}

void statement::reset() { sqlite3_reset(stmt_); }  // every caller binds every parameter

bool statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> statement::opt_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

double statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string statement::text(int column) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!p) return {};
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

// ---------------------------------------------------------------- connection

namespace {

/// Catches the usual path mistakes before SQLite turns them into a vague
/// "unable to open database file".
void check_path(const fs::path& file, connection::open_mode mode) {
  std::error_code ec;
  auto name = file.string();
  auto status = fs::status(file, ec);
  if (fs::is_directory(status)) throw db_error(name, "is a directory, not a database file");
  bool exists = fs::exists(status);
  if (!exists) {
    if (mode != connection::open_mode::create)
      throw db_error(name, "no such file (record a run first with `ccsim run`, or pass --db PATH)");
    auto dir = file.parent_path();
    if (dir.empty()) dir = ".";
    if (!fs::is_directory(dir, ec))
      throw db_error(name, "cannot create the database: directory '" + dir.string() + "' does not exist");
    // Create the (empty) file ourselves: the system's reason beats SQLite's
    // "unable to open database file" (read-only file system, permissions).
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST)
      throw db_error(name, "cannot create the database in directory '" + dir.string()
                               + "': " + std::strerror(errno));
    if (fd >= 0) ::close(fd);
    return;
  }
  if (mode != connection::open_mode::read_only && ::access(file.c_str(), W_OK) != 0)
    throw db_error(name, std::string("cannot write the database: ") + std::strerror(errno));
}

} // namespace

connection::connection(const fs::path& file, open_mode mode)
  : file_(file.string()), read_only_(mode == open_mode::read_only) {
  check_path(file, mode);
  int flags = SQLITE_OPEN_NOMUTEX;  // one thread per connection
  switch (mode) {
    case open_mode::read_only: flags |= SQLITE_OPEN_READONLY; break;
    case open_mode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
    case open_mode::create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  int rc = sqlite3_open_v2(file_.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string cause = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw db_error(file_, "cannot open the database: " + cause);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);  // wait for another process's commit
}

connection::~connection() { sqlite3_close_v2(db_); }

void connection::fail(int rc, std::string_view doing) const {
  int primary = rc & 0xff;
  std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  if (primary == SQLITE_NOTADB) msg = "not a SQLite database (" + msg + ")";
  if (primary == SQLITE_FULL) msg = "disk full: " + msg;
  if (primary == SQLITE_BUSY) msg = "the database stayed locked by another process: " + msg;
  throw db_error(file_, msg + " (while " + std::string(doing) + ")");
}

void connection::exec(std::string_view sql, std::string_view doing) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, doing);
}

std::int64_t connection::query_int(std::string_view sql) {
  statement st{*this, sql};
  return st.step() ? st.int64(0) : 0;
}

std::int64_t connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

// ---------------------------------------------------------------- transaction

transaction::transaction(connection& db, bool immediate) : db_(db) {
  db_.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN", "starting a transaction");
}

transaction::~transaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void transaction::commit() {
  db_.exec("COMMIT", "committing");
  open_ = false;
}

} // namespace ccsim::store
