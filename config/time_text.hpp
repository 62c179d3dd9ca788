#pragma once
// The two ways a scenario writes time as text: durations ("1h30m", "2.5s")
// and clock times of day ("08:30"). Kept apart from TOML so the grammar can
// be tested on its own and reused by the command line.
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace ccsim {

/// No duration or clock offset in a scenario may exceed this. It keeps
/// nanosecond arithmetic far from overflow and catches unit typos
/// ("8000h" instead of "8h").
inline constexpr sim_duration max_config_duration = std::chrono::hours(24 * 365);
inline constexpr std::string_view max_config_duration_text = "365 days";

/// A parsed time text, or the reason it means nothing.
struct time_text {
  std::optional<sim_duration> value;
  std::string error;  ///< set exactly when `value` is empty; says what is wrong
};

/// "90s", "15m", "8h", "1h30m", "2.5s", "250ms", "1h 30m", "2d": one or
/// more number+unit parts, units d, h, m, s, ms in decreasing order, each at
/// most once. No sign: a duration in a scenario is never negative.
time_text parse_duration_text(std::string_view text);

/// "08:30", "8:30", "08:30:15" -> time since midnight. Hours 0..23; "24:00"
/// (and "24:00:00") is allowed as the end of the day, e.g. a logout at midnight.
time_text parse_clock_text(std::string_view text);

/// True for text shaped like a clock ("HH:MM..."), to tell a user who wrote a
/// clock time where a duration belongs (and vice versa) what went wrong.
bool looks_like_clock(std::string_view text);

/// "08:30" (or "08:30:15" when there are seconds; "1d 02:00" past midnight).
std::string format_time_of_day(sim_duration since_midnight);

/// Short, exact text for a duration in messages: "1h30m", "2.5s", "0s".
std::string format_duration(sim_duration d);

} // namespace ccsim
