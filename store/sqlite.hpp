#pragma once
// A thin RAII layer over the SQLite C API: one connection, its prepared
// statements, and one exception type that always names the file and the
// cause in words ("runs.db: database or disk is full"). Nothing outside
// store/ sees SQLite.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ccsim::store {

/// A database problem: which file, and what went wrong, for a person.
class db_error : public std::runtime_error {
public:
  db_error(std::string file, std::string cause);
  const std::string& file() const { return file_; }
  const std::string& cause() const { return cause_; }

private:
  std::string file_;
  std::string cause_;
};

class connection;

/// A prepared statement, reset and reused for every row.
class statement {
public:
  statement() = default;
  statement(connection& db, std::string_view sql);
  statement(statement&& other) noexcept;
  statement& operator=(statement&& other) noexcept;
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  ~statement();

  statement& bind(int index, std::int64_t value);
  statement& bind(int index, double value);
  statement& bind(int index, std::string_view value);
  statement& bind_null(int index);
  statement& bind(int index, const std::optional<std::int64_t>& value);

  /// Runs one step: true if a row is ready, false when done. Throws db_error.
  bool step();
  /// Runs a statement that returns no rows, then resets it.
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  std::optional<std::int64_t> opt_int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;

private:
  connection* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

/// One SQLite connection. Used by one thread at a time.
class connection {
public:
  enum class open_mode {
    read_only,   ///< never writes (fails on a missing file)
    read_write,  ///< the file must exist
    create,      ///< creates the file (the directory must exist)
  };

  connection(const std::filesystem::path& file, open_mode mode);
  connection(connection&&) = delete;
  ~connection();

  /// Runs SQL without results; `doing` says what for, in error messages.
  void exec(std::string_view sql, std::string_view doing = "updating the database");
  statement prepare(std::string_view sql) { return statement{*this, sql}; }
  /// The first column of the first row as an integer (0 if none).
  std::int64_t query_int(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  bool read_only() const { return read_only_; }
  const std::string& file() const { return file_; }
  sqlite3* handle() const { return db_; }

  /// Throws db_error for SQLite code `rc`, with SQLite's message and what we were doing.
  [[noreturn]] void fail(int rc, std::string_view doing) const;

private:
  sqlite3* db_ = nullptr;
  std::string file_;
  bool read_only_ = false;
};

/// A transaction that rolls back unless committed (exceptions included).
class transaction {
public:
  /// `immediate`: take the write lock now (BEGIN IMMEDIATE), so the
  /// transaction cannot fail halfway because another writer got there first.
  explicit transaction(connection& db, bool immediate = true);
  ~transaction();
  void commit();

private:
  connection& db_;
  bool open_ = true;
};

} // namespace ccsim::store
