// render_json: a small deterministic pretty-printer. Boost.JSON's own
// serializer prints doubles as "1.5E0", which nobody wants to read in a
// report; here doubles get up to 10 significant digits.
#include "sim/report_document.hpp"

#include <cmath>
#include <cstdio>

#include <boost/json.hpp>

namespace ccsim {

namespace json = boost::json;

namespace {

void write_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void write_double(std::string& out, double d) {
  if (!std::isfinite(d)) {  // JSON has no NaN or infinity
    out += "null";
    return;
  }
  if (d == 0) d = 0;  // no "-0"
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", d);
  out += buf;
}

void write(std::string& out, const json::value& v, int depth) {
  auto indent = [&](int d) { out.append(static_cast<std::size_t>(d) * 2, ' '); };
  switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: out += std::to_string(v.get_int64()); break;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case json::kind::double_: write_double(out, v.get_double()); break;
    case json::kind::string: write_string(out, v.get_string()); break;
    case json::kind::array: {
      auto& a = v.get_array();
      if (a.empty()) {
        out += "[]";
        break;
      }
      out += "[\n";
      for (std::size_t i = 0; i < a.size(); ++i) {
        indent(depth + 1);
        write(out, a[i], depth + 1);
        out += i + 1 < a.size() ? ",\n" : "\n";
      }
      indent(depth);
      out += ']';
      break;
    }
    case json::kind::object: {
      auto& o = v.get_object();
      if (o.empty()) {
        out += "{}";
        break;
      }
      out += "{\n";
      std::size_t i = 0;
      for (auto& [key, value] : o) {
        indent(depth + 1);
        write_string(out, key);
        out += ": ";
        write(out, value, depth + 1);
        out += ++i < o.size() ? ",\n" : "\n";
      }
      indent(depth);
      out += '}';
      break;
    }
  }
}

} // namespace

std::string render_json(const json::value& doc) {
  std::string out;
  write(out, doc, 0);
  out += '\n';
  return out;
}

} // namespace ccsim
