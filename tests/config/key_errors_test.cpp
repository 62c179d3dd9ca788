// Bad input, part 1: the file as a whole. Syntax errors, unknown and
// missing keys, wrong value types, and how errors are located, collected
// and printed. Each case checks WHERE (line, and column when it matters),
// WHICH KEY and WHAT the message says, not just "it failed".
#include "config/scenario_loader.hpp"

#include <algorithm>

#include "tests/config/loader_test_support.hpp"
#include "tests/config/minimal_scenario.hpp"

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

TEST_CASE("an unknown top-level key is reported with a did-you-mean suggestion", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .head("duration = \"1h\"\n"
                                   "seeed = 4")
                             .call_type("rate_per_hour = 1\n"
                                        "talk = { dist = \"exponential\", mean = 1 }")
                             .text());
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
  const std::string exponential_call = "rate_per_hour = 1\n"
                                       "talk = { dist = \"exponential\", mean = 1 }";
  // In the last three the group comes first, right after `duration`.
  auto group_first = [&](const std::string& group) {
    return minimal_scenario{}
        .head("duration = \"1h\"\n"
              "[[tenants.a.agents]]\n" +
              group)
        .call_type(exponential_call)
        .without_agents()
        .text();
  };
  std::vector<std::pair<std::string, level>> cases = {
      {minimal_scenario{}
           .head("duration = \"1h\"\n"
                 "[tenants.a]\n"
                 "service_level_secs = 20")
           .call_type(exponential_call)
           .text(),
       {3, "tenants.a.service_level_secs", "service_level_seconds"}},
      {minimal_scenario{}
           .call_type("rate_per_hr = 1\n"
                      "talk = { dist = \"fixed\", mean = 1 }")
           .text(),
       {3, "tenants.a.call_types.c.rate_per_hr", "rate_per_hour"}},
      {minimal_scenario{}
           .call_type("arrivals = { intervall = \"1h\", rates_per_hour = [1] }\n"
                      "talk = { dist = \"fixed\", mean = 1 }")
           .text(),
       {3, "tenants.a.call_types.c.arrivals.intervall", "interval"}},
      {minimal_scenario{}
           .call_type("talk = { dist = \"fixed\", maen = 1, mean = 1 }\n"
                      "rate_per_hour = 1")
           .text(),
       {3, "tenants.a.call_types.c.talk.maen", "mean"}},
      {minimal_scenario{}
           .call_type(exponential_call)
           .agent_type("skils = [\"c\"]\n"
                       "skills = [\"c\"]")
           .text(),
       {6, "tenants.a.agent_types.t.skils", "skills"}},
      {group_first("type = \"t\"\n"
                   "counts = 1\n"
                   "count = 1"),
       {4, "tenants.a.agents[0].counts", "count"}},
      {group_first("shift = { login = \"08:00\", logout = \"09:00\", brakes = [] }\n"
                   "type = \"t\"\n"
                   "count = 1"),
       {3, "tenants.a.agents[0].shift.brakes", "breaks"}},
      {group_first("shift = { login = \"08:00\", logout = \"09:00\", "
                   "breaks = [{ start = \"08:10\", lenght = \"5m\", length = \"5m\" }] }\n"
                   "type = \"t\"\n"
                   "count = 1"),
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

TEST_CASE("a misspelt required key is reported once, as unknown with its suggestion", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .head("call = 100")
                              .call_type("arival = { interval = \"1h\", rates_per_hour = [1], repeat_daily = true }\n"
                                         "talk = { dist = \"fixed\", mean = 1 }")
                              .text());
  INFO(all_messages(errors));
  REQUIRE(errors.size() == 2);
  CHECK((errors[0].line == 1 && errors[0].key == "call"));
  CHECK_THAT(errors[0].message, Contains("did you mean \"calls\"?"));
  CHECK((errors[1].line == 3 && errors[1].key == "tenants.a.call_types.c.arival"));
  CHECK_THAT(errors[1].message, Contains("did you mean \"arrivals\"?"));
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
  auto errors = errors_of(minimal_scenario{}
                              .head("duration = \"1h\"\n"
                                    "seed = \"forty-two\"")
                              .call_type("rate_per_hour = \"fast\"\n"
                                         "talk = { dist = \"fixed\", mean = true }")
                              .agent_type("skills = \"c\"")
                              .text());
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
  auto e = only_error_of(minimal_scenario{}.head("seed = 3").text());
  CHECK(e.line == 1);
  CHECK(e.key == "duration");
  CHECK_THAT(e.message, Contains("missing required key \"duration\"") && Contains("calls"));
}

TEST_CASE("names that are not bare keys are quoted in key paths", "[config]") {
  auto e = only_error_of(minimal_scenario{}
                             .names("\"acme corp\"", "c", "t")
                             .call_type("rate_per_hour = -1\n"
                                        "talk = { dist = \"fixed\", mean = 1 }")
                             .text());
  CHECK(e.line == 3);
  CHECK(e.key == "tenants.\"acme corp\".call_types.c.rate_per_hour");
}

TEST_CASE("all problems in a file are reported together, in file order", "[config]") {
  auto errors = errors_of(minimal_scenario{}
                              .head("duration = \"1h\"\n"
                                    "seeed = 1")
                              .call_type("rate_per_hour = -1\n"
                                         "talk = { dist = \"fixed\", mean = -1 }")
                              .agent_type("skills = [\"c\", \"x\"]")
                              .agents("type = \"t\"\n"
                                      "count = 0")
                              .text());
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
