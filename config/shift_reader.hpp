#pragma once
// Reads shift = { login, logout, breaks = [ { start, length, reason } ] }.
#include <optional>

#include "config/toml_reader.hpp"
#include "domain/scenario.hpp"

namespace ccsim::config_detail {

/// The shift in `t` at `path`; nullopt if it has problems (all reported).
std::optional<shift> read_shift(reader& r, const toml::table& t, const std::string& path);

} // namespace ccsim::config_detail
