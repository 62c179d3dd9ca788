#pragma once
// Reads a duration distribution table: { dist = "normal", mean = 180, sd = 60 }.
#include <optional>
#include <string_view>

#include "config/toml_reader.hpp"
#include "domain/distribution.hpp"

namespace ccsim::config_detail {

/// The distribution under `key` of `parent`; nullopt when absent (reported
/// if required) or unusable (reported).
std::optional<distribution> read_distribution(reader& r, const toml::table& parent,
                                              std::string_view key, std::string_view path, need n);

/// For a truncated normal, `min` may be at most mean + this many sd. The
/// domain samples any tail quickly, but past 6 sd (odds of 1 in 10^9) the
/// result is an exponential-like sliver above `min` that no talk-time model
/// means: far more likely a typo in `min` or `sd`.
inline constexpr double max_truncation_sds = 6.0;

} // namespace ccsim::config_detail
