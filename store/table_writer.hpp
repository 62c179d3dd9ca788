#pragma once
// Streams rows as CSV (RFC 4180, header first) or as a JSON array of
// objects, one row at a time, so a million-call export needs no memory.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace ccsim::store {

enum class table_format { csv, json };

/// One value of a row: empty (CSV: nothing, JSON: null), an integer, a
/// double, text, or a duration printed as exact decimal seconds.
struct cell {
  enum class kind : std::uint8_t { empty, integer, real, text, seconds } what = kind::empty;
  std::int64_t integer = 0;  ///< also the nanoseconds of `seconds`
  double real = 0;
  std::string text;

  cell() = default;
  static cell of(std::int64_t x) { cell c; c.what = kind::integer; c.integer = x; return c; }
  static cell of(double x) { cell c; c.what = kind::real; c.real = x; return c; }
  static cell of(std::string x) { cell c; c.what = kind::text; c.text = std::move(x); return c; }
  static cell of(sim_duration d) { cell c; c.what = kind::seconds; c.integer = d.count(); return c; }
};

class table_writer {
public:
  table_writer(std::ostream& out, table_format format, std::vector<std::string> columns);
  void row(const std::vector<cell>& cells);
  /// Closes the document (the JSON array); call once after the last row.
  void finish();
  std::uint64_t rows() const { return rows_; }

private:
  std::ostream& out_;
  table_format format_;
  std::vector<std::string> columns_;
  std::uint64_t rows_ = 0;
  std::string line_;
};

/// Exact decimal seconds of a nanosecond count, without trailing zeros.
std::string format_seconds(sim_duration d);
/// Shortest text that reads back as the same double.
std::string format_double(double x);

} // namespace ccsim::store
