#pragma once
// `ccsim report --run N --html FILE`: one self-contained HTML file (inline
// SVG and CSS, no scripts, no fonts or anything else fetched), with charts
// per interval for each tenant: calls offered / answered / abandoned,
// service level against its target, ASA, queue length, and occupancy per
// agent type. With replications every line is the mean over them inside a
// shaded 95% confidence band (Student t).
#include <string>
#include <utility>
#include <vector>

#include "store/interval_stats.hpp"

namespace ccsim::store {

struct html_tenant {
  std::string name;
  double service_level_target = 0.8;
  double service_level_threshold_s = 20;
  std::vector<std::string> agent_types;
  std::vector<interval_series> replications;  ///< one series per replication
  std::vector<std::pair<std::string, std::string>> summary;  ///< KPI label, value
};

struct html_report_input {
  std::string title;
  std::vector<std::pair<std::string, std::string>> facts;    ///< run id, scenario, seed, ...
  std::vector<std::pair<std::string, std::string>> overall;  ///< KPI label, value
  sim_duration start_of_day{0};
  std::vector<html_tenant> tenants;
};

std::string render_html_report(const html_report_input& in);

} // namespace ccsim::store
