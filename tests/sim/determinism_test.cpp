// Same scenario and seed, same bytes: the JSON report does not depend on
// the run, the thread count or anything but the seed.
#include "sim/report_document.hpp"

#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "sim/runner.hpp"
#include "sim_support.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;

namespace json = boost::json;

namespace {

/// The report document as `ccsim run --json` writes it.
std::string report(const scenario& s, std::uint64_t seed, unsigned replications,
                   unsigned threads) {
  run_request req;
  req.seed = seed;
  req.replications = replications;
  req.threads = threads;
  run_status status{static_cast<std::size_t>(replications) * s.tenants.size()};
  auto out = run_scenario(s, req, status);
  REQUIRE_FALSE(out.interrupted);
  std::vector<json::object> reps;
  for (auto& r : out.replications) reps.push_back(report_to_json(r, s));
  return render_json(summarize_replications(reps));
}

/// multi_tenant, shortened to two hours so that many runs stay quick.
scenario short_multi_tenant() {
  auto s = shipped("multi_tenant");
  s.horizon = 2h;
  s.warmup = 15min;
  return s;
}

} // namespace

TEST_CASE("two runs with the same seed produce byte-identical JSON reports", "[sim]") {
  auto s = short_multi_tenant();
  auto first = report(s, 2024, 1, 1);
  auto second = report(s, 2024, 1, 1);
  CHECK(first.size() > 1000);
  CHECK(first == second);
}

TEST_CASE("a different seed produces a different report", "[sim]") {
  auto s = short_multi_tenant();
  auto a = report(s, 2024, 1, 1);
  auto b = report(s, 2025, 1, 1);
  CHECK(a != b);
  auto doc_a = json::parse(a).as_object();
  auto doc_b = json::parse(b).as_object();
  CHECK(doc_a.at("seed").to_number<std::uint64_t>() == 2024);
  CHECK(doc_b.at("seed").to_number<std::uint64_t>() == 2025);
  CHECK(doc_a.at("overall").at("offered") != doc_b.at("overall").at("offered"));
}

TEST_CASE("one thread and two threads produce the same report", "[sim]") {
  auto s = short_multi_tenant();
  auto one = report(s, 77, 3, 1);
  auto two = report(s, 77, 3, 2);
  CHECK(one == two);
}

TEST_CASE("several replications report a 95% interval for every measured KPI", "[sim]") {
  auto s = short_multi_tenant();
  auto doc = json::parse(report(s, 5, 3, 2)).as_object();
  CHECK(doc.at("replications").to_number<std::uint64_t>() == 3);
  REQUIRE(doc.at("seeds").as_array().size() == 3);
  CHECK(doc.at("seeds").as_array()[0].to_number<std::uint64_t>() == 5);

  auto has_intervals = [](const json::object& o) {
    auto* ci = o.if_contains("ci95");
    if (!ci || !ci->is_object()) return false;
    auto& c = ci->as_object();
    for (auto key : {"offered", "service_level", "asa", "abandon_rate", "occupancy"})
      if (o.contains(key) && !c.contains(key)) return false;
    for (auto& [key, half_width] : c)
      if (!half_width.is_number() || half_width.to_number<double>() < 0) return false;
    // Configuration is not a measurement: no interval for it.
    return !c.contains("service_level_threshold_s") && !c.contains("agents");
  };
  CHECK(has_intervals(doc.at("overall").as_object()));
  auto& tenants = doc.at("tenants").as_array();
  REQUIRE(tenants.size() == 3);
  for (auto& t : tenants) {
    auto& to = t.as_object();
    CAPTURE(json::serialize(to.at("name")));
    CHECK(has_intervals(to));
    for (auto& ct : to.at("call_types").as_array()) CHECK(has_intervals(ct.as_object()));
  }
  // Three different seeds: the offered count does vary between them.
  CHECK(doc.at("overall").at("ci95").at("offered").to_number<double>() > 0);
}

TEST_CASE("a single replication reports no intervals", "[sim]") {
  auto s = short_multi_tenant();
  auto doc = json::parse(report(s, 5, 1, 1)).as_object();
  CHECK_FALSE(doc.at("overall").as_object().contains("ci95"));
  CHECK_FALSE(doc.contains("seeds"));
  CHECK(doc.at("replications").to_number<std::uint64_t>() == 1);
}
