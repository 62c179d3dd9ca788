#include "store/table_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace ccsim::store {

std::string format_seconds(sim_duration d) {
  auto ns = d.count();
  bool negative = ns < 0;
  auto mag = static_cast<std::uint64_t>(negative ? -(ns + 1) + 1 : ns);
  auto whole = mag / 1000000000ULL;
  auto frac = mag % 1000000000ULL;
  std::string out = (negative ? "-" : "") + std::to_string(whole);
  if (frac) {
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%09llu", static_cast<unsigned long long>(frac));
    std::string f = buf;
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out;
}

std::string format_double(double x) {
  if (!std::isfinite(x)) return "0";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc{} ? std::string(buf, end) : "0";
}

namespace {

void csv_text(std::string& line, std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    line += s;
    return;
  }
  line += '"';
  for (char c : s) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

void json_text(std::string& line, std::string_view s) {
  line += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': line += "\\\""; break;
      case '\\': line += "\\\\"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      case '\t': line += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          line += buf;
        } else {
          line += static_cast<char>(c);
        }
    }
  }
  line += '"';
}

} // namespace

table_writer::table_writer(std::ostream& out, table_format format, std::vector<std::string> columns)
  : out_(out), format_(format), columns_(std::move(columns)) {
  if (format_ == table_format::csv) {
    line_.clear();
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i) line_ += ',';
      csv_text(line_, columns_[i]);
    }
    line_ += '\n';
    out_ << line_;
  } else {
    out_ << "[";
  }
}

void table_writer::row(const std::vector<cell>& cells) {
  line_.clear();
  bool json = format_ == table_format::json;
  if (json) line_ += rows_ ? ",\n  {" : "\n  {";
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i) line_ += json ? ", " : ",";
    if (json) {
      json_text(line_, columns_[i]);
      line_ += ": ";
    }
    static const cell none;
    const cell& c = i < cells.size() ? cells[i] : none;
    switch (c.what) {
      case cell::kind::empty:
        if (json) line_ += "null";
        break;
      case cell::kind::integer: line_ += std::to_string(c.integer); break;
      case cell::kind::real: line_ += format_double(c.real); break;
      case cell::kind::seconds: line_ += format_seconds(sim_duration{c.integer}); break;
      case cell::kind::text:
        if (json) json_text(line_, c.text); else csv_text(line_, c.text);
        break;
    }
  }
  line_ += json ? "}" : "\n";
  out_ << line_;
  ++rows_;
}

void table_writer::finish() {
  if (format_ == table_format::json) out_ << (rows_ ? "\n]\n" : "]\n");
  out_.flush();
}

} // namespace ccsim::store
