#include "config/scenario_loader.hpp"

#include "tests/config/loader_test_support.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;

TEST_CASE("keys that are left out take their documented defaults", "[config]") {
  auto s = scenario_of(R"(duration = 3600
[tenants.acme.call_types.sales]
rate_per_hour = 60
talk = { dist = "exponential", mean = 180 }
[tenants.acme.agent_types.rep]
skills = ["sales"]
[[tenants.acme.agents]]
type = "rep"
count = 2
)");
  CHECK(s.name == "test");  // the stem of the source name
  CHECK(s.seed == 1);
  CHECK(s.start_of_day == 0s);
  CHECK(s.horizon == 1h);
  CHECK_FALSE(s.calls);
  CHECK(s.warmup == 0s);
  CHECK_FALSE(s.warmup_calls);
  REQUIRE(s.tenants.size() == 1);
  auto& t = s.tenants[0];
  CHECK(t.service_level_threshold == 20s);
  CHECK(t.service_level_target == 0.8);
  CHECK(t.idle == idle_policy::since_available);
  CHECK_FALSE(t.max_queue);
  CHECK_FALSE(t.has_conversion);
  CHECK(t.conversion == std::vector<std::vector<double>>{{0.0}});
  auto& c = t.call_types[0];
  CHECK(c.priority == 0);
  CHECK(c.wrap_up.kind == distribution_kind::fixed);
  CHECK(c.wrap_up.mean == 0);
  CHECK_FALSE(c.patience);
  CHECK_FALSE(c.max_queue);
  CHECK_FALSE(c.max_wait);
  CHECK_FALSE(t.agents[0].hours);
}

TEST_CASE("every key is read into the scenario", "[config]") {
  auto s = scenario_of(R"(name = "full"
seed = 99
start = "08:00"
duration = "10h"
calls = 5000
warmup_calls = 100
[tenants.acme]
service_level_seconds = "30s"
service_level_target = 0.9
idle_policy = "since_last_call"
max_queue = 40
[tenants.acme.call_types.sales]
priority = 2
rate_per_hour = 120.5
talk = { dist = "normal_clamped", mean = "3m", sd = 60, min = 10 }
wrap_up = { dist = "fixed", mean = "30s" }
patience = { dist = "lognormal", mean = 90, sd = 45 }
max_queue = 12
max_wait = "2m30s"
[tenants.acme.agent_types.rep]
skills = ["sales"]
[[tenants.acme.agents]]
type = "rep"
count = 7
)");
  CHECK(s.name == "full");
  CHECK(s.seed == 99);
  CHECK(s.start_of_day == 8h);
  CHECK(s.horizon == 10h);
  CHECK(s.calls == 5000u);
  CHECK(s.warmup_calls == 100u);
  auto& t = s.tenants[0];
  CHECK(t.service_level_threshold == 30s);
  CHECK(t.service_level_target == 0.9);
  CHECK(t.idle == idle_policy::since_last_call);
  CHECK(t.max_queue == 40u);
  auto& c = t.call_types[0];
  CHECK(c.priority == 2);
  REQUIRE(c.arrivals.segments.size() == 1);
  CHECK(c.arrivals.segments[0].calls_per_hour == 120.5);
  CHECK(c.talk.kind == distribution_kind::normal_clamped);
  CHECK(c.talk.mean == 180);
  CHECK(c.talk.sd == 60);
  CHECK(c.talk.min == 10);
  CHECK(c.wrap_up.mean == 30);
  REQUIRE(c.patience);
  CHECK(c.patience->kind == distribution_kind::lognormal);
  CHECK(c.patience->sd == 45);
  CHECK(c.max_queue == 12u);
  CHECK(c.max_wait == 150s);
  CHECK(t.agents[0].count == 7);
}

TEST_CASE("tenants, call types and agent types are indexed in file order, not key order", "[config]") {
  // toml++ iterates tables sorted by key; the file lists them z..a on purpose.
  auto s = scenario_of(R"(duration = "1h"
[tenants.zeta.call_types.zz]
rate_per_hour = 10
talk = { dist = "exponential", mean = 60 }
[tenants.zeta.call_types.aa]
rate_per_hour = 10
talk = { dist = "exponential", mean = 60 }
[tenants.zeta.agent_types.yy]
skills = ["aa", "zz"]
[tenants.zeta.agent_types.bb]
skills = ["zz"]
[[tenants.zeta.agents]]
type = "bb"
count = 1
[[tenants.zeta.agents]]
type = "yy"
count = 2

[tenants.alpha.call_types.only]
rate_per_hour = 10
talk = { dist = "exponential", mean = 60 }
[tenants.alpha.agent_types.any]
skills = ["only"]
[[tenants.alpha.agents]]
type = "any"
count = 1
)");
  REQUIRE(s.tenants.size() == 2);
  CHECK(s.tenants[0].name == "zeta");
  CHECK(s.tenants[1].name == "alpha");
  auto& z = s.tenants[0];
  CHECK(z.call_types[0].name == "zz");
  CHECK(z.call_types[1].name == "aa");
  CHECK(z.agent_types[0].name == "yy");
  CHECK(z.agent_types[1].name == "bb");
  // Skills are call-type indices, sorted whatever order the file lists them in.
  CHECK(z.agent_types[0].skills == std::vector<call_type_index>{0, 1});
  CHECK(z.agent_types[1].skills == std::vector<call_type_index>{0});
  CHECK(z.agents[0].type == 1);
  CHECK(z.agents[1].type == 0);
}

TEST_CASE("durations take seconds as numbers and units in text", "[config]") {
  auto s = scenario_of(R"(duration = 5400.5
warmup = "1h1m1s"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = "2.5s" }
wrap_up = { dist = "fixed", mean = 0 }
max_wait = "250ms"
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(s.horizon == 5400500ms);
  CHECK(s.warmup == 1h + 1min + 1s);
  CHECK(s.tenants[0].call_types[0].talk.mean == 2.5);
  CHECK(s.tenants[0].call_types[0].max_wait == 250ms);
}

TEST_CASE("clock times become offsets from the scenario start", "[config]") {
  auto s = scenario_of(R"(start = "07:00"
duration = "12h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
shift = { login = "07:30", logout = 15:30:00, breaks = [
  { start = "+3h", length = "30m", reason = "lunch" },
  { start = "13:00:30", length = 600 },
] }
)");
  CHECK(s.start_of_day == 7h);
  auto& hours = *s.tenants[0].agents[0].hours;
  CHECK(hours.login == 30min);
  CHECK(hours.logout == 8h + 30min);  // a TOML local time works too
  REQUIRE(hours.breaks.size() == 2);
  CHECK(hours.breaks[0].start == 3h);  // "+3h": an offset, not a clock time
  CHECK(hours.breaks[0].length == 30min);
  CHECK(hours.breaks[0].reason == "lunch");
  CHECK(hours.breaks[1].start == 6h + 30s);
  CHECK(hours.breaks[1].length == 10min);
  CHECK(hours.breaks[1].reason == "break");
}

TEST_CASE("a logout at 24:00 ends the shift at midnight", "[config]") {
  auto s = scenario_of(R"(start = "16:00"
duration = "8h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
shift = { login = "16:00", logout = "24:00" }
)");
  CHECK(s.tenants[0].agents[0].hours->logout == 8h);
}

TEST_CASE("a constant rate is one segment from t = 0 that lasts for ever", "[config]") {
  auto s = scenario_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 300
talk = { dist = "exponential", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  auto& p = s.tenants[0].call_types[0].arrivals;
  REQUIRE(p.segments.size() == 1);
  CHECK(p.segments[0].start == 0s);
  CHECK(p.segments[0].calls_per_hour == 300);
  CHECK_FALSE(p.period);
}

TEST_CASE("an interval profile starts at its start and stops after its last interval", "[config]") {
  auto s = scenario_of(R"(start = "06:00"
duration = "12h"
[tenants.a.call_types.c]
arrivals = { interval = "30m", start = "07:00", rates_per_hour = [10, 0, 30.5] }
talk = { dist = "exponential", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  auto& p = s.tenants[0].call_types[0].arrivals;
  CHECK_FALSE(p.period);
  REQUIRE(p.segments.size() == 4);
  CHECK(p.segments[0].start == 1h);
  CHECK(p.segments[0].calls_per_hour == 10);
  CHECK(p.segments[1].start == 90min);
  CHECK(p.segments[1].calls_per_hour == 0);
  CHECK(p.segments[2].start == 2h);
  CHECK(p.segments[2].calls_per_hour == 30.5);
  CHECK(p.segments[3].start == 150min);  // the end: no calls after the profile
  CHECK(p.segments[3].calls_per_hour == 0);
  CHECK(p.is_valid());
}

TEST_CASE("a daily profile repeats every 24 hours and starts with the scenario by default", "[config]") {
  auto s = scenario_of(R"(start = "08:00"
calls = 1000
[tenants.a.call_types.c]
arrivals = { interval = "1h", rates_per_hour = [5, 10], repeat_daily = true }
talk = { dist = "exponential", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  auto& p = s.tenants[0].call_types[0].arrivals;
  CHECK(p.period == 24h);
  REQUIRE(p.segments.size() == 3);
  CHECK(p.segments[0].start == 0h);
  CHECK(p.segments[1].start == 1h);
  CHECK(p.segments[2].start == 2h);
  CHECK(p.segments[2].calls_per_hour == 0);
  CHECK(p.is_valid());
}

TEST_CASE("a daily profile that fills the whole day needs no closing segment", "[config]") {
  auto s = scenario_of(R"(duration = "48h"
[tenants.a.call_types.c]
arrivals = { interval = "12h", rates_per_hour = [5, 10], repeat_daily = true }
talk = { dist = "exponential", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  auto& p = s.tenants[0].call_types[0].arrivals;
  REQUIRE(p.segments.size() == 2);
  CHECK(p.segments[1].start == 12h);
  CHECK(p.is_valid());
}

TEST_CASE("\"normal\" is the truncated normal and \"normal_clamped\" the clamp", "[config]") {
  auto s = scenario_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "normal", mean = 180, sd = 180 }
wrap_up = { dist = "normal_clamped", mean = 20, sd = 10, min = 5 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  auto& c = s.tenants[0].call_types[0];
  CHECK(c.talk.kind == distribution_kind::normal_truncated);
  CHECK(c.talk.min == 0);  // the default
  CHECK(c.wrap_up.kind == distribution_kind::normal_clamped);
  CHECK(c.wrap_up.min == 5);
}

TEST_CASE("the conversion matrix fills the skill cells and leaves the others 0", "[config]") {
  auto s = scenario_of(R"(duration = "1h"
[tenants.a.call_types.x]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.call_types.y]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.all]
skills = ["x", "y"]
[tenants.a.agent_types.only_y]
skills = ["y"]
[[tenants.a.agents]]
type = "all"
count = 1
[tenants.a.conversion]
only_y = { y = 0.1 }
all = { y = 0.2, x = 1 }
)");
  auto& t = s.tenants[0];
  CHECK(t.has_conversion);
  CHECK(t.conversion == std::vector<std::vector<double>>{{1.0, 0.2}, {0.0, 0.1}});
}

TEST_CASE("a loaded file is named after its stem and remembers its path", "[config]") {
  auto path = fixture("named_by_stem.toml");
  auto s = scenario_in(load_scenario(path));
  CHECK(s.name == "named_by_stem");
  CHECK(s.source_path == path.string());
}

TEST_CASE("a run by call count alone has no horizon", "[config]") {
  auto s = scenario_of(R"(calls = 10
warmup_calls = 0
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK_FALSE(s.horizon);
  CHECK(s.calls == 10u);
  CHECK(s.warmup_calls == 0u);
}

TEST_CASE("names that are not bare TOML keys are kept as written", "[config]") {
  auto s = scenario_of(R"(duration = "1h"
[tenants."acme corp".call_types."new sale"]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants."acme corp".agent_types.rep]
skills = ["new sale"]
[[tenants."acme corp".agents]]
type = "rep"
count = 1
)");
  CHECK(s.tenants[0].name == "acme corp");
  CHECK(s.tenants[0].call_types[0].name == "new sale");
}
