#include "config/toml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "config/did_you_mean.hpp"
#include "config/time_text.hpp"

namespace ccsim::config_detail {

namespace {

bool is_bare_key(std::string_view k) {
  return !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// Values and names quoted in messages: bounded and free of control bytes, so
// one bad line cannot make the whole report unreadable.
std::string quote(std::string_view s) {
  constexpr std::size_t max_shown = 40;
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size() && i < max_shown; ++i) {
    char c = s[i];
    if (c == '"' || c == '\\') out += '\\';
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  }
  if (s.size() > max_shown) out += "...";
  return out + "\"";
}

std::string format_double(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, ec == std::errc{} ? end : buf);
  // Show that the file had a float, so "expected an integer, got float 10.0" makes sense.
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::uint32_t at_least_one(std::uint32_t v) { return v == 0 ? 1 : v; }

} // namespace

std::string key_path(std::string_view parent, std::string_view key) {
  std::string k = is_bare_key(key) ? std::string{key} : quote(key);
  if (parent.empty()) return k;
  return std::string{parent} + "." + k;
}

std::string index_path(std::string_view parent, std::size_t index) {
  return std::string{parent} + "[" + std::to_string(index) + "]";
}

void reader::error(const toml::source_region& where, std::string path, std::string message) {
  // Parsed nodes always have a position; the fallback keeps hand-built trees
  // from producing line 0, which means "the file itself".
  errors_.push_back({file_, at_least_one(where.begin.line), at_least_one(where.begin.column),
                     std::move(path), std::move(message)});
}

void reader::missing(const toml::table& where, std::string_view table_path, std::string_view key,
                     std::string_view hint) {
  if (was_suggested(where, key)) return;
  std::string message = "missing required key \"" + std::string{key} + "\"";
  if (!hint.empty()) message += "; " + std::string{hint};
  error(where, key_path(table_path, key), std::move(message));
}

bool reader::was_suggested(const toml::table& t, std::string_view key) const {
  return std::any_of(suggested_.begin(), suggested_.end(),
                     [&](auto& s) { return s.first == &t && s.second == key; });
}

void reader::check_keys(const toml::table& t, std::string_view path,
                        const std::vector<std::string_view>& allowed) {
  for (auto&& [k, v] : t) {
    if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
    error(k.source(), key_path(path, k.str()), unknown_name_message("key", k.str(), allowed));
    if (auto guess = did_you_mean(k.str(), allowed)) suggested_.emplace_back(&t, std::move(*guess));
  }
}

std::vector<entry> reader::in_file_order(const toml::table& t, std::string_view path) const {
  std::vector<entry> out;
  for (auto&& [k, v] : t) out.push_back({k.str(), &k, &v, key_path(path, k.str())});
  std::stable_sort(out.begin(), out.end(), [](const entry& a, const entry& b) {
    auto& pa = a.key->source().begin;
    auto& pb = b.key->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return out;
}

std::string_view reader::type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

std::string reader::shown(const toml::node& n) {
  if (auto s = n.as_string()) return quote(s->get());
  if (auto i = n.as_integer()) return std::to_string(i->get());
  if (auto f = n.as_floating_point()) return format_double(f->get());
  if (auto b = n.as_boolean()) return b->get() ? "true" : "false";
  if (n.is_table()) return "a table";
  if (n.is_array()) return "an array";
  std::ostringstream os;  // dates and times: as TOML writes them
  if (auto d = n.as_date()) os << d->get();
  if (auto t = n.as_time()) os << t->get();
  if (auto dt = n.as_date_time()) os << dt->get();
  return os.str();
}

void reader::wrong_type(const toml::node& n, const std::string& path, std::string_view expected) {
  std::string got = n.is_table() || n.is_array() ? shown(n)
                                                 : std::string{type_name(n)} + " " + shown(n);
  error(n, path, "expected " + std::string{expected} + ", got " + got);
}

const toml::node* reader::get(const toml::table& t, std::string_view key, std::string_view path,
                              need n) {
  auto* node = t.get(key);
  if (!node && n == need::required) missing(t, path, key);
  return node;
}

const toml::table* reader::table(const toml::table& t, std::string_view key, std::string_view path,
                                 need n) {
  auto* node = get(t, key, path, n);
  if (!node) return nullptr;
  if (!node->is_table()) {
    wrong_type(*node, key_path(path, key), "a table");
    return nullptr;
  }
  return node->as_table();
}

const toml::array* reader::array(const toml::table& t, std::string_view key, std::string_view path,
                                 need n) {
  auto* node = get(t, key, path, n);
  if (!node) return nullptr;
  if (!node->is_array()) {
    wrong_type(*node, key_path(path, key), "an array");
    return nullptr;
  }
  return node->as_array();
}

std::optional<std::string> reader::string_of(const toml::node& n, const std::string& path) {
  if (auto s = n.as_string()) return s->get();
  wrong_type(n, path, "a string");
  return std::nullopt;
}

std::optional<double> reader::number_of(const toml::node& n, const std::string& path) {
  if (auto i = n.as_integer()) return static_cast<double>(i->get());
  if (auto f = n.as_floating_point()) {
    if (std::isfinite(f->get())) return f->get();
    error(n, path, "must be a finite number, got " + shown(n));
    return std::nullopt;
  }
  wrong_type(n, path, "a number");
  return std::nullopt;
}

std::optional<field<std::string>> reader::string(const toml::table& t, std::string_view key,
                                                 std::string_view path, need n) {
  auto* node = get(t, key, path, n);
  if (!node) return std::nullopt;
  auto p = key_path(path, key);
  auto v = string_of(*node, p);
  if (!v) return std::nullopt;
  return field<std::string>{std::move(*v), node, std::move(p)};
}

std::optional<field<std::int64_t>> reader::integer(const toml::table& t, std::string_view key,
                                                   std::string_view path, need n) {
  auto* node = get(t, key, path, n);
  if (!node) return std::nullopt;
  auto p = key_path(path, key);
  if (auto i = node->as_integer()) return field<std::int64_t>{i->get(), node, std::move(p)};
  wrong_type(*node, p, "an integer");
  return std::nullopt;
}

std::optional<std::uint32_t> reader::count(const field<std::int64_t>& f, std::int64_t max) {
  if (f.value <= 0) {
    reject(f, "must be > 0");
    return std::nullopt;
  }
  if (f.value > max) {
    reject(f, "must be at most " + std::to_string(max));
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(f.value);
}

std::optional<field<double>> reader::number(const toml::table& t, std::string_view key,
                                            std::string_view path, need n) {
  auto* node = get(t, key, path, n);
  if (!node) return std::nullopt;
  auto p = key_path(path, key);
  auto v = number_of(*node, p);
  if (!v) return std::nullopt;
  return field<double>{*v, node, std::move(p)};
}

std::optional<field<bool>> reader::boolean(const toml::table& t, std::string_view key,
                                           std::string_view path, need n) {
  auto* node = get(t, key, path, n);
  if (!node) return std::nullopt;
  auto p = key_path(path, key);
  if (auto b = node->as_boolean()) return field<bool>{b->get(), node, std::move(p)};
  wrong_type(*node, p, "true or false");
  return std::nullopt;
}

std::optional<field<sim_duration>> reader::duration(const toml::table& t, std::string_view key,
                                                    std::string_view path, need n) {
  auto* node = get(t, key, path, n);
  if (!node) return std::nullopt;
  auto p = key_path(path, key);
  if (node->is_integer() || node->is_floating_point()) {
    auto seconds = number_of(*node, p);
    if (!seconds) return std::nullopt;
    if (std::abs(*seconds) > to_seconds(max_config_duration)) {
      error(*node, p, "is too long (at most " + std::string{max_config_duration_text} + "), got " +
                          shown(*node) + " seconds");
      return std::nullopt;
    }
    return field<sim_duration>{from_seconds(*seconds), node, std::move(p)};
  }
  if (auto s = node->as_string()) {
    if (!s->get().empty() && s->get().front() == '+') {
      error(*node, p, quote(s->get()) + " is an offset; this key takes a plain duration such as \"" +
                          s->get().substr(1) + "\"");
      return std::nullopt;
    }
    auto parsed = parse_duration_text(s->get());
    if (!parsed.value) {
      error(*node, p, parsed.error);
      return std::nullopt;
    }
    return field<sim_duration>{*parsed.value, node, std::move(p)};
  }
  wrong_type(*node, p, "a duration (a number of seconds, or text such as \"90s\" or \"1h30m\")");
  return std::nullopt;
}

std::optional<sim_time> reader::clock_offset(sim_duration since_midnight, const toml::node& n,
                                             const std::string& path) {
  if (since_midnight < start_of_day_) {
    error(n, path,
          "clock time " + format_time_of_day(since_midnight) + " is before the scenario start " +
              format_time_of_day(start_of_day_) +
              "; clock times fall on the first day (for a later time write an offset such as \"+20h\")");
    return std::nullopt;
  }
  return since_midnight - start_of_day_;
}

namespace {
sim_duration since_midnight(const toml::time& t) {
  using namespace std::chrono;
  return hours(t.hour) + minutes(t.minute) + seconds(t.second) + nanoseconds(t.nanosecond);
}
} // namespace

std::optional<field<sim_time>> reader::time_point(const toml::table& t, std::string_view key,
                                                  std::string_view path, need n) {
  auto* node = get(t, key, path, n);
  if (!node) return std::nullopt;
  auto p = key_path(path, key);
  constexpr std::string_view expected =
      "a clock time such as \"08:30\" or an offset from the scenario start such as \"+2h\"";
  if (auto tm = node->as_time()) {
    auto offset = clock_offset(since_midnight(tm->get()), *node, p);
    if (!offset) return std::nullopt;
    return field<sim_time>{*offset, node, std::move(p)};
  }
  if (auto s = node->as_string()) {
    std::string_view text = s->get();
    if (!text.empty() && text.front() == '+') {
      auto parsed = parse_duration_text(text.substr(1));
      if (!parsed.value) {
        error(*node, p, "bad offset: " + parsed.error);
        return std::nullopt;
      }
      return field<sim_time>{*parsed.value, node, std::move(p)};
    }
    if (!looks_like_clock(text) && parse_duration_text(text).value) {
      error(*node, p, quote(text) + " is a duration; this key takes " + std::string{expected} +
                          " (\"+" + std::string{text} + "\")");
      return std::nullopt;
    }
    auto parsed = parse_clock_text(text);
    if (!parsed.value) {
      error(*node, p, parsed.error);
      return std::nullopt;
    }
    auto offset = clock_offset(*parsed.value, *node, p);
    if (!offset) return std::nullopt;
    return field<sim_time>{*offset, node, std::move(p)};
  }
  wrong_type(*node, p, expected);
  return std::nullopt;
}

std::optional<field<sim_duration>> reader::clock(const toml::table& t, std::string_view key,
                                                 std::string_view path, need n) {
  auto* node = get(t, key, path, n);
  if (!node) return std::nullopt;
  auto p = key_path(path, key);
  std::optional<sim_duration> value;
  if (auto tm = node->as_time()) {
    value = since_midnight(tm->get());
  } else if (auto s = node->as_string()) {
    auto parsed = parse_clock_text(s->get());
    if (!parsed.value) {
      error(*node, p, parsed.error);
      return std::nullopt;
    }
    value = parsed.value;
  } else {
    wrong_type(*node, p, "a clock time such as \"07:00\"");
    return std::nullopt;
  }
  if (*value >= std::chrono::hours(24)) {
    error(*node, p, "must be a time of day before 24:00, got " + shown(*node));
    return std::nullopt;
  }
  return field<sim_duration>{*value, node, std::move(p)};
}

} // namespace ccsim::config_detail
