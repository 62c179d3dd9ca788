#pragma once
// JSON text for humans and browsers: like boost::json::serialize, but
// numbers in their shortest round-trip form ("2.016", "0.8", "20") instead
// of Boost 1.81's "2.016E0". Non-finite doubles become null.
#include <string>

#include <boost/json/value.hpp>

namespace ccsim::web {

std::string to_text(const boost::json::value& v);

} // namespace ccsim::web
