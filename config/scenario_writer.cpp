#include "config/scenario_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string_view>

#include "config/time_text.hpp"

namespace ccsim {

namespace {

using namespace std::chrono_literals;

constexpr sim_duration day = std::chrono::hours(24);
/// Rates per line of a long profile, so the file stays readable.
constexpr std::size_t rates_per_line = 12;

[[noreturn]] void unwritable(const std::string& path, const std::string& why) {
  throw std::invalid_argument("to_toml: " + path + ": " + why);
}

// -- names and strings --------------------------------------------------------

bool is_bare_key(std::string_view k) {
  if (k.empty()) return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

/// Well-formed UTF-8: no stray or missing continuation bytes, overlong forms,
/// surrogates or code points past U+10FFFF. A TOML file holds nothing else.
bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t more = 0;
    std::uint32_t cp = 0, lowest = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      more = 1, cp = c & 0x1Fu, lowest = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      more = 2, cp = c & 0x0Fu, lowest = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      more = 3, cp = c & 0x07u, lowest = 0x10000;
    } else {
      return false;
    }
    if (s.size() - i <= more) return false;
    for (std::size_t k = 1; k <= more; ++k) {
      auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3Fu);
    }
    if (cp < lowest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += more + 1;
  }
  return true;
}

/// A TOML basic string: quotes, backslashes and control characters escaped,
/// everything else (UTF-8 included) as it is, so names stay readable.
std::string quoted(std::string_view s, const std::string& path) {
  if (!is_utf8(s)) unwritable(path, "the text is not valid UTF-8, which a TOML file cannot hold");
  std::string out = "\"";
  for (char ch : s) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += ch;
        }
      }
    }
  }
  return out + "\"";
}

/// A name as a TOML key: bare when it can be, else quoted.
std::string key(std::string_view name, const std::string& path) {
  return is_bare_key(name) ? std::string{name} : quoted(name, path);
}

/// "tenants" + "acme corp" -> tenants."acme corp", for messages (never throws).
std::string path_of(const std::string& parent, std::string_view name) {
  std::string k = is_bare_key(name) ? std::string{name} : "\"" + std::string{name} + "\"";
  return parent.empty() ? k : parent + "." + k;
}

// -- numbers ------------------------------------------------------------------

/// The shortest text that reads back as the same double (std::to_chars).
/// An integral value prints as a TOML integer, which the loader converts
/// exactly up to 2^53; beyond that it is made a float.
std::string number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, result.ptr);
  if (s.find_first_of(".e") == std::string::npos && std::abs(v) >= 0x1p53) s += ".0";
  return s;
}

std::string integer(std::uint64_t v, const std::string& path) {
  if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    unwritable(path, std::to_string(v) + " is above 2^63 - 1, the largest TOML integer");
  return std::to_string(v);
}

// -- durations and times --------------------------------------------------------

/// Duration text ("1h30m", "2.5s") that parse_duration_text reads back to
/// the same nanosecond count, without quotes.
std::string duration_text(sim_duration d, const std::string& path) {
  auto text = format_duration(d);
  auto back = parse_duration_text(text);
  if (d < sim_duration::zero() || !back.value || *back.value != d)
    unwritable(path, "the duration " + text +
                         " has no exact spelling (durations go up to 365 days, and above 2^53 ns the "
                         "loader keeps only what a double holds)");
  return text;
}

/// A duration value; a negative one as a number of seconds, the only way
/// to write it (the loader then reports the sign).
std::string duration(sim_duration d, const std::string& path) {
  if (d >= sim_duration::zero()) return "\"" + duration_text(d, path) + "\"";
  if (d >= -max_config_duration) {
    if (d % 1s == 0ns) return std::to_string(d / 1s);
    if (from_seconds(to_seconds(d)) == d) return number(to_seconds(d));
  }
  unwritable(path, "the duration -" + format_duration(-d) + " has no exact spelling");
}

/// Whole seconds as a plain number (as people write talk times and the
/// service level), anything else as a duration.
std::string seconds_or_duration(sim_duration d, const std::string& path) {
  if (d % 1s == 0ns && d >= -max_config_duration && d <= max_config_duration) return std::to_string(d / 1s);
  return duration(d, path);
}

/// A time point (an offset from the scenario start): the clock time of the
/// first day in whole seconds when it is one, else an offset "+25h".
std::string time_point(sim_time t, sim_duration start_of_day, const std::string& path) {
  if (t < sim_time::zero())
    unwritable(path, "a time before the scenario start (t < 0) has no spelling: clock times before "
                     "the start are refused and offsets have no sign");
  if (t <= day - start_of_day && (start_of_day + t) % 1s == 0ns) {
    auto clock = start_of_day + t;
    auto text = clock == day ? std::string{"24:00"} : format_time_of_day(clock);
    auto back = parse_clock_text(text);  // the loader reads it as clock - start
    if (back.value && *back.value - start_of_day == t) return "\"" + text + "\"";
  }
  return "\"+" + duration_text(t, path) + "\"";
}

/// `start`: a clock string in whole seconds, else a TOML local time, which
/// holds nanoseconds.
std::string time_of_day(sim_duration t, const std::string& path) {
  if (t < sim_duration::zero() || t >= day)
    unwritable(path, "the scenario start must be a time of day in [00:00, 24:00), got " + format_duration(t));
  if (t % 1s == 0ns) return "\"" + format_time_of_day(t) + "\"";
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(t).count();
  char buf[96];  // room for any long long, though the fields are at most 23, 59, 59 and 999999999
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%09lld", static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60),
                static_cast<long long>((t % 1s).count()));
  return buf;
}

// -- distributions and arrivals -----------------------------------------------

/// A distribution parameter: the file gives a duration, the loader keeps its
/// seconds as a double, so only whole nanoseconds come back.
std::string parameter(double seconds, const std::string& path) {
  if (!std::isfinite(seconds) || std::abs(seconds) > to_seconds(max_config_duration))
    unwritable(path, number(seconds) + " s is not a duration the file can give (finite, at most 365 days)");
  auto d = from_seconds(seconds);
  if (to_seconds(d) != seconds)
    unwritable(path, number(seconds) + " s is not a whole number of nanoseconds, so no duration reads back as it");
  return seconds_or_duration(d, path);
}

std::string distribution_text(const distribution& d, const std::string& path) {
  std::string_view name;
  bool has_sd = false, has_min = false;
  switch (d.kind) {
    case distribution_kind::fixed: name = "fixed"; break;
    case distribution_kind::exponential: name = "exponential"; break;
    case distribution_kind::normal_truncated: name = "normal", has_sd = has_min = true; break;
    case distribution_kind::normal_clamped: name = "normal_clamped", has_sd = has_min = true; break;
    case distribution_kind::lognormal: name = "lognormal", has_sd = true; break;
  }
  if (name.empty()) unwritable(path + ".dist", "unknown distribution kind");
  std::string out = "{ dist = \"" + std::string{name} + "\", mean = " + parameter(d.mean, path + ".mean");
  if (has_sd)
    out += ", sd = " + parameter(d.sd, path + ".sd");
  else if (d.sd != 0)
    unwritable(path + ".sd", "the " + std::string{name} + " distribution takes no sd, so it must be 0");
  if (has_min) {
    if (d.min != 0) out += ", min = " + parameter(d.min, path + ".min");
  } else if (d.min != 0) {
    unwritable(path + ".min", "the " + std::string{name} + " distribution takes no min, so it must be 0");
  }
  return out + " }";
}

/// Whether segments [0, n) start at first, first + interval, first + 2 interval, ...
bool evenly_spaced(const std::vector<rate_segment>& seg, std::size_t n, sim_duration interval) {
  for (std::size_t i = 1; i < n; ++i)
    if (seg[i].start - seg[i - 1].start != interval) return false;
  return true;
}

/// `rate_per_hour = R` or `arrivals = { ... }`: the loader's two forms, read
/// backwards (see read_profile in call_type_reader.cpp).
std::string arrivals_text(const arrival_profile& p, sim_duration start_of_day, const std::string& path) {
  const auto& seg = p.segments;
  const auto n = seg.size();
  for (auto& s : seg)
    if (s.start < sim_time::zero() || s.start > max_config_duration)
      unwritable(path, "a segment starts at " + format_duration(s.start) +
                           "; profile starts lie in [0, 365 days] from the scenario start");
  const bool daily = p.period.has_value();
  if (daily && *p.period != day)
    unwritable(path, "the period is " + format_duration(*p.period) + "; the file can only repeat daily (24h)");

  std::size_t rates = 0;  // how many segments the file lists; the rest is the closing 0
  sim_duration interval{0};
  if (!daily && n == 1 && seg[0].start == sim_time::zero())
    return "rate_per_hour = " + number(seg[0].calls_per_hour) + "\n";
  if (n >= 2 && seg.back().calls_per_hour == 0 && seg[1].start > seg[0].start &&
      evenly_spaced(seg, n, seg[1].start - seg[0].start) && (!daily || seg.back().start < day)) {
    rates = n - 1;  // a closing rate-0 segment: the loader adds it after the last interval
    interval = seg[1].start - seg[0].start;
  } else if (daily && n >= 1 && seg[0].start < day) {
    // The intervals fill the day up to 24h, so the loader adds no closing segment.
    interval = n >= 2 ? seg[1].start - seg[0].start : day - seg[0].start;
    auto rest = day - seg[0].start;
    if (interval > sim_duration::zero() && evenly_spaced(seg, n, interval) && rest % interval == 0ns &&
        static_cast<std::size_t>(rest / interval) == n)
      rates = n;
  }
  if (rates == 0)
    unwritable(path, daily ? "a daily profile must be equal intervals that end with a rate-0 segment "
                             "or fill the day to 24h"
                           : "a profile must be a constant rate from t = 0, or equal intervals that end "
                             "with a rate-0 segment");
  // The loader's own bound on the end, computed as it does (in double seconds).
  double end_seconds = to_seconds(seg[0].start) + static_cast<double>(rates) * to_seconds(interval);
  if (end_seconds > to_seconds(daily ? day : max_config_duration))
    unwritable(path, "the profile ends after " + std::string{daily ? "24h" : max_config_duration_text});

  std::string out = "arrivals = { interval = " + duration(interval, path + ".interval");
  if (seg[0].start != sim_time::zero()) out += ", start = " + time_point(seg[0].start, start_of_day, path + ".start");
  if (daily) out += ", repeat_daily = true";
  out += ", rates_per_hour = [";
  for (std::size_t i = 0; i < rates; ++i) {
    if (rates > rates_per_line)
      out += i % rates_per_line == 0 ? "\n  " : " ";
    else if (i > 0)
      out += " ";
    out += number(seg[i].calls_per_hour) + (rates > rates_per_line || i + 1 < rates ? "," : "");
  }
  return out + (rates > rates_per_line ? "\n] }\n" : "] }\n");
}

// -- the file -------------------------------------------------------------------

class writer {
public:
  explicit writer(const scenario& s) : s_(s) {}

  std::string write() {
    out_ = "# written by ccsim\n";
    out_ += "name = " + quoted(s_.name, "name") + "\n";
    out_ += "seed = " + integer(s_.seed, "seed") + "\n";
    out_ += "start = " + time_of_day(s_.start_of_day, "start") + "\n";
    if (s_.horizon) out_ += "duration = " + duration(*s_.horizon, "duration") + "\n";
    if (s_.calls) out_ += "calls = " + integer(*s_.calls, "calls") + "\n";
    if (s_.warmup != sim_duration::zero()) out_ += "warmup = " + duration(s_.warmup, "warmup") + "\n";
    if (s_.warmup_calls) out_ += "warmup_calls = " + integer(*s_.warmup_calls, "warmup_calls") + "\n";
    if (s_.live_session) out_ += "session = \"live\"\n";
    for (auto& t : s_.tenants) write_tenant(t);
    return std::move(out_);
  }

private:
  void write_tenant(const tenant& t) {
    auto path = path_of("tenants", t.name);
    auto header = "tenants." + key(t.name, path);
    out_ += "\n[" + header + "]\n";
    out_ += "service_level_seconds = " +
            seconds_or_duration(t.service_level_threshold, path + ".service_level_seconds") + "\n";
    out_ += "service_level_target = " + number(t.service_level_target) + "\n";
    if (t.idle != idle_policy::since_available && t.idle != idle_policy::since_last_call)
      unwritable(path + ".idle_policy", "unknown idle policy");
    out_ += "idle_policy = \"" + std::string{to_string(t.idle)} + "\"\n";
    if (t.max_queue) out_ += "max_queue = " + std::to_string(*t.max_queue) + "\n";
    if (t.agents.empty()) out_ += "agents = []\n";  // before the subtables; a live session's may be empty

    for (auto& c : t.call_types) write_call_type(c, header, path_of(path + ".call_types", c.name));
    for (std::size_t a = 0; a < t.agent_types.size(); ++a) write_agent_type(t, a, header, path);
    for (std::size_t g = 0; g < t.agents.size(); ++g) write_group(t, g, header, path);
    write_conversion(t, header, path);
  }

  void write_call_type(const call_type& c, const std::string& header, const std::string& path) {
    out_ += "\n[" + header + ".call_types." + key(c.name, path) + "]\n";
    if (c.priority != 0) out_ += "priority = " + std::to_string(c.priority) + "\n";
    out_ += arrivals_text(c.arrivals, s_.start_of_day, path + ".arrivals");
    out_ += "talk = " + distribution_text(c.talk, path + ".talk") + "\n";
    if (c.wrap_up.kind != distribution_kind::fixed || c.wrap_up.mean != 0 || c.wrap_up.sd != 0 ||
        c.wrap_up.min != 0)
      out_ += "wrap_up = " + distribution_text(c.wrap_up, path + ".wrap_up") + "\n";
    if (c.patience) out_ += "patience = " + distribution_text(*c.patience, path + ".patience") + "\n";
    if (c.max_queue) out_ += "max_queue = " + std::to_string(*c.max_queue) + "\n";
    if (c.max_wait) out_ += "max_wait = " + duration(*c.max_wait, path + ".max_wait") + "\n";
  }

  void write_agent_type(const tenant& t, std::size_t a, const std::string& header, const std::string& tenant_path) {
    auto& type = t.agent_types[a];
    auto path = path_of(tenant_path + ".agent_types", type.name);
    out_ += "\n[" + header + ".agent_types." + key(type.name, path) + "]\nskills = [";
    for (std::size_t i = 0; i < type.skills.size(); ++i) {
      auto c = type.skills[i];
      if (c >= t.call_types.size())
        unwritable(path + ".skills", "skill " + std::to_string(c) + " is not a call type of this tenant");
      if (i > 0 && c <= type.skills[i - 1])
        unwritable(path + ".skills", "skills must be sorted and distinct, as the loader stores them");
      out_ += (i > 0 ? ", " : "") + quoted(t.call_types[c].name, path + ".skills");
    }
    out_ += "]\n";
  }

  void write_group(const tenant& t, std::size_t g, const std::string& header, const std::string& tenant_path) {
    auto& group = t.agents[g];
    auto path = tenant_path + ".agents[" + std::to_string(g) + "]";
    if (group.type >= t.agent_types.size())
      unwritable(path + ".type", "agent type " + std::to_string(group.type) + " is not one of this tenant");
    out_ += "\n[[" + header + ".agents]]\n";
    out_ += "type = " + quoted(t.agent_types[group.type].name, path + ".type") + "\n";
    out_ += "count = " + std::to_string(group.count) + "\n";
    if (!group.hours) return;
    auto& h = *group.hours;
    auto shift_path = path + ".shift";
    out_ += "shift = { login = " + time_point(h.login, s_.start_of_day, shift_path + ".login") +
            ", logout = " + time_point(h.logout, s_.start_of_day, shift_path + ".logout");
    if (h.breaks.empty()) {
      out_ += " }\n";
      return;
    }
    out_ += ", breaks = [\n";
    for (std::size_t i = 0; i < h.breaks.size(); ++i) {
      auto& b = h.breaks[i];
      auto break_path = shift_path + ".breaks[" + std::to_string(i) + "]";
      out_ += "  { start = " + time_point(b.start, s_.start_of_day, break_path + ".start") +
              ", length = " + duration(b.length, break_path + ".length") +
              ", reason = " + quoted(b.reason, break_path + ".reason") + " },\n";
    }
    out_ += "] }\n";
  }

  void write_conversion(const tenant& t, const std::string& header, const std::string& tenant_path) {
    auto path = tenant_path + ".conversion";
    bool full_size = t.conversion.size() == t.agent_types.size();
    for (auto& row : t.conversion) full_size = full_size && row.size() == t.call_types.size();
    if (!t.has_conversion) {
      bool all_zero = true;
      for (auto& row : t.conversion)
        for (double cell : row) all_zero = all_zero && cell == 0;
      if (!full_size || !all_zero)
        unwritable(path, "has_conversion is false, so the loader makes an all-0 matrix of agent types x "
                         "call types; this one differs");
      return;
    }
    if (!full_size) unwritable(path, "the matrix must have a row per agent type and a column per call type");
    out_ += "\n[" + header + ".conversion]\n";
    for (std::size_t a = 0; a < t.agent_types.size(); ++a) {
      auto& type = t.agent_types[a];
      auto row_path = path_of(path, type.name);
      std::string cells;
      for (std::size_t c = 0; c < t.call_types.size(); ++c) {
        auto cell_path = path_of(row_path, t.call_types[c].name);
        bool skill = false;
        for (auto k : type.skills) skill = skill || k == c;
        if (skill)
          cells += (cells.empty() ? " " : ", ") + key(t.call_types[c].name, cell_path) + " = " +
                   number(t.conversion[a][c]);
        else if (t.conversion[a][c] != 0)
          unwritable(cell_path, "a cell for a call type the agent type has no skill for must be 0; the "
                                "file has no such cells");
      }
      out_ += key(type.name, row_path) + " = {" + cells + (cells.empty() ? "}\n" : " }\n");
    }
  }

  const scenario& s_;
  std::string out_;
};

} // namespace

std::string to_toml(const scenario& s) { return writer{s}.write(); }

} // namespace ccsim
