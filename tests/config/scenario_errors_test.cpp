// Every kind of bad input, each checked for WHERE (line, and column when it
// matters), WHICH KEY and WHAT the message says, not just "it failed".
#include "config/scenario_loader.hpp"

#include "tests/config/loader_test_support.hpp"

using namespace ccsim;
using namespace ccsim::test;
using Catch::Contains;

TEST_CASE("a TOML syntax error is reported at its line and column", "[config]") {
  auto errors = errors_in(load_scenario(fixture("syntax_error.toml")));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 5);
  CHECK(errors[0].column > 0);
  CHECK(errors[0].key.empty());
  CHECK_THAT(errors[0].message, Contains("TOML syntax error"));
  CHECK_THAT(errors[0].file, Contains("syntax_error.toml"));
}

TEST_CASE("a negative arrival rate is reported at its line and key", "[config]") {
  auto errors = errors_in(load_scenario(fixture("negative_rate.toml")));
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().line == 14);
  CHECK(errors.front().column == 17);
  CHECK(errors.front().key == "tenants.acme.call_types.sales.rate_per_hour");
  CHECK(errors.front().message == "must be > 0, got -3");
}

TEST_CASE("a zero arrival rate is rejected", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 0.0
talk = { dist = "exponential", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 3);
  CHECK(e.key == "tenants.a.call_types.c.rate_per_hour");
  CHECK(e.message == "must be > 0, got 0.0");
}

TEST_CASE("an unknown top-level key is reported with a did-you-mean suggestion", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
seeed = 4
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "exponential", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 2);
  CHECK(e.column == 1);
  CHECK(e.key == "seeed");
  CHECK(e.message == "unknown key \"seeed\"; did you mean \"seed\"?");
}

TEST_CASE("unknown keys are reported at every level of the file", "[config]") {
  struct level {
    std::uint32_t line;  // of the misspelt key
    const char* key;
    const char* suggestion;
  };
  const std::string tail = R"(
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)";
  const std::string call = R"(
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "exponential", mean = 1 }
)";
  std::vector<std::pair<std::string, level>> cases = {
      {"duration = \"1h\"\n[tenants.a]\nservice_level_secs = 20" + call + tail,
       {3, "tenants.a.service_level_secs", "service_level_seconds"}},
      {"duration = \"1h\"\n[tenants.a.call_types.c]\nrate_per_hr = 1\ntalk = { dist = \"fixed\", mean = 1 }" + tail,
       {3, "tenants.a.call_types.c.rate_per_hr", "rate_per_hour"}},
      {"duration = \"1h\"\n[tenants.a.call_types.c]\narrivals = { intervall = \"1h\", rates_per_hour = [1] }\n"
       "talk = { dist = \"fixed\", mean = 1 }" + tail,
       {3, "tenants.a.call_types.c.arrivals.intervall", "interval"}},
      {"duration = \"1h\"\n[tenants.a.call_types.c]\ntalk = { dist = \"fixed\", maen = 1, mean = 1 }\n"
       "rate_per_hour = 1" + tail,
       {3, "tenants.a.call_types.c.talk.maen", "mean"}},
      {"duration = \"1h\"" + call + "[tenants.a.agent_types.t]\nskils = [\"c\"]\nskills = [\"c\"]\n"
       "[[tenants.a.agents]]\ntype = \"t\"\ncount = 1\n",
       {6, "tenants.a.agent_types.t.skils", "skills"}},
      {"duration = \"1h\"\n[[tenants.a.agents]]\ntype = \"t\"\ncounts = 1\ncount = 1" + call +
           "[tenants.a.agent_types.t]\nskills = [\"c\"]\n",
       {4, "tenants.a.agents[0].counts", "count"}},
      {"duration = \"1h\"\n[[tenants.a.agents]]\nshift = { login = \"08:00\", logout = \"09:00\", brakes = [] }\n"
       "type = \"t\"\ncount = 1" + call + "[tenants.a.agent_types.t]\nskills = [\"c\"]\n",
       {3, "tenants.a.agents[0].shift.brakes", "breaks"}},
      {"duration = \"1h\"\n[[tenants.a.agents]]\nshift = { login = \"08:00\", logout = \"09:00\", breaks = "
       "[{ start = \"08:10\", lenght = \"5m\", length = \"5m\" }] }\ntype = \"t\"\ncount = 1" + call +
           "[tenants.a.agent_types.t]\nskills = [\"c\"]\n",
       {3, "tenants.a.agents[0].shift.breaks[0].lenght", "length"}},
  };
  for (auto& [text, want] : cases) {
    CAPTURE(text);
    auto e = only_error_of(text);
    CHECK(e.line == want.line);
    CHECK(e.key == want.key);
    CHECK_THAT(e.message, Contains(std::string{"did you mean \""} + want.suggestion + "\"?"));
  }
}

TEST_CASE("an unknown key with no close match lists the keys allowed there", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
[tenants.a.agent_types.t]
skills = ["c"]
colour = "red"
)");
  auto it = std::find_if(errors.begin(), errors.end(), [](auto& e) { return e.line == 4; });
  REQUIRE(it != errors.end());
  CHECK(it->key == "tenants.a.agent_types.t.colour");
  CHECK(it->message == "unknown key \"colour\"; expected one of: skills");
}

TEST_CASE("a value of the wrong type names the expected and the found type", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
seed = "forty-two"
[tenants.a.call_types.c]
rate_per_hour = "fast"
talk = { dist = "fixed", mean = true }
[tenants.a.agent_types.t]
skills = "c"
[[tenants.a.agents]]
type = "t"
count = 1
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].line == 2);
  CHECK(errors[0].key == "seed");
  CHECK(errors[0].message == "expected an integer, got string \"forty-two\"");
  CHECK(errors[1].line == 4);
  CHECK(errors[1].key == "tenants.a.call_types.c.rate_per_hour");
  CHECK(errors[1].message == "expected a number, got string \"fast\"");
  CHECK(errors[2].line == 5);
  CHECK(errors[2].key == "tenants.a.call_types.c.talk.mean");
  CHECK_THAT(errors[2].message, Contains("expected a duration") && Contains("got boolean true"));
  CHECK(errors[3].line == 7);
  CHECK(errors[3].key == "tenants.a.agent_types.t.skills");
  CHECK(errors[3].message == "expected an array, got string \"c\"");
}

TEST_CASE("a negative rate in a profile is reported with its element index", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
talk = { dist = "fixed", mean = 1 }
arrivals = { interval = "15m", rates_per_hour = [10, 20, -5] }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 4);
  CHECK(e.column == 58);
  CHECK(e.key == "tenants.a.call_types.c.arrivals.rates_per_hour[2]");
  CHECK(e.message == "must be >= 0, got -5");
}

TEST_CASE("a profile whose rates are all zero is rejected", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
talk = { dist = "fixed", mean = 1 }
arrivals = { interval = "15m", rates_per_hour = [0, 0] }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 4);
  CHECK(e.key == "tenants.a.call_types.c.arrivals.rates_per_hour");
  CHECK_THAT(e.message, Contains("all rates are 0"));
}

TEST_CASE("a profile needs a positive interval and at least one rate", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
[tenants.a.call_types.c]
talk = { dist = "fixed", mean = 1 }
arrivals = { interval = 0, rates_per_hour = [] }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].key == "tenants.a.call_types.c.arrivals.interval");
  CHECK(errors[0].message == "must be > 0, got 0");
  CHECK(errors[1].key == "tenants.a.call_types.c.arrivals.rates_per_hour");
  CHECK(errors[1].message == "must list at least one rate");
}

TEST_CASE("a daily profile longer than a day is rejected", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
talk = { dist = "fixed", mean = 1 }
arrivals = { interval = "10h", start = "+5h", rates_per_hour = [1, 2], repeat_daily = true }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 4);
  CHECK(e.key == "tenants.a.call_types.c.arrivals.rates_per_hour");
  CHECK_THAT(e.message, Contains("must fit in one day"));
}

TEST_CASE("both rate forms in one call type are rejected at the later one", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 10
talk = { dist = "fixed", mean = 1 }
arrivals = { interval = "1h", rates_per_hour = [1] }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 5);
  CHECK(e.key == "tenants.a.call_types.c.arrivals");
  CHECK_THAT(e.message, Contains("either rate_per_hour") && Contains("not both"));
}

TEST_CASE("a missing required key is reported at the enclosing table", "[config]") {
  auto errors = errors_of(R"(duration = "1h"

[tenants.a.call_types.c]
priority = 1

[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].line == 3);  // the [tenants.a.call_types.c] header
  CHECK(errors[0].key == "tenants.a.call_types.c.rate_per_hour");
  CHECK_THAT(errors[0].message, Contains("missing required key \"rate_per_hour\""));
  CHECK(errors[1].line == 3);
  CHECK(errors[1].key == "tenants.a.call_types.c.talk");
  CHECK_THAT(errors[1].message, Contains("missing required key \"talk\""));
  CHECK(errors[2].line == 8);  // the [[tenants.a.agents]] header
  CHECK(errors[2].key == "tenants.a.agents[0].count");
  CHECK(errors[2].message == "missing required key \"count\"");
}

TEST_CASE("a run needs a duration or a call count", "[config]") {
  auto e = only_error_of(R"(seed = 3
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 1);
  CHECK(e.key == "duration");
  CHECK_THAT(e.message, Contains("missing required key \"duration\"") && Contains("calls"));
}

TEST_CASE("bad duration strings say what is wrong with them", "[config]") {
  struct bad {
    const char* value;
    const char* message;
  };
  const bad cases[] = {
      {"\"15mins\"", "unknown unit \"mins\""},
      {"\"soon\"", "\"soon\" is not a duration"},
      {"\"90\"", "missing unit after 90"},
      {"\"30m1h\"", "out of order"},
      {"\"-5s\"", "cannot be negative"},
      {"\"08:00\"", "is a clock time"},
      {"\"+1h\"", "is an offset"},
      {"08:00:00", "expected a duration"},
      {"1e30", "is too long"},
  };
  for (auto& c : cases) {
    CAPTURE(c.value);
    auto e = only_error_of(std::string{"duration = "} + c.value + R"(
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
    CHECK(e.line == 1);
    CHECK(e.column == 12);
    CHECK(e.key == "duration");
    CHECK_THAT(e.message, Contains(c.message));
  }
}

TEST_CASE("a zero or negative duration is rejected", "[config]") {
  auto errors = errors_of(R"(duration = 0
warmup = -5
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].key == "duration");
  CHECK(errors[0].message == "must be > 0, got 0");
  CHECK(errors[1].key == "warmup");
  CHECK(errors[1].message == "must be >= 0, got -5");
}

TEST_CASE("bad clock times and time points are explained", "[config]") {
  struct bad {
    const char* login;
    const char* message;
  };
  const bad cases[] = {
      {"\"07:00\"", "clock time 07:00 is before the scenario start 08:00"},
      {"\"25:00\"", "hours go from 00 to 23"},
      {"\"8h\"", "is a duration; this key takes a clock time"},
      {"\"+8x\"", "bad offset: unknown unit \"x\""},
      {"\"noon\"", "not a clock time"},
      {"28800", "expected a clock time"},
  };
  for (auto& c : cases) {
    CAPTURE(c.login);
    auto e = only_error_of(std::string{R"(start = "08:00"
duration = "8h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
shift = { logout = "16:00", login = )"} + c.login + " }\n");
    CHECK(e.line == 11);
    CHECK(e.column == 37);
    CHECK(e.key == "tenants.a.agents[0].shift.login");
    CHECK_THAT(e.message, Contains(c.message));
  }
}

TEST_CASE("the scenario start must be a time of day", "[config]") {
  auto e = only_error_of(R"(start = "24:00"
duration = "8h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 1);
  CHECK(e.key == "start");
  CHECK_THAT(e.message, Contains("before 24:00"));
}

TEST_CASE("warmup and warmup_calls together are rejected at the later one", "[config]") {
  auto e = only_error_of(R"(duration = "8h"
warmup = "30m"
warmup_calls = 100
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 3);
  CHECK(e.key == "warmup_calls");
  CHECK_THAT(e.message, Contains("not both"));
}

TEST_CASE("a warmup that is not shorter than the duration is rejected", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
warmup = "60m"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 2);
  CHECK(e.key == "warmup");
  CHECK(e.message == "must be shorter than duration (1h), got \"60m\"");
}

TEST_CASE("counts must be positive integers", "[config]") {
  struct bad {
    const char* count;
    const char* message;
  };
  const bad cases[] = {
      {"0", "must be > 0, got 0"},
      {"-2", "must be > 0, got -2"},
      {"2.5", "expected an integer, got float 2.5"},
      {"10.0", "expected an integer, got float 10.0"},
      {"5000000", "must be at most 100000, got 5000000"},
      {"\"3\"", "expected an integer, got string \"3\""},
  };
  for (auto& c : cases) {
    CAPTURE(c.count);
    auto e = only_error_of(std::string{R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = )"} + c.count + "\n");
    CHECK(e.line == 9);
    CHECK(e.key == "tenants.a.agents[0].count");
    CHECK(e.message == c.message);
  }
}

TEST_CASE("calls, seed and queue limits are checked against their bounds", "[config]") {
  auto errors = errors_of(R"(calls = 0
seed = -1
[tenants.a]
max_queue = 0
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
max_queue = -4
max_wait = "0s"
priority = 5000
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 6);
  CHECK((errors[0].key == "calls" && errors[0].message == "must be > 0, got 0"));
  CHECK((errors[1].key == "seed" && errors[1].message == "must be >= 0, got -1"));
  CHECK((errors[2].key == "tenants.a.max_queue" && errors[2].line == 4));
  CHECK((errors[3].key == "tenants.a.call_types.c.max_queue" && errors[3].message == "must be > 0, got -4"));
  CHECK((errors[4].key == "tenants.a.call_types.c.max_wait" && errors[4].message == "must be > 0, got \"0s\""));
  CHECK((errors[5].key == "tenants.a.call_types.c.priority" && errors[5].line == 10));
}

TEST_CASE("a service-level target outside (0, 1] is rejected", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
[tenants.a]
service_level_target = 80
service_level_seconds = -20
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].key == "tenants.a.service_level_target");
  CHECK(errors[0].message == "must be a share in (0, 1], such as 0.8, got 80");
  CHECK(errors[1].line == 4);
  CHECK(errors[1].message == "must be > 0, got -20");
}

TEST_CASE("an unknown idle policy is reported with a suggestion", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a]
idle_policy = "since_last"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 3);
  CHECK(e.key == "tenants.a.idle_policy");
  CHECK(e.message == "unknown idle policy \"since_last\"; did you mean \"since_last_call\"?");
}

TEST_CASE("an unknown distribution is reported with a suggestion", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "exponentail", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 4);
  CHECK(e.key == "tenants.a.call_types.c.talk.dist");
  CHECK(e.message == "unknown distribution \"exponentail\"; did you mean \"exponential\"?");
}

TEST_CASE("a distribution must be a table", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = 180
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 4);
  CHECK(e.key == "tenants.a.call_types.c.talk");
  CHECK_THAT(e.message, Contains("expected a table such as { dist = \"exponential\", mean = 180 }, got integer 180"));
}

TEST_CASE("distribution parameters are required or refused by kind, and bounded", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "normal", mean = 180 }
wrap_up = { dist = "exponential", mean = 30, sd = 3, min = 1 }
patience = { dist = "lognormal", mean = 0, sd = 0 }
[tenants.a.call_types.d]
rate_per_hour = 1
talk = { dist = "normal", mean = 100, sd = 10, min = 170 }
wrap_up = { dist = "fixed", mean = -1 }
[tenants.a.agent_types.t]
skills = ["c", "d"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 7);
  CHECK((errors[0].line == 4 && errors[0].key == "tenants.a.call_types.c.talk.sd"));
  CHECK_THAT(errors[0].message, Contains("missing required key \"sd\""));
  CHECK((errors[1].line == 5 && errors[1].key == "tenants.a.call_types.c.wrap_up.sd"));
  CHECK(errors[1].message == "is not used by the exponential distribution; remove it");
  CHECK((errors[2].line == 5 && errors[2].key == "tenants.a.call_types.c.wrap_up.min"));
  CHECK((errors[3].line == 6 && errors[3].key == "tenants.a.call_types.c.patience.mean"));
  CHECK(errors[3].message == "must be > 0, got 0");
  CHECK((errors[4].line == 6 && errors[4].key == "tenants.a.call_types.c.patience.sd"));
  CHECK(errors[4].message == "must be > 0, got 0");
  CHECK((errors[5].line == 9 && errors[5].key == "tenants.a.call_types.d.talk.min"));
  CHECK(errors[5].message == "must be at most mean + 6 sd (2m40s) for a truncated normal, got 170");
  CHECK((errors[6].line == 10 && errors[6].key == "tenants.a.call_types.d.wrap_up.mean"));
  CHECK(errors[6].message == "must be >= 0, got -1");
}

TEST_CASE("a conversion probability outside [0, 1] is rejected", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
[tenants.a.conversion]
t = { c = 1.5 }
)");
  CHECK(e.line == 11);
  CHECK(e.column == 11);
  CHECK(e.key == "tenants.a.conversion.t.c");
  CHECK(e.message == "must be a probability between 0 and 1, got 1.5");
}

TEST_CASE("a conversion matrix missing a cell names the cell", "[config]") {
  auto errors = errors_in(load_scenario(fixture("conversion_missing_cell.toml")));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 27);
  CHECK(errors[0].key == "tenants.acme.conversion.senior.support");
  CHECK_THAT(errors[0].message, Contains("missing cell") && Contains("\"support\""));
}

TEST_CASE("a conversion matrix missing a row names the agent type", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[tenants.a.agent_types.u]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
[tenants.a.conversion]
t = { c = 0.5 }
)");
  CHECK(e.line == 12);
  CHECK(e.key == "tenants.a.conversion.u");
  CHECK_THAT(e.message, Contains("missing row for agent type \"u\"") && Contains("(c)"));
}

TEST_CASE("a conversion cell for a call type the agent type does not take is rejected", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.call_types.d]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c", "d"]
[tenants.a.agent_types.u]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
[tenants.a.conversion]
t = { c = 0.5, d = 0.1 }
u = { c = 0.5, d = 0.2 }
)");
  CHECK(e.line == 17);
  CHECK(e.column == 16);
  CHECK(e.key == "tenants.a.conversion.u.d");
  CHECK_THAT(e.message, Contains("has no skill \"d\""));
}

TEST_CASE("unknown agent and call types in the conversion matrix are reported", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
[tenants.a.call_types.sales]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.rep]
skills = ["sales"]
[[tenants.a.agents]]
type = "rep"
count = 1
[tenants.a.conversion]
rep = { sales = 0.5, saels = 0.1 }
repp = { sales = 0.5 }
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK((errors[0].line == 11 && errors[0].key == "tenants.a.conversion.rep.saels"));
  CHECK(errors[0].message == "unknown call type \"saels\"; did you mean \"sales\"?");
  CHECK((errors[1].line == 12 && errors[1].key == "tenants.a.conversion.repp"));
  CHECK(errors[1].message == "unknown agent type \"repp\"; did you mean \"rep\"?");
}

TEST_CASE("an agent group naming an unknown agent type is reported with a suggestion", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.senior]
skills = ["c"]
[[tenants.a.agents]]
type = "senoir"
count = 1
)");
  // Only the typo: the call type it leaves unstaffed is not a second error.
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 8);
  CHECK(errors[0].key == "tenants.a.agents[0].type");
  CHECK(errors[0].message == "unknown agent type \"senoir\"; did you mean \"senior\"?");
}

TEST_CASE("a skill naming an unknown call type is reported with a suggestion", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.sales]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.rep]
skills = ["slaes"]
[[tenants.a.agents]]
type = "rep"
count = 1
)");
  CHECK(e.line == 6);
  CHECK(e.column == 11);
  CHECK(e.key == "tenants.a.agent_types.rep.skills[0]");
  CHECK(e.message == "unknown call type \"slaes\"; did you mean \"sales\"?");
}

TEST_CASE("a skill listed twice is reported at the second mention", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.sales]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.rep]
skills = ["sales", "sales"]
[[tenants.a.agents]]
type = "rep"
count = 1
)");
  CHECK(e.line == 6);
  CHECK(e.column == 20);
  CHECK(e.key == "tenants.a.agent_types.rep.skills[1]");
  CHECK(e.message == "skill \"sales\" is listed twice");
}

TEST_CASE("an empty skill list is rejected", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[tenants.a.agent_types.idle]
skills = []
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 8);
  CHECK(e.key == "tenants.a.agent_types.idle.skills");
  CHECK(e.message == "must name at least one call type");
}

TEST_CASE("a shift that does not end after it starts is rejected", "[config]") {
  auto e = only_error_of(R"(duration = "24h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
shift = { login = "16:00", logout = "08:00" }
)");
  CHECK(e.line == 10);
  CHECK(e.column == 37);
  CHECK(e.key == "tenants.a.agents[0].shift.logout");
  CHECK(e.message == "must be after login at 16:00, got \"08:00\"");
}

TEST_CASE("a break outside the shift is rejected", "[config]") {
  auto errors = errors_in(load_scenario(fixture("break_outside_shift.toml")));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 19);
  CHECK(errors[0].key == "tenants.acme.agents[0].shift.breaks[0].length");
  CHECK(errors[0].message == "break ends at 16:15, after logout at 16:00");

  auto e = only_error_of(R"(duration = "24h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
shift = { login = "08:00", logout = "16:00", breaks = [{ start = "07:45", length = "30m" }] }
)");
  CHECK(e.line == 10);
  CHECK(e.key == "tenants.a.agents[0].shift.breaks[0].start");
  CHECK(e.message == "break starts at 07:45, before login at 08:00");
}

TEST_CASE("breaks out of time order or overlapping are rejected", "[config]") {
  auto errors = errors_of(R"(duration = "24h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
[tenants.a.agents.shift]
login = "08:00"
logout = "16:00"
breaks = [
  { start = "12:00", length = "30m" },
  { start = "12:15", length = "15m" },
  { start = "10:00", length = "15m" },
]
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 15);
  CHECK(errors[0].key == "tenants.a.agents[0].shift.breaks[1].start");
  CHECK(errors[0].message == "break at 12:15 overlaps the previous break, 12:00-12:30");
  CHECK(errors[1].line == 16);
  CHECK(errors[1].key == "tenants.a.agents[0].shift.breaks[2].start");
  CHECK_THAT(errors[1].message, Contains("comes before the previous break at 12:00"));
}

TEST_CASE("a call type that no staffed agent type can take is reported", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.call_types.orphan]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.call_types.understaffed]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[tenants.a.agent_types.nobody]
skills = ["understaffed"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 5);
  CHECK(errors[0].key == "tenants.a.call_types.orphan");
  CHECK_THAT(errors[0].message, Contains("no agent can take calls of type \"orphan\"") &&
                                    Contains("no agent type has this skill"));
  CHECK(errors[1].line == 8);
  CHECK(errors[1].key == "tenants.a.call_types.understaffed");
  CHECK_THAT(errors[1].message, Contains("(nobody) have no agents"));
}

TEST_CASE("a tenant without call types, agent types or agents is reported", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
[tenants.empty]
service_level_seconds = 20
[tenants.hollow.call_types]
[tenants.hollow.agent_types]
[tenants.hollow]
agents = []
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 6);
  CHECK((errors[0].line == 2 && errors[0].key == "tenants.empty.call_types"));
  CHECK_THAT(errors[0].message, Contains("at least one"));
  CHECK((errors[1].line == 2 && errors[1].key == "tenants.empty.agent_types"));
  CHECK((errors[2].line == 2 && errors[2].key == "tenants.empty.agents"));
  CHECK_THAT(errors[2].message, Contains("[[tenants.empty.agents]]"));
  CHECK((errors[3].line == 4 && errors[3].key == "tenants.hollow.call_types"));
  CHECK((errors[4].line == 5 && errors[4].key == "tenants.hollow.agent_types"));
  CHECK((errors[5].line == 7 && errors[5].key == "tenants.hollow.agents"));
  CHECK(errors[5].message == "a tenant needs at least one agent group");
}

TEST_CASE("a scenario without tenants is reported", "[config]") {
  auto e = only_error_of("duration = \"1h\"\n[tenants]\n");
  CHECK(e.line == 2);
  CHECK(e.key == "tenants");
  CHECK(e.message == "a scenario needs at least one tenant");
}

TEST_CASE("agents given as a single table instead of an array of tables are reported", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants.a.call_types.c]
rate_per_hour = 1
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[tenants.a.agents]
type = "t"
count = 1
)");
  CHECK(e.line == 7);
  CHECK(e.key == "tenants.a.agents");
  CHECK_THAT(e.message, Contains("expected an array of tables ([[tenants.a.agents]]), got a table"));
}

TEST_CASE("a run by call count alone needs arrivals that never stop", "[config]") {
  auto e = only_error_of(R"(calls = 1000
[tenants.a.call_types.c]
arrivals = { interval = "1h", rates_per_hour = [10, 20] }
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 2);
  CHECK(e.key == "tenants.a");
  CHECK_THAT(e.message, Contains("repeat_daily = true"));
}

TEST_CASE("a run by call count alone needs agents who stay or callers who can leave", "[config]") {
  auto e = only_error_of(R"(calls = 1000
[tenants.a.call_types.c]
rate_per_hour = 10
talk = { dist = "fixed", mean = 1 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
shift = { login = "08:00", logout = "16:00" }
)");
  CHECK(e.line == 2);
  CHECK(e.key == "tenants.a.call_types.c");
  CHECK_THAT(e.message, Contains("every agent group that takes \"c\" has a shift"));

  // With patience, waiting callers eventually leave: the run can end.
  CHECK(std::holds_alternative<scenario>(parse_scenario(R"(calls = 1000
[tenants.a.call_types.c]
rate_per_hour = 10
talk = { dist = "fixed", mean = 1 }
patience = { dist = "exponential", mean = 60 }
[tenants.a.agent_types.t]
skills = ["c"]
[[tenants.a.agents]]
type = "t"
count = 1
shift = { login = "08:00", logout = "16:00" }
)", "ok.toml")));
}

TEST_CASE("names that are not bare keys are quoted in key paths", "[config]") {
  auto e = only_error_of(R"(duration = "1h"
[tenants."acme corp".call_types.c]
rate_per_hour = -1
talk = { dist = "fixed", mean = 1 }
[tenants."acme corp".agent_types.t]
skills = ["c"]
[[tenants."acme corp".agents]]
type = "t"
count = 1
)");
  CHECK(e.line == 3);
  CHECK(e.key == "tenants.\"acme corp\".call_types.c.rate_per_hour");
}

TEST_CASE("all problems in a file are reported together, in file order", "[config]") {
  auto errors = errors_of(R"(duration = "1h"
seeed = 1
[tenants.a.call_types.c]
rate_per_hour = -1
talk = { dist = "fixed", mean = -1 }
[tenants.a.agent_types.t]
skills = ["c", "x"]
[[tenants.a.agents]]
type = "t"
count = 0
)");
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 5);
  std::vector<std::uint32_t> lines;
  for (auto& e : errors) lines.push_back(e.line);
  CHECK(lines == std::vector<std::uint32_t>{2, 4, 5, 7, 10});
}

TEST_CASE("a missing file is one error at line 0 naming the path and the reason", "[config]") {
  auto path = fixture("does_not_exist.toml");
  auto errors = errors_in(load_scenario(path));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 0);
  CHECK(errors[0].column == 0);
  CHECK(errors[0].file == path.string());
  CHECK_THAT(errors[0].message, Contains(path.string()) && Contains("No such file or directory"));
}

TEST_CASE("a directory is not taken for a scenario file", "[config]") {
  auto errors = errors_in(load_scenario(source_dir() / "tests"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 0);
  CHECK_THAT(errors[0].message, Contains("is a directory"));
}

TEST_CASE("errors print as file:line:column: key: message", "[config]") {
  CHECK(to_string(config_error{"a.toml", 14, 17, "tenants.acme.call_types.sales.rate_per_hour",
                               "must be > 0, got -3"}) ==
        "a.toml:14:17: tenants.acme.call_types.sales.rate_per_hour: must be > 0, got -3");
  CHECK(to_string(config_error{"a.toml", 0, 0, "", "cannot open"}) == "a.toml: cannot open");
  CHECK(to_string(config_error{"a.toml", 3, 1, "", "TOML syntax error"}) == "a.toml:3:1: TOML syntax error");
}
