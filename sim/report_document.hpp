#pragma once
// The report as a JSON document: the single source for `--json FILE`, the
// text table and (later) the copy rebuilt from the database. The text table
// is rendered from the document, so the two can never disagree.
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "domain/report.hpp"
#include "domain/scenario.hpp"

namespace ccsim {

/// Schema identifier written into every document; bump on breaking changes.
inline constexpr const char* report_schema = "ccsim.report/1";

/// One replication's report (schema in docs/report.md).
boost::json::object report_to_json(const run_report& r, const scenario& s);

/// Several replications: every numeric KPI becomes the mean over them, and
/// each object gains "ci95" with the half-width of its 95% confidence
/// interval (Student t, n - 1 degrees of freedom). One replication: as is,
/// without "ci95".
boost::json::object summarize_replications(const std::vector<boost::json::object>& reps);

/// Deterministic, pretty-printed JSON: fixed key order, doubles with up to
/// 10 significant digits. Same document, same bytes.
std::string render_json(const boost::json::value& doc);

/// The human-readable report.
std::string render_text(const boost::json::object& doc);

} // namespace ccsim
