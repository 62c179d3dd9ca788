// report_to_json and summarize_replications: build the report document.
#include "sim/report_document.hpp"

#include <boost/json.hpp>

#include "domain/confidence.hpp"

namespace ccsim {

namespace json = boost::json;

namespace {

json::object kpis_to_json(const call_kpis& k) {
  json::object o;
  o["offered"] = k.offered;
  o["answered"] = k.answered;
  o["abandoned"] = k.abandoned;
  o["rejected"] = k.rejected;
  o["in_system_at_end"] = k.in_system_at_end;
  json::object reasons;
  for (int i = 1; i < reject_reason_count; ++i)
    reasons[to_string(static_cast<reject_reason>(i))] = k.rejected_by_reason[static_cast<std::size_t>(i)];
  o["rejected_by_reason"] = std::move(reasons);
  o["service_level"] = k.service_level;
  o["service_level_answered"] = k.service_level_answered;
  o["asa"] = k.asa;
  o["abandon_rate"] = k.abandon_rate;
  o["p_wait"] = k.p_wait;
  o["wait_p50"] = k.wait_p50;
  o["wait_p90"] = k.wait_p90;
  o["wait_p99"] = k.wait_p99;
  o["aht"] = k.aht;
  o["talk_mean"] = k.talk_mean;
  o["talk_sd"] = k.talk_sd;
  o["wrap_mean"] = k.wrap_mean;
  o["mean_queue"] = k.mean_queue;
  o["max_queue"] = k.max_queue;
  o["conversion"] = k.conversion;
  return o;
}

/// Keys that describe the configuration, not a measurement: no interval.
bool is_configuration(std::string_view key) {
  return key == "service_level_threshold_s" || key == "service_level_target" || key == "agents"
         || key == "configured" || key == "talk_configured_mean_s" || key == "seed"
         || key == "replications";
}

json::value summarize(const std::vector<const json::value*>& xs);

json::object summarize_objects(const std::vector<const json::value*>& xs) {
  json::object out;
  json::object ci;
  auto& first = xs.front()->as_object();
  for (auto& [key, value] : first) {
    std::vector<const json::value*> column;
    for (auto* x : xs) {
      auto* v = x->as_object().if_contains(key);
      if (v) column.push_back(v);
    }
    if (column.size() != xs.size()) {  // not in every replication: keep the first
      out[key] = value;
      continue;
    }
    if (value.is_number()) {
      std::vector<double> samples;
      for (auto* v : column) samples.push_back(v->to_number<double>());
      auto m = confidence_95(samples);
      out[key] = m.mean;
      if (!is_configuration(key)) ci[key] = m.half_width;
    } else {
      out[key] = summarize(column);
    }
  }
  if (!ci.empty()) out["ci95"] = std::move(ci);
  return out;
}

json::value summarize(const std::vector<const json::value*>& xs) {
  auto& first = *xs.front();
  if (first.is_object()) return summarize_objects(xs);
  if (first.is_array()) {
    json::array out;
    auto n = first.as_array().size();
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<const json::value*> column;
      for (auto* x : xs)
        if (x->is_array() && x->as_array().size() > i) column.push_back(&x->as_array()[i]);
      out.push_back(column.size() == xs.size() ? summarize(column) : first.as_array()[i]);
    }
    return out;
  }
  return first;  // strings, booleans: identical by construction
}

} // namespace

json::object report_to_json(const run_report& r, const scenario& s) {
  json::object doc;
  doc["schema"] = report_schema;
  doc["scenario"] = r.scenario;
  doc["seed"] = r.seed;
  doc["replications"] = 1;
  doc["start_of_day"] = format_clock(s.start_of_day);
  doc["window_start_s"] = r.window_start;
  doc["window_end_s"] = r.window_end;
  doc["sim_end_s"] = r.sim_end;
  auto overall = kpis_to_json(r.overall);
  overall["occupancy"] = r.occupancy;
  doc["overall"] = std::move(overall);
  json::array tenants;
  for (std::size_t ti = 0; ti < r.tenants.size(); ++ti) {
    auto& t = r.tenants[ti];
    json::object to;
    to["name"] = t.name;
    to["service_level_threshold_s"] = t.service_level_threshold;
    to["service_level_target"] = s.tenants[ti].service_level_target;
    to["window_start_s"] = t.window_start;
    to["window_end_s"] = t.window_end;
    auto k = kpis_to_json(t.kpis);
    for (auto& [key, v] : k) to[key] = v;
    to["occupancy"] = t.occupancy;
    json::array types;
    for (auto& c : t.call_types) {
      json::object co;
      co["name"] = c.name;
      auto ck = kpis_to_json(c.kpis);
      for (auto& [key, v] : ck) co[key] = v;
      co["talk_configured"] = c.talk_configured;
      co["talk_configured_mean_s"] = c.talk_configured_mean;
      types.push_back(std::move(co));
    }
    to["call_types"] = std::move(types);
    json::array agents;
    for (auto& a : t.agent_types)
      agents.push_back(json::object{{"name", a.name},
                                    {"agents", a.agents},
                                    {"occupancy", a.occupancy},
                                    {"calls_per_agent", a.calls_per_agent},
                                    {"fairness_cv", a.fairness_cv}});
    to["agent_types"] = std::move(agents);
    json::array conv;
    for (auto& c : t.conversion)
      conv.push_back(json::object{{"agent_type", c.agent_type},
                                  {"call_type", c.call_type},
                                  {"configured", c.configured},
                                  {"measured", c.measured},
                                  {"answered", c.answered}});
    to["conversion"] = std::move(conv);
    tenants.push_back(std::move(to));
  }
  doc["tenants"] = std::move(tenants);
  return doc;
}

json::object summarize_replications(const std::vector<json::object>& reps) {
  if (reps.size() == 1) return reps.front();
  std::vector<json::value> values(reps.begin(), reps.end());
  std::vector<const json::value*> ptrs;
  for (auto& v : values) ptrs.push_back(&v);
  auto out = summarize_objects(ptrs);
  out["seed"] = reps.front().at("seed");
  json::array seeds;
  for (auto& r : reps) seeds.push_back(r.at("seed"));
  out["seeds"] = std::move(seeds);
  out["replications"] = reps.size();
  return out;
}

} // namespace ccsim
