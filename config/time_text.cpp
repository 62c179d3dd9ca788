#include "config/time_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace ccsim {

namespace {

constexpr std::string_view unit_hint = "use d, h, m, s or ms, as in \"90s\", \"15m\", \"1h30m\"";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string quoted(std::string_view s) {
  // Messages quote what the user wrote; a runaway value would drown them.
  constexpr std::size_t max_shown = 40;
  if (s.size() > max_shown) return "\"" + std::string{s.substr(0, max_shown)} + "...\"";
  return "\"" + std::string{s} + "\"";
}

time_text fail(std::string message) { return {std::nullopt, std::move(message)}; }

struct unit {
  std::string_view name;
  double nanoseconds;
};
// Decreasing order: the position is the rank the parser enforces.
constexpr unit units[] = {{"d", 86400e9}, {"h", 3600e9}, {"m", 60e9}, {"s", 1e9}, {"ms", 1e6}};

} // namespace

time_text parse_duration_text(std::string_view text) {
  auto s = trim(text);
  if (s.empty()) return fail("empty duration; " + std::string{unit_hint});
  if (s.front() == '-') return fail("a duration cannot be negative, got " + quoted(text));
  if (looks_like_clock(s))
    return fail(quoted(text) + " is a clock time; this key takes a duration such as \"8h\" or \"30m\"");

  const auto max_ns = static_cast<double>(max_config_duration.count());
  double total_ns = 0;
  std::size_t next_rank = 0;  // units must come in decreasing size, each once
  std::size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
    auto number_begin = pos;
    while (pos < s.size() && (is_digit(s[pos]) || s[pos] == '.')) ++pos;
    auto number_text = s.substr(number_begin, pos - number_begin);
    if (number_text.empty() || number_text.find_first_of("0123456789") == std::string_view::npos) {
      if (next_rank > 0 && number_text.empty())  // "1h+2m": the first part was fine
        return fail("unexpected " + quoted(s.substr(pos, 1)) + " in " + quoted(text) + "; " +
                    std::string{unit_hint});
      return fail(quoted(text) + " is not a duration; " + std::string{unit_hint});
    }
    double number = 0;
    auto [end, ec] = std::from_chars(number_text.data(), number_text.data() + number_text.size(), number);
    if (ec != std::errc{} || end != number_text.data() + number_text.size())
      return fail("bad number " + quoted(number_text) + " in " + quoted(text) + "; " + std::string{unit_hint});

    while (pos < s.size() && is_space(s[pos])) ++pos;  // "3 min" reads as number + unit
    auto unit_begin = pos;
    while (pos < s.size() && is_alpha(s[pos])) ++pos;
    auto unit_text = s.substr(unit_begin, pos - unit_begin);
    if (unit_text.empty()) {
      if (pos < s.size())
        return fail("unexpected " + quoted(s.substr(pos, 1)) + " in " + quoted(text) + "; " +
                    std::string{unit_hint});
      return fail("missing unit after " + std::string{number_text} + " in " + quoted(text) +
                  "; write \"" + std::string{number_text} + "s\" (or the bare number " +
                  std::string{number_text} + " for seconds)");
    }
    std::size_t rank = 0;
    while (rank < std::size(units) && units[rank].name != unit_text) ++rank;
    if (rank == std::size(units))
      return fail("unknown unit " + quoted(unit_text) + " in " + quoted(text) + "; " + std::string{unit_hint});
    if (rank < next_rank)
      return fail("units out of order or repeated in " + quoted(text) +
                  "; write the largest unit first and each unit once, as in \"1h30m\"");
    next_rank = rank + 1;
    total_ns += number * units[rank].nanoseconds;
    if (!(total_ns <= max_ns))
      return fail(quoted(text) + " is too long (at most " + std::string{max_config_duration_text} + ")");
  }
  return {sim_duration{static_cast<std::int64_t>(std::llround(total_ns))}, {}};
}

time_text parse_clock_text(std::string_view text) {
  auto s = trim(text);
  auto bad = [&] {
    return fail(quoted(text) + " is not a clock time; write \"HH:MM\" or \"HH:MM:SS\", as in \"08:30\"");
  };
  // Fields: 1-2 digit hours, then one or two 2-digit fields.
  int fields[3] = {0, 0, 0};
  std::size_t count = 0;
  std::size_t pos = 0;
  while (true) {
    auto begin = pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    auto width = pos - begin;
    if (width == 0 || width > 2 || (count > 0 && width != 2) || count == 3) return bad();
    fields[count++] = (s[begin] - '0') * (width == 2 ? 10 : 1) + (width == 2 ? s[begin + 1] - '0' : 0);
    if (pos == s.size()) break;
    if (s[pos] != ':') return bad();
    ++pos;
  }
  if (count < 2) return bad();
  auto [h, m, sec] = fields;
  if (m > 59 || sec > 59) return fail(quoted(text) + " is not a clock time: minutes and seconds go up to 59");
  if (h > 24 || (h == 24 && (m != 0 || sec != 0)))
    return fail(quoted(text) + " is not a clock time: hours go from 00 to 23 (\"24:00\" is the end of the day)");
  using namespace std::chrono;
  return {hours(h) + minutes(m) + seconds(sec), {}};
}

bool looks_like_clock(std::string_view text) {
  auto s = trim(text);
  std::size_t digits = 0;
  while (digits < s.size() && is_digit(s[digits])) ++digits;
  return digits >= 1 && digits <= 2 && digits < s.size() && s[digits] == ':';
}

std::string format_time_of_day(sim_duration since_midnight) {
  using namespace std::chrono;
  auto text = format_clock(since_midnight);
  // "08:30:00" -> "08:30": the form scenario files use.
  if (since_midnight % minutes(1) == sim_duration::zero() && text.size() >= 3 &&
      text.compare(text.size() - 3, 3, ":00") == 0)
    text.resize(text.size() - 3);
  return text;
}

std::string format_duration(sim_duration d) {
  using namespace std::chrono;
  if (d == sim_duration::zero()) return "0s";
  if (d < sim_duration::zero()) return "-" + format_duration(-d);
  std::string out;
  auto h = duration_cast<hours>(d);
  auto m = duration_cast<minutes>(d - h);
  auto rest = d - h - m;  // seconds and the fraction
  if (h.count() > 0) out += std::to_string(h.count()) + "h";
  if (m.count() > 0) out += std::to_string(m.count()) + "m";
  if (rest > sim_duration::zero()) {
    auto whole = duration_cast<seconds>(rest);
    auto frac = (rest - whole).count();  // nanoseconds, 0..999'999'999
    out += std::to_string(whole.count());
    if (frac > 0) {
      auto digits = std::to_string(frac + 1'000'000'000).substr(1);  // zero-padded to 9
      while (digits.back() == '0') digits.pop_back();
      out += "." + digits;
    }
    out += "s";
  }
  return out;
}

} // namespace ccsim
