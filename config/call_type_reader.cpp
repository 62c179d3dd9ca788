#include "config/call_type_reader.hpp"

#include <limits>

#include "config/distribution_reader.hpp"
#include "config/time_text.hpp"

namespace ccsim::config_detail {

namespace {

constexpr auto max_count = std::numeric_limits<std::uint32_t>::max();

/// Reads `arrivals = { interval, start, rates_per_hour, repeat_daily }`.
arrival_profile read_profile(reader& r, const toml::table& t, const std::string& p, bool& unending) {
  r.check_keys(t, p, {"interval", "start", "rates_per_hour", "repeat_daily"});
  arrival_profile profile;
  auto interval = r.duration(t, "interval", p, need::required);
  if (interval && interval->value <= sim_duration::zero()) {
    r.reject(*interval, "must be > 0");
    interval.reset();
  }
  auto start = r.time_point(t, "start", p, need::optional);
  sim_time first = start ? start->value : sim_time{0};
  auto repeat = r.boolean(t, "repeat_daily", p, need::optional);
  bool daily = repeat && repeat->value;

  auto* rates = r.array(t, "rates_per_hour", p, need::required);
  if (!rates) return profile;
  auto rates_path = key_path(p, "rates_per_hour");
  if (rates->empty()) {
    r.error(*rates, rates_path, "must list at least one rate");
    return profile;
  }
  std::vector<double> values;
  bool any_positive = false;
  for (std::size_t i = 0; i < rates->size(); ++i) {
    auto element_path = index_path(rates_path, i);
    auto v = r.number_of(*rates->get(i), element_path);
    if (v && *v < 0)
      r.error(*rates->get(i), element_path, "must be >= 0, got " + reader::shown(*rates->get(i)));
    any_positive = any_positive || (v && *v > 0);
    values.push_back(v.value_or(0));
  }
  if (!any_positive) r.error(*rates, rates_path, "all rates are 0: no call would ever arrive");
  if (!interval) return profile;

  // The end in double seconds first: count x interval can overflow nanoseconds.
  double end_seconds = to_seconds(first) + static_cast<double>(values.size()) * to_seconds(interval->value);
  const auto day = std::chrono::hours(24);
  if (daily && end_seconds > to_seconds(day)) {
    r.error(*rates, rates_path,
            std::to_string(values.size()) + " intervals of " + format_duration(interval->value) +
                " from the scenario start + " + format_duration(first) +
                " end after 24h; with repeat_daily the profile must fit in one day");
    return profile;
  }
  if (end_seconds > to_seconds(max_config_duration)) {
    r.error(*rates, rates_path, "the profile is too long (at most " + std::string{max_config_duration_text} + ")");
    return profile;
  }
  for (std::size_t i = 0; i < values.size(); ++i)
    profile.segments.push_back({first + static_cast<std::int64_t>(i) * interval->value, values[i]});
  // Outside the listed intervals no calls arrive (the domain would otherwise
  // keep the last rate for ever); a daily profile that fills the day needs no end.
  auto end = first + static_cast<std::int64_t>(values.size()) * interval->value;
  if (!daily || end < day) profile.segments.push_back({end, 0.0});
  if (daily) profile.period = day;
  unending = daily;
  return profile;
}

} // namespace

call_type_read read_call_type(reader& r, const entry& e, bool live_session) {
  call_type_read out;
  out.type.name = std::string{e.name};
  auto* t = e.node->as_table();
  if (!t) {
    r.wrong_type(*e.node, e.path, "a table ([" + e.path + "])");
    return out;
  }
  const auto& p = e.path;
  r.check_keys(*t, p,
               {"priority", "rate_per_hour", "arrivals", "talk", "wrap_up", "patience", "max_queue",
                "max_wait"});

  if (auto prio = r.integer(*t, "priority", p, need::optional)) {
    if (prio->value < -max_priority || prio->value > max_priority)
      r.reject(*prio, "must be between -1000 and 1000");
    else
      out.type.priority = static_cast<int>(prio->value);
  }

  auto* constant = t->get("rate_per_hour");
  auto* profile = t->get("arrivals");
  if (constant && profile) {
    // Reported at whichever comes second in the file: that is the line to delete.
    auto& a = t->find("rate_per_hour")->first.source().begin;
    auto& b = t->find("arrivals")->first.source().begin;
    bool arrivals_later = a.line != b.line ? a.line < b.line : a.column < b.column;
    auto later = arrivals_later ? "arrivals" : "rate_per_hour";
    r.error(t->find(later)->first.source(), key_path(p, later),
            "give either rate_per_hour (a constant rate) or arrivals (a profile), not both");
  } else if (!constant && !profile) {
    // A misspelt "arrival" was already reported with its suggestion.
    if (!r.was_suggested(*t, "arrivals"))
      r.missing(*t, p, "rate_per_hour",
                "give rate_per_hour = N (calls per hour) or arrivals = { interval, rates_per_hour }");
  } else if (constant) {
    if (auto rate = r.number(*t, "rate_per_hour", p, need::required)) {
      if (live_session && rate->value == 0) {
        // Recorded sessions: a call type whose calls all came through the API.
      } else if (rate->value <= 0) {
        r.reject(*rate, "must be > 0");
      }
      out.type.arrivals.segments.push_back({sim_time{0}, rate->value});
      out.arrivals_unending = rate->value > 0;
    }
  } else if (auto* pt = r.table(*t, "arrivals", p, need::required)) {
    out.type.arrivals = read_profile(r, *pt, key_path(p, "arrivals"), out.arrivals_unending);
  }

  if (auto talk = read_distribution(r, *t, "talk", p, need::required)) out.type.talk = *talk;
  if (auto wrap = read_distribution(r, *t, "wrap_up", p, need::optional)) out.type.wrap_up = *wrap;
  out.type.patience = read_distribution(r, *t, "patience", p, need::optional);

  if (auto q = r.integer(*t, "max_queue", p, need::optional)) {
    out.type.max_queue = r.count(*q, max_count);
  }
  if (auto w = r.duration(*t, "max_wait", p, need::optional)) {
    if (w->value <= sim_duration::zero())
      r.reject(*w, "must be > 0");
    else
      out.type.max_wait = w->value;
  }
  return out;
}

} // namespace ccsim::config_detail
