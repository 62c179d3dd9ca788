#pragma once
// The engine's views as JSON, one function per type. Field names are the
// API's contract (docs/api.md); times are seconds as numbers.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "live/engine.hpp"

namespace ccsim::web {

boost::json::object to_json(const live::tenant_info& t);
boost::json::object to_json(const live::agent_info& a);
boost::json::object to_json(const live::call_info& c);
boost::json::object to_json(const live::call_created& c);
/// The KPIs the wallboard and /queues show (report definitions).
boost::json::object to_json(const call_kpis& k);
/// One queue: waiting count, oldest wait, service level so far (+ its calls when `with_calls`).
boost::json::object to_json(const live::queue_info& q, bool with_calls);
boost::json::object to_json(const live::latency_summary& l);
boost::json::object to_json(const live::engine_status& s);

/// Seconds rounded to the millisecond: enough for a display, shorter JSON.
double rounded(double seconds);

} // namespace ccsim::web
