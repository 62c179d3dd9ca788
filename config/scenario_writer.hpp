#pragma once
// Writes a scenario as the TOML text config/ reads (docs/scenario.md), so a
// scenario built or changed in code can be saved, read by a person and loaded
// again. Hand-written rather than formatted by toml++: toml++ orders table
// keys alphabetically, but tenants, call types and agent types get their
// indices from their order in the file.
#include <string>

#include "domain/scenario.hpp"

namespace ccsim {

/// The scenario as TOML text that load_scenario/parse_scenario read back into an equal scenario.
///
/// Every scenario the loader returns is written so that it reads back equal
/// in every field but `source_path`, which says where a scenario was read
/// from and is not part of it (parse_scenario leaves it empty). Values are
/// written to be exact: durations in nanoseconds, doubles in their shortest
/// form that reads back bit for bit.
///
/// A value that breaks a rule the loader checks but can be spelt (a count of
/// 0, a warmup past the horizon, a negative rate) is written as it is, and
/// the loader reports it when the text is read. A value that no scenario file
/// can produce has no spelling; then to_toml throws std::invalid_argument
/// naming its key path. These are:
/// - an arrival profile that is not one of the two forms the file has: a
///   constant rate from t = 0 (one segment, no period), or rates over equal
///   intervals that stop with a closing rate-0 segment (no period), or the
///   same repeating every 24 h (period 24 h, starts in [0, 24 h); the closing
///   segment is left out when the intervals fill the day). Unequal segment
///   lengths, a period other than 24 h, or a last rate that never stops on a
///   profile that starts later than t = 0 cannot be written;
/// - has_conversion == false with a conversion matrix that is not all 0 of
///   size agent types x call types; with has_conversion == true, a matrix of
///   another size or a non-zero cell for a call type the agent type has no
///   skill for (the file only has cells for skills);
/// - skills that are not strictly increasing, or a skill or agent-group type
///   that indexes past its list;
/// - a time point (shift login/logout, break start, profile start) before
///   t = 0, a `start_of_day` outside [0, 24 h), a duration over 365 days, or
///   one above 2^53 ns (about 104 days) that is not a multiple of what a
///   double can hold there (the loader's duration text goes through double);
/// - a distribution parameter that is not a whole number of nanoseconds
///   (the file gives durations; the loader stores their seconds as double),
///   or a parameter the kind does not take (sd of fixed/exponential, min of
///   fixed/exponential/lognormal) that is not 0;
/// - a seed, `calls` or `warmup_calls` above 2^63 - 1 (TOML integers are signed);
/// - a name or break reason that is not valid UTF-8.
std::string to_toml(const scenario& s);

} // namespace ccsim
