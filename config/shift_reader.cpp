#include "config/shift_reader.hpp"

#include "config/time_text.hpp"

namespace ccsim::config_detail {

namespace {

/// Offsets shown as the clock times the user wrote.
std::string clock_at(const reader& r, sim_time t) { return format_time_of_day(r.start_of_day() + t); }

std::optional<break_period> read_break(reader& r, const toml::node& n, const std::string& p,
                                       const shift& s) {
  auto* t = n.as_table();
  if (!t) {
    r.wrong_type(n, p, "a table such as { start = \"12:00\", length = \"30m\" }");
    return std::nullopt;
  }
  r.check_keys(*t, p, {"start", "length", "reason"});
  auto start = r.time_point(*t, "start", p, need::required);
  auto length = r.duration(*t, "length", p, need::required);
  auto reason = r.string(*t, "reason", p, need::optional);
  if (length && length->value <= sim_duration::zero()) {
    r.reject(*length, "must be > 0");
    length.reset();
  }
  if (!start || !length) return std::nullopt;

  if (start->value < s.login) {
    r.error(*start->node, start->path,
            "break starts at " + clock_at(r, start->value) + ", before login at " + clock_at(r, s.login));
    return std::nullopt;
  }
  if (start->value + length->value > s.logout) {
    r.error(*length->node, length->path,
            "break ends at " + clock_at(r, start->value + length->value) + ", after logout at " +
                clock_at(r, s.logout));
    return std::nullopt;
  }
  return break_period{start->value, length->value, reason ? reason->value : "break"};
}

} // namespace

std::optional<shift> read_shift(reader& r, const toml::table& t, const std::string& p) {
  r.check_keys(t, p, {"login", "logout", "breaks"});
  auto errors_before = r.error_count();
  auto login = r.time_point(t, "login", p, need::required);
  auto logout = r.time_point(t, "logout", p, need::required);
  auto* breaks = r.array(t, "breaks", p, need::optional);
  if (!login || !logout) return std::nullopt;
  if (logout->value <= login->value) {
    r.error(*logout->node, logout->path,
            "must be after login at " + clock_at(r, login->value) + ", got " + reader::shown(*logout->node));
    return std::nullopt;
  }

  shift s{login->value, logout->value, {}};
  if (breaks) {
    auto breaks_path = key_path(p, "breaks");
    for (std::size_t i = 0; i < breaks->size(); ++i) {
      auto bp = index_path(breaks_path, i);
      auto b = read_break(r, *breaks->get(i), bp, s);
      if (!b) continue;
      // Breaks are listed in time order so the file reads like the day; the
      // check catches both a misordered list and an overlap.
      if (!s.breaks.empty()) {
        auto& prev = s.breaks.back();
        auto prev_end = prev.start + prev.length;
        if (b->start < prev_end) {
          auto* start_node = breaks->get(i)->as_table()->get("start");
          r.error(*start_node, key_path(bp, "start"),
                  "break at " + clock_at(r, b->start) +
                      (b->start < prev.start ? " comes before the previous break at "
                                             : " overlaps the previous break, ") +
                      clock_at(r, prev.start) +
                      (b->start < prev.start ? "; list breaks in time order" : "-" + clock_at(r, prev_end)));
          continue;
        }
      }
      s.breaks.push_back(std::move(*b));
    }
  }
  if (r.error_count() != errors_before) return std::nullopt;
  return s;
}

} // namespace ccsim::config_detail
