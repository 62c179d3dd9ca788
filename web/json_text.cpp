#include "web/json_text.hpp"

#include <charconv>
#include <cmath>

#include <boost/json/serialize.hpp>

namespace ccsim::web {

namespace json = boost::json;

namespace {

void write(const json::value& v, std::string& out) {
  switch (v.kind()) {
    case json::kind::null: out += "null"; return;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; return;
    case json::kind::int64: out += std::to_string(v.get_int64()); return;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); return;
    case json::kind::double_: {
      double d = v.get_double();
      if (!std::isfinite(d)) {
        out += "null";
        return;
      }
      if (d == 0) d = 0;  // no "-0"
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
      out.append(buf, ec == std::errc{} ? end : buf);
      return;
    }
    case json::kind::string: out += json::serialize(v.get_string()); return;
    case json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (auto& x : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        write(x, out);
      }
      out.push_back(']');
      return;
    }
    case json::kind::object: {
      out.push_back('{');
      bool first = true;
      for (auto& [k, x] : v.get_object()) {
        if (!first) out.push_back(',');
        first = false;
        out += json::serialize(json::string_view{k});
        out.push_back(':');
        write(x, out);
      }
      out.push_back('}');
      return;
    }
  }
}

} // namespace

std::string to_text(const json::value& v) {
  std::string out;
  write(v, out);
  return out;
}

} // namespace ccsim::web
