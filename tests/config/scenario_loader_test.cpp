#include "config/scenario_loader.hpp"

#include "tests/config/loader_test_support.hpp"
#include "tests/config/minimal_scenario.hpp"

using namespace ccsim;
using namespace ccsim::test;
using namespace std::chrono_literals;

TEST_CASE("keys that are left out take their documented defaults", "[config]") {
  auto s = scenario_of(minimal_scenario{}
                           .head("duration = 3600")
                           .names("acme", "sales", "rep")
                           .call_type("rate_per_hour = 60\n"
                                      "talk = { dist = \"exponential\", mean = 180 }")
                           .agents("type = \"rep\"\n"
                                   "count = 2")
                           .text());
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
  auto s = scenario_of(minimal_scenario{}
                           .head("name = \"full\"\n"
                                 "seed = 99\n"
                                 "start = \"08:00\"\n"
                                 "duration = \"10h\"\n"
                                 "calls = 5000\n"
                                 "warmup_calls = 100\n"
                                 "[tenants.acme]\n"
                                 "service_level_seconds = \"30s\"\n"
                                 "service_level_target = 0.9\n"
                                 "idle_policy = \"since_last_call\"\n"
                                 "max_queue = 40")
                           .names("acme", "sales", "rep")
                           .call_type("priority = 2\n"
                                      "rate_per_hour = 120.5\n"
                                      "talk = { dist = \"normal_clamped\", mean = \"3m\", sd = 60, min = 10 }\n"
                                      "wrap_up = { dist = \"fixed\", mean = \"30s\" }\n"
                                      "patience = { dist = \"lognormal\", mean = 90, sd = 45 }\n"
                                      "max_queue = 12\n"
                                      "max_wait = \"2m30s\"")
                           .agents("type = \"rep\"\n"
                                   "count = 7")
                           .text());
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
  auto s = scenario_of(minimal_scenario{}
                           .head("duration = 5400.5\n"
                                 "warmup = \"1h1m1s\"")
                           .call_type("rate_per_hour = 1\n"
                                      "talk = { dist = \"fixed\", mean = \"2.5s\" }\n"
                                      "wrap_up = { dist = \"fixed\", mean = 0 }\n"
                                      "max_wait = \"250ms\"")
                           .text());
  CHECK(s.horizon == 5400500ms);
  CHECK(s.warmup == 1h + 1min + 1s);
  CHECK(s.tenants[0].call_types[0].talk.mean == 2.5);
  CHECK(s.tenants[0].call_types[0].max_wait == 250ms);
}

TEST_CASE("clock times become offsets from the scenario start", "[config]") {
  auto s = scenario_of(minimal_scenario{}
                           .head("start = \"07:00\"\n"
                                 "duration = \"12h\"")
                           .tail("shift = { login = \"07:30\", logout = 15:30:00, breaks = [\n"
                                 "  { start = \"+3h\", length = \"30m\", reason = \"lunch\" },\n"
                                 "  { start = \"13:00:30\", length = 600 },\n"
                                 "] }")
                           .text());
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
  auto s = scenario_of(minimal_scenario{}
                           .head("start = \"16:00\"\n"
                                 "duration = \"8h\"")
                           .tail("shift = { login = \"16:00\", logout = \"24:00\" }")
                           .text());
  CHECK(s.tenants[0].agents[0].hours->logout == 8h);
}

TEST_CASE("a constant rate is one segment from t = 0 that lasts for ever", "[config]") {
  auto s = scenario_of(minimal_scenario{}
                           .call_type("rate_per_hour = 300\n"
                                      "talk = { dist = \"exponential\", mean = 1 }")
                           .text());
  auto& p = s.tenants[0].call_types[0].arrivals;
  REQUIRE(p.segments.size() == 1);
  CHECK(p.segments[0].start == 0s);
  CHECK(p.segments[0].calls_per_hour == 300);
  CHECK_FALSE(p.period);
}

TEST_CASE("an interval profile starts at its start and stops after its last interval", "[config]") {
  auto s = scenario_of(minimal_scenario{}
                           .head("start = \"06:00\"\n"
                                 "duration = \"12h\"")
                           .call_type("arrivals = { interval = \"30m\", start = \"07:00\", rates_per_hour = [10, 0, 30.5] }\n"
                                      "talk = { dist = \"exponential\", mean = 1 }")
                           .text());
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
  auto s = scenario_of(minimal_scenario{}
                           .head("start = \"08:00\"\n"
                                 "calls = 1000")
                           .call_type("arrivals = { interval = \"1h\", rates_per_hour = [5, 10], repeat_daily = true }\n"
                                      "talk = { dist = \"exponential\", mean = 1 }")
                           .text());
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
  auto s = scenario_of(minimal_scenario{}
                           .head("duration = \"48h\"")
                           .call_type("arrivals = { interval = \"12h\", rates_per_hour = [5, 10], repeat_daily = true }\n"
                                      "talk = { dist = \"exponential\", mean = 1 }")
                           .text());
  auto& p = s.tenants[0].call_types[0].arrivals;
  REQUIRE(p.segments.size() == 2);
  CHECK(p.segments[1].start == 12h);
  CHECK(p.is_valid());
}

TEST_CASE("\"normal\" is the truncated normal and \"normal_clamped\" the clamp", "[config]") {
  auto s = scenario_of(minimal_scenario{}
                           .call_type("rate_per_hour = 1\n"
                                      "talk = { dist = \"normal\", mean = 180, sd = 180 }\n"
                                      "wrap_up = { dist = \"normal_clamped\", mean = 20, sd = 10, min = 5 }")
                           .text());
  auto& c = s.tenants[0].call_types[0];
  CHECK(c.talk.kind == distribution_kind::normal_truncated);
  CHECK(c.talk.min == 0);  // the default
  CHECK(c.wrap_up.kind == distribution_kind::normal_clamped);
  CHECK(c.wrap_up.min == 5);
}

TEST_CASE("the conversion matrix fills the skill cells and leaves the others 0", "[config]") {
  auto s = scenario_of(minimal_scenario{}
                           .names("a", "x", "all")
                           .extra_call_type("y")
                           .agent_type("skills = [\"x\", \"y\"]")
                           .extra_agent_type("only_y", "skills = [\"y\"]")
                           .tail("[tenants.a.conversion]\n"
                                 "only_y = { y = 0.1 }\n"
                                 "all = { y = 0.2, x = 1 }")
                           .text());
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
  auto s = scenario_of(minimal_scenario{}
                           .head("calls = 10\n"
                                 "warmup_calls = 0")
                           .text());
  CHECK_FALSE(s.horizon);
  CHECK(s.calls == 10u);
  CHECK(s.warmup_calls == 0u);
}

TEST_CASE("names that are not bare TOML keys are kept as written", "[config]") {
  auto s = scenario_of(minimal_scenario{}
                           .names("\"acme corp\"", "\"new sale\"", "rep")
                           .agent_type("skills = [\"new sale\"]")
                           .text());
  CHECK(s.tenants[0].name == "acme corp");
  CHECK(s.tenants[0].call_types[0].name == "new sale");
}
