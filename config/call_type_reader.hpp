#pragma once
// Reads one [tenants.NAME.call_types.TYPE] table: priority, arrivals,
// talk/wrap-up/patience distributions and the queue limits.
#include "config/toml_reader.hpp"
#include "domain/scenario.hpp"

namespace ccsim::config_detail {

struct call_type_read {
  call_type type;
  /// Arrivals go on for ever (a constant rate or a daily repeat). A run that
  /// ends by call count needs this, or it would wait for calls that never come.
  bool arrivals_unending = false;
};

/// Always returns the call type (its name is valid even when fields are
/// not), so other tables can refer to it without follow-on errors.
/// `live_session`: rate_per_hour = 0 is allowed (calls came through the API).
call_type_read read_call_type(reader& r, const entry& e, bool live_session = false);

/// Priorities are small integers; the bound catches typos and keeps
/// arithmetic on them safe.
inline constexpr std::int64_t max_priority = 1000;

} // namespace ccsim::config_detail
