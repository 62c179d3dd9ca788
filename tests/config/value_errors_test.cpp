// Bad input, part 2: values out of their bounds. Rates, durations, clock
// times, counts, shares, policies and distribution parameters. Each case
// checks the line, the key path and the message.
#include "config/scenario_loader.hpp"

#include "tests/config/loader_test_support.hpp"
#include "tests/config/minimal_scenario.hpp"

using namespace ccsim;
using namespace ccsim::test;
using Catch::Contains;

TEST_CASE("a negative arrival rate is reported at its line and key", "[config]") {
  auto errors = errors_in(load_scenario(fixture("negative_rate.toml")));
  REQUIRE(errors.size() == 1);
  CHECK(errors.front().line == 14);
  CHECK(errors.front().column == 17);
  CHECK(errors.front().key == "tenants.acme.call_types.sales.rate_per_hour");
  CHECK(errors.front().message == "must be > 0, got -3");
}

TEST_CASE("a zero arrival rate is rejected", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .call_type("rate_per_hour = 0.0\n"
                                        "talk = { dist = \"exponential\", mean = 1 }")
                             .text());
  CHECK(e.line == 3);
  CHECK(e.key == "tenants.a.call_types.c.rate_per_hour");
  CHECK(e.message == "must be > 0, got 0.0");
}

TEST_CASE("a negative rate in a profile is reported with its element index", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .call_type("talk = { dist = \"fixed\", mean = 1 }\n"
                                        "arrivals = { interval = \"15m\", rates_per_hour = [10, 20, -5] }")
                             .text());
  CHECK(e.line == 4);
  CHECK(e.column == 58);
  CHECK(e.key == "tenants.a.call_types.c.arrivals.rates_per_hour[2]");
  CHECK(e.message == "must be >= 0, got -5");
}

TEST_CASE("a profile whose rates are all zero is rejected", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .call_type("talk = { dist = \"fixed\", mean = 1 }\n"
                                        "arrivals = { interval = \"15m\", rates_per_hour = [0, 0] }")
                             .text());
  CHECK(e.line == 4);
  CHECK(e.key == "tenants.a.call_types.c.arrivals.rates_per_hour");
  CHECK_THAT(e.message, Contains("all rates are 0"));
}

TEST_CASE("a profile needs a positive interval and at least one rate", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .call_type("talk = { dist = \"fixed\", mean = 1 }\n"
                                         "arrivals = { interval = 0, rates_per_hour = [] }")
                              .text());
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].key == "tenants.a.call_types.c.arrivals.interval");
  CHECK(errors[0].message == "must be > 0, got 0");
  CHECK(errors[1].key == "tenants.a.call_types.c.arrivals.rates_per_hour");
  CHECK(errors[1].message == "must list at least one rate");
}

TEST_CASE("a daily profile longer than a day is rejected", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .call_type("talk = { dist = \"fixed\", mean = 1 }\n"
                                        "arrivals = { interval = \"10h\", start = \"+5h\", rates_per_hour = [1, 2], "
                                        "repeat_daily = true }")
                             .text());
  CHECK(e.line == 4);
  CHECK(e.key == "tenants.a.call_types.c.arrivals.rates_per_hour");
  CHECK_THAT(e.message, Contains("must fit in one day"));
}

TEST_CASE("both rate forms in one call type are rejected at the later one", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .call_type("rate_per_hour = 10\n"
                                        "talk = { dist = \"fixed\", mean = 1 }\n"
                                        "arrivals = { interval = \"1h\", rates_per_hour = [1] }")
                             .text());
  CHECK(e.line == 5);
  CHECK(e.key == "tenants.a.call_types.c.arrivals");
  CHECK_THAT(e.message, Contains("either rate_per_hour") && Contains("not both"));
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
    auto e = only_error_of(minimal_scenario{}.head(std::string{"duration = "} + c.value).text());
    CHECK(e.line == 1);
    CHECK(e.column == 12);
    CHECK(e.key == "duration");
    CHECK_THAT(e.message, Contains(c.message));
  }
}

TEST_CASE("a zero or negative duration is rejected", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .head("duration = 0\n"
                                    "warmup = -5")
                              .text());
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
    auto e = only_error_of(minimal_scenario{}
                               .head("start = \"08:00\"\n"
                                     "duration = \"8h\"")
                               .tail(std::string{"shift = { logout = \"16:00\", login = "} + c.login + " }")
                               .text());
    CHECK(e.line == 11);
    CHECK(e.column == 37);
    CHECK(e.key == "tenants.a.agents[0].shift.login");
    CHECK_THAT(e.message, Contains(c.message));
  }
}

TEST_CASE("the scenario start must be a time of day", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .head("start = \"24:00\"\n"
                                   "duration = \"8h\"")
                             .text());
  CHECK(e.line == 1);
  CHECK(e.key == "start");
  CHECK_THAT(e.message, Contains("before 24:00"));
}

TEST_CASE("warmup and warmup_calls together are rejected at the later one", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .head("duration = \"8h\"\n"
                                   "warmup = \"30m\"\n"
                                   "warmup_calls = 100")
                             .text());
  CHECK(e.line == 3);
  CHECK(e.key == "warmup_calls");
  CHECK_THAT(e.message, Contains("not both"));
}

TEST_CASE("a warmup that is not shorter than the duration is rejected", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .head("duration = \"1h\"\n"
                                   "warmup = \"60m\"")
                             .text());
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
    auto e = only_error_of(minimal_scenario{}
                               .agents(std::string{"type = \"t\"\n"
                                                   "count = "} +
                                       c.count)
                               .text());
    CHECK(e.line == 9);
    CHECK(e.key == "tenants.a.agents[0].count");
    CHECK(e.message == c.message);
  }
}

TEST_CASE("calls, seed and queue limits are checked against their bounds", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .head("calls = 0\n"
                                    "seed = -1\n"
                                    "[tenants.a]\n"
                                    "max_queue = 0")
                              .call_type("rate_per_hour = 1\n"
                                         "talk = { dist = \"fixed\", mean = 1 }\n"
                                         "max_queue = -4\n"
                                         "max_wait = \"0s\"\n"
                                         "priority = 5000")
                              .text());
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 6);
  CHECK((errors[0].key == "calls" && errors[0].message == "must be > 0, got 0"));
  CHECK((errors[1].key == "seed" && errors[1].message == "must be >= 0, got -1"));
  CHECK((errors[2].key == "tenants.a.max_queue" && errors[2].line == 4));
  CHECK((errors[3].key == "tenants.a.call_types.c.max_queue" && errors[3].message == "must be > 0, got -4"));
  CHECK((errors[4].key == "tenants.a.call_types.c.max_wait" && errors[4].message == "must be > 0, got \"0s\""));
  CHECK((errors[5].key == "tenants.a.call_types.c.priority" && errors[5].line == 10));
}

TEST_CASE("a service-level target outside 0 < x <= 1 is rejected", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .head("duration = \"1h\"\n"
                                    "[tenants.a]\n"
                                    "service_level_target = 80\n"
                                    "service_level_seconds = -20")
                              .text());
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].key == "tenants.a.service_level_target");
  CHECK(errors[0].message == "must be a share in (0, 1], such as 0.8, got 80");
  CHECK(errors[1].line == 4);
  CHECK(errors[1].message == "must be > 0, got -20");
}

TEST_CASE("an unknown idle policy is reported with a suggestion", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .head("duration = \"1h\"\n"
                                   "[tenants.a]\n"
                                   "idle_policy = \"since_last\"")
                             .text());
  CHECK(e.line == 3);
  CHECK(e.key == "tenants.a.idle_policy");
  CHECK(e.message == "unknown idle policy \"since_last\"; did you mean \"since_last_call\"?");
}

TEST_CASE("an unknown distribution is reported with a suggestion", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .call_type("rate_per_hour = 1\n"
                                        "talk = { dist = \"exponentail\", mean = 1 }")
                             .text());
  CHECK(e.line == 4);
  CHECK(e.key == "tenants.a.call_types.c.talk.dist");
  CHECK(e.message == "unknown distribution \"exponentail\"; did you mean \"exponential\"?");
}

TEST_CASE("a distribution must be a table", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .call_type("rate_per_hour = 1\n"
                                        "talk = 180")
                             .text());
  CHECK(e.line == 4);
  CHECK(e.key == "tenants.a.call_types.c.talk");
  CHECK_THAT(e.message, Contains("expected a table such as { dist = \"exponential\", mean = 180 }, got integer 180"));
}

TEST_CASE("distribution parameters are required or refused by kind, and bounded", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .call_type("rate_per_hour = 1\n"
                                         "talk = { dist = \"normal\", mean = 180 }\n"
                                         "wrap_up = { dist = \"exponential\", mean = 30, sd = 3, min = 1 }\n"
                                         "patience = { dist = \"lognormal\", mean = 0, sd = 0 }")
                              .extra_call_type("d", "rate_per_hour = 1\n"
                                               "talk = { dist = \"normal\", mean = 100, sd = 10, min = 170 }\n"
                                               "wrap_up = { dist = \"fixed\", mean = -1 }")
                              .agent_type("skills = [\"c\", \"d\"]")
                              .text());
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
